"""Bundle self-hosted Pyodide and the ``calculator`` wheel into the built site.

The page never talks to a CDN: the plugin copies only the Pyodide runtime files the page needs
from the pinned npm package, builds a pure-Python ``py3-none-any`` wheel of ``calculator`` and
lists it, with its sha256, in a ``pyodide-lock.json`` written by pyodide-build.
"""
