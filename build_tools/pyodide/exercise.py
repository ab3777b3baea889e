"""Run every door of ``calculator.doors.bridge`` once, under Pyodide at build time.

Read by ``make_snapshot.mjs`` (so lazily imported standard-library modules are in the memory
snapshot) and ``trim_stdlib.mjs`` (so they are in the trimmed standard library). Not shipped.
"""

import json

import calculator.doors.bridge as bridge

FORM = {
    "indication": "early_breast",
    "ihc": "2+",
    "ish_method": "dual",
    "her2_cep17_ratio": "2.0",
    "avg_her2_copies": "4.0",
    "weight_kg": "70",
    "schedule": "weekly",
    "lvef_baseline_percent": "60",
    "lvef_percent": "55",
}
CSV = "indication,ihc,ish_method,her2_cep17_ratio,avg_her2_copies\nearly_breast,2+,dual,1.8,6.5\n"
JSONL = '{"indication": "metastatic_breast", "ihc": "3+"}\n'

bridge.evaluate_form_json(json.dumps(FORM))
bridge.evaluate_form_json('{"weight_kg": "oops"}')
bridge.page_form_json(json.dumps({"fields": FORM, "context": {"review_status": "submitted"}}))
bridge.page_form_json(json.dumps({"fields": {"weight_kg": "oops"}}))
bridge.evaluate_json('{"indication": "metastatic_gastric", "ihc": "3+", "route": "sc"}')
bridge.evaluate_json("{not json")
bridge.summary_form_json(json.dumps({"fields": FORM, "context": {}}))
for text, fmt in ((CSV, "csv"), (JSONL, "jsonl")):
    request = {"text": text, "format": fmt, "editions": ["asco_cap_2013", "asco_cap_2018"]}
    bridge.reclassify_json(json.dumps(request))
