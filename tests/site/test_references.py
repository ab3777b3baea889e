"""Every reference id the calculator cites is an entry of the article's bibliography."""

from __future__ import annotations

from pathlib import Path

import yaml

from build_tools.citations.bibliography import load_bibliography
from calculator import GUIDELINES, REFERENCE_IDS

ROOT = Path(__file__).resolve().parents[2]


def test_calculator_reference_ids_exist_in_the_bibliography() -> None:
    bibliography = yaml.safe_load((ROOT / "docs" / "bibliography.yml").read_text(encoding="utf-8"))
    assert set(bibliography) >= REFERENCE_IDS
    assert {ref for g in GUIDELINES.values() for ref in g["refs"]} <= REFERENCE_IDS


def test_every_reference_has_a_doi_pmid_or_url() -> None:
    """Their form (DOI ``10.x/…``, numeric PMID, http(s) URL) is checked by the Entry model."""
    bibliography = load_bibliography(ROOT / "docs" / "bibliography.yml")
    lacking = [k for k, e in bibliography.items() if not (e.doi or e.pmid or e.url)]
    assert lacking == []
