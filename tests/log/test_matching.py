"""Done versus planned (hybridplan.log.matching), on hand-made weeks: each case says what a
coach reading the diary would write, and the matcher must write the same."""

from __future__ import annotations

import datetime as dt

from hybridplan.log.matching import entry, match
from hybridplan.models.activity import Activity
from hybridplan.models.result import SessionOut

MONDAY = dt.date(2027, 1, 4)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def planned(
    day: int,
    session: str,
    kind: str,
    minutes: int,
    *,
    slot: str = "pm",
    start: str = "18:00",
    intensity: str = "easy",
) -> SessionOut:
    run_type = {"run": "easy", "strength": None, "mobility": None}[kind]
    return SessionOut.model_validate(
        {
            "week": 1,
            "day": DAYS[day],
            "date": (MONDAY + dt.timedelta(days=day)).isoformat(),
            "slot": slot,
            "start": start,
            "minutes": minutes,
            "session": session,
            "kind": kind,
            "intensity": intensity,
            "run_type": run_type,
            "load": 3 * minutes,
        },
        strict=False,
    )


def did(
    day: int, sport: str, minutes: float, *, start: str = "18:05", rpe: float | None = None
) -> Activity:
    return Activity(
        date=MONDAY + dt.timedelta(days=day),
        start=start,
        sport=sport,  # type: ignore[arg-type]
        minutes=minutes,
        rpe=rpe,
    )


def statuses(sessions: list[SessionOut], activities: list[Activity]) -> dict[str, str]:
    found = match(sessions, activities, MONDAY, MONDAY + dt.timedelta(days=6))
    return {
        (m.session.session if m.session else f"extra {m.activity.sport}"): m.status  # type: ignore[union-attr]
        for m in found
    }


def test_length_and_intensity_decide_done_or_partial() -> None:
    week = [
        planned(0, "easy_45", "run", 45),
        planned(1, "easy_40", "run", 40),
        planned(3, "tempo_50", "run", 50, intensity="hard"),
        planned(4, "intervals_60", "run", 60, intensity="hard"),
    ]
    # 34 of 45 minutes is 76%: done; 29 of 40 is 73%: partial; a tempo at RPE 4: partial;
    # intervals at RPE 8 and 20% long: done
    got = statuses(
        week,
        [did(0, "run", 34), did(1, "run", 29), did(3, "run", 50, rpe=4), did(4, "run", 72, rpe=8)],
    )
    assert got == {
        "easy_45": "done",
        "easy_40": "partial",
        "tempo_50": "partial",
        "intervals_60": "done",
    }


def test_another_day_of_the_week_is_moved_and_nothing_is_missed_or_extra_twice() -> None:
    week = [planned(1, "easy_45", "run", 45), planned(2, "full_body_60", "strength", 60)]
    found = match(
        week, [did(3, "run", 45), did(5, "other", 90)], MONDAY, MONDAY + dt.timedelta(days=6)
    )
    by = {(m.session.session if m.session else "-"): m for m in found}
    assert by["easy_45"].status == "moved" and by["easy_45"].activity.date.weekday() == 3  # type: ignore[union-attr]
    assert by["full_body_60"].status == "missed" and by["full_body_60"].activity is None
    assert by["-"].status == "extra" and by["-"].activity.sport == "other"  # type: ignore[union-attr]
    assert len(found) == 3
    moved = entry(by["easy_45"], {})
    assert (moved.status, moved.day, moved.done_day) == ("moved", "tue", "thu")


def test_a_run_is_never_matched_to_a_lift() -> None:
    week = [planned(0, "full_body_60", "strength", 60)]
    assert statuses(week, [did(0, "run", 60)]) == {"full_body_60": "missed", "extra run": "extra"}


def test_two_runs_in_a_day_pair_by_start_time() -> None:
    week = [
        planned(2, "easy_30", "run", 30, slot="am", start="07:00"),
        planned(2, "tempo_50", "run", 50, slot="pm", start="18:00", intensity="hard"),
    ]
    found = match(
        week,
        [did(2, "run", 50, start="17:40", rpe=7), did(2, "run", 31, start="06:50")],
        MONDAY,
        MONDAY + dt.timedelta(days=6),
    )
    pairs = {m.session.session: m.activity.start for m in found}  # type: ignore[union-attr]
    assert pairs == {"easy_30": "06:50", "tempo_50": "17:40"}


def test_only_the_logged_days_are_judged() -> None:
    week = [planned(0, "easy_45", "run", 45), planned(5, "long_90", "run", 90)]
    found = match(week, [did(0, "run", 45)], MONDAY, MONDAY + dt.timedelta(days=2))
    assert [(m.session.session, m.status) for m in found] == [("easy_45", "done")]  # type: ignore[union-attr]


def test_evidence_is_one_line_whatever_the_file_was_called() -> None:
    a = Activity(
        date=MONDAY, start="18:00", sport="run", minutes=45.0, source="evil\nfile\x1b[2J.fit"
    )
    line = entry(match([planned(0, "easy_45", "run", 45)], [a], MONDAY, MONDAY)[0], {})
    assert "\n" not in line.evidence and "\x1b" not in line.evidence
    assert "easy_45" in line.evidence and "45 min" in line.evidence


def test_a_race_nobody_planned_is_not_the_long_run() -> None:
    week = [planned(6, "long_90", "run", 90)]
    race = Activity(date=MONDAY + dt.timedelta(days=6), start="09:00", sport="run",
                    minutes=45.0, distance_km=10.0, race=True)  # fmt: skip
    assert statuses(week, [race]) == {"long_90": "missed", "extra run": "extra"}
