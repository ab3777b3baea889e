"""MkDocs plugin ``guide/offline``: write ``sw.js`` with a content-hashed manifest.

The manifest names every file the worker may serve with the sha256 prefix of its bytes: the
shell (every page and what it needs to render), cached at install, and the calculator runtime,
cached only for readers who used the calculator. The worker serves a file only if its bytes are
this build's, so an open page never mixes two builds. The build id (cache name) is a hash of the
manifest: any changed byte installs a new worker, which waits until the reader reloads.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from build_tools.compress.encodings import is_precompressed_copy
from build_tools.constants import SW_CACHE_PREFIX, SW_PLACEHOLDERS
from build_tools.offline.config import OfflineConfig

log = logging.getLogger("mkdocs.plugins.guide.offline")
TEMPLATE = Path(__file__).with_name("sw.js")


def file_hash(path: Path, /) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def url_of(site: Path, path: Path, /) -> str:
    """The URL (relative to the site) a file is requested at: pages by their folder."""
    rel = path.relative_to(site).as_posix()
    return rel.removesuffix("index.html") if path.name == "index.html" else rel


def manifest(site: Path, patterns: list[str], /) -> dict[str, str]:
    """``{url: hash}`` for the files matching ``patterns`` (source maps and precompressed copies
    left out: the worker keeps the file's bytes, whatever encoding carried them), sorted."""
    files = {
        p
        for pattern in patterns
        for p in site.glob(pattern)
        if p.is_file() and not is_precompressed_copy(p)
    }
    return {url_of(site, p): file_hash(p) for p in sorted(files) if p.suffix != ".map"}


def not_installed(site: Path, runtime: dict[str, str], /) -> set[str]:
    """The wheels of ``runtime`` that the page never installs: those beside a ``runtime.json``
    whose ``packages`` (what the plain start installs) do not name them. With the calculator
    inside the trimmed standard library the list is empty, and a reader's offline copy need
    not keep the wheel."""
    unused: set[str] = set()
    for url in (u for u in runtime if u.rpartition("/")[2] == "runtime.json"):
        folder = url.removesuffix("runtime.json")
        packages = json.loads((site / url).read_text(encoding="utf-8")).get("packages")
        if not isinstance(packages, list):
            continue  # an older runtime.json: every wheel may be installed
        wanted = {str(name).replace("-", "_") for name in packages}
        for entry in runtime:
            name = entry.removeprefix(folder)
            beside = entry.startswith(folder) and "/" not in name
            if beside and name.endswith(".whl") and name.split("-")[0] not in wanted:
                unused.add(entry)
    return unused


def pages(site: Path, /) -> dict[str, str]:
    found = [*site.rglob("index.html"), *site.glob("404.html")]
    return {url_of(site, p): file_hash(p) for p in sorted(found)}


class OfflinePlugin(BasePlugin[OfflineConfig]):
    # After the Pyodide plugin (-50) has copied the runtime into the site.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        shell = {**pages(site), **manifest(site, list(self.config.shell))}
        runtime = manifest(site, list(self.config.runtime))
        for url in not_installed(site, runtime):
            del runtime[url]
        build = hashlib.sha256(json.dumps([shell, runtime]).encode()).hexdigest()[:16]
        values = {
            "build": build,
            "cache_prefix": SW_CACHE_PREFIX,
            "shell": json.dumps(shell, indent=1),
            "runtime": json.dumps(runtime, indent=1),
        }
        script = TEMPLATE.read_text(encoding="utf-8")
        for name, placeholder in SW_PLACEHOLDERS.items():
            script = script.replace(placeholder, values[name])
        (site / self.config.filename).write_text(script, encoding="utf-8")
        log.info(
            "Service worker %s: build %s, %d shell files, %d runtime files",
            self.config.filename,
            build,
            len(shell),
            len(runtime),
        )
