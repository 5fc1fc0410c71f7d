"""The rule `pinned`: the smallest passing and failing cases, solved and checked."""

from __future__ import annotations

from helpers import (
    place,
    rule_set,
    scenario,
    triples,
    week,
)
from hybridplan.explanations.explainer import explain
from rule_helpers import (
    assert_feasible,
    check,
    solved,
)


class TestPinned:
    RULE = "pinned"

    def test_feasible_pin_is_kept_and_ban_respected(self) -> None:
        data = scenario(
            {"mon": {"am": 60}, "tue": {"am": 60}},
            ["easy_30", "easy_45"],
            targets={"runs": 2},
            fixed=[{"day": "tue", "slot": "am", "session": "easy_45"}],
            forbid=[{"day": "mon", "session": "easy_30"}],
        )
        _, result = assert_feasible(data, "availability", "run_count")
        assert triples(result) == [("mon", "am", "easy_45"), ("tue", "am", "easy_45")]

    def test_a_ban_of_an_entry_bans_every_length(self) -> None:
        """`forbid` may name an entry (README: `long`, every length), as `include` and
        `exclude` may: found by the reference checker (tests/reference/rules.py), the ban
        used to compare ids only, so `long` kept no long_<minutes> off its day."""
        data = scenario(
            {"sat": {"am": 150}, "sun": {"am": 150}},
            ["long", "easy_30"],
            targets={"runs": [1, 2], "long_run": 1},
            preferences={"long_run_day": "sat"},
            forbid=[{"day": "sat", "session": "long"}],
        )
        _, result = assert_feasible(data, "availability", "run_count", "long_run", "preferences")
        assert [(d, s) for d, s, sid in triples(result) if sid.startswith("long_")] == [
            ("sun", "am")
        ]
        wk = week(data, rule_set("pinned"))
        found = check(self.RULE, place(wk, ("sat", "am", "long_120")))
        assert [f.detail for f in found] == ["long_120 (sat am) is forbidden there"]

    def test_infeasible_pin_in_a_slot_too_short(self) -> None:
        data = scenario(
            {"mon": {"am": 30}},
            ["easy_30", "easy_45"],
            targets={"runs": 1},
            fixed=[{"day": "mon", "slot": "am", "session": "easy_45"}],
        )
        wk, result = solved(data, "availability", "run_count")
        assert result.status == "infeasible"
        keys = {c.key for c in explain(wk).conflicts}
        assert keys == {"availability", "pinned.mon-am"}

    def test_check(self) -> None:
        wk = week(
            scenario(
                {"mon": {"am": 60}},
                ["easy_30", "easy_45"],
                fixed=[{"day": "mon", "slot": "am", "session": "easy_45"}],
                forbid=[{"day": "tue", "slot": "pm", "session": "easy_30"}],
            ),
            rule_set("pinned"),
        )
        assert check(self.RULE, place(wk, ("mon", "am", "easy_45"))) == []
        found = check(self.RULE, place(wk, ("mon", "am", "easy_30"), ("tue", "pm", "easy_30")))
        assert len(found) == 2
        assert {"not planned there" in f.detail for f in found} == {True, False}
