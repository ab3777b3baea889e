"""The published articles as they are in docs/: their review record covers what runs now."""

from __future__ import annotations

from build_tools.editorial.source import load_front_matter
from calculator.rules import rules_sha256
from tests.editorial.helpers import ROOT

ARTICLE = "docs/trastuzumab/index.md"


def test_the_article_was_submitted_or_approved_with_the_rules_that_run_now() -> None:
    """status.json's rules_sha256 is the digest the current version was approved or submitted
    with (CONTRACTS §3); the calculator states the digest it runs. They must be the same, so any
    change to calculator/ is put before the reviewers again (`python -m build_tools.editorial
    submit docs/trastuzumab/index.md --actor NAME`)."""
    meta, _ = load_front_matter((ROOT / ARTICLE).read_text(encoding="utf-8"), ARTICLE)
    recorded = [e["rules_sha256"] for e in meta["review_history"] if e.get("rules_sha256")]
    assert recorded, f"{ARTICLE}: no submission or approval recorded the rules digest"
    assert recorded[-1] == rules_sha256(), (
        f"{ARTICLE} was last submitted or approved with rules {recorded[-1][:8]}, but the "
        f"calculator now runs {rules_sha256()[:8]}: submit it again for review"
    )
