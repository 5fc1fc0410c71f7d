"""The closed loop: activities in, the plan's log written, the rest of the block planned
again with the past fixed as it happened.

An import covers the days after the log's last day up to `through` (the last activity's
day unless given). Each planned session of those days is matched (hybridplan.log.matching);
then each week they touch is replanned in order (hybridplan.planner.replanning.replan):
done and partial sessions stay where they are, missed ones are gone, moved ones are fixed
where they were done, and nothing new is placed on a logged day. Minimal change is priced
as in `replan` (rule `stability`).

Before each replan, every logged week gets its basis (Scenario.basis): the figures the week
after it is compared with by the 10% rule and a deload's cut. A gap of at most `SHORT_GAP`
days without training is bridged: the basis is the week as planned, and the plan goes on
where it was. A longer gap re-ramps: the basis is the recent real running (the mean of the
logged weeks of the last four, this one included), never below `SHORT_FLOOR` (after two
weeks at most) or `FLOOR` of the week as planned, and the 10% rule climbs from there.
Without a basis a missed week would cap the next week's running at 110% of nothing (and a
deload's long run "shorter than none")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from hybridplan.log.importing import new_activities
from hybridplan.log.matching import Match, entry, match
from hybridplan.models.activity import MAX_ACTIVITIES, Activity, LogEntry, TrainingLog
from hybridplan.models.errors import InputError, Problem
from hybridplan.models.loading import input_from_result
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Result, SessionOut
from hybridplan.models.week import DAYS, clock_minutes

SHORT_GAP = 7
"""Days without any training that are bridged: up to a week (a cold, a trip). More
re-ramps."""
FLOOR = 0.5
"""A re-ramp starts from at least this share of the week as planned: after weeks off, the
recent real load is nothing, and 10% more than nothing is nothing for the rest of the block."""
SHORT_FLOOR = 0.75
"""After a gap of at most `TWO_WEEKS` days, at least this share: ten days off cost little
fitness, and from half the volume the 10% rule would take seven weeks to climb back."""
TWO_WEEKS = 14
RECENT_WEEKS = 4
WORKOUT_WEEKS = 4
"""Weeks between two VDOT raises from workouts."""


@dataclass
class Imported:
    """What an import did: the adapted plan (with its log), the activities it added and
    those it already had, the log's new lines, and the weeks it replanned."""

    result: Result
    added: list[Activity] = field(default_factory=list)
    repeated: list[Activity] = field(default_factory=list)
    entries: list[LogEntry] = field(default_factory=list)
    weeks: list[int] = field(default_factory=list)
    athlete_changes: list[str] = field(default_factory=list)
    after: list[Activity] = field(default_factory=list)  # left for a later import


def import_activities(
    previous: Result,
    activities: Sequence[Activity],
    *,
    through: dt.date | None = None,
    seed: int = 0,
    work_limit: float | None = None,
    time_limit: float | None = None,
) -> Imported:
    """Add `activities` to the plan's log and plan the rest of the block again."""
    from hybridplan.planner.replanning import replan

    previous = previous.with_uids()
    inp = input_from_result(previous)
    start = inp.scenario.start
    if start is None:
        raise InputError(
            [
                Problem(
                    "input.scenario.start",
                    "the plan has no dates: activities "
                    "are matched by day, so its scenario needs a `start`",
                )
            ]
        )
    end = start + dt.timedelta(days=7 * inp.weeks - 1)
    log = previous.log or TrainingLog()
    new, repeated = new_activities(list(activities), {a.fingerprint for a in log.activities})
    if len(log.activities) + len(new) > MAX_ACTIVITIES:
        raise InputError(
            [Problem("activities", f"the log would hold more than {MAX_ACTIVITIES} activities")]
        )
    first = start if log.through is None else log.through + dt.timedelta(days=1)
    last = through or max((a.date for a in new), default=log.through or start)
    last = min(last, end)
    # an activity after the import's last day is left for the import that covers it: in
    # the log now, it would count as known then and never be matched
    after = [a for a in new if a.date > last]
    new = [a for a in new if a.date <= last]
    everything = [*log.activities, *new]
    result = previous.model_copy(deep=True)
    entries: list[LogEntry] = []
    weeks: list[int] = []
    changes: list[str] = []
    athlete_changes: list[str] = []
    raised_on = log.vdot_raised
    unplaced: list[Match] = []
    if last >= first:
        week_of = {start + dt.timedelta(days=d): d // 7 + 1 for d in range(7 * inp.weeks)}
        matches = match(previous.sessions, new, first, last)
        raised_on = _reestimate(result, inp, matches, log, last, athlete_changes)
        first_week, last_week = week_of[first], week_of[last]
        for w in range(first_week, last_week + 1):
            _set_basis(result, inp, previous.sessions, everything, w, last)
            monday = start + dt.timedelta(days=7 * (w - 1))
            # each week against the plan as the weeks before it left it: replanning one
            # week may move the sessions of the next
            lo, hi = max(first, monday), min(last, monday + dt.timedelta(days=6))
            ours = match(result.sessions, [a for a in new if lo <= a.date <= hi], lo, hi)
            entries += [entry(m, week_of) for m in ours]
            done, missed, moves, left_out = _places(ours, inp, w, result)
            unplaced += left_out
            past = "sun" if last >= monday + dt.timedelta(days=6) else DAYS[last.weekday()]
            before = result
            result = replan(
                before,
                week=w,
                done=done,
                missed=missed,
                moved=moves,
                through=past,
                seed=seed,
                work_limit=work_limit,
                time_limit=time_limit,
            )
            if not result.found and moves:
                # what happened is never refused: sessions done elsewhere that the week's
                # hard rules cannot hold there (a named rest day, a second hard day in a
                # row) stay out of the plan; their activities still count as load
                missed += [frm for frm, _ in moves]
                unplaced += [m for m in ours if m.status == "moved"]
                result = replan(
                    before,
                    week=w,
                    done=done,
                    missed=missed,
                    through=past,
                    seed=seed,
                    work_limit=work_limit,
                    time_limit=time_limit,
                )
            weeks.append(w)
            changes += result.changes
            if not result.found:
                break
    out_of_plan = {m.session.uid for m in unplaced if m.session is not None}
    entries = [
        e.model_copy(
            update={
                "evidence": e.evidence + "; kept out of the plan (the rules do "
                "not hold it on that day), counted as load"
            }
        )
        if e.status == "moved" and e.uid in out_of_plan
        else e
        for e in entries
    ]
    late = [a for a in new if a.date < first]
    entries += [
        LogEntry(
            status="extra",
            week=max(1, (a.date - start).days // 7 + 1) if a.date >= start else 1,
            day=DAYS[a.date.weekday()],
            activity=a.fingerprint,
            evidence=f"{a.sport} {a.date.isoformat()}: recorded before the log's last "
            "day; counted as load, its week already planned",
        )
        for a in late
        if start <= a.date
    ]
    if weeks and result.found:
        # one import, one account: each week's replan listed changes an import's later
        # week undid; the whole import against the plan it started from is what changed
        changes = _net_changes(previous, result, entries, start, last)
    result.changes = changes
    result.log = TrainingLog(
        activities=everything,
        entries=[*log.entries, *entries],
        through=max(last, log.through) if log.through else (last if last >= first else None),
        changes=[*log.changes, *athlete_changes],
        vdot_raised=raised_on,
    )
    return Imported(result, new, repeated, entries, weeks, athlete_changes, after)


def _net_changes(
    before: Result, after: Result, entries: list[LogEntry], start: dt.date, last: dt.date
) -> list[str]:
    """What the import changed, a line each: in the logged days, what the log says of it;
    after them, what moved, was dropped or added to keep the plan's rules."""
    from hybridplan.explanations.diff import diff
    from hybridplan.models.week import parse_place_label

    said: dict[tuple[int, str, str | None, str], LogEntry] = {
        (e.week, e.day, e.slot, e.session): e for e in entries if e.session
    }

    def logged(place: str) -> bool:
        week, day, _ = parse_place_label(place)
        return start + dt.timedelta(days=7 * (week - 1) + DAYS.index(day)) <= last

    def why(session: str, place: str) -> str:
        week, day, slot = parse_place_label(place)
        e = said.get((week, day, slot, session))
        if e is not None and e.status == "moved":
            return f"done on {e.done_day}"
        if e is not None:
            return e.status
        return "to keep the plan's rules after what the log shows"

    d = diff(before, after)
    lines = [
        f"{m.session} moved from {m.before} to {m.after} ({why(m.session, m.before)})"
        for m in d.moved
    ]
    for text, verb in [*((r, "dropped") for r in d.removed), *((a, "added") for a in d.added)]:
        session, _, place = text.partition(" (")
        place = place.rstrip(")")
        reason = (
            why(session, place)
            if verb == "dropped" and logged(place)
            else ("to keep the plan's rules after what the log shows")
        )
        lines.append(f"{verb} {session} ({place}) ({reason})")
    return lines


def _reestimate(
    result: Result,
    inp: PlanInput,
    matches: list[Match],
    log: TrainingLog,
    through: dt.date,
    lines: list[str],
) -> dt.date | None:
    """The athlete's VDOT and 1RMs after the import's activities (hybridplan.log.estimates),
    written into the result's scenario so that the replanned sessions' prescriptions use
    them; their lines go to `lines`. Races move the VDOT any time; hard workouts raise it
    at most once in `WORKOUT_WEEKS` weeks (Daniels' one unit every four to six weeks; one
    import's cap alone would let weekly imports raise it every week). Returns the day the
    VDOT last rose from a workout."""
    from hybridplan.log.estimates import reestimate
    from hybridplan.prescribe.paces import athlete_vdot

    assert result.input is not None
    efforts = [
        (m.activity, m.session.run_type if m.session is not None else None)
        for m in matches
        if m.activity is not None
    ]
    races = [e for e in efforts if e[0].race or e[1] == "race"]
    others = [e for e in efforts if not (e[0].race or e[1] == "race")]
    before = inp.scenario.athlete
    athlete, said = reestimate(before, races + [(a, None) for a, _ in others])  # lifts
    raised_on = log.vdot_raised
    waited = raised_on is None or (through - raised_on).days >= 7 * WORKOUT_WEEKS
    if athlete_vdot(athlete) == athlete_vdot(before) and waited:
        after, more = reestimate(athlete, [e for e in others if e[1] is not None])
        if (athlete_vdot(after) or 0) > (athlete_vdot(athlete) or 0):
            raised_on = through
        athlete, said = after, said + [line for line in more if line not in said]
    lines += said
    if athlete is not before and athlete is not None:
        scenario = result.input["scenario"]
        result.input = {
            **result.input,
            "scenario": {**scenario, "athlete": athlete.model_dump(mode="json", exclude_none=True)},
        }
    return raised_on


Place = tuple[str, str | None]
Move = tuple[tuple[str, str], tuple[str, str]]


def _places(
    matches: list[Match], inp: PlanInput, week: int, result: Result
) -> tuple[list[Place], list[Place], list[Move], list[Match]]:
    """(done, missed, moved) places of one week for `replan`, and the sessions done
    elsewhere that stay out of the plan. A session done on another
    day goes to that day's slot nearest the activity's start that holds nothing done. The
    athlete trained then, so the time was there: a slot the calendar had no time in is
    opened for that week (Scenario.week_availability). A named rest day takes nothing (the
    rule rest_days holds for the plan): the session is missed for the plan, its activity
    counts as load."""
    done: list[Place] = []
    missed: list[Place] = []
    moves: list[Move] = []
    left_out: list[Match] = []
    taken = {
        (m.session.day, m.session.slot)
        for m in matches
        if m.session is not None and m.status in ("done", "partial")
    }
    clocks = inp.scenario.slots
    rest = set(inp.scenario.preferences.rest_days)
    for m in matches:
        s = m.session
        if s is None:
            continue
        if m.status in ("done", "partial"):
            done.append((s.day, s.slot))
            continue
        if m.status == "missed" or m.activity is None:
            missed.append((s.day, s.slot))
            continue
        day = DAYS[m.activity.date.weekday()]
        at = clock_minutes(m.activity.start) if m.activity.start else 0
        options = sorted(
            (abs(clock_minutes(clock) - at), name)
            for name, clock in clocks.items()
            if (day, name) not in taken
        )
        if not options or day in rest:
            missed.append((s.day, s.slot))
            left_out.append(m)
            continue
        to = (day, options[0][1])
        taken.add(to)
        _open(result, inp, week, to, s.minutes)
        moves.append(((s.day, s.slot), to))
    return done, missed, moves, left_out


def _open(result: Result, inp: PlanInput, week: int, place: tuple[str, str], minutes: int) -> None:
    """Give `place` of `week` at least `minutes` of free time in the result's scenario."""
    assert result.input is not None
    scenario = result.input["scenario"]
    weekly = dict(scenario.get("week_availability") or {})
    calendar = weekly.get(str(week), weekly.get(week))
    if calendar is None:
        calendar = inp.scenario.week_availability.get(week, inp.scenario.availability)
    calendar = {d: dict(slots) for d, slots in calendar.items()}
    day, slot = place
    if calendar.get(day, {}).get(slot, 0) >= minutes:
        return
    calendar.setdefault(day, {})[slot] = minutes
    weekly[str(week)] = calendar
    result.input = {**result.input, "scenario": {**scenario, "week_availability": weekly}}


def _figures(sessions: Sequence[SessionOut]) -> tuple[int, int, int]:
    """(training minutes, running minutes, long run minutes) of a planned week, the race
    aside."""
    training = [s for s in sessions if s.run_type != "race"]
    runs = [s for s in training if s.kind == "run"]
    longs = [s.minutes for s in runs if s.run_type == "long"]
    return sum(s.minutes for s in training), sum(s.minutes for s in runs), max(longs, default=0)


def _real(activities: Sequence[Activity]) -> tuple[int, int, int]:
    """(training minutes, running minutes, longest run) of recorded activities, races and
    other sports aside."""
    counted = [a for a in activities if a.sport != "other" and not a.race]
    runs = [a.minutes for a in counted if a.sport == "run"]
    return round(sum(a.minutes for a in counted)), round(sum(runs)), round(max(runs, default=0))


def longest_gap(activities: Sequence[Activity], first: dt.date, last: dt.date) -> int:
    """The most days in a row from `first` to `last` without any activity."""
    days = {a.date for a in activities}
    gap = best = 0
    day = first
    while day <= last:
        gap = 0 if day in days else gap + 1
        best = max(best, gap)
        day += dt.timedelta(days=1)
    return best


def _set_basis(
    result: Result,
    inp: PlanInput,
    planned: Sequence[SessionOut],
    activities: Sequence[Activity],
    week: int,
    through: dt.date,
) -> None:
    """Write week `week`'s basis into the result's scenario (see the module's docstring)."""
    assert inp.scenario.start is not None and result.input is not None
    start = inp.scenario.start
    monday = start + dt.timedelta(days=7 * (week - 1))
    sunday = min(monday + dt.timedelta(days=6), through)
    minutes, run_minutes, long_run = _figures([s for s in planned if s.week == week])
    # a gap still open at the week's end runs on to the log's last day: a week missed
    # whole, then three days more, is one gap of ten days, and re-ramps
    days = {a.date for a in activities}
    while sunday < through and sunday + dt.timedelta(days=1) not in days:
        sunday += dt.timedelta(days=1)
    gap = longest_gap(activities, max(start, monday - dt.timedelta(days=7)), sunday)
    scenario = result.input["scenario"]
    basis = dict(scenario.get("basis") or {})
    if gap <= SHORT_GAP:
        figures = {
            "minutes": minutes,
            "run_minutes": run_minutes,
            "long_run": long_run,
            "why": f"bridged: {gap} days without training at most",
        }
    else:
        weeks = range(max(1, week - RECENT_WEEKS + 1), week + 1)
        real = [
            _real(
                [
                    a
                    for a in activities
                    if start + dt.timedelta(days=7 * (w - 1))
                    <= a.date
                    < start + dt.timedelta(days=7 * w)
                ]
            )
            for w in weeks
        ]
        mean = [sum(r[i] for r in real) // len(real) for i in range(3)]
        floor = SHORT_FLOOR if gap <= TWO_WEEKS else FLOOR
        figures = {
            "minutes": max(mean[0], round(floor * minutes)),
            "run_minutes": max(mean[1], round(floor * run_minutes)),
            "long_run": max(mean[2], round(floor * long_run)),
            "reramped": True,
            "why": f"re-ramped: {gap} days without training",
        }
    basis[str(week)] = figures
    result.input = {**result.input, "scenario": {**scenario, "basis": basis}}
