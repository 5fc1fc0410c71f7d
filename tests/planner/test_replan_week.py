"""Replan any week of a block, not only the first: `replan --week N`, the API's and the
service's `week`, the current week by date, and change lists that name real places, give
a reason for every change and show a length change as one change. Checked from the
scenario and the result files themselves (availability, dates), not the planner's code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import hybridplan
from hybridplan.cli import app
from hybridplan.models import Result
from hybridplan.models.errors import InputError
from hybridplan.verify import verify_result

START = dt.date(2027, 1, 4)  # a Monday
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SCENARIO: dict[str, Any] = {
    "name": "three-weeks",
    "start": START.isoformat(),
    "weeks": 3,
    "availability": {
        "mon": {"am": 60},
        "tue": {"am": 60, "pm": 60},
        "wed": {"pm": 60},
        "thu": {"am": 60, "pm": 60},
        "sat": {"am": 120},
        "sun": {"am": 60},
    },
    "targets": {"runs": [3, 4], "strength": 2, "long_run": 1, "quality_runs": [0, 1]},
}
WORK = "10"


def cli(*args: str) -> tuple[int, str, str]:
    run = CliRunner().invoke(app, list(args))
    if run.exception and not isinstance(run.exception, SystemExit):
        raise run.exception
    return run.exit_code, run.stdout, run.stderr


@pytest.fixture(scope="module")
def block(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("block")
    source = folder / "three-weeks.yaml"
    source.write_text(yaml.safe_dump(SCENARIO))
    code, out, err = cli("solve", str(source), "--format", "json", "--work-limit", WORK)
    assert code == 0, err
    path = folder / "three-weeks.json"
    path.write_text(out)
    return path


def places(data: dict[str, Any], week: int) -> set[tuple[str, str, str]]:
    return {(s["day"], s["slot"], s["session"]) for s in data["sessions"] if s["week"] == week}


def test_replan_week_two_keeps_the_past_and_frees_the_missed_day(block: Path) -> None:
    before = json.loads(block.read_text())
    tuesday = sorted((d, sl, se) for d, sl, se in places(before, 2) if d == "tue")
    assert tuesday, "the test wants a session on week 2's Tuesday"
    code, out, err = cli(
        "replan", str(block), "--week", "2", "--missed", "tue", "--format", "json",
        "--work-limit", WORK,
    )  # fmt: skip
    assert code == 0, err
    after = json.loads(out)
    assert places(after, 1) == places(before, 1)  # week 1 is the past
    mondays = {p for p in places(before, 2) if p[0] == "mon"}
    assert mondays <= places(after, 2)  # week 2 before the missed day, as planned
    assert not [p for p in places(after, 2) if p[0] == "tue"]  # nothing on the missed day
    # every session where the athlete can be, and on its calendar date
    for s in after["sessions"]:
        assert SCENARIO["availability"].get(s["day"], {}).get(s["slot"], 0) >= s["minutes"]
        day = START + dt.timedelta(weeks=s["week"] - 1, days=DAYS.index(s["day"]))
        assert s["date"] == day.isoformat()
    # the changes name week 2's places and say why, each of them
    changes = after["changes"]
    assert changes
    assert all(c.endswith(")") and " (" in c for c in changes), changes
    for session in (se for _, _, se in tuesday):
        said = [c for c in changes if session in c and "w2 tue" in c]
        assert said and all(c.endswith("(missed)") for c in said), changes
    assert verify_result(Result.model_validate(after)).weeks == 3


def test_the_week_is_checked(block: Path) -> None:
    code, _, err = cli("replan", str(block), "--week", "4", "--missed", "tue")
    assert code == 2 and "--week" in err and "3 week" in err, err
    with pytest.raises(InputError, match="not a week of this plan"):
        hybridplan.replan(json.loads(block.read_text()), missed=[("tue", None)], week=9)


@pytest.mark.parametrize(
    ("today", "week"),
    [
        (START - dt.timedelta(days=30), 1),  # before the plan: its first week
        (START, 1),
        (START + dt.timedelta(days=6), 1),  # the first Sunday
        (START + dt.timedelta(days=7), 2),
        (START + dt.timedelta(days=17), 3),
        (START + dt.timedelta(days=400), 3),  # after it: the last week
    ],
)
def test_the_default_week_is_the_one_holding_today(block: Path, today: dt.date, week: int) -> None:
    """The API's `today` (the CLI and the service pass the date of the call)."""
    previous = json.loads(block.read_text())
    result = hybridplan.replan(previous, unavailable=[("thu", None)], today=today, work_limit=10)
    assert result.found
    after = result.to_dict()
    assert not [p for p in places(after, week) if p[0] == "thu"]  # the week replanned
    for earlier in range(1, week):
        assert places(after, earlier) == places(previous, earlier)  # the past, as planned
    others = [
        w for w in (1, 2, 3) if w != week and [p for p in places(previous, w) if p[0] == "thu"]
    ]
    assert others and all([p for p in places(after, w) if p[0] == "thu"] for w in others)


def test_a_length_change_is_one_change_with_its_reason() -> None:
    """Built by hand: easy_45 on Thursday became easy_30 in the same place."""
    from hybridplan.planner.replanning import Reasons, _changes

    week = hybridplan.models.input_from_dict(
        {
            "name": "w",
            "availability": {"tue": {"am": 60}, "thu": {"am": 60}, "sat": {"am": 120}},
            "targets": {"runs": 2, "strength": 0, "long_run": 1, "quality_runs": 0},
        }
    )

    def result(*sessions: tuple[str, str, str]) -> Result:
        return Result.model_validate(
            {
                "scenario": "w",
                "rule_set": "balanced",
                "status": "optimal",
                "sessions": [
                    {"day": d, "slot": sl, "start": "06:00", "minutes": 30, "session": se,
                     "kind": "run", "intensity": "easy", "load": 60}
                    for d, sl, se in sessions
                ],
            }
        )  # fmt: skip

    before = result(("tue", "am", "easy_45"), ("thu", "am", "easy_45"), ("sat", "am", "long_90"))
    after = result(("thu", "am", "easy_30"), ("sat", "am", "long_90"))
    lines = _changes(before, after, Reasons(1, [("tue", None)], []), week)
    assert lines == [
        "easy_45 became easy_30 (thu am) (to keep the plan's rules after those changes)",
        "dropped easy_45 (tue am) (missed)",
    ]


def test_the_shortfall_names_only_places_the_week_had(tmp_path: Path) -> None:
    """'the week lost ...' names the missed and unavailable places that had minutes, not
    the free places of the days already past."""
    source = tmp_path / "w.yaml"
    week = {**SCENARIO, "weeks": 1, "targets": {"runs": 4, "strength": 2, "long_run": 1}}
    source.write_text(yaml.safe_dump(week))
    code, out, err = cli("solve", str(source), "--format", "json", "--work-limit", WORK)
    assert code == 0, err
    result = tmp_path / "r.json"
    result.write_text(out)
    code, out, err = cli(
        "replan", str(result), "--unavailable", "thu,sat", "--from", "wed", "--format", "json",
        "--work-limit", WORK,
    )  # fmt: skip
    assert code == 0, err
    details = [p["detail"] for p in json.loads(out)["penalties"] if p["rule"] == "shortfall"]
    assert details, "taking two days away should leave the week short"
    for detail in details:
        lost = detail.split("(the week lost ")[1].rstrip(")").split(", ")
        assert sorted(lost) == ["sat", "thu"], detail


def test_a_session_done_elsewhere_is_fixed_where_it_was_done(block: Path) -> None:
    """`--moved tue:SLOT=wed:pm`: the session planned on week 2's Tuesday is fixed where it
    was done, its planned place is free, and the change says why; the moves a week cannot
    hold are refused, naming the move."""
    before = json.loads(block.read_text())
    tuesday = sorted(p for p in places(before, 2) if p[0] == "tue")
    assert tuesday
    day, slot, session = tuesday[0]
    move = f"{day}:{slot}=wed:pm"
    code, out, err = cli(
        "replan", str(block), "--week", "2", "--moved", move, "--format", "json",
        "--work-limit", WORK,
    )  # fmt: skip
    assert code == 0, err
    after = json.loads(out)
    assert ("wed", "pm", session) in places(after, 2)
    assert places(after, 1) == places(before, 1)
    assert any(
        c.startswith(f"{session} moved from w2 {day} {slot} to w2 wed pm")
        and c.endswith("(done there instead)")
        for c in after["changes"]
    ), after["changes"]
    for bad, said in (
        ("fri:am=wed:pm", "nothing was planned on fri am in week 2"),  # Friday has no slot
        (f"{day}:{slot}=fri:am", "fri am has no free time in week 2"),
        ("tue=wed:pm", "a move is PLANNED=DONE"),
    ):
        code, _, err = cli("replan", str(block), "--week", "2", "--moved", bad)
        assert code == 2 and said in err, (bad, err)


def test_a_lost_heavy_lift_is_dropped_not_crammed_before_the_long_run() -> None:
    """Marathon build week: Monday done, Tuesday evening missed, Wednesday (the week's only
    heavy lift) gone. A coach keeps Saturday's long run at its length and lets the heavy
    lift go; asked for again at the objections' rank, it pushed the long run to a 60-minute
    Thursday evening. Read from the result's JSON alone."""
    root = Path(__file__).resolve().parents[2]
    week = hybridplan.solve(root / "scenarios" / "marathon-build.yaml", work_limit=10)
    heavy = {"lower_heavy_60", "lower_heavy_45", "full_body_60"}
    before = {(s.day, s.session) for s in week.sessions}
    assert ("sat", "long_90") in before and ("wed", "lower_heavy_60") in before
    new = hybridplan.replan(
        week,
        done=[("mon", "am"), ("mon", "pm")],
        missed=[("tue", "pm")],
        unavailable=[("wed", None)],
        work_limit=10,
    )
    data = json.loads(new.to_json())
    assert data["status"] == "optimal"
    sessions = {(s["day"], s["slot"]): s for s in data["sessions"]}
    assert sessions[("sat", "am")]["session"] == "long_90"
    assert not any(s["day"] == "wed" for s in data["sessions"])
    assert not any(s["session"] in heavy for s in data["sessions"])
    runs = [s for s in data["sessions"] if s["kind"] == "run"]
    assert len(runs) == 4  # the missed run found another day
    assert any("no heavy key lift asked for again: lower_heavy_60" in c for c in data["changes"])
    # the replanned result proves itself (its stored rule set is the one it was solved with)
    verify_result(Result.model_validate(data))
    # a plan whose heavy lift is not lost still asks for one
    kept = hybridplan.replan(
        week, done=[("mon", "am"), ("mon", "pm")], missed=[("tue", "pm")], work_limit=10
    )
    assert any(s.session in heavy for s in kept.sessions)
