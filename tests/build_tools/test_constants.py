"""build_tools/constants.py is the one home of strings shared across files: the files that cannot
import it (templates, JavaScript) are checked here, and the built page carries what JS reads."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from build_tools.audience.audiences import AUDIENCES, DEFAULT_AUDIENCE
from build_tools.calculator_page.form import form_html
from build_tools.constants import (
    AUDIENCE_META_NAME,
    AUDIENCE_STORAGE_KEY,
    CALCULATOR_MARKER,
    PAGE_META_KEYS,
    SW_CACHE_PREFIX,
    SW_PLACEHOLDERS,
)
from tests.conftest import ROOT

THEME = ROOT / "build_tools" / "theme"
SCRIPTS = THEME / "assets" / "javascripts" / "guide"


def test_templates_read_only_the_page_meta_keys_the_plugins_write() -> None:
    used = {
        key
        for template in THEME.rglob("*.html")
        for key in re.findall(r"page\.meta\.(\w+)", template.read_text(encoding="utf-8"))
    }
    assert used, "the templates read page.meta"
    assert used <= PAGE_META_KEYS, used - PAGE_META_KEYS


def test_the_calculator_root_element_carries_the_marker() -> None:
    assert form_html(references_url="#ref").startswith(f"<div {CALCULATOR_MARKER}")


def test_service_worker_placeholders_and_cache_prefix() -> None:
    sw = (ROOT / "build_tools" / "offline" / "sw.js").read_text(encoding="utf-8")
    assert set(re.findall(r"__[A-Z_]+__", sw)) == set(SW_PLACEHOLDERS.values())
    assert SW_CACHE_PREFIX not in sw, "the prefix comes from the build, not the template"
    # The calculator worker keeps the decompressed snapshot apart (kept-snapshot.mjs), and empties
    # the cache where earlier builds kept it: never one of the service worker's (its prefix).
    kept = (SCRIPTS / "kept-snapshot.mjs").read_text(encoding="utf-8")
    caches = re.findall(r'const \w*CACHE\w* = "([^"]+)"', kept)
    assert caches and not any(name.startswith(SW_CACHE_PREFIX) for name in caches)


def test_the_audience_scripts_name_no_audience_themselves() -> None:
    for name in ("audience.mjs", "audience-early.js"):
        script = (SCRIPTS / name).read_text(encoding="utf-8")
        assert f'"{AUDIENCE_META_NAME}"' in script, name
        for audience in AUDIENCES:
            assert f'"{audience}"' not in script, (name, audience)


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and dict(attrs).get("name") == AUDIENCE_META_NAME:
            self.found.append(dict(attrs))


def test_every_built_page_carries_the_audience_list(built_site: Path) -> None:
    pages = [built_site / "index.html", built_site / "trastuzumab" / "index.html"]
    for page in pages:
        parser = _Meta()
        parser.feed(page.read_text(encoding="utf-8"))
        [meta] = parser.found
        assert meta["content"].split() == list(AUDIENCES)
        assert meta["data-default"] == DEFAULT_AUDIENCE
        assert meta["data-storage-key"] == AUDIENCE_STORAGE_KEY
