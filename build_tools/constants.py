"""Strings that must match across plugins, templates and JavaScript: each is defined here once.

Python reads them from here; templates get what they need through ``page.meta`` (keys below) and
``config.extra``; JavaScript gets what it needs from the page the build writes (a ``<meta>``
element, data attributes) or from a placeholder the build fills (``sw.js``).
``tests/build_tools/test_constants.py`` checks the files that cannot import this module.
"""

from __future__ import annotations

import re

__all__ = [
    "AUDIENCE_ATTRIBUTE",
    "AUDIENCE_BLOCK_CLASS",
    "AUDIENCE_BLOCK_PATTERN",
    "AUDIENCE_META_NAME",
    "AUDIENCE_STORAGE_KEY",
    "CALCULATOR_ATTRIBUTE",
    "CALCULATOR_CLASS",
    "CALCULATOR_MARKER",
    "EXTRA_AUDIENCE",
    "META_ARCHIVE",
    "META_AUDIENCES",
    "META_AUDIENCE_SELECTOR",
    "META_CALCULATOR",
    "META_CALCULATOR_INPUTS",
    "META_CALCULATOR_START",
    "META_EDITORIAL",
    "META_HANDOUT",
    "META_REFERENCES",
    "PAGE_META_KEYS",
    "SW_CACHE_PREFIX",
    "SW_PLACEHOLDERS",
]

# --- The calculator ------------------------------------------------------------------------
#: The calculator's root element (build_tools.calculator_page.form) starts with this; the pyodide
#: plugin finds calculator pages by it, and calculator.mjs mounts on ``[data-calculator]``.
CALCULATOR_CLASS = "guide-calculator"
CALCULATOR_ATTRIBUTE = "data-calculator"
CALCULATOR_MARKER = f'class="{CALCULATOR_CLASS}" {CALCULATOR_ATTRIBUTE}'

# --- Audience blocks and the selector --------------------------------------------------------
#: ``/// audience | patient`` renders ``<div class="guide-audience" data-audience="patient">``
#: (build_tools.audience.blocks); the audience plugin and guide.css read it back.
AUDIENCE_BLOCK_CLASS = "guide-audience"
AUDIENCE_ATTRIBUTE = "data-audience"
AUDIENCE_BLOCK_PATTERN = re.compile(
    rf'<div class="{AUDIENCE_BLOCK_CLASS}" {AUDIENCE_ATTRIBUTE}="([^"]*)"'
)
#: ``<meta name="guide-audiences" content="patient student professional" data-default=…
#: data-storage-key=…>`` in every page's head (theme main.html): the audience scripts' source.
AUDIENCE_META_NAME = "guide-audiences"
#: localStorage key of the reader's choice.
AUDIENCE_STORAGE_KEY = "guide.audience"
#: ``config.extra`` key the audience plugin fills for main.html.
EXTRA_AUDIENCE = "guide_audience"

# --- page.meta keys read by templates and other plugins ------------------------------------
META_CALCULATOR = "calculator"  # main.html: start the worker from <head> (prestart.js)
META_CALCULATOR_START = "calculator_start"  # main.html: "always" or "query" (guide/pyodide)
META_CALCULATOR_INPUTS = "calculator_inputs"  # main.html: the form's input names (prestart.js)
META_EDITORIAL = "guide_editorial"  # partials/content.html, partials/editorial/*
META_ARCHIVE = "guide_archive"  # partials/content.html, partials/editorial/archive.html, diff.html
META_AUDIENCES = "audiences"  # audiences addressed by a page's blocks
META_AUDIENCE_SELECTOR = "audience_selector"  # the selector as data
META_REFERENCES = "references"  # the page's numbered references (guide/citations)
META_HANDOUT = "guide_handout"  # a handout's article (guide/handout)
PAGE_META_KEYS = frozenset(
    {
        META_CALCULATOR,
        META_CALCULATOR_START,
        META_CALCULATOR_INPUTS,
        META_EDITORIAL,
        META_ARCHIVE,
        META_AUDIENCES,
        META_AUDIENCE_SELECTOR,
        META_REFERENCES,
        META_HANDOUT,
    }
)

# --- The service worker ----------------------------------------------------------------------
#: Every cache the service worker owns is named ``guide-<build>``; it deletes the others with
#: this prefix, so the calculator worker's own cache (worker.mjs) must not start with it.
SW_CACHE_PREFIX = "guide-"
#: Placeholders of build_tools/offline/sw.js -> what the offline plugin writes there.
SW_PLACEHOLDERS = {
    "build": "__BUILD__",
    "cache_prefix": "__CACHE_PREFIX__",
    "shell": "__SHELL__",
    "runtime": "__RUNTIME__",
}
