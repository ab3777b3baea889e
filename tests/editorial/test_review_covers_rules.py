"""An approval covers the text, the calculator's rules and the cited references, and an approval
never outlives a change to any of them: tried in a throwaway copy of this repository through
the reviewer CLI and the Makefile's exact build command, as the README's reviewing section says.

One copy per module is approved once; each change is made, built (the build stops with the
command that resolves it), then reverted (the build passes again).
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from build_tools.editorial.coverage import bibliography_sha256, cited_keys
from build_tools.editorial.history import entry_hash
from calculator.rules.digest import digest, rule_sources
from tests.editorial.helpers import select
from tests.editorial.repo import ARTICLE, AUTHOR, REVIEWER, Repo, make_recipe

# Long journeys (a throwaway copy of the repository approved, then built again per change):
# `make test` and CI run them, `make test-fast` does not (tests/editorial/test_build.py keeps a
# quick guard that an edited approved text fails the build).
pytestmark = [pytest.mark.build, pytest.mark.slow]

CLI = "python -m build_tools.editorial"
RESUBMIT = f"`{CLI} submit {ARTICLE} --actor NAME`"
DIFF = f"`{CLI} diff {ARTICLE}`"


def golden_case_count(repo: Repo) -> int:
    return sum(
        len(json.loads(p.read_text(encoding="utf-8"))["cases"])
        for p in (repo.path / "tests" / "calculator" / "golden").glob("*.json")
    )


def to_under_review(repo: Repo) -> None:
    for step in (["submit", ARTICLE, *AUTHOR], ["start-review", ARTICLE, *REVIEWER]):
        run = repo.editorial(*step)
        assert run.code == 0, run.output


def approve(repo: Repo) -> object:
    return repo.editorial(
        "approve",
        ARTICLE,
        *REVIEWER,
        "--bump",
        "major",
        "--summary",
        "First reviewed version.",
        "--date",
        "2026-01-15",
        *repo.signs,
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """The copy, approved once: a fixture reviewer's throwaway key seated on the board, then
    submit, start-review, approve (golden cases run, the approval signed with that key)."""
    copy = Repo.copy(tmp_path_factory.mktemp("repo"))
    copy.seat_reviewer(tmp_path_factory.mktemp("keys"))
    to_under_review(copy)
    run = approve(copy)
    assert run.code == 0, run.output
    return copy


def test_the_approval_records_the_three_digests_and_the_golden_cases(repo: Repo) -> None:
    submit, _, approval = repo.history()[-3:]
    rules = rule_sources(repo.path / "calculator")
    assert approval["action"] == "approve" and approval["hash"] == entry_hash(approval)
    assert approval["rules_sha256"] == digest(rules) == repo.rules_sha256()
    assert approval["golden_cases_passed"] == golden_case_count(repo) > 0
    body = repo.read(ARTICLE).split("\n---\n", 1)[1]
    cited = [c.key for c in cited_keys(body)]
    bibliography = __import__("yaml").safe_load(repo.read("docs/bibliography.yml"))
    assert approval["bibliography_sha256"] == bibliography_sha256(
        {key: bibliography[key] for key in cited}
    )
    # The submission recorded the same three digests (what was up for review).
    for key in ("body_sha256", "rules_sha256", "bibliography_sha256"):
        assert submit[key] == approval[key], key
    # Stored beside the text snapshot, for `diff`: every rule source and cited entry as approved.
    covered = json.loads(repo.read("docs/trastuzumab/_revisions/v1.0.covered.json"))
    assert covered["rules"] == {name: data.decode() for name, data in rules.items()}
    assert sorted(covered["bibliography"]) == sorted(cited)
    status = repo.editorial("status", ARTICLE)
    assert status.code == 0, status.output
    assert f"rules_sha256:        {approval['rules_sha256']} (same)" in status.out
    assert f"bibliography_sha256: {approval['bibliography_sha256']} (same)" in status.out
    assert f"golden cases passed at approval: {golden_case_count(repo)}" in status.out


def test_the_approved_copy_builds_and_says_approved_everywhere(repo: Repo) -> None:
    run = repo.make_build()
    assert run.code == 0, run.output
    status = repo.status()
    rules = repo.rules_sha256()
    assert (status["status"], status["review_state"], status["approved"]) == (
        "approved",
        "approved",
        True,
    )
    assert status["rules_sha256"] == status["rules_sha256_current"] == rules
    words = "approved by Fixture Reviewer One, Test oncologist, on 2026-01-15"
    for url in ("trastuzumab", "calculator"):
        (root,) = select(repo.page(url), "div", data_calculator="*")
        assert root.attrs["data-review-status"] == "approved"
        assert root.attrs["data-rules-sha256"] == rules
        (stamp,) = select(repo.page(url), "p", data_calculator_review="*")
        assert stamp.text == f"Rules v{repo.rules_version()} ({rules[:8]}), {words}"
    verify = repo.editorial("verify", ARTICLE)
    assert verify.code == 0, verify.output


def _edit_body(text: str) -> str:
    return text.replace(
        "It is used for breast cancer", "It is used, among other uses, for breast cancer", 1
    )


def _change_rule(text: str) -> str:
    return re.sub(r"^(LVEF_WITHHOLD_DROP_POINTS = )16\.0$", r"\g<1>15.0", text, count=1, flags=re.M)


def _change_reference(text: str) -> str:
    return text.replace(
        "  journal: N Engl J Med\n  year: 2001\n  volume: 344",
        ("  journal: N Engl J Med\n  year: 2002\n  volume: 344"),
        1,
    )


def _dangling(text: str) -> str:
    """The first citation of the body also cites a key the bibliography lacks."""
    body = text.index("\n---\n", 3)
    close = text.index("]", text.index("[@", body))
    return f"{text[:close]}; @no_such_key{text[close:]}"


CHANGES: dict[str, tuple[str, Callable[[str], str], list[str]]] = {
    "body": (
        ARTICLE,
        _edit_body,
        [
            f"{ARTICLE}: approved text edited after approval (first change at line ",
            "): its body no longer matches approved_sha256.",
            DIFF,
            RESUBMIT,
        ],
    ),
    "rule": (
        "calculator/rules/criteria.py",
        _change_rule,
        [
            f"{ARTICLE}: calculator rules changed since approval (rules_sha256 approved",
            DIFF,
            RESUBMIT,
        ],
    ),
    "reference": (
        "docs/bibliography.yml",
        _change_reference,
        [f"{ARTICLE}: cited references changed since approval", DIFF, RESUBMIT],
    ),
    "dangling citation": (
        ARTICLE,
        _dangling,
        [
            f"{ARTICLE}:{{line}}: unknown citation key 'no_such_key' (not in "
            "docs/bibliography.yml): add an entry 'no_such_key' to docs/bibliography.yml or "
            "correct the key"
        ],
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_after_approval_stops_the_build_until_reverted(repo: Repo, change: str) -> None:
    name, edit, expected = CHANGES[change]
    original = repo.read(name)
    changed = edit(original)
    assert changed != original, "the edit applies to the current file"
    line = (
        next(n for n, text in enumerate(changed.splitlines(), 1) if "no_such_key" in text)
        if ("no_such_key" in changed)
        else 0
    )
    expected = [text.replace("{line}", str(line)) for text in expected]
    repo.write(name, changed)
    try:
        run = repo.make_build()
        assert run.code != 0
        assert "guide/editorial: the site was not built" in run.output
        for text in expected:
            assert text in run.output, run.output
        assert run.output.count("the site was not built") == 1  # one message lists them all
        verify = repo.editorial("verify", ARTICLE)
        assert verify.code == 1
        if change != "dangling citation":
            diff = repo.editorial("diff", ARTICLE)
            assert diff.code == 1, diff.output
            removed = {line for line in original.splitlines() if line not in changed}
            added = {line for line in changed.splitlines() if line not in original}
            for line in added:
                assert f"+{line}" in diff.out or f"+{line.lstrip()}" in diff.out, diff.out
            for line in removed:
                assert f"-{line}" in diff.out or f"-{line.lstrip()}" in diff.out, diff.out
    finally:
        repo.write(name, original)
    run = repo.make_build()
    assert run.code == 0, run.output
    assert repo.status()["approved"] is True


def test_neither_quiet_nor_a_lax_build_hides_an_integrity_failure(repo: Repo) -> None:
    original = repo.read("calculator/rules/criteria.py")
    repo.write("calculator/rules/criteria.py", _change_rule(original))
    try:
        for flags in ((), ("--quiet",), ("--strict",)):
            run = repo.run(sys.executable, "-m", "mkdocs", "build", *flags)
            assert run.code != 0, flags
            assert "calculator rules changed since approval" in run.output, flags
    finally:
        repo.write("calculator/rules/criteria.py", original)


def test_a_broken_history_chain_stops_the_build_naming_the_fix(repo: Repo) -> None:
    original = repo.read(ARTICLE)
    repo.write(ARTICLE, original.replace("summary: First reviewed version.", "summary: Other."))
    try:
        run = repo.make_build()
        assert run.code != 0
        assert re.search(
            r"review_history\[\d+\] \(approve, .*\) was edited after it was", run.output
        )
        assert f"`git checkout -- {ARTICLE}`" in run.output
    finally:
        repo.write(ARTICLE, original)


def test_the_packet_shows_the_hazard_outcomes_make_safety_recorded(repo: Repo) -> None:
    """The packet runs no test: it shows the outcomes the safety tooling recorded (here a
    passing run stamped on the copy as it is) and the approval gate's verdict on them."""
    from build_tools.editorial.packet import hazard_report
    from build_tools.safety.project import SafetyProject

    report = hazard_report(repo.path)
    log = SafetyProject.at(repo.path).load_log()
    assert report.current and report.gate is None and report.checked_at
    assert [e["id"] for e in report.entries] == [h.id for h in log.hazards]
    assert {outcome for e in report.entries for _, outcome in e["tests"]} == {"passed"}


def test_an_edited_rules_snapshot_stops_the_build(repo: Repo) -> None:
    name = "docs/trastuzumab/_revisions/v1.0.covered.json"
    original = repo.read(name)
    repo.write(name, original.replace("16.0", "15.0", 1))
    try:
        run = repo.make_build()
        assert run.code != 0
        assert "its rule sources no longer match the rules_sha256 recorded in it" in run.output
    finally:
        repo.write(name, original)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def preview(repo: Repo) -> Iterator[Callable[[str], str]]:
    """``make dev`` (its exact command, on a free port) in the copy; yields a page fetcher."""
    port = _free_port()
    command = [part.replace("127.0.0.1:8000", f"127.0.0.1:{port}") for part in make_recipe("dev")]
    process = subprocess.Popen(
        command, cwd=repo.path, env=repo.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )

    def fetch(url: str) -> str:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{url}", timeout=5) as r:
                    return r.read().decode("utf-8")
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    raise AssertionError(f"preview did not start:\n{output}") from None
                time.sleep(0.5)

    try:
        yield fetch
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_author_preview_renders_a_changed_article_as_changed_since_approval(
    repo: Repo, preview: Callable[[str], str]
) -> None:
    original = repo.read("calculator/rules/criteria.py")
    repo.write("calculator/rules/criteria.py", _change_rule(original))
    try:
        page = preview("trastuzumab/")
    finally:
        repo.write("calculator/rules/criteria.py", original)
    (box,) = select(page, "aside", class_="guide-editorial")
    assert box.attrs["data-review-state"] == "changed_since_approval"
    terms, values = select(page, "dt"), select(page, "dd")
    facts = dict(zip([d.text for d in terms], [d.text for d in values], strict=True))
    assert facts["Status"] == "Changed since approval (rules changed; not reviewed since)"
    assert select(page, "div", data_testid="pending-review")
    (root,) = select(page, "div", data_calculator="*")
    assert root.attrs["data-review-status"] == "changed_since_approval"
    (stamp,) = select(page, "p", data_calculator_review="*")
    assert "changed since approval: pending human review" in stamp.text
    assert "approved by" not in stamp.text


def test_approval_is_refused_while_a_golden_case_fails(tmp_path: Path) -> None:
    repo = Repo.copy(tmp_path / "repo")
    repo.seat_reviewer(tmp_path / "keys")
    to_under_review(repo)
    original = repo.read("calculator/rules/criteria.py")
    repo.write("calculator/rules/criteria.py", _change_rule(original).replace("15.0", "25.0", 1))
    before = repo.read(ARTICLE)
    run = approve(repo)
    assert run.code == 2
    assert f"{ARTICLE}: cannot approve:" in run.err and "golden case(s) of the calculator fail" in (
        run.err
    )
    assert re.search(r"\w+\.json:[\w.-]+: ", run.err), run.err
    assert repo.read(ARTICLE) == before
    assert not (repo.path / "docs/trastuzumab/_revisions").exists()
    # Submitted again while still submitted? Not from under review; after the fix, approval works.
    repo.write("calculator/rules/criteria.py", original)
    run = approve(repo)
    assert run.code == 0, run.output
    assert repo.history()[-1]["golden_cases_passed"] == golden_case_count(repo)


def test_submit_again_records_what_is_up_for_review_now(tmp_path: Path) -> None:
    """The real article is submitted; submitting it again records the current digests."""
    repo = Repo.copy(tmp_path)
    first = repo.editorial("submit", ARTICLE, *AUTHOR)
    assert first.code == 0, first.output
    repo.write(
        "calculator/rules/criteria.py", _change_rule(repo.read("calculator/rules/criteria.py"))
    )
    again = repo.editorial("submit", ARTICLE, *AUTHOR, "--comment", "Rules changed.")
    assert again.code == 0, again.output
    last = repo.history()[-1]
    assert (last["from"], last["to"]) == ("submitted", "submitted")
    assert last["rules_sha256"] == repo.rules_sha256() != repo.history()[-2]["rules_sha256"]
    run = repo.make_build()
    assert run.code == 0, run.output
    status = repo.status()
    assert status["status"] == "submitted" and status["rules_sha256"] == last["rules_sha256"]
    (stamp,) = select(repo.page("calculator"), "p", data_calculator_review="*")
    assert stamp.text == (
        f"Rules v{repo.rules_version()} ({last['rules_sha256'][:8]}), pending human review"
    )


@pytest.mark.e2e
def test_in_chromium_the_approved_calculator_states_its_review(repo: Repo, browser) -> None:
    """The copy as served: the calculator root's attributes equal status.json and the CLI, and
    the words are visible inside the calculator on the article and on /calculator/."""
    import threading

    from build_tools.serve import make_server

    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    run = repo.run(
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--quiet",
        "-d",
        "site-e2e",
        SITE_URL=base,
    )
    assert run.code == 0, run.output
    site = repo.path / "site-e2e"
    status = next(
        a
        for a in json.loads((site / "status.json").read_text(encoding="utf-8"))["articles"]
        if a["id"] == "trastuzumab"
    )
    rules = repo.rules_sha256()
    assert status["rules_sha256"] == rules and status["status"] == "approved"
    server = make_server(site, "127.0.0.1", port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(base_url=base)
    try:
        page = context.new_page()
        for url in ("trastuzumab/", "calculator/"):
            page.goto(url)
            root = page.locator("[data-calculator]")
            assert root.get_attribute("data-review-status") == status["status"]
            assert root.get_attribute("data-rules-sha256") == rules
            words = root.locator("[data-calculator-review]")
            assert words.is_visible()
            assert words.inner_text() == (
                f"Rules v{repo.rules_version()} ({rules[:8]}), approved by Fixture Reviewer One, "
                "Test oncologist, on 2026-01-15"
            )
            assert root.get_attribute("data-review-text") == words.inner_text()
            assert root.get_attribute("data-review-words") == "approved"
    finally:
        context.close()
        server.shutdown()


def test_the_review_packet_says_which_rules_and_answers_changed(repo: Repo) -> None:
    """A threshold changed after approval: the packet names it in words from the rules' data,
    lists the golden cases whose answers changed under the approved rules and the failures,
    and gives the command to sign (the reviewer's principal filled in)."""
    from build_tools.editorial.rules_changes import constants

    name = "calculator/rules/criteria.py"
    original = repo.read(name)
    before = constants(original)["LVEF_WITHHOLD_DROP_POINTS"]
    repo.write(name, _change_rule(original))
    try:
        run = repo.editorial("packet", ARTICLE, "-o", "packet.html")
        assert run.code == 0, run.output
    finally:
        repo.write(name, original)
    html = repo.read("packet.html")
    (changes,) = select(html, "ul", data_testid="rule-changes")
    assert before.doc in changes.text
    assert f"was {before.value:g}, now 15" in changes.text
    assert "LVEF_WITHHOLD_DROP_POINTS" in changes.text
    (answers,) = select(html, "table", data_testid="answers-changed")
    assert "cardiac.json" in answers.text and "cardiac.action" in answers.text
    (summary,) = select(html, "p", data_testid="golden-summary")
    assert "fail" in summary.text
    # The hazard outcomes come from `make safety`'s record, stamped on the rules before the
    # change: the packet says they prove nothing now, and that the approval would be refused.
    (run,) = select(html, "p", data_testid="hazard-run")
    assert "other rules, tests or code" in run.text
    assert "would be refused" in run.text and "make safety" in run.text
    (command,) = select(html, "pre", data_testid="sign-with-key")
    assert "--signer reviewer-one@example.test" in command.text
    assert "<script" not in html
