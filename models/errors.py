"""Input problems as users see them: file, line, field path, and what is allowed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
        parts = [p for p in (where, self.field) if p]
        return ": ".join([*parts, self.message])

    def at(self, file: str | None, line: int | None) -> Problem:
        return replace(self, file=file, line=line)


class InputError(ValueError):
    """Raised for bad user input; carries one Problem per thing that is wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def describe(err: Any, allowed: list[str] | None = None) -> str:
    """One pydantic error as a sentence that says what is allowed."""
    kind = err["type"]
    if kind == "extra_forbidden":
        msg = f"unknown field {str(err['loc'][-1])!r}"
        return msg + (f"; allowed: {', '.join(allowed)}" if allowed else "")
    if kind == "missing":
        return "required field is missing"
    msg = str(err["msg"]).removeprefix("Value error, ")
    if kind not in ("value_error", "assertion_error") and not isinstance(
        err.get("input"), dict | list
    ):
        msg += f" (got {err.get('input')!r})"
    return msg
