"""``python -m build_tools.safety``: the safety case on the command line.

::

    python -m build_tools.safety validate   # check the hazard log (file:line for each problem)
    python -m build_tools.safety check      # run every hazard's tests, write the stamped results
    python -m build_tools.safety gate       # would an approval be refused now? (and why)

Exit status: 0 fine; 1 a hazard has no passing test (check, gate); 2 the log is invalid.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from build_tools.safety.check import run_check
from build_tools.safety.gate import approval_refusal
from build_tools.safety.project import SafetyProject
from build_tools.safety.structure.loader import HazardLogError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.safety", description=__doc__)
    parser.add_argument("command", choices=["validate", "check", "gate"])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project (mkdocs.yml)")
    args = parser.parse_args(argv)
    project = SafetyProject.at(args.root)
    try:
        if args.command == "validate":
            log = project.load_log()
            print(
                f"{project.relative(project.hazard_log)}: {len(log.hazards)} hazards, "
                f"{len(log.node_ids())} tests named; valid."
            )
            return 0
        if args.command == "check":
            return run_check(project)
    except HazardLogError as exc:
        print(exc, file=sys.stderr)
        return 2
    refusal = approval_refusal(project.root)
    if refusal:
        print(f"An approval would be refused: {refusal}", file=sys.stderr)
        return 1
    print("Every hazard has passing tests for the code as it is now: an approval may proceed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
