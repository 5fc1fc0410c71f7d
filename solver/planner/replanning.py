"""Replanning after real life happens: the past is fixed as it happened, missed sessions
are gone, unavailable days and slots are taken away, and the rest of the week is solved
again with as few changes as possible (rule `stability`, the previous plan as a hint)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from hybridplan.core.solving import solve
from hybridplan.explanations.diff import diff
from hybridplan.models.errors import InputError, Problem
from hybridplan.models.loading import input_from_result
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Result, SessionOut, assign_uids
from hybridplan.models.scenario import Block, Pin
from hybridplan.models.week import DAYS, Day, parse_place_label, place_label
from hybridplan.prescribe import attach

Place = tuple[str, str | None]  # (day, slot or None for the whole day)
T = TypeVar("T", Pin, Block)
Move = tuple[tuple[str, str], tuple[str, str]]  # ((day, slot) planned, (day, slot) done)


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


def current_week(week: PlanInput, today: dt.date) -> int:
    """The week of the plan that holds `today` (1 before the plan starts, the last after it
    ends); 1 for a plan without dates."""
    start = week.scenario.start
    if start is None:
        return 1
    return min(max((today - start).days // 7 + 1, 1), week.weeks)


def replan(
    previous: Result,
    *,
    done: Iterable[Place] = (),
    missed: Iterable[Place] = (),
    unavailable: Iterable[Place] = (),
    from_day: Day | None = None,
    week: int = 1,
    moved: Iterable[Move] = (),
    through: Day | None = None,
    time_limit: float | None = None,
    seed: int = 0,
    work_limit: float | None = None,
) -> Result:
    """Solve the rest of week `week` (and the weeks after it) again after changes.
    `work_limit` as for `solve` (deterministic seconds: the same replan on any machine
    load). Weeks before `week` are the past: kept as they were planned. In `week`, days
    before `from_day` (default: the day after the last done, missed or moved session) are
    fixed as they were planned, minus what was missed; sessions marked done are fixed; a
    session `moved` ((day, slot) planned, (day, slot) done) is fixed where it was done and
    its planned place is free; missed and unavailable places (`day` or `day`+slot, in
    `week`) are blocked. `through` (a training log's last day, hybridplan.log) makes every
    day of `week` up to it the past instead of `from_day`: with "sun", all of it. Later
    weeks are
    planned again too, held to the previous plan by the rule `stability`. The result lists
    every change against the previous plan, with its reason.

    Its `revision` is the previous one + 1; each session that stayed or moved keeps its
    uid, and a dropped one is listed in `cancelled` (with the earlier plans' cancelled
    sessions), so a calendar import updates, moves and removes the right events."""
    previous = previous.with_uids()  # a file from before uids: the ones its calendar had
    plan_input = input_from_result(previous)
    if isinstance(week, bool) or not isinstance(week, int) or not 1 <= week <= plan_input.weeks:
        raise InputError(
            [Problem("week", f"{week!r} is not a week of this plan (1 to {plan_input.weeks})")]
        )
    done, missed, unavailable = list(done), list(missed), list(unavailable)
    moves = _checked_moves(list(moved), previous, plan_input, week)
    if from_day is None:
        touched = [DAYS.index(d) for d, _ in done + missed + [to for _, to in moves]]
        from_day = DAYS[min(max(touched) + 1, len(DAYS) - 1)] if touched else "mon"
    start = DAYS.index(from_day) if through is None else DAYS.index(through) + 1

    def at(week_no: int, day: str, slot: str, places: list[Place]) -> bool:
        return week_no == week and _within(day, slot, places)

    def hit(session: SessionOut, places: list[Place]) -> bool:
        """Done, missed and unavailable places are in the current week."""
        return at(session.week, session.day, session.slot, places)

    moved_from: list[Place] = [(s.day, s.slot) for s, _ in moves]

    def gone(pin: Pin) -> bool:
        """A pin in a missed, unavailable or moved-from place of the current week: released."""
        return at(pin.week, pin.day, pin.slot, [*missed, *unavailable, *moved_from])

    def past(week_no: int, day: str) -> bool:
        return week_no < week or (week_no == week and DAYS.index(day) < start)

    released = [p for p in plan_input.scenario.fixed if gone(p)]
    planned = [s for s in previous.sessions if not hit(s, [*missed, *moved_from])]
    done_elsewhere = [
        Pin.model_validate({"day": to[0], "slot": to[1], "session": s.session, "week": week})
        for s, to in moves
    ]
    fixed = [
        Pin(day=s.day, slot=s.slot, session=s.session, week=s.week)
        for s in planned
        if (past(s.week, s.day) or hit(s, done))
        and not any(at(s.week, s.day, s.slot, [to]) for _, to in moves)  # its place taken
    ] + done_elsewhere
    pinned = {(p.week, p.day, p.slot) for p in fixed}
    blocked = [
        Block.model_validate({"day": d, "slot": s, "week": week, "reason": reason})
        for reason, places in (("missed", missed), ("unavailable", unavailable))
        for d, s in places
    ]
    blocked += [
        Block(day=slot.day_name, slot=slot.name, week=slot.week, reason="past")
        for slot in plan_input.slots
        if past(slot.week, slot.day_name) and (slot.week, slot.day_name, slot.name) not in pinned
    ]
    scenario = plan_input.scenario.model_copy(update={
        "fixed": _once([*(p for p in plan_input.scenario.fixed if not gone(p)), *fixed]),
        "blocked": _once([*plan_input.scenario.blocked, *blocked]),
        # where the athlete trained counts as the previous plan: no stability cost for it
        "previous": [*(Pin(day=s.day, slot=s.slot, session=s.session, week=s.week)
                       for s in planned), *done_elsewhere],
    })  # fmt: skip
    lost_heavy = _lost_heavy_lifts(previous, plan_input, lambda s: hit(s, [*missed, *unavailable]))
    rules = plan_input.rules
    if lost_heavy:
        rules = rules.model_copy(
            update={"rules": {k: v for k, v in rules.rules.items() if k != "heavy_lifts"}}
        )
    rebuilt = PlanInput.build(scenario, rules)
    result = attach(
        solve(rebuilt, time_limit=time_limit, seed=seed, deterministic_time=work_limit), rebuilt
    )
    result.revision = previous.revision + 1
    if result.found:  # an unplanned week changes nothing: no session is "dropped"
        _carry_uids(previous, result, plan_input)
        reasons = Reasons(week, missed, unavailable, moved_from)
        result.changes = (
            _changes(previous, result, reasons, plan_input)
            + [
                f"released the pin of {p.session} ({place_label(p.week, p.day, p.slot)})"
                f" ({reasons.of(p.week, p.day, p.slot) or 'no longer available'})"
                for p in released
            ]
            + [
                f"no heavy key lift asked for again: {s.session}"
                f" ({place_label(s.week, s.day, s.slot)}) was the plan's"
                f" ({reasons.of(s.week, s.day, s.slot)})"
                for s in lost_heavy
            ]
        )
    return result


def _once(items: list[T]) -> list[T]:
    """Each pin or block once, in order: a replan of a replan pins and blocks the past
    again, and a block's weekly log imports would otherwise add every past session and
    slot again each week (past the scenario's list limit by week 12 of a marathon)."""
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.model_dump_json()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _lost_heavy_lifts(
    previous: Result, plan_input: PlanInput, lost: Callable[[SessionOut], bool]
) -> list[SessionOut]:
    """The previous plan's heavy key lifts when every one of them is in a missed or
    unavailable place, else none. The plan met `heavy_lifts` (NO-HEAVY: no heavy lift in the
    whole plan); losing that lift to real life is not a design flaw to repair at any price.
    Asked again, the rule (a coach objection, ranked above every ordinary penalty) pushed a
    week's only heavy lift into the last free days, where it moved the Saturday long run to
    a 60-minute Thursday run; a coach drops the lift. The coach preference still prefers a
    heavy lift where one fits."""
    heavy = [
        s for s in previous.sessions
        if (t := plan_input.sessions.get(s.session)) is not None and t.is_heavy_key_lift
    ]  # fmt: skip
    if "heavy_lifts" not in plan_input.rules.rules or not heavy or not all(map(lost, heavy)):
        return []
    return heavy


@dataclass(frozen=True)
class Reasons:
    """Why a session of the previous plan changed: its place was missed or taken away in
    the replanned week; anything else follows from those changes."""

    week: int
    missed: list[Place]
    unavailable: list[Place]
    moved_from: list[Place] = field(default_factory=list)

    def of(self, week: int, day: str, slot: str) -> str:
        if week == self.week:
            if (day, slot) in self.moved_from:
                return "done there instead"
            if _within(day, slot, self.missed):
                return "missed"
            if _within(day, slot, self.unavailable):
                return "no longer available"
        return ""

    @property
    def knock_on(self) -> str:
        """The reason of a change no missed or unavailable place explains."""
        if self.missed or self.unavailable or self.moved_from:
            return "to keep the plan's rules after those changes"
        return "to keep the plan's rules"


def _changes(before: Result, after: Result, reasons: Reasons, week: PlanInput) -> list[str]:
    """One line per change, each with its reason: a session moved, a session that became
    another length of the same kind (easy_45 -> easy_60: one change, not a drop and an
    add), a session dropped and one added."""

    def why(place: str) -> str:
        return f" ({reasons.of(*parse_place_label(place)) or reasons.knock_on})"

    def entry(session: str) -> str:
        known = week.sessions.get(session)
        return known.entry if known is not None else session

    d = diff(before, after)
    lines = [f"{m.session} moved from {m.before} to {m.after}{why(m.before)}" for m in d.moved]
    removed = [_split(r) for r in d.removed]
    added = [_split(a) for a in d.added]
    # the same place first, then anywhere in the same week (as _carry_uids pairs uids)
    for same_place in (True, False):
        for session, place in list(removed):
            twin = next(
                (
                    a
                    for a in added
                    if entry(a[0]) == entry(session)
                    and (a[1] == place if same_place else _week(a[1]) == _week(place))
                ),
                None,
            )
            if twin is None:
                continue
            removed.remove((session, place))
            added.remove(twin)
            where = place if twin[1] == place else f"{place}, now {twin[1]}"
            lines.append(f"{session} became {twin[0]} ({where}){why(place)}")
    lines += [f"dropped {session} ({place}){why(place)}" for session, place in removed]
    lines += [f"added {session} ({place}) ({reasons.knock_on})" for session, place in added]
    return lines


def _within(day: str, slot: str, places: Iterable[Place]) -> bool:
    """Whether `day` `slot` is one of `places` (a place without a slot is its whole day)."""
    return any(d == day and s in (None, slot) for d, s in places)


def _split(text: str) -> tuple[str, str]:
    """'easy_45 (w3 tue am)' -> ('easy_45', 'w3 tue am'), as `diff` lists them."""
    session, _, place = text.partition(" (")
    return session, place.rstrip(")")


def _week(place: str) -> int:
    return parse_place_label(place)[0]


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


def _checked_moves(
    moved: list[Move], previous: Result, week: PlanInput, week_no: int
) -> list[tuple[SessionOut, tuple[str, str]]]:
    """Each move as (the session planned at its first place, the place it was done): the
    first place must hold a session in week `week_no`, the second must be a slot of that
    week with free time, and no two moves may leave one place or take one place (two may
    swap places)."""
    out: list[tuple[SessionOut, tuple[str, str]]] = []
    problems = []
    free = {(s.day_name, s.name) for s in week.slots if s.week == week_no and s.capacity > 0}
    seen: set[tuple[str, str, str]] = set()
    for i, ((day, slot), (to_day, to_slot)) in enumerate(moved):
        where = f"moved.{i}"
        planned = next(
            (s for s in previous.sessions
             if s.week == week_no and s.day == day and s.slot == slot),
            None,
        )  # fmt: skip
        if planned is None:
            problems.append(
                Problem(where, f"nothing was planned on {day} {slot} in week {week_no}")
            )
            continue
        if (to_day, to_slot) not in free:
            problems.append(
                Problem(
                    where,
                    f"{to_day} {to_slot} has no free time in week {week_no}: a session can be "
                    "moved to a slot the week has (or mark it done where it was planned)",
                )
            )
            continue
        if ("from", day, slot) in seen or ("to", to_day, to_slot) in seen:
            problems.append(Problem(where, "two moves share a place"))
            continue
        # a swap (the long run to Sunday, Sunday's lift to Saturday) is two moves whose
        # places cross: each place is left once and taken once
        seen |= {("from", day, slot), ("to", to_day, to_slot)}
        out.append((planned, (to_day, to_slot)))
    if problems:
        raise InputError(problems)
    return out


def parse_move(text: str, slots: Iterable[str], option: str = "") -> Move:
    """'tue:am=wed:pm' -> (('tue', 'am'), ('wed', 'pm')): planned there, done here."""
    known = list(slots)
    first, sep, second = text.partition("=")
    places = [parse_place(p, known, option) for p in (first, second)] if sep else []
    if len(places) != 2 or any(slot is None for _, slot in places):
        raise InputError(
            [Problem(option, f"{text!r}: a move is PLANNED=DONE, each day:slot (tue:am=wed:pm)")]
        )
    (day, slot), (to_day, to_slot) = places
    assert slot is not None and to_slot is not None
    return (day, slot), (to_day, to_slot)


def as_places(values: Iterable[str], week: PlanInput, option: str = "") -> list[Place]:
    return [parse_place(v, week.scenario.slots, option) for v in values]
