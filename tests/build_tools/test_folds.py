"""``/// fold | <audiences>``: a section folds to its one-line summary for the audiences named
(Markdown -> HTML through the real extensions; the browser side is tests/e2e/test_patient_view.py)."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree

import markdown as md_lib
import pytest

from build_tools.audience.folds import TOGGLE_LABEL
from build_tools.audience.plugin import heading_audiences, mark_toc


def render(source: str) -> etree.Element:
    html = md_lib.markdown(source, extensions=["toc", "build_tools.audience.blocks"])
    return etree.fromstring(f"<root>{html}</root>")


SOURCE = """\
Lead paragraph, never folded.

## Dosing

/// fold | patient
Exact doses, for the medical team.
///

Give 8 mg/kg once.

### Missed doses

Give it as soon as possible.

## References

Plain section without a fold.
"""


def test_a_section_with_a_fold_block_is_wrapped_with_summary_button_and_body() -> None:
    root = render(SOURCE)
    (section,) = root.findall("section")
    assert section.get("class") == "guide-fold"
    assert section.get("data-guide-fold") == "patient"
    assert section.get("aria-labelledby") == "dosing"
    heading, bar, body = list(section)
    assert (heading.tag, heading.get("id")) == ("h2", "dosing")
    summary, button = list(bar)
    assert "".join(summary.itertext()).strip() == "Exact doses, for the medical team."
    assert summary.get("data-guide-fold") == "patient"
    assert button.tag == "button"
    assert button.text == TOGGLE_LABEL
    assert button.get("type") == "button"
    assert button.get("aria-expanded") == "false"
    assert button.get("aria-controls") == body.get("id") == "guide-fold-dosing"
    # Hidden until the script can make it work: without JavaScript nothing folds.
    assert button.get("hidden") is not None
    # The whole section is kept, sub-headings included, in written order.
    assert [e.tag for e in body] == ["p", "h3", "p"]
    assert "8 mg/kg" in "".join(body.itertext())


def test_sections_without_a_fold_block_and_the_lead_are_untouched() -> None:
    root = render(SOURCE)
    tags = [child.tag for child in root]
    assert tags == ["p", "section", "h2", "p"]
    assert root[0].text == "Lead paragraph, never folded."
    assert root[2].get("id") == "references"


def test_fold_names_several_audiences() -> None:
    root = render("## A\n\n/// fold | patient student\nShort.\n///\n\nLong text.\n")
    assert root.find("section").get("data-guide-fold") == "patient student"


def test_a_fold_in_the_lead_folds_what_follows_it_up_to_the_first_section() -> None:
    root = render(
        "Kept above.\n\n/// fold | patient\nIntro for professionals.\n///\n\n"
        "Dense introduction.\n\nMore of it.\n\n## First\n\nText.\n"
    )
    assert [child.tag for child in root] == ["p", "section", "h2", "p"]
    assert root[0].text == "Kept above."
    section = root[1]
    assert section.get("aria-labelledby") is None
    bar, body = list(section)
    assert "".join(bar[0].itertext()).strip() == "Intro for professionals."
    assert bar[1].get("aria-controls") == body.get("id") == "guide-fold-lead"
    assert [p.text for p in body] == ["Dense introduction.", "More of it."]


@pytest.mark.parametrize("argument", ["", "doctor"])
def test_a_fold_with_no_or_an_unknown_audience_is_reported(
    argument: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.guide.audience"):
        root = render(f"## A\n\n/// fold | {argument}\nShort.\n///\n\nText.\n")
    assert root.find("section") is None
    assert any("Fold block not rendered" in r.getMessage() for r in caplog.records)


def test_headings_inside_audience_blocks_are_tagged_in_the_table_of_contents() -> None:
    md = md_lib.Markdown(extensions=["toc", "build_tools.audience.blocks"])
    html = md.convert(
        "/// audience | patient\n## For you\n\n### Detail\n///\n\n## Dosing\n\nText.\n"
    )
    found = heading_audiences(html)
    assert found == {"for-you": "patient", "detail": "patient"}

    class Item:
        def __init__(self, id: str, children: list[Item] | None = None) -> None:
            self.id, self.children = id, children or []

    toc = [Item("for-you", [Item("detail")]), Item("dosing")]
    mark_toc(toc, found)
    assert [toc[0].guide_audience, toc[0].children[0].guide_audience] == ["patient", "patient"]
    assert toc[1].guide_audience is None
