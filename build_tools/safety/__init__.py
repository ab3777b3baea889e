"""The safety case of the calculator (MkDocs plugin ``guide/safety`` and its command line).

The hazard log (``docs/safety/hazard-log.yml``, data in the manner of an ISO 14971 risk file)
names each hazard of the calculator: what goes wrong, who is harmed and how, the severity, the
cause, the control (a rule, a refusal or a behaviour of the page) and the pytest node ids that
prove the control. :mod:`.structure` validates it (a broken log stops the build with
``file:line`` messages) and renders the "Safety case" page for reviewers; ``python -m
build_tools.safety check`` (``make safety``) runs every hazard's tests and stamps the outcome
with the digests of the code, the log and the tests (:mod:`.results`); the approval gate
(:func:`.gate.approval_refusal`) refuses an approval while that stamp is missing, stale or
failing.
"""

from __future__ import annotations

from build_tools.safety.gate import approval_refusal

__all__ = ["approval_refusal"]
