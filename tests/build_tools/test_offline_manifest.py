"""build_tools.offline: the service worker's manifest (what it may serve, with hashes)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from build_tools.offline.plugin import OfflinePlugin


def _write(site: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text)


def _build(site: Path) -> tuple[str, dict[str, str], dict[str, str]]:
    plugin = OfflinePlugin()
    plugin.load_config({})
    plugin.on_post_build(config=type("C", (), {"site_dir": str(site)})())  # type: ignore[arg-type]
    sw = (site / "sw.js").read_text()
    build = re.search(r'const BUILD = "(\w+)";', sw).group(1)
    shell, runtime = (
        json.loads(re.search(rf"const {name} = (\{{.*?\}});", sw, re.S).group(1))
        for name in ("SHELL", "RUNTIME")
    )
    code = "\n".join(line for line in sw.splitlines() if not line.strip().startswith("//"))
    # No takeover of open pages: skipWaiting only on the reader's request, never clients.claim.
    assert code.count("skipWaiting()") == 1
    assert 'type === "SKIP_WAITING") self.skipWaiting()' in code
    assert "clients.claim" not in code
    return build, shell, runtime


def test_manifest_lists_every_page_by_its_url_and_keeps_the_runtime_apart(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "index.html": "home",
            "a/index.html": "page a",
            "a/b/index.html": "page b",
            "404.html": "missing",
            "feed.xml": "<feed/>",
            "assets/javascripts/bundle.0123abcd.min.js": "js",
            "assets/javascripts/bundle.0123abcd.min.js.map": "map",
            "pyodide/pyodide.asm.wasm": "wasm",
            "pyodide/runtime.json": "{}",
        },
    )
    _, shell, runtime = _build(tmp_path)
    assert set(shell) == {"", "a/", "a/b/", "404.html", "assets/javascripts/bundle.0123abcd.min.js"}
    assert set(runtime) == {"pyodide/pyodide.asm.wasm", "pyodide/runtime.json"}
    assert shell["a/"] == hashlib.sha256(b"page a").hexdigest()[:16]


def test_any_changed_byte_makes_a_new_build(tmp_path: Path) -> None:
    _write(tmp_path, {"index.html": "home", "pyodide/runtime.json": "{}"})
    first, _, _ = _build(tmp_path)
    assert _build(tmp_path)[0] == first  # same bytes, same build
    (tmp_path / "pyodide" / "runtime.json").write_text('{"snapshot": null}')
    second, _, _ = _build(tmp_path)
    (tmp_path / "index.html").write_text("home, edited")
    third, _, _ = _build(tmp_path)
    assert len({first, second, third}) == 3


def test_a_wheel_the_page_never_installs_is_not_kept(tmp_path: Path) -> None:
    """The trimmed standard library carries the calculator (runtime.json installs nothing):
    the wheel stays on the site for the contract but is not part of a reader's offline copy.
    A build that installs it keeps it."""
    files = {
        "index.html": "home",
        "pyodide/calculator-3.2.1-py3-none-any.whl": "wheel",
        "pyodide/pyodide-lock.json": "{}",
    }
    _write(tmp_path, {**files, "pyodide/runtime.json": json.dumps({"packages": []})})
    _, _, runtime = _build(tmp_path)
    assert set(runtime) == {"pyodide/pyodide-lock.json", "pyodide/runtime.json"}
    _write(tmp_path, {"pyodide/runtime.json": json.dumps({"packages": ["calculator"]})})
    _, _, runtime = _build(tmp_path)
    assert "pyodide/calculator-3.2.1-py3-none-any.whl" in runtime
    _write(tmp_path, {"pyodide/runtime.json": "{}"})  # no "packages": an older runtime
    _, _, runtime = _build(tmp_path)
    assert "pyodide/calculator-3.2.1-py3-none-any.whl" in runtime
