"""The standard library the site ships is trimmed to what the page imports (build_tools/pyodide/
stdlib.py), with the calculator package inside it. Here the built site's own runtime files start
Pyodide in Node the two ways the page does (plain start, and the memory snapshot) and run every
golden case, every door of the browser bridge and every import the calculator's source names."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from build_tools.editorial.expect import check_case
from build_tools.pyodide.imports import page_imports
from calculator import evaluate
from tests.calculator.golden import cases

ROOT = Path(__file__).resolve().parents[2]
STOCK = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"

pytestmark = pytest.mark.pyodide

#: Runs inside Pyodide: INPUTS (golden inputs) → results; every bridge door; every import.
PROGRAM = """
import importlib, json, sys
import calculator
import calculator.doors.bridge as bridge
from calculator import evaluate
data = json.loads(DATA)
results = [evaluate(case) for case in data["inputs"]]
failed_imports = []
for name in data["imports"]:
    try:
        importlib.import_module(name)
    except ImportError:
        parent, _, attr = name.rpartition(".")
        if not (parent in sys.modules and hasattr(sys.modules[parent], attr)):
            failed_imports.append(name)
doors = {
    "form": json.loads(bridge.evaluate_form_json(json.dumps(data["form"]))),
    "summary": json.loads(bridge.summary_form_json(json.dumps({"fields": data["form"], "context": {}}))),
    "reclassify": bridge.reclassify_json(json.dumps(data["reclassify"])).splitlines(),
    "bad_json": json.loads(bridge.evaluate_json("{oops")),
}
try:
    import email.mime.text
    absent = False
except ImportError:
    absent = True
import calculator.rules.digest as digest
json.dumps({"platform": sys.platform, "results": results, "failed_imports": failed_imports,
            "doors": doors, "email_absent": absent, "tarfile_loaded": "tarfile" in sys.modules,
            "calculator_file": calculator.__file__, "stdlib_doc": json.loads.__doc__,
            "calculator_doc": digest.digest.__doc__})
"""

FORM = {
    "indication": "metastatic_breast",
    "ihc": "2+",
    "ish_method": "dual",
    "her2_cep17_ratio": "2.4",
    "avg_her2_copies": "5.1",
    "weight_kg": "64",
    "schedule": "q3w",
}
RECLASSIFY = {
    "text": "indication,ihc,ish_method,her2_cep17_ratio,avg_her2_copies\n"
    "early_breast,2+,dual,1.8,6.5\nmetastatic_breast,3+,,,\n",
    "format": "csv",
    "editions": ["asco_cap_2013", "asco_cap_2018"],
}


def _run(site: Path, mode: str) -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "node is required (it ships with this machine kind)"
    found = page_imports(ROOT / "calculator")
    data = {
        "inputs": [case["input"] for case in cases()],
        "imports": list(found.external_modules),
        "form": FORM,
        "reclassify": RECLASSIFY,
    }
    code = f"DATA = {json.dumps(json.dumps(data))}\n{PROGRAM}"
    done = subprocess.run(
        [node, "tests/pyodide/run_trimmed.mjs", ".", str(site / "pyodide"), mode, code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module", params=["plain", "snapshot"])
def trimmed_run(request: pytest.FixtureRequest, built_site: Path) -> dict[str, Any]:
    return _run(built_site, request.param)


def test_the_shipped_standard_library_is_trimmed_bytecode_with_the_calculator(
    built_site: Path,
) -> None:
    runtime = json.loads((built_site / "pyodide" / "runtime.json").read_text())
    with zipfile.ZipFile(built_site / "pyodide" / runtime["stdlib"]) as zf:
        names = set(zf.namelist())
    with zipfile.ZipFile(STOCK) as zf:
        stock = set(zf.namelist())
    library = {n for n in names if not n.startswith("calculator/")}
    assert library and all(n.endswith(".pyc") for n in library)
    assert {n[:-1] for n in library} < stock  # every module is one of Pyodide's own
    assert len(library) < len(stock) / 2
    for needed in ("json/__init__.pyc", "csv.pyc", "dataclasses.pyc", "encodings/utf_8.pyc"):
        assert needed in library
    # Every source file of the package (the rules digest reads them), bytecode beside each.
    sources = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "calculator").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert names - library == sources | {f"{n}c" for n in sources}
    # The plain start installs nothing: the calculator comes from this zip.
    assert runtime["packages"] == []


def test_every_golden_case_gives_cpythons_result_on_the_trimmed_runtime(
    trimmed_run: dict[str, Any],
) -> None:
    assert trimmed_run["platform"] == "emscripten"
    golden = cases()
    assert len(trimmed_run["results"]) == len(golden) >= 60
    for case, result in zip(golden, trimmed_run["results"], strict=True):
        where = f"{case['file']}:{case['id']}"
        assert result == json.loads(json.dumps(evaluate(case["input"]))), where
        assert check_case(case, result) == [], where


def test_every_import_the_calculators_source_names_works_on_the_trimmed_runtime(
    trimmed_run: dict[str, Any],
) -> None:
    """A new `import x` anywhere the page can reach, even inside a function, fails here unless
    the build shipped x (it does: the trimmed library is derived from the same source)."""
    assert trimmed_run["failed_imports"] == []


def test_every_door_of_the_browser_bridge_works_on_the_trimmed_runtime(
    trimmed_run: dict[str, Any],
) -> None:
    doors = trimmed_run["doors"]
    assert doors["form"]["ok"] is True
    assert doors["form"]["result"]["her2"]["status"] == "positive"  # ratio 2.4, copies 5.1
    assert doors["summary"]["ok"] is True and "HER2" in doors["summary"]["summary"]
    summary = json.loads(doors["reclassify"][-1])["summary"]
    assert summary["rows"] == 2
    assert doors["bad_json"]["ok"] is False


def test_modules_the_calculator_never_imports_are_left_out(trimmed_run: dict[str, Any]) -> None:
    """The control: a module outside the calculator's imports really is absent, so the import
    check above would catch a missing one. Installing a wheel would have loaded tarfile."""
    assert trimmed_run["email_absent"] is True
    assert trimmed_run["tarfile_loaded"] is False


def test_the_calculator_is_imported_from_the_standard_library_with_its_docstrings(
    trimmed_run: dict[str, Any],
) -> None:
    """The library is compiled as -OO would (no docstrings); the calculator as written, from
    the zip (its rules stamp, compared with CPython's in every golden case above, is then
    the digest of the sources in the zip)."""
    assert trimmed_run["calculator_file"].startswith("/lib/python3")
    assert ".zip/calculator/" in trimmed_run["calculator_file"]
    assert trimmed_run["stdlib_doc"] is None
    assert trimmed_run["calculator_doc"] and "sha256" in trimmed_run["calculator_doc"]
