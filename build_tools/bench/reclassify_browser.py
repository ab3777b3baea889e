"""``python -m build_tools.bench.reclassify_browser``: rows per second of the "Re-classify a
file" page (Pyodide in the page's worker), over the same 200,000 generated reports as the CLI
figure in :mod:`build_tools.bench.throughput`. Builds the site, serves it on a loopback port and
times three runs in Chromium (the page's own figure: file read to summary shown)."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from build_tools.bench.throughput import reports_csv
from build_tools.serve import make_server

ROOT = Path(__file__).resolve().parents[2]
TARGET_ROWS_PER_SECOND = 20_000


def measure(site: Path, *, rows: int, runs: int, chromium: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = make_server(site, "127.0.0.1", port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rates: list[int] = []
    try:
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
            path = Path(tmp) / "reports.csv"
            reports_csv(path, rows)
            browser = p.chromium.launch(executable_path=chromium, args=["--headless=new"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/reclassify/")
            root = "[data-reclassify]"
            page.wait_for_selector(f"{root}[data-reclassify-state=ready]", timeout=120_000)
            for _ in range(runs):
                page.set_input_files("#reclassify-file", str(path))
                page.click(f"{root} button[type=submit]")
                page.wait_for_selector(f"{root}[data-reclassify-state=done]", timeout=600_000)
                rates.append(int(page.get_attribute(root, "data-rows-per-second") or 0))
                page.evaluate(
                    "document.querySelector('[data-reclassify]').dataset.reclassifyState = 'ready'"
                )
            browser.close()
    finally:
        server.shutdown()
    best = sorted(rates)[len(rates) // 2]
    return {
        "rows": rows,
        "runs": rates,
        "median_rows_per_second": best,
        "target": TARGET_ROWS_PER_SECOND,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYODIDE_SNAPSHOT": "false"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        print(json.dumps(measure(site, rows=args.rows, runs=args.runs, chromium=args.chromium)))


if __name__ == "__main__":
    main()
