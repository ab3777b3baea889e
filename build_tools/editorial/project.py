"""Where an article's project keeps what its approval covers (read by the CLI and the plugin).

The CLI finds the project from the article's path (the nearest folder upwards holding
``mkdocs.yml``) and reads the ``guide/editorial`` options from that file, so the CLI and the
build always look at the same rules package, bibliography and golden cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.editorial.board import Board, load_board
from build_tools.editorial.config import EditorialConfig

__all__ = ["PLUGIN_NAME", "Project", "find_project"]

PLUGIN_NAME = "guide/editorial"
_DEFAULTS: dict[str, Any] = {
    name: option.default
    for name, option in EditorialConfig._schema  # type: ignore[attr-defined]
}


@dataclass(frozen=True)
class Project:
    root: Path
    rules_dir: Path
    bibliography: Path
    golden_dir: Path
    #: The bibliography as named in messages (relative to the project).
    bibliography_name: str
    #: The review board: its allowed-signers file and its signed log (board.py).
    board_file: Path
    board_log: Path
    board_file_name: str
    board_log_name: str

    @classmethod
    def from_options(cls, root: Path, options: dict[str, Any], /) -> Project:
        merged = {**_DEFAULTS, **options}
        return cls(
            root=root,
            rules_dir=root / merged["rules_package"],
            bibliography=root / merged["bibliography"],
            golden_dir=root / merged["golden_dir"],
            bibliography_name=str(merged["bibliography"]),
            board_file=root / merged["board_file"],
            board_log=root / merged["board_log"],
            board_file_name=str(merged["board_file"]),
            board_log_name=str(merged["board_log"]),
        )

    def board(self) -> Board:
        """The review board, read and checked (needs ssh-keygen only if it has events)."""
        return load_board(
            self.board_file,
            self.board_log,
            file_name=self.board_file_name,
            log_name=self.board_log_name,
        )

    def relative(self, path: Path, /) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def _plugin_options(config_file: Path) -> dict[str, Any]:
    from mkdocs.utils.yaml import yaml_load  # understands !ENV, as MkDocs does

    with config_file.open(encoding="utf-8") as handle:
        config = yaml_load(handle) or {}
    for item in config.get("plugins") or []:
        if isinstance(item, dict) and PLUGIN_NAME in item:
            return dict(item[PLUGIN_NAME] or {})
    return {}


def find_project(article: Path, /) -> Project:
    """The project of ``article`` (or of a folder): the nearest folder upwards with
    ``mkdocs.yml``."""
    start = article.resolve() if article.is_dir() else article.resolve().parent
    for folder in (start, *start.parents):
        config = folder / "mkdocs.yml"
        if config.is_file():
            return Project.from_options(folder, _plugin_options(config))
    return Project.from_options(Path.cwd(), {})
