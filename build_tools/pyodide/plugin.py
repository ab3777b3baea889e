"""MkDocs plugin ``guide/pyodide``: ship self-hosted Pyodide and the calculator wheel."""

from __future__ import annotations

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
from build_tools.pyodide import lockfile
from build_tools.pyodide.config import PyodideConfig
from build_tools.pyodide.wheel import WheelBuildError, build_wheel, sources_digest

log = logging.getLogger("mkdocs.plugins.guide.pyodide")


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

        wheel, lock, snapshot = self._build_cached()
        for stale in [*out.glob(f"{self.config.package}-*.whl"), *out.glob("snapshot-*.bin.gz")]:
            stale.unlink()
        shutil.copy2(wheel, out / wheel.name)
        shutil.copy2(lock, out / "pyodide-lock.json")
        manifest: dict[str, object] = {"wheel": wheel.name, "snapshot": None}
        if snapshot is not None:
            digest = hashlib.sha256(snapshot.read_bytes()).hexdigest()
            # Content-hashed name: a host may cache it forever; a new build gets a new name.
            name = f"snapshot-{digest[:16]}.bin.gz"
            shutil.copy2(snapshot, out / name)
            manifest.update(snapshot=name, snapshot_sha256=digest)
        (out / "runtime.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")

    def _build_cached(self) -> tuple[Path, Path, Path | None]:
        """Wheel, lock file and snapshot for the current sources, rebuilt only when they change."""
        package_dir = self._root / self.config.package
        try:
            digest = sources_digest(package_dir)
        except OSError as exc:
            raise PluginError(f"Cannot read {package_dir}: {exc}") from exc
        runtime = hashlib.sha256((self._npm_dir / "package.json").read_bytes()).hexdigest()
        key = hashlib.sha256(f"{digest}{runtime}{self._memory_snapshot}".encode())
        cache = self._root / self.config.cache_dir / key.hexdigest()[:16]
        lock_path = cache / "pyodide-lock.json"
        snapshot = cache / "snapshot.bin.gz" if self._memory_snapshot else None
        wheels = sorted(cache.glob("*.whl")) if cache.is_dir() else []
        if wheels and lock_path.is_file() and (snapshot is None or snapshot.is_file()):
            return wheels[0], lock_path, snapshot
        shutil.rmtree(cache, ignore_errors=True)
        try:
            wheel = build_wheel(package_dir, cache)
        except WheelBuildError as exc:
            raise PluginError(str(exc)) from exc
        python = self._root / self.config.lockfile_python
        try:
            lockfile.add_wheel(self._npm_dir / "pyodide-lock.json", wheel, lock_path, python=python)
        except lockfile.LockfileError as exc:
            raise PluginError(str(exc)) from exc
        if self.config.trim_lockfile:
            lockfile.trim(lock_path, self.config.package)
        entry = json.loads(lock_path.read_text(encoding="utf-8"))["packages"][self.config.package]
        log.info("Built %s (sha256 %s…)", wheel.name, entry["sha256"][:12])
        if snapshot is not None:
            self._make_snapshot(wheel, snapshot)
        return wheel, lock_path, snapshot

    def _make_snapshot(self, wheel: Path, out: Path) -> None:
        script = Path(__file__).with_name("make_snapshot.mjs")
        # A minimal environment: nothing of the build machine's environment enters the snapshot.
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent"}
        done = subprocess.run(
            [self.config.node, str(script), str(self._npm_dir), str(wheel), str(out)],
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
