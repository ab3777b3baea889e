"""Editorial metadata and the reviewer workflow (MkDocs plugin ``guide/editorial``).

An *article* is a Markdown page whose front matter carries ``status`` (or ``review_history``).
Its review state lives in that front matter: a hash-chained, append-only ``review_history``
written only by the CLI (``python -m build_tools.editorial``), the ``approved_sha256`` of the
normalised body, and frozen snapshots of every approved revision under ``_revisions/``.
The plugin validates all of it, renders the status track, notices, dashboard, changelog,
archived revisions with diffs, ``status.json`` and an Atom feed.
"""

from __future__ import annotations
