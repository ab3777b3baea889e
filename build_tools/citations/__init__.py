"""MkDocs plugin ``guide/citations``: ``[@key]`` citations numbered by first use, and a References
section built from ``docs/bibliography.yml``.

Modules: :mod:`.bibliography` loads and validates the YAML, :mod:`.syntax` finds citations in
Markdown prose (never in code), :mod:`.render` formats references and citation marks,
:mod:`.plugin` ties them to the build.
"""
