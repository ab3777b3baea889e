"""Serve a built site on the loopback interface, the way a static host would.

``python -m build_tools.serve [SITE_DIR] [--host 127.0.0.1] [--port 8000]``

Only a plain static server: correct MIME types for ``.mjs`` and ``.wasm`` (Pyodide streams its
WebAssembly) and the headers from ``_headers`` (Netlify/Cloudflare style, written by the build)
so the Content-Security-Policy is tested as deployed.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
from pathlib import Path

EXTRA_TYPES = {".mjs": "text/javascript", ".wasm": "application/wasm", ".whl": "application/zip"}


def read_headers(site: Path, /) -> list[tuple[str, str]]:
    """Headers for every path (``/*`` block) of a ``_headers`` file, if there is one."""
    path = site / "_headers"
    if not path.is_file():
        return []
    headers: list[tuple[str, str]] = []
    in_all = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if not line[0].isspace():
            in_all = line.strip() == "/*"
        elif in_all and ":" in line:
            name, value = line.strip().split(":", 1)
            headers.append((name.strip(), value.strip()))
    return headers


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **EXTRA_TYPES}

    def end_headers(self) -> None:
        # Read per response: the server may be bound (port 0) before the site is built.
        for name, value in read_headers(Path(self.directory)):
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def make_server(
    site: Path, host: str = "127.0.0.1", port: int = 8000
) -> http.server.ThreadingHTTPServer:
    """A server for ``site``, already bound; ``port=0`` lets the OS choose a free port."""
    return http.server.ThreadingHTTPServer(
        (host, port), functools.partial(SiteHandler, directory=str(site))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = make_server(args.site, args.host, args.port)
    print(f"Serving {args.site}/ at http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
