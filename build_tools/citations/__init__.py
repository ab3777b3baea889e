"""MkDocs plugin ``guide/citations``: ``[@key]`` citations numbered by first use, and a References
section built from ``docs/bibliography.yml``.

Modules: :mod:`.bibliography` loads and validates the YAML, :mod:`.extension` is the
Python-Markdown extension (an inline processor: Markdown decides what is prose, so code stays
literal), :mod:`.render` formats references and citation marks, :mod:`.plugin` ties them to the
build.
"""
