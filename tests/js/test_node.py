"""The JavaScript unit tests (``tests/js/*.test.mjs``, Node's own test runner), run by pytest so
one command runs everything."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from calculator.words.page_messages import CALCULATOR_MESSAGES, messages_for

ROOT = Path(__file__).resolve().parents[2]


def test_javascript_unit_tests_pass_under_node_test() -> None:
    node = shutil.which("node")
    assert node, "node is required (it ships with this machine kind)"
    tests = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert len(tests) >= 2
    done = subprocess.run(
        [node, "--test", *tests],
        cwd=ROOT,
        # The page's messages, as the calculator's root carries them (runtime-state.test.mjs).
        env={**os.environ, "GUIDE_PAGE_MESSAGES": json.dumps(messages_for(CALCULATOR_MESSAGES))},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, (
        f"node --test failed:\n{done.stdout[-4000:]}\n{done.stderr[-2000:]}"
    )
    assert "# fail 0" in done.stdout
