"""HER2 test interpretation and trastuzumab eligibility, as a pure function.

``evaluate(data)`` takes the JSON object of CONTRIBUTING.md#calculator-json and returns the result object. The
package is standard-library only so that it loads quickly under Pyodide, and does no I/O.
"""

from __future__ import annotations

from calculator.decide.errors import InputError
from calculator.rules.references import GUIDELINES, REFERENCE_IDS
from calculator.words.result import evaluate

__version__ = "3.4.0"

__all__ = ["GUIDELINES", "REFERENCE_IDS", "InputError", "__version__", "evaluate"]
