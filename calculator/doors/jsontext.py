"""The one reader of JSON text for every door: the CLI, batch JSONL rows and the browser bridge.

Python's ``json`` lets the last of two equal keys win silently (``{"ihc": "0", "ihc": "3+"}``
reads as IHC 3+), turns an integer of more than 4,300 digits into a ``ValueError`` and accepts
``NaN``. Here a key given twice is an input error on that key, a very long integer becomes a
number the validation refuses in words, and malformed text is one error naming no field.
"""

from __future__ import annotations

import json
from typing import Any

from calculator.decide.errors import InputError

__all__ = ["loads"]

#: An input object nests two levels (the object, its ISH); text nested deeper than this is refused
#: before parsing: under Pyodide a deeply nested text overflows WebAssembly's stack (a fatal
#: error of the page's worker) before Python's recursion limit is reached.
_DEEPEST = 32
#: Texts with fewer brackets than this cannot nest too deeply and skip the depth scan.
_FEW_BRACKETS = 2 * _DEEPEST
#: Integers longer than this are read as floats (``inf`` past 1e308): the validation refuses them
#: as out of range, instead of ``int()`` raising past Python's 4,300-digit limit.
_LONGEST_EXACT_INTEGER = 100


class _Object(dict):  # type: ignore[type-arg]
    """A JSON object that remembers the keys it was given more than once."""

    twice: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    twice: list[str] = []
    for key, value in pairs:
        if key in obj and key not in twice:
            twice.append(key)
        obj[key] = value
    if twice:
        obj.twice = tuple(twice)
    return obj


def _too_deep(text: str, /) -> bool:
    """Whether ``text`` opens more than :data:`_DEEPEST` arrays or objects inside each other
    (brackets inside strings do not count)."""
    if text.count("[") + text.count("{") <= _FEW_BRACKETS:
        return False
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > _DEEPEST:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _integer(text: str) -> int | float:
    return int(text) if len(text) <= _LONGEST_EXACT_INTEGER else float(text)


def _duplicates(value: Any, /) -> list[str]:
    """Dotted names (``ihc``, ``ish.method``) of every key given twice, anywhere in ``value``
    (walked without recursion: the depth of the text is the sender's choice)."""
    found: list[str] = []
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        node, prefix = stack.pop()
        if isinstance(node, dict):
            found += [f"{prefix}{key}" for key in getattr(node, "twice", ())]
            stack += [(inner, f"{prefix}{key}.") for key, inner in node.items()]
        elif isinstance(node, list):
            stack += [(inner, prefix) for inner in node]
    return sorted(found)


def loads(text: str, /) -> Any:
    """Parse ``text``; raise :class:`InputError` for malformed JSON or a key given twice.

    The errors name the key (nested as ``ish.method``), as every other input error does.
    """
    from calculator.words.fields import error_label  # words live in the field table

    if _too_deep(text):
        raise InputError(
            [{"field": "", "message": "Malformed JSON: nested too deeply for an input object."}]
        )
    try:
        value = json.loads(text, object_pairs_hook=_object, parse_int=_integer)
    except (ValueError, TypeError, RecursionError) as exc:
        raise InputError([{"field": "", "message": f"Malformed JSON: {exc}"}]) from None
    twice = _duplicates(value)
    if twice:
        raise InputError(
            [
                {
                    "field": name,
                    "message": f"{error_label(name)} is given twice: give it once, so that "
                    "there is no doubt which value counts.",
                }
                for name in twice
            ]
        )
    return value
