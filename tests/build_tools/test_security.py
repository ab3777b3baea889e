"""build_tools.security: one CSP, no inline script, and the copies of Material's scripts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.security.config import DEFAULT_POLICY
from build_tools.security.plugin import inline_scripts, serialize
from build_tools.serve import read_headers

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "build_tools" / "theme" / "assets" / "javascripts" / "guide"


def test_policy_allows_only_this_site_plus_wasm() -> None:
    policy = serialize(DEFAULT_POLICY)
    assert "script-src 'self' 'wasm-unsafe-eval'" in policy
    assert "'unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")
    assert "connect-src 'self'" in policy and "object-src 'none'" in policy
    assert "base-uri 'self'" in policy
    assert "http" not in policy


@pytest.mark.parametrize(
    ("html", "count"),
    [
        ("<script>alert(1)</script>", 1),
        ('<script type="module">import "x"</script>', 1),
        ('<script src="a.js"></script>', 0),
        ('<script id="__config" type="application/json">{"a": 1}</script>', 0),
        ("<script>\n</script>", 0),
    ],
)
def test_inline_script_detection(html: str, count: int) -> None:
    assert len(inline_scripts(html)) == count


@pytest.mark.parametrize("name", ["base", "palette", "content"])
def test_moved_material_scripts_match_the_installed_material(name: str) -> None:
    """A Material upgrade that changes these scripts must fail here, not silently drift."""
    import material

    partial = Path(material.__file__).parent / "templates/partials/javascripts" / f"{name}.html"
    # The last script is the one Material always emits (content.html has a feature-gated one
    # before it, for content.tabs.link, which this site does not enable).
    original = re.findall(r"<script>(.*?)</script>", partial.read_text())[-1]
    original = original.replace(
        'new URL("{{ config.extra.scope | d(base_url) }}",location)',
        "new URL(document.currentScript.dataset.mdScope,location)",
    )
    ours = {"base": "md-scope.js", "palette": "md-palette.js", "content": "md-content.js"}[name]
    assert (OURS / ours).read_text().splitlines()[1] == original


def test_built_pages_carry_the_csp_and_no_inline_script(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        assert 'http-equiv="Content-Security-Policy"' in html, page
        assert inline_scripts(html) == [], page
    headers = dict(read_headers(built_site))
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
