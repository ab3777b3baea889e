"""Where a project keeps its hazard log, its results and the code they cover: the ``guide/safety``
options of its ``mkdocs.yml``, read the same way by the plugin, the command line and the gate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.safety.config import SafetyConfig
from build_tools.safety.structure.hazards import HazardLog
from build_tools.safety.structure.loader import load_hazard_log

__all__ = ["PLUGIN_NAME", "SafetyProject"]

PLUGIN_NAME = "guide/safety"
_DEFAULTS: dict[str, Any] = {name: option.default for name, option in SafetyConfig._schema}


@dataclass(frozen=True)
class SafetyProject:
    root: Path
    hazard_log: Path
    bibliography: Path
    results_file: Path
    code_globs: tuple[str, ...]

    @classmethod
    def from_options(cls, root: Path, options: dict[str, Any], /) -> SafetyProject:
        merged = {**_DEFAULTS, **options}
        return cls(
            root=root,
            hazard_log=root / merged["hazard_log"],
            bibliography=root / merged["bibliography"],
            results_file=root / merged["results_file"],
            code_globs=tuple(merged["code_globs"]),
        )

    @classmethod
    def at(cls, root: Path, /) -> SafetyProject:
        """The project whose ``mkdocs.yml`` is in ``root`` (defaults when it names no options)."""
        config = root / "mkdocs.yml"
        options: dict[str, Any] = {}
        if config.is_file():
            from mkdocs.utils.yaml import yaml_load  # understands !ENV, as MkDocs does

            with config.open(encoding="utf-8") as handle:
                loaded = yaml_load(handle) or {}
            for item in loaded.get("plugins") or []:
                if isinstance(item, dict) and PLUGIN_NAME in item:
                    options = dict(item[PLUGIN_NAME] or {})
        return cls.from_options(root.resolve(), options)

    def relative(self, path: Path, /) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def load_log(self) -> HazardLog:
        """The validated hazard log; raises ``HazardLogError`` listing every problem."""
        from build_tools.citations.bibliography import BibliographyError, read_bibliography

        try:
            keys = list(read_bibliography(self.bibliography).raw)
        except (OSError, BibliographyError):
            keys = []
        return load_hazard_log(
            self.hazard_log,
            root=self.root,
            bibliography_keys=keys,
            name=self.relative(self.hazard_log),
        )
