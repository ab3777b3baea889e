"""guide/citations: bibliography validation, reference formatting, Markdown -> HTML numbering,
and fixture mini-site builds (resolving anchors, unknown keys, uncited entries)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown as md_lib
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from build_tools.citations.bibliography import (
    BibliographyError,
    Entry,
    load_bibliography,
    parse_bibliography,
)
from build_tools.citations.extension import CitationsExtension, CitedPage
from build_tools.citations.plugin import CitationsPlugin
from build_tools.citations.render import reference_html, reference_text, tooltip
from tests.conftest import ROOT, build_site

FIXTURES = ROOT / "tests" / "fixtures"

BIB = parse_bibliography(
    """
alpha:
  authors: [Alpha AA, Beta BB, Gamma CC, Delta DD]
  title: The first paper
  journal: J Test
  year: 2001
  volume: 12
  issue: 3
  pages: 100-110
  doi: 10.1000/alpha.1
  pmid: 12345
beta:
  authors: [Beta BB]
  title: The second paper
  journal: J Test
  year: 2002
gamma:
  type: label
  authors: [Genentech]
  title: A drug label
  year: 2024
  url: https://example.org/label.pdf
evil:
  type: web
  authors: ["Mallory <b>M</b>"]
  title: <script>alert("x")</script> & "quotes"
  url: https://example.org/?a=1&b=<i>
""",
    source="test.yml",
)


def convert(markdown: str) -> tuple[str, CitedPage]:
    """Markdown -> HTML with the citations extension (and what it cited)."""
    extension = CitationsExtension(bibliography=BIB)
    html = md_lib.markdown(markdown, extensions=[extension, "toc", "pymdownx.superfences"])
    return html, extension.page


def render(markdown: str) -> str:
    return convert(markdown)[0]


def check_markdown(source: str, expected: str) -> None:
    """pymdown-extensions' test style: the whole HTML for a Markdown source."""
    assert render(source) == expected.strip("\n")


class _Tags(HTMLParser):
    """Start tags with their attributes, and the document's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def marks(html: str) -> list[str]:
    """The visible text of each citation mark, in order."""
    return [
        re.sub(r"<[^>]+>", "", m)
        for m in re.findall(r'<sup class="guide-cite[^"]*"[^>]*>(.*?)</sup>', html)
    ]


def reference_ids(html: str) -> list[str]:
    return re.findall(r'<li id="ref-([^"]+)">', html)


# --- Markdown -> HTML -----------------------------------------------------------------------


def test_numbers_follow_first_use_and_references_follow_the_numbers() -> None:
    html = render("Second [@beta], then first [@alpha], then [@gamma].")
    assert marks(html) == ["[1]", "[2]", "[3]"]
    assert reference_ids(html) == ["beta", "alpha", "gamma"]
    assert '<h2 id="references">References</h2>' in html
    assert '<sup class="guide-cite" id="cite-beta-1"><a href="#ref-beta"' in html


def test_a_repeated_citation_reuses_its_number_and_gets_its_own_back_link() -> None:
    html = render("One [@alpha]. Two [@beta]. Again [@alpha].")
    assert marks(html) == ["[1]", "[2]", "[1]"]
    assert 'id="cite-alpha-1"' in html and 'id="cite-alpha-2"' in html
    item = re.search(r'<li id="ref-alpha">(.*?)</li>', html).group(1)
    assert re.findall(r'href="#(cite-[^"]+)"', item) == ["cite-alpha-1", "cite-alpha-2"]
    assert 'aria-label="Back to citation 1"' in item
    assert 'aria-label="Back to citation 2"' in item
    # Numbered in text that the label contains, without an element each (~270 on the article).
    assert re.findall(r'class="guide-reference__back"[^>]*>([^<]*)</a>', item) == [
        "↩\ufe0e1",
        "↩\ufe0e2",
    ]
    assert "<sup" not in item


def test_several_keys_make_one_mark_with_each_number_linked() -> None:
    html = render("A [@alpha]. B [@beta]. C [@gamma]. Both [@gamma; @alpha].")
    assert marks(html)[-1] == "[1, 3]"
    last = re.findall(r'<sup class="guide-cite"[^>]*>(.*?)</sup>', html)[-1]
    assert re.findall(r'<a href="#([^"]+)" id="([^"]+)"', last) == [
        ("ref-alpha", "cite-alpha-2"),
        ("ref-gamma", "cite-gamma-2"),
    ]


def test_every_link_of_the_page_has_its_target() -> None:
    html = render("A [@alpha; @beta]. B [@beta]. C [@evil].")
    tags = parse(html).tags
    ids = {attrs["id"] for _, attrs in tags if attrs.get("id")}
    fragments = {attrs["href"][1:] for tag, attrs in tags if (attrs.get("href") or "")[:1] == "#"}
    assert fragments
    assert fragments <= ids


def test_a_citation_becomes_a_numbered_mark_and_a_reference() -> None:
    check_markdown(
        "Text [@beta].",
        """
<p>Text <sup class="guide-cite" id="cite-beta-1"><a href="#ref-beta" title="Beta 2002. The second paper">[1]</a></sup>.</p>
<h2 id="references">References</h2>
<ol class="guide-references">
<li id="ref-beta">Beta BB. The second paper. J Test. 2002. <a aria-label="Back to citation 1" class="guide-reference__back" href="#cite-beta-1">↩\ufe0e</a></li>
</ol>
""",
    )


def test_a_key_in_inline_code_stays_literal() -> None:
    check_markdown(
        "Inline code `[@alpha]` and ``a `[@beta]` b`` are literal.",
        "<p>Inline code <code>[@alpha]</code> and <code>a `[@beta]` b</code> are literal.</p>",
    )


def test_a_key_in_an_indented_code_block_stays_literal() -> None:
    check_markdown(
        "Code:\n\n    [@alpha]\n",
        "<p>Code:</p>\n<pre><code>[@alpha]\n</code></pre>",
    )


def test_a_key_in_a_fenced_code_block_stays_literal() -> None:
    check_markdown(
        "```\n[@alpha]\n```",
        '<div class="highlight"><pre><span></span><code>[@alpha]\n</code></pre></div>',
    )


@pytest.mark.parametrize(
    "source",
    [
        "~~~~ text\n[@alpha]\n~~~~",
        "- item\n\n    ```\n    [@alpha]\n    ```",
        "- item\n\n        [@alpha]",
        "> ```\n> [@alpha]\n> ```",
        "<!-- [@alpha] -->",
        "<div>[@alpha]</div>",
        r"Escaped \[@alpha] is literal.",
        "A link [@alpha](https://example.org) is a link.",
        "An e-mail alpha@example.org is not a citation.",
    ],
)
def test_code_comments_raw_html_escapes_and_links_are_not_citations(source: str) -> None:
    html, page = convert(source)
    assert page.references == []
    assert page.unknown == []
    assert "guide-cite" not in html
    assert "References" not in html


def test_marks_are_numbered_in_document_order_through_nested_blocks() -> None:
    html = render("First [@alpha].\n\n- In a list [@beta]\n\n> Quoted [@gamma]\n\nLast [@beta].")
    assert marks(html) == ["[1]", "[2]", "[3]", "[2]"]
    assert reference_ids(html) == ["alpha", "beta", "gamma"]


def test_a_citation_after_code_is_still_found_on_its_line() -> None:
    html, page = convert("```\n[@nope]\n```\n\nUse `x` then [@alpha; @nope].")
    assert marks(html) == ["[1, ?]"]
    assert [(u.key, u.line) for u in page.unknown] == [("nope", 5)]


def test_an_unclosed_backtick_does_not_hide_citations() -> None:
    assert marks(render("A stray ` and [@alpha].")) == ["[1]"]


def test_hostile_bibliography_text_is_escaped() -> None:
    html = render("Hostile [@evil].")
    parsed = parse(html)
    assert "script" not in {tag for tag, _ in parsed.tags}
    assert "b" not in {tag for tag, _ in parsed.tags}
    assert "i" not in {tag for tag, _ in parsed.tags}
    [title] = [a["title"] for t, a in parsed.tags if t == "a" and a.get("title")]
    assert title == 'Mallory <b>M</b>. <script>alert("x")</script> & "quotes"'
    assert '<script>alert("x")</script> & "quotes".' in "".join(parsed.text)
    hrefs = [a["href"] for t, a in parsed.tags if t == "a" and a.get("href", "").startswith("http")]
    assert hrefs == ["https://example.org/?a=1&b=<i>"]


def test_unknown_keys_render_as_question_marks_and_are_reported_with_lines() -> None:
    html, page = convert("Known [@alpha].\n\nUnknown [@nope; @alpha] and [@missing].")
    assert [(u.key, u.line) for u in page.unknown] == [("nope", 3), ("missing", 3)]
    assert marks(html) == ["[1]", "[1, ?]", "[?]"]
    assert "title=\"Unknown citation key 'missing'\"" in html
    assert reference_ids(html) == ["alpha"]


def test_a_page_without_citations_is_unchanged() -> None:
    source = "# Title\n\nNo citations [here](x.md).\n"
    assert render(source) == md_lib.markdown(source, extensions=["toc", "pymdownx.superfences"])


# --- Reference formatting -------------------------------------------------------------------


def test_article_reference_in_vancouver_style() -> None:
    assert reference_text(BIB["alpha"]) == (
        "Alpha AA, Beta BB, Gamma CC, et al. The first paper. J Test. 2001;12(3):100-110. "
        "doi:10.1000/alpha.1. PMID: 12345."
    )
    html = reference_html(BIB["alpha"])
    assert '<a href="https://doi.org/10.1000/alpha.1">doi:10.1000/alpha.1</a>' in html
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/12345/">PMID: 12345</a>' in html


def test_label_and_short_entries() -> None:
    assert reference_text(BIB["gamma"]) == (
        "Genentech. A drug label. 2024. https://example.org/label.pdf."
    )
    assert reference_text(BIB["beta"]) == "Beta BB. The second paper. J Test. 2002."
    assert tooltip(BIB["alpha"]) == "Alpha et al. 2001. The first paper"
    assert tooltip(BIB["beta"]) == "Beta 2002. The second paper"


# --- Bibliography validation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (
            "ok:\n  title: T\n  journal: J\n  year: 2001\nbad:\n  title: T\n  journal: J\n"
            "  year: twenty\n",
            ["bib.yml:8: entry 'bad', field 'year'"],
        ),
        ("bad:\n  title: T\n  journal: J\n  year: 2001\n  colour: red\n", ["field 'colour'"]),
        ("bad:\n  title: T\n", ["bib.yml:1: entry 'bad'", "needs 'journal' and 'year'"]),
        ("bad:\n  type: web\n  title: T\n  url: javascript:alert(1)\n", ["field 'url'"]),
        ("bad:\n  type: web\n  title: T\n  url: https://x.org\n  pmid: PM12\n", ["'pmid'"]),
        ("bad key:\n  type: web\n  title: T\n  url: https://x.org\n", ["key 'bad key'"]),
        ("bad: just a string\n", ["entry 'bad' must be a mapping"]),
        ("- a\n- b\n", ["expected a mapping"]),
        ("a: [unclosed\n", ["not valid YAML"]),
    ],
)
def test_malformed_bibliography_names_file_line_key_and_field(
    yaml_text: str, expected: list[str]
) -> None:
    with pytest.raises(BibliographyError) as raised:
        parse_bibliography(yaml_text, source="bib.yml")
    for fragment in expected:
        assert fragment in str(raised.value)


def test_every_problem_is_reported_at_once_including_duplicates() -> None:
    text = (
        "a:\n  title: T\n  year: 1\n"
        "b:\n  type: web\n  title: T\n  url: https://x.org\n"
        "b:\n  type: web\n  title: U\n  url: https://x.org\n"
    )
    with pytest.raises(BibliographyError) as raised:
        parse_bibliography(text, source="bib.yml")
    message = str(raised.value)
    assert "entry 'a'" in message
    assert "bib.yml:8: duplicate key 'b'" in message


def test_numbers_written_as_yaml_integers_become_text() -> None:
    entry = BIB["alpha"]
    assert (entry.volume, entry.issue, entry.pmid) == ("12", "3", "12345")


def test_missing_bibliography_file(tmp_path: Path) -> None:
    with pytest.raises(BibliographyError, match="not found"):
        load_bibliography(tmp_path / "none.yml")


def test_the_real_bibliography_is_valid() -> None:
    path = ROOT / "docs" / "bibliography.yml"
    # A guard, never a skip: the suite fails if the bibliography disappears.
    assert path.is_file(), "docs/bibliography.yml is missing: every citation resolves against it"
    entries = load_bibliography(path)
    assert entries
    assert all(isinstance(e, Entry) for e in entries.values())


# --- Plugin ---------------------------------------------------------------------------------


def test_config_defaults_and_bad_types() -> None:
    plugin = CitationsPlugin()
    errors, warnings = plugin.load_config({})
    assert (errors, warnings) == ([], [])
    assert plugin.config.enabled is True
    assert plugin.config.bibliography == "docs/bibliography.yml"
    assert plugin.config.warn_uncited is True
    errors, _ = CitationsPlugin().load_config({"warn_uncited": "sometimes"})
    assert errors and errors[0][0] == "warn_uncited"


def _page(fixture: str, src: str) -> tuple[CitationsPlugin, Page, object]:
    config = load_config(str(FIXTURES / fixture / "mkdocs.yml"))
    plugin = config.plugins["guide/citations"]
    plugin.on_config(config)
    file = File(src, config.docs_dir, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.read_source(config)
    return plugin, page, config


def _render(plugin: CitationsPlugin, page: Page, config: object) -> str:
    """The plugin's part of one page's build: its events around MkDocs' Markdown conversion."""
    files = Files([page.file])
    plugin.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    plugin.on_page_content(page.content, page=page, config=config, files=files)
    return page.content


def test_references_are_exposed_on_page_meta() -> None:
    plugin, page, config = _page("citations-ok", "index.md")
    _render(plugin, page, config)
    refs = page.meta["references"]
    assert [(r["number"], r["key"]) for r in refs] == [
        (1, "slamon2001"),
        (2, "wolff2018"),
        (3, "herceptin_uspi"),
        (4, "xss"),
    ]
    assert refs[0]["anchor"] == "ref-slamon2001"
    assert refs[0]["citation_ids"] == ["cite-slamon2001-1", "cite-slamon2001-2"]
    assert refs[0]["entry"]["pmid"] == "11248153"
    assert refs[0]["text"].startswith("Slamon DJ, Leyland-Jones B, Shak S, et al.")


def test_unknown_keys_are_collected_counting_front_matter_lines_then_stop_the_build() -> None:
    plugin, page, config = _page("citations-dangling", "index.md")
    plugin.on_pre_build(config=config)
    _render(plugin, page, config)
    assert [d.split(" (")[0] for d in plugin.dangling] == [
        "docs/index.md:9: unknown citation key 'nosuchkey2020'",
        "docs/index.md:9: unknown citation key 'alsomissing'",
    ]
    with pytest.raises(PluginError, match=r"2 citation\(s\)[\s\S]*add an entry 'alsomissing'"):
        plugin.on_env(None, config=config, files=Files([page.file]))


# --- Fixture mini-sites ---------------------------------------------------------------------


def mkdocs(fixture: str, dest: Path, *args: str, config: str = "mkdocs.yml") -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args, "-f", config, "-d", str(dest)],
        cwd=FIXTURES / fixture,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


@pytest.mark.build
def test_ok_site_builds_and_every_citation_resolves(tmp_path: Path) -> None:
    site = build_site(
        tmp_path / "site",
        site_url="http://127.0.0.1:8000/",
        config=FIXTURES / "citations-ok" / "mkdocs.yml",
    )
    index = (site / "index.html").read_text(encoding="utf-8")
    tags = parse(index).tags
    ids = {attrs["id"] for _, attrs in tags if attrs.get("id")}
    fragments = {a["href"][1:] for _, a in tags if (a.get("href") or "").startswith("#")}
    cites = {f for f in fragments if f.startswith(("ref-", "cite-"))}
    assert {"ref-slamon2001", "ref-wolff2018", "ref-herceptin_uspi", "ref-xss"} <= cites
    assert cites <= ids
    assert marks(index) == ["[1]", "[2, 3]", "[1]", "[4]"]
    assert "<code>[@slamon2001]</code>" in index
    assert "[@wolff2018]" in index  # the fenced block, as written
    assert "<script>alert" not in index
    other = (site / "other" / "index.html").read_text(encoding="utf-8")
    assert marks(other) == ["[1]"]
    assert reference_ids(other) == ["wolff2018"]
    # other.md links to index.md#ref-slamon2001: MkDocs validated that anchor under --strict.
    assert 'href="../#ref-slamon2001"' in other


@pytest.mark.build
def test_unknown_keys_fail_the_strict_build_naming_file_line_and_key(tmp_path: Path) -> None:
    code, output = mkdocs("citations-dangling", tmp_path / "strict", "--strict")
    assert code != 0
    assert "docs/index.md:9: unknown citation key 'nosuchkey2020'" in output
    assert "docs/index.md:9: unknown citation key 'alsomissing'" in output
    # An error, not a warning: neither a lax build nor --quiet publishes "[?]".
    for args in ((), ("--strict", "--quiet"), ("--quiet",)):
        code, output = mkdocs("citations-dangling", tmp_path / "lax", *args)
        assert code != 0, args
        assert "docs/index.md:9: unknown citation key 'alsomissing'" in output, args
        assert not (tmp_path / "lax" / "index.html").exists()


@pytest.mark.build
def test_an_uncited_entry_warns_or_informs(tmp_path: Path) -> None:
    code, output = mkdocs("citations-uncited", tmp_path / "warn", "--strict")
    assert code != 0
    assert re.search(r"WARNING\s+-\s+docs/bibliography.yml: entry 'neverused2019'", output)
    assert "slamon2001" not in output
    code, output = mkdocs(
        "citations-uncited", tmp_path / "info", "--strict", config="mkdocs-info.yml"
    )
    assert code == 0, output
    assert re.search(r"INFO\s+-\s+docs/bibliography.yml: entry 'neverused2019'", output)


@pytest.mark.build
def test_a_malformed_bibliography_stops_the_build_with_file_line_key_and_field(
    tmp_path: Path,
) -> None:
    code, output = mkdocs("citations-malformed", tmp_path / "site")
    assert code != 0
    assert "docs/bibliography.yml:10: entry 'badyear2020', field 'year'" in output
    assert "Traceback" not in output


# --- One reading of the bibliography --------------------------------------------------------


def test_the_bibliography_is_read_once_per_version_of_the_file(tmp_path: Path) -> None:
    """The citations plugin, the editorial coverage and the hazard log share one validated
    reading; a changed file is read again."""
    from build_tools.citations.bibliography import read_bibliography

    path = tmp_path / "bibliography.yml"
    fixture = ROOT / "tests" / "fixtures" / "citations-ok" / "docs" / "bibliography.yml"
    path.write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    first = read_bibliography(path)
    assert read_bibliography(path) is first
    assert set(first.raw) == set(first.entries) == set(load_bibliography(path))
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert read_bibliography(path) is not first


def test_the_approval_coverage_refuses_a_malformed_bibliography(tmp_path: Path) -> None:
    """What an approval covers is read through the validating reader: an entry the citations
    would refuse is a problem of the coverage too (it was hashed as written before)."""
    from build_tools.editorial.coverage import compute
    from build_tools.editorial.project import Project

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bibliography.yml").write_text(
        "broken:\n  type: article\n  title: No authors, no year\n", encoding="utf-8"
    )
    coverage = compute(Project.from_options(tmp_path, {}), "Text [@broken].\n")
    assert any("Malformed bibliography" in p and "broken" in p for p in coverage.problems)
