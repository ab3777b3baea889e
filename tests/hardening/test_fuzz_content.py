"""Fuzzing the content pipeline (issue 9): article front matter and citation syntax.

Only the documented outcomes may happen: front matter is either accepted or rejected with
field-level messages naming the file; citation text is rewritten or its unknown keys reported
with a line number. Never a traceback, never unescaped markup from a key.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from build_tools.citations.bibliography import load_bibliography
from build_tools.citations.page import cite_markdown
from build_tools.editorial.schema import validate_article

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BIBLIOGRAPHY = load_bibliography(ROOT / "docs" / "bibliography.yml")
KEYS = sorted(BIBLIOGRAPHY)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-5, 10_000)
    | st.floats(allow_nan=True)
    | st.text(max_size=12)
    | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1))
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
field_names = st.sampled_from(
    [
        "id",
        "title",
        "description",
        "version",
        "status",
        "last_updated",
        "review_interval_days",
        "authors",
        "reviewers",
        "review_history",
        "approved_sha256",
        "unknown_field",
    ]
)
real_meta = yaml.safe_load(
    (ROOT / "docs" / "trastuzumab" / "index.md").read_text(encoding="utf-8").split("---")[1]
)


@given(st.dictionaries(field_names, values, max_size=10))
def test_any_front_matter_is_accepted_or_rejected_with_field_messages(meta: dict[str, Any]) -> None:
    meta = {"id": "x", "status": "submitted", **meta}
    article, problems = validate_article(meta, "docs/x/index.md")
    assert (article is None) == bool(problems)
    for problem in problems:
        assert "docs/x/index.md" in problem


@given(field_names, values)
def test_mutating_one_field_of_the_real_article_never_crashes(field: str, value: Any) -> None:
    _, problems = validate_article({**real_meta, field: value}, "docs/trastuzumab/index.md")
    assert all("docs/trastuzumab/index.md" in p for p in problems)


pieces = st.sampled_from(
    [
        "[@",
        "]",
        "; @",
        "@",
        "`",
        "```\n",
        "~~~\n",
        "\n",
        " ",
        "<script>",
        "&",
        '"',
        "[",
        "](x)",
        "\\[@",
        "<!--",
        "-->",
        *KEYS[:5],
        "nokey",
        "wolff2018",
    ]
)


@given(st.lists(pieces, max_size=30).map("".join))
def test_citation_syntax_never_crashes_and_never_emits_markup_from_keys(text: str) -> None:
    page = cite_markdown(text, BIBLIOGRAPHY)
    lines = text.count("\n") + 1
    for unknown in page.unknown:
        assert 1 <= unknown.line <= lines
        assert "<" not in unknown.key or "&lt;" in page.markdown
    added = page.markdown.count("<script>") - text.count("<script>")
    assert added <= 0


def test_every_reference_link_is_well_formed() -> None:
    for key, entry in BIBLIOGRAPHY.items():
        assert entry.doi or entry.pmid or entry.url, key
        if entry.doi:
            assert entry.doi.startswith("10.") and " " not in entry.doi, key
        if entry.pmid:
            assert entry.pmid.isdigit(), key
        if entry.url:
            assert str(entry.url).startswith("https://"), key
