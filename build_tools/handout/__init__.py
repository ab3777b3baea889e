"""Printable patient handouts (MkDocs plugin ``guide/handout``).

A handout is a page whose front matter names the article it belongs to
(``handout_for: trastuzumab/index.md``). It is reviewed content in its own right: it carries its
own editorial front matter and review history (``guide/editorial`` renders its status track and
lists it in ``status.json`` and the feed), and the plugin refuses a handout without them. Under its
title the plugin adds a card for the printed page (:mod:`.card`): the review state and date, a QR
code of the article's address drawn at build time as inline SVG (:mod:`.qr`, ``segno``; no
script), and lines to write the care team's phone numbers on.
"""
