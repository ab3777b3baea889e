"""Serve a built site on the loopback interface, the way a static host would.

``python -m build_tools.serve [SITE_DIR] [--host 127.0.0.1] [--port 8000] [--base-path /guide/]``
(``make serve PORT=N`` builds for port N and serves there).

Only a plain static server: correct MIME types for ``.mjs`` and ``.wasm`` (Pyodide streams its
WebAssembly), the headers from ``_headers`` (Netlify/Cloudflare style, written by the build) so
the Content-Security-Policy and the cache policy are tested as deployed, the site's own
``404.html`` with status 404, and ``--base-path`` to serve the site under a sub-path (as a
deploy built with ``SITE_URL=https://host/guide/`` is). Like nginx with ``gzip_static`` and
``brotli_static``, it sends a file's precompressed copy (``file.wasm.br``, ``file.wasm.gz``,
written by the build) when the request's ``Accept-Encoding`` accepts it, with
``Content-Encoding`` and ``Vary: Accept-Encoding``; it never compresses anything itself.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import re
import sys
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from build_tools.compress.encodings import fresh_copies, negotiate
from build_tools.security.feeds import ATOM_CONTENT_TYPE, is_atom_feed

EXTRA_TYPES = {".mjs": "text/javascript", ".wasm": "application/wasm", ".whl": "application/zip"}


@dataclass(frozen=True)
class HeaderRule:
    """One block of a ``_headers`` file: a URL path pattern and the headers it adds."""

    pattern: str
    headers: tuple[tuple[str, str], ...]

    def matches(self, path: str, /) -> bool:
        return _compile(self.pattern).fullmatch(path) is not None


@functools.cache
def _compile(pattern: str) -> re.Pattern[str]:
    # Netlify and Cloudflare: `*` (splat) matches anything, `:name` one path segment.
    parts = re.split(r"(\*|:[A-Za-z_]\w*)", pattern)
    regex = "".join(
        ".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts
    )
    return re.compile(regex)


def header_rules(site: Path, /) -> list[HeaderRule]:
    """Every block of the site's ``_headers`` file, in file order (none without the file)."""
    path = site / "_headers"
    if not path.is_file():
        return []
    rules: list[HeaderRule] = []
    pattern: str | None = None
    headers: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), "#end"]:
        if not line.strip():
            continue
        if not line[0].isspace():
            if pattern is not None:
                rules.append(HeaderRule(pattern, tuple(headers)))
            pattern, headers = (None, []) if line.startswith("#") else (line.strip(), [])
        elif pattern is not None and ":" in line:
            name, value = line.strip().split(":", 1)
            headers.append((name.strip(), value.strip()))
    return rules


def headers_for(rules: list[HeaderRule], path: str, /) -> list[tuple[str, str]]:
    """The headers of every rule matching ``path``; a name set twice is joined with ", " (as
    Cloudflare Pages does), so overlapping rules show up instead of one silently winning."""
    merged: dict[str, tuple[str, str]] = {}
    for rule in rules:
        if not rule.matches(path):
            continue
        for name, value in rule.headers:
            key = name.lower()
            merged[key] = (name, f"{merged[key][1]}, {value}") if key in merged else (name, value)
    return list(merged.values())


def read_headers(site: Path, /) -> list[tuple[str, str]]:
    """Headers for every path (the ``/*`` block) of the site's ``_headers`` file."""
    return [h for rule in header_rules(site) if rule.pattern == "/*" for h in rule.headers]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **EXTRA_TYPES}
    base_path = "/"
    #: Send precompressed copies (off: a plain static server that sends every file as it is).
    precompressed = True
    #: The response being sent: its Content-Encoding (None: the file itself), whether the file
    #: has precompressed copies (then every answer varies with Accept-Encoding), and, while
    #: ``send_head`` runs, the copy to open in place of the file.
    _encoding: str | None = None
    _vary = False
    _copy: Path | None = None
    _original: Path | None = None

    def _url_path(self) -> str:
        return urlsplit(self.path).path

    def send_head(self) -> BinaryIO | None:
        self._encoding, self._vary, self._copy, self._original = None, False, None, None
        file = Path(self.translate_path(self.path))
        if file.is_dir() and self._url_path().endswith("/"):
            file = file / "index.html"
        if file.is_file() and self.precompressed:
            copies = fresh_copies(file)
            self._vary = bool(copies)
            self._encoding = negotiate(self.headers.get("Accept-Encoding"), copies)
            if self._encoding is not None:
                self._copy, self._original = copies[self._encoding], file
        try:
            return super().send_head()
        finally:
            self._copy = None

    def translate_path(self, path: str) -> str:
        if self._copy is not None:
            return str(self._copy)
        url_path = urlsplit(path).path
        if url_path == self.base_path.rstrip("/"):
            return super().translate_path("/")  # a directory: answered with a redirect to base/
        if not url_path.startswith(self.base_path):
            return os.path.join(self.directory, ".outside-base-path", "missing")
        return super().translate_path("/" + url_path[len(self.base_path) :])

    def _site_headers(self) -> list[tuple[str, str]]:
        # Read per response: a test server is bound (port 0) before its site is built.
        return headers_for(header_rules(Path(self.directory)), self._url_path())

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        if self._copy is not None and self._original is not None:
            path = self._original  # a copy has the type of the file it encodes
        for name, value in self._site_headers():
            if name.lower() == "content-type":
                return value
        # Without a _headers rule (a site built without it), still the feed's own type.
        if str(path).endswith(".xml") and Path(path).is_file() and is_atom_feed(Path(path)):
            return ATOM_CONTENT_TYPE
        return super().guess_type(path)

    def end_headers(self) -> None:
        for name, value in self._site_headers():
            if name.lower() != "content-type":
                self.send_header(name, value)
        if self._encoding is not None:
            self.send_header("Content-Encoding", self._encoding)
        if self._vary:
            self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        self._encoding, self._vary = None, False
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A reader that stops a download (the calculator giving up its snapshot on a slow link,
        # a closed tab) is not a server error.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def make_server(
    site: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    base_path: str = "/",
    precompressed: bool = True,
) -> http.server.ThreadingHTTPServer:
    """A server for ``site``, already bound; ``port=0`` lets the OS choose a free port.
    ``precompressed=False``: never send a precompressed copy (a plain static server)."""
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    handler = type(
        "BoundSiteHandler", (SiteHandler,), {"base_path": base, "precompressed": precompressed}
    )
    return SiteServer((host, port), functools.partial(handler, directory=str(site)))


def record_sent(server: http.server.HTTPServer, /) -> list[tuple[str, int]]:
    """From now on, every file body ``server`` sends as ``(path, bytes)``: what readers download
    (the bytes on the wire: a precompressed copy's size when one was sent), for tests and the
    benchmark. ``record_encodings`` gives the encoding of each too."""
    return _record(server, with_encoding=False)  # type: ignore[return-value]


def record_encodings(server: http.server.HTTPServer, /) -> list[tuple[str, int, str]]:
    """As ``record_sent``, as ``(path, bytes, encoding)`` (``"identity"`` for the file itself)."""
    return _record(server, with_encoding=True)  # type: ignore[return-value]


def _record(server: http.server.HTTPServer, /, *, with_encoding: bool) -> list[tuple[object, ...]]:
    sent: list[tuple[object, ...]] = []
    bound = server.RequestHandlerClass
    handler = bound.func  # type: ignore[attr-defined]

    class Recording(handler):  # type: ignore[misc,valid-type]
        def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:
            data = source.read()
            entry: tuple[object, ...] = (urlsplit(self.path).path, len(data))
            sent.append((*entry, self._encoding or "identity") if with_encoding else entry)
            outputfile.write(data)

    server.RequestHandlerClass = functools.partial(Recording, **bound.keywords)  # type: ignore[attr-defined]
    return sent


_CANONICAL = re.compile(rb'<link rel="canonical" href="([^"]+)"')


def built_for(site: Path, /) -> str | None:
    """The address ``site`` was built for: its home page's canonical link (``site_url``)."""
    index = site / "index.html"
    if not index.is_file():
        return None
    with index.open("rb") as f:
        found = _CANONICAL.search(f.read(65536))
    return found.group(1).decode() if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--base-path", default="/", help="serve the site under this URL path")
    args = parser.parse_args()
    try:
        server = make_server(args.site, args.host, args.port, base_path=args.base_path)
    except OSError as exc:
        raise SystemExit(
            f"Cannot serve on {args.host}:{args.port} ({exc.strerror or exc}). Choose another "
            f"port: make serve PORT={args.port + 1}"
        ) from None
    base = "/" + args.base_path.strip("/") + "/" if args.base_path.strip("/") else "/"
    here = f"http://{args.host}:{args.port}{base}"
    print(f"Serving {args.site}/ at {here} (Ctrl+C to stop)", flush=True)
    built = built_for(args.site)
    if built and built != here:
        print(
            f"Note: this site was built for {built}; served at {here} its links, the handout's "
            f"QR code and instant navigation point there. To build for this port: "
            f"make serve PORT={args.port}",
            flush=True,
        )
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
