"""The patient sections and the handout, read from the BUILT site: reading grade and length
(textstat), citations behind every figure, links between them, and the handout's own review
record in status.json and the feed (issue #16)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import textstat

from tests.readability import PATIENT_SECTIONS, page_text

ROOT = Path(__file__).resolve().parents[2]
HANDOUT_SOURCE = ROOT / "docs" / "trastuzumab" / "handout" / "index.md"
MAX_GRADE = 8.0
MIN_HANDOUT_WORDS = 600
#: Sources the patient text rests on (docs/bibliography.yml).
PATIENT_SOURCES = {
    "herceptin_uspi",
    "herceptin_smpc",
    "hylecta_uspi",
    "nhs_trastuzumab",
    "cruk_trastuzumab",
    "ashp_trastuzumab",
}


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def patient_block(html: str) -> str:
    start = html.index('<div class="guide-audience" data-audience="patient">')
    end = html.index('<details class="note">', start)
    return html[start:end]


def test_handout_reads_at_grade_8_or_below_and_has_at_least_600_words(built_site: Path) -> None:
    text = page_text(html_of(built_site, "trastuzumab/handout"))
    words = textstat.lexicon_count(text)
    grade = textstat.flesch_kincaid_grade(text)
    print(f"handout: {words} words, Flesch-Kincaid grade {grade:.1f}")
    assert words >= MIN_HANDOUT_WORDS
    assert grade <= MAX_GRADE
    # The measured text is the handout's prose, not the card, notes or references.
    assert "Questions to ask your team" in text
    assert "Editorial note" not in text and "References" not in text


def test_patient_sections_of_the_article_read_at_grade_8_or_below(built_site: Path) -> None:
    text = page_text(html_of(built_site, "trastuzumab"), root=PATIENT_SECTIONS)
    grade = textstat.flesch_kincaid_grade(text)
    print(f"article patient sections: {textstat.lexicon_count(text)} words, grade {grade:.1f}")
    for topic in (
        "Why the HER2 test matters",
        "How it is given",
        "Side effects",
        "Heart checks, and why",
        "Pregnancy and birth control",
        "Questions to ask your team",
    ):
        assert topic in text
    assert grade <= MAX_GRADE


def _blocks_with_figures(html: str) -> list[str]:
    """Paragraphs and list items that state a number, each with the paragraph that introduces
    its list (a list's citation may stand on its lead-in sentence)."""
    found = []
    lead = ""
    for match in re.finditer(r"<(p|ul|li)\b[^>]*>(.*?)</\1>|<ul\b", html, re.DOTALL):
        tag, inner = match.group(1), match.group(2) or ""
        if tag == "p":
            lead = inner
        if tag in {"p", "li"} and re.search(r"\d", re.sub(r"<[^>]+>", "", inner)):
            found.append(inner if tag == "p" else f"{inner} || {lead}")
    return found


def test_every_patient_figure_carries_a_citation(built_site: Path) -> None:
    article = patient_block(html_of(built_site, "trastuzumab"))
    handout = html_of(built_site, "trastuzumab/handout")
    card_end = handout.index("</section>", handout.index('data-testid="handout-card"'))
    handout = handout[card_end : handout.index('<details class="note">')]
    for name, html in (("article", article), ("handout", handout)):
        blocks = _blocks_with_figures(html)
        assert len(blocks) >= 8, name
        uncited = [b for b in blocks if "guide-cite" not in b]
        assert uncited == [], f"{name}: figures without a source: {uncited}"


def test_patient_text_cites_the_patient_sources(built_site: Path) -> None:
    for html in (
        patient_block(html_of(built_site, "trastuzumab")),
        html_of(built_site, "trastuzumab/handout"),
    ):
        cited = set(re.findall(r'href="#ref-([a-z0-9_]+)"', html))
        assert cited >= PATIENT_SOURCES


def test_editorial_notes_say_what_each_source_confirmed_and_what_is_unconfirmed(
    built_site: Path,
) -> None:
    for url in ("trastuzumab", "trastuzumab/handout"):
        html = html_of(built_site, url)
        note = html[html.index('<details class="note">') :]
        note = note[: note.index("</details>")]
        assert "what each source confirmed" in note
        assert "Not confirmed against a source" in note
        cited = set(re.findall(r'href="#ref-([a-z0-9_]+)"', note))
        assert cited >= PATIENT_SOURCES, url


def test_article_and_handout_link_to_each_other(built_site: Path) -> None:
    article = html_of(built_site, "trastuzumab")
    assert 'href="handout/"' in patient_block(article)
    handout = html_of(built_site, "trastuzumab/handout")
    assert 'class="guide-handout__url"' in handout and 'href="../"' in handout


def test_handout_has_its_own_record_in_status_json_and_the_feed(built_site: Path) -> None:
    status = json.loads((built_site / "status.json").read_text(encoding="utf-8"))
    entries = {a["id"]: a for a in status["articles"]}
    handout, article = entries["trastuzumab-handout"], entries["trastuzumab"]
    assert handout["status"] == "submitted" and handout["approved"] is False
    assert handout["url"].endswith("/trastuzumab/handout/")
    assert handout["history_length"] >= 1
    assert handout["history_head"] != article["history_head"]
    assert handout["body_sha256"] != article["body_sha256"]
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    titles = [e.title for e in feed.entries]
    assert any("handout" in t.lower() for t in titles), titles


def test_handout_record_verifies_and_is_not_approved() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "build_tools.editorial", "verify", str(HANDOUT_SOURCE)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "status submitted" in done.stdout
    assert "approved_sha256" not in HANDOUT_SOURCE.read_text(encoding="utf-8")
