"""What the page's Python imports: the calculator modules its browser door reaches, and the
outside (standard-library) modules they name, read from the source with ``ast``.

The trimmed standard library (``stdlib.py``) is derived from this list at build time, so a new
``import decimal`` anywhere the page can reach, even inside a function, is shipped with the next
build; nothing is listed by hand.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

#: The module the page's worker imports (build_tools/theme/.../worker.mjs); everything it reaches,
#: lazily or not, is part of the page.
BROWSER_ENTRY = "calculator.doors.bridge"


@dataclass(frozen=True)
class PageImports:
    """``package`` modules reachable from the entry, and the outside modules they import."""

    package_modules: tuple[str, ...]
    external_modules: tuple[str, ...]


def _module_file(package_dir: Path, name: str, /) -> Path | None:
    parts = name.split(".")[1:]
    base = package_dir.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported_names(tree: ast.AST, module: str, is_package: bool, /) -> set[str]:
    """Every absolute module name an ``import``/``from`` statement of ``tree`` names (at any
    depth: function-level imports count), with ``from a import b`` also giving ``a.b``
    (``b`` may be a submodule)."""
    names: set[str] = set()
    here = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                prefix = ".".join([*base, *(node.module.split(".") if node.module else [])])
            else:
                prefix = node.module or ""
            if prefix == "__future__":
                continue
            names.add(prefix)
            names.update(f"{prefix}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def page_imports(package_dir: Path, /, entry: str = BROWSER_ENTRY) -> PageImports:
    """Walk the import graph of ``package_dir`` (a package named like its folder) from
    ``entry`` and the package itself."""
    package = package_dir.name
    seen: set[str] = set()
    external: set[str] = set()
    todo = [package, entry]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(package_dir, name)
        if path is None:
            continue  # `from calculator.x import y`: y is a name, not a module
        seen.add(name)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for imported in _imported_names(tree, name, path.name == "__init__.py"):
            if imported.split(".")[0] == package:
                # Importing a.b.c runs a and a.b first.
                parts = imported.split(".")
                todo += [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
            else:
                external.add(imported)
    return PageImports(tuple(sorted(seen)), tuple(sorted(external)))


def write_page_imports(package_dir: Path, out: Path, /) -> PageImports:
    """``page_imports`` as ``{"package": [...], "external": [...]}`` in ``out``: what the build
    scripts (make_snapshot.mjs, trim_stdlib.mjs) import under Pyodide."""
    found = page_imports(package_dir)
    payload = {"package": found.package_modules, "external": found.external_modules}
    out.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return found
