"""Every reference id the calculator cites is an entry of the article's bibliography."""

from __future__ import annotations

from pathlib import Path

import yaml

from calculator import GUIDELINES, REFERENCE_IDS

ROOT = Path(__file__).resolve().parents[2]


def test_calculator_reference_ids_exist_in_the_bibliography() -> None:
    bibliography = yaml.safe_load((ROOT / "docs" / "bibliography.yml").read_text(encoding="utf-8"))
    assert REFERENCE_IDS <= set(bibliography)
    assert {ref for g in GUIDELINES.values() for ref in g["refs"]} <= REFERENCE_IDS


def test_every_reference_has_a_doi_pmid_or_url() -> None:
    bibliography = yaml.safe_load((ROOT / "docs" / "bibliography.yml").read_text(encoding="utf-8"))
    lacking = [
        k for k, e in bibliography.items() if not (e.get("doi") or e.get("pmid") or e.get("url"))
    ]
    assert lacking == []
