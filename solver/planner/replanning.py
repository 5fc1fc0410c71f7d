"""Replanning after real life happens: the past is fixed as it happened, missed sessions
are gone, unavailable days and slots are taken away, and the rest of the week is solved
again with as few changes as possible (rule `stability`, the previous plan as a hint)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from hybridplan.explanations.diff import diff
from hybridplan.models.errors import InputError, Problem
from hybridplan.models.loading import input_from_result
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Result, SessionOut, assign_uids
from hybridplan.models.scenario import Block, Pin
from hybridplan.models.week import DAYS, Day, parse_place_label
from hybridplan.prescribe import attach
from hybridplan.solving import solve

Place = tuple[str, str | None]  # (day, slot or None for the whole day)


def parse_place(text: str, slots: Iterable[str] | None = None, option: str = "") -> Place:
    """'tue' or 'tue:pm' -> ('tue', 'pm'); raises InputError naming what is allowed."""
    day, _, slot = text.partition(":")
    if day not in DAYS:
        raise InputError(
            [
                Problem(
                    option, f"{text!r}: the day must be one of {', '.join(DAYS)} (day or day:slot)"
                )
            ]
        )
    known = list(slots or [])
    if slot and known and slot not in known:
        raise InputError([Problem(option, f"{text!r}: the slot must be one of {', '.join(known)}")])
    return day, slot or None


def replan(
    previous: Result,
    *,
    done: Iterable[Place] = (),
    missed: Iterable[Place] = (),
    unavailable: Iterable[Place] = (),
    from_day: Day | None = None,
    time_limit: float | None = None,
    seed: int = 0,
    work_limit: float | None = None,
) -> Result:
    """Solve the rest of the week again after changes. `work_limit` as for `solve`
    (deterministic seconds: the same replan on any machine load). Days before `from_day` (default:
    the day after the last done or missed session) are fixed as they were planned, minus
    what was missed; sessions marked done are fixed; missed and unavailable slots are
    blocked. The result lists every change against the previous plan, with its reason.

    Its `revision` is the previous one + 1; each session that stayed or moved keeps its
    uid, and a dropped one is listed in `cancelled` (with the earlier plans' cancelled
    sessions), so a calendar import updates, moves and removes the right events."""
    previous = previous.with_uids()  # a file from before uids: the ones its calendar had
    week = input_from_result(previous)
    done, missed, unavailable = list(done), list(missed), list(unavailable)
    if from_day is None:
        touched = [DAYS.index(d) for d, _ in done + missed]
        from_day = DAYS[min(max(touched) + 1, len(DAYS) - 1)] if touched else "mon"
    start = DAYS.index(from_day)

    def hit(session: SessionOut, places: list[Place]) -> bool:
        """Done, missed and unavailable places are in the current week (week 1)."""
        return session.week == 1 and any(
            d == session.day and s in (None, session.slot) for d, s in places
        )

    def gone(pin: Pin) -> bool:
        """A pin in a missed or unavailable place of the current week: released."""
        return pin.week == 1 and any(
            d == pin.day and s in (None, pin.slot) for d, s in (*missed, *unavailable)
        )

    released = [p for p in week.scenario.fixed if gone(p)]
    planned = [s for s in previous.sessions if not hit(s, missed)]
    # Replanning works on the current week (week 1 of the plan); later weeks of a longer
    # plan stay as they were, held by `stability`.
    fixed = [
        Pin(day=s.day, slot=s.slot, session=s.session, week=s.week)
        for s in planned
        if s.week == 1 and (DAYS.index(s.day) < start or hit(s, done))
    ]
    pinned = {(p.day, p.slot) for p in fixed}
    blocked = [
        Block.model_validate({"day": d, "slot": s, "week": 1}) for d, s in (*missed, *unavailable)
    ]
    blocked += [
        Block(day=slot.day_name, slot=slot.name, week=1)
        for slot in week.slots
        if slot.week == 1 and slot.day < start and (slot.day_name, slot.name) not in pinned
    ]
    scenario = week.scenario.model_copy(update={
        "fixed": [*(p for p in week.scenario.fixed if not gone(p)), *fixed],
        "blocked": [*week.scenario.blocked, *blocked],
        "previous": [Pin(day=s.day, slot=s.slot, session=s.session, week=s.week)
                     for s in planned],
    })  # fmt: skip
    rebuilt = PlanInput.build(scenario, week.rules)
    result = attach(
        solve(rebuilt, time_limit=time_limit, seed=seed, deterministic_time=work_limit), rebuilt
    )
    result.revision = previous.revision + 1
    if result.found:  # an unplanned week changes nothing: no session is "dropped"
        _carry_uids(previous, result, week)
        result.changes = _changes(previous, result, missed, unavailable) + [
            f"released the pin of {p.session} ({p.day} {p.slot})"
            + (" (missed)" if any(d == p.day and s in (None, p.slot) for d, s in missed)
               else " (no longer available)")
            for p in released
        ]  # fmt: skip
    return result


def _changes(
    before: Result, after: Result, missed: list[Place], unavailable: list[Place]
) -> list[str]:
    def why(place: str) -> str:
        week, day, slot = parse_place_label(place)
        if week != 1:  # changes are made in the current week; later ones follow from them
            return ""
        if any(d == day and s in (None, slot) for d, s in missed):
            return " (missed)"
        if any(d == day and s in (None, slot) for d, s in unavailable):
            return " (no longer available)"
        return ""

    d = diff(before, after)
    lines = [f"{m.session} moved from {m.before} to {m.after}{why(m.before)}" for m in d.moved]
    lines += [f"dropped {r}{why(r.split('(')[1].rstrip(')'))}" for r in d.removed]
    lines += [f"added {a}" for a in d.added]
    return lines


def _carry_uids(before: Result, after: Result, week: PlanInput) -> None:
    """Give each session of `after` the uid of the session of `before` it became, and list
    the sessions of `before` that became none in `after.cancelled` (with those cancelled
    earlier, once per uid). Sessions pair up within their week as `diff` pairs them (the
    same id at the same place, then the leftovers of one id in time order: moved), then a
    session changed only in length pairs with the one it replaced (easy_45 -> easy_60:
    one event updated, not one removed and one added). The rest get new uids."""
    order = {d: i for i, d in enumerate(DAYS)}

    def when(s: SessionOut) -> tuple[int, str]:
        return order[s.day], s.start

    def entry(s: SessionOut) -> str:
        known = week.sessions.get(s.session)
        return known.entry if known is not None else s.session

    for s in after.sessions:
        s.uid = None
    old_left = sorted(before.sessions, key=lambda s: (s.week, *when(s)))
    new_left = sorted(after.sessions, key=lambda s: (s.week, *when(s)))

    def place(s: SessionOut) -> tuple[str, str]:
        return s.day, s.slot

    passes: list[Callable[[SessionOut], tuple[str, ...]]] = [
        lambda s: (s.session, *place(s)),  # kept
        lambda s: (s.session,),  # moved
        lambda s: (entry(s), *place(s)),  # another length, same place
        lambda s: (entry(s),),  # another length, moved
    ]
    for key in passes:
        for new in list(new_left):
            old = next((o for o in old_left if o.week == new.week and key(o) == key(new)), None)
            if old is not None:
                new.uid = old.uid
                old_left.remove(old)
                new_left.remove(new)
    live = {s.uid for s in after.sessions if s.uid}
    cancelled: dict[str, SessionOut] = {}
    for s in (*before.cancelled, *old_left):
        if s.uid and s.uid not in live:
            cancelled[s.uid] = s.model_copy(deep=True)
    after.cancelled = list(cancelled.values())
    assign_uids(after, taken=[s.uid for s in before.sessions if s.uid])


def as_places(values: Iterable[str], week: PlanInput, option: str = "") -> list[Place]:
    return [parse_place(v, week.scenario.slots, option) for v in values]
