"""Load and validate the bibliography: a YAML mapping of citation key -> entry.

Every defect of every entry is reported at once, each naming the file, the line, the key and the
field, so an author can fix them all in one pass.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from build_tools import yamlfile

__all__ = [
    "KEY_PATTERN",
    "Bibliography",
    "BibliographyError",
    "Entry",
    "load_bibliography",
    "parse_bibliography",
    "read_bibliography",
]

#: Keys are cited as ``[@key]`` and used in HTML ids (``ref-<key>``).
KEY_PATTERN = r"[A-Za-z0-9_](?:[A-Za-z0-9_.:-]*[A-Za-z0-9_])?"
_KEY = re.compile(rf"^{KEY_PATTERN}$")


class BibliographyError(ValueError):
    """The bibliography file is missing or malformed; the message lists every problem."""


class Entry(BaseModel):
    """One reference. ``type``: a journal ``article``, a drug ``label``, or a ``web`` page."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    type: Literal["article", "label", "web"] = "article"
    authors: list[str] = Field(default_factory=list)
    title: str = Field(min_length=1)
    journal: str | None = None
    year: int | None = Field(default=None, ge=1800, le=2100)
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    pmid: str | None = Field(default=None, pattern=r"^\d{1,9}$")
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    note: str | None = None

    @field_validator("volume", "issue", "pages", "pmid", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        # YAML reads `volume: 36` as an int; these are labels, not quantities.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("authors")
    @classmethod
    def _authors_not_blank(cls, value: list[str]) -> list[str]:
        if any(not name.strip() for name in value):
            raise ValueError("author names must not be empty")
        return [name.strip() for name in value]

    @model_validator(mode="after")
    def _required_by_type(self) -> Entry:
        if self.type == "article" and (self.journal is None or self.year is None):
            raise ValueError("an article needs 'journal' and 'year'")
        if self.type == "web" and self.url is None:
            raise ValueError("a web reference needs 'url'")
        return self


def _key_lines(node: yaml.Node | None, /) -> dict[str, tuple[int, dict[str, int]]]:
    """Line of each top-level key, and of each field inside it (1-based)."""
    lines: dict[str, tuple[int, dict[str, int]]] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key_node, value_node in node.value:
        fields: dict[str, int] = {}
        if isinstance(value_node, yaml.MappingNode):
            for field_node, _ in value_node.value:
                fields[str(field_node.value)] = field_node.start_mark.line + 1
        lines.setdefault(str(key_node.value), (key_node.start_mark.line + 1, fields))
    return lines


def _duplicates(node: yaml.Node | None, /) -> list[tuple[str, int]]:
    seen: set[str] = set()
    found = []
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key = str(key_node.value)
            if key in seen:
                found.append((key, key_node.start_mark.line + 1))
            seen.add(key)
    return found


def parse_bibliography(text: str, /, *, source: str) -> dict[str, Entry]:
    """Validate YAML ``text``; ``source`` names the file in error messages."""
    return _parse(text, source)[1]


def _parse(text: str, source: str, /) -> tuple[dict[str, Any], dict[str, Entry]]:
    """The mapping as written and its validated entries; raises :class:`BibliographyError`."""
    try:
        node = yamlfile.compose(text)
        data: Any = yamlfile.load(text)
    except yaml.YAMLError as exc:
        raise BibliographyError(f"{source}: not valid YAML: {exc}") from exc
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise BibliographyError(f"{source}: expected a mapping of citation key -> entry.")

    lines = _key_lines(node)
    problems = [f"{source}:{line}: duplicate key '{key}'." for key, line in _duplicates(node)]
    entries: dict[str, Entry] = {}
    for raw_key, raw in data.items():
        key = str(raw_key)
        line, field_lines = lines.get(key, (0, {}))
        if not _KEY.match(key):
            problems.append(
                f"{source}:{line}: key '{key}' is not a valid citation key "
                "(letters, digits, '_', '.', ':', '-'; no space)."
            )
            continue
        if not isinstance(raw, dict):
            problems.append(f"{source}:{line}: entry '{key}' must be a mapping of fields.")
            continue
        try:
            entries[key] = Entry.model_validate(raw)
        except ValidationError as exc:
            for error in exc.errors():
                field = ".".join(str(part) for part in error["loc"])
                top = str(error["loc"][0]) if error["loc"] else ""
                where = field_lines.get(top, line)
                named = f", field '{field}'" if field else ""
                problems.append(f"{source}:{where}: entry '{key}'{named}: {error['msg']}.")
    if problems:
        raise BibliographyError("\n".join(["Malformed bibliography:", *problems]))
    return {str(k): v for k, v in data.items()}, entries


@dataclass(frozen=True)
class Bibliography:
    """The bibliography file, read once and validated.

    ``raw``: each entry as written (what an approval's references digest covers, in
    ``build_tools.editorial.coverage``); ``entries``: the validated :class:`Entry` objects (what
    the citations render). Never mutate either: one reading is shared by every reader."""

    raw: dict[str, Any]
    entries: dict[str, Entry]


@functools.lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int, size: int, source: str) -> Bibliography:
    text = Path(path).read_text(encoding="utf-8")
    raw, entries = _parse(text, source)
    return Bibliography(raw, entries)


def read_bibliography(path: Path, /, *, source: str | None = None) -> Bibliography:
    """The bibliography at ``path``, read and validated once per version of the file (the
    citations plugin, the editorial coverage and the hazard log share one reading); raises
    :class:`BibliographyError` naming every problem."""
    name = source or str(path)
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise BibliographyError(f"{name}: bibliography file not found.") from exc
    return _read(str(path.resolve()), stat.st_mtime_ns, stat.st_size, name)


def load_bibliography(path: Path, /, *, source: str | None = None) -> dict[str, Entry]:
    """Read and validate the bibliography at ``path``."""
    return read_bibliography(path, source=source).entries
