"""Done versus planned: each recorded activity matched to the planned session it was, and
each planned session of the logged days given what happened to it.

The order is a coach's reading of a training diary:
1. the same day and kind first (a run for a run, a lift for a lift; the race is a run),
   the nearest start time when a day has two;
2. then a planned session left over takes a left-over activity of its kind on another day
   of the same week: moved (the nearest day; a Tuesday run done on Wednesday);
3. what is still planned and in the logged days is missed; what is still recorded is
   extra (unplanned: counted as load, never as a planned session).

Matched sessions are judged on length and intensity: at least `DONE_SHARE` of the planned
minutes (a lift's: the time its prescribed sets take) and, for a hard session with a
logged RPE, an RPE of at least `HARD_RPE` is done; less is partial. Longer or harder than
planned is done, said in the evidence (it shows in the load, hybridplan.log.form).
Activities of sport `other` (a ride, a swim) are always extra."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hybridplan.models.activity import Activity, LogEntry, LogStatus
from hybridplan.models.result import SessionOut
from hybridplan.models.week import DAYS, clock_minutes

DONE_SHARE = 0.75
"""A session done for at least this share of its minutes is done; less is partial."""
LONGER_SHARE = 1.25
"""Beyond this share of its minutes, a done session's evidence says it ran long."""
HARD_RPE = 6
"""A hard session (intervals, tempo, a heavy lift) logged below this RPE was not done as
planned: partial."""
EASY_RPE = 4
"""An easy session logged above this RPE was run harder than planned (said, not judged)."""


@dataclass(frozen=True)
class Match:
    """One line of the log with the objects behind it."""

    status: LogStatus
    session: SessionOut | None
    activity: Activity | None


def _kind(activity: Activity) -> str | None:
    return None if activity.sport == "other" else activity.sport


def _fits(a: Activity, s: SessionOut) -> bool:
    """An activity of the session's kind; a race only for the planned race (a tune-up 10k
    on long-run day is not the long run: it is an extra, and the long run is missed)."""
    return _kind(a) == s.kind and (not a.race or s.run_type == "race")


def _start(activity: Activity) -> int:
    return clock_minutes(activity.start) if activity.start else 0


def expected_minutes(s: SessionOut) -> int:
    """The minutes an activity of session `s` should last: the session's, or for a lift
    with a prescription, the time its sets take (`minutes_estimate`): a watch records the
    sets and rests, not the slot's warm-up and changing time, and a lift read back from
    its own workout file lasts that long."""
    estimate = s.prescription.minutes_estimate if s.prescription is not None else None
    if s.kind == "strength" and estimate:
        return min(s.minutes, estimate)
    return s.minutes


def _judge(s: SessionOut, a: Activity) -> tuple[LogStatus, str]:
    """done or partial, with the evidence in words."""
    share = a.minutes / expected_minutes(s)
    what = f"{a.sport} {a.date.isoformat()}{' ' + a.start if a.start else ''}, {a.minutes:.0f} min"
    if a.distance_km:
        what += f", {a.distance_km:.1f} km"
    if a.rpe is not None:
        what += f", RPE {a.rpe:g}"
    src = f" ({a.source})" if a.source else ""
    planned = f"planned {s.session} {s.minutes} min"
    if share < DONE_SHARE:
        return "partial", f"{what}{src}: {planned}; {share:.0%} of its minutes"
    if s.intensity == "hard" and a.rpe is not None and a.rpe < HARD_RPE:
        return "partial", f"{what}{src}: {planned} (hard); done easier than planned"
    notes = []
    if share > LONGER_SHARE:
        notes.append(f"{share:.0%} of its minutes")
    if s.intensity == "easy" and a.rpe is not None and a.rpe > EASY_RPE:
        notes.append("harder than planned")
    return "done", f"{what}{src}: {planned}" + (f"; {', '.join(notes)}" if notes else "")


def match(
    sessions: Sequence[SessionOut],
    activities: Sequence[Activity],
    first: dt.date,
    through: dt.date,
) -> list[Match]:
    """What happened to each planned session dated from `first` to `through` (both
    included), and the activities of those days no planned session explains. Sessions
    need dates (a plan with a `start`)."""
    planned = sorted(
        (s for s in sessions if s.date is not None and first <= s.date <= through),
        key=lambda s: (s.date, clock_minutes(s.start), s.slot),
    )
    left = sorted(
        (a for a in activities if first <= a.date <= through),
        key=lambda a: (a.date, _start(a), a.fingerprint),
    )
    out: list[Match] = []
    unmatched: list[SessionOut] = []
    for s in planned:  # the same day and kind, the nearest start
        same = [a for a in left if a.date == s.date and _fits(a, s)]
        if not same:
            unmatched.append(s)
            continue
        best = min(same, key=lambda a: abs(_start(a) - clock_minutes(s.start)))
        left.remove(best)
        out.append(Match(_judge(s, best)[0], s, best))
    for s in unmatched:  # another day of the same week: moved
        assert s.date is not None
        when: dt.date = s.date
        monday = when - dt.timedelta(days=when.weekday())
        same_week = [
            a
            for a in left
            if _fits(a, s) and monday <= a.date < monday + dt.timedelta(days=7)
        ]
        if same_week:
            best = min(same_week, key=lambda a: (abs((a.date - when).days), a.date))
            left.remove(best)
            out.append(Match("moved", s, best))
        else:
            out.append(Match("missed", s, None))
    out += [Match("extra", None, a) for a in left]
    return out


def entry(m: Match, week_of: dict[dt.date, int]) -> LogEntry:
    """The log's line for a match: the planned session's place and the evidence."""
    s, a = m.session, m.activity
    if s is None:
        assert a is not None
        return LogEntry(
            status="extra",
            week=week_of.get(a.date, 1),
            day=DAYS[a.date.weekday()],
            activity=a.fingerprint,
            evidence=f"{a.sport} {a.date.isoformat()}, {a.minutes:.0f} min"
            + (f" ({a.source})" if a.source else "")
            + ": nothing of its kind was planned that week",
        )
    if a is None:
        evidence = f"nothing recorded for {s.session} ({s.kind}, {s.minutes} min) that week"
        return LogEntry(
            status="missed",
            week=s.week,
            day=s.day,
            slot=s.slot,
            session=s.session,
            uid=s.uid,
            evidence=evidence,
        )
    status, evidence = _judge(s, a)
    if m.status == "moved":
        status = "moved"
        evidence = f"done on {DAYS[a.date.weekday()]}: {evidence}"
    return LogEntry(
        status=status,
        week=s.week,
        day=s.day,
        slot=s.slot,
        session=s.session,
        uid=s.uid,
        done_day=DAYS[a.date.weekday()] if status == "moved" else None,
        activity=a.fingerprint,
        evidence=evidence,
    )
