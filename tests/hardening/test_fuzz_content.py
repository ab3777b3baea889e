"""Fuzzing the content pipeline (issue 9): article front matter and citation syntax.

Only the documented outcomes may happen: front matter is accepted only with every required field,
or rejected with one message per problem naming the file and the field that is wrong (or missing);
citing adds only citation markup whose every link resolves, and reports unknown keys on a line of
the text. Hypothesis finds the inputs; each assertion can fail.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from build_tools.citations.bibliography import load_bibliography
from build_tools.citations.extension import CitationsExtension
from build_tools.editorial.schema import ArticleMeta, validate_article
from build_tools.editorial.source import dump_front_matter

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BIBLIOGRAPHY = load_bibliography(ROOT / "docs" / "bibliography.yml")
KEYS = sorted(BIBLIOGRAPHY)
EXTENSIONS = ["toc", "pymdownx.superfences"]

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


REQUIRED = {name for name, field in ArticleMeta.model_fields.items() if field.is_required()}
# "<file>[:<line>]: front matter field '<loc>': <what is wrong>", <loc> like
# review_history[0].hash or reviewers[0]["\n"] (a key that is not a plain name, quoted).
PROBLEM = re.compile(
    r"^(?P<file>[^:]+)(?::(?P<line>\d+))?: front matter field '(?P<loc>.*?)': (?P<what>.+)$"
)


def _parsed(problem: str, /) -> re.Match[str]:
    found = PROBLEM.match(problem)
    assert found, f"not a field-level message: {problem!r}"
    assert "Value error" not in problem and "pydantic" not in problem, problem
    return found


def _top(loc: str, /) -> str:
    return re.split(r"[.\[]", loc, maxsplit=1)[0]


def test_the_real_article_is_accepted() -> None:
    article, problems = validate_article(real_meta, "docs/trastuzumab/index.md")
    assert problems == []
    assert article is not None and article.id == "trastuzumab"


@given(st.dictionaries(field_names, values, max_size=10))
def test_any_front_matter_is_accepted_or_each_problem_names_the_right_field(
    meta: dict[str, Any],
) -> None:
    meta = {"id": "x", "status": "submitted", **meta}
    article, problems = validate_article(meta, "docs/x/index.md")
    if article is not None:
        assert meta.keys() >= REQUIRED
        return
    named = set()
    for problem in problems:
        found = _parsed(problem)
        assert found["file"] == "docs/x/index.md"
        field = _top(found["loc"])
        named.add(field)
        if field not in meta:
            assert field in REQUIRED and found["what"] == "is required", problem
        elif found["loc"] == field:
            assert found["what"] != "is required", problem
    assert REQUIRED - meta.keys() <= named, "every missing required field is reported"


@given(field_names, values)
def test_a_bad_value_in_one_field_of_the_real_article_is_reported_against_that_field(
    field: str, value: Any
) -> None:
    """... on the line of the file where that field is written."""
    meta = {**real_meta, field: value}
    source = f"---\n{dump_front_matter(meta)}---\nThe body.\n"
    written = source.split("\n").index(
        next(x for x in source.split("\n") if x.startswith(f"{field}:"))
    )
    _, problems = validate_article(meta, "docs/trastuzumab/index.md", source=source)
    for problem in problems:
        found = _parsed(problem)
        assert _top(found["loc"]) == field, problem
        assert found["line"] is not None and int(found["line"]) >= written + 1, problem


def test_a_key_that_is_not_a_name_is_named_on_one_line_with_its_file_and_line() -> None:
    """Found by the fuzzer: a reviewer written as ``{"\\n": null}``."""
    meta = {**real_meta, "reviewers": [{"\n": None}]}
    source = f"---\n{dump_front_matter(meta)}---\nThe body.\n"
    _, problems = validate_article(meta, "docs/trastuzumab/index.md", source=source)
    line = source.split("\n").index("reviewers:") + 2  # the first reviewer, below its key
    assert (
        f"docs/trastuzumab/index.md:{line}: front matter field 'reviewers[0][\"\\n\"]': is not a known field"
        in problems
    )
    for problem in problems:
        assert _parsed(problem)["line"] == str(line), problem


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
# Whole citations too (known and unknown keys), so most texts cite something.
citations = st.lists(st.sampled_from([*KEYS[:5], "nokey"]), min_size=1, max_size=3).map(
    lambda keys: "[@" + "; @".join(keys) + "]"
)
pieces = pieces | citations


_TAG = re.compile(r"<([a-z][a-z0-9]*)\b")
CITATION_TAGS = {"sup", "a", "span", "h2", "ol", "li"}


def _fragments_and_ids(html: str, /) -> tuple[set[str], set[str]]:
    hrefs = set(re.findall(r'href="#((?:ref|cite)-[^"]*)"', html))
    ids = set(re.findall(r'id="([^"]*)"', html))
    return hrefs, ids


@given(st.lists(pieces, max_size=30).map("".join))
def test_citing_adds_only_citation_markup_and_every_mark_resolves(text: str) -> None:
    """Against the same text rendered without citations: the only new elements are citation
    marks and the References section, every mark links to a reference on the page and back,
    and an unknown key is reported on a line of the text."""
    extension = CitationsExtension(bibliography=BIBLIOGRAPHY)
    cited = markdown.markdown(text, extensions=[extension, *EXTENSIONS])
    plain = markdown.markdown(text, extensions=EXTENSIONS)
    page = extension.page
    lines = text.count("\n") + 1
    for unknown in page.unknown:
        assert 1 <= unknown.line <= lines
    added = Counter(_TAG.findall(cited)) - Counter(_TAG.findall(plain))
    assert set(added) <= CITATION_TAGS, added
    hrefs, ids = _fragments_and_ids(cited)
    assert hrefs <= ids, hrefs - ids
    assert {f"ref-{ref.key}" for ref in page.references} <= ids
