"""The one error type of the calculator: bad input, reported field by field."""

from __future__ import annotations


class InputError(ValueError):
    """The input is not valid. ``errors`` lists every problem at once.

    Each error is ``{"field": <input key, nested as "ish.avg_her2_copies">, "message": <sentence>}``.
    """

    def __init__(self, errors: list[dict[str, str]], /) -> None:
        self.errors = errors
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        super().__init__(f"Invalid input: {summary}")
