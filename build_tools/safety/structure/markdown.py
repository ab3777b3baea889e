"""The hazard log as Markdown for the "Safety case" page: a summary table, then one section per
hazard. Markdown (with the citations extension) renders it, so sources become numbered
references like everywhere else in the guide."""

from __future__ import annotations

from build_tools.safety.structure.hazards import CONTROL_KINDS, SEVERITIES, Hazard, HazardLog

__all__ = ["hazard_log_markdown"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _anchor(hazard: Hazard) -> str:
    return hazard.id.lower()


def _summary(log: HazardLog) -> list[str]:
    rows = [
        "| Hazard | What goes wrong | Severity | Control | Tests |",
        "|---|---|---|---|---|",
    ]
    for h in log.hazards:
        rows.append(
            f"| [{h.id}](#{_anchor(h)}) | {_cell(h.title)} | {h.severity} | "
            f"{CONTROL_KINDS[h.control.kind][0]} | {len(h.tests)} |"
        )
    return rows


def _section(h: Hazard) -> list[str]:
    cites = "".join(f"[@{key}]" for key in h.sources) or "None: not a clinical rule."
    who = ", ".join(h.harmed)
    return [
        f"### {h.id}: {h.title} {{#{_anchor(h)}}}",
        "",
        f"- **What goes wrong.** {h.hazard}",
        f"- **Who is harmed, and how.** {who[:1].upper()}{who[1:]}: {h.harm}",
        f"- **Severity.** {h.severity.capitalize()}: {SEVERITIES[h.severity].lower()}.",
        f"- **Cause.** {h.cause}",
        f"- **Control ({CONTROL_KINDS[h.control.kind][0].lower()}).** {h.control.what}",
        f"- **Sources.** {cites}",
        "",
        f'??? success "Tests that prove the control ({len(h.tests)})"',
        "",
        *[f"    - `{node_id}`" for node_id in h.tests],
        "",
    ]


def hazard_log_markdown(log: HazardLog, /) -> str:
    """The page's generated part (needs the admonition and pymdownx.details extensions): the
    severity scale, the summary table, every hazard with its tests folded."""
    scale = [f"- **{name.capitalize()}**: {text}." for name, text in SEVERITIES.items()]
    kinds = [f"- **{name}**: {text}." for name, text in CONTROL_KINDS.values()]
    lines = [
        "## How hazards are graded",
        "",
        "Severity is the harm if the control failed:",
        "",
        *scale,
        "",
        "Each control is one of:",
        "",
        *kinds,
        "",
        f"## The {len(log.hazards)} hazards",
        "",
        *_summary(log),
        "",
    ]
    for hazard in log.hazards:
        lines += _section(hazard)
    return "\n".join(lines)
