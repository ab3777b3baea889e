"""What an approval covers besides the text: the calculator's rules and the cited references.

- **Rules**: for an article that embeds the calculator (a ``/// calculator`` block), the digest
  of every rule source of the calculator package, asked of the calculator through
  :mod:`build_tools.editorial.door` (the same ``rules.sha256`` every result carries). The
  criteria tables are generated from those sources, so they are covered too.
- **References**: the bibliography entries the article cites, as written in the bibliography
  file, hashed as canonical JSON ``{key: entry}`` (a cited key missing from the file is
  ``null``, so adding or removing it also changes the digest). The cited keys are every
  ``[@key]`` written in the article's source (the citations plugin's own pattern), so the CLI
  finds the same keys as the build without rendering the page.

An approval stores both, with the full rule sources and cited entries, in
``_revisions/v<version>.covered.json`` beside the text snapshot: ``diff`` compares against it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.citations.bibliography import BibliographyError, read_bibliography
from build_tools.citations.extension import CITATION_PATTERN
from build_tools.editorial.canonical import CanonicalError, canonical_sha256
from build_tools.editorial.door import rule_digest, rule_sources
from build_tools.editorial.project import Project

__all__ = [
    "CitedKey",
    "Coverage",
    "bibliography_sha256",
    "cited_keys",
    "compute",
    "covered_record",
    "embeds_calculator",
    "read_covered",
]

# The citation syntax, defined once by the citations package.
_CITATION = re.compile(CITATION_PATTERN)

# The calculator block as authors write it (build_tools/calculator_page/blocks.py).
_CALCULATOR_BLOCK = re.compile(r"^[ \t]*///[ \t]*calculator[ \t]*$", re.M)


@dataclass(frozen=True)
class CitedKey:
    key: str
    #: 1-based line in the body.
    line: int


def embeds_calculator(body: str, /) -> bool:
    return _CALCULATOR_BLOCK.search(body) is not None


def cited_keys(body: str, /) -> list[CitedKey]:
    """Every citation key of ``body`` in order of first use, with the line of first use."""
    seen: dict[str, CitedKey] = {}
    for match in _CITATION.finditer(body):
        line = body.count("\n", 0, match.start()) + 1
        for key in match.group(1).split(";"):
            key = key.strip().lstrip("@")
            seen.setdefault(key, CitedKey(key, line))
    return list(seen.values())


def bibliography_sha256(entries: dict[str, Any], /) -> str:
    return canonical_sha256(entries)


@dataclass
class Coverage:
    """The covered inputs of one article as they are now."""

    embeds_calculator: bool
    rules_sha256: str | None
    rules: dict[str, str]
    bibliography_sha256: str
    bibliography: dict[str, Any]
    #: Cited keys not in the bibliography.
    missing: list[CitedKey] = field(default_factory=list)
    #: Problems reading the inputs (no rules package, unreadable bibliography…).
    problems: list[str] = field(default_factory=list)

    def digests(self) -> dict[str, str]:
        """The digests a history entry records (rules only for articles with the calculator)."""
        out = {"bibliography_sha256": self.bibliography_sha256}
        if self.rules_sha256 is not None:
            out["rules_sha256"] = self.rules_sha256
        return out


def _load_bibliography(project: Project) -> tuple[dict[str, Any], list[str]]:
    """The entries as written (what the digest covers), validated by the citations package's
    one reader of the file."""
    if not project.bibliography.is_file():
        return {}, []
    try:
        return read_bibliography(project.bibliography, source=project.bibliography_name).raw, []
    except BibliographyError as exc:
        return {}, [str(exc)]


def rules_of(project: Project) -> dict[str, bytes]:
    return rule_sources(project.rules_dir)


def compute(project: Project, body: str, /) -> Coverage:
    embeds = embeds_calculator(body)
    problems: list[str] = []
    rules: dict[str, str] = {}
    rules_digest = None
    if embeds:
        sources = rules_of(project)
        if not sources:
            problems.append(
                f"the article embeds the calculator but {project.relative(project.rules_dir)} "
                "holds no rule sources"
            )
        rules_digest = rule_digest(sources)
        rules = {name: data.decode("utf-8") for name, data in sources.items()}
    bibliography, bib_problems = _load_bibliography(project)
    problems += bib_problems
    cited = cited_keys(body)
    entries = {c.key: bibliography.get(c.key) for c in cited}
    missing = [c for c in cited if c.key not in bibliography]
    try:
        bib_digest = bibliography_sha256(entries)
    except CanonicalError as exc:
        problems.append(f"{project.bibliography_name}: {exc}")
        bib_digest = "0" * 64
    return Coverage(embeds, rules_digest, rules, bib_digest, entries, missing, problems)


def covered_record(version: str, coverage: Coverage, /) -> dict[str, Any]:
    """What ``_revisions/v<version>.covered.json`` holds."""
    return {
        "version": version,
        "rules_sha256": coverage.rules_sha256,
        "rules": coverage.rules,
        "bibliography_sha256": coverage.bibliography_sha256,
        "bibliography": coverage.bibliography,
    }


def write_covered(path: Path, record: dict[str, Any], /) -> None:
    if path.exists():
        raise FileExistsError(f"{path} already exists: approved snapshots are never overwritten")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(record, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")


def read_covered(text: str, /) -> tuple[dict[str, Any], list[str]]:
    """The stored record and what does not match its recorded digests."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return {}, [f"is not valid JSON ({exc})"]
    problems = []
    rules = record.get("rules") or {}
    if record.get("rules_sha256") is not None:
        actual = rule_digest({name: source.encode("utf-8") for name, source in rules.items()})
        if actual != record["rules_sha256"]:
            problems.append("its rule sources no longer match the rules_sha256 recorded in it")
    try:
        bib = bibliography_sha256(record.get("bibliography") or {})
    except CanonicalError:
        bib = None
    if bib != record.get("bibliography_sha256"):
        problems.append("its references no longer match the bibliography_sha256 recorded in it")
    return record, problems
