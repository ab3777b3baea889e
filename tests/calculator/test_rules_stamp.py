"""Rule 12 of issue 12: every result carries the stamp of the exact rules that produced it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

import calculator
from calculator import evaluate
from calculator.rules.digest import digest, rule_sources, rules_stamp, stamp_digest
from tests.calculator.golden import cases

PACKAGE = Path(calculator.__file__).resolve().parent


def test_every_golden_result_carries_the_rules_stamp() -> None:
    stamp = {"version": calculator.__version__, "sha256": digest(rule_sources())}
    for case in cases():
        assert evaluate(case["input"])["rules"] == stamp, case["id"]


def test_the_stamp_is_version_3_2_1_and_a_sha256() -> None:
    stamp = rules_stamp()
    assert stamp["version"] == "3.4.0"
    assert re.fullmatch(r"[0-9a-f]{64}", stamp["sha256"])


def test_the_digest_covers_the_rule_modules_and_changes_with_them() -> None:
    sources = rule_sources()
    # The modules that decide a result are covered; adapters are not.
    assert {"cardiac.py", "criteria.py", "dosing.py", "eligibility.py", "her2.py"} <= set(sources)
    assert not {"cli.py", "bridge.py", "digest.py"} & set(sources)
    changed = {**sources, "cardiac.py": sources["cardiac.py"] + b"\n# changed\n"}
    assert digest(changed) != digest(sources)


def test_the_digest_reads_the_sources_inside_a_zip_as_in_a_folder(tmp_path: Path) -> None:
    """The page imports the package from its standard library zip (sources beside bytecode):
    the stamp there must be the digest of the same files."""
    archive = tmp_path / "library.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in PACKAGE.rglob("*.py"):
            zf.write(path, path.relative_to(PACKAGE.parent).as_posix())
    inside = zipfile.Path(archive, "calculator/")
    assert rule_sources(inside) == rule_sources(PACKAGE)


def test_a_package_without_its_sources_refuses_to_stamp(tmp_path: Path) -> None:
    """Bytecode alone would stamp every result with the digest of nothing."""
    (tmp_path / "calculator" / "decide").mkdir(parents=True)
    (tmp_path / "calculator" / "decide" / "her2.pyc").write_bytes(b"\0")
    with pytest.raises(FileNotFoundError, match="No rule source files"):
        stamp_digest(tmp_path / "calculator")
    assert stamp_digest(PACKAGE) == rules_stamp()["sha256"]
