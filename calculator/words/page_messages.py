"""What the page's scripts say on their own: the runtime's state line, the buttons' answers, the
skip link and the re-classify tool's status (CONTRIBUTING.md#page).

Most of these are needed before Python has loaded in the browser (or when it cannot), so they
cannot come from Pyodide at run time: the build writes them into the page, as JSON in the
``data-page-messages`` attribute of the calculator's (or the re-classify tool's) root, and the
scripts only look a message up by its key (``messages.mjs``), filling ``{name}`` placeholders
with what only the page knows (a file name, the fields a link got wrong, the start's time limit).
"""

from __future__ import annotations

__all__ = ["CALCULATOR_MESSAGES", "RECLASSIFY_MESSAGES", "RUNTIME_MESSAGES", "messages_for"]

#: The calculator's runtime (runtime-state.mjs), on every page that starts it.
RUNTIME_MESSAGES: dict[str, str] = {
    "loading": "Loading the calculator (Python in your browser)…",
    # Kept for offline use only after one use online (build_tools/offline/sw.js).
    "needs_online_visit": (
        "The calculator needs one online visit to be kept for offline use. "
        "Reload this page once you are online."
    ),
    "unsupported": (
        "This browser cannot run the calculator: it needs WebAssembly and Web Workers. "
        "The article's criteria tables give the same rules."
    ),
    "could_not_start": "The calculator could not start: {error}",
    "worker_error": "worker error",
    # Python itself failed in the worker (never an input error: those are Python's own words).
    "python_failed": (
        "The calculator stopped working in this page. Reload the page to try again; the "
        "article's criteria tables give the same rules."
    ),
    "start_timeout": (
        "The calculator did not start within {seconds} seconds. Reload the page to try again."
    ),
}

#: The calculator form (calculator*.mjs).
CALCULATOR_MESSAGES: dict[str, str] = {
    "ready": "Ready. Results update as you type; nothing leaves this page.",
    "ready_ignored": "Ready. Ignored invalid link values for: {fields}.",
    "link_unapplied": "Ignored link values that do not apply to the other choices: {fields}.",
    "still_loading": "The calculator is still loading.",
    "copy_invalid": "Nothing copied: correct the highlighted fields first.",
    "copy_empty": "Nothing to copy: the form is empty.",
    "copy_blocked": "Copying is blocked here; select the result text instead.",
    "summary_copied": "Summary copied.",
    "link_copied": "Link copied: it reopens this result.",
    "skip_to_calculator": "Skip to the calculator",
}

#: The "Re-classify a file" tool (reclassify.mjs).
RECLASSIFY_MESSAGES: dict[str, str] = {
    "reclassify_ready": "Ready. Choose a file; it is read in this page and never uploaded.",
    "reclassify_two_editions": "Choose at least two editions to compare.",
    "reclassify_no_file": "Choose a CSV or JSONL file first.",
    "reclassify_running": "Re-classifying {name}…",
    "reclassify_done": "Done. Nothing left this page.",
    "reclassify_unreadable": "{name} could not be read. Reload the page and try again.",
}


def messages_for(*tables: dict[str, str]) -> dict[str, str]:
    """The runtime's messages and those of ``tables``, as one mapping for a page root."""
    merged = dict(RUNTIME_MESSAGES)
    for table in tables:
        merged.update(table)
    return merged
