"""ISH groups and the criteria tables: the data the article renders agrees with the code."""

from __future__ import annotations

import pytest

from calculator.decide.her2 import dual_probe_group
from calculator.rules.criteria import ISH_DUAL_GROUPS


@pytest.mark.parametrize(
    ("ratio", "copies", "group"),
    [
        # ASCO/CAP 2018 figure 3 [wolff2018]: every cut-off is inclusive ("≥").
        (2.0, 4.0, 1),
        (1.99, 4.0, 4),
        (2.0, 3.99, 2),
        (1.99, 6.0, 3),
        (1.99, 5.99, 4),
        (1.99, 3.99, 5),
        (2.0, 6.0, 1),
        (0.0, 0.0, 5),
        (10.0, 0.5, 2),
    ],
)
def test_dual_probe_group_boundaries(ratio: float, copies: float, group: int) -> None:
    assert dual_probe_group(ratio, copies) == group


def _inside(text: str, value: float) -> bool:
    checks = {
        "≥2.0": value >= 2.0,
        "<2.0": value < 2.0,
        "≥4.0": value >= 4.0,
        "<4.0": value < 4.0,
        "≥6.0": value >= 6.0,
        "≥4.0 and <6.0": 4.0 <= value < 6.0,
    }
    return checks[text]


@pytest.mark.parametrize("ratio", [0.5, 1.99, 2.0, 3.0])
@pytest.mark.parametrize("copies", [1.0, 3.99, 4.0, 5.99, 6.0, 9.0])
def test_the_published_group_table_matches_the_code(ratio: float, copies: float) -> None:
    """Exactly one table row describes each point, and it is the group the code computes."""
    rows = [
        g.group
        for g in ISH_DUAL_GROUPS
        if _inside(g.ratio, ratio)
        and _inside(g.copies, copies)
        and not (g.group == 4 and copies >= 6.0)
    ]
    assert rows == [dual_probe_group(ratio, copies)]
