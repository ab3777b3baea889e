"""Material's palette stylesheet without the rule that restyles the whole page twice at load.

Material's palette component sets ``data-md-color-switching`` on ``<body>`` whenever it applies
the colour scheme (on every page load, not only when the reader toggles it) and removes it one
frame later. Its stylesheet ``palette.<hash>.min.css`` holds the only rule that names that
attribute::

    [data-md-color-switching] *, [data-md-color-switching] :after,
    [data-md-color-switching] :before { transition-duration: 0s !important }

Because the rule selects every descendant, Chromium restyles every element of the page when the
attribute is added and again when it is removed: two full style recalculations at load (about
23 ms each on the article's 2,900 elements on this machine, x4 on Lighthouse's phone), for a
rule that only stops colours from fading while the reader switches between light and dark.
Without the rule, an attribute nothing selects costs nothing; the switch fades over Material's
own transition times (at most 250 ms) instead of changing at once.

The patch is applied to the ``File`` that MkDocs copies (``on_files``), before any plugin reads
the site's bytes: the service worker's manifest and the precompressed copies see the patched
file. A Material release that changes the rule's text leaves the file untouched (and says so).
"""

from __future__ import annotations

import logging
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.guide.compress")

PALETTE = re.compile(r"^assets/stylesheets/palette\.[0-9a-f]+\.min\.css$")
#: The rule as Material 9.x minifies it (selector list and declaration block).
SWITCHING_RULE = re.compile(
    r"\[data-md-color-switching\] \*,\[data-md-color-switching\] :after,"
    r"\[data-md-color-switching\] :before\{[^}]*\}"
)


def without_switching_rule(css: str) -> tuple[str, int]:
    """``css`` without the switching rule, and how many copies of it were removed."""
    return SWITCHING_RULE.subn("", css)


def patch_palette(files: Files, config: MkDocsConfig) -> Files:
    """Replace Material's palette stylesheet in ``files`` by a copy without the rule."""
    for file in list(files):
        if not PALETTE.match(file.src_uri) or not file.abs_src_path:
            continue
        with open(file.abs_src_path, encoding="utf-8") as handle:
            css, removed = without_switching_rule(handle.read())
        if not removed:
            log.info("%s: no data-md-color-switching rule to remove", file.src_uri)
            continue
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=css))
    return files
