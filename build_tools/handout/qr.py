"""The QR code of a handout: the article's absolute address, drawn as inline SVG at build time."""

from __future__ import annotations

import html

import segno

__all__ = ["qr_svg"]


def qr_svg(url: str, /, *, label: str) -> str:
    """An ``<svg>`` element (no XML declaration, scalable, black on white so it scans in either
    colour scheme and in print) encoding ``url``; ``label`` is its accessible name."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=1,
        border=4,  # the quiet zone a scanner needs (ISO/IEC 18004: four modules)
        omitsize=True,
        dark="#000",
        light="#fff",
        svgclass="guide-handout__qr-code",
        lineclass="guide-handout__qr-modules",
        title=label,
    )
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)
