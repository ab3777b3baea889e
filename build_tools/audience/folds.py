"""Folded sections: a ``##`` section holding a ``/// fold | <audiences>`` block is wrapped as ::

    <section class="guide-fold" data-guide-fold="patient" aria-labelledby="dosing">
      <h2 id="dosing">Dosing</h2>
      <div class="guide-fold__bar">
        <div class="guide-fold__summary" data-guide-fold="patient"><p>One line.</p></div>
        <button type="button" class="guide-fold__toggle" aria-expanded="false"
                aria-controls="guide-fold-dosing" hidden>Show details</button>
      </div>
      <div class="guide-fold__body" id="guide-fold-dosing">…the section as written…</div>
    </section>

A fold block in the lead (before the first ``##``, outside any section) folds what follows it up
to the first ``##``, in a ``<section>`` without a heading (``id="guide-fold-lead"``): the article's
introduction for professionals, under a patient view that has its own.

CSS shows the bar and hides the body only when the reader's audience is one the block names
(``html[data-guide-audience]``, set before the content is parsed); the button is ``hidden`` until
``audience.mjs`` can make it work, so without JavaScript nothing is folded and no control is
dead. A section without a fold block is left exactly as it was.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

__all__ = ["BODY_CLASS", "FOLD_ATTRIBUTE", "SUMMARY_CLASS", "TOGGLE_LABEL", "FoldTreeprocessor"]

#: Attribute naming the audiences a section folds for (on the section and on its summary).
FOLD_ATTRIBUTE = "data-guide-fold"
SUMMARY_CLASS = "guide-fold__summary"
BODY_CLASS = "guide-fold__body"
#: The button's words when the section is folded, and when it is open (the button carries both,
#: as data-label-closed and data-label-open; audience.mjs switches between them).
TOGGLE_LABEL = "Show details"
TOGGLE_OPEN_LABEL = "Hide details"
_LEVEL = "h2"


def _sections(root: etree.Element) -> tuple[list[etree.Element], list[list[etree.Element]]]:
    """The lead (top-level children before the first ``<h2>``) and the sections, each grouped
    from one ``<h2>`` to the next."""
    lead: list[etree.Element] = []
    groups: list[list[etree.Element]] = []
    for child in list(root):
        if child.tag == _LEVEL:
            groups.append([child])
        elif groups:
            groups[-1].append(child)
        else:
            lead.append(child)
    return lead, groups


def _is_summary(element: etree.Element) -> bool:
    return FOLD_ATTRIBUTE in element.attrib and SUMMARY_CLASS in element.get("class", "")


class FoldTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        lead, groups = _sections(root)
        summary = next((e for e in lead if _is_summary(e)), None)
        if summary is not None:
            after = lead[lead.index(summary) + 1 :]
            self._wrap(root, None, summary, after)
        for group in groups:
            heading, rest = group[0], group[1:]
            summary = next((e for e in rest if _is_summary(e)), None)
            if summary is None:
                continue
            self._wrap(root, heading, summary, [e for e in rest if e is not summary])

    def _wrap(
        self,
        root: etree.Element,
        heading: etree.Element | None,
        summary: etree.Element,
        body: list[etree.Element],
    ) -> None:
        first = heading if heading is not None else summary
        index = list(root).index(first)
        key = "lead" if heading is None else heading.get("id") or f"section-{index}"
        body_id = f"guide-fold-{key}"
        section = etree.Element(
            "section", {"class": "guide-fold", FOLD_ATTRIBUTE: summary.get(FOLD_ATTRIBUTE, "")}
        )
        if heading is not None and heading.get("id"):
            section.set("aria-labelledby", key)
        for element in [e for e in (heading, summary, *body) if e is not None]:
            root.remove(element)
        if heading is not None:
            section.append(heading)
        bar = etree.SubElement(section, "div", {"class": "guide-fold__bar"})
        bar.append(summary)
        button = etree.SubElement(
            bar,
            "button",
            {
                "type": "button",
                "class": "guide-fold__toggle",
                "aria-expanded": "false",
                "aria-controls": body_id,
                "data-label-closed": TOGGLE_LABEL,
                "data-label-open": TOGGLE_OPEN_LABEL,
                "hidden": "hidden",
            },
        )
        button.text = TOGGLE_LABEL
        holder = etree.SubElement(section, "div", {"class": BODY_CLASS, "id": body_id})
        for element in body:
            holder.append(element)
        root.insert(index, section)
