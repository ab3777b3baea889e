"""``diff``: everything a reviewer approves that changed since the last approval.

One report in three parts — the text, the calculator's rules (every rule source of the
calculator package, which the criteria tables are generated from) and the cited references —
each compared with what was stored at the last approval (``_revisions/v<version>.md`` and
``_revisions/v<version>.covered.json``).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import yaml

from build_tools.editorial.archive import diff_text
from build_tools.editorial.record import check_file, covered_path, snapshot_path
from build_tools.editorial.snapshots import read_snapshot

__all__ = ["report"]


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _unified(old: str, new: str, old_label: str, new_label: str) -> list[str]:
    return list(
        difflib.unified_diff(
            _lines(old), _lines(new), fromfile=old_label, tofile=new_label, lineterm="", n=3
        )
    )


def _entry_text(entry: Any) -> str:
    if entry is None:
        return "(not in the bibliography)\n"
    return yaml.safe_dump(entry, sort_keys=True, allow_unicode=True, width=100)


def _section(title: str, body: list[str]) -> list[str]:
    return [f"== {title} ==", *(body or ["unchanged"]), ""]


def report(path: Path, /) -> tuple[str, bool]:
    """The report and whether anything changed since the last approval."""
    checked = check_file(path)
    coverage, replay = checked.coverage, checked.audit.replay
    approval = replay.last_approval
    now_rules = coverage.rules_sha256
    out = [f"{path}: changes since the last approval"]
    if approval is None:
        out += [
            "No version has been approved yet: the whole text, every rule and every cited "
            "reference are up for review.",
            f"  body_sha256          {checked.audit.body_sha256}",
            f"  rules_sha256         {now_rules or 'not covered (no calculator in the article)'}",
            f"  bibliography_sha256  {coverage.bibliography_sha256}",
        ]
        return "\n".join(out) + "\n", True
    version = str(approval["version"])
    out.append(
        f"Approved version {version} ({approval.get('date')}, {approval.get('actor')}, "
        f"{approval.get('role')}) against the files as they are now."
    )
    out.append("")
    changed = False

    snap = snapshot_path(path, version)
    _, old_body, _ = read_snapshot(snap.read_text(encoding="utf-8"), str(snap))
    body = diff_text(
        old_body,
        checked.file.body,
        old_label=f"{path} (approved {version})",
        new_label=f"{path} (now)",
    )
    changed |= not body.identical
    out += _section(
        f"Text: {'+' + str(body.added) + ' -' + str(body.removed) + ' lines' if not body.identical else 'unchanged'}",
        [line.text for line in body.lines],
    )

    covered = covered_path(path, version)
    record: dict[str, Any] = (
        json.loads(covered.read_text(encoding="utf-8")) if covered.is_file() else {}
    )
    rules_dir = checked.project.relative(checked.project.rules_dir)
    if now_rules is None and not approval.get("rules_sha256"):
        out += _section("Calculator rules: not covered (no calculator in the article)", [])
    elif not record.get("rules"):
        out += _section(
            "Calculator rules: not recorded at this approval (approved before reviews covered "
            "the rules)",
            [f"now: rules_sha256 {now_rules}"],
        )
        changed = True
    else:
        old_rules: dict[str, str] = record["rules"]
        lines: list[str] = []
        for name in sorted(set(old_rules) | set(coverage.rules)):
            lines += _unified(
                old_rules.get(name, ""),
                coverage.rules.get(name, ""),
                f"{rules_dir}/{name} (approved {version})" if name in old_rules else "/dev/null",
                f"{rules_dir}/{name} (now)" if name in coverage.rules else "/dev/null",
            )
        changed |= bool(lines)
        out += _section(
            f"Calculator rules ({rules_dir}): rules_sha256 approved {record['rules_sha256']}, "
            f"now {now_rules}",
            lines,
        )

    old_bib: dict[str, Any] = record.get("bibliography") or {}
    lines = []
    name = checked.project.bibliography_name
    for key in sorted(set(old_bib) | set(coverage.bibliography)):
        old = _entry_text(old_bib[key]) if key in old_bib else ""
        new = _entry_text(coverage.bibliography[key]) if key in coverage.bibliography else ""
        lines += _unified(
            old,
            new,
            f"{name} [{key}] (approved {version})" if key in old_bib else "/dev/null (not cited)",
            f"{name} [{key}] (now)" if key in coverage.bibliography else "/dev/null (not cited)",
        )
    changed |= bool(lines)
    out += _section(
        f"Cited references ({name}): bibliography_sha256 approved "
        f"{approval.get('bibliography_sha256') or 'not recorded'}, now "
        f"{coverage.bibliography_sha256}",
        lines,
    )
    return "\n".join(out), changed
