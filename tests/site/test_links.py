"""Link integrity of the built site: every internal link and anchor resolves; every external
reference link is a well-formed DOI, PubMed or official URL."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

DOI_URL = re.compile(r"^https://doi\.org/10\.\d{4,9}/\S+$")
PUBMED_URL = re.compile(r"^https://pubmed\.ncbi\.nlm\.nih\.gov/\d{1,9}/$")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])  # type: ignore[arg-type]
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])  # type: ignore[arg-type]


def _pages(site: Path) -> dict[str, _Collector]:
    pages = {}
    for path in site.rglob("*.html"):
        collector = _Collector()
        collector.feed(path.read_text(encoding="utf-8"))
        pages["/" + path.relative_to(site).as_posix()] = collector
    return pages


def _target(site: Path, page: str, href: str) -> tuple[str, str]:
    url = urlsplit(urljoin("http://site" + page, href))
    path = unquote(url.path)
    if path.endswith("/"):
        path += "index.html"
    elif not Path(path).suffix and (site / path.lstrip("/") / "index.html").is_file():
        path += "/index.html"
    return path, unquote(url.fragment)


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    pages = _pages(built_site)
    assert len(pages) >= 5
    broken, checked = [], 0
    for page, collector in pages.items():
        for href in collector.links:
            scheme = urlsplit(href).scheme
            if scheme in {"http", "https", "mailto"} or href.startswith("//"):
                continue
            path, fragment = _target(built_site, page, href)
            checked += 1
            if not (built_site / path.lstrip("/")).is_file():
                broken.append(f"{page}: {href} → missing {path}")
            elif fragment and path in pages and fragment not in pages[path].ids:
                broken.append(f"{page}: {href} → no #{fragment} in {path}")
    assert checked > 50
    assert broken == []


def test_external_reference_links_are_well_formed(built_site: Path) -> None:
    article = _pages(built_site)["/trastuzumab/index.html"]
    external = [h for h in article.links if h.startswith(("http://", "https://"))]
    dois = [h for h in external if "doi.org" in h]
    pmids = [h for h in external if "pubmed" in h]
    assert dois and pmids
    bad = [h for h in dois if not DOI_URL.match(h)] + [h for h in pmids if not PUBMED_URL.match(h)]
    assert bad == []
    assert all(h.startswith("https://") for h in external), "insecure external link"


@pytest.mark.parametrize("href", ["../x/", "#a", "y.html#b"])
def test_target_resolution(tmp_path: Path, href: str) -> None:
    path, _ = _target(tmp_path, "/a/index.html", href)
    assert path.startswith("/")
