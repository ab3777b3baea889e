"""CONTRIBUTING.md is the home of the contracts the code cites: every ``CONTRIBUTING.md#<section>``
written in the repository's code, tests and data names a section that exists."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CITATION = re.compile(r"CONTRIBUTING\.md#([A-Za-z0-9_-]+)")
#: The sections other tooling and the code rely on (CONTRIBUTING.md keeps these anchors).
REQUIRED = {"calculator-json", "cli", "page", "site", "signed-approvals", "layers", "tests"}
SUFFIXES = {".py", ".mjs", ".js", ".html", ".json", ".toml", ".yml", ".md", ".css", ".cfg"}


def anchor(heading: str, /) -> str:
    """GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces → '-'."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(markdown: str, /) -> set[str]:
    return {anchor(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*\s*$", markdown, re.M)}


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [ROOT / name for name in listed if Path(name).suffix in SUFFIXES]


def test_the_heading_anchors_are_githubs() -> None:
    assert anchor("Calculator JSON") == "calculator-json"
    assert anchor("Signed approvals") == "signed-approvals"
    assert anchors("# Title\n\n## CLI\ntext ## not a heading\n") == {"title", "cli"}


def test_contributing_keeps_the_sections_the_code_relies_on() -> None:
    found = anchors((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert found >= REQUIRED, REQUIRED - found


def test_every_cited_section_exists() -> None:
    found = anchors((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    cited: dict[str, list[str]] = {}
    for path in tracked_files():
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in CITATION.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            cited.setdefault(match.group(1), []).append(f"{path.relative_to(ROOT)}:{line}")
    assert cited, "no code cites CONTRIBUTING.md"
    missing = {name: places for name, places in cited.items() if name not in found}
    assert missing == {}, f"sections cited but not in CONTRIBUTING.md: {missing}"


def test_the_code_cites_no_file_outside_the_repository() -> None:
    """CONTRACTS.md and STYLE.md are not in the repository: a reader cannot open them. The
    calculator, the build tools (the page's scripts included), the tests and README cite
    CONTRIBUTING.md instead."""
    outside = re.compile(r"\b(?:CONTRACTS|STYLE)(?:\.md|\s§)")
    places = []
    for path in tracked_files():
        if not path.is_file() or path.name == "test_contributing.py":
            continue
        if path.parts[len(ROOT.parts)] not in {"calculator", "build_tools", "tests", "README.md"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        places += [
            f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"
            for m in outside.finditer(text)
        ]
    assert places == []
