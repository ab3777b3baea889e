"""Hypothesis profiles: 10,000 examples on CPython (CI); fewer under Pyodide, which is slower."""

from __future__ import annotations

import os
import sys

from hypothesis import HealthCheck, settings

EMSCRIPTEN = sys.platform == "emscripten"
#: The property that covers the whole valid input space runs this many examples (>=10,000 on
#: CPython, as the issue asks); the others use the profile's count.
MANY_EXAMPLES = 300 if EMSCRIPTEN else 10_000

settings.register_profile(
    "ci", max_examples=1_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("emscripten", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "emscripten" if EMSCRIPTEN else "ci"))
