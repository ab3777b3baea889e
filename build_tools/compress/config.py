"""Options of the ``guide/compress`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

#: Formats that are compressed already (a copy would not be smaller).
COMPRESSED_SUFFIXES = [
    ".br",
    ".gz",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".woff",
    ".woff2",
]
# Not ".whl" or ".zip": the calculator's wheel and the trimmed standard library are written
# stored (uncompressed entries) so that their Brotli copies can compress across entries.


class CompressConfig(Config):
    enabled = c.Type(bool, default=True)
    # Material's palette stylesheet without its data-md-color-switching rule (palette.py).
    patch_palette = c.Type(bool, default=True)
    # Smaller files gain less than the bytes of the headers that announce the encoding.
    min_bytes = c.Type(int, default=1024)
    # A copy is written only when it saves at least this fraction of the file.
    min_saving = c.Type(float, default=0.05)
    skip_suffixes = c.ListOfItems(c.Type(str), default=COMPRESSED_SUFFIXES)
    # Brotli 11 with a 16 MiB window: slow to write (about 30 s for Pyodide's 9.6 MB wasm, once:
    # copies are cached by content), fast to read.
    brotli_quality = c.Type(int, default=11)
    gzip_level = c.Type(int, default=9)
    cache_dir = c.Type(str, default=".cache/compress")
