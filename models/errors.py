"""Input problems as users see them: file, line, field path, and what is allowed.

One problem is always one line: control characters (CR, LF, escape sequences, Unicode line
separators) in a file name, field name or echoed value are escaped, and anything a file
controls is shortened, so that a 10 MB field or a key with a newline cannot flood or split
the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

ECHO_CHARS = 80
"""An echoed value (`got ...`) is cut after this many characters, with '...'."""
FIELD_CHARS = 200
"""A field path is cut after this many characters."""
MESSAGE_CHARS = 600
"""A message is cut after this many characters (lists of allowed values stay readable)."""

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, the bidi controls
# that would reorder a terminal line ("Trojan Source"), and the invisible characters that
# make one id look like another (zero-width space and joiners, word joiner, soft hyphen).
HIDDEN = (
    "\x00-\x1f\x7f-\x9f\u00ad\u2028\u2029\u0085\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff"
)
_CONTROL = re.compile(f"[{HIDDEN}]")


def visible(text: str) -> str:
    """A name or id a file gives, refused (ValueError) when it holds a control, bidi or
    invisible character: on a terminal they set window titles or clear the screen, in an
    export they make `easy_45` and `easy\u200b_45` look the same."""
    found = _CONTROL.search(text)
    if found is not None:
        code = found.group().encode("unicode_escape").decode("ascii")
        raise ValueError(
            f"holds the control or invisible character {code} at position {found.start() + 1}; "
            "names and ids are plain text"
        )
    return text


_SHOWN = re.compile(f"(?![\t\n])[{HIDDEN}]")  # line breaks and tabs are text


def shown(text: str) -> str:
    """Free text a file gives (a description, a result's changes), with every control,
    bidi and invisible character but line breaks and tabs written out as its escape
    (`\u202e`, `\x1b`): kept, but seen for what it is on a terminal and in every
    export, where it would reorder a line, clear a screen or hide itself."""
    return _SHOWN.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def one_line(text: str, most: int | None = None) -> str:
    """`text` with control characters escaped (`\\n`, `\\x1b`), cut to `most` characters."""
    clean = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    if most is not None and len(clean) > most:
        return clean[: max(0, most - 3)] + "..."
    return clean


def echo(value: Any) -> str:
    """A value a file gave, as an error message shows it: repr, one line, short."""
    try:
        text = repr(value)
    except ValueError:  # an int too long to print
        text = f"an integer of about {value.bit_length() * 0.30103:.0f} digits"
    return one_line(text, ECHO_CHARS)


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = one_line(self.file or "", FIELD_CHARS)
        if self.line is not None:
            where += f":{self.line}"
        parts = [p for p in (where, one_line(self.field, FIELD_CHARS)) if p]
        return ": ".join([*parts, one_line(self.message, MESSAGE_CHARS)])

    def at(self, file: str | None, line: int | None) -> Problem:
        return replace(self, file=file, line=line)


class InputError(ValueError):
    """Raised for bad user input; carries one Problem per thing that is wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def problems_of(exc: Any, prefix: str = "") -> list[Problem]:
    """A pydantic ValidationError's errors as problems (no file: for objects built in
    code, such as `Scenario.pin(...)`)."""
    out = []
    for err in exc.errors():
        field = ".".join(str(p) for p in (prefix, *err["loc"]) if p != "")
        out.append(Problem(field, describe(err)))
    return out


def describe(err: Any, allowed: list[str] | None = None) -> str:
    """One pydantic error as a sentence that says what is allowed."""
    kind = err["type"]
    if kind == "extra_forbidden":
        key = err["loc"][-1] if err.get("loc") else "?"
        msg = f"unknown field {echo(str(key))}"
        return msg + (f"; allowed: {', '.join(allowed)}" if allowed else "")
    if kind == "missing":
        return "required field is missing"
    msg = str(err["msg"]).removeprefix("Value error, ")
    if kind not in ("value_error", "assertion_error") and not isinstance(
        err.get("input"), dict | list
    ):
        msg += f" (got {echo(err.get('input'))})"
    return msg
