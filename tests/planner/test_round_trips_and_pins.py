"""A solved plan survives a round trip, and replanning treats pins and done sessions as a
planner would:

- every shipped scenario survives solve -> JSON -> replan and export (the stored input keeps
  only what the scenario set, so unset session fields cannot overwrite the catalogue's);
- replanning releases a pin whose slot was missed or became unavailable (and says so),
  and never lists a done session as dropped.

The replanning checks are written here from the README's definitions (slots, pins, blocked
places), not with hybridplan.core.checking, so that a mistake shared by the planner and
the checks cannot hide."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import SHIPPED_SCENARIOS, SOLVE_ONCE_WORK, solve_once, work
from hybridplan import Result, export, replan, solve

FEASIBLE = [p for p in SHIPPED_SCENARIOS if not p.name.startswith("infeasible")]


@pytest.mark.parametrize("path", FEASIBLE, ids=lambda p: p.stem)
def test_every_shipped_scenario_round_trips_through_json(path: Path) -> None:
    # work limits, not the wall clock: a loaded machine must not change the plan found
    wk, first = solve_once(path)  # shared with the other modules' tests
    assert first.found
    back = Result.model_validate_json(first.to_json())
    stored = back.input["scenario"] if back.input else {}
    # only what the scenario wrote: no `null` for an unset session field
    for fields in stored.get("sessions", {}).values():
        assert None not in fields.values(), fields
    again = replan(back, work_limit=work(wk, SOLVE_ONCE_WORK))
    assert again.found
    assert [(s.week, s.day, s.slot, s.session) for s in again.sessions] == [
        (s.week, s.day, s.slot, s.session) for s in first.sessions
    ]
    assert again.changes == []
    start = (
        {"start": None}
        if stored.get("start")
        else {"start": __import__("datetime").date(2026, 11, 30)}
    )
    for fmt in ("ics", "png", "html", "md", "csv"):
        data = export(back, fmt, **(start if fmt == "ics" else {}))
        assert len(data) > 100, fmt


def _club_week() -> dict[str, Any]:
    """The README's planner example: the club's Tuesday intervals are pinned."""
    return {
        "name": "anna",
        "start": "2026-11-30",
        "timezone": "Europe/Berlin",
        "availability": {d: {"am": 60, "pm": 90} for d in ("mon", "tue", "wed", "thu", "fri")}
        | {"sat": {"am": 150}},
        "targets": {"runs": [4, 5], "strength": 2, "long_run": 1, "quality_runs": [1, 2],
                    "sets": {"quads": [4, 8], "back": [4, 8]}},
        "preferences": {"long_run_day": "sat", "rest_days": ["sun"]},
        "fixed": [{"day": "tue", "slot": "pm", "session": "intervals_45"}],
    }  # fmt: skip


def _places(result: Result) -> set[tuple[str, str]]:
    return {(s.day, s.slot) for s in result.sessions}


@pytest.mark.parametrize("how", ["missed", "unavailable"])
def test_a_missed_or_unavailable_pin_is_released(how: str) -> None:
    first = solve(_club_week())
    assert ("tue", "pm", "intervals_45") in {(s.day, s.slot, s.session) for s in first.sessions}
    done = [(s.day, s.slot) for s in first.sessions if s.day == "mon"]
    again = replan(first, done=done, **{how: [("tue", "pm")]})  # type: ignore[arg-type]
    assert again.found, again.message
    # our own checks: nothing in the released slot, the done sessions kept where they were
    assert ("tue", "pm") not in _places(again)
    assert set(done) <= _places(again)
    reason = "missed" if how == "missed" else "no longer available"
    assert f"released the pin of intervals_45 (tue pm) ({reason})" in again.changes
    mon = {f"{s.session} (mon {s.slot})" for s in first.sessions if s.day == "mon"}
    assert not [
        c for c in again.changes if c.startswith("dropped") and c[8:].split(" (missed")[0] in mon
    ]
    stored = again.input["scenario"] if again.input else {}
    assert not [p for p in stored.get("fixed", []) if (p["day"], p["slot"]) == ("tue", "pm")]


def test_an_unplanned_replan_lists_no_change() -> None:
    """When nothing can be planned, nothing was "dropped": the done sessions least of all."""
    week = _club_week() | {"targets": {"runs": 5, "strength": 2, "long_run": 1}}
    first = solve(week)
    assert first.found
    gone = [(d, None) for d in ("wed", "thu", "fri", "sat")]
    again = replan(first, done=[(s.day, s.slot) for s in first.sessions if s.day == "mon"],
                   unavailable=gone)  # fmt: skip
    if not again.found:
        assert again.changes == []
