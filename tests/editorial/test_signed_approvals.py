"""Signed approvals (CONTRIBUTING.md#signed-approvals): made with the reviewer's own key, checked by ``verify``
and by every build against the review board as it was, and checkable by anyone with the
recipe of the editorial policy.

Every key is a throwaway made by ssh-keygen in the test's tmp folder (tests/editorial/signers.py).
Each refusal is tried through the CLI or a real build and must name the fix.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from build_tools.editorial import history as chain
from build_tools.editorial import record
from build_tools.editorial.body import split_front_matter
from build_tools.editorial.signing import fingerprint, parse_public_key
from tests.editorial.conftest import Run
from tests.editorial.helpers import AUTHOR, REVIEWER_ONE, REVIEWER_TWO, ROOT, build, built, select
from tests.editorial.signers import Reviewer, keygen

# The heaviest (several real builds each) are also `slow`: `make test` runs them, `make
# test-fast` keeps one build-level check of each kind of refusal.
pytestmark = pytest.mark.build

CLI = "python -m build_tools.editorial"


def meta_of(path: Path) -> dict:
    front, _ = split_front_matter(path.read_text(encoding="utf-8"))
    return yaml.safe_load(front or "")


def under_review(editorial, article: Path) -> None:
    for day, step in enumerate((["submit", *AUTHOR], ["start-review", *REVIEWER_ONE]), start=1):
        run = editorial(step[0], article, *step[1:], now=f"2025-02-0{day}T09:00:00Z")
        assert run.code == 0, run.err


def approve(editorial, article: Path, *signing: str, now: str = "2025-02-03T09:00:00Z") -> Run:
    return editorial(
        "approve",
        article,
        *REVIEWER_ONE,
        "--bump",
        "major",
        "--summary",
        "Checked against the label.",
        *signing,
        now=now,
    )


def rewrite_history(article: Path, edit) -> None:
    """Edit the history as someone with write access could, then re-seal every hash so the
    chain itself verifies: only the signature can then tell."""
    text = article.read_text(encoding="utf-8")
    front, body = split_front_matter(text)
    meta = yaml.safe_load(front or "")
    history = meta["review_history"]
    edit(history)
    sealed: list[dict] = []
    for entry in history:
        sealed = chain.append(sealed, entry)
    meta["review_history"] = sealed
    from build_tools.editorial.source import dump_front_matter

    article.write_text(f"---\n{dump_front_matter(meta)}---\n{body}", encoding="utf-8")


def test_the_fingerprint_is_the_one_ssh_keygen_prints(tmp_path: Path) -> None:
    key = keygen(tmp_path, "k")
    printed = subprocess.run(
        ["ssh-keygen", "-l", "-f", str(key.with_suffix(".pub"))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[1]
    assert fingerprint(parse_public_key(key.with_suffix(".pub").read_text())) == printed


def test_a_signed_approval_verifies_and_is_published_for_anyone_to_check(
    editorial, article: Path, project: Path, board
) -> None:
    one, _ = board
    under_review(editorial, article)
    run = approve(editorial, article, *one.signs)
    assert run.code == 0, run.err
    entry = meta_of(article)["review_history"][-1]
    assert entry["signer"] == one.principal and "BEGIN SSH SIGNATURE" in entry["signature"]
    verify = editorial("verify", article)
    assert verify.code == 0 and "1 approval signature(s) verified" in verify.out

    result = built(project)
    (status,) = json.loads((result.site / "status.json").read_text())["articles"]
    approval = status["approval"]
    assert approval["signer"] == one.principal
    payload = json.loads(approval["signed_payload"])
    assert approval["signed_payload"].endswith("}\n")
    # What the reviewer signed: what the approval covers, and the record before it.
    assert payload["article"] == "fixture-article" and payload["version"] == "1.0"
    assert payload["body_sha256"] == status["approved_sha256"] == status["body_sha256"]
    assert payload["bibliography_sha256"] == status["bibliography_sha256"]
    assert payload["reviewer"] == "Fixture Reviewer One" and payload["role"] == "Test oncologist"
    assert payload["date"] == "2025-02-03" and payload["hazards_sha256"] is None
    assert payload["previous_entry_sha256"] == meta_of(article)["review_history"][-2]["hash"]
    # CONTRIBUTING.md#signed-approvals: the exact bytes and the armored signature verify with ssh-keygen as given.
    (tmp := project / "check").mkdir()
    (tmp / "payload").write_text(approval["signed_payload"], encoding="utf-8")
    (tmp / "sig").write_text(approval["signature"], encoding="utf-8")
    done = subprocess.run(
        f"ssh-keygen -Y verify -f {result.site / 'allowed_signers'} -I {one.principal} "
        f"-n trastuzumab-guide -s {tmp / 'sig'} < {tmp / 'payload'}",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    fp = fingerprint(parse_public_key(one.public_key.read_text()))
    assert fp in done.stdout and approval["key_fingerprint"] == fp

    page = result.page("article")
    (line,) = select(page, "dd", data_testid="signed-approval")
    assert line.text.startswith(
        f"Approved by Fixture Reviewer One, Test oncologist, on 2025-02-03 — signature verified "
        f"(key {fp})"
    )
    # The review board page lists each reviewer with the key's fingerprint; the board's files
    # are published as they are in the repository.
    assert (result.site / "allowed_signers").read_bytes() == (
        project / "docs" / "allowed_signers"
    ).read_bytes()
    assert (result.site / "board-log.yml").read_bytes() == (
        project / "docs" / "board-log.yml"
    ).read_bytes()


def test_the_review_board_page_lists_every_key(project: Path, board) -> None:
    one, two = board
    page = built(project).page("review-board")
    rows = {r.attrs["data-principal"]: r for r in select(page, "tr", data_principal="*")}
    for who in (one, two):
        fp = fingerprint(parse_public_key(who.public_key.read_text()))
        assert rows[who.principal].attrs["data-key-fingerprint"] == fp
        assert who.name in rows[who.principal].text and fp in rows[who.principal].text
    assert "added by Fixture Reviewer One" in rows[two.principal].text


def test_an_unsigned_or_unknown_signer_approval_is_refused_before_anything_is_written(
    editorial, article: Path, board, tmp_path: Path
) -> None:
    one, _ = board
    under_review(editorial, article)
    before = article.read_bytes()
    stranger = Reviewer("stranger", "Fixture Stranger", "None", "None", keygen(tmp_path, "s"))
    run = approve(editorial, article, *stranger.signs)
    assert run.code == 2
    assert "'stranger' has no key on the review board" in run.err
    assert f"{CLI} board add stranger" in run.err
    # Another name than the board's for this key.
    run = editorial(
        "approve",
        article,
        *REVIEWER_TWO,
        "--bump",
        "major",
        "--summary",
        "s",
        *one.signs,
        now="2025-02-03T09:00:00Z",
    )
    assert run.code == 2 and "the review board lists" in run.err
    assert article.read_bytes() == before
    assert not (article.parent / "_revisions").exists()


def test_a_key_not_on_the_board_is_refused_naming_the_fix(
    editorial, article: Path, board, tmp_path: Path
) -> None:
    one, _ = board
    under_review(editorial, article)
    other = keygen(tmp_path, "not-on-board")
    run = approve(editorial, article, "--signer", one.principal, "--key", str(other))
    assert run.code == 2
    fp = fingerprint(parse_public_key(other.with_suffix(".pub").read_text()))
    assert f"is signed with key {fp}, which is not on the review board" in run.err
    assert f"{CLI} board add PRINCIPAL" in run.err
    assert "sign with the key the review board lists for you" in run.err
    # Another member's key, under one's name.
    run = approve(editorial, article, "--signer", one.principal, "--key", str(board[1].key))
    assert run.code == 2
    assert (
        f"names signer {one.principal!r} but is signed with the key of {board[1].principal!r}"
        in (run.err)
    )
    assert not (article.parent / "_revisions").exists()


def test_the_payload_can_be_signed_on_the_reviewers_own_machine(
    editorial, article: Path, board, tmp_path: Path
) -> None:
    one, _ = board
    under_review(editorial, article)
    options = [*REVIEWER_ONE, "--bump", "major", "--summary", "Checked.", "--signer", one.principal]
    payload = tmp_path / "payload.json"
    run = editorial("payload", article, *options, "-o", payload, now="2025-02-03T08:00:00Z")
    assert run.code == 0, run.err
    assert "ssh-keygen -Y sign -n trastuzumab-guide" in run.err
    assert "--date 2025-02-03" in run.err and "--signature" in run.err
    signed = json.loads(payload.read_bytes())
    assert signed["kind"] == "trastuzumab-guide/approval" and signed["signer"] == one.principal
    # The reviewer signs the file with their own key, as the printed command says.
    subprocess.run(
        ["ssh-keygen", "-Y", "sign", "-n", "trastuzumab-guide", "-f", str(one.key), str(payload)],
        check=True,
        capture_output=True,
    )
    sig = payload.with_name("payload.json.sig")
    # Other options than those signed: refused, saying how to get a payload that matches.
    changed = [*options[:-3], "Checked!", "--signer", one.principal]
    run = editorial("approve", article, *changed, "--signature", sig, now="2025-02-03T09:00:00Z")
    assert run.code == 2 and "signature does not verify" in run.err
    assert "print the payload again, sign it, approve again" in run.err
    run = editorial("approve", article, *options, "--signature", sig, now="2025-02-03T09:00:00Z")
    assert run.code == 0, run.err
    assert meta_of(article)["review_history"][-1]["signature"] == sig.read_text()
    assert editorial("verify", article).code == 0


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda h: h[-1].update(rules_sha256="0" * 64),
            "its signature does not verify",
        ),
        pytest.param(
            lambda h: h[-1].update(summary="Approved without changes."),
            "was changed after it was signed, or the signature is forged or corrupted",
            marks=pytest.mark.slow,
        ),
        pytest.param(
            lambda h: h[-1].update(
                signature=h[-1]["signature"].replace(h[-1]["signature"][60:70], "A" * 10)
            ),
            "the signature is forged or corrupted",
            marks=pytest.mark.slow,
        ),
        pytest.param(lambda h: h[-1].pop("signature"), "is not signed", marks=pytest.mark.slow),
    ],
    ids=["covered digest edited", "summary edited", "signature forged", "signature removed"],
)
def test_an_approval_edited_after_signing_stops_verify_and_the_build(
    editorial, article: Path, project: Path, board, edit, expected: str
) -> None:
    one, _ = board
    under_review(editorial, article)
    assert approve(editorial, article, *one.signs).code == 0
    rewrite_history(article, edit)
    run = editorial("verify", article)
    assert run.code == 1
    assert expected in run.err
    assert "review_history[2] (approve, 2025-02-03T09:00:00Z)" in run.err
    assert f"`git checkout -- {article}`" in run.err  # the fix is named
    result = build(project, "--quiet")
    assert result.returncode != 0 and expected in result.output
    assert "`git checkout -- docs/article/index.md`" in result.output


@pytest.mark.slow
def test_a_key_removed_before_the_approval_approves_nothing(
    editorial, article: Path, project: Path, board, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = board
    under_review(editorial, article)
    removal = [
        "board", "remove", one.principal, "--project", project, "--by", two.principal,
        "--key", two.key, "--reason", "left the board",
    ]  # fmt: skip
    assert editorial(*removal, now="2025-02-02T12:00:00Z").code == 0
    lines = (project / "docs" / "allowed_signers").read_text()
    assert 'valid-before="20250202120000Z"' in lines  # kept, for approvals made before
    run = approve(editorial, article, *one.signs)
    assert run.code == 2 and f"{one.principal!r} has no key on the review board" in run.err

    # Someone bypasses the tool's checks and writes the approval signed with the removed key.
    head = yaml.safe_load((project / "docs" / "board-log.yml").read_text())["events"][-1]["hash"]
    monkeypatch.setattr(
        record, "_signer", lambda *_: {"signer": one.principal, "board_sha256": head}
    )
    monkeypatch.setattr(record, "refusal", lambda *a, **k: (object(), None))
    assert approve(editorial, article, *one.signs).code == 0
    monkeypatch.undo()
    run = editorial("verify", article)
    assert run.code == 1
    assert "which was removed from the review board on 2025-02-02T12:00:00Z" in run.err
    assert "a removed key approves nothing" in run.err
    result = build(project)
    assert result.returncode != 0 and "a removed key approves nothing" in result.output


@pytest.mark.slow
def test_an_approval_made_before_its_key_was_removed_still_holds(
    editorial, article: Path, project: Path, board
) -> None:
    one, two = board
    under_review(editorial, article)
    assert approve(editorial, article, *one.signs).code == 0
    removal = [
        "board", "remove", one.principal, "--project", project, "--by", two.principal,
        "--key", two.key,
    ]  # fmt: skip
    assert editorial(*removal, now="2025-03-01T09:00:00Z").code == 0
    assert editorial("verify", article).code == 0
    result = built(project)
    (status,) = json.loads((result.site / "status.json").read_text())["articles"]
    assert status["approval"]["verify_time"] == "20250203090000Z"
    rows = select(result.page("article"), "dd", data_testid="signed-approval")
    assert rows and "signature verified" in rows[0].text


@pytest.mark.slow
def test_a_board_edited_without_a_signed_event_stops_the_build(
    editorial, article: Path, project: Path, board, tmp_path: Path
) -> None:
    one, _ = board
    signers = project / "docs" / "allowed_signers"
    original = signers.read_text()
    intruder = keygen(tmp_path, "intruder")
    pub = parse_public_key(intruder.with_suffix(".pub").read_text())
    signers.write_text(
        original + f'\nintruder namespaces="trastuzumab-guide" {pub.line}\n', encoding="utf-8"
    )
    line = len((original + "\n").splitlines()) + 1
    result = build(project, "--quiet")
    assert result.returncode != 0
    assert (
        f"docs/allowed_signers:{line}: this key line is not what the signed board log "
        "(docs/board-log.yml) records" in result.output
    )
    assert "`git checkout -- docs/allowed_signers`" in result.output
    assert f"{CLI} board add PRINCIPAL" in result.output
    # Every CLI step refuses too, and the slipped-in key approves nothing.
    under = editorial("submit", article, *AUTHOR)
    assert under.code == 2 and "docs/allowed_signers" in under.err
    signers.write_text(original, encoding="utf-8")
    assert built(project)

    # A key removed by hand (no signed event) is refused the same way.
    signers.write_text(
        "\n".join(line for line in original.splitlines() if not line.startswith(one.principal)),
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode != 0
    assert "lacks 1 key line(s) that the signed board log" in result.output


def test_the_board_changes_only_by_a_members_signed_event(
    editorial, project: Path, board, tmp_path: Path
) -> None:
    one, _ = board
    stranger = Reviewer("stranger", "Fixture Stranger", "Test", "None", keygen(tmp_path, "s"))
    log = project / "docs" / "board-log.yml"
    before = log.read_bytes()
    # A key cannot add itself to a board that has members.
    run = editorial(*stranger.board_add(project), now="2025-01-05T09:00:00Z")
    assert run.code == 2 and "'stranger' has no key on the board" in run.err
    # Nor with a member's name and another key.
    forged = [*stranger.board_add(project)]
    forged[forged.index("--by") + 1] = one.principal
    run = editorial(*forged, now="2025-01-05T09:00:00Z")
    assert run.code == 2 and "its signature does not verify" in run.err
    assert log.read_bytes() == before
    # A log edited by hand (an event's key swapped, the chain re-sealed) fails the build.
    data = yaml.safe_load(log.read_text())
    events = data["events"]
    events[1]["key"] = parse_public_key(stranger.public_key.read_text()).line
    sealed: list[dict] = []
    for event in events:
        sealed = chain.append(sealed, event)
    log.write_text(yaml.safe_dump({"events": sealed}, sort_keys=False), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "docs/board-log.yml: events[1] (add reviewer-two@example.test)" in result.output
    assert "its signature does not verify" in result.output
    assert "`git checkout -- docs/board-log.yml`" in result.output


def test_a_board_event_backdated_before_an_approval_is_refused(
    editorial, article: Path, project: Path, board, tmp_path: Path
) -> None:
    one, _ = board
    under_review(editorial, article)
    assert approve(editorial, article, *one.signs).code == 0
    third = Reviewer("third", "Fixture Three", "Test", "None", keygen(tmp_path, "t"))
    add = third.board_add(project, by=one)
    assert editorial(*add, "--at", "2025-01-20T09:00:00Z").code == 2  # out of order: refused
    # Backdated by hand inside the log (re-signed by a member, re-sealed): the approval of
    # 2025-02-03 no longer matches the board as it was then.
    assert editorial(*add, now="2025-03-01T09:00:00Z").code == 0
    log = project / "docs" / "board-log.yml"
    data = yaml.safe_load(log.read_text())
    data["events"][-1]["at"] = "2025-02-02T09:00:00Z"
    from build_tools.editorial.board import event_payload
    from build_tools.editorial.signing import sign

    data["events"][-1]["signature"] = sign(event_payload(data["events"][-1]), one.key)
    sealed: list[dict] = []
    for event in data["events"]:
        sealed = chain.append(sealed, event)
    log.write_text(yaml.safe_dump({"events": sealed}, sort_keys=False), encoding="utf-8")
    run = editorial("verify", article)
    assert run.code == 1
    assert "was signed under review board state" in run.err
    assert "`git checkout -- docs/board-log.yml`" in run.err


def _recipe() -> str:
    """The shell commands under "Check a signature yourself" in the editorial policy, verbatim
    (a plain ``text`` block: the page's highlighting of shell variables fails colour contrast)."""
    policy = (ROOT / "docs" / "editorial-policy.md").read_text(encoding="utf-8")
    section = policy.split("## Check a signature yourself", 1)[1]
    match = re.search(r"```text\n(.*?)```", section, re.S)
    assert match, "the policy's recipe is the first code block of its section"
    return match.group(1)


def test_the_policy_recipe_checks_a_signature_as_a_reader_would(
    editorial, article: Path, project: Path, board, tmp_path: Path
) -> None:
    """The literal commands of docs/editorial-policy.md, in a folder holding only the two
    downloaded files, against a fixture site with an approved article."""
    one, two = board
    under_review(editorial, article)
    assert approve(editorial, article, *one.signs).code == 0
    # The key is later removed: the recipe still checks the approval as of its date.
    removal = [
        "board", "remove", one.principal, "--project", project, "--by", two.principal,
        "--key", two.key,
    ]  # fmt: skip
    assert editorial(*removal, now="2025-03-01T09:00:00Z").code == 0
    site = built(project).site

    def run_recipe(status: str) -> subprocess.CompletedProcess[str]:
        folder = tmp_path / f"reader-{len(status)}"
        folder.mkdir()
        (folder / "status.json").write_text(status, encoding="utf-8")
        (folder / "allowed_signers").write_bytes((site / "allowed_signers").read_bytes())
        env = {"PATH": os.environ["PATH"], "HOME": str(folder)}
        return subprocess.run(
            ["bash", "-c", _recipe()],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    status = (site / "status.json").read_text(encoding="utf-8")
    done = run_recipe(status)
    fp = fingerprint(parse_public_key(one.public_key.read_text()))
    assert (
        f'Good "trastuzumab-guide" signature for {one.principal} with ED25519 key {fp}'
        in done.stdout + done.stderr
    ), done.stdout + done.stderr
    assert "NOT VERIFIED" not in done.stdout
    # A payload altered on the way (here: in the downloaded status.json) does not verify.
    document = json.loads(status)
    approval = document["articles"][0]["approval"]
    approval["signed_payload"] = approval["signed_payload"].replace("1.0", "1.1")
    done = run_recipe(json.dumps(document))
    assert "fixture-article: NOT VERIFIED" in done.stdout, done.stdout + done.stderr


@pytest.mark.slow
def test_a_build_without_signed_records_needs_no_ssh_keygen(
    editorial, article: Path, project: Path, reviewers, tmp_path: Path
) -> None:
    empty = tmp_path / "no-tools"
    empty.mkdir()
    assert built(project, env={"PATH": str(empty)})
    # With a signed record, the build says what to install.
    one, _ = reviewers
    assert editorial(*one.board_add(project), now="2025-01-01T09:00:00Z").code == 0
    result = build(project, env={"PATH": str(empty)})
    assert result.returncode != 0
    assert "ssh-keygen (OpenSSH) is needed" in result.output
    assert "apt-get install openssh-client" in result.output
