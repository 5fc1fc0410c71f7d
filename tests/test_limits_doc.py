"""The documentation's Limits table (docs/pages/reference/limits.md) says what
models/limits.py says, and the rule parameters' bounds (written as literals in
models/rules.py) are the ones the table gives."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from annotated_types import Le

from hybridplan.models import limits
from hybridplan.models.rules import RULE_CONFIGS, SoftRuleConfig

ROOT = Path(__file__).resolve().parent.parent


def _section() -> str:
    return (ROOT / "docs" / "pages" / "reference" / "limits.md").read_text(encoding="utf-8")


def _shown(value: float | dt.date) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"{int(value):,}" if float(value).is_integer() else str(value)


def test_every_limit_is_in_the_documented_table_with_its_value() -> None:
    rows = {
        m.group(1): line
        for line in _section().splitlines()
        if (m := re.search(r"\| `([A-Z_]+)` \|$", line))
    }
    constants = {
        name: value
        for name, value in vars(limits).items()
        if name.isupper() and isinstance(value, int | float | dt.date)
    }
    assert set(rows) == set(constants)
    for name, value in constants.items():
        assert _shown(value) in rows[name], (name, value, rows[name])


def _upper(cls: type, field: str) -> float | None:
    info = cls.model_fields[field]  # type: ignore[attr-defined]
    return next((m.le for m in info.metadata if isinstance(m, Le)), None)


def test_rule_parameter_bounds_match_the_limits() -> None:
    for rid, cls in RULE_CONFIGS.items():
        if issubclass(cls, SoftRuleConfig):
            assert _upper(cls, "weight") == limits.MAX_WEIGHT, rid
        for field, info in cls.model_fields.items():
            if "hours" in field and field != "min_gap_hours":
                assert _upper(cls, field) == limits.MAX_HOURS, (rid, field)
            if info.annotation in (float, int) and field != "enabled":
                assert _upper(cls, field) is not None, (rid, field)  # every number bounded
