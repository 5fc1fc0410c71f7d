"""Rules about two sessions at once ("a hard run and a hard lift at least 24 h apart").

A pair rule is a `PairSpec`: which sessions can be the first and the second member and when
two such placed sessions conflict. The same `conflicting_pairs()` runs over the candidates
(to build CP-SAT clauses or penalty literals) and over a plan's placed sessions (to check),
so the two faces of every pair rule are one piece of logic.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from hybridplan.core.context import BuildContext, SessionPredicate
from hybridplan.models.placement import Placed, Slot
from hybridplan.models.plan import Plan
from hybridplan.models.result import Penalty, Violation
from hybridplan.models.session import SessionType
from hybridplan.models.week import MINUTES_PER_DAY


@dataclass(frozen=True)
class PairSpec:
    first: SessionPredicate
    second: SessionPredicate
    conflict: Callable[[Placed, Placed], bool]  # (a is first, b is second) -> conflict
    describe: Callable[[Placed, Placed], str]
    window_minutes: int  # no conflict between sessions whose starts are further apart
    summary: str = ""  # the requirement in a few words, for explanations
    # What the predicates depend on besides the sessions (the rule and its config): with
    # it, a plan's models share their conflict groups (per-week bounds, the whole plan).
    key: Hashable = None


def window(hours: float) -> int:
    """A search window covering `hours` of gap plus the longest session."""
    return int(hours * 60) + MINUTES_PER_DAY


def conflicting_pairs(spec: PairSpec, items: Sequence[Placed]) -> Iterator[tuple[Placed, Placed]]:
    """Each unordered pair of distinct items that conflicts, once, as (first, second)."""
    is_first = [spec.first(p.session) for p in items]
    is_second = [spec.second(p.session) for p in items]
    seconds = sorted((p.start, j, p) for j, p in enumerate(items) if is_second[j])
    starts = [s for s, _, _ in seconds]
    seen: set[tuple[int, int]] = set()  # only pairs that could be met twice go in here
    for i, a in enumerate(items):
        if not is_first[i]:
            continue
        lo = bisect.bisect_left(starts, a.start - spec.window_minutes)
        hi = bisect.bisect_right(starts, a.start + spec.window_minutes)
        for _, j, b in seconds[lo:hi]:
            if i == j or not spec.conflict(a, b):
                continue
            if is_second[i] and is_first[j]:  # (b, a) is a candidate pair too
                key = (i, j) if i < j else (j, i)
                if key in seen:
                    continue
                seen.add(key)
            yield a, b


def grouped_conflicts(
    ctx: BuildContext, spec: PairSpec
) -> Iterator[tuple[list[Placed], list[Placed]]]:
    """The conflicting candidate pairs, grouped for a small model: for each pair of slots,
    earlier candidates with the same set of conflicting later candidates form one group.
    As a slot holds at most one session, "some session of the group is placed" is a
    single literal, and one literal pair (or one AND) per group is exact. (Candidates
    themselves; the builds below use `conflict_groups`, their positions.)"""
    candidates = ctx.candidates
    for firsts, seconds in conflict_groups(ctx, spec):
        yield [candidates[i] for i in firsts], [candidates[j] for j in seconds]


def conflict_groups(
    ctx: BuildContext, spec: PairSpec
) -> Iterator[tuple[tuple[int, ...], tuple[int, ...]]]:
    """grouped_conflicts() as candidate positions (ascending within a group), pairs of
    slots in time order.

    Built from tables, not from a predicate per pair of candidates: whether two candidates
    conflict depends only on their two session types and how far apart their slots are (in
    minutes and in calendar days): the rules measure time differences, never the date. So
    the groups of a pair of slots are computed once per (rule and its config, distance,
    session types of the first slot, of the second) and reused for every other pair of
    slots alike: week after week, and scenario after scenario in one process."""
    global _table_entries
    layout = _layout(ctx)
    table = _table(spec, layout)
    known = table.groups
    members = layout.members
    for i, j, key in layout.pairs(spec.window_minutes):
        groups = known.get(key)
        if groups is None:
            groups = known[key] = table.compute(layout, i, j, key)
            _table_entries += 1
        here, there = members[i], members[j]
        for firsts, seconds in groups:
            yield tuple([here[k] for k in firsts]), tuple([there[k] for k in seconds])


# Session types seen in this process, by content (a scenario's sessions are new objects,
# but most are the catalogue's, alike from one scenario to the next): type -> small int.
_TYPES: dict[tuple[Any, ...], int] = {}
# The slots' contents seen: the session types a slot offers, in order -> small int.
_CONTENTS: dict[tuple[int, ...], int] = {}
# Both number from one counter that is never reset: when the dicts are cleared, a number
# an older layout or input still holds is never given to anything else.
_NUMBERS = itertools.count()
# Conflict tables by rule (PairSpec.key). Cleared, with the numbering dicts, when they grow
# past _TABLE_LIMIT entries in all (groups and type pairs): a long-lived service sees many
# scenarios.
_TABLES: dict[Hashable, _Table] = {}
_TABLE_LIMIT = 200_000
_table_entries = 0


def _number(numbers: dict[Any, int], key: Any) -> int:
    found = numbers.get(key)
    if found is None:
        found = numbers[key] = next(_NUMBERS)
    return found


def _type_key(s: SessionType) -> tuple[Any, ...]:
    """Everything a rule may read of a session type (its fields, dicts as sorted items)."""
    return tuple(
        (k, tuple(sorted(v.items())) if isinstance(v, dict) else v) for k, v in s.__dict__.items()
    )


def _table(spec: PairSpec, layout: _Layout) -> _Table:
    """The rule's table, shared in the process (a fresh one for a spec without a key: its
    predicates may read anything). At most _TABLE_LIMIT entries in all: counted by the
    pairs of slots a build may add, and cleared (all of them) before that would pass."""
    global _table_entries
    if spec.key is None:
        return _Table(spec)
    if _table_entries + len(layout.pairs(spec.window_minutes)) > _TABLE_LIMIT:
        _TABLES.clear()
        _TYPES.clear()
        _CONTENTS.clear()
        _table_entries = 0
    table = _TABLES.get(spec.key)
    if table is None:
        table = _TABLES[spec.key] = _Table(spec)
    return table


class _Layout:
    """The live candidates by slot, for every pair rule of one model: the slots in time
    order, each slot's candidates (positions and objects) and contents id, and (per search
    window) the pairs of slots a rule looks at, with their table keys."""

    def __init__(self, ctx: BuildContext):
        types: dict[str, int] = ctx.input.memo.get("pair_types") or {}
        if not types:
            for sid, session in ctx.input.sessions.items():
                types[sid] = _number(_TYPES, _type_key(session))
            ctx.input.memo["pair_types"] = types
        index = ctx.order
        self.slots: list[Slot] = []
        self.members: list[list[int]] = []
        self.placed: list[list[Placed]] = []
        last: Slot | None = None
        for p in ctx.live():  # candidates come slot by slot, slots in time order
            if p.slot is not last:
                last = p.slot
                self.slots.append(last)
                self.members.append([])
                self.placed.append([])
            self.members[-1].append(index(p))
            self.placed[-1].append(p)
        self.types = [tuple(types[p.session.id] for p in ps) for ps in self.placed]
        self.contents = [_number(_CONTENTS, t) for t in self.types]
        self._pairs: dict[int, list[tuple[int, int, tuple[int, int, int, int]]]] = {}

    def pairs(self, window: int) -> list[tuple[int, int, tuple[int, int, int, int]]]:
        """(earlier slot, later slot, table key) of the pairs of slots whose starts are at
        most `window` minutes apart, in time order of the earlier, then of the later."""
        found = self._pairs.get(window)
        if found is None:
            found = self._pairs[window] = []
            slots, contents = self.slots, self.contents
            for i, s in enumerate(slots):
                for j in range(i + 1, len(slots)):
                    t = slots[j]
                    if t.start - s.start > window:
                        break
                    key = (t.start - s.start, t.day - s.day, contents[i], contents[j])
                    found.append((i, j, key))
        return found


def _layout(ctx: BuildContext) -> _Layout:
    layout = ctx.layouts.get(0)
    if not isinstance(layout, _Layout):
        layout = _Layout(ctx)
        ctx.layouts[0] = layout
    return layout


_Groups = list[tuple[tuple[int, ...], tuple[int, ...]]]


class _Table:
    """One rule's conflicts, as far as they have been asked for: the groups of a pair of
    slots by (minutes apart, days apart, contents of the earlier slot, of the later); and,
    to compute them, each session type's roles (first, second) and whether two types
    conflict at a distance, each asked of the rule's predicates once."""

    def __init__(self, spec: PairSpec):
        self.spec = spec
        self.groups: dict[tuple[int, int, int, int], _Groups] = {}
        self.roles: dict[int, tuple[bool, bool]] = {}
        self.conflicts: dict[tuple[int, int, int, int], bool] = {}

    def _roles(self, types: tuple[int, ...], placed: list[Placed]) -> list[tuple[bool, bool]]:
        out = []
        for t, p in zip(types, placed, strict=True):
            role = self.roles.get(t)
            if role is None:
                role = self.roles[t] = (self.spec.first(p.session), self.spec.second(p.session))
            out.append(role)
        return out

    def _conflict(self, a: Placed, ta: int, b: Placed, tb: int, dt: int, dday: int) -> bool:
        """Whether a (the rule's first) and b (its second) conflict; b starts `dt` minutes
        and `dday` days after a (negative: before)."""
        global _table_entries
        key = (ta, tb, dt, dday)
        found = self.conflicts.get(key)
        if found is None:
            found = self.conflicts[key] = self.spec.conflict(a, b)
            _table_entries += 1
        return found

    def compute(self, layout: _Layout, i: int, j: int, key: tuple[int, int, int, int]) -> _Groups:
        """For one pair of slots (`i` earlier): the earlier candidates grouped by the set of
        later candidates each conflicts with (either member may be the rule's first). Only
        candidates that can be a first or a second are paired up: a rule about hard runs
        and hard lifts looks at a handful of the slots' candidates, not at all of them."""
        dt, dday = key[0], key[1]
        here, there = layout.placed[i], layout.placed[j]
        mine, theirs = layout.types[i], layout.types[j]
        my_roles, their_roles = self._roles(mine, here), self._roles(theirs, there)
        firsts = [k for k, r in enumerate(their_roles) if r[0]]
        seconds = [k for k, r in enumerate(their_roles) if r[1]]
        hits: dict[int, set[int]] = {}
        for m, a in enumerate(here):
            first, second = my_roles[m]
            if first:
                for k in seconds:
                    if self._conflict(a, mine[m], there[k], theirs[k], dt, dday):
                        hits.setdefault(m, set()).add(k)
            if second:
                for k in firsts:
                    if self._conflict(there[k], theirs[k], a, mine[m], -dt, -dday):
                        hits.setdefault(m, set()).add(k)
        partners: dict[tuple[int, ...], list[int]] = {}
        for m in sorted(hits):
            partners.setdefault(tuple(sorted(hits[m])), []).append(m)
        return [(tuple(group), later) for later, group in partners.items()]


def _day_names(a: Placed, b: Placed) -> list[str]:
    """The days of a pair, in time order: 'tue', or 'w3 tue' in later weeks."""
    first, second = sorted((a.slot, b.slot), key=lambda s: s.day)
    if first.day == second.day:
        return [first.day_label]
    return [first.day_label, second.day_label]


def _days(a: Placed, b: Placed) -> str:
    return "-".join(_day_names(a, b))


def build_hard(ctx: BuildContext, spec: PairSpec, rule: str | None = None) -> None:
    """Forbid every conflicting pair. When explaining, each pair of days is a requirement
    of its own ("hard_separation.tue-wed"), so a conflict names the days to change."""
    candidates = ctx.candidates
    for firsts, seconds in conflict_groups(ctx, spec):
        literal = None
        if rule is not None and ctx.explain:
            days = _days(candidates[firsts[0]], candidates[seconds[0]])
            literal = ctx.requirement(
                f"{rule}.{days}", rule, f"{spec.summary} ({days})", advice=_allow(spec, days)
            )
        clause = [ctx.any_of(firsts).negated(), ctx.any_of(seconds).negated()]
        ctx.enforce(ctx.model.add_bool_or(clause), literal)


def _allow(spec: PairSpec, days: str) -> Callable[[int | None, Plan], str]:
    """Advice for dropping one pair-of-days requirement: the pairs the relaxed plan needs."""

    def advice(_: int | None, plan: Plan) -> str:
        broken = [
            spec.describe(a, b)
            for a, b in conflicting_pairs(spec, plan.placed)
            if _days(a, b) == days
        ]
        return "allow " + "; ".join(broken) if broken else f"drop it for {days}"

    return advice


def check_hard(rule: str, spec: PairSpec, plan: Plan) -> list[Violation]:
    return [
        Violation(rule=rule, detail=spec.describe(a, b))
        for a, b in conflicting_pairs(spec, plan.placed)
    ]


def build_soft(ctx: BuildContext, rule: str, weight: int, spec: PairSpec) -> None:
    for firsts, seconds in conflict_groups(ctx, spec):
        ctx.penalize(rule, weight, ctx.both(ctx.any_of(firsts), ctx.any_of(seconds)))


def check_soft(rule: str, weight: int, spec: PairSpec, plan: Plan) -> list[Penalty]:
    if not weight:
        return []
    return [
        Penalty(rule=rule, amount=weight, detail=spec.describe(a, b), days=_day_names(a, b))
        for a, b in conflicting_pairs(spec, plan.placed)
    ]


@dataclass(frozen=True)
class PairRule:
    """A rule that is a single PairSpec made from its config: its module's `build` and
    `check` are this object's, so both faces come from one spec. Hard or soft as the config
    says (`cfg.level`: a coach's objection can be either)."""

    rule: str
    spec: Callable[[Any], PairSpec]  # rule config -> spec

    def build(self, ctx: BuildContext, cfg: Any) -> None:
        spec = replace(self.spec(cfg), key=(self.rule, cfg))
        if cfg.level == "soft":
            build_soft(ctx, self.rule, cfg.weight, spec)
        else:
            build_hard(ctx, spec, self.rule)

    def check(self, plan: Plan, cfg: Any) -> list[Violation] | list[Penalty]:
        if cfg.level == "soft":
            return check_soft(self.rule, cfg.weight, self.spec(cfg), plan)
        return check_hard(self.rule, self.spec(cfg), plan)
