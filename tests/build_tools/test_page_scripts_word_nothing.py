"""The calculator's and the re-classify tool's scripts place text; they word none of it
(CONTRIBUTING.md#page). Every sentence a reader reads is Python's: the result's from
``calculator.words.view``, the runtime's and the buttons' from
``calculator.words.page_messages`` (written into the page by the build), the audience selector's
from ``build_tools/audience``.

A heuristic: no string literal of these scripts, outside comments, ``console.*(…)`` and
``new Error(…)``, begins with a capital letter and holds a space.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

GUIDE = ROOT / "build_tools" / "theme" / "assets" / "javascripts" / "guide"
SCRIPTS = sorted(
    p
    for p in GUIDE.glob("*.mjs")
    if p.name.startswith(
        (
            "calculator",
            "reclassify",
            "runtime",
            "worker",
            "start-mode",
            "kept-snapshot",
            "audience",
            "messages",
        )
    )
)
#: A comment, or a string literal ("…", '…', `…`), whichever starts first.
TOKEN = re.compile(
    r"""(?P<comment>//[^\n]*|/\*.*?\*/)"""
    r"""|(?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)""",
    re.S,
)
#: Text for developers, not readers: the console, and errors thrown.
DEVELOPER = re.compile(r"(?:console\.\w+|\bnew\s+\w*Error)\(\s*$")


def sentences(source: str) -> list[str]:
    found = []
    for match in TOKEN.finditer(source):
        literal = match.group("string")
        if literal is None:
            continue
        if DEVELOPER.search(source[max(0, match.start() - 40) : match.start()]):
            continue
        text = re.sub(r"\$\{[^}]*\}", "", literal[1:-1]).strip()
        if text[:1].isupper() and " " in text:
            found.append(text)
    return found


def test_the_scripts_are_found() -> None:
    names = {p.name for p in SCRIPTS}
    assert {
        "calculator.mjs",
        "calculator-actions.mjs",
        "reclassify.mjs",
        "runtime-state.mjs",
        "worker.mjs",
    } <= names


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_script_holds_a_sentence_for_readers(script: Path) -> None:
    assert sentences(script.read_text(encoding="utf-8")) == []


def test_the_heuristic_sees_a_sentence() -> None:
    source = (
        'const A = "Summary copied."; // "Not this: a comment."\n'
        "console.error(`Worker failed: ${x}`);\n"
        "status.textContent = `Re-classifying ${name}…`;\n"
        'el("a", {}, "details"); throw new Error("For developers only");\n'
        'showError("Choose a file first.");\n'
    )
    assert sentences(source) == ["Summary copied.", "Re-classifying …", "Choose a file first."]


def test_the_build_writes_python_s_messages_into_each_root() -> None:
    """What the scripts look up (messages.mjs) is in the page before Python loads."""
    import json

    from build_tools.calculator_page.form import form_html
    from build_tools.calculator_page.reclassify_page import reclassify_html
    from calculator.words.page_messages import (
        CALCULATOR_MESSAGES,
        RECLASSIFY_MESSAGES,
        RUNTIME_MESSAGES,
        messages_for,
    )
    from tests.editorial.helpers import select

    for html, root, words in (
        (form_html(), "div", CALCULATOR_MESSAGES),
        (reclassify_html(), "div", RECLASSIFY_MESSAGES),
    ):
        (element,) = [e for e in select(html, root) if "data-page-messages" in e.attrs]
        assert json.loads(element.attrs["data-page-messages"]) == messages_for(words)
        assert RUNTIME_MESSAGES["loading"] in html
