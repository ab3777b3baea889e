"""Options of the ``guide/security`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

#: Everything from this site only. 'wasm-unsafe-eval' lets Pyodide compile its WebAssembly;
#: 'unsafe-eval' is not needed. Styles: Material sets inline style attributes (e.g. the
#: progress bar, tooltips), so style attributes are allowed; no inline script is.
DEFAULT_POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "worker-src": "'self'",
    "connect-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self' 'unsafe-inline'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}

#: Only valid as HTTP headers (ignored or invalid in a meta tag).
HEADER_ONLY = {"frame-ancestors": "'none'"}

EXTRA_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class SecurityConfig(Config):
    enabled = c.Type(bool, default=True)
    policy = c.Type(dict, default=DEFAULT_POLICY)
    headers_file = c.Type(str, default="_headers")
    # Fail (under --strict) when a built page has an executable inline <script>.
    forbid_inline_scripts = c.Type(bool, default=True)
    # robots.txt allowing everything and naming the sitemap (absolute, from site_url).
    robots = c.Type(bool, default=True)
