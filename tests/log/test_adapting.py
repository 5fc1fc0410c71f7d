"""The closed loop's adaptation (hybridplan.log.adapting) on a small four-week block: a week
done as planned changes nothing ahead, the same files twice count once, a missed week is
bridged and a long gap re-ramps, the past never changes, and every plan passes the
reference checker (tests/reference, written from the docs' definitions alone)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from helpers import assert_reference_agrees, solve_once
from hybridplan.log.adapting import import_activities
from hybridplan.models.activity import Activity
from hybridplan.models.errors import InputError
from hybridplan.models.result import Result, SessionOut

START = dt.date(2027, 1, 4)
BLOCK: dict[str, Any] = {
    "name": "small-block",
    "start": START.isoformat(),
    "weeks": 4,
    "availability": {
        "mon": {"pm": 60},
        "tue": {"pm": 60},
        "wed": {"am": 45, "pm": 60},
        "thu": {"pm": 60},
        "sat": {"am": 90},
        "sun": {"am": 90},
    },
    "targets": {
        "runs": 3,
        "strength": {"min": 2, "max": 2},
        "long_run": 1,
        "quality_runs": {"min": 1, "max": 1},
    },
}
WORK = 10.0


@pytest.fixture(scope="module")
def block() -> Result:
    _, result = solve_once(BLOCK, "balanced")
    assert result.status == "optimal" and result.phases[-1] == "deload"
    return result


@pytest.fixture(scope="module")
def week1(block: Result) -> Result:
    """The block after week 1 done as planned."""
    done = as_done([s for s in block.sessions if s.week == 1])
    return import_activities(block, done, through=sunday(1), work_limit=WORK).result


def as_done(sessions: list[SessionOut]) -> list[Activity]:
    """Each session done as planned: its day, start, kind and minutes."""
    return [
        Activity(date=s.date, start=s.start, sport=s.kind, minutes=float(s.minutes))  # type: ignore[arg-type]
        for s in sessions
    ]


def sunday(week: int) -> dt.date:
    return START + dt.timedelta(days=7 * week - 1)


def places(result: Result, through: dt.date) -> set[tuple[int, str, str, str]]:
    return {
        (s.week, s.day, s.slot, s.session)
        for s in result.sessions
        if s.date is not None and s.date <= through
    }


def run_minutes(sessions: list[SessionOut], week: int) -> int:
    return sum(
        s.minutes for s in sessions if s.week == week and s.kind == "run" and s.run_type != "race"
    )


def test_a_week_done_as_planned_changes_nothing(block: Result) -> None:
    first = [s for s in block.sessions if s.week == 1]
    got = import_activities(block, as_done(first), through=sunday(1), work_limit=WORK)
    assert got.result.status == "optimal"
    assert [e.status for e in got.entries] == ["done"] * len(first)
    assert places(got.result, sunday(4)) == places(block, sunday(4))
    assert got.result.log is not None and got.result.log.through == sunday(1)
    assert got.result.changes == []
    again = import_activities(got.result, as_done(first), work_limit=WORK)
    assert (len(again.added), len(again.repeated), again.entries) == (0, len(first), [])
    assert len(again.result.log.activities) == len(first)  # type: ignore[union-attr]


def test_a_missed_week_is_bridged_and_the_past_stays(block: Result, week1: Result) -> None:
    first = week1
    got = import_activities(first, [], through=sunday(2), work_limit=WORK)
    result = got.result
    assert result.found
    assert {e.status for e in got.entries} == {"missed"}
    assert places(result, sunday(1)) == places(first, sunday(1))  # the past stays
    assert not [s for s in result.sessions if s.week == 2]  # nothing placed in the past
    # bridged (7 days without training at most): week 2 counts as planned
    planned2 = run_minutes(block.sessions, 2)
    basis = result.input["scenario"]["basis"]["2"]  # type: ignore[index]
    assert basis["run_minutes"] == planned2 and basis["why"].startswith("bridged")
    assert 100 * run_minutes(result.sessions, 3) <= 110 * planned2
    assert_reference_agrees(result)


def test_a_long_gap_re_ramps_from_the_real_load(block: Result, week1: Result) -> None:
    # week 1 done, then nothing for 10 days (week 2 and Mon-Wed of week 3)
    first = week1
    got = import_activities(first, [], through=sunday(2) + dt.timedelta(days=3), work_limit=WORK)
    result = got.result
    assert result.found
    basis = result.input["scenario"]["basis"]  # type: ignore[index]
    assert basis["3"]["why"].startswith("re-ramped") and basis["3"]["reramped"]
    # week 2, missed whole, is part of the same ten-day gap: re-ramped too, not bridged
    assert basis["2"]["why"] == "re-ramped: 10 days without training"
    # the recent real load: the mean running of weeks 1-3 as done
    real = [run_minutes(block.sessions, 1), 0, 0]
    # (ten days off: at least three quarters of the week as planned)
    expected = max(sum(real) // 3, round(0.75 * run_minutes(block.sessions, 3)))
    assert basis["3"]["run_minutes"] == expected
    assert 100 * run_minutes(result.sessions, 4) <= 110 * expected
    assert places(result, sunday(2) + dt.timedelta(days=3)) == places(first, sunday(1))
    assert_reference_agrees(result)


def test_a_plan_without_dates_is_refused(block: Result) -> None:
    undated = block.model_copy(deep=True)
    assert undated.input is not None
    undated.input = {
        **undated.input,
        "scenario": {k: v for k, v in undated.input["scenario"].items() if k != "start"},
    }
    with pytest.raises(InputError) as caught:
        import_activities(undated, [])
    assert "start" in caught.value.problems[0].field


def test_a_race_sets_the_paces_the_rest_of_the_block_is_prescribed_with(block: Result) -> None:
    first = [s for s in block.sessions if s.week == 1]
    race = Activity(date=START + dt.timedelta(days=4), start="19:00", sport="run", minutes=45.0,
                    distance_km=10.0, race=True, source="club-10k.csv:2")  # fmt: skip
    got = import_activities(block, [*as_done(first), race], through=sunday(1), work_limit=WORK)
    athlete = got.result.input["scenario"]["athlete"]  # type: ignore[index]
    assert athlete["recent_race"] == {"distance": "10k", "time": "45:00"}
    assert any("VDOT" in line and "club-10k.csv:2" in line for line in got.result.log.changes)  # type: ignore[union-attr]
    assert got.athlete_changes == got.result.log.changes  # type: ignore[union-attr]
    assert [e.status for e in got.entries].count("extra") == 1
    # a 45:00 10k is VDOT 45.3 (Daniels' tables): easy pace about 5:38-6:12/km; the block's
    # runs after the import are prescribed with paces, the plan before it had none
    later = [s for s in got.result.sessions if s.week == 2 and s.kind == "run"]
    assert later and all("/km" in (s.prescription.summary if s.prescription else "") for s in later)
    assert not any("/km" in (s.prescription.summary if s.prescription else "")
                   for s in block.sessions if s.kind == "run")  # fmt: skip


def test_activities_after_the_last_day_wait_for_their_import(block: Result) -> None:
    first, second = ([s for s in block.sessions if s.week == w] for w in (1, 2))
    got = import_activities(block, as_done(first + second), through=sunday(1), work_limit=WORK)
    assert len(got.added) == len(first) and len(got.after) == len(second)
    later = import_activities(got.result, as_done(first + second), work_limit=WORK)
    assert len(later.added) == len(second) and len(later.repeated) == len(first)
    assert [e.status for e in later.entries] == ["done"] * len(second)


def test_a_session_done_on_another_day_is_there_in_the_plan(block: Result) -> None:
    first = [s for s in block.sessions if s.week == 1]
    by = {s.day: s for s in first}
    assert {"tue", "sat", "sun"} <= set(by) and "fri" not in by  # Friday has no free time
    moved = {"tue": ("fri", "18:10"), "sat": ("sun", "09:00"), "sun": ("sat", "07:00")}
    activities = [
        Activity(date=s.date + dt.timedelta(days=DAYS.index(moved[s.day][0]) - DAYS.index(s.day)),
                 start=moved[s.day][1], sport=s.kind, minutes=float(s.minutes))  # type: ignore[arg-type, operator]
        if s.day in moved else a
        for s, a in zip(first, as_done(first), strict=True)
    ]  # fmt: skip
    got = import_activities(block, activities, through=sunday(1), work_limit=WORK)
    result = got.result
    assert result.found
    assert {(e.session, e.status, e.done_day) for e in got.entries if e.status == "moved"} == {
        (by[d].session, "moved", to) for d, (to, _) in moved.items()
    }
    week1 = {(s.day, s.session) for s in result.sessions if s.week == 1}
    # a swap (the long run to Sunday, Sunday's mobility to Saturday) and a run on Friday,
    # a day the calendar had no time on: opened for that week, as the athlete found it
    assert {(to, by[d].session) for d, (to, _) in moved.items()} <= week1
    opened = result.input["scenario"]["week_availability"]["1"]  # type: ignore[index]
    assert opened["fri"]["pm"] >= by["tue"].minutes
    assert_reference_agrees(result)


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def test_two_weeks_at_once_are_two_weeks_one_after_the_other(block: Result) -> None:
    first = [s for s in block.sessions if s.week == 1]
    done1 = as_done([s for s in first if s.kind != "run" or s.run_type == "long"])  # runs missed
    one = import_activities(block, done1, through=sunday(1), work_limit=WORK).result
    done2 = as_done([s for s in one.sessions if s.week == 2])  # week 2 as the replan left it
    two = import_activities(one, done2, through=sunday(2), work_limit=WORK).result
    both = import_activities(block, done1 + done2, through=sunday(2), work_limit=WORK).result
    assert places(both, sunday(4)) == places(two, sunday(4))
    assert [(e.status, e.session) for e in both.log.entries] == [  # type: ignore[union-attr]
        (e.status, e.session)
        for e in two.log.entries  # type: ignore[union-attr]
    ]
