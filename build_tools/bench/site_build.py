"""Site build time for 1, 10 and 100 synthetic copies of the article (scaling)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _make_project(dest: Path, copies: int) -> Path:
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    # .cache too: the Pyodide build products and the precompressed copies are reused as in a
    # repeated build of the real project (the scaling is about articles, not first builds).
    for name in (
        "build_tools",
        "calculator",
        "node_modules",
        ".venv-pyodide",
        "package.json",
        ".cache",
        # The safety plugin checks that every test the hazard log names exists.
        "tests",
    ):
        (dest / name).symlink_to(ROOT / name)
    article = (ROOT / "docs" / "trastuzumab" / "index.md").read_text(encoding="utf-8")
    for i in range(1, copies):
        copy = re.sub(r"(?m)^id: .*$", f"id: synthetic-{i}", article, count=1)
        target = dest / "docs" / f"synthetic-{i}" / "index.md"
        target.parent.mkdir(parents=True)
        target.write_text(copy, encoding="utf-8")
    # Synthetic pages are not in the nav; the real config would flag that in strict mode.
    config = (
        (dest / "mkdocs.yml").read_text(encoding="utf-8").replace("strict: true", "strict: false")
    )
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def build_seconds(copies: int, /) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        project = _make_project(Path(tmp), copies)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")],
            cwd=project,
            env=env,
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start


def measure(counts: tuple[int, ...] = (1, 10, 100)) -> dict[str, object]:
    seconds = {n: build_seconds(n) for n in counts}
    per_article = {n: seconds[n] / n for n in counts}
    base = seconds[counts[0]]
    # Marginal cost per extra article, from the two largest runs: near-constant = linear.
    marginal = (seconds[counts[-1]] - seconds[counts[-2]]) / (counts[-1] - counts[-2])
    return {
        "seconds": {str(n): round(s, 3) for n, s in seconds.items()},
        "per_article_seconds": {str(n): round(s, 4) for n, s in per_article.items()},
        "fixed_seconds": round(base, 3),
        "marginal_seconds_per_article": round(marginal, 4),
        "linearity": round(
            (seconds[counts[-1]] - base) / ((counts[-1] - counts[0]) * max(marginal, 1e-9)), 3
        ),
    }
