"""Markdown block ``/// audience | <names>``: content for some readers only.

Usage::

    /// audience | patient
    Trastuzumab is given as a drip into a vein, usually every three weeks.
    ///

    /// audience | student professional
    Loading dose 8 mg/kg, then 6 mg/kg every 3 weeks [@herceptin_uspi].
    ///

Names: ``patient``, ``student``, ``professional`` (one or more, spaces or commas). Renders
``<div class="guide-audience" data-audience="patient">`` with a visible label ("For patients
and caregivers") and the Markdown inside. Which blocks show is decided by CSS from the reader's
choice (``assets/javascripts/guide/audience.mjs``). An unknown name is a warning naming the value
(so ``--strict`` fails) and the block is left as text.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from build_tools.audience.audiences import AudienceError, block_label, parse_audiences
from build_tools.constants import AUDIENCE_ATTRIBUTE, AUDIENCE_BLOCK_CLASS

__all__ = ["AudienceBlock", "AudienceBlocksExtension", "makeExtension"]

log = logging.getLogger("mkdocs.plugins.guide.audience")


class AudienceBlock(Block):
    NAME = "audience"
    # Optional for pymdownx so that a block without names reaches on_validate and is reported.
    ARGUMENT = None
    OPTIONS: dict[str, list[Any]] = {}

    def on_validate(self, parent: etree.Element) -> bool:
        try:
            self.audiences = parse_audiences(self.argument or "")
        except AudienceError as exc:
            log.warning("Audience block not rendered: %s", exc)
            return False
        return True

    def on_create(self, parent: etree.Element) -> etree.Element:
        div = etree.SubElement(
            parent,
            "div",
            {"class": AUDIENCE_BLOCK_CLASS, AUDIENCE_ATTRIBUTE: " ".join(self.audiences)},
        )
        label = etree.SubElement(div, "p", {"class": "guide-audience__label"})
        label.text = block_label(self.audiences)
        return div


class AudienceBlocksExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md: Markdown, block_mgr: Any) -> None:
        block_mgr.register(AudienceBlock, self.getConfigs())


def makeExtension(*args: Any, **kwargs: Any) -> AudienceBlocksExtension:
    return AudienceBlocksExtension(*args, **kwargs)
