"""The rule `re_ramp`: the week after a re-ramped week of the basis (a log import saw a
long gap) holds at most one quality run and a long run of at most 110% of that week's basis
long run (or an hour). Hand-placed plans break and keep each part: check() and the
reference checker agree, and the model refuses the breaking plans pinned in full. A small
two-week solve shows the cap binding."""

from __future__ import annotations

from typing import Any

import pytest
from reference import rules as reference

from helpers import (
    assert_agrees,
    assert_reference_agrees,
    result_data,
    rule_set,
    run,
    scenario,
    week,
)
from hybridplan import explain
from hybridplan.models import Plan
from rule_helpers import check

RULE = "re_ramp"
FREE = {"tue": {"pm": 60}, "thu": {"pm": 60}, "sat": {"am": 120}}
SESSIONS = ["easy_30", "tempo_40", "intervals_45", "long_75", "long_90"]


def data(long_run: int = 70, reramped: bool = True, **extra: Any) -> dict[str, Any]:
    """Two build weeks; week 1 closed by the log: re-ramped, its basis long run
    `long_run` (the week after may run 77 min at most with 70)."""
    basis = {"minutes": 100, "run_minutes": 100, "long_run": long_run, "reramped": reramped}
    return scenario(FREE, SESSIONS, weeks=2, phases=["build", "build"], basis={1: basis}, **extra)


# (week 2's sessions: (day, session)), the part it breaks or None
Week = list[tuple[str, str]]
CASES: list[tuple[Week, str | None]] = [
    ([("sat", "long_75"), ("tue", "tempo_40"), ("thu", "easy_30")], None),
    ([("sat", "long_90"), ("tue", "tempo_40")], "long run 90"),
    ([("sat", "long_75"), ("tue", "tempo_40"), ("thu", "intervals_45")], "2 quality runs"),
    ([("sat", "long_90"), ("tue", "tempo_40"), ("thu", "intervals_45")], "long run 90"),
]
SLOT = {"tue": "pm", "thu": "pm", "sat": "am"}
WEEK_ONE = [
    ("sat", "am", "long_90", 1),
    ("tue", "pm", "tempo_40", 1),
    ("thu", "pm", "intervals_45", 1),
]


def plan_of(wk: Any, week2: Week) -> Plan:
    return Plan.from_placements(wk, [*WEEK_ONE, *((d, SLOT[d], s, 2) for d, s in week2)])


def referee(wk: Any, plan: Plan) -> list[str]:
    report = reference.check(result_data(wk, plan))
    assert report.problems == []
    return report.violations.get(RULE, [])


def pinned_in_full(week2: Week, reramped: bool = True) -> dict[str, Any]:
    """Both weeks pinned, each pinned slot the only place for its session."""
    pins = [{"week": w, "day": d, "slot": s, "session": sid} for d, s, sid, w in WEEK_ONE]
    pins += [{"week": 2, "day": d, "slot": SLOT[d], "session": sid} for d, sid in week2]
    return data(reramped=reramped, fixed=pins)


class TestReRamp:
    RULE = RULE

    @pytest.mark.parametrize("case", range(len(CASES)))
    def test_check_and_the_reference_agree_on_each_part(self, case: int) -> None:
        week2, broken = CASES[case]
        wk = week(data(), rule_set())  # the rule is in force by the basis alone (automatic)
        assert RULE in dict(wk.rule_items())
        plan = plan_of(wk, week2)
        found = check(RULE, plan)
        theirs = referee(wk, plan)
        if broken is None:
            assert found == [] and theirs == []  # week 1 (2 quality runs, 90 min) is not judged
            return
        assert found and broken in found[0].detail and found[0].detail.startswith("w2: ")
        assert len(theirs) == len(found) >= 1
        if "long run" in broken:
            assert "at most 77 (after w1)" in found[0].detail

    def test_the_parameters_and_a_basis_without_a_long_run(self) -> None:
        wk = week(data(), rule_set())
        two_quality = plan_of(wk, CASES[2][0])
        assert check(RULE, two_quality, quality=2) == []
        too_long = plan_of(wk, CASES[1][0])
        assert check(RULE, too_long, long_percent=130) == []  # 91 min allowed
        # a basis long run of 0 (nothing run, none planned): an hour at most, the floor
        empty = week(data(long_run=0), rule_set())
        found = check(RULE, plan_of(empty, CASES[0][0]))
        assert (
            len(found) == 1 and "long run 75" in found[0].detail and "at most 60" in found[0].detail
        )
        assert len(referee(empty, plan_of(empty, CASES[0][0]))) == 1
        assert check(RULE, plan_of(empty, CASES[0][0]), min_minutes=75) == []

    def test_not_in_force_after_a_bridged_week_nor_in_race_week(self) -> None:
        bridged = week(data(reramped=False), rule_set())
        assert RULE not in dict(bridged.rule_items())
        assert referee(bridged, plan_of(bridged, CASES[3][0])) == []
        # week 2 is race week: the race week rules judge it, not this one
        racing = week(data(race={"distance": "10k"}), rule_set())
        plan = plan_of(racing, CASES[2][0])
        assert check(RULE, plan) == [] and referee(racing, plan) == []

    @pytest.mark.parametrize("case", range(1, len(CASES)))
    def test_the_model_refuses_each_broken_week(self, case: int) -> None:
        week2, broken = CASES[case]
        rules = rule_set("availability", "one_per_slot")
        assert run(week(pinned_in_full(week2), rules)).status == "infeasible"
        # explain names the part broken, with its week
        part = "long_run" if broken and "long run" in broken else "quality"
        conflicts = explain(pinned_in_full(week2), rules).conflicts
        assert f"{RULE}.{part}.w2" in [c.key for c in conflicts]
        # the same pins after a bridged week: nothing else stood in the way
        assert run(week(pinned_in_full(week2, reramped=False), rules)).found

    def test_the_model_keeps_the_week_that_keeps_the_rule(self) -> None:
        wk = week(pinned_in_full(CASES[0][0]), rule_set("availability", "one_per_slot"))
        result = run(wk)
        assert result.status == "optimal"
        assert_agrees(wk, result)
        assert_reference_agrees(result)

    def test_solved_the_cap_binds(self) -> None:
        """Run volume and the long run's band pull week 2 to a 90-minute long run and two
        quality runs; back from a gap it gets the 75 and one."""
        extra = {"targets": {"runs": 3, "long_run": 1, "quality_runs": [0, 2], "run_minutes": 200,
                             "long_run_minutes": 90}}  # fmt: skip
        rules = rule_set(
            "availability", "one_per_slot", "run_count", "long_run", "quality_runs",
            ("run_volume", {"weight": 1}), ("long_run_length", {"weight": 1}),
        )  # fmt: skip

        def week2(reramped: bool) -> list[str]:
            wk = week(data(reramped=reramped, **extra), rules)
            result = run(wk)
            assert result.status == "optimal", result.message
            assert_agrees(wk, result)
            assert_reference_agrees(result)
            return sorted(s.session for s in result.sessions if s.week == 2)

        assert week2(reramped=False) == ["intervals_45", "intervals_45", "long_90"]
        assert week2(reramped=True) == ["easy_30", "intervals_45", "long_75"]
