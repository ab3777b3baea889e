"""Read an article file and write its front matter back, keeping the body byte for byte."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from build_tools import yamlfile
from build_tools.editorial.body import split_front_matter

__all__ = [
    "ArticleFile",
    "SourceError",
    "body_line_of",
    "dump_front_matter",
    "dump_yaml",
    "front_matter_line",
    "load_front_matter",
]


class SourceError(ValueError):
    """The file cannot be read as an article (no front matter, YAML error)."""


def load_front_matter(text: str, path: str, /) -> tuple[dict[str, Any] | None, str]:
    """``(front matter mapping or None, body)``; raises :class:`SourceError` on bad YAML."""
    yaml_text, body = split_front_matter(text)
    if yaml_text is None:
        return None, body
    try:
        meta = yamlfile.load(yaml_text) or {}
    except yaml.YAMLError as exc:
        raise SourceError(f"{path}: front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise SourceError(f"{path}: front matter must be a mapping of fields")
    return meta, body


def front_matter_line(text: str, loc: tuple[int | str, ...], /) -> int:
    """The 1-based line of ``text`` where the front matter field at ``loc`` is written
    (``("reviewers", 0, "name")``), or of its nearest written parent; the front matter's
    opening ``---`` when the field is not written at all."""
    yaml_text, _ = split_front_matter(text)
    if not yaml_text:
        return 1
    try:
        node: yaml.Node | None = yamlfile.compose(yaml_text)
    except yaml.YAMLError:
        return 1
    # The YAML starts on the line after the opening `---`: its line 0 is the file's line 2.
    line = 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    line, child = key.start_mark.line + 2, value
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 2
        if child is None:
            break
        node = child
    return line


def body_line_of(text: str, body: str, /) -> int:
    """The 1-based line of ``text`` on which ``body`` (its tail) starts."""
    return text[: len(text) - len(body)].count("\n") + 1


class _Dumper(yaml.SafeDumper):
    """Block style with indented lists (``authors:\n  - …``), as authors write front matter."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A multi-line value (an SSH signature) as a literal block, readable and diffable; the
    # loaded string is the same byte for byte.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: dict[str, Any], /) -> str:
    """YAML as the editorial records are written: key order kept, block style."""
    return dump_front_matter(data)


def dump_front_matter(meta: dict[str, Any], /) -> str:
    # Key order is the author's; strings that look like dates or numbers stay quoted strings;
    # long values stay on one line so a diff of the record shows whole entries.
    return yaml.dump(
        meta,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
    )


@dataclass
class ArticleFile:
    path: Path
    meta: dict[str, Any]
    body: str
    newline: str
    #: The file line the body starts on (as read).
    body_line: int = 1
    #: The file as read (to name the line of a front matter field in messages).
    source: str = ""

    @classmethod
    def read(cls, path: Path, /) -> ArticleFile:
        # newline="" keeps the file's own line endings, so the body is written back unchanged.
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        meta, body = load_front_matter(text, str(path))
        if meta is None:
            raise SourceError(
                f"{path}: no front matter: an article starts with '---' and its fields"
            )
        newline = "\r\n" if text.startswith("---\r\n") else "\n"
        return cls(path, meta, body, newline, body_line_of(text, body), text)

    @property
    def text(self) -> str:
        head = dump_front_matter(self.meta).replace("\n", self.newline)
        return f"---{self.newline}{head}---{self.newline}{self.body}"

    def write(self) -> None:
        with self.path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(self.text)
