"""MkDocs plugin ``guide/security``: one CSP for the meta tag and ``_headers``; inline-script check."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from build_tools.security.caching import cache_rules
from build_tools.security.config import EXTRA_HEADERS, HEADER_ONLY, SecurityConfig
from build_tools.security.feeds import ATOM_CONTENT_TYPE, is_atom_feed

log = logging.getLogger("mkdocs.plugins.guide.security")

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_DATA_TYPES = ("application/json", "application/ld+json")
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
#: Cloudflare Pages reads at most 100 rules from ``_headers``.
MAX_RULES = 100


def serialize(policy: dict[str, str], /) -> str:
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def inline_scripts(html: str, /) -> list[str]:
    """Executable inline scripts of a page (data blocks such as JSON are not executable)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs, body = match.group(1), match.group(2)
        if "src=" in attrs.lower() or not body.strip():
            continue
        if any(t in attrs.lower() for t in _DATA_TYPES):
            continue
        found.append(body.strip()[:80])
    return found


class SecurityPlugin(BasePlugin[SecurityConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        # Read by the theme override partials/javascripts/base.html.
        config.extra["csp"] = serialize(self.config.policy)
        return config

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        output = _with_csp_meta(output, config.extra["csp"], page.file.src_uri)
        if not self.config.forbid_inline_scripts:
            return output
        for body in inline_scripts(output):
            log.warning(
                "%s: inline <script> found (%r…); the Content-Security-Policy blocks inline "
                "script: move it to a file under build_tools/theme/assets/javascripts/.",
                page.file.src_uri,
                body,
            )
        return output

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        # Static templates (404.html) are not pages: they get the policy here.
        if not self.config.enabled or not template_name.endswith(".html"):
            return None
        return _with_csp_meta(output_content, config.extra["csp"], template_name)

    # Last: every other plugin has written its files (the runtime at -50, sw.js at -100).
    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        base = urlsplit(config.site_url or "/").path or "/"
        if self.config.robots:
            sitemap = f"{config.site_url}sitemap.xml" if config.site_url else f"{base}sitemap.xml"
            (site / "robots.txt").write_text(
                f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", encoding="utf-8"
            )
        policy = serialize({**self.config.policy, **HEADER_ONLY})
        lines = [
            "# Written by build_tools/security: every path, then one cache rule per path.",
            "/*",
        ]
        lines += [f"  Content-Security-Policy: {policy}"]
        lines += [f"  {name}: {value}" for name, value in EXTRA_HEADERS.items()]
        rules = cache_rules(site, base)
        feeds = {f"{base}{p.name}" for p in site.glob("*.xml") if is_atom_feed(p)}
        for pattern, cache_control in rules:
            lines += ["", pattern, f"  Cache-Control: {cache_control}"]
            if pattern in feeds:
                lines.append(f"  Content-Type: {ATOM_CONTENT_TYPE}")
        if len(rules) + 1 > MAX_RULES:
            log.warning(
                "_headers has %d rules; Cloudflare Pages reads only %d", len(rules) + 1, MAX_RULES
            )
        (site / self.config.headers_file).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _with_csp_meta(html: str, csp: str, where: str, /) -> str:
    """The policy right after the charset, before any other element: it governs all of them."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
    html, found = _CHARSET.subn(lambda m: m.group(0) + meta, html, count=1)
    if not found:
        log.warning("%s: no <meta charset> to put the Content-Security-Policy after", where)
    return html
