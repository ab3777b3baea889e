"""MkDocs plugin ``guide/compress``: precompressed copies beside every large file of the site.

``file.wasm.br`` and ``file.wasm.gz`` beside ``file.wasm``, for hosts that send a file's
precompressed copy when the browser accepts it (nginx ``gzip_static``/``brotli_static``,
``build_tools.serve``): Brotli at its best level costs seconds at build time, once, and nothing
per request. Runs last, so every file the other plugins write (pages, ``sw.js``, the runtime)
has its copies, and none of them lists the copies (the service worker's manifest and
``_headers`` name the files themselves; the copies are another encoding of the same bytes).
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from build_tools.compress.compressor import Settings, precompress
from build_tools.compress.config import CompressConfig
from build_tools.compress.encodings import is_precompressed_copy
from build_tools.compress.palette import patch_palette
from build_tools.security.caching import HOST_FILES

log = logging.getLogger("mkdocs.plugins.guide.compress")


def site_files(site: Path, skip_suffixes: list[str], /) -> list[Path]:
    """The files to compress: not host files, not compressed formats, not copies."""
    return sorted(
        p
        for p in site.rglob("*")
        if p.is_file()
        and p.name not in HOST_FILES
        and p.suffix.lower() not in skip_suffixes
        and not is_precompressed_copy(p)
    )


class CompressPlugin(BasePlugin[CompressConfig]):
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # What the site serves, lighter to render: Material's palette stylesheet without the
        # rule that restyles every element twice per page load (build_tools/compress/palette.py).
        if not self.config.patch_palette:
            return files
        return patch_palette(files, config)

    # After guide/security (-200), the last plugin that writes files.
    @event_priority(-300)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        root = Path(config.config_file_path).parent
        settings = Settings(
            min_bytes=self.config.min_bytes,
            min_saving=self.config.min_saving,
            brotli_quality=self.config.brotli_quality,
            gzip_level=self.config.gzip_level,
        )
        cache = root / self.config.cache_dir
        files = site_files(site, list(self.config.skip_suffixes))
        # Brotli releases the GIL while it compresses: the large files share the cores.
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            copies = sum(map(len, pool.map(lambda p: precompress(p, cache, settings), files)))
        log.info("Precompressed copies: %d, beside %d files", copies, len(files))
