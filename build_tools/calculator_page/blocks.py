"""Markdown blocks ``/// calculator`` and ``/// criteria | <table>``.

Usage::

    /// calculator
    references: ../trastuzumab/
    ///

    /// criteria | ish-dual-groups
    ///

The calculator block renders the form defined in :mod:`build_tools.calculator_page.form`; the
criteria block renders a table from ``calculator``'s own rule data, so the article can never
disagree with the code that computes.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import (
    Block,
    type_ranged_integer,
    type_string,
    type_string_in,
)

from build_tools.calculator_page import tables
from build_tools.calculator_page.form import form_html
from build_tools.calculator_page.labels import labels_json
from build_tools.calculator_page.reclassify_page import reclassify_html


class CalculatorBlock(Block):
    NAME = "calculator"
    ARGUMENT = None
    #: ``heading``: the level of the result's heading, one below the heading the block sits
    #: under (3 in the article under "## Check eligibility", 2 on the calculator's own page).
    OPTIONS = {"references": ["", type_string], "heading": [3, type_ranged_integer(2, 5)]}

    def on_create(self, parent: etree.Element) -> etree.Element:
        html = form_html(
            references_url=self.options["references"],
            labels_json=labels_json(self.config["bibliography"]),
            heading_level=self.options["heading"],
            review=self.config["review"],
        )
        div = etree.SubElement(parent, "div", {"class": "guide-calculator-mount"})
        div.text = self.md.htmlStash.store(html)
        return div


class CriteriaBlock(Block):
    NAME = "criteria"
    ARGUMENT = True
    OPTIONS: dict[str, list[Any]] = {}

    def on_validate(self, parent: etree.Element) -> bool:
        try:
            type_string_in(tuple(tables.TABLES))(self.argument)
        except ValueError:
            return False
        return True

    def on_create(self, parent: etree.Element) -> etree.Element:
        div = etree.SubElement(
            parent, "div", {"class": "guide-criteria", "data-criteria": self.argument}
        )
        div.text = self.md.htmlStash.store(tables.TABLES[self.argument]())
        return div


class ReclassifyBlock(Block):
    """``/// reclassify``: the "Re-classify a file" tool (see ``reclassify_page``)."""

    NAME = "reclassify"
    ARGUMENT = None
    OPTIONS: dict[str, list[Any]] = {}

    def on_create(self, parent: etree.Element) -> etree.Element:
        div = etree.SubElement(parent, "div", {"class": "guide-reclassify-mount"})
        div.text = self.md.htmlStash.store(reclassify_html())
        return div


class CalculatorBlocksExtension(BlocksExtension):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.config = {
            "bibliography": ["docs/bibliography.yml", "Bibliography for reference labels"],
            # Set per build by guide/calculator (plugin.py), from guide/editorial's stamp.
            "review": [{}, "The review stamp: status, rules_sha256, rules_version, text"],
        }
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: Any) -> None:
        block_mgr.register(CalculatorBlock, self.getConfigs())
        block_mgr.register(CriteriaBlock, self.getConfigs())
        block_mgr.register(ReclassifyBlock, self.getConfigs())


def makeExtension(*args: Any, **kwargs: Any) -> CalculatorBlocksExtension:
    return CalculatorBlocksExtension(*args, **kwargs)
