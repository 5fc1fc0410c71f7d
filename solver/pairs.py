"""Rules about two sessions at once ("a hard run and a hard lift at least 24 h apart").

A pair rule is a `PairSpec`: which sessions can be the first and the second member and when
two such placed sessions conflict. The same `conflicting_pairs()` runs over the candidates
(to build CP-SAT clauses or penalty literals) and over a plan's placed sessions (to check),
so the two faces of every pair rule are one piece of logic.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from hybridplan.context import BuildContext, SessionPredicate
from hybridplan.models.placement import Placed, Slot
from hybridplan.models.plan import Plan
from hybridplan.models.result import Penalty, Violation
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
    single literal, and one literal pair (or one AND) per group is exact.

    Whether two candidates conflict depends only on their two session types and how far
    apart their slots are (in minutes and in calendar days): the rules measure time
    differences, never the date. So the groups of a pair of slots are computed once per
    (distance, sessions in the first slot, sessions in the second) and reused for every
    other pair of slots alike, week after week."""
    members: dict[Slot, list[Placed]] = {}
    for p in ctx.live():
        members.setdefault(p.slot, []).append(p)
    slots = sorted(members)
    roles: dict[str, tuple[bool, bool]] = {}  # session id -> (can be first, can be second)
    for p in ctx.live():
        if p.session.id not in roles:
            roles[p.session.id] = (spec.first(p.session), spec.second(p.session))
    sides = {
        s: (
            [i for i, p in enumerate(members[s]) if roles[p.session.id][0]],
            [i for i, p in enumerate(members[s]) if roles[p.session.id][1]],
        )
        for s in slots
    }
    ids = {s: tuple(p.session.id for p in members[s]) for s in slots}
    cache = ctx.input.memo.setdefault(("pairs", spec.key), {}) if spec.key is not None else {}
    for i, s in enumerate(slots):
        here = members[s]
        for t in slots[i + 1 :]:
            if t.start - s.start > spec.window_minutes:
                break
            key = (t.start - s.start, t.day - s.day, ids[s], ids[t])
            groups = cache.get(key)
            if groups is None:
                groups = cache[key] = _groups(spec, here, members[t], sides[s], sides[t])
            there = members[t]
            for firsts, seconds in groups:
                yield [here[k] for k in firsts], [there[k] for k in seconds]


_Groups = list[tuple[tuple[int, ...], tuple[int, ...]]]
_Sides = tuple[list[int], list[int]]


def _groups(
    spec: PairSpec, here: list[Placed], there: list[Placed], mine: _Sides, theirs: _Sides
) -> _Groups:
    """For one pair of slots (`here` earlier): the earlier candidates grouped by the set of
    later candidates each conflicts with (either member may be the rule's first). Only
    candidates that can be a first or a second are paired up (`mine`, `theirs`: their
    indices): a rule about hard runs and hard lifts looks at a handful of the slots'
    candidates, not at all of them."""
    hits: dict[int, set[int]] = {}
    for i in mine[0]:
        a = here[i]
        for j in theirs[1]:
            if spec.conflict(a, there[j]):
                hits.setdefault(i, set()).add(j)
    for i in mine[1]:
        a = here[i]
        for j in theirs[0]:
            if spec.conflict(there[j], a):
                hits.setdefault(i, set()).add(j)
    partners: dict[tuple[int, ...], list[int]] = {}
    for i in sorted(hits):
        partners.setdefault(tuple(sorted(hits[i])), []).append(i)
    return [(tuple(firsts), seconds) for seconds, firsts in partners.items()]


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
    for firsts, seconds in grouped_conflicts(ctx, spec):
        literal = None
        if rule is not None:
            days = _days(firsts[0], seconds[0])
            literal = ctx.requirement(
                f"{rule}.{days}", rule, f"{spec.summary} ({days})", advice=_allow(spec, days)
            )
        clause = [ctx.placed_any(firsts).negated(), ctx.placed_any(seconds).negated()]
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
    for firsts, seconds in grouped_conflicts(ctx, spec):
        ctx.penalize(rule, weight, ctx.both(ctx.placed_any(firsts), ctx.placed_any(seconds)))


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
