"""guide/audience: audience names, the ``/// audience`` block (Markdown -> HTML), the plugin's page
data, and a fixture mini-site build with the selector rendered by the theme override."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import markdown as md_lib
import pytest

from build_tools.audience.audiences import AudienceError, block_label, parse_audiences
from build_tools.audience.plugin import AudiencePlugin, audiences_in
from tests.conftest import ROOT, build_site

FIXTURES = ROOT / "tests" / "fixtures"


def render(source: str) -> str:
    return md_lib.markdown(
        source, extensions=["build_tools.audience.blocks", "pymdownx.blocks.admonition"]
    )


# --- Names and labels -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("patient", ("patient",)),
        ("student professional", ("student", "professional")),
        ("Student, professional", ("student", "professional")),
        ("patient patient", ("patient",)),
    ],
)
def test_parse_audiences(argument: str, expected: tuple[str, ...]) -> None:
    assert parse_audiences(argument) == expected


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("pateint", "unknown audience 'pateint'"),
        ("patient doctor", "unknown audience 'doctor'"),
        ("", "needs at least one audience"),
    ],
)
def test_bad_audiences_are_named(argument: str, message: str) -> None:
    with pytest.raises(AudienceError, match=message):
        parse_audiences(argument)


def test_block_labels_say_who_the_text_is_for() -> None:
    assert block_label(("patient",)) == "For patients and caregivers"
    assert block_label(("professional", "student")) == (
        "For students and nurses; physicians and pharmacists"
    )


# --- The block ------------------------------------------------------------------------------


def test_patient_block_renders_a_labelled_div_with_markdown_inside() -> None:
    html = render("/// audience | patient\nGiven as a *drip*.\n\n- one\n- two\n///\n")
    assert html == (
        '<div class="guide-audience" data-audience="patient">\n'
        '<p class="guide-audience__label">For patients and caregivers</p>\n'
        "<p>Given as a <em>drip</em>.</p>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        "</div>"
    )


def test_several_audiences_and_nesting() -> None:
    html = render(
        "/// audience | student professional\n"
        "Dose 8 mg/kg.\n\n"
        "/// note | Caution\nCheck LVEF.\n///\n"
        "///\n"
    )
    assert '<div class="guide-audience" data-audience="student professional">' in html
    assert "For students and nurses; physicians and pharmacists" in html
    assert re.search(
        r'data-audience="student professional">.*admonition.*</div>\s*</div>', html, re.S
    )


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("/// audience | pateint\nText.\n///\n", "'pateint'"),
        ("/// audience\nText.\n///\n", "at least one audience"),
    ],
)
def test_an_invalid_block_is_not_rendered_and_is_reported(
    source: str, named: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("WARNING", logger="mkdocs.plugins.guide.audience"):
        html = render(source)
    assert "guide-audience" not in html
    assert any(named in r.getMessage() for r in caplog.records)


def test_block_in_code_is_left_alone() -> None:
    html = md_lib.markdown(
        "```\n/// audience | patient\nx\n///\n```\n",
        extensions=["build_tools.audience.blocks", "pymdownx.superfences"],
    )
    assert "guide-audience" not in html.replace("/// audience", "")


# --- Plugin ---------------------------------------------------------------------------------


def test_audiences_found_in_rendered_html() -> None:
    html = render("/// audience | professional student\nA\n///\n\n/// audience | patient\nB\n///\n")
    assert audiences_in(html) == ["patient", "student", "professional"]
    assert audiences_in("<p>nothing</p>") == []


def test_config_defaults() -> None:
    plugin = AudiencePlugin()
    assert plugin.load_config({}) == ([], [])
    assert plugin.config.enabled is True
    assert plugin.config.selector_pages == ["index.md"]


# --- Fixture mini-site ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(
        tmp_path_factory.mktemp("audience") / "site",
        site_url="http://127.0.0.1:8000/",
        config=FIXTURES / "audience-site" / "mkdocs.yml",
    )


def article(site: Path, path: str) -> str:
    html = (site / path).read_text(encoding="utf-8")
    return re.search(r"<article[^>]*>(.*?)</article>", html, re.S).group(1)


@pytest.mark.build
def test_selector_is_under_the_title_hidden_until_javascript(site: Path) -> None:
    html = article(site, "article/index.html")
    fieldset = re.search(r"<fieldset[^>]*>.*?</fieldset>", html, re.S).group(0)
    assert re.match(r'<fieldset class="guide-audience-selector"[^>]* hidden>', fieldset)
    assert "<legend" in fieldset and "Which best describes you?</legend>" in fieldset
    radios = re.findall(
        r'<input type="radio" id="([^"]+)" name="guide-audience" value="(\w+)"', fieldset
    )
    assert radios == [
        ("guide-audience-patient", "patient"),
        ("guide-audience-student", "student"),
        ("guide-audience-professional", "professional"),
    ]
    labels = re.findall(r'<label[^>]* for="([^"]+)">.*?<span>([^<]+)</span>', fieldset, re.S)
    assert labels == [
        ("guide-audience-patient", "Patient or caregiver"),
        ("guide-audience-student", "Student or nurse"),
        ("guide-audience-professional", "Physician or pharmacist"),
    ]
    assert re.search(r'value="professional"[^>]* checked>', fieldset)
    assert 'role="status" aria-live="polite"' in fieldset
    # Order: title, selector, the early script, then the content and its blocks.
    order = [
        html.index("<h1"),
        html.index("<fieldset"),
        html.index('src="../assets/javascripts/guide/audience-early.js"'),
        html.index("Text for everyone"),
        html.index('class="guide-audience"'),
    ]
    assert order == sorted(order)
    assert "<script>" not in html  # no inline script (CSP)


@pytest.mark.build
def test_home_page_asks_and_pages_without_blocks_do_not(site: Path) -> None:
    assert "data-guide-audience-selector" in article(site, "index.html")
    assert "data-guide-audience-selector" not in article(site, "plain/index.html")


@pytest.mark.build
def test_selector_is_not_in_the_search_index(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index)
    assert "Patient text" in text
    assert "Which best describes you" not in text


@pytest.mark.build
def test_the_theme_ships_the_scripts_and_the_hiding_rules(site: Path) -> None:
    assert (site / "assets/javascripts/guide/audience.mjs").is_file()
    assert (site / "assets/javascripts/guide/audience-early.js").is_file()
    css = (site / "assets/stylesheets/guide.css").read_text(encoding="utf-8")
    assert '.guide-audience:not([data-audience~="professional"]) { display: none; }' in css


@pytest.mark.build
def test_invalid_audience_fails_the_strict_build_naming_the_value(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=FIXTURES / "audience-invalid",
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "unknown audience 'pateint'" in done.stdout + done.stderr
