"""The "Re-classify a file" page: the file is read in the page's worker, the summary
and chart appear, the download equals the CLI's output, and no request carries the file."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_until_ready

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
    page.get_by_role("button", name="Re-classify", exact=True).click()
    expect(root).to_have_attribute("data-reclassify-state", "done", timeout=60_000)
    totals = page.locator("[data-reclassify-totals]")
    expect(totals).to_have_text(
        "reports.csv: 4 rows read; 2 rows changed category between ASCO/CAP 2013 and "
        "ASCO/CAP 2018; 1 row with mistakes, not read."
    )  # no speed for a file this small
    changes = page.locator('[data-reclassify-table="changes_table"] tbody tr')
    expect(changes).to_have_count(2)
    expect(changes.first).to_contain_text("equivocal → negative")
    expect(page.locator(".guide-reclassify__chart rect")).to_have_count(2)
    changed = page.locator('[data-reclassify-table="changed_rows"] tbody tr')
    expect(changed.nth(0).locator("th, td")).to_have_text(["1", "positive", "negative"])
    expect(changed.nth(1).locator("th, td")).to_have_text(["2", "equivocal", "negative"])
    bad = page.locator('[data-reclassify-table="bad_rows"] tbody tr')
    expect(bad).to_have_count(1)
    expect(bad.first.locator("th")).to_have_text("4")  # row 4, on line 5
    expect(bad.first.locator("td").first).to_have_text("5")

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
    page.get_by_role("button", name="Re-classify", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("Choose a CSV or JSONL file first.")
    page.set_input_files(
        "#reclassify-file",
        files=[{"name": "r.csv", "mimeType": "text/csv", "buffer": CSV.encode()}],
    )
    page.get_by_label("ASCO/CAP 2013").uncheck()
    page.get_by_role("button", name="Re-classify", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("Choose at least two editions to compare.")


def bad_file(page: Page, name: str, body: bytes) -> None:
    page.set_input_files(
        "#reclassify-file", files=[{"name": name, "mimeType": "text/csv", "buffer": body}]
    )
    page.get_by_role("button", name="Re-classify", exact=True).click()


def test_a_bad_file_is_words_and_clears_the_previous_run(page: Page) -> None:
    """A file whose header cannot be read: the reason in words (no traceback), and nothing of
    the previous file's run is left on the page (totals, chart, rows, download)."""
    page.goto("reclassify/")
    root = page.locator("[data-reclassify]")
    expect(root).to_have_attribute("data-reclassify-state", "ready", timeout=60_000)
    bad_file(page, "reports.csv", CSV.encode())
    expect(root).to_have_attribute("data-reclassify-state", "done", timeout=60_000)
    download = page.get_by_role("button", name="Download the results (JSON lines)")
    expect(download).to_be_visible()
    bad_file(page, "broken.csv", b'"indication"x,ihc\nmetastatic_breast,3+\n')
    alert = page.get_by_role("alert")
    expect(alert).to_have_text(re.compile(r"^Line 1: the header row cannot be read: text follows"))
    expect(alert).not_to_contain_text("Traceback")
    expect(alert).not_to_contain_text("/lib/python")
    expect(root).to_have_attribute("data-reclassify-state", "ready")
    expect(download).to_be_hidden()
    expect(page.locator("[data-reclassify-totals]")).to_have_text("")
    expect(page.locator(".guide-reclassify__chart")).to_have_count(0)
    expect(page.locator("[data-reclassify-table] tbody tr")).to_have_count(0)


def test_the_issue_files_in_the_page(page: Page) -> None:
    """A stray quote, an open quote and old-Mac CR line ends: every record is a row or one
    error, as on the command line."""
    page.goto("reclassify/")
    root = page.locator("[data-reclassify]")
    expect(root).to_have_attribute("data-reclassify-state", "ready", timeout=60_000)
    rows = ["metastatic_breast,3+,,,"] * 8
    rows[2] = 'early_breast,2+",dual,2.1,5.0'
    rows[5] = 'early_breast,"2+,dual,2.1,5.0'
    body = "\r".join([CSV.splitlines()[0], *rows, ""]).encode()
    bad_file(page, "mac.csv", body)
    expect(root).to_have_attribute("data-reclassify-state", "done", timeout=60_000)
    expect(page.locator("[data-reclassify-totals]")).to_have_text(
        "mac.csv: 8 rows read; 0 rows changed category between ASCO/CAP 2013 and ASCO/CAP 2018; "
        "2 rows with mistakes, not read."
    )
    bad = page.locator('[data-reclassify-table="bad_rows"] tbody tr')
    expect(bad).to_have_count(2)
    expect(bad.nth(0)).to_contain_text("A stray quote mark")
    expect(bad.nth(1)).to_contain_text("A quoted value opened here is not closed")


def test_the_sample_file_is_linked_and_re_classified(page: Page, tmp_path: Path) -> None:
    """The sample the page links is a real file of the site; the page reads it as the command
    line reads the same file in the repository."""
    page.goto("reclassify/")
    root = page.locator("[data-reclassify]")
    expect(root).to_have_attribute("data-reclassify-state", "ready", timeout=60_000)
    link = page.locator("a[data-reclassify-sample]")
    expect(link).to_have_attribute("download", "reclassify-sample.csv")
    served = page.request.get(link.get_attribute("href") or "", fail_on_status_code=True)
    source = ROOT / "docs" / "reclassify" / "sample.csv"
    assert served.body() == source.read_bytes()
    page.get_by_role("button", name="Re-classify the sample file").click()
    expect(root).to_have_attribute("data-reclassify-state", "done", timeout=60_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the results (JSON lines)").click()
    saved = tmp_path / "out.jsonl"
    download.value.save_as(saved)
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "calculator",
            "reclassify",
            str(source),
            "--workers",
            "1",
            "--editions",
            "asco_cap_2013,asco_cap_2018",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert saved.read_text(encoding="utf-8") == cli.stdout
    summary = json.loads(cli.stdout.splitlines()[-1])["summary"]
    expect(page.locator("[data-reclassify-totals]")).to_contain_text(
        f"sample.csv: {summary['rows']} rows read; {summary['changed']} rows changed category"
    )
    changed = page.locator('[data-reclassify-table="changed_rows"] tbody tr')
    expect(changed).to_have_count(summary["changed"])
    expect(page.locator('[data-reclassify-table="bad_rows"] tbody tr')).to_have_count(
        summary["errors"]
    )


def test_the_calculator_reads_an_older_edition_on_request(page: Page) -> None:
    """Ratio 2.3 with 3.5 copies and IHC 2+: 2018 group 2 negative (wolff2018), and the result
    says 2013 read it as positive (wolff2013); choosing 2013 reads it so, naming the edition."""
    page.goto("calculator/")
    wait_until_ready(page, timeout=60_000)
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
