"""``python -m build_tools.editorial``: transitions on fixture articles in temporary folders."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_tools.editorial.body import body_sha256, split_front_matter
from build_tools.editorial.cli import main
from build_tools.editorial.history import entry_hash
from tests.editorial.helpers import AUTHOR, REVIEWER_ONE, ROOT
from tests.editorial.signers import Reviewer

#: Signing options for a step refused before any signature is made (an illegal transition).
SIGNS = ["--signer", "reviewer-one@example.test", "--key", "unused-key"]


def meta_of(path: Path) -> dict:
    front, _ = split_front_matter(path.read_text(encoding="utf-8"))
    return yaml.safe_load(front or "")


def body_bytes(path: Path) -> bytes:
    raw = path.read_bytes()
    return raw[raw.index(b"\n---", 3) + 4 :]


def under_review(editorial, article: Path) -> None:
    assert editorial("submit", article, *AUTHOR, now="2025-02-01T09:00:00Z").code == 0
    assert editorial("start-review", article, *REVIEWER_ONE, now="2025-02-02T09:00:00Z").code == 0


def approve(
    editorial,
    article: Path,
    one: Reviewer,
    bump: str = "major",
    now: str = "2025-02-03T09:00:00Z",
) -> object:
    """Fixture Reviewer One approves, signing with their throwaway key (the board fixture)."""
    return editorial(
        "approve",
        article,
        *REVIEWER_ONE,
        "--bump",
        bump,
        "--summary",
        "Checked against the label.",
        *one.signs,
        now=now,
    )


def test_submit_records_the_first_entry(editorial, article: Path) -> None:
    run = editorial("submit", article, *AUTHOR, "--comment", "Ready for review")
    assert run.code == 0, run.err
    meta = meta_of(article)
    (entry,) = meta["review_history"]
    assert entry["action"] == "submit" and entry["actor"] == "Fixture editorial team"
    assert entry["role"] == "author" and entry["from"] is None and entry["to"] == "submitted"
    assert entry["at"] == "2025-02-01T09:00:00Z" and entry["comment"] == "Ready for review"
    assert entry["prev"] is None and entry["hash"] == entry_hash(entry)
    assert meta["status"] == "submitted" and meta["reviewers"] == []


@pytest.mark.parametrize(
    ("steps", "refused", "state", "legal"),
    [
        ([], ["start-review", *REVIEWER_ONE], "new", "submit"),
        (
            [["submit", *AUTHOR]],
            ["request-changes", "--reviewer", "Fixture Reviewer One", "--comment", "c"],
            "'submitted'",
            "submit",
        ),
        (
            [["submit", *AUTHOR]],
            ["approve", *REVIEWER_ONE, "--bump", "major", "--summary", "s", *SIGNS],
            "'submitted'",
            "submit",
        ),
        (
            [["submit", *AUTHOR], ["start-review", *REVIEWER_ONE]],
            ["submit", *AUTHOR],
            "'under_review'",
            "request-changes",
        ),
        (
            [
                ["submit", *AUTHOR],
                ["start-review", *REVIEWER_ONE],
                ["request-changes", "--reviewer", "Fixture Reviewer One", "--comment", "c"],
            ],
            ["approve", *REVIEWER_ONE, "--bump", "minor", "--summary", "s", *SIGNS],
            "'changes_requested'",
            "submit",
        ),
    ],
)
def test_illegal_transitions_are_refused_with_the_state_and_the_way_on(
    editorial, article: Path, steps: list[list[str]], refused: list[str], state: str, legal: str
) -> None:
    for step in steps:
        assert editorial(step[0], article, *step[1:]).code == 0
    before = article.read_bytes()
    run = editorial(refused[0], article, *refused[1:])
    assert run.code == 2
    assert f"cannot {refused[0]}" in run.err
    assert state in run.err and f"Legal next step(s): {legal}" in run.err
    assert article.read_bytes() == before


def test_request_changes_needs_a_reviewer_of_this_article(editorial, article: Path) -> None:
    under_review(editorial, article)
    run = editorial("request-changes", article, "--reviewer", "Somebody Else", "--comment", "No")
    assert run.code == 2 and "'Somebody Else' is not reviewing" in run.err
    run = editorial(
        "request-changes",
        article,
        "--reviewer",
        "Fixture Reviewer One",
        "--comment",
        "Cite the trial",
    )
    assert run.code == 0
    entry = meta_of(article)["review_history"][-1]
    assert entry["action"] == "request_changes" and entry["comment"] == "Cite the trial"
    assert entry["role"] == "Test oncologist" and entry["credentials"] == "MD (fixture)"


def test_reviewer_options_are_required(article: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["start-review", str(article), "--reviewer", "Fixture Reviewer One"])
    assert caught.value.code == 2


def test_approval_writes_version_hash_snapshot_and_date(editorial, article: Path, board) -> None:
    under_review(editorial, article)
    run = editorial(
        "approve",
        article,
        *REVIEWER_ONE,
        "--bump",
        "major",
        "--summary",
        "First version.",
        "--date",
        "2025-02-03",
        *board[0].signs,
        now="2025-02-04T10:00:00Z",
    )
    assert run.code == 0, run.err
    meta = meta_of(article)
    _, body = split_front_matter(article.read_text(encoding="utf-8"))
    assert meta["status"] == "approved" and meta["version"] == "1.0"
    assert meta["approved_sha256"] == body_sha256(body)
    assert str(meta["last_updated"]) == "2025-02-03"
    assert meta["reviewers"] == [
        {"name": "Fixture Reviewer One", "role": "Test oncologist", "credentials": "MD (fixture)"}
    ]
    entry = meta["review_history"][-1]
    assert (entry["action"], entry["bump"], entry["version"], entry["date"]) == (
        "approve",
        "major",
        "1.0",
        "2025-02-03",
    )
    assert entry["summary"] == "First version." and entry["body_sha256"] == meta["approved_sha256"]
    snapshot = article.parent / "_revisions" / "v1.0.md"
    record, snapshot_body = split_front_matter(snapshot.read_text(encoding="utf-8"))
    assert snapshot_body == body
    assert yaml.safe_load(record or "")["approved_sha256"] == meta["approved_sha256"]
    assert editorial("verify", article).code == 0


def test_minor_bump_and_a_new_cycle_resets_reviewers(editorial, article: Path, board) -> None:
    under_review(editorial, article)
    assert approve(editorial, article, board[0]).code == 0
    assert editorial("submit", article, *AUTHOR, now="2025-03-01T09:00:00Z").code == 0
    assert meta_of(article)["reviewers"] == []
    assert meta_of(article)["version"] == "1.0"
    assert editorial("start-review", article, *REVIEWER_ONE, now="2025-03-02T09:00:00Z").code == 0
    assert approve(editorial, article, board[0], "minor", now="2025-03-03T09:00:00Z").code == 0
    assert meta_of(article)["version"] == "1.1"
    assert (article.parent / "_revisions" / "v1.1.md").is_file()


def test_the_body_is_written_back_byte_for_byte(editorial, article: Path, board) -> None:
    text = article.read_text(encoding="utf-8").replace("adults.", "adults.   ")
    article.write_bytes(text.replace("\n", "\r\n").encode())
    before = body_bytes(article)
    under_review(editorial, article)
    assert approve(editorial, article, board[0]).code == 0
    assert body_bytes(article) == before
    assert b"\r\n" in before and b"adults.   \r\n" in before


def test_history_is_only_ever_appended(editorial, article: Path, board) -> None:
    seen: list[dict] = []
    steps = [
        ["submit", *AUTHOR],
        ["start-review", *REVIEWER_ONE],
        ["request-changes", "--reviewer", "Fixture Reviewer One", "--comment", "More detail"],
        ["submit", *AUTHOR],
        ["start-review", *REVIEWER_ONE],
        ["approve", *REVIEWER_ONE, "--bump", "major", "--summary", "s", *board[0].signs],
    ]
    for day, step in enumerate(steps, start=1):
        assert editorial(step[0], article, *step[1:], now=f"2025-02-0{day}T09:00:00Z").code == 0
        history = meta_of(article)["review_history"]
        assert history[: len(seen)] == seen and len(history) == len(seen) + 1
        seen = copy.deepcopy(history)


def test_a_hand_listed_reviewer_is_detected(editorial, article: Path) -> None:
    under_review(editorial, article)
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("role: Test oncologist", "role: Chief of everything", 1), encoding="utf-8"
    )
    run = editorial("verify", article)
    assert run.code == 1 and "reviewers do not match the review history" in run.err


def test_a_tampered_history_is_detected_and_blocks_further_steps(
    editorial, article: Path, board
) -> None:
    under_review(editorial, article)
    text = article.read_text(encoding="utf-8")
    head, _, tail = text.rpartition("role: Test oncologist")  # the history entry, not the list
    article.write_text(f"{head}role: Chief of everything{tail}", encoding="utf-8")
    run = editorial("verify", article)
    assert run.code == 1 and "review_history[1]" in run.err and "edited" in run.err
    run = approve(editorial, article, board[0])
    assert run.code == 2 and "review_history[1]" in run.err
    assert not (article.parent / "_revisions").exists()


def test_a_hand_set_status_is_detected(editorial, article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("status: submitted", "status: approved"), encoding="utf-8")
    run = editorial("verify", article)
    assert run.code == 1 and "review_history is empty" in run.err


def test_verify_reports_an_edited_snapshot_and_edited_approved_text(
    editorial, article: Path, board
) -> None:
    under_review(editorial, article)
    assert approve(editorial, article, board[0]).code == 0
    article.write_text(
        article.read_text(encoding="utf-8").replace("adults", "children"), encoding="utf-8"
    )
    run = editorial("verify", article)
    assert run.code == 1 and "edited after approval" in run.err
    assert f"python -m build_tools.editorial submit {article}" in run.err
    article.write_text(
        article.read_text(encoding="utf-8").replace("children", "adults"), encoding="utf-8"
    )
    assert editorial("verify", article).code == 0
    snapshot = article.parent / "_revisions" / "v1.0.md"
    snapshot.write_text(
        snapshot.read_text(encoding="utf-8").replace("8 mg/kg", "80 mg/kg"), encoding="utf-8"
    )
    run = editorial("verify", article)
    assert run.code == 1 and "snapshot of approved version 1.0 was edited" in run.err


def test_status_prints_the_state_and_the_next_steps(editorial, article: Path) -> None:
    under_review(editorial, article)
    run = editorial("status", article)
    assert run.code == 0
    assert "status:    under_review" in run.out
    assert "Fixture Reviewer One (Test oncologist, MD (fixture))" in run.out
    assert f"request-changes {article} --reviewer NAME --comment TEXT" in run.out
    assert f"approve {article} --reviewer NAME" in run.out


def test_runs_as_a_module(article: Path) -> None:
    env = {**os.environ, "GUIDE_NOW": "2025-02-01T09:00:00Z", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "build_tools.editorial",
            "start-review",
            str(article),
            *REVIEWER_ONE,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "Legal next step(s): submit" in done.stderr
    assert "Traceback" not in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "build_tools.editorial", "submit", str(article), *AUTHOR],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "submit recorded: now submitted" in done.stdout


def test_the_real_article_verifies_read_only_old_entries_included(capsys) -> None:
    """Entries recorded before reviews covered rules and references (no digests) still verify."""
    article = ROOT / "docs" / "trastuzumab" / "index.md"
    before = article.read_bytes()
    assert main(["verify", str(article)]) == 0, capsys.readouterr().err
    assert main(["status", str(article)]) == 0
    out = capsys.readouterr().out
    assert "rules_sha256:" in out and "bibliography_sha256:" in out
    assert article.read_bytes() == before
