"""The patient view and the handout in Chromium (issue #16): with "Patient or caregiver" chosen
the plain-language sections lead and every clinical section is folded to one line with a
working "Show details"; citation marks are 24 px tap targets at 390 px; on a phone the editorial
box is one line that opens; the pending-review notice speaks to patients in their words;
citation marks in patient text are quiet; the handout prints on at most two A4 pages at 11 pt
with "When to get help" on the first, its references staying on screen, and has a Print button
on screen; axe finds nothing serious in the patient view."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from tests.e2e.test_accessibility import AXE, RUN_AXE

ARTICLE = "trastuzumab/"
HANDOUT = "trastuzumab/handout/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
FOLDED_SECTIONS = [
    "What trastuzumab is used for",
    "Who is eligible: HER2 testing",
    "How trastuzumab works",
    "Recommended adjuvant regimens",
    "Dosing",
    "Safety",
    "Check eligibility",
    "Follow-up questions",
]
MIN_TARGET_PX = 24
MAX_A4_PAGES = 2
MIN_BODY_PT = 11
SUMMARY = re.compile(r"^Pending human review · v\d+\.\d+ · \d{1,2} [A-Z][a-z]{2} \d{4}$")


def context_for(
    browser: Browser, site_server: str, audience: str, viewport: dict[str, int]
) -> BrowserContext:
    ctx = browser.new_context(base_url=site_server, viewport=viewport)
    ctx.add_init_script(f"localStorage.setItem('guide.audience', '{audience}')")
    return ctx


@pytest.fixture
def patient_phone(browser: Browser, site_server: str) -> Iterator[Page]:
    ctx = context_for(browser, site_server, "patient", PHONE)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    ctx.close()
    assert errors == []


def fold(page: Page, title: str):
    heading = page.locator("h2").filter(has_text=re.compile(rf"^{re.escape(title)}\W*$"))
    return page.locator("section.guide-fold").filter(has=heading)


def test_patient_sections_lead_and_clinical_sections_are_folded(patient_phone: Page) -> None:
    page = patient_phone
    page.goto(ARTICLE)
    expect(page.locator("html")).to_have_attribute("data-guide-audience", "patient")
    headings = page.locator("article h2:visible")
    expect(headings.first).to_have_text(re.compile(r"^Trastuzumab in plain words"))
    visible = [t.replace("¶", "").strip() for t in headings.all_inner_texts()]
    first_folded = visible.index(FOLDED_SECTIONS[0])
    assert first_folded >= 1 and visible[:first_folded] == ["Trastuzumab in plain words"]
    for topic in ("How it is given", "Side effects", "Heart checks, and why"):
        expect(page.get_by_role("heading", level=3, name=topic)).to_be_visible()
    # Every section, and the professionals' introduction before them (a fold without a heading).
    expect(page.locator("section.guide-fold")).to_have_count(len(FOLDED_SECTIONS) + 1)
    lead = page.locator("section.guide-fold:not([aria-labelledby])")
    expect(lead.get_by_role("button", name="Show details")).to_be_visible()
    expect(page.locator("#guide-fold-lead")).to_be_hidden()
    expect(page.get_by_text("humanised monoclonal antibody")).to_be_hidden()
    for title in FOLDED_SECTIONS:
        section = fold(page, title)
        expect(section.locator(".guide-fold__summary")).to_be_visible()
        button = section.get_by_role("button", name="Show details")
        expect(button).to_be_visible()
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(section.locator(".guide-fold__body")).to_be_hidden()
    # Nothing is removed: the folded text is in the page, one tap away.
    expect(page.locator("#guide-fold-dosing")).to_contain_text("4 mg/kg")


def test_show_details_opens_and_closes_a_section_by_mouse_and_keyboard(
    patient_phone: Page,
) -> None:
    page = patient_phone
    page.goto(ARTICLE)
    section = fold(page, "Dosing")
    button = section.get_by_role("button", name="Show details")
    button.click()
    expect(section.locator(".guide-fold__body")).to_be_visible()
    expect(section.locator(".guide-fold__body")).to_contain_text("6 mg/kg")
    hide = section.get_by_role("button", name="Hide details")
    expect(hide).to_have_attribute("aria-expanded", "true")
    hide.focus()
    page.keyboard.press("Enter")
    expect(section.locator(".guide-fold__body")).to_be_hidden()
    expect(section.get_by_role("button", name="Show details")).to_be_focused()
    # Other sections stay folded.
    expect(fold(page, "Safety").locator(".guide-fold__body")).to_be_hidden()


def test_a_link_into_a_folded_section_opens_it(patient_phone: Page) -> None:
    page = patient_phone
    page.goto(f"{ARTICLE}#early-breast-cancer-adjuvant-treatment")
    section = fold(page, "What trastuzumab is used for")
    expect(section.locator(".guide-fold__body")).to_be_visible()
    expect(section.get_by_role("button", name="Hide details")).to_be_visible()


def test_professional_view_folds_nothing(browser: Browser, site_server: str) -> None:
    ctx = context_for(browser, site_server, "professional", DESKTOP)
    try:
        page = ctx.new_page()
        page.goto(ARTICLE)
        expect(page.locator(".guide-fold__toggle:visible")).to_have_count(0)
        expect(page.locator(".guide-fold__summary:visible")).to_have_count(0)
        expect(page.locator("#guide-fold-dosing")).to_be_visible()
        expect(page.locator("#guide-fold-lead")).to_be_visible()
        expect(page.locator('.guide-audience[data-audience="patient"]')).to_be_hidden()
        # The table of contents lists only what this view shows.
        toc = page.locator(".md-sidebar--secondary")
        expect(toc.get_by_role("link", name="Trastuzumab in plain words")).to_be_hidden()
        expect(toc.get_by_role("link", name="Dosing", exact=True)).to_be_visible()
    finally:
        ctx.close()


def test_citation_marks_are_24px_tap_targets_on_a_phone(patient_phone: Page) -> None:
    page = patient_phone
    page.goto(ARTICLE)
    links = page.locator("sup.guide-cite a:visible")
    boxes = [b for b in (link.bounding_box() for link in links.all()) if b]
    assert len(boxes) >= 20
    small = [b for b in boxes if b["width"] < MIN_TARGET_PX or b["height"] < MIN_TARGET_PX]
    assert small == []


def test_a_citation_mark_and_its_back_link_land_on_each_other(sized: Page) -> None:
    """The references are laid out only near the screen (content-visibility): a mark still
    lands on its reference, in view and readable, and the back link returns to the mark."""
    page = sized
    page.goto(ARTICLE)
    mark = page.locator("sup.guide-cite a:visible").first
    target = (mark.get_attribute("href") or "").split("#")[-1]
    mark.click()
    reference = page.locator(f"[id='{target}']")
    expect(reference).to_be_in_viewport()
    expect(reference).to_contain_text(re.compile(r"\w{4,}"))
    mark_id = mark.evaluate("a => a.id || a.closest('sup').id")
    back = reference.locator(f".guide-reference__back[href$='#{mark_id}']")
    expect(back).to_have_text(re.compile(r"^↩\ufe0e\d*$"))
    back.click()
    expect(page.locator(f"[id='{mark_id}']")).to_be_in_viewport()


def test_phone_editorial_box_is_one_line_that_opens(patient_phone: Page) -> None:
    page = patient_phone
    page.goto(ARTICLE)
    summary = page.get_by_test_id("editorial-summary")
    expect(summary).to_be_visible()
    text = " ".join(summary.inner_text().split())
    assert SUMMARY.match(text), text
    box = summary.bounding_box()
    assert box and box["height"] <= 2 * MIN_TARGET_PX  # one line
    track = page.get_by_role("list", name="Review status")
    expect(track).to_be_hidden()
    expect(page.get_by_test_id("pending-review")).to_be_hidden()
    # The first screen shows the content: the plain-language heading is above the fold.
    heading = page.get_by_role("heading", level=2, name="Trastuzumab in plain words").bounding_box()
    assert heading and heading["y"] < PHONE["height"]
    summary.click()
    expect(track).to_be_visible()
    expect(page.get_by_test_id("pending-review")).to_be_visible()


def test_wide_screen_shows_the_whole_editorial_box(browser: Browser, site_server: str) -> None:
    ctx = context_for(browser, site_server, "patient", DESKTOP)
    try:
        page = ctx.new_page()
        page.goto(ARTICLE)
        expect(page.get_by_test_id("editorial-summary")).to_be_hidden()
        expect(page.get_by_role("list", name="Review status")).to_be_visible()
        expect(page.get_by_test_id("pending-review")).to_be_visible()
        toc = page.locator(".md-sidebar--secondary")
        expect(toc.get_by_role("link", name="Trastuzumab in plain words")).to_be_visible()
    finally:
        ctx.close()


@pytest.mark.parametrize("margin", [None, "1cm"])
def test_handout_prints_on_at_most_two_a4_pages_at_11pt(
    page: Page, tmp_path: Path, margin: str | None
) -> None:
    page.goto(HANDOUT)
    page.emulate_media(media="print")
    body_pt = page.evaluate(
        """() => [...document.querySelectorAll("article p, article li")]
          .filter((e) => e.getClientRects().length && !e.closest(".guide-handout, details"))
          .map((e) => parseFloat(getComputedStyle(e).fontSize) * 0.75)"""
    )
    assert body_pt and min(body_pt) >= MIN_BODY_PT, min(body_pt)
    margins = {side: margin for side in ("top", "right", "bottom", "left")} if margin else None
    pdf = page.pdf(format="A4", print_background=True, margin=margins)
    (tmp_path / "handout.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    print(f"handout printed on {pages} A4 page(s), body text {min(body_pt):.1f} pt")
    assert 1 <= pages <= MAX_A4_PAGES
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    # A4 is 595.3 x 841.9 pt; Chromium rounds to whole CSS pixels.
    assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5, (width, height)
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Pending human review" in first
    assert "phone numbers" in first and "Scan to open the full article" in first
    # The heading a patient looks for, with what to do, on the first page.
    assert "When to get help" in first and "Call your team straight away" in first
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Questions to ask your team" in text
    for question in (
        "Will I lose my hair?",
        "Your first day of treatment",
        "Other medicines, vaccines and food",
        "Work, driving and daily life",
    ):
        assert question in text
    # The reviewers' record and notes stay online; the printed page states the review itself.
    assert "Editorial record" not in text and "Editorial note" not in text
    # References stay on screen; paper says where they are, and carries no citation marks.
    assert "References" not in text and "Genentech" not in text
    assert re.search(r"Sources: http://\S+/trastuzumab/handout/#references", text)
    assert not re.search(r"\[\d+(, \d+)*\]", text)


def test_handout_on_screen_has_a_print_button_and_keeps_the_paper_parts_for_paper(
    patient_phone: Page,
) -> None:
    page = patient_phone
    page.goto(HANDOUT)
    card = page.get_by_test_id("handout-card")
    expect(card.get_by_role("button", name="Print this handout")).to_be_visible()
    expect(page.get_by_test_id("handout-qr")).to_be_hidden()
    expect(card.get_by_text("Write your team's phone numbers here:")).to_be_hidden()
    expect(page.get_by_test_id("handout-review")).to_be_hidden()  # the editorial box says it
    expect(page.get_by_test_id("handout-sources")).to_be_hidden()
    expect(page.locator(".guide-references")).to_be_visible()
    # The first screen: the title, the review line, the card and the heading "When to get help"
    # are what a patient sees before scrolling far; the heading is one short scroll away.
    heading = page.get_by_role("heading", level=2, name="When to get help")
    box = heading.bounding_box()
    assert box and box["y"] < 1.5 * PHONE["height"], box
    page.evaluate("window.print = () => { window.__printed = true; }")
    card.get_by_role("button", name="Print this handout").click()
    assert page.evaluate("window.__printed") is True


@pytest.mark.parametrize(
    ("audience", "words"),
    [
        ("patient", "It is general information, not advice for you."),
        ("professional", "check every statement against the cited sources"),
    ],
)
def test_the_pending_notice_speaks_to_the_reader(
    browser: Browser, site_server: str, audience: str, words: str
) -> None:
    ctx = context_for(browser, site_server, audience, DESKTOP)
    try:
        page = ctx.new_page()
        page.goto(ARTICLE)
        notice = page.get_by_test_id("pending-review")
        expect(notice).to_contain_text(words)
        other = {
            "patient": "check every statement",
            "professional": "not advice for you",
        }[audience]
        expect(notice.get_by_text(other)).to_be_hidden()
        # The handout is for patients: its notice has only their words.
        page.goto(HANDOUT)
        notice = page.get_by_test_id("pending-review")
        expect(notice).to_contain_text("It is general information, not advice for you.")
        assert "check every statement" not in notice.inner_text()
    finally:
        ctx.close()


def test_citation_marks_in_patient_text_are_quiet(patient_phone: Page) -> None:
    """Small and muted beside the text they support, in the patient sections and the handout."""
    page = patient_phone
    for url, text in (
        (ARTICLE, '.guide-audience[data-audience~="patient"] p'),
        (HANDOUT, "article p"),
    ):
        page.goto(url)
        style = page.evaluate(
            """(sel) => {
              const p = [...document.querySelectorAll(sel)].find((e) =>
                e.querySelector("sup.guide-cite a") && e.getClientRects().length);
              const a = p.querySelector("sup.guide-cite a");
              const get = (e) => getComputedStyle(e);
              return {text: parseFloat(get(p).fontSize), mark: parseFloat(get(a).fontSize),
                      textColor: get(p).color, markColor: get(a).color};
            }""",
            text,
        )
        assert style["mark"] <= 0.8 * style["text"], style
        assert style["markColor"] != style["textColor"], style


@pytest.mark.parametrize(("url", "viewport"), [(ARTICLE, PHONE), (HANDOUT, PHONE)])
def test_patient_view_has_no_serious_axe_violations(
    browser: Browser, site_server: str, url: str, viewport: dict[str, int]
) -> None:
    ctx = browser.new_context(base_url=site_server, viewport=viewport, bypass_csp=True)
    ctx.add_init_script("localStorage.setItem('guide.audience', 'patient')")
    try:
        page = ctx.new_page()
        page.goto(url)
        if url == ARTICLE:
            fold(page, "Safety").get_by_role("button", name="Show details").click()
            page.get_by_test_id("editorial-summary").click()
        page.add_script_tag(path=str(AXE))
        outcome = page.evaluate(RUN_AXE)
        assert outcome["rules"] > 30
        assert outcome["violations"] == []
    finally:
        ctx.close()
