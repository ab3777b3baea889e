"""The "Re-classify a file" page (issue 18): the file is read in the page's worker, the summary
and chart appear, the download equals the CLI's output, and no request carries the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
MARKER = "zz-private-7f3c9a"
CSV = (
    "indication,ihc,ish_method,her2_cep17_ratio,avg_her2_copies\n"
    "metastatic_breast,2+,dual,2.3,3.5\n"  # 2013 positive; 2018 group 2 with IHC 2+: negative
    "early_breast,2+,dual,1.5,5.0\n"  # 2013 equivocal; 2018 group 4 with IHC 2+: negative
    "metastatic_breast,3+,,,\n"
    f"metastatic_breast,{MARKER},dual,2.1,4.5\n"  # a bad row: its field error, not a stop
)


def test_reclassify_runs_in_the_page_and_sends_nothing(page: Page, tmp_path: Path) -> None:
    bodies: list[str] = []
    page.context.on("request", lambda r: bodies.append(f"{r.url} {r.post_data or ''}"))
    page.goto("reclassify/")
    root = page.locator("[data-reclassify]")
    expect(root).to_have_attribute("data-reclassify-state", "ready", timeout=60_000)
    page.set_input_files(
        "#reclassify-file",
        files=[{"name": "reports.csv", "mimeType": "text/csv", "buffer": CSV.encode()}],
    )
    page.get_by_role("button", name="Re-classify").click()
    expect(root).to_have_attribute("data-reclassify-state", "done", timeout=60_000)
    totals = page.locator("[data-reclassify-totals]")
    expect(totals).to_contain_text("4 rows; 2 changed category; 1 rows with input errors")
    changes = page.locator("[data-reclassify-changes] tr")
    expect(changes).to_have_count(2)
    expect(changes.first).to_contain_text("equivocal → negative")
    expect(page.locator(".guide-reclassify__chart rect")).to_have_count(2)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the results (JSON lines)").click()
    saved = tmp_path / "out.jsonl"
    download.value.save_as(saved)
    source = tmp_path / "reports.csv"
    source.write_text(CSV, encoding="utf-8")
    editions = ["--editions", "asco_cap_2013,asco_cap_2018", "--workers", "1"]
    cli = subprocess.run(
        [sys.executable, "-m", "calculator", "reclassify", str(source), *editions],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert saved.read_text(encoding="utf-8") == cli.stdout  # Pyodide and CPython agree
    assert MARKER in cli.stdout  # the marker is in the data the page read ...
    assert not [b for b in bodies if MARKER in b]  # ... and in no request


def test_reclassify_asks_for_a_file_and_two_editions(page: Page) -> None:
    page.goto("reclassify/")
    root = page.locator("[data-reclassify]")
    expect(root).to_have_attribute("data-reclassify-state", "ready", timeout=60_000)
    page.get_by_role("button", name="Re-classify").click()
    expect(page.get_by_role("alert")).to_have_text("Choose a CSV or JSONL file first.")
    page.set_input_files(
        "#reclassify-file",
        files=[{"name": "r.csv", "mimeType": "text/csv", "buffer": CSV.encode()}],
    )
    page.get_by_label("ASCO/CAP 2013").uncheck()
    page.get_by_role("button", name="Re-classify").click()
    expect(page.get_by_role("alert")).to_have_text("Choose at least two editions to compare.")


def test_the_calculator_reads_an_older_edition_on_request(page: Page) -> None:
    """Ratio 2.3 with 3.5 copies and IHC 2+: 2018 group 2 negative (wolff2018), and the result
    says 2013 read it as positive (wolff2013); choosing 2013 reads it so, naming the edition."""
    page.goto("calculator/")
    page.wait_for_selector("form[data-calculator-state=ready]", state="attached", timeout=60_000)
    page.select_option("[data-calculator] [name=indication]", "metastatic_breast")
    page.select_option("[data-calculator] [name=ihc]", "2+")
    page.select_option("[data-calculator] [name=ish_method]", "dual")
    page.fill("[data-calculator] [name=her2_cep17_ratio]", "2.3")
    page.fill("[data-calculator] [name=avg_her2_copies]", "3.5")
    result = page.get_by_test_id("calculator-result")
    expect(result).to_have_attribute("data-her2-status", "negative")
    note = result.locator('[data-code="EDITION_READS_DIFFERENTLY"]', has_text="ASCO/CAP 2013")
    expect(note).to_contain_text("Under ASCO/CAP 2013 this report read as positive: ratio ≥2.0")
    page.select_option("[data-calculator] [name=guideline]", "asco_cap_2013")
    expect(result).to_have_attribute("data-her2-status", "positive")
    expect(result.locator('[data-code="OLDER_GUIDELINE_EDITION"]')).to_have_count(1)
