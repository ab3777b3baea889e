"""The hazard log's schema: one :class:`Hazard` per thing that can go wrong, with its control and
the tests that prove it (the model of an ISO 14971 risk file, kept as data)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

__all__ = ["CONTROL_KINDS", "SEVERITIES", "Control", "Hazard", "HazardLog", "node_file"]

#: Severity of the harm if the hazard is not controlled, worst first (ISO 14971 style scale).
SEVERITIES: dict[str, str] = {
    "catastrophic": "Death, or permanent harm to a patient or an unborn child",
    "critical": "Serious harm needing medical intervention (heart failure, an overdose)",
    "serious": "Harm from a delayed, missed or wrong treatment decision",
    "minor": "A wasted test, visit or delay without lasting harm",
}
#: How a control works: a clinical rule the engine applies, an input it refuses, or a behaviour
#: of the page or the build.
CONTROL_KINDS: dict[str, tuple[str, str]] = {
    "rule": ("Rule", "the engine decides by a rule with its source"),
    "refusal": ("Refusal", "the input or the step is refused, with the reason in words"),
    "ui": ("Behaviour", "what the page or the build does"),
}
WHO = Literal["patient", "unborn child", "clinician", "pharmacist", "pathologist", "reader"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10)]
#: A pytest node id: a test file under tests/, then ``::`` and a test (maybe with parameters).
_NODE_ID = re.compile(r"^tests/[\w/]+\.py::\w+(\[[^\]\s][^\]]*\])?$")


def _node_id(value: str) -> str:
    if not _NODE_ID.match(value):
        raise ValueError(
            "not a pytest node id such as tests/calculator/test_golden.py::test_golden_case[id]"
        )
    return value


NodeId = Annotated[str, AfterValidator(_node_id)]


def node_file(node_id: str, /) -> str:
    """The file part of a node id (``tests/x/test_y.py``)."""
    return node_id.split("::", 1)[0]


def node_function(node_id: str, /) -> str:
    """The test function of a node id, without its parameters."""
    return node_id.split("::", 1)[1].split("[", 1)[0]


class Control(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["rule", "refusal", "ui"]
    what: Text


class Hazard(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, StringConstraints(pattern=r"^HAZ-\d{3}$")]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=90)]
    #: What goes wrong (the hazardous situation).
    hazard: Text
    #: Who is harmed, and how.
    harmed: Annotated[list[WHO], Field(min_length=1)]
    harm: Text
    severity: Literal["catastrophic", "critical", "serious", "minor"]
    cause: Text
    control: Control
    #: Keys of docs/bibliography.yml behind the rule or the risk (a rule needs at least one).
    sources: list[str] = Field(default_factory=list)
    #: Pytest node ids that prove the control (each must be collected and pass).
    tests: Annotated[list[NodeId], Field(min_length=1)]

    @model_validator(mode="after")
    def _no_repeats(self) -> Hazard:
        if self.control.kind == "rule" and not self.sources:
            raise ValueError("a clinical rule needs its sources (bibliography keys)")
        for name in ("sources", "tests"):
            values = getattr(self, name)
            if len(values) != len(set(values)):
                raise ValueError(f"{name} lists an entry twice")
        return self


class HazardLog(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    about: Text
    hazards: Annotated[list[Hazard], Field(min_length=1)]

    def node_ids(self) -> list[str]:
        """Every node id of the log, once, in the log's order."""
        return list(dict.fromkeys(t for h in self.hazards for t in h.tests))

    def test_files(self) -> list[str]:
        return sorted({node_file(t) for t in self.node_ids()})
