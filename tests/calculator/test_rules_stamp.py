"""Rule 12 of issue 12: every result carries the stamp of the exact rules that produced it."""

from __future__ import annotations

import re

import calculator
from calculator import evaluate
from calculator.rules.digest import digest, rule_sources, rules_stamp
from tests.calculator.golden import cases


def test_every_golden_result_carries_the_rules_stamp() -> None:
    stamp = {"version": calculator.__version__, "sha256": digest(rule_sources())}
    for case in cases():
        assert evaluate(case["input"])["rules"] == stamp, case["id"]


def test_the_stamp_is_version_3_2_1_and_a_sha256() -> None:
    stamp = rules_stamp()
    assert stamp["version"] == "3.2.1"
    assert re.fullmatch(r"[0-9a-f]{64}", stamp["sha256"])


def test_the_digest_covers_the_rule_modules_and_changes_with_them() -> None:
    sources = rule_sources()
    # The modules that decide a result are covered; adapters are not.
    assert {"cardiac.py", "criteria.py", "dosing.py", "eligibility.py", "her2.py"} <= set(sources)
    assert not {"cli.py", "bridge.py", "digest.py"} & set(sources)
    changed = {**sources, "cardiac.py": sources["cardiac.py"] + b"\n# changed\n"}
    assert digest(changed) != digest(sources)
