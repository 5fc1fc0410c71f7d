"""Escaping for every format the project writes, in one place: whatever a scenario or a
result file controls (names, slot names, session ids, details, changes) is data, never
markup, formula or table structure.

- HTML: `html.escape` on every value, and a Content-Security-Policy that allows no script,
  no external request, only inline styles and `data:` images.
- CSV: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
  leading single quote, so that a spreadsheet shows it instead of running it as a formula
  (OWASP's CSV injection advice). Numbers stay numbers (-5 is not a formula).
- matplotlib: a `$` in a name would start mathtext (and a bad formula raises): escaped.
- Markdown: raw HTML escaped; `|`, emphasis, code, link and strikethrough marks escaped
  (`*`, `` ` ``, `[`, `]`, `~`, an underscore at a word's edge); line breaks turned into
  spaces, so a name can neither inject markup nor break a table row.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def h(value: object) -> str:
    """Any value as HTML text (quotes too, so it is safe inside attributes)."""
    return html.escape(str(value), quote=True)


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting like a formula gets a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell (and column name) neutralised; numeric
    columns are left alone."""
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    out = frame.copy()
    for column in out.columns:
        kind = out[column].dtype
        if not (is_numeric_dtype(kind) or is_bool_dtype(kind)):
            out[column] = out[column].map(csv_cell)
    out.columns = [csv_cell(c) for c in out.columns]
    return out


def mpl(value: object) -> str:
    """Text for a matplotlib label, shown as it is."""
    return str(value).replace("$", r"\$")


# Markdown's inline syntax: emphasis, code, links and images, strikethrough; `|` (a table
# cell's end) and the backslash itself. An underscore inside a word starts no emphasis
# (CommonMark), so `long_120` stays as it is and only an underscore that is not between
# two letters or digits is escaped.
_MD_SPECIAL = re.compile(r"([\\|*`\[\]~])")
_MD_EDGE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # not between alphanumerics
_MD_BREAK = re.compile(r"[\r\n\u2028\u2029\x85]+")


def md(value: object) -> str:
    """Text for a Markdown table cell or line, shown as it is: no raw HTML, no emphasis,
    code, link or image, no `|`, no line break."""
    text = _MD_BREAK.sub(" ", str(value))
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return _MD_EDGE_UNDERSCORE.sub(r"\\_", text)
