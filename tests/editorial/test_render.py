"""The article's editorial box, record, archive banner and diff, rendered by the real templates
(``build_tools/theme/partials/editorial/``) from the views the plugin computes."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment
from mkdocs.theme import Theme

from build_tools.editorial.archive import diff_text
from build_tools.editorial.articles import Article, load_article
from build_tools.editorial.project import find_project
from build_tools.editorial.source import ArticleFile
from build_tools.editorial.views import article_view, status_track
from tests.editorial.helpers import AUTHOR, THEME, select

PAGES = {
    "policy": "editorial-policy/",
    "disclaimer": "disclaimer/",
    "changelog": "whats-new/",
    "dashboard": "review-status/",
}


@pytest.fixture(scope="module")
def env() -> Environment:
    return Theme(name="material", custom_dir=str(THEME)).get_env()


def load(article_path: Path) -> Article:
    docs = article_path.parent.parent
    source = ArticleFile.read(article_path)

    def read_text(uri: str) -> str | None:
        file = docs / uri
        return file.read_text(encoding="utf-8") if file.is_file() else None

    return load_article(
        "article/index.md",
        "docs/article/index.md",
        source.meta,
        source.body,
        read_text=read_text,
        board=find_project(article_path).board(),
    )


def render_box(env: Environment, article: Article) -> str:
    view = article_view(
        article,
        link=lambda url: f"../{url}",
        pages=PAGES,
        revision_url=lambda version: f"article/v{version}/",
    )
    return env.get_template("partials/editorial/status.html").render(editorial=view)


@pytest.mark.parametrize(
    ("state", "current", "label"),
    [
        ("new", "submitted", "(current step)"),
        ("submitted", "submitted", "(current step)"),
        ("under_review", "under_review", "(current step)"),
        ("changes_requested", "under_review", "(current step: changes requested)"),
        ("approved", "approved", "(current step)"),
    ],
)
def test_status_track_marks_the_current_step_in_text(
    env: Environment, article: Path, walk, state: str, current: str, label: str
) -> None:
    walk(article, state)
    html = render_box(env, load(article))
    (track,) = select(html, "ol", class_="guide-status-track")
    steps = select(html, "li", class_="guide-status-track__step")
    assert [s.attrs["data-step"] for s in steps] == ["submitted", "under_review", "approved"]
    marked = select(html, "li", aria_current="step")
    assert len(marked) == 1 and marked[0].attrs["data-step"] == current
    assert label in marked[0].text
    assert track.text.count("(current step") == 1
    # The pending notice exactly when the article is not approved.
    notices = select(html, "div", data_testid="pending-review")
    if state == "approved":
        assert notices == []
        assert "pending human review" not in html
    else:
        (notice,) = notices
        assert notice.attrs["role"] == "note"
        assert "Educational purpose only — pending human review" in notice.text


def test_the_box_shows_version_date_reviewers_and_links(
    env: Environment, article: Path, walk
) -> None:
    walk(article, "under_review")
    html = render_box(env, load(article))
    facts = {
        dt.text: dd.text for dt, dd in zip(select(html, "dt"), select(html, "dd"), strict=True)
    }
    assert facts["Status"] == "Under review" and facts["Version"] == "0.1"
    assert facts["Last updated"] == "10 January 2025"
    assert facts["Reviewers"] == "Fixture Reviewer One, Test oncologist (MD (fixture))"
    links = {a.text: a.attrs["href"] for a in select(html, "a")}
    assert links["Editorial policy"] == "../editorial-policy/"
    assert links["What's new"] == "../whats-new/"
    assert links["Review history of this article"] == "#editorial-record"
    assert links["Read the full disclaimer"] == "../disclaimer/"


def test_no_reviewer_yet(env: Environment, article: Path) -> None:
    html = render_box(env, load(article))
    assert "No reviewer yet" in html
    assert select(html, "p", class_="guide-editorial__disclaimer")


def test_edited_after_approval_is_pending_again(env: Environment, article: Path, walk) -> None:
    walk(article, "approved")
    article.write_text(
        article.read_text(encoding="utf-8").replace("adults", "children"), encoding="utf-8"
    )
    loaded = load(article)
    assert loaded.edited_after_approval and not loaded.approved
    html = render_box(env, loaded)
    (marked,) = select(html, "li", aria_current="step")
    assert marked.attrs["data-step"] == "submitted" and "edited after approval" in marked.text
    (notice,) = select(html, "div", data_testid="pending-review")
    assert "since then its text changed; no reviewer has approved the change yet" in notice.text


def test_invalid_metadata_still_shows_the_notice_and_disclaimer(
    env: Environment, article: Path
) -> None:
    article.write_text(
        article.read_text(encoding="utf-8").replace("status: submitted", "status: done"),
        encoding="utf-8",
    )
    loaded = load(article)
    assert loaded.errors and not loaded.valid
    html = render_box(env, loaded)
    assert select(html, "div", data_testid="pending-review")
    assert select(html, "p", class_="guide-editorial__disclaimer")
    assert select(html, "ol") == []


def test_the_record_says_no_human_has_approved(env: Environment, article: Path, walk) -> None:
    walk(article, "submitted")
    view = article_view(load(article), link=lambda u: u, pages=PAGES, revision_url=lambda v: None)
    html = env.get_template("partials/editorial/record.html").render(editorial=view)
    assert "No human reviewer has approved this article yet." in html
    (event,) = select(html, "li", data_action="submit")
    assert "Submitted for review by Fixture editorial team (author)" in event.text


def test_status_track_changes_requested_is_part_of_review() -> None:
    steps = status_track("changes_requested")
    assert [s["state"] for s in steps] == ["done", "current", "todo"]
    assert steps[1]["note"] == "changes requested"


def test_diff_uses_ins_and_del(env: Environment) -> None:
    diff = diff_text(
        "a\nb <x>\nc\n", "a\nB <x>\nc\nd\n", old_label="version 1.0", new_label="current text"
    )
    assert (diff.added, diff.removed) == (2, 1)
    assert "-b <x>\n+B <x>\n" in diff.unified()
    archive = {
        "version": "1.0",
        "article_approved": True,
        "diff": {
            "identical": False,
            "added": diff.added,
            "removed": diff.removed,
            "lines": [{"kind": line.kind, "text": line.text} for line in diff.lines],
        },
    }
    html = env.get_template("partials/editorial/diff.html").render(archive=archive)
    assert [e.text for e in select(html, "del", class_="guide-diff__del")] == ["-b <x>"]
    assert [e.text for e in select(html, "ins", class_="guide-diff__add")] == ["+B <x>", "+d"]
    assert "&lt;x&gt;" in html
    assert diff_text("a\n", "a  \n", old_label="x", new_label="y").identical


def test_a_second_submission_is_titled_as_such() -> None:
    from build_tools.editorial.views import event_title

    assert event_title({"action": "submit", "from": None}) == "Submitted for review"
    assert event_title({"action": "submit", "from": "submitted"}) == "Submitted again for review"
    assert event_title({"action": "submit", "from": "approved"}) == (
        "Edited and submitted again for review"
    )


def test_a_note_that_ends_its_sentence_gets_no_second_full_stop(
    env: Environment, article: Path, editorial, walk
) -> None:
    walk(article, "submitted")
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    note = "The dose line now leads with the maintenance dose (a re-load counts)."
    run = editorial("submit", article, *AUTHOR, "--note", note, now="2025-03-01T09:00:00Z")
    assert run.code == 0, run.err
    view = article_view(load(article), link=lambda u: u, pages=PAGES, revision_url=lambda v: None)
    html = env.get_template("partials/editorial/record.html").render(editorial=view)
    again = " ".join(select(html, "li", data_action="submit")[0].text.split())
    assert f"(version 0.1). {note} Changed since the previous step: the text." in again
    assert ".." not in again
    # The first submission has neither note nor changes: its line still ends a sentence.
    first = " ".join(select(html, "li", data_action="submit")[1].text.split())
    assert first.endswith("(version 0.1).")


def test_sentences_end_each_part_with_one_full_stop() -> None:
    from build_tools.editorial.views import sentences

    assert sentences("Summary: all", None, "A note (it counts).", "", "Version 1.0") == (
        "Summary: all. A note (it counts). Version 1.0."
    )
    assert sentences(None, "") == ""
