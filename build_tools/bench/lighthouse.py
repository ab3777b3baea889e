"""``python -m build_tools.bench.lighthouse``: Lighthouse scores (not part of the tests).

Builds the site for a loopback URL (so instant navigation and the service worker behave as
deployed), serves it with ``build_tools.serve`` and runs the pinned Lighthouse 12.2.3 from
``node_modules`` over the home page, the article and the calculator page, mobile and desktop.
Writes ``build_tools/bench/results/lighthouse.{json,md}``. Performance scores swing by up to
30 points between runs on 2 cores: compare ranges, not single runs.
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

from build_tools.serve import make_server

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).with_name("results")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "", "article": "trastuzumab/", "calculator": "calculator/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run(url: str, form_factor: str, chromium: str, out: Path) -> dict[str, object]:
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
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "bytes": round(audits["total-byte-weight"]["numericValue"]),
    }


def markdown(results: dict[str, object]) -> str:
    lines = [
        "# Lighthouse",
        "",
        f"`make lighthouse` on {results['generated']} (Lighthouse {results['lighthouse']}, "
        f"{results['machine']}). Performance swings by up to 30 points between runs here.",
        "",
        "| Page | Form factor | Performance | Accessibility | Best practices | SEO | LCP ms | TBT ms | Bytes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["runs"]:  # type: ignore[attr-defined]
        s = row["scores"]
        lines.append(
            f"| {row['page']} | {row['form_factor']} | {s['performance']} | {s['accessibility']} "
            f"| {s['best-practices']} | {s['seo']} | {row['lcp_ms']} | {row['tbt_ms']} "
            f"| {row['bytes']:,} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--port", type=int, default=8347)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` (it is pinned in package.json).")
    base = f"http://127.0.0.1:{args.port}/"
    version = json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"]
    runs = []
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
            for name, path in PAGES.items():
                for form_factor in ("mobile", "desktop"):
                    result = run(base + path, form_factor, args.chromium, Path(tmp) / "lh.json")
                    runs.append({"page": name, "form_factor": form_factor, **result})
                    print(name, form_factor, result, flush=True)
        finally:
            server.shutdown()
    results = {
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "lighthouse": version,
        "machine": f"{os.cpu_count()} cores",
        "runs": runs,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "lighthouse.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (OUT / "lighthouse.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))


if __name__ == "__main__":
    main()
