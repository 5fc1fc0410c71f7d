"""How long a strength session's exercises take, written from the rules as a coach states
them, sharing no code with hybridplan (issue 24: a 7-exercise 45-minute session only fit
with rests under 90 s):

- a rep takes 3 seconds (controlled: about 2 s down, 1 s up), per leg or side or arm when
  the exercise says "(each ...)";
- after a set, the athlete rests the exercise's rest before its next set, and before
  another exercise (the move to it); the two exercises of a superset alternate set by set
  with a minute between them, and neither starts a set before its own rest has passed
  since its previous set;
- main lifts (those resting 2 minutes or more) after the first get ramp-up sets first:
  2 minutes before a lift resting 3 minutes or more (a heavy load), 1 minute before others;
- the work ends with the last set's rest; warm-up and cool-down are the session's steps.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

REP_S = 3
SUPERSET_GAP_S = 60
MAIN_REST_S = 120
HEAVY_REST_S = 180


@dataclass
class Lift:
    """What the time depends on: name (for its sides), sets, reps, rest, superset."""

    name: str
    sets: int
    reps: int
    rest: int
    superset: str | None


def set_seconds(lift: Lift) -> int:
    per = 2 if "(each " in lift.name else 1
    return lift.reps * per * REP_S


def sequence(lifts: list[Lift]) -> list[int]:
    """Sets in the order done: a superset's pair alternately where the first of them
    stands, then what is left of the longer one; other exercises set after set."""
    todo = [lift.sets for lift in lifts]
    out: list[int] = []
    for k, lift in enumerate(lifts):
        if not todo[k]:
            continue
        partners = [
            j
            for j, other in enumerate(lifts)
            if lift.superset is not None and other.superset == lift.superset
        ]
        partners = partners or [k]
        while sum(todo[j] for j in partners):
            for j in partners:
                if todo[j]:
                    out.append(j)
                    todo[j] -= 1
    return out


def own_rests(lifts: list[Lift]) -> dict[int, list[int]]:
    """Per exercise, the seconds between the end of one of its sets and the start of its
    next (what its muscles actually get), from `starts_and_ends`."""
    seen: dict[int, list[tuple[int, int]]] = {}
    for j, begin, finish in starts_and_ends(lifts):
        seen.setdefault(j, []).append((begin, finish))
    return {j: [b2 - f1 for (_, f1), (b2, _) in itertools.pairwise(v)] for j, v in seen.items()}


def starts_and_ends(lifts: list[Lift]) -> list[tuple[int, int, int]]:
    """(exercise, start, end) of every set, in the order done."""
    out: list[tuple[int, int, int]] = []
    own_ready: dict[int, int] = {}  # exercise -> when its own rest is over
    ready = 0  # when the next set may start, after the set before it
    before: int | None = None
    mains = 0
    for j in sequence(lifts):
        lift = lifts[j]
        if before is not None:
            prev = lifts[before]
            together = before != j and prev.superset is not None and prev.superset == lift.superset
            ready = out[-1][2] + (SUPERSET_GAP_S if together else prev.rest)
        begin = max(ready, own_ready.get(j, 0))
        if j not in own_ready and lift.rest >= MAIN_REST_S:
            mains += 1
            if mains > 1:
                begin += 120 if lift.rest >= HEAVY_REST_S else 60
        finish = begin + set_seconds(lift)
        own_ready[j] = finish + lift.rest
        out.append((j, begin, finish))
        before = j
    return out


def work_seconds(lifts: list[Lift]) -> int:
    """Seconds from the first set's start to the end of the last set's rest."""
    sets = starts_and_ends(lifts)
    if not sets:
        return 0
    j, _, finish = sets[-1]
    return finish + lifts[j].rest
