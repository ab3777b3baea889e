"""MkDocs plugin ``guide/pyodide``: ship self-hosted Pyodide and the calculator wheel."""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_tools.constants import (
    CALCULATOR_MARKER,
    META_CALCULATOR,
    META_CALCULATOR_INPUTS,
    META_CALCULATOR_START,
)
from build_tools.pyodide import lockfile, stdlib
from build_tools.pyodide.config import PyodideConfig
from build_tools.pyodide.imports import write_page_imports
from build_tools.pyodide.wheel import (
    WheelBuildError,
    add_bytecode,
    build_wheel,
    sources_digest,
)

log = logging.getLogger("mkdocs.plugins.guide.pyodide")
#: Build scripts whose change must rebuild the cached wheel, standard library and snapshot.
_BUILD_SCRIPTS = ("make_snapshot.mjs", "trim_stdlib.mjs", "exercise.py", "imports.py")


def _copy_if_changed(src: Path, dst: Path) -> None:
    if (
        dst.is_file()
        and dst.stat().st_size == src.stat().st_size
        and dst.stat().st_mtime >= src.stat().st_mtime
    ):
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)


class PyodidePlugin(BasePlugin[PyodideConfig]):
    """Copies the runtime, builds the wheel once per source change, writes the lock file."""

    def __init__(self) -> None:
        super().__init__()
        self._serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` (make dev): no memory snapshot (the Node step takes seconds per change);
        # the page then starts from the lock file, as it does when a snapshot fails to load.
        self._serving = command == "serve"

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled:
            server.watch(str(self._root / self.config.package))
        return server

    @property
    def _memory_snapshot(self) -> bool:
        return self.config.memory_snapshot and not self._serving

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent
        self._root = root
        self._npm_dir = (root / self.config.npm_package_dir).resolve()
        if not (self._npm_dir / "pyodide-lock.json").is_file():
            raise PluginError(
                f"Pyodide is not installed at {self._npm_dir}: run `npm ci` (or `make setup`)."
            )
        return config

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # Pages with the calculator carry prestart.js in <head> (theme main.html): the pages
        # listed in `early_start` start Pyodide at once; the others only when the URL fills the
        # form (a shared link computes at once) and otherwise when the reader nears the
        # calculator or touches it (runtime.mjs): a reader who never does downloads no Python.
        if self.config.enabled and CALCULATOR_MARKER in html:
            page.meta[META_CALCULATOR] = True
            page.meta[META_CALCULATOR_START] = (
                "always" if page.file.src_uri in self.config.early_start else "query"
            )
            form = html[html.index(CALCULATOR_MARKER) :]
            page.meta[META_CALCULATOR_INPUTS] = " ".join(
                dict.fromkeys(re.findall(r'\sname="([a-z][a-z0-9_]*)"', form))
            )
        return html

    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        out = Path(config.site_dir) / self.config.output_dir
        for name in self.config.runtime_files:
            src = self._npm_dir / name
            if not src.is_file():
                raise PluginError(f"Pyodide runtime file missing: {src}. Run `npm ci`.")
            _copy_if_changed(src, out / name)

        wheel, lock, stdlib_zip, snapshot = self._build_cached()
        stale_names = (f"{self.config.package}-*.whl", "snapshot-*.bin.gz", "python_stdlib*.zip")
        for stale in [p for pattern in stale_names for p in out.glob(pattern)]:
            stale.unlink()
        shutil.copy2(wheel, out / wheel.name)
        shutil.copy2(lock, out / "pyodide-lock.json")
        # Content-hashed like the snapshot, whose memory holds the zip's directory: the two
        # always come from one build.
        stdlib_name = f"python_stdlib-{_digest(stdlib_zip)[:16]}.zip"
        shutil.copy2(stdlib_zip, out / stdlib_name)
        manifest: dict[str, object] = {
            "wheel": wheel.name,
            "stdlib": stdlib_name,
            # What the plain start installs: nothing when the trimmed standard library holds
            # the calculator (trim_stdlib.mjs), else its wheel, through the lock file.
            "packages": [] if self.config.trim_stdlib else [self.config.package],
            "snapshot": None,
        }
        if snapshot is not None:
            digest = _digest(snapshot)
            # Content-hashed name: a host may cache it forever; a new build gets a new name.
            name = f"snapshot-{digest[:16]}.bin.gz"
            shutil.copy2(snapshot, out / name)
            manifest.update(
                snapshot=name, snapshot_sha256=digest, snapshot_bytes=snapshot.stat().st_size
            )
        (out / "runtime.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")

    def _build_cached(self) -> tuple[Path, Path, Path, Path | None]:
        """Wheel, lock file, standard library and snapshot for the current sources, rebuilt
        only when they (or the build scripts) change."""
        package_dir = self._root / self.config.package
        try:
            digest = sources_digest(package_dir)
        except OSError as exc:
            raise PluginError(f"Cannot read {package_dir}: {exc}") from exc
        runtime = _digest(self._npm_dir / "package.json")
        scripts = "".join(_digest(Path(__file__).with_name(name)) for name in _BUILD_SCRIPTS)
        options = f"{self._memory_snapshot}{self.config.trim_stdlib}"
        key = hashlib.sha256(f"{digest}{runtime}{scripts}{options}".encode())
        cache = self._root / self.config.cache_dir / key.hexdigest()[:16]
        # Builds running side by side (the test suite's workers, a preview beside a test run)
        # share the cache: one makes an entry while the others wait for it, then read it.
        cache.parent.mkdir(parents=True, exist_ok=True)
        with (cache.parent / f"{cache.name}.lock").open("w") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            return self._build_into(cache, package_dir)

    def _build_into(self, cache: Path, package_dir: Path) -> tuple[Path, Path, Path, Path | None]:
        """The cache entry ``cache``: read it when complete, else make it (under the lock)."""
        lock_path = cache / "pyodide-lock.json"
        stdlib_zip = cache / "python_stdlib.zip"
        snapshot = cache / "snapshot.bin.gz" if self._memory_snapshot else None
        wheels = sorted(cache.glob("*.whl")) if cache.is_dir() else []
        done = [lock_path, stdlib_zip, *([snapshot] if snapshot else [])]
        if wheels and all(p.is_file() for p in done):
            return wheels[0], lock_path, stdlib_zip, snapshot
        shutil.rmtree(cache, ignore_errors=True)
        # The wheel as built from the sources, with its lock file, in its own folder: the
        # standard library is trimmed by starting Pyodide from them as the page does.
        source = cache / "source"
        try:
            source_wheel = build_wheel(package_dir, source)
        except WheelBuildError as exc:
            raise PluginError(str(exc)) from exc
        source_lock = source / "pyodide-lock.json"
        python = self._root / self.config.lockfile_python
        try:
            lockfile.add_wheel(
                self._npm_dir / "pyodide-lock.json", source_wheel, source_lock, python=python
            )
        except lockfile.LockfileError as exc:
            raise PluginError(str(exc)) from exc
        if self.config.trim_lockfile:
            lockfile.trim(source_lock, self.config.package)
        imports = cache / "page-imports.json"
        write_page_imports(package_dir, imports)
        wheel = cache / source_wheel.name
        if self.config.trim_stdlib:
            bytecode = source / "bytecode.zip"
            try:
                report = stdlib.trim(
                    self._npm_dir, source_lock, imports, stdlib_zip, bytecode, node=self.config.node
                )
            except stdlib.StdlibError as exc:
                raise PluginError(str(exc)) from exc
            log.info(
                "Standard library trimmed to %d modules (%d bytes)",
                len(report.modules),
                stdlib_zip.stat().st_size,
            )
            if report.unavailable:
                log.warning(
                    "The calculator imports modules Pyodide does not have: %s",
                    ", ".join(report.unavailable),
                )
            add_bytecode(source_wheel, bytecode, cache)
        else:
            shutil.copy2(self._npm_dir / "python_stdlib.zip", stdlib_zip)
            shutil.copy2(source_wheel, wheel)
        shutil.copy2(source_lock, lock_path)
        lockfile.replace_wheel(lock_path, self.config.package, wheel)
        entry = json.loads(lock_path.read_text(encoding="utf-8"))["packages"][self.config.package]
        log.info("Built %s (sha256 %s…)", wheel.name, entry["sha256"][:12])
        if snapshot is not None:
            self._make_snapshot(wheel, stdlib_zip, imports, snapshot)
        return wheel, lock_path, stdlib_zip, snapshot

    def _make_snapshot(self, wheel: Path, stdlib_zip: Path, imports: Path, out: Path) -> None:
        script = Path(__file__).with_name("make_snapshot.mjs")
        # A minimal environment: nothing of the build machine's environment enters the snapshot.
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent"}
        args = [str(self._npm_dir), str(wheel), str(stdlib_zip), str(imports), str(out)]
        done = subprocess.run(
            [self.config.node, str(script), *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if done.returncode != 0:
            raise PluginError(
                f"Making the Pyodide memory snapshot failed ({done.returncode}); set "
                f"memory_snapshot: false to build without it.\n{done.stderr[-1500:]}"
            )
        log.info("Pyodide memory snapshot: %s", done.stdout.strip())


def _digest(path: Path, /) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
