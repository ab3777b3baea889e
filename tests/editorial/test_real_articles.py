"""The published articles as they are in docs/: their review record covers what runs now."""

from __future__ import annotations

from build_tools.editorial.source import load_front_matter
from calculator.rules.digest import rules_sha256
from tests.editorial.helpers import ROOT

ARTICLE = "docs/trastuzumab/index.md"


def test_the_article_was_submitted_or_approved_with_the_rules_that_run_now() -> None:
    """status.json's rules_sha256 is the digest the current version was approved or submitted
    with (CONTRIBUTING.md#site); the calculator states the digest it runs. They must be the same, so any
    change to calculator/ is put before the reviewers again (`python -m build_tools.editorial
    submit docs/trastuzumab/index.md --actor NAME`)."""
    meta, _ = load_front_matter((ROOT / ARTICLE).read_text(encoding="utf-8"), ARTICLE)
    recorded = [e["rules_sha256"] for e in meta["review_history"] if e.get("rules_sha256")]
    assert recorded, f"{ARTICLE}: no submission or approval recorded the rules digest"
    assert recorded[-1] == rules_sha256(), (
        f"{ARTICLE} was last submitted or approved with rules {recorded[-1][:8]}, but the "
        f"calculator now runs {rules_sha256()[:8]}: submit it again for review"
    )


def test_the_project_signs_for_no_one() -> None:
    """The real articles stay submitted, the review board holds no invented reviewer, and no
    private key is ever committed (test keys live in tmp folders)."""
    import re

    from build_tools.editorial.project import find_project
    from tests.editorial.repo import worktree_files

    for name in (ARTICLE, "docs/trastuzumab/handout/index.md"):
        meta, _ = load_front_matter((ROOT / name).read_text(encoding="utf-8"), name)
        assert meta["status"] == "submitted", name
        assert not [e for e in meta["review_history"] if e["action"] == "approve"], name
    board = find_project(ROOT).board()
    assert board.problems == [] and board.members == [] and board.events == []
    for name in worktree_files():
        path = ROOT / name
        if path.is_file() and path.stat().st_size < 5_000_000:
            found = re.search(rb"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----", path.read_bytes())
            assert found is None, f"{name} holds a private key"
