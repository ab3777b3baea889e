"""The ``reclassify --report out.html`` page: self-contained (no script, no external file), counts
by change and an inline SVG bar chart. Every piece of text is escaped."""

from __future__ import annotations

from html import escape
from typing import Any

from calculator.rules.editions import EDITIONS

BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, CHART_WIDTH = 22, 8, 260, 640


def _name(edition_id: str) -> str:
    edition = EDITIONS.get(edition_id)
    return edition.short if edition else edition_id


def chart_svg(by_change: dict[str, int]) -> str:
    """Horizontal bars, one per change, longest first; the SVG has a title and a description."""
    items = list(by_change.items())
    if not items:
        return "<p>No report changed category.</p>"
    peak = max(n for _, n in items)
    span = CHART_WIDTH - LABEL_WIDTH - 70
    height = len(items) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    parts = []
    for i, (change, n) in enumerate(items):
        y = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP)
        width = max(1, round(span * n / peak))
        label = escape(change.replace("->", " → "))
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.1f}" text-anchor="end">'
            f"{label}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" fill="#3f51b5">'
            f"<title>{label}: {n:,}</title></rect>"
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + BAR_HEIGHT * 0.7:.1f}">{n:,}</text>'
        )
    desc = escape("; ".join(f"{c.replace('->', ' to ')}: {n}" for c, n in items))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title '
        f'chart-desc" viewBox="0 0 {CHART_WIDTH} {height}" width="{CHART_WIDTH}" '
        f'height="{height}" font-family="sans-serif" font-size="13">'
        '<title id="chart-title">Reports that changed category, by change</title>'
        f'<desc id="chart-desc">{desc}</desc>{"".join(parts)}</svg>'
    )


def _table(caption: str, head: list[str], rows: list[list[object]]) -> str:
    th = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>"
        + f'<th scope="row">{escape(str(r[0]))}</th>'
        + "".join(f"<td>{escape(f'{c:,}' if isinstance(c, int) else str(c))}</td>" for c in r[1:])
        + "</tr>"
        for r in rows
    )
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{th}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def report_html(summary: dict[str, Any], *, source: str) -> str:
    s = summary["summary"]
    editions: list[str] = s["editions"]
    names = " → ".join(_name(e) for e in editions)
    changes = _table(
        "Reports by change of category",
        ["Change", "Reports"],
        [[c.replace("->", " → "), n] for c, n in s["by_change"].items()] or [["No change", 0]],
    )
    statuses = sorted({st for e in editions for st, n in s["by_status"][e].items() if n})
    by_status = _table(
        "Reports by category under each edition",
        ["Category", *(_name(e) for e in editions)],
        [[st.replace("_", " "), *(s["by_status"][e][st] for e in editions)] for st in statuses],
    )
    valid = s["rows"] - s["errors"]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HER2 re-classification: {escape(source)}</title>
<style>
body{{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222}}
table{{border-collapse:collapse;margin:1rem 0}}
th,td{{border:1px solid #bbb;padding:.3rem .6rem;text-align:left}}
td{{text-align:right}} caption{{text-align:left;font-weight:bold;padding:.3rem 0}}
svg{{max-width:100%;height:auto}}
</style></head><body>
<h1>HER2 re-classification</h1>
<p>File: <strong>{escape(source)}</strong>. Editions compared, in order: {escape(names)}.</p>
<p>{s["rows"]:,} rows read; {valid:,} read under every edition; <strong>{s["changed"]:,}</strong>
changed category; {s["errors"]:,} rows had input errors (listed by row number in the JSON
output).</p>
<h2>What changed</h2>
{chart_svg(s["by_change"])}
{changes}
<h2>Categories under each edition</h2>
{by_status}
<p>Breast reports are read by the ASCO/CAP edition named; gastric reports by the gastric
guideline, the same under every edition. An IHC score is taken as reported. This page was
written by the trastuzumab guide's calculator; its content is pending clinical review.</p>
</body></html>
"""
