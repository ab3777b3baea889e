"""MkDocs plugin ``guide/pyodide``: ship self-hosted Pyodide and the calculator wheel."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from build_tools.pyodide import lockfile
from build_tools.pyodide.config import PyodideConfig
from build_tools.pyodide.wheel import WheelBuildError, build_wheel, sources_digest

log = logging.getLogger("mkdocs.plugins.guide.pyodide")


def _copy_if_changed(src: Path, dst: Path) -> None:
    if dst.is_file() and dst.stat().st_size == src.stat().st_size:
        if dst.stat().st_mtime >= src.stat().st_mtime:
            return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)


class PyodidePlugin(BasePlugin[PyodideConfig]):
    """Copies the runtime, builds the wheel once per source change, writes the lock file."""

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

        wheel, lock = self._build_cached()
        for stale in out.glob(f"{self.config.package}-*.whl"):
            if stale.name != wheel.name:
                stale.unlink()
        shutil.copy2(wheel, out / wheel.name)
        shutil.copy2(lock, out / "pyodide-lock.json")

    def _build_cached(self) -> tuple[Path, Path]:
        """The wheel and lock file for the current sources, rebuilt only when they change."""
        package_dir = self._root / self.config.package
        try:
            digest = sources_digest(package_dir)
        except OSError as exc:
            raise PluginError(f"Cannot read {package_dir}: {exc}") from exc
        cache = self._root / self.config.cache_dir / digest[:16]
        lock_path = cache / "pyodide-lock.json"
        wheels = sorted(cache.glob("*.whl")) if cache.is_dir() else []
        if wheels and lock_path.is_file():
            return wheels[0], lock_path
        shutil.rmtree(cache, ignore_errors=True)
        try:
            wheel = build_wheel(package_dir, cache)
        except WheelBuildError as exc:
            raise PluginError(str(exc)) from exc
        python = self._root / self.config.lockfile_python
        try:
            tool = lockfile.add_wheel(
                self._npm_dir / "pyodide-lock.json", wheel, lock_path, python=python
            )
        except lockfile.LockfileError as exc:
            raise PluginError(str(exc)) from exc
        if self.config.trim_lockfile:
            lockfile.trim(lock_path, self.config.package)
        entry = json.loads(lock_path.read_text(encoding="utf-8"))["packages"][self.config.package]
        log.info("Built %s (sha256 %s…, lock by %s)", wheel.name, entry["sha256"][:12], tool)
        return wheel, lock_path
