"""MkDocs plugin ``guide/offline``: write ``sw.js`` with a content-hashed precache manifest."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from build_tools.constants import SW_CACHE_PREFIX, SW_PLACEHOLDERS
from build_tools.offline.config import OfflineConfig

log = logging.getLogger("mkdocs.plugins.guide.offline")
TEMPLATE = Path(__file__).with_name("sw.js")


def precache_manifest(site: Path, patterns: list[str], /) -> tuple[list[str], str]:
    """The files matching ``patterns`` (sorted, site-relative) and a hash of their bytes."""
    files = sorted({p for pattern in patterns for p in site.glob(pattern) if p.is_file()})
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(site).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return [p.relative_to(site).as_posix() for p in files], digest.hexdigest()[:16]


class OfflinePlugin(BasePlugin[OfflineConfig]):
    # After the Pyodide plugin (-50) has copied the runtime into the site.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        files, build = precache_manifest(site, list(self.config.precache))
        pages = [p for p in self.config.pages if (site / p / "index.html").is_file()]
        # The page HTML is part of what a visitor gets offline: hash it too.
        page_digest = hashlib.sha256(build.encode())
        for p in pages:
            page_digest.update((site / p / "index.html").read_bytes())
        build = page_digest.hexdigest()[:16]
        values = {
            "build": build,
            "cache_prefix": SW_CACHE_PREFIX,
            "precache": json.dumps(files),
            "pages": json.dumps(pages),
        }
        script = TEMPLATE.read_text(encoding="utf-8")
        for name, placeholder in SW_PLACEHOLDERS.items():
            script = script.replace(placeholder, values[name])
        (site / self.config.filename).write_text(script, encoding="utf-8")
        log.info(
            "Service worker %s: %d files precached, build %s",
            self.config.filename,
            len(files) + len(pages),
            build,
        )
