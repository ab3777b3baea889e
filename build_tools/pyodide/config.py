"""Options of the ``guide/pyodide`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

#: The runtime files a page needs; typings, source maps, ``pyodide.js`` and consoles are not.
#: The standard library is not copied: the build ships one trimmed to what the page imports.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")


class PyodideConfig(Config):
    enabled = c.Type(bool, default=True)
    # Where the npm package was installed (`npm ci` from package-lock.json).
    npm_package_dir = c.Type(str, default="node_modules/pyodide")
    # Folder of the site that receives the runtime, the wheel and the lock file.
    output_dir = c.Type(str, default="pyodide")
    runtime_files = c.ListOfItems(c.Type(str), default=list(RUNTIME_FILES))
    # The import package shipped as a wheel.
    package = c.Type(str, default="calculator")
    # A Python >=3.12 with pyodide-build installed (pyodide-build 0.26+ needs 3.12).
    lockfile_python = c.Type(str, default=".venv-pyodide/bin/python")
    # Keep only our package (and what it depends on) in the published lock file.
    trim_lockfile = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/pyodide")
    # A memory snapshot taken after `import calculator` (made with Node at build time); the
    # page restores it instead of starting Python and installing the wheel. The worker falls
    # back to the lock-file path when it is off or fails to restore.
    memory_snapshot = c.Type(bool, default=True)
    # Ship a standard library holding only the modules the page's Python imports (found in the
    # calculator's source from its browser door, then loaded under Pyodide; see stdlib.py),
    # as compiled bytecode: about 1.5 MB instead of 2.5 MB, and no parsing at start-up. Off:
    # Pyodide's own python_stdlib.zip.
    trim_stdlib = c.Type(bool, default=True)
    node = c.Type(str, default="node")
    # Pages (source paths) that start Pyodide from <head> for every visitor; elsewhere it starts
    # when the calculator is needed (see plugin.on_page_content).
    early_start = c.ListOfItems(c.Type(str), default=["calculator.md"])
