"""MkDocs plugin ``guide/security``: one CSP for the meta tag and ``_headers``; inline-script check."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from build_tools.security.config import EXTRA_HEADERS, HEADER_ONLY, SecurityConfig

log = logging.getLogger("mkdocs.plugins.guide.security")

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_DATA_TYPES = ("application/json", "application/ld+json")


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
        if not self.config.enabled or not self.config.forbid_inline_scripts:
            return None
        for body in inline_scripts(output):
            log.warning(
                "%s: inline <script> found (%r…); the Content-Security-Policy blocks inline "
                "script: move it to a file under build_tools/theme/assets/javascripts/.",
                page.file.src_uri,
                body,
            )
        return None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        policy = serialize({**self.config.policy, **HEADER_ONLY})
        lines = ["/*", f"  Content-Security-Policy: {policy}"]
        lines += [f"  {name}: {value}" for name, value in EXTRA_HEADERS.items()]
        (Path(config.site_dir) / self.config.headers_file).write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
