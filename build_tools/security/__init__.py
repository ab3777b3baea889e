"""Content-Security-Policy for every page, and a check that no page carries inline script.

The policy goes into each page as a ``<meta>`` tag (rendered by the theme override of Material's
``partials/javascripts/base.html``) and into ``_headers`` for static hosts that read one; the
header form also governs the Pyodide worker, which a meta tag cannot.
"""
