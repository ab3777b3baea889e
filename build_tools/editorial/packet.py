"""``python -m build_tools.editorial packet ARTICLE -o packet.html``: what a reviewer reviews.

One self-contained HTML page (inline style, no script, nothing fetched: it opens offline and
prints) for the clinician asked to approve an article, with everything since the last approval:

1. the text, side by side (paragraphs matched with :mod:`difflib`, words changed marked inside
   them; a never-approved article is all new);
2. the calculator's rules in words (:mod:`.rules_changes`: which thresholds, tables and words
   changed, compared with the rules stored at the last approval) and the golden cases whose
   answers changed (each case run under the approved rules and under today's);
3. the cited references added, removed or changed;
4. the golden cases, and the hazard tests with the outcomes `make safety` recorded (the hazard log,
   ``docs/safety/hazard-log.yml``, may not exist yet: the packet says so);
5. the statements the article's editorial notes mark as unconfirmed;
6. the review record with the comments written for the reviewers;
7. the exact commands to sign the approval.
"""

from __future__ import annotations

import difflib
import html
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from build_tools.editorial import clock
from build_tools.editorial.body import normalise_body
from build_tools.editorial.door import child_run
from build_tools.editorial.golden import golden_answers
from build_tools.editorial.record import Checked, check_file, covered_path, snapshot_path
from build_tools.editorial.rules_changes import (
    RulesReport,
    compare_rules,
    constants,
    evaluated,
    words,
)
from build_tools.editorial.signing import NAMESPACE
from build_tools.editorial.snapshots import read_snapshot
from build_tools.safety.gate import approval_refusal
from build_tools.safety.project import SafetyProject
from build_tools.safety.results import read_results, stamp
from build_tools.safety.structure.loader import HazardLogError

__all__ = ["Packet", "build_packet", "render_packet", "unconfirmed_statements", "write_packet"]

TEMPLATES = Path(__file__).with_name("templates")
CLI = "python -m build_tools.editorial"
#: A paragraph of an editorial note whose bold label says it is unconfirmed
#: ("**Figures unconfirmed:**", "**Not confirmed against a source:**").
_UNCONFIRMED = re.compile(r"\*\*([^*]*\b(?:unconfirmed|not confirmed)\b[^*]*)\*\*", re.I)
_NOTE_TITLE = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*\w+\s+"([^"]*)"')
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*\})?\s*$")
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


# -- the text --------------------------------------------------------------------------------


@dataclass
class Block:
    text: str
    #: 1-based line of the body where the block starts.
    line: int
    #: The nearest heading above it.
    section: str
    #: Its first line is indented (inside an admonition or list item).
    indented: bool = False


#: Lines that start a new line for a reader even inside a paragraph (lists, tables, blocks).
_OWN_LINE = re.compile(r"^\s*(?:[-*+] |\d+[.)] |\||#|!!!|\?\?\?|///|```|<)")


def reflow(text: str, /) -> str:
    """A paragraph as a reader reads it: hard-wrapped lines joined, indentation dropped; list
    items, table rows and block markers keep their own line."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and not _OWN_LINE.match(line) and not out[-1].startswith(("|", "```")):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line.strip())
    return "\n".join(out)


def blocks(body: str, /) -> list[Block]:
    """The body's paragraphs (runs of lines between blank lines), as a reader sees units."""
    out: list[Block] = []
    section, start = "", 0
    current: list[str] = []
    for number, line in enumerate(normalise_body(body).split("\n"), start=1):
        if heading := _HEADING.match(line):
            section = heading.group(2)
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            out.append(_block(current, start, section))
            current = []
    if current:
        out.append(_block(current, start, section))
    return out


def _block(lines: list[str], start: int, section: str) -> Block:
    return Block(reflow("\n".join(lines)), start, section, lines[0][:1] in {" ", "\t"})


def _words_diff(old: str, new: str) -> tuple[Markup, Markup]:
    """Both sides with the words removed (``<del>``) and added (``<ins>``) marked."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = html.escape("".join(a[i1:i2])), html.escape("".join(b[j1:j2]))
        if tag == "equal":
            left.append(before)
            right.append(after)
            continue
        if before:
            left.append(f"<del>{before}</del>")
        if after:
            right.append(f"<ins>{after}</ins>")
    return Markup("".join(left)), Markup("".join(right))


@dataclass
class Row:
    #: ``same`` (collapsed context), ``changed``, ``added``, ``removed``, ``skip``.
    kind: str
    section: str = ""
    old_line: int | None = None
    new_line: int | None = None
    old: Markup = field(default_factory=Markup)
    new: Markup = field(default_factory=Markup)
    skipped: int = 0


def side_by_side(
    old_body: str, new_body: str, /, *, context: int = 1, new_first_line: int = 1
) -> list[Row]:
    """Rows of a side-by-side diff by paragraph; unchanged runs collapse to ``context``
    paragraphs around each change. ``new_first_line``: the file line the new body starts on."""
    old, new = blocks(old_body), blocks(new_body)
    for block in new:
        block.line += new_first_line - 1
    matcher = difflib.SequenceMatcher(
        None, [b.text for b in old], [b.text for b in new], autojunk=False
    )
    rows: list[Row] = []
    codes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            run = list(zip(old[i1:i2], new[j1:j2], strict=True))
            keep_head = context if index > 0 else 0
            keep_tail = context if index < len(codes) - 1 else 0
            if len(run) <= keep_head + keep_tail:
                shown, skipped = run, 0
            else:
                shown = run[:keep_head] + run[len(run) - keep_tail :]
            skipped = len(run) - len(shown)
            for position, (a, b) in enumerate(shown):
                if skipped and position == keep_head:
                    rows.append(Row("skip", skipped=skipped))
                text = Markup(html.escape(b.text))
                rows.append(Row("same", b.section, a.line, b.line, text, text))
            if skipped and keep_head == len(shown):
                rows.append(Row("skip", skipped=skipped))
            continue
        a_run, b_run = old[i1:i2], new[j1:j2]
        if tag == "replace" and len(a_run) == len(b_run):
            pairs = list(zip(a_run, b_run, strict=True))
        elif tag == "replace":
            joined_a = Block("\n\n".join(x.text for x in a_run), a_run[0].line, a_run[0].section)
            joined_b = Block("\n\n".join(x.text for x in b_run), b_run[0].line, b_run[0].section)
            pairs = [(joined_a, joined_b)]
        else:
            pairs = []
        for a, b in pairs:
            left, right = _words_diff(a.text, b.text)
            rows.append(Row("changed", b.section, a.line, b.line, left, right))
        if tag == "delete":
            for a in a_run:
                text = Markup(f"<del>{html.escape(a.text)}</del>")
                rows.append(Row("removed", a.section, a.line, None, text, Markup("")))
        if tag == "insert":
            for b in b_run:
                text = Markup(f"<ins>{html.escape(b.text)}</ins>")
                rows.append(Row("added", b.section, None, b.line, Markup(""), text))
    return rows


def _value_rows(value: Any, source: str) -> list[str]:
    """A rule's value as lines: one per table row or mapping entry."""
    if isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        return [words(v) for v in value]
    if isinstance(value, dict) and any(isinstance(v, dict | list) for v in value.values()):
        return [f"{k}: {words(v)}" for k, v in value.items()]
    return [words(value) if value is not None else source]


# -- statements marked unconfirmed -------------------------------------------------------------


@dataclass(frozen=True)
class Unconfirmed:
    note: str
    label: str
    text: str
    line: int


def unconfirmed_statements(body: str, /) -> list[Unconfirmed]:
    """Paragraphs whose bold label says *unconfirmed* or *not confirmed*, with the editorial
    note they sit in (the title of the enclosing ``!!! note "…"`` block, if any)."""
    out = []
    note = ""
    for block in blocks(body):
        first = block.text.split("\n", 1)[0]
        if title := _NOTE_TITLE.match(first):
            note = title.group(1)
        elif not block.indented:
            note = ""
        for match in _UNCONFIRMED.finditer(block.text):
            rest = block.text[match.end() :]
            following = _UNCONFIRMED.search(rest)
            statement = rest[: following.start()] if following else rest
            statement = re.sub(r"\*\*[^*]+\*\*.*", "", statement, flags=re.S)
            offset = block.text.count("\n", 0, match.start())
            out.append(
                Unconfirmed(
                    note=note,
                    label=match.group(1).strip().rstrip(":"),
                    text=" ".join(statement.split()),
                    line=block.line + offset,
                )
            )
    return out


# -- golden cases, hazards -----------------------------------------------------------------------


@dataclass
class GoldenReport:
    cases: list[dict[str, Any]] = field(default_factory=list)
    #: Cases whose answer differs under the approved rules: ``(case, {path: (old, new)})``.
    changed: list[tuple[dict[str, Any], dict[str, tuple[Any, Any]]]] = field(default_factory=list)
    #: Why the approved rules' answers are not compared (``None`` when they are).
    no_comparison: str | None = None
    error: str | None = None

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [c for c in self.cases if c.get("wrong")]


def _approved_package(project_rules: Path, current: dict[str, str], old: dict[str, str]) -> Path:
    """A folder holding ``calculator/`` with the approved rule sources (the adapters, which
    decide nothing, as they are today). Rule files are named by their file name alone: each
    goes where the file of that name is today (a layer folder or the package's top)."""
    folder = Path(tempfile.mkdtemp(prefix="guide-approved-rules-"))
    package = folder / project_rules.name
    shutil.copytree(project_rules, package, ignore=shutil.ignore_patterns("__pycache__"))
    where = {path.name: path for path in package.rglob("*.py")}
    for name in current:
        if name in where:
            where[name].unlink()
    for name, text in old.items():
        where.get(name, package / name).write_text(text, encoding="utf-8")
    return folder


def rule_data(package_root: Path, /) -> dict[str, Any] | None:
    """The rule data of the calculator package in ``package_root``, through the door (``None``
    when that version of the rules cannot be imported: the sources' literals are read then)."""
    try:
        return dict(child_run("rule-data", package_root))
    except (RuntimeError, ValueError):
        return None


def golden_report(checked: Checked, old_rules: dict[str, str] | None, /) -> GoldenReport:
    project = checked.project
    report = GoldenReport()
    if not checked.coverage.embeds_calculator:
        report.no_comparison = "the article does not embed the calculator"
        return report
    if not project.golden_dir.is_dir():
        report.error = f"no golden cases in {project.relative(project.golden_dir)}"
        return report
    try:
        report.cases = golden_answers(project.golden_dir.resolve(), project.root.resolve())
    except RuntimeError as exc:
        report.error = f"the golden cases could not be run: {exc}"
        return report
    if old_rules is None:
        report.no_comparison = "no version has been approved yet: every answer is new"
        return report
    if old_rules == checked.coverage.rules:
        report.no_comparison = None
        return report
    folder = _approved_package(project.rules_dir, checked.coverage.rules, old_rules)
    try:
        before = golden_answers(project.golden_dir.resolve(), folder)
    except RuntimeError as exc:
        report.no_comparison = (
            f"the approved rules could not be run beside today's adapters ({exc}); the answers "
            "are checked against the cases' expectations only"
        )
        return report
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    then = {(c["file"], c["id"]): c for c in before}
    for case in report.cases:
        old = then.get((case["file"], case["id"]))
        if old is None:
            continue
        paths = list(dict.fromkeys([*old["answer"], *case["answer"]]))
        diff = {
            p: (old["answer"].get(p), case["answer"].get(p))
            for p in paths
            if old["answer"].get(p) != case["answer"].get(p)
        }
        if diff:
            report.changed.append((case, diff))
    return report


@dataclass
class HazardReport:
    """The hazard log's entries with the outcomes ``make safety`` recorded for their tests.

    The packet runs no test itself: the safety tooling (``build_tools.safety check``) runs the
    hazard tests and stamps its results with what they ran on, and the approval gate reads them.
    The packet shows the reviewer the same record and the gate's verdict on it."""

    exists: bool
    path: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    #: When ``make safety`` recorded the outcomes (``None``: never in this work tree).
    checked_at: str | None = None
    #: The recorded outcomes were stamped on the project as it is now.
    current: bool = False
    #: Why the approval gate would refuse an approval now, in its words (``None``: it would not).
    gate: str | None = None
    error: str | None = None


def hazard_report(root: Path, /) -> HazardReport:
    """The hazard log's entries and the recorded outcomes of their tests. The approval's own
    hazard gate (build_tools.safety) decides; this shows the reviewer what it will find."""
    project = SafetyProject.at(root)
    report = HazardReport(project.hazard_log.is_file(), project.relative(project.hazard_log))
    if not report.exists:
        return report
    try:
        log = project.load_log()
    except HazardLogError as exc:
        report.error = str(exc)
        return report
    results = read_results(project) or {}
    outcomes: dict[str, str] = results.get("tests") or {}
    report.checked_at = results.get("checked_at")
    report.current = bool(results) and results.get("stamp") == stamp(project, log)
    report.gate = approval_refusal(root)
    for hazard in log.hazards:
        report.entries.append(
            {
                "id": hazard.id,
                "hazard": hazard.title,
                "control": hazard.control.what,
                "tests": [(t, outcomes.get(t, "not run")) for t in hazard.tests],
            }
        )
    return report


# -- references ----------------------------------------------------------------------------------


def _reference_words(entry: Any) -> str:
    if not isinstance(entry, dict):
        return "not in the bibliography"
    authors = entry.get("authors") or entry.get("author") or ""
    if isinstance(authors, list):
        authors = ", ".join(str(a) for a in authors[:3]) + (" et al." if len(authors) > 3 else "")
    parts = [str(authors), str(entry.get("title") or ""), str(entry.get("journal") or "")]
    parts.append(str(entry.get("year") or ""))
    return ". ".join(p.rstrip(".") for p in parts if p)


def reference_changes(old: dict[str, Any] | None, new: dict[str, Any], /) -> list[dict[str, Any]]:
    """Cited references added, removed or changed (field by field) since the approval."""
    old = old or {}
    out: list[dict[str, Any]] = []
    for key in sorted(set(old) | set(new)):
        if key not in old:
            out.append({"key": key, "kind": "added", "words": _reference_words(new[key])})
        elif key not in new:
            out.append({"key": key, "kind": "removed", "words": _reference_words(old[key])})
        elif old[key] != new[key]:
            a, b = old[key] or {}, new[key] or {}
            fields = [
                {"field": f, "old": words(a.get(f)), "new": words(b.get(f))}
                for f in dict.fromkeys([*a, *b])
                if a.get(f) != b.get(f)
            ]
            out.append(
                {"key": key, "kind": "changed", "words": _reference_words(b), "fields": fields}
            )
    return out


# -- the packet ----------------------------------------------------------------------------------


@dataclass
class Packet:
    path: str
    title: str
    article_id: str
    status: str
    version: str
    generated: str
    approval: dict[str, Any] | None
    text_rows: list[Row]
    text_counts: dict[str, int]
    rules: RulesReport | None
    rules_now: list[dict[str, Any]]
    rules_note: str
    golden: GoldenReport
    references: list[dict[str, Any]]
    references_cited: int
    hazards: HazardReport
    unconfirmed: list[Unconfirmed]
    history: list[dict[str, Any]]
    digests: list[tuple[str, str | None, str | None]]
    commands: dict[str, Any]


def _commands(checked: Checked, path: str) -> dict[str, Any]:
    """The exact commands to sign, filled in with the reviewer of the current review."""
    board, replay = checked.board, checked.audit.replay
    reviewer: dict[str, str] | None = replay.reviewers[-1] if replay.reviewers else None
    principal = "PRINCIPAL"
    if reviewer is not None:
        members = [m for m in board.active() if m.name == reviewer["name"]]
        principal = members[-1].principal if members else principal

    def quote(value: str | None, placeholder: str) -> str:
        import shlex

        return shlex.quote(value) if value else placeholder

    who = (
        f"--reviewer {quote(reviewer['name'] if reviewer else None, 'NAME')} "
        f"--role {quote(reviewer['role'] if reviewer else None, 'ROLE')} "
        f"--credentials {quote(reviewer['credentials'] if reviewer else None, 'CREDENTIALS')} "
        f'--bump major|minor --summary "WHAT CHANGED, FOR READERS" --signer {principal}'
    )
    return {
        "state": replay.state,
        "under_review": replay.state == "under_review",
        "start_review": f"{CLI} start-review {path} --reviewer NAME --role ROLE "
        "--credentials CREDENTIALS",
        "with_key": f"{CLI} approve {path} {who} --key ~/.ssh/id_ed25519",
        "payload": f"{CLI} payload {path} {who} -o payload.json",
        "sign": f"ssh-keygen -Y sign -n {NAMESPACE} -f ~/.ssh/id_ed25519 payload.json",
        "with_signature": f"{CLI} approve {path} {who} --date YYYY-MM-DD "
        "--signature payload.json.sig",
        "members": [
            {"principal": m.principal, "name": m.name, "fingerprint": m.fingerprint}
            for m in board.active()
        ],
        "board_add": f"{CLI} board add PRINCIPAL --name NAME --role ROLE "
        "--public-key ~/.ssh/id_ed25519.pub "
        + (
            "--by PRINCIPAL --key ~/.ssh/id_ed25519"
            if not board.active()
            else "--by MEMBER --key MEMBER_KEY"
        ),
        "board_file": checked.project.board_file_name,
    }


def build_packet(path: Path, /) -> Packet:
    checked = check_file(path)
    meta, replay = checked.file.meta, checked.audit.replay
    approval = replay.last_approval
    old_body, old_record = "", None
    if approval is not None:
        version = str(approval["version"])
        snap = snapshot_path(path, version)
        if snap.is_file():
            _, old_body, _ = read_snapshot(snap.read_text(encoding="utf-8"), str(snap))
        covered = covered_path(path, version)
        if covered.is_file():
            old_record = json.loads(covered.read_text(encoding="utf-8"))
    rows = side_by_side(old_body, checked.file.body, new_first_line=checked.file.body_line)
    counts = {
        kind: sum(1 for r in rows if r.kind == kind) for kind in ("changed", "added", "removed")
    }
    coverage = checked.coverage
    old_rules = (old_record or {}).get("rules") if approval is not None else None
    rules, rules_now, note = None, [], ""
    if not coverage.embeds_calculator:
        note = "The article does not embed the calculator: no rules are covered."
    elif old_rules is None:
        note = (
            "No version has been approved yet: every rule is up for review. These are the "
            "thresholds and tables of the rules as they stand:"
        )
        data = rule_data(checked.project.root) or {}
        for name, source in sorted(coverage.rules.items()):
            for c in evaluated(constants(source), data.get(name)).values():
                if c.doc or name == "criteria.py":
                    rules_now.append(
                        {
                            "file": name,
                            "name": c.name,
                            "section": c.section,
                            "doc": c.doc,
                            "value": _value_rows(c.value, c.source),
                        }
                    )
    else:
        folder = _approved_package(checked.project.rules_dir, coverage.rules, old_rules)
        try:
            old_data = rule_data(folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        rules = compare_rules(
            old_rules,
            coverage.rules,
            old_data=old_data,
            new_data=rule_data(checked.project.root),
        )
    history = [
        {
            "at": e.get("at"),
            "action": e.get("action"),
            "by": e.get("actor"),
            "role": e.get("role"),
            "version": e.get("version"),
            "comment": e.get("comment"),
            "note": e.get("note"),
            "summary": e.get("summary"),
            "signer": e.get("signer"),
        }
        for e in meta.get("review_history") or []
    ]
    reference = approval or {}
    digests = [
        ("text (body_sha256)", reference.get("body_sha256"), checked.audit.body_sha256),
        ("rules (rules_sha256)", reference.get("rules_sha256"), coverage.rules_sha256),
        (
            "references (bibliography_sha256)",
            reference.get("bibliography_sha256"),
            coverage.bibliography_sha256,
        ),
    ]
    return Packet(
        path=str(path),
        title=str(meta.get("title")),
        article_id=str(meta.get("id")),
        status=str(meta.get("status")),
        version=str(meta.get("version")),
        generated=clock.timestamp(),
        approval=dict(approval) if approval else None,
        text_rows=rows,
        text_counts=counts,
        rules=rules,
        rules_now=rules_now,
        rules_note=note,
        golden=golden_report(checked, old_rules),
        references=reference_changes(
            (old_record or {}).get("bibliography") if approval else {}, coverage.bibliography
        ),
        references_cited=len(coverage.bibliography),
        hazards=hazard_report(checked.project.root),
        unconfirmed=unconfirmed_statements(checked.file.body),
        history=history,
        digests=digests,
        commands=_commands(checked, str(path)),
    )


def render_packet(packet: Packet, /) -> str:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("packet.html").render(p=packet)


def write_packet(path: Path, output: Path, /) -> Path:
    output.write_text(render_packet(build_packet(path)), encoding="utf-8")
    return output
