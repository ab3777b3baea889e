"""The results of a hazard-test run, stamped with what they were run on.

The stamp holds four sha256 digests: the calculator's rules (the digest every result and every
approval carries), the hazard log's raw bytes, the test files the log names, and the code the
tests exercise (the ``code_globs`` option: the engine, the form and the page's JavaScript). Results
whose stamp differs from the project as it is now are stale: they prove nothing about it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from build_tools.safety.project import SafetyProject
from build_tools.safety.structure.hazards import HazardLog
from build_tools.safety.structure.loader import hazard_log_sha256

__all__ = ["FORMAT", "STAMP_WORDS", "hazard_status", "read_results", "stamp", "write_results"]

FORMAT = 1
#: What each digest covers, in words (for the gate's messages).
STAMP_WORDS: dict[str, str] = {
    "rules_sha256": "the calculator's rules",
    "hazard_log_sha256": "the hazard log",
    "tests_sha256": "the hazard tests",
    "code_sha256": "the code the tests exercise (engine, form, page scripts)",
}


def _files_sha256(root: Path, names: list[str]) -> str:
    """sha256 of the files in name order, each written as ``name NUL bytes NUL`` (as the rules
    digest is); a missing file counts as empty."""
    h = hashlib.sha256()
    for name in sorted(set(names)):
        path = root / name
        data = path.read_bytes() if path.is_file() else b""
        h.update(name.encode("utf-8") + b"\0" + data + b"\0")
    return h.hexdigest()


def _code_files(project: SafetyProject) -> list[str]:
    found: set[str] = set()
    for pattern in project.code_globs:
        found |= {
            p.relative_to(project.root).as_posix()
            for p in project.root.glob(pattern)
            if p.is_file() and "__pycache__" not in p.parts
        }
    return sorted(found)


def stamp(project: SafetyProject, log: HazardLog, /) -> dict[str, str]:
    """The digests of the project as it is now."""
    from calculator.rules.digest import digest, rule_sources

    return {
        "rules_sha256": digest(rule_sources(project.root / "calculator")),
        "hazard_log_sha256": hazard_log_sha256(project.hazard_log),
        "tests_sha256": _files_sha256(project.root, log.test_files()),
        "code_sha256": _files_sha256(project.root, _code_files(project)),
    }


def hazard_status(log: HazardLog, outcomes: dict[str, str], /) -> dict[str, str]:
    """``passed`` for a hazard whose every test passed, else ``failing``."""
    return {
        h.id: "passed" if all(outcomes.get(t) == "passed" for t in h.tests) else "failing"
        for h in log.hazards
    }


def write_results(
    project: SafetyProject,
    log: HazardLog,
    outcomes: dict[str, str],
    digests: dict[str, str],
    *,
    checked_at: str,
) -> dict[str, Any]:
    document = {
        "format": FORMAT,
        "checked_at": checked_at,
        "stamp": digests,
        "tests": {node_id: outcomes.get(node_id, "not run") for node_id in log.node_ids()},
        "hazards": hazard_status(log, outcomes),
    }
    project.results_file.parent.mkdir(parents=True, exist_ok=True)
    project.results_file.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return document


def read_results(project: SafetyProject, /) -> dict[str, Any] | None:
    try:
        document = json.loads(project.results_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None
