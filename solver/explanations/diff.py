"""Compare two results: sessions moved, dropped and added, and the penalty per rule."""

from __future__ import annotations

from collections import defaultdict

from hybridplan.models.explanation import Diff, Move, RuleDelta
from hybridplan.models.result import Result
from hybridplan.models.week import DAYS, parse_place_label, place_label


def _day(text: str) -> tuple[int, int]:
    week, day, _ = parse_place_label(text)
    return week, DAYS.index(day)


def diff(before: Result, after: Result) -> Diff:
    """Sessions are matched by id: the same id at the same place is unchanged; leftover
    places of one id pair up, in week order, as moves; the rest were removed or added."""
    places: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for side, result in enumerate((before, after)):
        for s in result.sessions:
            places[s.session][side].append(place_label(s.week, s.day, s.slot))
    moved: list[Move] = []
    removed: list[tuple[str, str]] = []  # (where, session)
    added: list[tuple[str, str]] = []
    unchanged = 0
    for session, (old, new) in places.items():
        same = [w for w in old if w in new]
        unchanged += len(same)
        old_left = [w for w in old if w not in same]
        new_left = [w for w in new if w not in same]
        for a, b in zip(old_left, new_left, strict=False):
            moved.append(Move(session=session, before=a, after=b))
        removed += [(w, session) for w in old_left[len(new_left) :]]
        added += [(w, session) for w in new_left[len(old_left) :]]
    a_rules, b_rules = before.penalty_by_rule(), after.penalty_by_rule()
    deltas = [
        RuleDelta(
            rule=r,
            before=a_rules.get(r, 0),
            after=b_rules.get(r, 0),
            delta=b_rules.get(r, 0) - a_rules.get(r, 0),
        )
        for r in sorted(set(a_rules) | set(b_rules))
        if a_rules.get(r, 0) != b_rules.get(r, 0)
    ]

    return Diff(
        before=f"{before.scenario} ({before.rule_set})",
        after=f"{after.scenario} ({after.rule_set})",
        objective_before=before.objective,
        objective_after=after.objective,
        moved=sorted(moved, key=lambda m: (_day(m.before), m.session)),
        removed=[f"{s} ({w})" for w, s in sorted(removed, key=lambda ws: _day(ws[0]))],
        added=[f"{s} ({w})" for w, s in sorted(added, key=lambda ws: _day(ws[0]))],
        unchanged=unchanged,
        penalties=deltas,
    )
