"""The review packet (``python -m build_tools.editorial packet``): what a clinician reviews, in one
self-contained page; and its parts: the side-by-side text diff, the rules in words, the
references changed, the statements marked unconfirmed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.editorial.packet import (
    blocks,
    reference_changes,
    side_by_side,
    unconfirmed_statements,
)
from build_tools.editorial.rules_changes import compare_rules, constants
from tests.editorial.helpers import AUTHOR, REVIEWER_ONE, ROOT, select

INSERTED = "Fixture drug is not given in pregnancy."


def test_an_inserted_sentence_is_marked_inside_its_paragraph() -> None:
    old = "# Title\n\nFirst paragraph stays.\n\nFixture drug treats fixture\ndisease in adults.\n"
    new = f"# Title\n\nFirst paragraph stays.\n\nFixture drug treats fixture\ndisease in adults. {INSERTED}\n"
    rows = side_by_side(old, new, new_first_line=10)
    (changed,) = [r for r in rows if r.kind == "changed"]
    assert changed.old_line == 5 and changed.new_line == 14  # the file's line, for the reviewer
    assert f"<ins> {INSERTED}</ins>" in changed.new or f"<ins>{INSERTED}</ins>" in str(
        changed.new
    ).replace("<ins> ", "<ins>")
    assert "<del>" not in changed.old
    # The hard wrap does not show as a change: the paragraph reads as one line.
    assert "Fixture drug treats fixture disease in adults." in str(changed.old)
    assert [r.kind for r in rows].count("same") >= 1


def test_a_never_approved_article_is_all_new_and_escaped() -> None:
    rows = side_by_side("", "# T\n\nA <b>tag</b> & more.\n\n- one\n- two\n")
    assert {r.kind for r in rows} == {"added"}
    assert "&lt;b&gt;tag&lt;/b&gt; &amp; more." in str(rows[1].new)
    assert "- one\n- two" in str(rows[2].new)  # list items keep their own lines
    assert [b.section for b in blocks("# T\n\nx\n\n## S\n\ny\n")] == ["T", "T", "S", "S"]


def test_statements_marked_unconfirmed_are_listed_with_their_note() -> None:
    body = (
        "Intro.\n\n"
        '!!! note "Editorial note: figures checked"\n'
        "    **Figures confirmed:** the 16 points.\n\n"
        "    **Figures unconfirmed:** the 8-week limit [@label]. More\n"
        "    words here.\n\n"
        '??? note "Editorial note: patients"\n'
        '    Checked. **Not confirmed against a source:** "about 2 kg".\n\n'
        "Plain text that mentions unconfirmed things without a label.\n"
    )
    found = unconfirmed_statements(body)
    assert [(u.note, u.label) for u in found] == [
        ("Editorial note: figures checked", "Figures unconfirmed"),
        ("Editorial note: patients", "Not confirmed against a source"),
    ]
    assert found[0].text == "the 8-week limit [@label]. More words here."
    assert found[0].line == 6 and found[1].text == '"about 2 kg".'


def test_rule_changes_are_said_in_words_from_the_rules_data() -> None:
    criteria = (ROOT / "calculator" / "rules" / "criteria.py").read_text(encoding="utf-8")
    words = (ROOT / "calculator" / "words" / "words.py").read_text(encoding="utf-8")
    before = constants(criteria)["LVEF_WITHHOLD_DROP_POINTS"]
    assert before.section.startswith("Cardiac") and "withholds trastuzumab" in before.doc
    old_value = f"{before.value:g}"
    changed_criteria = re.sub(
        r"^LVEF_WITHHOLD_DROP_POINTS = .*$",
        "LVEF_WITHHOLD_DROP_POINTS = 15.0",
        criteria,
        count=1,
        flags=re.M,
    )
    # A table written as literals (tables formatted from constants are compared through the door).
    (row,) = [r for r in constants(criteria)["BREAST_IHC"].value if r["score"] == "3+"]
    changed_criteria = changed_criteria.replace(
        row["definition"], "Withhold until LVEF recovers", 1
    )
    key = next(iter(constants(words)["CARDIAC_ACTION"].value))
    old_word = constants(words)["CARDIAC_ACTION"].value[key]
    changed_words = words.replace(f'"{old_word}"', '"New words"', 1)
    report = compare_rules(
        {"criteria.py": criteria, "words.py": words},
        {"criteria.py": changed_criteria, "words.py": changed_words},
    )
    by_name = {c.name: c for c in report.changes}
    threshold = by_name["LVEF_WITHHOLD_DROP_POINTS"]
    assert (threshold.old, threshold.new) == (old_value, "15")
    assert threshold.doc == before.doc and threshold.section == before.section
    (detail,) = by_name["BREAST_IHC"].details
    assert "definition:" in detail and "→ “Withhold until LVEF recovers”" in detail
    assert by_name["CARDIAC_ACTION"].details == (f"{key}: “{old_word}” → “New words”",)
    assert report.code_changed == []  # only data changed
    logic = criteria + "\n\ndef extra() -> int:\n    return 1\n"
    assert compare_rules({"criteria.py": criteria}, {"criteria.py": logic}).code_changed == [
        ("criteria.py", 4, 0)  # two blank lines and the function
    ]


def test_reference_changes_name_each_field() -> None:
    old = {"a": {"title": "T", "year": 2001}, "gone": {"title": "G"}}
    new = {"a": {"title": "T", "year": 2002}, "new": {"title": "N", "authors": ["X Y"]}}
    changes = {c["key"]: c for c in reference_changes(old, new)}
    assert changes["a"]["kind"] == "changed"
    assert changes["a"]["fields"] == [{"field": "year", "old": "2001", "new": "2002"}]
    assert changes["gone"]["kind"] == "removed" and changes["new"]["kind"] == "added"
    assert changes["new"]["words"] == "X Y. N"


@pytest.mark.e2e
def test_the_packet_renders_offline_in_chromium_with_the_inserted_sentence(
    editorial, article: Path, project: Path, board, browser, tmp_path: Path
) -> None:
    one, _ = board
    for day, step in enumerate((["submit", *AUTHOR], ["start-review", *REVIEWER_ONE]), 1):
        assert editorial(step[0], article, *step[1:], now=f"2025-02-0{day}T09:00:00Z").code == 0
    run = editorial(
        "approve", article, *REVIEWER_ONE, "--bump", "major", "--summary", "First.", *one.signs,
        now="2025-02-03T09:00:00Z",
    )  # fmt: skip
    assert run.code == 0, run.err
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("in adults.", f"in adults. {INSERTED}"), encoding="utf-8")
    steps = (
        ["submit", *AUTHOR, "--comment", "Pregnancy sentence added (for the reviewers)."],
        ["start-review", *REVIEWER_ONE],
    )
    for day, step in enumerate(steps, 4):
        assert editorial(step[0], article, *step[1:], now=f"2025-02-0{day}T09:00:00Z").code == 0
    out = tmp_path / "packet.html"
    run = editorial("packet", article, "-o", out)
    assert run.code == 0, run.err
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html

    requests: list[str] = []
    context = browser.new_context(offline=True)
    try:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(out.as_uri())
        assert page.locator("h1").inner_text() == "Review packet: Fixture drug: uses"
        row = page.locator("[data-testid=text-diff] tr[data-kind=changed]")
        assert row.count() == 1
        assert INSERTED in row.locator("td.new ins").inner_text()
        assert row.locator("td.old").inner_text().endswith("in adults.")
        assert row.locator("td.new").is_visible()
        # The reviewers' comment is here (not on public pages); the command to sign is filled in.
        assert "Pregnancy sentence added (for the reviewers)." in page.inner_text("#record")
        command = page.locator("[data-testid=sign-with-key]").inner_text()
        assert f"approve {article}" in command and f"--signer {one.principal}" in command
        assert "--reviewer 'Fixture Reviewer One'" in command
        assert "no hazard log yet" in page.locator("[data-testid=hazards-missing]").inner_text()
    finally:
        context.close()
    assert requests == [out.as_uri()], requests
    assert select(html, "section", id="unconfirmed")
