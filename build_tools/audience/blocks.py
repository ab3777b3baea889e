"""Markdown block ``/// audience | <names>``: content for some readers only.

Usage::

    /// audience | patient
    Trastuzumab is given as a drip into a vein, usually every three weeks.
    ///

    /// audience | student professional
    Loading dose 8 mg/kg, then 6 mg/kg every 3 weeks [@herceptin_uspi].
    ///

    ## Dosing

    /// fold | patient
    Exact doses by weight and schedules, for the medical team.
    ///

Names: ``patient``, ``student``, ``professional`` (one or more, spaces or commas). An
``audience`` block renders
``<div class="guide-audience" data-audience="patient">`` with a visible label ("For patients
and caregivers") and the Markdown inside. Which blocks show is decided by CSS from the reader's
choice (``assets/javascripts/guide/audience.mjs``).

A ``fold`` block gives the ``##`` section it stands in a one-line summary for the audiences it
names: for those readers the section shows its heading, the summary and a "Show details" button,
and its text stays one tap away (:mod:`build_tools.audience.folds` wraps the section after the
table of contents has given the heading its id). Nothing is removed from the page; other readers
see the section as written and never see the summary.

An unknown name is a warning naming the value (so ``--strict`` fails) and the block is left as
text.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from build_tools.audience.audiences import AudienceError, block_label, parse_audiences
from build_tools.audience.folds import FOLD_ATTRIBUTE, SUMMARY_CLASS, FoldTreeprocessor
from build_tools.constants import AUDIENCE_ATTRIBUTE, AUDIENCE_BLOCK_CLASS

__all__ = ["AudienceBlock", "AudienceBlocksExtension", "FoldBlock", "makeExtension"]

log = logging.getLogger("mkdocs.plugins.guide.audience")


class _AudiencesBlock(Block):
    """A block whose argument is a list of audiences (``/// audience | patient student``)."""

    # Optional for pymdownx so that a block without names reaches on_validate and is reported.
    ARGUMENT = None
    OPTIONS: dict[str, list[Any]] = {}
    #: How a warning names the block, and what it calls it inside the parser's message.
    WHAT = "Audience block"
    NOUN = "audience block"

    def on_validate(self, parent: etree.Element) -> bool:
        try:
            self.audiences = parse_audiences(self.argument or "")
        except AudienceError as exc:
            message = str(exc).replace("audience block", self.NOUN)
            log.warning("%s not rendered: %s", self.WHAT, message)
            return False
        return True


class AudienceBlock(_AudiencesBlock):
    NAME = "audience"

    def on_create(self, parent: etree.Element) -> etree.Element:
        div = etree.SubElement(
            parent,
            "div",
            {"class": AUDIENCE_BLOCK_CLASS, AUDIENCE_ATTRIBUTE: " ".join(self.audiences)},
        )
        label = etree.SubElement(div, "p", {"class": "guide-audience__label"})
        label.text = block_label(self.audiences)
        return div


class FoldBlock(_AudiencesBlock):
    NAME = "fold"
    WHAT = "Fold block"
    NOUN = "fold"

    def on_create(self, parent: etree.Element) -> etree.Element:
        return etree.SubElement(
            parent, "div", {"class": SUMMARY_CLASS, FOLD_ATTRIBUTE: " ".join(self.audiences)}
        )


class AudienceBlocksExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md: Markdown, block_mgr: Any) -> None:
        block_mgr.register(AudienceBlock, self.getConfigs())
        block_mgr.register(FoldBlock, self.getConfigs())
        # After "toc" (priority 5): the section ids come from the headings' ids.
        md.treeprocessors.register(FoldTreeprocessor(md), "guide_audience_folds", 4)


def makeExtension(*args: Any, **kwargs: Any) -> AudienceBlocksExtension:
    return AudienceBlocksExtension(*args, **kwargs)
