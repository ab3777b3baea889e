"""The calculator's review stamp has one hand-off: guide/calculator asks guide/editorial.

Three mini-sites built for real: the editorial plugin without a calculator (it never imports
the calculator and sets no option of the calculator's Markdown extension), the calculator
without the editorial plugin (its rules unreviewed: "pending human review"), and both (the
stamp says the governing article's state, here "under review").
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from build_tools.editorial.words import pending_text, state_words
from calculator.rules.digest import rules_stamp
from tests.conftest import ROOT
from tests.editorial.conftest import Run
from tests.editorial.helpers import (
    ARTICLE,
    AUTHOR,
    REVIEWER_ONE,
    SITE_URL,
    THEME,
    built,
    make_project,
    select,
)

pytestmark = pytest.mark.build

CALCULATOR_BLOCK = "\n## Check eligibility\n\n/// calculator\n///\n"


def _plugins(project: Path, *plugins: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    listed = "".join(f"  - {p}\n" for p in plugins)
    text = text.replace("plugins:\n  - search\n  - guide/editorial\n", f"plugins:\n{listed}")
    config.write_text(text, encoding="utf-8")


def _embed_calculator(project: Path) -> None:
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + CALCULATOR_BLOCK, encoding="utf-8")
    # The calculator's reference labels come from the bibliography (the extension's default path).
    shutil.copy(ROOT / "docs" / "bibliography.yml", project / "docs" / "bibliography.yml")
    # The rules an approval covers: this repository's calculator package.
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "  - guide/editorial\n",
        f"  - guide/editorial:\n      rules_package: {ROOT / 'calculator'}\n",
    )
    config.write_text(text + "exclude_docs: |\n  *.yml\n", encoding="utf-8")


def _root(page: str) -> dict[str, str]:
    (root,) = select(page, "div", data_calculator="*")
    (words,) = select(page, "p", data_calculator_review="*")
    return {**root.attrs, "words": words.text}


def test_the_editorial_plugin_needs_no_calculator(tmp_path: Path) -> None:
    """An article without a calculator, guide/editorial alone: the build runs in this process
    (a child), which then says whether anything imported ``calculator`` or configured the
    calculator's Markdown extension."""
    project = make_project(tmp_path)
    probe = (
        "import json, sys\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "config = load_config('mkdocs.yml', site_dir=sys.argv[1])\n"
        "config.plugins.on_startup(command='build', dirty=False)\n"
        "build(config)\n"
        "print(json.dumps({'calculator': sorted(m for m in sys.modules"
        " if m == 'calculator' or m.startswith(('calculator.', 'build_tools.calculator_page'))),"
        " 'mdx': sorted(config.mdx_configs), 'extensions': [str(e) for e in"
        " config.markdown_extensions]}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "site")],
        cwd=project,
        env={
            **os.environ,
            "GUIDE_THEME_DIR": str(THEME),
            "GUIDE_TODAY": "2025-03-01",
            "GUIDE_NOW": "2025-03-01T12:00:00Z",
            "SITE_URL": SITE_URL,
            "NO_MKDOCS_2_WARNING": "1",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["calculator"] == []
    assert not any("calculator" in name for name in seen["mdx"] + seen["extensions"])
    page = (tmp_path / "site" / "article" / "index.html").read_text(encoding="utf-8")
    assert select(page, "aside", class_="guide-editorial")
    assert not select(page, "div", data_calculator="*")


def test_the_calculator_needs_no_editorial_plugin(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    _plugins(project, "search", "guide/calculator")
    _embed_calculator(project)
    # Without guide/editorial no status.json is written for this page to link to.
    (project / "docs" / "review-status.md").write_text("# Review status\n", encoding="utf-8")
    page = built(project).page("article")
    rules = rules_stamp()
    root = _root(page)
    assert root["data-review-status"] == "submitted"
    assert root["data-review-words"] == state_words("submitted")
    assert root["data-rules-sha256"] == rules["sha256"]
    assert root["words"] == pending_text(rules["version"], rules["sha256"])
    assert not select(page, "aside", class_="guide-editorial")


def test_the_calculator_asks_the_editorial_plugin_for_its_stamp(
    tmp_path: Path, editorial: Callable[..., Run]
) -> None:
    project = make_project(tmp_path)
    _plugins(project, "search", "guide/editorial", "guide/calculator")
    _embed_calculator(project)
    for step in (["submit", *AUTHOR], ["start-review", *REVIEWER_ONE]):
        run = editorial(step[0], project / ARTICLE, *step[1:])
        assert run.code == 0, run.err
    page = built(project).page("article")
    root = _root(page)
    rules = rules_stamp()
    assert root["data-review-status"] == "under_review"
    assert root["data-review-words"] == state_words("under_review")
    assert root["data-rules-sha256"] == rules["sha256"]
    assert root["words"] == pending_text(rules["version"], rules["sha256"])
    assert select(page, "aside", class_="guide-editorial")
