"""build_tools.editorial.history: the chain makes any rewrite visible."""

from __future__ import annotations

import copy

from build_tools.editorial.history import append, entry_hash, head, verify


def entries(count: int = 3) -> list[dict]:
    history: list[dict] = []
    for number in range(count):
        history = append(
            history,
            {"action": "submit", "actor": f"A{number}", "at": f"2025-01-0{number + 1}T00:00:00Z"},
        )
    return history


def test_each_entry_points_at_the_one_before() -> None:
    history = entries()
    assert history[0]["prev"] is None
    assert [e["prev"] for e in history[1:]] == [e["hash"] for e in history[:-1]]
    assert all(e["hash"] == entry_hash(e) for e in history)
    assert head(history) == history[-1]["hash"] and head([]) is None
    assert verify(history) == []


def test_append_does_not_touch_the_existing_entries() -> None:
    history = entries(2)
    before = copy.deepcopy(history)
    longer = append(
        history, {"action": "start_review", "actor": "R", "prev": "forged", "hash": "forged"}
    )
    assert history == before and longer[:2] == before
    assert longer[2]["prev"] == before[1]["hash"] and longer[2]["hash"] != "forged"


def test_an_edited_entry_is_named() -> None:
    history = entries()
    history[1]["actor"] = "Someone else"
    problems = verify(history)
    assert len(problems) == 1
    assert "review_history[1]" in problems[0] and "edited" in problems[0]


def test_removed_reordered_and_inserted_entries_break_the_chain() -> None:
    history = entries(4)
    removed = history[:1] + history[2:]
    assert any("review_history[1]" in p and "removed" in p for p in verify(removed))
    reordered = [history[0], history[2], history[1], history[3]]
    assert verify(reordered)
    forged = append(history[:2], {"action": "approve", "actor": "Forger"})[2]
    inserted = [*history[:2], forged, *history[2:]]
    assert any("review_history[3]" in p for p in verify(inserted))


def test_rehashing_an_edit_still_breaks_the_next_link() -> None:
    history = entries()
    history[0]["actor"] = "Rewritten"
    history[0]["hash"] = entry_hash(history[0])
    problems = verify(history)
    assert problems and all("review_history[1]" in p for p in problems)
