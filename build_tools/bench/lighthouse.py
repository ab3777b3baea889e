"""``python -m build_tools.bench.lighthouse``: Lighthouse scores (not part of the tests).

Builds the site for a loopback URL (so instant navigation and the service worker behave as
deployed), serves it with ``build_tools.serve`` (precompressed copies, as a host that follows
the README would) and runs the pinned Lighthouse 12.2.3 from ``node_modules`` over the home
page, the article, the calculator, the handout and the re-classify page, mobile (several runs)
and desktop. Performance swings by up to 30 points between runs on 2 cores: the report gives
each page's range. ``make bench`` runs the same measurement into its own report; this module's
``main`` writes ``build_tools/bench/results/lighthouse.{json,md}`` alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from build_tools.serve import make_server

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).with_name("results")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "",
    "article": "trastuzumab/",
    "calculator": "calculator/",
    "handout": "trastuzumab/handout/",
    "reclassify": "reclassify/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: Issue 24: mobile performance >= 90 on every page; the other categories stay 100.
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}


def version() -> str:
    return str(json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"])


def run(url: str, form_factor: str, chromium: str, out: Path) -> dict[str, Any]:
    args = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if form_factor == "desktop":
        args.append("--preset=desktop")
    subprocess.run(args, check=True, env={**os.environ, "CHROME_PATH": chromium})
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "bytes": round(audits["total-byte-weight"]["numericValue"]),
        "dom_nodes": audits["dom-size"].get("numericValue"),
    }


def measure(base: str, *, chromium: str, mobile_runs: int = 3, desktop_runs: int = 1) -> dict:
    """Every page ``mobile_runs`` times on the mobile preset and ``desktop_runs`` times on the
    desktop one, alternating pages so a busy moment does not fall on one page only."""
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lh.json"
        for form_factor, count in (("mobile", mobile_runs), ("desktop", desktop_runs)):
            for i in range(count):
                for name, path in PAGES.items():
                    result = run(base + path, form_factor, chromium, out)
                    runs.append({"page": name, "form_factor": form_factor, "run": i, **result})
                    print("lighthouse", name, form_factor, result["scores"], flush=True)
    return {"lighthouse": version(), "runs": runs, "ranges": ranges(runs)}


def ranges(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per page and form factor: min and max of each score, median TBT and LCP."""
    out = []
    keys = sorted({(r["page"], r["form_factor"]) for r in runs}, key=lambda k: (k[1], k[0]))
    order = list(PAGES)
    for page, form_factor in sorted(keys, key=lambda k: (k[1] != "mobile", order.index(k[0]))):
        mine = [r for r in runs if r["page"] == page and r["form_factor"] == form_factor]
        scores = {c: [r["scores"][c] for r in mine] for c in CATEGORIES}
        median = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
        out.append(
            {
                "page": page,
                "form_factor": form_factor,
                "runs": len(mine),
                "min": {c: min(v) for c, v in scores.items()},
                "max": {c: max(v) for c, v in scores.items()},
                "tbt_ms_median": median([r["tbt_ms"] for r in mine]),
                "lcp_ms_median": median([r["lcp_ms"] for r in mine]),
                "bytes": mine[0]["bytes"],
                "dom_nodes": mine[0]["dom_nodes"],
            }
        )
    return out


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def markdown_table(results: dict[str, Any]) -> list[str]:
    lines = [
        "| Page | Form factor | Runs | Performance | Accessibility | Best practices | SEO "
        "| TBT ms (median) | LCP ms (median) | Bytes | DOM nodes |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["ranges"]:
        lo, hi = row["min"], row["max"]
        cells = [_span(lo[c], hi[c]) for c in CATEGORIES]
        lines.append(
            f"| {row['page']} | {row['form_factor']} | {row['runs']} | {' | '.join(cells)} "
            f"| {row['tbt_ms_median']} | {row['lcp_ms_median']} | {row['bytes']:,} "
            f"| {row['dom_nodes']} |"
        )
    return lines


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "# Lighthouse",
        "",
        f"`make lighthouse` on {results['generated']} (Lighthouse {results['lighthouse']}, "
        f"{results['machine']}). Performance swings by up to 30 points between runs here: "
        "each cell is the range over the runs.",
        "",
        *markdown_table(results),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--port", type=int, default=8347)
    parser.add_argument("--mobile-runs", type=int, default=3)
    parser.add_argument("--desktop-runs", type=int, default=1)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` (it is pinned in package.json).")
    base = f"http://127.0.0.1:{args.port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "SITE_URL": base, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        server = make_server(site, "127.0.0.1", args.port)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            results = measure(
                base,
                chromium=args.chromium,
                mobile_runs=args.mobile_runs,
                desktop_runs=args.desktop_runs,
            )
        finally:
            server.shutdown()
    results.update(
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end",
    )
    OUT.mkdir(exist_ok=True)
    (OUT / "lighthouse.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (OUT / "lighthouse.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))


if __name__ == "__main__":
    main()
