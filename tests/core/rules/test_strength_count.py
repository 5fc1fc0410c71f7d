"""The rule `strength_count`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from rule_helpers import (
    CountRuleTests,
)


class TestStrengthCount(CountRuleTests):
    RULE = "strength_count"
    SESSION = "upper_45"
    OTHER = "easy_30"
    TARGET = "strength"
