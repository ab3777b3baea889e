"""build_tools.pyodide: the calculator wheel and the lock file the page loads it through."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from build_tools.compress.encodings import is_precompressed_copy
from build_tools.pyodide import lockfile
from build_tools.pyodide.wheel import WheelBuildError, build_wheel, sources_digest

ROOT = Path(__file__).resolve().parents[2]
NPM_LOCK = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
STOCK_STDLIB = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
PYODIDE_BUILD = ROOT / ".venv-pyodide" / "bin" / "python"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    pkg = tmp_path / "src" / "demo"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text('__version__ = "1.2.3"\n')
    (pkg / "sub" / "rules.py").write_text("LIMIT = 2.0\n")
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"junk")
    return pkg


def test_wheel_is_pure_python_and_holds_only_the_package(package: Path, tmp_path: Path) -> None:
    wheel = build_wheel(package, tmp_path / "out")
    assert wheel.name == "demo-1.2.3-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "demo/__init__.py" in names and "demo/sub/rules.py" in names
        assert not any("__pycache__" in n for n in names)
        assert "Tag: py3-none-any" in zf.read("demo-1.2.3.dist-info/WHEEL").decode()
        record = zf.read("demo-1.2.3.dist-info/RECORD").decode()
        assert "demo/sub/rules.py,sha256=" in record


def test_wheel_bytes_are_reproducible(package: Path, tmp_path: Path) -> None:
    first = build_wheel(package, tmp_path / "a").read_bytes()
    second = build_wheel(package, tmp_path / "b").read_bytes()
    assert first == second


def test_digest_changes_with_the_sources(package: Path) -> None:
    before = sources_digest(package)
    (package / "sub" / "rules.py").write_text("LIMIT = 2.1\n")
    assert sources_digest(package) != before


def test_missing_version_is_a_clear_error(package: Path, tmp_path: Path) -> None:
    (package / "__init__.py").write_text("")
    with pytest.raises(WheelBuildError, match="does not define __version__"):
        build_wheel(package, tmp_path)


@pytest.mark.build
def test_lock_file_lists_the_wheel_with_its_sha256(package: Path, tmp_path: Path) -> None:
    if not PYODIDE_BUILD.is_file():
        pytest.fail("pyodide-build is not installed: run `make setup`")
    wheel = build_wheel(package, tmp_path)
    out = tmp_path / "pyodide-lock.json"
    lockfile.add_wheel(NPM_LOCK, wheel, out, python=PYODIDE_BUILD)
    lock = lockfile.trim(out, "demo")
    assert list(lock["packages"]) == ["demo"]
    entry = lock["packages"]["demo"]
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["file_name"] == wheel.name
    assert entry["imports"] == ["demo"]
    assert entry["install_dir"] == "site"
    assert lock["info"] == json.loads(NPM_LOCK.read_text())["info"]


def test_without_pyodide_build_the_build_stops_and_says_how_to_install_it(
    package: Path, tmp_path: Path
) -> None:
    wheel = build_wheel(package, tmp_path)
    out = tmp_path / "pyodide-lock.json"
    with pytest.raises(lockfile.LockfileError, match=r"pyodide-build is required.*make setup"):
        lockfile.add_wheel(NPM_LOCK, wheel, out, python=tmp_path / "no-python")
    assert not out.exists()


def test_built_site_ships_only_the_runtime_files_and_the_wheel(built_site: Path) -> None:
    folder = built_site / "pyodide"
    shipped = sorted(p.name for p in folder.iterdir() if not is_precompressed_copy(p))
    wheel = next(n for n in shipped if n.endswith(".whl"))
    runtime = json.loads((folder / "runtime.json").read_text())
    snapshot = [runtime["snapshot"]] if runtime.get("snapshot") else []
    assert runtime["stdlib"].startswith("python_stdlib-") and runtime["stdlib"].endswith(".zip")
    assert shipped == sorted(
        [
            "pyodide.mjs",
            "pyodide.asm.mjs",
            "pyodide.asm.wasm",
            runtime["stdlib"],
            "pyodide-lock.json",
            "runtime.json",
            wheel,
            *snapshot,
        ]
    )
    # Pyodide's full standard library is not shipped: the trimmed one replaces it.
    assert not (folder / "python_stdlib.zip").exists()
    # What a reader downloads: the Brotli copy of the trimmed zip. Its entries are stored, so
    # that copy compresses across modules (per-entry deflate would leave it ~40% larger).
    stdlib = folder / runtime["stdlib"]
    with zipfile.ZipFile(stdlib) as zf:
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}
    assert (folder / f"{stdlib.name}.br").stat().st_size < 0.8 * STOCK_STDLIB.stat().st_size
    assert (folder / f"{wheel}.br").is_file()
    assert runtime["wheel"] == wheel
    assert wheel.startswith("calculator-") and wheel.endswith("-py3-none-any.whl")
    lock = json.loads((built_site / "pyodide" / "pyodide-lock.json").read_text())
    digest = hashlib.sha256((built_site / "pyodide" / wheel).read_bytes()).hexdigest()
    assert lock["packages"]["calculator"]["sha256"] == digest
    with zipfile.ZipFile(built_site / "pyodide" / wheel) as zf:
        tops = {n.split("/")[0] for n in zf.namelist()}
    assert "build_tools" not in tops and "calculator" in tops


def test_only_calculator_pages_start_the_worker_from_the_head(built_site: Path) -> None:
    """prestart.js is in <head> of pages with the calculator, and nowhere else."""
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        has_calculator = 'class="guide-calculator" data-calculator' in html
        assert ("guide/prestart.js" in head) == has_calculator, page
    assert "guide/prestart.js" in (built_site / "trastuzumab" / "index.html").read_text()


def test_under_mkdocs_serve_calculator_is_watched_and_no_snapshot_is_made() -> None:
    """`make dev`: a change to calculator/ reloads the page, and no Node snapshot step runs."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["guide/pyodide"]
    plugin.on_config(config)
    assert plugin._memory_snapshot is True
    plugin.on_startup(command="serve", dirty=False)
    assert plugin._memory_snapshot is False

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(ROOT))
    try:
        plugin.on_serve(server, config=config, builder=None)
        assert str(ROOT / "calculator") in server._watched_paths
    finally:
        server.server_close()
    plugin.on_startup(command="build", dirty=False)
    assert plugin._memory_snapshot is True
