"""``python -m build_tools.bench``: the performance report (not part of the tests).

Builds the site with ``SITE_URL`` at a loopback port, measures in Chromium (desktop cold start
against the bare-Pyodide floor and the repeat visit, by wall clock, page and performance mark;
the same on a phone profile; recompute latency right after ready; wire bytes per file; first
paint), Lighthouse over five pages (several runs, ranges), CPython throughput and build
scaling, then writes ``build_tools/bench/results/report.{json,md}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from build_tools.bench import (
    browser,
    lighthouse,
    reclassify_browser,
    report,
    site_build,
    throughput,
)
from build_tools.serve import make_server

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).with_name("results")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lighthouse(site: Path, port: int, args: argparse.Namespace) -> dict[str, object]:
    """Lighthouse over the same build, served with its precompressed copies."""
    server = make_server(site, "127.0.0.1", port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        return lighthouse.measure(
            f"http://127.0.0.1:{port}/", chromium=args.chromium, mobile_runs=args.lighthouse_runs
        )
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--article", default="trastuzumab/")
    parser.add_argument("--calculator", default="calculator/")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="mobile runs per page")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["browser", "build", "throughput", "lighthouse", "plain"],
        help="leave a part out (its figures are the previous report's); plain: the build "
        "without the memory snapshot and the re-classify page measured on it",
    )
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument(
        "--note",
        action="append",
        default=[],
        help="a sentence for the report's notes (what else was measured, and how)",
    )
    args = parser.parse_args()

    results: dict[str, object] = {
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        # Other work on the machine skews the ratios (a CPU-bound floor suffers most): say so.
        "load_average_start": round(os.getloadavg()[0], 1),
    }
    if "throughput" not in args.skip:
        results["throughput"] = throughput.measure()
        print("throughput", results["throughput"], flush=True)
    if "browser" not in args.skip:
        port = _port()
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            env = {
                **os.environ,
                "SITE_URL": f"http://127.0.0.1:{port}/",
                "NO_MKDOCS_2_WARNING": "1",
            }
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                cwd=ROOT,
                env=env,
                check=True,
            )
            results["browser"] = browser.measure(
                site,
                port=port,
                article=args.article,
                calculator=args.calculator,
                runs=args.runs,
                chromium=args.chromium,
            )
            print("browser", json.dumps(results["browser"])[:400], flush=True)
            if "lighthouse" not in args.skip:
                results["lighthouse"] = _lighthouse(site, port, args)
        if "plain" not in args.skip:
            # The memory snapshot is kept only if it wins end to end, download included: measure
            # the plain lock-file start of the same site in the same run.
            with tempfile.TemporaryDirectory() as tmp:
                site = Path(tmp) / "site"
                subprocess.run(
                    [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                    cwd=ROOT,
                    env={**env, "PYODIDE_SNAPSHOT": "false"},
                    check=True,
                )
                results["browser_no_snapshot"] = browser.measure_start_only(
                    site,
                    port=port,
                    article=args.calculator,
                    runs=max(3, args.runs // 2),
                    chromium=args.chromium,
                )
                # Issue 18: the "Re-classify a file" page (Pyodide in the page's worker) on the same
                # build: its throughput does not depend on how Python started.
                results["reclassify_browser"] = reclassify_browser.measure(
                    site, rows=200_000, runs=3, chromium=args.chromium
                )
            print("no snapshot", json.dumps(results["browser_no_snapshot"])[:300], flush=True)
            print("reclassify in the browser", results["reclassify_browser"], flush=True)
    if "build" not in args.skip:
        results["build"] = site_build.measure()
        print("build", results["build"], flush=True)
    # A section skipped in this run keeps its figures from the previous report (and says so).
    previous = OUT / "report.json"
    if previous.is_file():
        before = json.loads(previous.read_text(encoding="utf-8"))
        #: report section → the --skip name that leaves it out
        sections = {
            "throughput": "throughput",
            "browser": "browser",
            "browser_no_snapshot": "plain",
            "reclassify_browser": "plain",
            "build": "build",
            "lighthouse": "lighthouse",
        }
        for section, skip in sections.items():
            skipped = skip in args.skip or (
                skip in ("lighthouse", "plain") and "browser" in args.skip
            )
            if skipped and section in before:
                # A section carried over twice keeps the run that measured it.
                measured = before[section].get("from_run") or before.get("generated")
                results[section] = {**before[section], "from_run": measured}
    if args.note:
        results["notes"] = args.note
    results["load_average_end"] = round(os.getloadavg()[0], 1)
    OUT.mkdir(exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (OUT / "report.md").write_text(report.markdown(results), encoding="utf-8")
    print(report.markdown(results))


if __name__ == "__main__":
    main()
