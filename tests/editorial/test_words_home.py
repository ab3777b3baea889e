"""The review state's words live in one module, build_tools/editorial/words.py: every page,
template and script that says a state says it through that module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from build_tools.calculator_page.form import form_html
from build_tools.editorial import words
from tests.conftest import ROOT
from tests.editorial.helpers import select

HOME = ROOT / "build_tools" / "editorial" / "words.py"
PHRASES = ("pending human review", "changed since approval:", "Rules v")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _strings(path: Path) -> list[str]:
    """The string literals of a module (f-string parts included), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def _holders(phrase: str) -> list[str]:
    """Python modules whose strings hold ``phrase`` (as written: the printed record's own
    "calculator rules v1.4, 0123abcd" is the calculator's wording of its rules)."""
    found = []
    for folder in ("build_tools", "calculator"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if any(phrase in s for s in _strings(path)):
                found.append(path.relative_to(ROOT).as_posix())
    return found


def _without_comments(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"(?m)^\s*//.*$|\s//\s.*$", "", text)


@pytest.mark.parametrize("phrase", PHRASES)
def test_each_phrase_is_worded_in_one_python_module(phrase: str) -> None:
    assert _holders(phrase) == [HOME.relative_to(ROOT).as_posix()]


@pytest.mark.parametrize("phrase", PHRASES)
def test_no_template_or_script_words_a_review_state(phrase: str) -> None:
    theme = ROOT / "build_tools" / "theme"
    holders = [
        p.relative_to(ROOT).as_posix()
        for p in sorted([*theme.rglob("*.html"), *theme.rglob("*.mjs")])
        if phrase.lower() in _without_comments(p).lower()
    ]
    assert holders == []


def test_the_calculator_says_the_words_of_the_one_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without guide/editorial the calculator's stamp still comes from words.py: change the
    word there and the form says the new one."""
    monkeypatch.setattr(words, "PENDING", "awaiting a reviewer")
    (stamp,) = select(form_html(), "p", data_calculator_review="*")
    assert stamp.text.endswith(", awaiting a reviewer")
    assert stamp.text.startswith("Rules v")
