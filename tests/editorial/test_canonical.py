"""Canonical JSON (build_tools/editorial/canonical.py) and the editorial policy's own recipe for
re-checking an article's history: the Python shown on the policy page is run here."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest

from build_tools.editorial.body import body_sha256, split_front_matter
from build_tools.editorial.canonical import CanonicalError, canonical_json, canonical_sha256
from build_tools.editorial.history import append, verify
from tests.editorial.helpers import ROOT

POLICY = ROOT / "docs" / "editorial-policy.md"


def test_canonical_json_sorts_keys_without_spaces_and_keeps_unicode() -> None:
    record = {"b": [1, {"z": None, "a": "é"}], "a": "2 µg"}
    assert canonical_json(record) == '{"a":"2 µg","b":[1,{"a":"é","z":null}]}'
    assert canonical_sha256(record) == canonical_sha256(dict(reversed(record.items())))


@pytest.mark.parametrize("value", [dt.date(2025, 1, 31), {1, 2}, float("nan")])
def test_values_json_cannot_represent_are_errors_not_text(value: object) -> None:
    with pytest.raises(CanonicalError, match="cannot hash this record"):
        canonical_json({"at": value})


def test_a_history_entry_holding_a_date_is_reported_not_hashed_as_text() -> None:
    (entry,) = append([], {"action": "submit", "at": "2025-01-31T09:00:00Z"})
    assert verify([entry]) == []
    entry["at"] = dt.date(2025, 1, 31)  # what YAML makes of an unquoted date
    (problem,) = verify([entry])
    assert problem.startswith("review_history[0] (submit): cannot hash this record")


def _policy_snippet() -> str:
    text = POLICY.read_text(encoding="utf-8")
    section = text.split("## Checking a fingerprint yourself", 1)[1]
    # Shown as plain text (Pygments' token colours fail the contrast check), run as Python.
    (code,) = re.findall(r"```text\n(.*?)```", section, flags=re.S)
    return code


def _run_snippet(folder: Path) -> str:
    out = io.StringIO()
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(_policy_snippet(), str(POLICY), "exec"), {})
    finally:
        os.chdir(cwd)
    return out.getvalue()


def test_the_policy_recipe_re_checks_a_history_and_the_text(tmp_path: Path, editorial) -> None:
    article = tmp_path / "docs" / "trastuzumab" / "index.md"
    article.parent.mkdir(parents=True)
    article.write_text(
        (ROOT / "tests/fixtures/editorial-site/docs/article/index.md").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert editorial("submit", article, "--actor", "Fixture editorial team").code == 0
    assert editorial("submit", article, "--actor", "Fixture editorial team").code == 0
    body = split_front_matter(article.read_text(encoding="utf-8"))[1]
    printed = _run_snippet(tmp_path)
    assert printed.split() == ["text", body_sha256(body), "=", body_sha256(body)]
    # A rewritten entry fails the recipe's check.
    article.write_text(
        article.read_text(encoding="utf-8").replace("actor: Fixture editorial team", "actor: X", 1),
        encoding="utf-8",
    )
    with pytest.raises(AssertionError):
        _run_snippet(tmp_path)
