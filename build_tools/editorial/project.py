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
_DEFAULTS: dict[str, Any] = {name: option.default for name, option in EditorialConfig._schema}


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

    #: The site's Markdown sources (``docs_dir`` of mkdocs.yml).
    docs_dir: Path = Path("docs")

    @classmethod
    def from_options(cls, root: Path, options: dict[str, Any], /) -> Project:
        merged = {**_DEFAULTS, **options}
        return cls(
            docs_dir=root / str(merged.get("docs_dir") or "docs"),
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

    def latest_approval(self) -> str | None:
        """The time of the newest approval recorded in any article (board events come after)."""
        from build_tools.editorial.source import SourceError, load_front_matter

        latest: str | None = None
        for path in sorted(self.docs_dir.rglob("*.md")):
            try:
                meta, _ = load_front_matter(path.read_text(encoding="utf-8"), str(path))
            except (SourceError, UnicodeDecodeError):
                continue
            for entry in (meta or {}).get("review_history") or []:
                if isinstance(entry, dict) and entry.get("action") == "approve":
                    at = str(entry.get("at"))
                    latest = at if latest is None or at > latest else latest
        return latest

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
    options: dict[str, Any] = {"docs_dir": str(config.get("docs_dir") or "docs")}
    for item in config.get("plugins") or []:
        if isinstance(item, dict) and PLUGIN_NAME in item:
            options.update(item[PLUGIN_NAME] or {})
    return options


def find_project(article: Path, /) -> Project:
    """The project of ``article`` (or of a folder): the nearest folder upwards with
    ``mkdocs.yml``."""
    start = article.resolve() if article.is_dir() else article.resolve().parent
    for folder in (start, *start.parents):
        config = folder / "mkdocs.yml"
        if config.is_file():
            return Project.from_options(folder, _plugin_options(config))
    return Project.from_options(Path.cwd(), {})
