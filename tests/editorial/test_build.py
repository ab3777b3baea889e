"""Real ``mkdocs build --strict`` runs of fixture mini-sites with ``guide/editorial``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import jsonschema
import pytest

from build_tools.editorial.config import EditorialConfig
from build_tools.editorial.plugin import EditorialPlugin
from build_tools.editorial.status import SCHEMA_PATH
from tests.editorial.helpers import (
    AUTHOR,
    REVIEWER_ONE,
    REVIEWER_TWO,
    SITE_URL,
    build,
    built,
    make_project,
    select,
)

pytestmark = pytest.mark.build


def status_json(site: Path) -> dict:
    document = json.loads((site / "status.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "status.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)
    return document


def feed(site: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_plugin_options_load_without_a_build() -> None:
    plugin = EditorialPlugin()
    errors, warnings = plugin.load_config({"feed_file": "updates.xml"})
    assert errors == [] and warnings == []
    assert isinstance(plugin.config, EditorialConfig) and plugin.config.feed_file == "updates.xml"
    errors, _ = EditorialPlugin().load_config({"enabled": "yes please"})
    assert errors


def test_a_new_article_builds_pending_review(project: Path) -> None:
    result = built(project, today="2025-02-01")
    page = result.page("article")
    assert select(page, "div", data_testid="pending-review")
    assert select(page, "li", aria_current="step")[0].attrs["data-step"] == "submitted"
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="../feed.xml"' in page
    assert "guide-editorial.css" in page
    document = status_json(result.site)
    (entry,) = document["articles"]
    assert entry["id"] == "fixture-article" and entry["status"] == "submitted"
    assert entry["approved"] is False and entry["reviewers"] == []
    assert entry["url"] == f"{SITE_URL}article/" and entry["history_length"] == 0
    assert document["schema"] == f"{SITE_URL}status.schema.json"
    assert feed(result.site).entries == []
    dashboard = result.page("review-status")
    (row,) = select(dashboard, "tr", data_status="submitted")
    assert "Never reviewed" in row.text and "No reviewer yet" in row.text
    assert "Overdue" not in row.text


def test_invalid_metadata_fails_the_build_naming_file_and_fields(tmp_path: Path) -> None:
    project = make_project(tmp_path, "editorial-invalid")
    source = (project / "docs" / "article" / "index.md").read_text(encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    for field, problem in [
        (
            "status",
            "must be one of submitted, under_review, changes_requested, approved (got 'aproved')",
        ),
        ("id", "must be lowercase letters, digits and hyphens"),
        ("version", "must be a quoted string"),
        ("authors", "must list at least one entry"),
        ("reviewers[0].role", "is required"),
        ("review_interval_days", "input should be greater than 0"),
    ]:
        # File, line where the field is written (its parent's, for a missing nested field).
        top = field.split("[")[0]
        line = next(
            i for i, text in enumerate(source.splitlines(), 1) if text.startswith(f"{top}:")
        )
        if "[" in field:
            line += 1  # the first list item, below its key
        message = f"docs/article/index.md:{line}: front matter field '{field}': {problem}"
        assert message in result.output


def test_edited_approved_text_fails_the_strict_build(project: Path, walk) -> None:
    article = project / "docs" / "article" / "index.md"
    walk(article, "approved")
    built(project)
    before = article.read_text(encoding="utf-8")
    after = before.replace("8 mg/kg", "4 mg/kg")
    article.write_text(after, encoding="utf-8")
    pairs = zip(before.split("\n"), after.split("\n"), strict=True)
    line = next(n for n, (a, b) in enumerate(pairs, start=1) if a != b)
    for quiet in ((), ("--quiet",)):
        result = build(project, *quiet)
        assert result.returncode != 0
        assert (
            f"docs/article/index.md: approved text edited after approval (first change at line "
            f"{line}): its body no longer matches approved_sha256. See what changed with `python -m build_tools.editorial "
            "diff docs/article/index.md`, then submit it again with `python -m "
            "build_tools.editorial submit docs/article/index.md --actor NAME`" in result.output
        )


def test_a_rewritten_history_fails_the_build(project: Path, walk) -> None:
    article = project / "docs" / "article" / "index.md"
    walk(article, "changes_requested")
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("comment: Cite the label.", "comment: Looks fine."), encoding="utf-8"
    )
    result = build(project)
    assert result.returncode != 0
    assert re.search(
        r"docs/article/index.md: review_history\[2\] .* was edited after it was recorded",
        result.output,
    )


def test_dashboard_marks_an_overdue_review(project: Path, walk) -> None:
    walk(
        project / "docs" / "article" / "index.md", "approved"
    )  # approved 2025-02-03, every 90 days
    on_time = built(project, today="2025-05-04")
    (row,) = select(on_time.page("review-status"), "tr", data_status="approved")
    assert "Overdue" not in row.text and "90" in row.text  # 90 days since review, due today
    late = built(project, today="2025-05-05")
    (row,) = select(late.page("review-status"), "tr", data_status="approved")
    assert row.attrs.get("data-overdue") == "true" and "Overdue" in row.text and "91" in row.text
    (entry,) = status_json(late.site)["articles"]
    assert entry["overdue"] is True and entry["days_since_review"] == 91
    assert entry["review_due"] == "2025-05-04" and entry["last_reviewed"] == "2025-02-03"


@pytest.mark.slow
def test_the_whole_reviewer_journey(project: Path, editorial, board) -> None:
    """Submit, review, request changes, resubmit, approve 1.0, edit, resubmit, re-approve 2.0."""
    article = project / "docs" / "article" / "index.md"
    day = iter(range(1, 32))

    def step(*args: str) -> None:
        run = editorial(args[0], article, *args[1:], now=f"2025-03-{next(day):02d}T09:00:00Z")
        assert run.code == 0, run.err

    def current_step(result) -> str:
        (marked,) = select(result.page("article"), "li", aria_current="step")
        return marked.attrs["data-step"] + " " + marked.text

    step("submit", *AUTHOR)
    assert current_step(built(project)).startswith("submitted")
    step("start-review", *REVIEWER_ONE)
    assert current_step(built(project)).startswith("under_review")
    step("request-changes", "--reviewer", "Fixture Reviewer One", "--comment", "Give the interval.")
    assert "changes requested" in current_step(built(project))
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("every three weeks.", "every 3 weeks (21 days)."), encoding="utf-8"
    )
    step("submit", *AUTHOR, "--comment", "Interval given in days.")
    step("start-review", *REVIEWER_ONE)
    one, two = board
    step(
        "approve",
        *REVIEWER_ONE,
        "--bump",
        "major",
        "--summary",
        "First reviewed version.",
        *one.signs,
    )
    first = built(project, today="2025-03-10")
    assert current_step(first).startswith("approved")
    assert select(first.page("article"), "div", data_testid="pending-review") == []
    assert "latest approved version" in first.page("article/v1.0")

    # An edit after approval: pending again, and the strict build refuses until resubmitted.
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("in adults.", "in adults and adolescents."), encoding="utf-8")
    assert build(project).returncode != 0
    step("submit", *AUTHOR, "--comment", "Adolescents added.")
    pending = built(project)
    assert select(pending.page("article"), "div", data_testid="pending-review")
    step("start-review", *REVIEWER_TWO)
    step(
        "approve",
        *REVIEWER_TWO,
        "--bump",
        "major",
        "--summary",
        "Extends use to adolescents.",
        *two.signs,
    )
    result = built(project, today="2025-03-20")

    # v1.0 archived at a stable URL, superseded, with a diff to the current (v2.0) text.
    v1 = result.page("article/v1.0")
    (banner,) = select(v1, "aside", data_archived_version="1.0")
    assert "superseded by version 2.0" in banner.text
    assert any(a.attrs["href"] == "../v2.0/" for a in select(v1, "a"))
    assert (
        "every 3 weeks (21 days)." in v1 and "adolescents" not in v1.split("guide-diff-section")[0]
    )
    assert [e.text for e in select(v1, "del", class_="guide-diff__del")] == [
        "-Fixture drug treats fixture disease in adults."
    ]
    assert [e.text for e in select(v1, "ins", class_="guide-diff__add")] == [
        "+Fixture drug treats fixture disease in adults and adolescents."
    ]
    v2 = result.page("article/v2.0")
    assert "latest approved version" in v2 and "identical to this version" in v2
    # Not in nav, but built; snapshots themselves are not pages.
    assert not (result.site / "article" / "_revisions").exists()

    # The article: approved 2.0 by the second reviewer, no pending notice, its record complete.
    page = result.page("article")
    assert select(page, "div", data_testid="pending-review") == []
    facts = {d.text: v.text for d, v in zip(select(page, "dt"), select(page, "dd"), strict=True)}
    assert facts["Version"] == "2.0" and facts["Status"] == "Approved"
    assert facts["Reviewers"] == "Fixture Reviewer Two, Test cardiologist (MD, PhD (fixture))"
    assert len(select(page, "li", data_action="*")) == 9

    # status.json says approved 2.0; the feed has every event, both versions among them.
    (entry,) = status_json(result.site)["articles"]
    assert (entry["status"], entry["version"], entry["approved"]) == ("approved", "2.0", True)
    assert entry["history_length"] == 9
    assert [r["version"] for r in entry["revisions"]] == ["1.0", "2.0"]
    assert entry["revisions"][0]["superseded_by"] == "2.0"
    assert entry["revisions"][0]["url"] == f"{SITE_URL}article/v1.0/"
    parsed = feed(result.site)
    assert len(parsed.entries) == 9
    titles = [e.title for e in parsed.entries]
    assert titles[0] == "Fixture drug: uses: Approved as version 2.0"
    assert "Fixture drug: uses: Approved as version 1.0" in titles
    assert "Fixture drug: uses: Changes requested" in titles
    links = {e.title: e.link for e in parsed.entries}
    assert links["Fixture drug: uses: Approved as version 1.0"] == f"{SITE_URL}article/v1.0/"
    assert parsed.entries[0].author == "Fixture Reviewer Two"
    assert len({e.id for e in parsed.entries}) == 9

    # What's new: both revisions with their summaries, then all events, newest first.
    changelog = result.page("whats-new")
    revisions = select(changelog, "ul", class_="guide-changelog__revisions")[0].text
    assert revisions.index("version 2.0") < revisions.index("version 1.0")
    assert "Extends use to adolescents." in revisions and "First reviewed version." in revisions
    events = [li.text for li in select(changelog, "li", data_action="*")]
    assert len(events) == 9
    assert "Approved as version 2.0" in events[0] and "Submitted for review" in events[-1]
    stamps = [t.attrs["datetime"] for t in select(changelog, "time") if "T" in t.attrs["datetime"]]
    assert len(stamps) == 9 and stamps == sorted(stamps, reverse=True)


def test_report_an_error_links_to_the_configured_address(project: Path) -> None:
    result = built(project)
    for url in ("article", "editorial-policy"):
        (link,) = select(result.page(url), "a", data_report_error="*")
        assert link.attrs["href"] == "https://example.test/report-an-error", url
        assert link.text == "Report an error"


def test_a_deploy_build_without_a_report_address_stops(project: Path) -> None:
    result = build(project, "--quiet", env={"GUIDE_REPORT_ERROR_URL": ""})
    assert result.returncode != 0
    assert (
        f"guide/editorial: a deploy build (SITE_URL={SITE_URL}) needs the address where readers "
        "report errors: set extra.report_error_url in mkdocs.yml" in result.output
    )


def test_a_local_build_without_a_report_address_shows_a_note(project: Path) -> None:
    result = built(
        project, env={"GUIDE_REPORT_ERROR_URL": "", "SITE_URL": "http://127.0.0.1:8000/"}
    )
    for url in ("article", "editorial-policy"):
        assert select(result.page(url), "a", data_report_error="*") == [], url
    (note,) = select(result.page("article"), "span", data_report_error_missing="*")
    assert note.text == "Report an error: no address is configured in this local build"
    assert "no reporting address is configured in this local build" in result.page(
        "editorial-policy"
    )
