"""Shared helpers: fixture projects in temporary folders, real builds, the CLI in-process.

Reviewer names here are placeholders for tests ("Fixture Reviewer …"), never real people.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import require_tier

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
THEME = ROOT / "build_tools" / "theme"
ARTICLE = Path("docs/article/index.md")
SITE_URL = "http://example.test/guide/"

REVIEWER_ONE = [
    "--reviewer",
    "Fixture Reviewer One",
    "--role",
    "Test oncologist",
    "--credentials",
    "MD (fixture)",
]
REVIEWER_TWO = [
    "--reviewer",
    "Fixture Reviewer Two",
    "--role",
    "Test cardiologist",
    "--credentials",
    "MD, PhD (fixture)",
]
AUTHOR = ["--actor", "Fixture editorial team"]


def make_project(dest: Path, *overlays: str) -> Path:
    """A copy of the ``editorial-site`` fixture, with scenario folders copied over it."""
    project = dest / "project"
    shutil.copytree(FIXTURES / "editorial-site", project)
    for overlay in overlays:
        shutil.copytree(FIXTURES / overlay, project, dirs_exist_ok=True)
    return project


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def build(
    project: Path,
    *args: str,
    today: str = "2025-03-01",
    now: str = "2025-03-01T12:00:00Z",
    env: dict[str, str] | None = None,
) -> Build:
    """``mkdocs build --strict [args]`` of a fixture project; the caller asserts on the outcome."""
    require_tier("a site build")
    site = project / "site"
    env = {
        **os.environ,
        "GUIDE_THEME_DIR": str(THEME),
        "GUIDE_TODAY": today,
        "GUIDE_NOW": now,
        "SITE_URL": SITE_URL,
        "NO_MKDOCS_2_WARNING": "1",
        # Fixture builds are deploy builds (SITE_URL is not loopback): a reserved test domain.
        "GUIDE_REPORT_ERROR_URL": "https://example.test/report-an-error",
        **(env or {}),
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", *args]
    done = subprocess.run(
        [*command, "-f", "mkdocs.yml", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(done.returncode, done.stdout + done.stderr, site)


def built(project: Path, **kwargs: object) -> Build:
    result = build(project, **kwargs)  # type: ignore[arg-type]
    assert result.returncode == 0, result.output
    return result


class _Collector(HTMLParser):
    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "wbr",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[Element] = []
        self.found: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.found.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.parts.append(data)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def select(html: str, tag: str | None = None, **attrs: str) -> list[Element]:
    """Elements of ``html`` with this tag and these attribute values (``class_`` matches a class;
    ``attr=True``-like checks: pass ``"*"`` to require only presence)."""
    collector = _Collector()
    collector.feed(html)
    out = []
    for element in collector.found:
        if tag and element.tag != tag:
            continue
        ok = True
        for name, value in attrs.items():
            key = name.rstrip("_").replace("_", "-")
            if key == "class":
                ok = value in element.attrs.get("class", "").split()
            elif value == "*":
                ok = key in element.attrs
            else:
                ok = element.attrs.get(key) == value
            if not ok:
                break
        if ok:
            out.append(element)
    return out
