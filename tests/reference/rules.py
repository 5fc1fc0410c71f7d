"""A reference checker of every rule, written from the rule definitions in the docs
(its "Rules" table, "Plans a coach would hand out", "Plans of several weeks and races",
"Scenario files" and "Sessions") and the rule docstrings. It reads a result's JSON contract
(`Result.to_dict()`: the sessions, `input.scenario`, `input.rules`) plus the catalogue file
and imports nothing from hybridplan, so a rule defined wrongly in `solver/` (where both
faces of a rule share one predicate) is caught here rather than confirmed.

    report = check(result_dict)
    report.violations   # hard rule id -> what breaks it
    report.penalties    # soft rule id -> points (only rules that cost something)
    report.breaks       # priced coach objections (their number, not their points)
    report.problems     # the JSON disagrees with the catalogue or the scenario

Conventions (docs, "Scenario files" -> Time): days count from the plan's first Monday
over the whole plan (a session's day is (week - 1) * 7 + weekday); a session starts at its
slot's clock time and ends `minutes` later; hour-based rules measure from the end of one
session to the start of the next; calendar-day rules compare days.

Every figure and detail comes from the documentation (docs/pages/): the rules' rows,
the objections, and the exact figures of a block under "The figures, exactly" in
explanation/blocks.md. Nothing here was read from the package's code, and a test keeps the
two from sharing lines (tests/docs/test_independent_reference.py).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
QUALITY = {"tempo", "intervals", "hills"}
MUSCLES = ["quads", "hamstrings", "glutes", "calves", "chest", "back", "shoulders", "arms", "core"]
DEFAULT_SLOTS = {"am": "06:30", "pm": "18:00"}
# docs "Scenario files": targets' defaults
DEFAULT_TARGETS: dict[str, Any] = {
    "runs": [3, 5], "strength": [2, 3], "long_run": 1, "quality_runs": [0, 2],
}  # fmt: skip
# docs "Plans of several weeks and races"
TAPER_WEEKS = {"5k": 1, "10k": 1, "half": 1, "marathon": 2, "ultra": 2}
RACE_MINUTES = {"5k": 30, "10k": 60, "half": 130, "marathon": 270, "ultra": 360}
LONG_RUN_PEAK = {"5k": 75, "10k": 90, "half": 120, "marathon": 180, "ultra": 210}
# LONG-PEAK floors (docs, "The figures, exactly")
LONG_RUN_FLOOR = {"5k": 60, "10k": 75, "half": 100, "marathon": 150, "ultra": 150}
# Loaded weeks (docs, "The figures, exactly": base, build, peak and off-season)
LOADED = ("base", "build", "peak", "offseason")
RANK = {"easy": 0, "moderate": 1, "hard": 2}

# The docs's rule table: level of each rule ("coach": hard with `hard: true`, else priced)
HARD = (
    "availability", "one_per_slot", "daily_sessions", "weekly_minutes", "run_count",
    "strength_count", "long_run", "quality_runs", "mobility_count", "rest_days",
    "hard_separation", "no_consecutive_hard_days", "legs_before_long_run", "same_day_order",
    "plyo_not_heavy", "phase_limits", "run_progression", "deload", "race_day", "race_week",
    "pinned", "re_ramp",
)  # fmt: skip
COACH = (
    "muscle_recovery", "quality_spacing", "quality_before_long", "lift_after_hard_run",
    "legs_before_key_run", "lift_before_long_run", "long_run_peak", "shortfall",
    "legs_consecutive", "long_run_eve", "after_long_run", "race_taper", "long_share",
    "short_runs", "first_week", "heavy_lifts", "quality_fit",
)  # fmt: skip
SOFT = (
    "set_volume", "run_quality", "run_volume", "long_run_length", "mobility", "preferences",
    "spread", "monotony", "acute_chronic", "race_form", "stability",
)  # fmt: skip
# In force whenever a scenario uses what they govern, with their defaults unless the rule
# set configures them (docs: pins and bans, a previous plan, a race).
AUTOMATIC: dict[str, dict[str, Any]] = {
    "pinned": {}, "race_day": {}, "stability": {"weight": 10},
    "shortfall": {"weight": 100, "hard": False},
    "re_ramp": {"long_percent": 110, "min_minutes": 60, "quality": 1},
}  # fmt: skip


# ------------------------------------------------------------------------------ sessions
@cache
def _catalogue() -> dict[str, dict[str, Any]]:
    raw: dict[str, dict[str, Any]] = yaml.safe_load(
        (ROOT / "models" / "data" / "catalogue.yaml").read_text()
    )
    return raw


def _lengths(minutes: dict[str, int]) -> list[int]:
    return list(range(minutes["min"], minutes["max"] + 1, minutes.get("step", 15)))


def resolve_sessions(sc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Session id -> its fields: the catalogue with the scenario's `sessions` merged field
    by field (an entry, or one length of a ranged entry), ranges written out as
    `<entry>_<minutes>`, and the race as `race_<distance>` (docs "Own sessions",
    "Sessions", "The race")."""
    entries = {k: dict(v) for k, v in _catalogue().items()}
    per_length: dict[str, dict[str, Any]] = {}
    for sid, patch in (sc.get("sessions") or {}).items():
        entry, _, tail = sid.rpartition("_")
        minutes = entries.get(entry, {}).get("minutes")
        if (
            sid not in entries
            and isinstance(minutes, dict)
            and tail.isdigit()
            and (int(tail) in _lengths(minutes))
        ):
            per_length[sid] = dict(patch)
        else:
            entries[sid] = {**entries.get(sid, {}), **patch}
    out: dict[str, dict[str, Any]] = {}
    for entry, fields in entries.items():
        minutes = fields["minutes"]
        if isinstance(minutes, dict):
            for m in _lengths(minutes):
                sid = f"{entry}_{m}"
                out[sid] = {**fields, **per_length.get(sid, {}), "minutes": m, "entry": entry}
        else:
            out[entry] = {**fields, "entry": entry}
    race = sc.get("race")
    if race is not None:
        distance = race.get("distance", "marathon")
        out[f"race_{distance}"] = {
            "kind": "run", "run_type": "race", "intensity": "hard", "entry": f"race_{distance}",
            "minutes": _finish(race.get("finish")) or RACE_MINUTES[distance],
        }  # fmt: skip
    for fields in out.values():
        fields.setdefault("legs", "none")
        fields.setdefault("sets", {})
        fields.setdefault("equipment", "none")
        fields.setdefault("run_type", None)
        fields.setdefault("strength_type", None)
    return out


def _finish(text: str | None) -> int | None:
    """`finish` H:MM:SS (or MM:SS) in minutes, a started minute counted (docs, "The
    figures, exactly": goal times)."""
    if not text:
        return None
    parts = [int(v) for v in text.split(":")]
    hours, minutes, seconds = [0] * (3 - len(parts)) + parts
    return hours * 60 + minutes + (1 if seconds else 0)


def _named(sid: str, fields: dict[str, Any], names: list[str]) -> bool:
    return sid in names or fields["entry"] in names


def on_offer(sc: dict[str, Any], sessions: dict[str, dict[str, Any]]) -> set[str]:
    """The sessions on offer everywhere: `include`, `exclude` and `equipment` applied."""
    include, exclude = sc.get("include"), sc.get("exclude") or []
    return {
        sid
        for sid, f in sessions.items()
        if f["run_type"] != "race"
        and (include is None or _named(sid, f, include))
        and not _named(sid, f, exclude)
        and (sc.get("equipment", "gym") == "gym" or f["equipment"] == "none")
    }


def _range(value: Any) -> tuple[int, int]:
    """A count range as files write it: n, [a, b] or {min, max}."""
    if isinstance(value, dict):
        return value["min"], value["max"]
    if isinstance(value, list | tuple):
        return value[0], value[1]
    return value, value


def _clock(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def _round(value: Fraction, step: int) -> int:
    """To the nearest multiple of `step`, ties to the even multiple (docs, "The figures,
    exactly")."""
    return step * round(value / step)


# ------------------------------------------------------------------------------ the plan
@dataclass(frozen=True)
class Session:
    """A placed session: the result's fields, its catalogue definition, its place in time."""

    id: str
    week: int
    weekday: str
    slot: str
    day: int  # days after the plan's first Monday
    start: int  # minutes after the plan's first Monday 00:00
    minutes: int
    kind: str
    intensity: str
    run_type: str | None
    legs: str
    sets: dict[str, int]
    load: int
    strength_type: str | None
    entry: str

    @property
    def end(self) -> int:
        return self.start + self.minutes

    run = property(lambda self: self.kind == "run")
    strength = property(lambda self: self.kind == "strength")
    mobility = property(lambda self: self.kind == "mobility")
    hard = property(lambda self: self.intensity == "hard")
    hard_run = property(lambda self: self.run and self.hard)
    hard_lift = property(lambda self: self.strength and self.hard)
    quality = property(lambda self: self.run and self.run_type in QUALITY)
    long = property(lambda self: self.run and self.run_type == "long")
    race = property(lambda self: self.run and self.run_type == "race")
    key = property(lambda self: self.quality or self.long)
    plyo = property(lambda self: self.strength_type == "plyometrics")
    heavy_lift = property(lambda self: self.hard_lift and not self.plyo)

    def leg_work(self, level: str) -> bool:
        """docs: leg strength is strength with legs heavy (or, with `legs: any`, also
        light)."""
        return self.strength and (self.legs == "heavy" or (level == "any" and self.legs != "none"))

    @property
    def label(self) -> str:
        week = f"w{self.week} " if self.week > 1 else ""
        return f"{self.id} ({week}{self.weekday} {self.slot})"


def hours_between(a: Session, b: Session) -> float:
    """Hours from the end of the earlier-starting session to the start of the other."""
    first, second = (a, b) if a.start <= b.start else (b, a)
    return (second.start - first.end) / 60


class Setting:
    """What a result's `input` fixes: the scenario, the rule set, the sessions, the slots,
    the phases and each week's targets. The same for every plan of one input."""

    def __init__(self, inp: dict[str, Any]) -> None:
        sc = self.sc = inp["scenario"]
        self.rule_set = inp["rules"]
        self.weeks: int = sc.get("weeks", 1)
        self.slots: dict[str, str] = sc.get("slots") or dict(DEFAULT_SLOTS)
        self.sessions = resolve_sessions(sc)
        self.offered = on_offer(sc, self.sessions)
        self.phases = self._phases()
        self.race = sc.get("race")
        self.race_day = self._race_day()
        self.race_week = None if self.race_day is None else self.race_day // 7 + 1
        # race day's first slot (docs: the race goes in race day's first slot)
        self.race_slot = min(self.slots, key=lambda s: _clock(self.slots[s]))
        self.run_targets = self._run_minutes_targets()
        self.long_bands = self._long_run_bands()
        self.week_targets = {w: self._targets(w) for w in range(1, self.weeks + 1)}
        self.mobility_fits = {w: self._mobility_fits(w) for w in range(1, self.weeks + 1)}

    # -- rules in force --------------------------------------------------------------------
    def rules(self) -> dict[str, dict[str, Any]]:
        """Rule id -> parameters: the resolved set, plus the automatic rules the scenario
        uses (pins or bans, a previous plan, a race, a re-ramped week in the basis)."""
        rules = {rid: p for rid, p in self.rule_set["rules"].items() if p.get("enabled", True)}
        used = {
            "pinned": bool(self.sc.get("fixed") or self.sc.get("forbid")),
            "stability": bool(self.sc.get("previous")),
            "shortfall": bool(self.sc.get("previous")),
            "race_day": self.sc.get("race") is not None,
            "re_ramp": any(b.get("reramped") for b in (self.sc.get("basis") or {}).values()),
        }
        for rid, defaults in AUTOMATIC.items():
            if used[rid] and rid not in rules:
                rules[rid] = dict(defaults)
        return rules

    # -- calendar --------------------------------------------------------------------------
    def free(self, week: int, weekday: str, slot: str) -> int:
        """Free minutes of a slot: the week's calendar (week_availability replaces
        availability), nothing where a block takes it away."""
        calendars = self.sc.get("week_availability") or {}
        calendar = calendars.get(str(week), calendars.get(week, self.sc["availability"]))
        for b in self.sc.get("blocked") or []:
            if b["day"] == weekday and b.get("slot") in (None, slot) and b.get("week") in (
                None, week,
            ):  # fmt: skip
                return 0
        return int((calendar.get(weekday) or {}).get(slot, 0))

    def _race_day(self) -> int | None:
        """docs: race day is race.date, or the plan's last Sunday (days from the first
        Monday; without `start`, the date's weekday in the plan's last week)."""
        race = self.sc.get("race")
        if race is None:
            return None
        if not race.get("date"):
            return self.weeks * 7 - 1
        date = dt.date.fromisoformat(race["date"])
        if self.sc.get("start"):
            return (date - dt.date.fromisoformat(self.sc["start"])).days
        return (self.weeks - 1) * 7 + date.weekday()

    # -- phases and targets ----------------------------------------------------------------
    def _phases(self) -> list[str]:
        """docs "Phases": given, or derived: with a race, base for about 40% of the weeks
        before the peak and taper (docs says "of the weeks"; the code's 2/5 of the weeks
        left after peak and taper, floored, is what the result's phases show), then build,
        2 peak weeks for blocks of 8 weeks or more, then the taper (2 weeks for a marathon
        or ultra, 1 otherwise); without a race the scenario's phase (default build); a
        deload week every `deload_every` weeks of the base and build part (0: none; the code
        also takes 1 as none)."""
        sc = self.sc
        if sc.get("phases"):
            return list(sc["phases"])
        main = sc.get("phase") or "build"
        if self.weeks == 1:
            return [main]
        race = sc.get("race")
        distance = race.get("distance", "marathon") if race else None
        taper = TAPER_WEEKS[distance] if distance else 0
        peak = 2 if distance and self.weeks >= 8 else 0
        body = self.weeks - taper - peak
        base = body * 2 // 5 if distance else 0
        phases = ["base"] * base + [main] * (body - base)
        every = sc.get("deload_every", 4)
        if every > 1:
            phases = ["deload" if (i + 1) % every == 0 else p for i, p in enumerate(phases)]
        return phases + ["peak"] * peak + ["taper"] * taper

    def row(self, week: int) -> dict[str, Any]:
        """The week's phase row: the rule set's table with the scenario's phase_targets
        (field by field). A one-week scenario keeps its own targets: no row."""
        if self.weeks == 1:
            return {}
        phase = self.phases[week - 1]
        row = dict((self.rule_set.get("phases") or {}).get(phase) or {})
        row.update((self.sc.get("phase_targets") or {}).get(phase) or {})
        return {k: v for k, v in row.items() if v is not None}

    def targets(self, week: int) -> dict[str, Any]:
        return self.week_targets[week]

    def _targets(self, week: int) -> dict[str, Any]:
        """The scenario's targets as the week's phase changes them (counts, sets for every
        targeted muscle group), the week's running-minutes target, and no long run in race
        week (the race replaces it)."""
        given = {**DEFAULT_TARGETS, **(self.sc.get("targets") or {})}
        row = self.row(week)
        out: dict[str, Any] = {
            "runs": self._asked(week, "runs", _range(row.get("runs", given["runs"]))),
            "strength": self._asked(
                week, "strength", _range(row.get("strength", given["strength"]))
            ),
            "quality_runs": self._asked(
                week, "quality_runs", _range(row.get("quality_runs", given["quality_runs"]))
            ),
            "long_run": 0 if week == self.race_week else given["long_run"],
            "mobility": None if given.get("mobility") is None else _range(given["mobility"]),
            "run_minutes": self.run_targets[week - 1],
            "sets": {
                m: _range(row.get("sets", value)) for m, value in (given.get("sets") or {}).items()
            },
        }
        return out

    def _asked(self, week: int, field: str, wanted: tuple[int, int]) -> tuple[int, int]:
        """docs (OVER-ASKED): a count the scenario writes in `targets` is a range the rule
        set's phase rows never go over: the row's minimum no higher than the scenario's,
        its maximum no higher than the scenario's; the scenario's own phase_targets are its
        word."""
        written = self.sc.get("targets") or {}
        own = (self.sc.get("phase_targets") or {}).get(self.phases[week - 1]) or {}
        if field not in written or field in own:
            return wanted
        low, high = _range(written[field])
        return min(wanted[0], low), min(wanted[1], high)

    def _run_minutes_targets(self) -> list[int | None]:
        """The targets from the build level, raised (docs, "Volume spread over the
        week") until some week 2-5 weeks before the race has twice the distance's long-run
        floor as a long run can be (15-minute steps: a half's 105): the level times need /
        that week's target, rounded up, plus 5, again until it holds (docs, "The figures,
        exactly": raised running before a race)."""
        base = (self.sc.get("targets") or {}).get("run_minutes")
        targets = self._ramp(base)
        if base is None or self.race is None or self.race_week is None or self.weeks == 1:
            return targets
        window = [w for w in range(self.race_week - 5, self.race_week - 1) if w >= 1]
        floor = LONG_RUN_FLOOR[self.race.get("distance", "marathon")]
        need = 2 * (floor + -floor % 15)  # docs: the floor as a 15-minute long run
        for _ in range(8):
            top = max(((targets[w - 1] or 0) for w in window), default=0)
            if not window or not top or top >= need:
                break
            base = -(-base * need // top) + 5
            targets = self._ramp(base)
        # docs: before a half or longer, the week before race week (a loaded week) at
        # most 90% of the highest target before it, rounded down to 5
        last = self.race_week - 1
        if (
            self.race.get("distance", "marathon") in ("half", "marathon", "ultra")
            and last >= 2
            and self.phases[last - 1] in LOADED
        ):
            highest = max(t or 0 for t in targets[: last - 1])
            targets[last - 1] = min(targets[last - 1] or 0, highest * 90 // 100 // 5 * 5)
        return targets

    def _ramp(self, base: int | None) -> list[int | None]:
        """Docs, Plans of several weeks, "The figures, exactly": the running ramp. Written
        from that definition: anchor points over the loaded weeks' numbers, a straight line
        between them, deload and taper weeks from their neighbours, then the +10% cap."""
        n = self.weeks
        if base is None:
            return [None] * n
        if n == 1:
            return [base]
        phases = self.phases
        level = {w: Fraction(self.row(w + 1).get("run_minutes_pct", 100)) for w in range(n)}
        order = [w for w in range(n) if phases[w] in LOADED]
        xs: list[int] = []
        ys: list[Fraction] = []

        def anchor(x: int, y: Fraction) -> None:
            if not xs or (xs[-1], ys[-1]) != (x, y):
                xs.append(x)
                ys.append(y)

        if order:
            anchor(0, level[order[0]] - 10)
            seen = 0
            for _, run in itertools.groupby(order, key=lambda w: phases[w]):
                seen += len(list(run))
                anchor(seen - 1, level[order[seen - 1]])

        def on_line(x: int) -> Fraction:
            k = bisect.bisect_left(xs, x)
            if k == len(xs):
                return ys[-1]
            if xs[k] == x:
                return ys[k]
            return ys[k - 1] + (ys[k] - ys[k - 1]) * (x - xs[k - 1]) / (xs[k] - xs[k - 1])

        share = {w: on_line(number) for number, w in enumerate(order)}
        top = max(share.values(), default=Fraction(100))
        for w in range(n):
            if w in share:
                continue
            if phases[w] == "deload":
                share[w] = share[w - 1] * 3 / 4 if w else level[w]
            elif self.race_week is None:
                share[w] = level[w]
            else:
                share[w] = top / 2 if w + 1 == self.race_week else top * 3 / 4
        minutes = [_round(base * share[w] / 100, 5) for w in range(n)]
        last: int | None = None  # the nearest earlier week that is not a deload
        for w in range(n):
            if phases[w] == "deload":
                continue
            if last is not None:
                minutes[w] = min(minutes[w], last * 110 // 100 // 5 * 5)
            last = minutes[w]
        return list(minutes)

    def _long_run_bands(self) -> list[tuple[int, int] | None]:
        """docs "How a block builds": before a race the long run ramps from 60% of the
        distance's peak to that peak three weeks before race week, holds it to the taper,
        is 30 min shorter in a deload week, about 65% of the peak in the taper, none in race
        week; without a race it ramps from 90 to 120 min; never longer than the week's
        longest free slot or the longest long run on offer; targets.long_run_minutes sets
        one band for every week instead. (Docs, "The figures, exactly": long-run bands.)"""
        fixed = (self.sc.get("targets") or {}).get("long_run_minutes")
        n = self.weeks
        if fixed is not None:
            band = _range(fixed)
            return [None if w == self.race_week else band for w in range(1, n + 1)]
        longest_long = max(
            (f["minutes"] for sid, f in self.sessions.items()
             if sid in self.offered and f["kind"] == "run" and f["run_type"] == "long"),
            default=0,
        )  # fmt: skip
        longest_slot = [
            max(self._capacity(w, d, s) for d in WEEKDAYS for s in self.slots)
            for w in range(1, n + 1)
        ]
        cap = [min(longest_long, slot) // 15 * 15 for slot in longest_slot]
        if n == 1:
            if self.race_week == 1:
                return [None]
            lo, hi = (90, 120) if self.phases[0] in ("base", "build", "peak") else (60, 90)
            if cap[0] and cap[0] < hi:
                lo, hi = min(lo, cap[0]), cap[0]
            return [(lo, hi)]
        loaded = [w for w in range(1, n + 1) if self.phases[w - 1] in LOADED]
        if self.race is not None and self.race_week is not None:
            peak = LONG_RUN_PEAK[self.race.get("distance", "marathon")]
            start = max(60, _round(Fraction(3, 5) * peak, 15))
            peak_week = max(1, self.race_week - 3)
        else:
            start, peak = 90, 120
            peak_week = loaded[-1] if loaded else n
        rising = [w for w in loaded if w <= peak_week]

        def raw(w: int, before: int) -> int:
            """The week's length before the caps: on the ramp, 30 below the week before
            in a deload, else the peak (held to the taper; the taper is cut below)."""
            if w not in rising:
                return max(60, before - 30) if self.phases[w - 1] == "deload" else peak
            k = rising.index(w)
            part = Fraction(k, len(rising) - 1) if len(rising) > 1 else Fraction(1)
            return _round(start + part * (peak - start), 15)

        def capped(w: int, length: int) -> int:
            """LONG-SHARE (a loaded week: at most half its running target, at least 60)
            and the calendar (the longest slot, when it holds 60 minutes or more)."""
            target = self.run_targets[w - 1]
            limits = [length]
            if self.phases[w - 1] in LOADED and target:
                limits.append(max(60, target // 2 // 15 * 15))
            if cap[w - 1] >= 60:
                limits.append(cap[w - 1])
            return min(limits)

        out: list[tuple[int, int] | None] = [None] * n
        last_loaded = start  # the last week that is not a deload
        for w in range(1, n + 1):
            if w == self.race_week:
                continue
            length = capped(w, raw(w, last_loaded))
            out[w - 1] = (length, length)
            if self.phases[w - 1] != "deload":
                last_loaded = length
        # docs: taper weeks 65% of the longest long run before them, the week before race
        # week at most 80% of it (65% before a marathon or ultra), both rounded down to 15
        if self.race is not None and self.race_week is not None:
            long_race = self.race.get("distance", "marathon") in ("marathon", "ultra")
            for w in range(1, self.race_week):
                band = out[w - 1]
                if band is None:
                    continue
                reached = max((b[0] for b in out[: w - 1] if b), default=band[0])
                value = band[0]
                if self.phases[w - 1] == "taper":
                    value = min(value, max(15, reached * 65 // 100 // 15 * 15))
                if w + 1 == self.race_week:
                    share = 65 if long_race else 80
                    value = min(value, max(15, reached * share // 100 // 15 * 15))
                out[w - 1] = (value, value)
        return out

    def _mobility_fits(self, w: int) -> bool:
        """NO-MOB's "where time allows": some mobility session on offer (or pinned there)
        fits the free minutes of some slot of the week before race day (the week's budget
        is not considered, as in the code)."""
        pins = {(pin.get("week", 1), pin["day"], pin["slot"], pin["session"])
                for pin in self.sc.get("fixed") or []}  # fmt: skip
        for weekday in WEEKDAYS:
            day = (w - 1) * 7 + WEEKDAYS.index(weekday)
            if self.race_day is not None and day >= self.race_day:
                continue
            for slot in self.slots:
                free = self.free(w, weekday, slot)
                for sid, f in self.sessions.items():
                    if (
                        f["kind"] == "mobility"
                        and f["minutes"] <= free
                        and (sid in self.offered or (w, weekday, slot, sid) in pins)
                    ):
                        return True
        return False

    def _capacity(self, week: int, weekday: str, slot: str) -> int:
        """A slot's free minutes as the long-run cap sees them (race day: the race's slot
        holds the race, the others nothing)."""
        day = (week - 1) * 7 + WEEKDAYS.index(weekday)
        if self.race_day is not None and day == self.race_day:
            return 0
        return self.free(week, weekday, slot)


@cache
def _setting(key: str) -> Setting:
    return Setting(json.loads(key))


class Plan:
    """A plan to judge: the setting and its placed sessions, in time order."""

    def __init__(self, setting: Setting, sessions: list[dict[str, Any]]) -> None:
        self.s = setting
        self.problems: list[str] = []
        self.sessions = sorted((self._session(x) for x in sessions), key=lambda x: (x.start, x.id))

    def _session(self, x: dict[str, Any]) -> Session:
        week = x.get("week", 1)
        defined = self.s.sessions.get(x["session"])
        if defined is None:
            self.problems.append(f"{x['session']}: not a session of this scenario")
            defined = {**x, "entry": x["session"], "strength_type": None}
        minutes = defined["minutes"]
        legs = defined["legs"] if defined["kind"] == "strength" else None
        expected = {
            "minutes": minutes, "kind": defined["kind"], "intensity": defined["intensity"],
            "run_type": defined["run_type"], "legs": legs, "sets": defined["sets"] or {},
            "start": self.s.slots.get(x["slot"]),
        }  # fmt: skip
        for name, value in expected.items():
            if x.get(name) != value:
                self.problems.append(f"{x['session']}: {name} {x.get(name)!r}, wanted {value!r}")
        if "rpe" in defined and x["load"] != defined["rpe"] * minutes:
            self.problems.append(f"{x['session']}: load {x['load']}, wanted RPE x minutes")
        day = (week - 1) * 7 + WEEKDAYS.index(x["day"])
        return Session(
            id=x["session"], week=week, weekday=x["day"], slot=x["slot"], day=day,
            start=day * 1440 + _clock(self.s.slots.get(x["slot"], x["start"])),
            minutes=minutes, kind=defined["kind"], intensity=defined["intensity"],
            run_type=defined["run_type"], legs=defined["legs"] or "none",
            sets=dict(defined["sets"] or {}), load=x["load"],
            strength_type=defined["strength_type"], entry=defined["entry"],
        )  # fmt: skip

    def week(self, w: int) -> list[Session]:
        return [x for x in self.sessions if x.week == w]

    def weeks(self) -> range:
        return range(1, self.s.weeks + 1)

    def pairs(self) -> Iterator[tuple[Session, Session]]:
        """Every ordered pair of two different placed sessions."""
        return itertools.permutations(self.sessions, 2)

    def running(self, w: int) -> int:
        """Running minutes of week w, the race aside."""
        return sum(x.minutes for x in self.week(w) if x.run and not x.race)

    def training(self, w: int) -> int:
        """Training minutes of week w (the race does not count)."""
        return sum(x.minutes for x in self.week(w) if not x.race)

    def longest_long(self, w: int) -> int:
        """The week's long run in minutes (the longest, if there are two; 0 if none)."""
        return max((x.minutes for x in self.week(w) if x.long), default=0)

    def compared(self, w: int, figure: str) -> int:
        """Week w's figure ("run_minutes", "minutes" or "long_run") as a later week is
        compared with it: a week closed by a log import is compared by the scenario's
        `basis` for it (docs: scenario files, basis), any other week by its sessions."""
        basis = self.s.sc.get("basis") or {}
        logged = basis.get(str(w), basis.get(w))
        if logged is not None:
            return int(logged.get(figure, 0))
        if figure == "run_minutes":
            return self.running(w)
        if figure == "long_run":
            return self.longest_long(w)
        return self.training(w)

    def day_loads(self, w: int) -> list[int]:
        loads = [0] * 7
        for x in self.week(w):
            loads[WEEKDAYS.index(x.weekday)] += x.load
        return loads


# A rule's findings: (units, what); a hard rule is broken by any finding, a soft rule costs
# weight x units per finding.
Findings = list[tuple[int, str]]
P = dict[str, Any]


# ------------------------------------------------------------------------------ hard rules
def availability(plan: Plan, p: P) -> Findings:
    """Sessions only in available slots, and no longer than the slot's free minutes. (The
    race overrides the calendar on race day: docs "The race".)"""
    out = []
    for x in plan.sessions:
        if x.race and x.day == plan.s.race_day and x.slot == plan.s.race_slot:
            continue
        free = plan.s.free(x.week, x.weekday, x.slot)
        if x.minutes > free:
            out.append((1, f"{x.label}: {x.minutes} min in a slot with {free} free"))
    return out


def one_per_slot(plan: Plan, p: P) -> Findings:
    """One session at a time: at most one per slot, and none overlapping in time."""
    per_slot = Counter((x.day, x.slot) for x in plan.sessions)
    out = [(1, f"day {d} {s}: {n} sessions") for (d, s), n in per_slot.items() if n > 1]
    out += [
        (1, f"{a.label} and {b.label} overlap")
        for a, b in itertools.combinations(plan.sessions, 2)
        if (a.day, a.slot) != (b.day, b.slot) and a.start < b.end and b.start < a.end
    ]
    return out


def daily_sessions(plan: Plan, p: P) -> Findings:
    """At most `max_per_day` sessions on a day, of which at most `max_runs` runs and
    `max_strength` strength sessions."""
    out = []
    days: dict[int, list[Session]] = defaultdict(list)
    for x in plan.sessions:
        days[x.day].append(x)
    for day, here in days.items():
        for what, n, limit in (
            ("sessions", len(here), p["max_per_day"]),
            ("runs", sum(x.run for x in here), p["max_runs"]),
            ("strength sessions", sum(x.strength for x in here), p["max_strength"]),
        ):
            if n > limit:
                out.append((1, f"day {day}: {n} {what}; at most {limit}"))
    return out


def weekly_minutes(plan: Plan, p: P) -> Findings:
    """Total minutes of the week within the scenario's `weekly_minutes` budget (the race
    does not count)."""
    budget = plan.s.sc.get("weekly_minutes")
    if budget is None:
        return []
    return [
        (1, f"w{w}: {plan.training(w)} min; budget {budget}")
        for w in plan.weeks()
        if plan.training(w) > budget
    ]


def _count_rule(plan: Plan, field: str, counted: Callable[[Session], bool]) -> Findings:
    """A count outside its range; below the minimum is no violation while the shortfall
    rule prices it (docs: replanning, "the maximums stay hard")."""
    out = []
    for w, lo, hi, n in _counts(plan, field, counted):
        if n > hi or (n < lo and not _shortfall_priced(plan)):
            out.append((1, f"w{w}: {n} for targets.{field} {lo}-{hi}"))
    return out


def _counts(
    plan: Plan, field: str, counted: Callable[[Session], bool]
) -> Iterator[tuple[int, int, int, int]]:
    """(week, min, max, count) of each week whose targets set `field`."""
    for w in plan.weeks():
        wanted = plan.s.targets(w)[field]
        if wanted is None:
            continue
        lo, hi = (wanted, wanted) if isinstance(wanted, int) else wanted
        yield w, lo, hi, sum(1 for x in plan.week(w) if counted(x))


def _shortfall_priced(plan: Plan) -> bool:
    """docs: with a previous plan, `shortfall` is in force and prices the minimums, unless
    configured `hard: true` (or switched off)."""
    params = plan.s.rules().get("shortfall")
    return params is not None and not params.get("hard")


# docs: the counts whose minimums the shortfall prices, by rule and target field
COUNTED: dict[str, tuple[str, Callable[[Session], bool]]] = {
    "run_count": ("runs", lambda x: x.run),
    "strength_count": ("strength", lambda x: x.strength),
    "long_run": ("long_run", lambda x: x.long),
    "quality_runs": ("quality_runs", lambda x: x.quality),
    "mobility_count": ("mobility", lambda x: x.mobility),
}


def shortfall(plan: Plan, p: P) -> Findings:
    """Replanning: one unit per session short of each count rule's minimum (of the rules in
    force), per week; nothing while `hard: true` keeps the minimums hard."""
    if p.get("hard"):
        return []
    rules = plan.s.rules()
    out = []
    for rid, (target, counted) in COUNTED.items():
        if rid not in rules:
            continue
        for w, lo, _, n in _counts(plan, target, counted):
            if n < lo:
                out.append((lo - n, f"w{w}: {n} for targets.{target}, minimum {lo}"))
    return out


def run_count(plan: Plan, p: P) -> Findings:
    """Number of runs within `targets.runs` (the race counts as a run of its week)."""
    return _count_rule(plan, "runs", lambda x: x.run)


def strength_count(plan: Plan, p: P) -> Findings:
    """Number of strength sessions within `targets.strength`."""
    return _count_rule(plan, "strength", lambda x: x.strength)


def long_run(plan: Plan, p: P) -> Findings:
    """Exactly `targets.long_run` long runs (none in race week)."""
    return _count_rule(plan, "long_run", lambda x: x.long)


def quality_runs(plan: Plan, p: P) -> Findings:
    """Number of quality runs (tempo, intervals, hills) within `targets.quality_runs`."""
    return _count_rule(plan, "quality_runs", lambda x: x.quality)


def mobility_count(plan: Plan, p: P) -> Findings:
    """Number of mobility sessions within `targets.mobility` (when the scenario sets it)."""
    return _count_rule(plan, "mobility", lambda x: x.mobility)


def rest_days(plan: Plan, p: P) -> Findings:
    """At least `min_days` days with no session; the scenario's named rest days stay empty
    (`keep_named`); with `mobility_ok` mobility does not break a rest day; the race
    overrides a named rest day."""

    def breaks_rest(x: Session) -> bool:
        return not (p["mobility_ok"] and x.mobility)

    named = set((plan.s.sc.get("preferences") or {}).get("rest_days") or [])
    out = []
    if p["keep_named"]:
        out += [
            (1, f"{x.label} on a named rest day")
            for x in plan.sessions
            if x.weekday in named and breaks_rest(x) and not x.race
        ]
    for w in plan.weeks():
        busy = {x.day for x in plan.week(w) if breaks_rest(x)}
        if 7 - len(busy) < p["min_days"]:
            out.append((1, f"w{w}: {7 - len(busy)} rest days; wanted {p['min_days']}"))
    return out


def hard_separation(plan: Plan, p: P) -> Findings:
    """A hard run and a hard strength session at least `hours` apart (end of one to the
    start of the other, either order)."""
    return [
        (1, f"{a.label} and {b.label}: {hours_between(a, b):.1f} h apart")
        for a, b in plan.pairs()
        if a.hard_run and b.hard_lift and hours_between(a, b) < p["hours"]
    ]


def no_consecutive_hard_days(plan: Plan, p: P) -> Findings:
    """No two calendar days in a row with a hard session (the long run counts as hard with
    `include_long_run`). One finding per pair of such sessions."""

    def hard(x: Session) -> bool:
        return x.hard or (p["include_long_run"] and x.long)

    return [
        (1, f"{a.label} and {b.label}: hard on consecutive days")
        for a, b in plan.pairs()
        if hard(a) and hard(b) and b.day - a.day == 1
    ]


def legs_before_long_run(plan: Plan, p: P) -> Findings:
    """No leg strength (heavy, or any with `legs: any`) within `hours` before the long run:
    ending less than `hours` before it starts."""
    return [
        (1, f"{a.label} ends {(b.start - a.end) / 60:.1f} h before {b.label}")
        for a, b in plan.pairs()
        if a.leg_work(p["legs"]) and b.long and a.start < b.start
        and (b.start - a.end) / 60 < p["hours"]
    ]  # fmt: skip


def same_day_order(plan: Plan, p: P) -> Findings:
    """A run and a lift on one day: in this `order` (run_first, lift_first or any), at
    least `min_gap_hours` apart."""
    out = []
    for run, lift in plan.pairs():
        if not (run.run and lift.strength and run.day == lift.day):
            continue
        wrong = (p["order"] == "run_first" and not run.start < lift.start) or (
            p["order"] == "lift_first" and not lift.start < run.start
        )
        if wrong or hours_between(run, lift) < p["min_gap_hours"]:
            out.append((1, f"{run.label} and {lift.label}: {p['order']}, "
                        f"{p['min_gap_hours']} h"))  # fmt: skip
    return out


def plyo_not_heavy(plan: Plan, p: P) -> Findings:
    """No plyometrics on a day with heavy lifting (hard strength other than plyometrics)."""
    return [
        (1, f"{a.label} on the day of {b.label}")
        for a, b in plan.pairs()
        if a.plyo and b.heavy_lift and a.day == b.day
    ]


def phase_limits(plan: Plan, p: P) -> Findings:
    """No strength session harder than the week's phase allows (`max_strength_intensity`
    in the phase table; a one-week scenario keeps its own targets)."""
    out = []
    for x in plan.sessions:
        limit = plan.s.row(x.week).get("max_strength_intensity")
        if limit is not None and x.strength and RANK[x.intensity] > RANK[limit]:
            out.append((1, f"{x.label}: above {limit} in a {plan.s.phases[x.week - 1]} week"))
    return out


def run_progression(plan: Plan, p: P) -> Findings:
    """Weekly running minutes (the race aside) rise by at most `percent` % week over week;
    after a deload week, RETURN: at most `percent` % above the last loaded week (docs, "The
    figures, exactly": the last week before the deloads that is not a deload)."""
    out = []
    phases = plan.s.phases
    for w in plan.weeks():
        ref = w - 1
        if phases[w - 1] != "deload":
            while ref >= 1 and phases[ref - 1] == "deload":
                ref -= 1
        if ref < 1:
            continue
        before = plan.compared(ref, "run_minutes")
        if 100 * plan.running(w) > (100 + p["percent"]) * before:
            out.append((1, f"w{w}: {plan.running(w)} after {before} in w{ref}"))
    return out


def deload(plan: Plan, p: P) -> Findings:
    """A deload week is lighter than the week before: training minutes at least
    `cut_percent` % lower, running minutes at least `run_cut_percent` % lower, and a
    shorter long run (when both weeks want one)."""
    out = []
    for w in plan.weeks():
        if w == 1 or plan.s.phases[w - 1] != "deload":
            continue
        for what, now, before, cut in (
            ("minutes", plan.training(w), plan.compared(w - 1, "minutes"), p["cut_percent"]),
            ("running", plan.running(w), plan.compared(w - 1, "run_minutes"), p["run_cut_percent"]),
        ):
            if 100 * now > (100 - cut) * before:
                out.append((1, f"deload w{w}: {what} {now} after {before}"))
        if plan.s.targets(w)["long_run"] and plan.s.targets(w - 1)["long_run"]:
            now, before = plan.longest_long(w), plan.compared(w - 1, "long_run")
            if not now < before:
                out.append((1, f"deload w{w}: long run {now} after {before}"))
    return out


def re_ramp(plan: Plan, p: P) -> Findings:
    """The week after each re-ramped week of the basis (a gap of more than 7 days), race
    week aside: at most `quality` quality runs, and its longest long run no longer than
    `long_percent` % of the re-ramped week's basis long run or `min_minutes`, whichever is
    more."""
    basis = plan.s.sc.get("basis") or {}
    out = []
    for key, figures in basis.items():
        after = int(key) + 1
        if not figures.get("reramped") or after > plan.s.weeks or after == plan.s.race_week:
            continue
        allowed = max(Fraction(p["long_percent"] * figures.get("long_run", 0), 100),
                      p["min_minutes"])  # fmt: skip
        if plan.longest_long(after) > allowed:
            out.append((1, f"w{after}: long run {plan.longest_long(after)} above {allowed}"))
        quality = [x for x in plan.week(after) if x.quality]
        if len(quality) > p["quality"]:
            out.append((1, f"w{after}: {len(quality)} quality runs after a gap"))
    return out


def race_day(plan: Plan, p: P) -> Findings:
    """The race is on race day, alone, in the day's first slot, and nothing follows it."""
    day = plan.s.race_day
    if day is None:
        return []
    races = [x for x in plan.sessions if x.race]
    out = []
    if [(x.day, x.slot) for x in races] != [(day, plan.s.race_slot)]:
        out.append((1, "the race is not (only) in race day's first slot"))
    out += [(1, f"{x.label} on or after race day") for x in plan.sessions
            if not x.race and x.day >= day]  # fmt: skip
    return out


def race_week(plan: Plan, p: P) -> Findings:
    """Before the race: no long run in the `long_run_days` days, no hard or heavy-leg
    lifting in the `lift_days` days (`long_lift_days` for a marathon or ultra), no quality
    run in the `quality_days` days, nothing but a short easy run (at most `eve_minutes`) or
    mobility the day before; race week's running minutes, the race aside, at most
    `taper_percent` % of the highest week's (the other weeks': a one-week plan has none to
    compare with). "Easy run": a run of easy intensity (docs: easy runs and strides)."""
    day = plan.s.race_day
    if day is None:
        return []
    distance = (plan.s.race or {}).get("distance", "marathon")
    lift_days = p["long_lift_days"] if distance in ("marathon", "ultra") else p["lift_days"]
    out = []
    for x in plan.sessions:
        before = day - x.day
        if x.race or before < 1:
            continue
        if x.long and before <= p["long_run_days"]:
            out.append((1, f"{x.label}: long run {before} days before the race"))
        if (x.hard_lift or x.leg_work("heavy")) and before <= lift_days:
            out.append((1, f"{x.label}: hard or heavy-leg lift {before} days before the race"))
        if x.quality and before <= p["quality_days"]:
            out.append((1, f"{x.label}: quality run {before} days before the race"))
        short_easy = x.run and x.intensity == "easy" and x.minutes <= p["eve_minutes"]
        if before == 1 and not (short_easy or x.mobility):
            out.append((1, f"{x.label}: the day before the race"))
    others = [w for w in plan.weeks() if w != plan.s.race_week]
    if others and plan.s.race_week is not None:
        top = max(plan.running(w) for w in others)
        ran = plan.running(plan.s.race_week)
        if 100 * ran > p["taper_percent"] * top:
            out.append((1, f"race week: {ran} running minutes, highest week {top}"))
    return out


def pinned(plan: Plan, p: P) -> Findings:
    """Pinned sessions (`fixed`, week 1 unless given) stay in their slots; forbidden ones
    (`forbid`: an entry, i.e. every length, or one length; a slot or the whole day; a
    week or every week) stay out."""
    placed = {(x.week, x.weekday, x.slot, x.id) for x in plan.sessions}
    out = [
        (1, f"{pin['session']} pinned to {pin['day']} {pin['slot']} is not there")
        for pin in plan.s.sc.get("fixed") or []
        if (pin.get("week", 1), pin["day"], pin["slot"], pin["session"]) not in placed
    ]
    out += [
        (1, f"{x.label} is forbidden there")
        for x in plan.sessions
        for ban in plan.s.sc.get("forbid") or []
        if ban["session"] in (x.id, x.entry) and ban["day"] == x.weekday
        and ban.get("slot") in (None, x.slot) and ban.get("week") in (None, x.week)
    ]  # fmt: skip
    return out


# ------------------------------------------------------------------------------ coach rules
def muscle_recovery(plan: Plan, p: P) -> Findings:
    """MUSCLE: a muscle group trained with `min_sets` sets or more is not trained with that
    many again within `hours` (end of one session to the start of the next), whatever the
    sessions are rated. One finding per pair of sessions (docs: `weight` points each)."""
    out = []
    for a, b in itertools.combinations(plan.sessions, 2):
        shared = [
            m
            for m in MUSCLES
            if a.sets.get(m, 0) >= p["min_sets"] and b.sets.get(m, 0) >= p["min_sets"]
        ]
        if shared and hours_between(a, b) < p["hours"]:
            out.append((1, f"{a.label} and {b.label}: {', '.join(shared)}"))
    return out


def quality_spacing(plan: Plan, p: P) -> Findings:
    """QQ: no two quality runs on consecutive calendar days."""
    return [
        (1, f"{a.label} and {b.label}")
        for a, b in plan.pairs()
        if a.quality and b.quality and b.day - a.day == 1
    ]


def quality_before_long(plan: Plan, p: P) -> Findings:
    """Q>LONG: no quality run on the calendar day before the long run."""
    return [
        (1, f"{a.label} the day before {b.label}")
        for a, b in plan.pairs()
        if a.quality and b.long and b.day - a.day == 1
    ]


def lift_after_hard_run(plan: Plan, p: P) -> Findings:
    """RUN>LIFT: no hard lift on the calendar day after a hard run."""
    return [
        (1, f"{b.label} the day after {a.label}")
        for a, b in plan.pairs()
        if a.hard_run and b.hard_lift and b.day - a.day == 1
    ]


def legs_before_key_run(plan: Plan, p: P) -> Findings:
    """LEGS>KEY: no heavy-leg lift (any leg work with `legs: any`) on the calendar day
    before a key run (a quality run or the long run)."""
    return [
        (1, f"{a.label} the day before {b.label}")
        for a, b in plan.pairs()
        if a.leg_work(p["legs"]) and b.key and b.day - a.day == 1
    ]


def lift_before_long_run(plan: Plan, p: P) -> Findings:
    """LIFT<LONG: no lift earlier the same day than the long run."""
    return [
        (1, f"{a.label} before {b.label}")
        for a, b in plan.pairs()
        if a.strength and b.long and a.day == b.day and a.start < b.start
    ]


def long_run_peak(plan: Plan, p: P) -> Findings:
    """LONG-PEAK: before a race, the longest long run falls 2-5 weeks before race week and
    is long enough for the distance: a finding if no long run in that window is long
    enough, and one per week outside it (before race week) whose long run is longer than
    the window's longest. Only for plans with weeks in the window."""
    race_wk = plan.s.race_week
    if plan.s.race is None or race_wk is None:
        return []
    inside = [w for w in range(race_wk - 5, race_wk - 1) if w >= 1]
    if not inside:
        return []
    floor = LONG_RUN_FLOOR[plan.s.race.get("distance", "marathon")]
    peak = max(plan.longest_long(w) for w in inside)
    out = [(1, f"peak long run {peak} min; wanted {floor}+")] if peak < floor else []
    out += [
        (1, f"w{w}: long run {plan.longest_long(w)} min above the peak {peak}")
        for w in range(1, race_wk)
        if w not in inside and plan.longest_long(w) > peak
    ]
    return out


# ------------------------------------------------------------ coach rules: inside the week
def _leg_lift(x: Session) -> bool:
    """docs: a leg lift is any strength session with quads, hamstrings or glutes sets."""
    return x.strength and any(x.sets.get(m, 0) > 0 for m in ("quads", "hamstrings", "glutes"))


def legs_consecutive(plan: Plan, p: P) -> Findings:
    """LEGS-CONSEC: no leg lifts on two consecutive calendar days."""
    return [
        (1, f"{a.label} and {b.label}")
        for a, b in plan.pairs()
        if _leg_lift(a) and _leg_lift(b) and b.day - a.day == 1
    ]


def long_run_eve(plan: Plan, p: P) -> Findings:
    """LEGS>LONG: no leg lift the calendar day before the long run."""
    return [
        (1, f"{a.label} the day before {b.label}")
        for a, b in plan.pairs()
        if _leg_lift(a) and b.long and b.day - a.day == 1
    ]


def after_long_run(plan: Plan, p: P) -> Findings:
    """LONG>HARD: the day after the long run, no quality run; after a long run of
    `long_minutes` or more, no heavy-leg lift either."""
    return [
        (1, f"{b.label} the day after {a.label}")
        for a, b in plan.pairs()
        if a.long and b.day - a.day == 1
        and (b.quality or (b.leg_work("heavy") and a.minutes >= p["long_minutes"]))
    ]  # fmt: skip


def race_taper(plan: Plan, p: P) -> Findings:
    """RACE-LEGS, RACE-EASY, TAPER-LONG, TAPER-WEEK, RACE-SHARPEN (docs): each leg lift in
    the `legs_days` days before a 5k-half (`long_legs_days`: marathon, ultra), each run of
    `easy_minutes`+ in the `easy_days` days before the race, the long run of the week
    before race week above `long_percent` (`marathon_long_percent`) % of the longest before
    it, that week's running (half or longer) above `week_percent` % of the highest before
    it, and each quality run in race week before the race longer than `sharpen_minutes`
    where the scenario offers one that short."""
    day = plan.s.race_day
    if day is None:
        return []
    long_race = plan.s.race.get("distance", "marathon") in ("marathon", "ultra")
    legs = p["long_legs_days"] if long_race else p["legs_days"]
    out = []
    for x in plan.sessions:
        before = day - x.day
        if before < 1:
            continue
        if _leg_lift(x) and before <= legs:
            out.append((1, f"{x.label}: leg lift {before} day(s) before the race"))
        if x.run and x.minutes >= p["easy_minutes"] and before <= p["easy_days"]:
            out.append((1, f"{x.label}: {x.minutes} min {before} day(s) before the race"))
    week = plan.s.race_week
    # RACE-SHARPEN: a race-week quality run (before the race) above `sharpen_minutes`,
    # when a quality session that short is on offer
    short = any(
        f["kind"] == "run" and f.get("run_type") in QUALITY and f["minutes"] <= p["sharpen_minutes"]
        for sid, f in plan.s.sessions.items() if sid in plan.s.offered
    )  # fmt: skip
    for x in plan.sessions:
        if (
            short
            and x.quality
            and x.week == week
            and x.day < day
            and (x.minutes > p["sharpen_minutes"])
        ):
            out.append((1, f"{x.label}: {x.minutes}-min quality run in race week"))
    if week is not None and week >= 3:
        longest = [sum(x.minutes for x in plan.week(w) if x.long) for w in range(1, week)]
        share = p["marathon_long_percent"] if long_race else p["long_percent"]
        if longest[-1] * 100 > share * max(longest[:-1]):
            out.append((1, f"w{week - 1}: long run {longest[-1]} of a {max(longest[:-1])} peak"))
        # TAPER-WEEK: before a half or longer, the week before race week's running
        if plan.s.race.get("distance", "marathon") in ("half", "marathon", "ultra"):
            ran = [plan.running(w) for w in range(1, week)]
            if ran[-1] * 100 > p["week_percent"] * max(ran[:-1]):
                out.append((1, f"w{week - 1}: running {ran[-1]} of a {max(ran[:-1])} peak"))
    return out


def long_share(plan: Plan, p: P) -> Findings:
    """LONG-SHARE: in a loaded week the long run at most `percent` % of the running."""
    return [
        (1, f"w{w}: long run above {p['percent']}%")
        for w in plan.weeks()
        if plan.s.phases[w - 1] in ("base", "build", "peak")
        and sum(x.minutes for x in plan.week(w) if x.long) * 100 > p["percent"] * plan.running(w)
    ]  # fmt: skip


def short_runs(plan: Plan, p: P) -> Findings:
    """PAD: a loaded week with two or more runs of `minutes` or less (the race aside)."""
    return [
        (1, f"w{w}: runs of {p['minutes']} min or less")
        for w in plan.weeks()
        if plan.s.phases[w - 1] in ("base", "build", "peak")
        and sum(x.run and not x.race and x.minutes <= p["minutes"] for x in plan.week(w)) >= 2
    ]  # fmt: skip


def first_week(plan: Plan, p: P) -> Findings:
    """FIRST-WEEK: the first week's load (the race aside) above `percent` % of the mean of
    the scenario's history."""
    history = plan.s.sc.get("history") or []
    load = sum(x.load for x in plan.week(1) if not x.race)
    if history and load * len(history) * 100 > p["percent"] * sum(history):
        return [(1, f"first week's load {load}")]
    return []


def heavy_lifts(plan: Plan, p: P) -> Findings:
    """NO-HEAVY (docs): an athlete with a gym, more than one quality run a week allowed,
    a loaded week whose targets allow a lift and whose calendar holds a heavy key lift on
    offer (hard, heavy legs, not hypertrophy, not plyometrics): no such lift in the plan is
    one finding."""
    s = plan.s
    quality_max = _range({**DEFAULT_TARGETS, **(s.sc.get("targets") or {})}["quality_runs"])[1]
    heavy = [
        f for sid, f in s.sessions.items()
        if sid in s.offered and f["kind"] == "strength" and f["intensity"] == "hard"
        and f["legs"] == "heavy" and not f.get("hypertrophy")
        and f["strength_type"] != "plyometrics"
    ]  # fmt: skip
    if s.sc.get("equipment", "gym") != "gym" or quality_max < 2 or not heavy:
        return []
    shortest = min(f["minutes"] for f in heavy)
    room = any(
        s.phases[w - 1] in LOADED and s.targets(w)["strength"][1] >= 1
        and any(s.free(w, d, slot) >= shortest and not _race_slot_day(s, w, d)
                for d in WEEKDAYS for slot in s.slots)
        for w in plan.weeks()
    )  # fmt: skip
    done = any(
        x.hard_lift and x.legs == "heavy" and not x.plyo
        and not s.sessions.get(x.id, {}).get("hypertrophy")
        for x in plan.sessions
    )  # fmt: skip
    return [(1, "no heavy key lift")] if room and not done else []


def _race_slot_day(s: Setting, week: int, weekday: str) -> bool:
    return s.race_day is not None and (week - 1) * 7 + WEEKDAYS.index(weekday) == s.race_day


# docs, the quality menu (QUALITY-FIT): by distance group and phase
MENU: dict[str, dict[str, set[str]]] = {
    "short": {"base": {"hills", "tempo"}, "build": {"hills", "intervals", "tempo"},
              "peak": {"intervals", "tempo"}, "taper": {"intervals", "tempo"},
              "deload": {"hills", "tempo"}},
    "half": {"base": {"hills", "tempo"}, "build": {"hills", "intervals", "tempo"},
             "peak": {"intervals", "tempo"}, "taper": {"tempo"}, "deload": {"hills", "tempo"}},
    "long": {"base": {"hills", "tempo"}, "build": {"hills", "intervals", "tempo"},
             "peak": {"tempo"}, "taper": {"tempo"}, "deload": {"hills", "tempo"}},
    "beginner": {"base": {"hills"}, "build": {"hills", "tempo"}, "peak": {"hills", "tempo"},
                 "taper": {"hills"}, "deload": {"hills"}},
    "beginner-short": {"base": {"hills"}, "build": {"hills", "intervals"},
                       "peak": {"hills", "intervals"}, "taper": {"hills"},
                       "deload": {"hills"}},
}  # fmt: skip


def _week_menu(s: Setting, week: int, quality_max: int) -> set[str]:
    """The docs's quality menu of a week of a race plan of 2+ weeks (empty: any type)."""
    if s.race is None or s.weeks < 2:
        return set()
    distance = s.race.get("distance", "marathon")
    short = distance in ("5k", "10k")
    if quality_max <= 1:
        group = "beginner-short" if short else "beginner"
    else:
        group = "short" if short else "half" if distance == "half" else "long"
    return MENU[group].get(s.phases[week - 1], set())


def quality_fit(plan: Plan, p: P) -> Findings:
    """QUALITY-FIT (docs): a 5k/10k race plan of 2+ weeks with intervals on offer and
    quality runs allowed has an intervals session; a beginner's tempo or intervals run
    comes after a hills run of an earlier week; with 2+ quality types on offer, each
    `streak` consecutive weeks whose quality runs are all one type is a finding."""
    s = plan.s
    types = {
        f["run_type"] for sid, f in s.sessions.items()
        if sid in s.offered and f["kind"] == "run" and f["run_type"] in QUALITY
    }  # fmt: skip
    out = []
    quality_max = _range({**DEFAULT_TARGETS, **(s.sc.get("targets") or {})}["quality_runs"])[1]
    if (s.race is not None and s.race.get("distance") in ("5k", "10k") and s.weeks >= 2
            and "intervals" in types and quality_max >= 1
            and not any(x.run and x.run_type == "intervals" for x in plan.sessions)):  # fmt: skip
        out.append((1, "no intervals"))
    for x in plan.sessions:
        allowed = _week_menu(s, x.week, quality_max)
        if x.quality and allowed & types and x.run_type not in allowed:
            out.append((1, f"{x.label}: off the menu"))
    # a beginner's tempo or intervals (on its menu) in a week no hills run precedes, once an
    # earlier week had room for hills (a slot holding the shortest one, race day aside)
    hills = [
        f["minutes"] for sid, f in s.sessions.items()
        if sid in s.offered and f["kind"] == "run" and f["run_type"] == "hills"
    ]  # fmt: skip
    if s.race is not None and s.weeks >= 2 and quality_max <= 1 and hills:
        room = [
            w for w in plan.weeks() for d in WEEKDAYS for slot in s.slots
            if s.free(w, d, slot) >= min(hills) and not _race_slot_day(s, w, d)
        ]  # fmt: skip
        first_hills = min((x.week for x in plan.sessions if x.run_type == "hills"), default=None)
        for x in plan.sessions:
            allowed = _week_menu(s, x.week, quality_max)
            on_menu = not (allowed & types) or x.run_type in allowed
            if (x.quality and x.run_type in ("tempo", "intervals") and on_menu and room
                    and x.week > min(room)
                    and (first_hills is None or first_hills >= x.week)):  # fmt: skip
                out.append((1, f"{x.label}: before any hills run"))
    if len(types) >= 2:
        kinds = [{x.run_type for x in plan.week(w) if x.quality} for w in plan.weeks()]
        n = p["streak"]
        single = [len(_week_menu(s, w, quality_max) & types) == 1 for w in plan.weeks()]
        for i in range(len(kinds) - n + 1):
            if any(single[i : i + n]):  # docs: a one-type menu asks for that type
                continue
            window = kinds[i : i + n]
            if all(len(k) == 1 for k in window) and len(set.union(*window)) == 1:
                out.append((1, f"w{i + 1}-w{i + n}: one quality type"))
    return out


# ------------------------------------------------------------------------------ soft rules
def set_volume(plan: Plan, p: P) -> Findings:
    """Weekly sets per muscle group inside `targets.sets` (the phase's row in a block):
    `weight` per set outside."""
    out = []
    for w in plan.weeks():
        for muscle, (lo, hi) in plan.s.targets(w)["sets"].items():
            total = sum(x.sets.get(muscle, 0) for x in plan.week(w))
            miss = max(lo - total, total - hi, 0)
            if miss:
                out.append((miss, f"w{w} {muscle}: {total} sets for {lo}-{hi}"))
    return out


def _endorsed(lift: Session, run: Session) -> bool:
    """docs: a moderate lift earlier the same day as a quality run is endorsed (001, 004):
    no rule prices it ("moderate": any lift that is not hard)."""
    return (
        lift.strength
        and not lift.hard
        and run.quality
        and lift.day == run.day
        and (lift.start < run.start)
    )


def run_quality(plan: Plan, p: P) -> Findings:
    """A quality or long run after hard or leg strength (within `hours`, or earlier the same
    day) loses `weight` points per such pair; the endorsed moderate lift before a quality
    run costs nothing."""
    return [
        (1, f"{a.label} before {b.label}")
        for a, b in plan.pairs()
        if (a.hard_lift or a.leg_work(p["legs"])) and b.key and a.start < b.start
        and (a.day == b.day or (b.start - a.end) / 60 < p["hours"])
        and not _endorsed(a, b)
    ]  # fmt: skip


def run_volume(plan: Plan, p: P) -> Findings:
    """Running minutes (the race aside) short of the week's target: `weight` points per
    minute; in a block, minutes more than `over_percent` % above the week's target cost
    `weight` each too (docs, "The figures, exactly": the limit rounded down to a minute)."""
    out = []
    for w in plan.weeks():
        wanted = plan.s.targets(w)["run_minutes"]
        if wanted is None:
            continue
        ran = plan.running(w)
        if ran < wanted:
            out.append((wanted - ran, f"w{w}: {ran} running minutes for {wanted}"))
        top = wanted * (100 + p["over_percent"]) // 100
        if plan.s.weeks > 1 and ran > top:
            out.append((ran - top, f"w{w}: {ran} running minutes above {top}"))
    return out


def long_run_length(plan: Plan, p: P) -> Findings:
    """The long run's length inside the week's band (weeks that want exactly one long run):
    `weight` points per minute outside."""
    out = []
    for w in plan.weeks():
        band = plan.s.long_bands[w - 1]
        if band is None or plan.s.targets(w)["long_run"] != 1:
            continue
        lo, hi = band
        length = sum(x.minutes for x in plan.week(w) if x.long)
        off = max(lo - length, length - hi, 0)
        if off:
            out.append((off, f"w{w}: long run {length} min for {lo}-{hi}"))
    return out


def mobility(plan: Plan, p: P) -> Findings:
    """NO-MOB: `min_sessions` to `max_sessions` mobility sessions a week: `weight` points
    per session short or over, in weeks where a mobility session fits."""
    out = []
    for w in plan.weeks():
        if not plan.s.mobility_fits[w]:
            continue
        n = sum(1 for x in plan.week(w) if x.mobility)
        off = max(p["min_sessions"] - n, n - p["max_sessions"], 0)
        if off:
            out.append((off, f"w{w}: {n} mobility sessions"))
    return out


def preferences(plan: Plan, p: P) -> Findings:
    """The athlete's wishes, one finding per unmet wish: a long run away from
    `preferences.long_run_day`, a session on a named rest day (the race aside), a run and a
    lift on one day in the other order than `order`."""
    prefs = plan.s.sc.get("preferences") or {}
    day, rest = prefs.get("long_run_day"), set(prefs.get("rest_days") or [])
    out = [(1, f"{x.label}: long run wanted on {day}") for x in plan.sessions
           if x.long and day is not None and x.weekday != day]  # fmt: skip
    out += [(1, f"{x.label} on a rest day") for x in plan.sessions
            if x.weekday in rest and not x.race]  # fmt: skip
    if p["order"] != "none":
        for run, lift in plan.pairs():
            if (
                run.run
                and lift.strength
                and run.day == lift.day
                and (
                    (p["order"] == "run_first" and not run.start < lift.start)
                    or (p["order"] == "lift_first" and not lift.start < run.start)
                )
            ):
                out.append((1, f"{run.label} and {lift.label}: preferred {p['order']}"))
    return out


def spread(plan: Plan, p: P) -> Findings:
    """Spread the lifting: a finding per pair of strength sessions on the same or
    consecutive days (`consecutive`) and per pair of a strength session and a hard or long
    run on the same day (`hard_run_days`), the endorsed moderate lift before a quality run
    aside (docs, "The figures, exactly": `consecutive: false` drops the pairs of lifts
    altogether)."""
    out = []
    if p["consecutive"]:
        out += [
            (1, f"{a.label} and {b.label}: strength on the same or consecutive days")
            for a, b in itertools.combinations(plan.sessions, 2)
            if a.strength and b.strength and abs(a.day - b.day) <= 1
        ]
    if p["hard_run_days"]:
        out += [
            (1, f"{a.label} on the day of {b.label}")
            for a, b in plan.pairs()
            if a.strength and (b.hard_run or b.long) and a.day == b.day and not _endorsed(a, b)
        ]
    return out


def monotony(plan: Plan, p: P) -> Findings:
    """Training monotony (mean daily load / its standard deviation over the 7 days, rest
    days as 0) at most `limit`: `weight` points per week above it. Exactly: monotony > M
    iff S^2 (1 + M^2) > 7 M^2 Q (S the week's load, Q the sum of squared daily loads), with
    M the decimal it is written as."""
    m = Fraction(str(p["limit"]))
    out = []
    for w in plan.weeks():
        loads = plan.day_loads(w)
        s, q = sum(loads), sum(x * x for x in loads)
        if s * s * (1 + m * m) > 7 * m * m * q:
            out.append((1, f"w{w}: daily loads {loads} above monotony {p['limit']}"))
    return out


def acute_chronic(plan: Plan, p: P) -> Findings:
    """Acute:chronic load ratio (this week's training load / the mean of the last 4 weeks',
    this one included, earlier ones from `history`) inside [`low`, `high`]: `weight` points
    per week outside; weeks without four weeks of data are not judged (docs, "The figures,
    exactly"). Docs "Rules": the race's own load is
    not training load, and deload, taper and race weeks are not judged below `low`."""
    history = list(plan.s.sc.get("history") or [])
    loads = {w: sum(x.load for x in plan.week(w) if not x.race) for w in plan.weeks()}
    low, high = Fraction(str(p["low"])), Fraction(str(p["high"]))
    out = []
    for w in plan.weeks():
        weeks = [x for x in range(w - 3, w + 1) if x >= 1]
        need = 4 - len(weeks)
        if need > len(history):
            continue
        chronic = sum(loads[x] for x in weeks) + sum(history[len(history) - need :])
        if chronic == 0:
            continue
        ratio = Fraction(4 * loads[w], chronic)
        unloading = plan.s.phases[w - 1] in ("deload", "taper") or w == plan.s.race_week
        if ratio > high or (ratio < low and not unloading):
            out.append((1, f"w{w}: acute:chronic {float(ratio):.2f}"))
    return out


def race_form(plan: Plan, p: P) -> Findings:
    """RACE-FORM (docs, "Rules"; "The figures, exactly" in explanation/blocks.md): with r
    race day's index, fitness and fatigue on race morning are the 42- and 7-day averages
    at the end of day r - 1, each day's weight k (1 - k)^age (k = 1 - e^(-1/tau), age the
    days until r - 1) and the start value's (1 - k)^r, every such term times 100 000 and
    rounded. Form = fitness - fatigue must be `low`-`high` % of fitness; each side's
    distance out, rounded up to whole load units, costs `weight` points a unit. Not judged
    without a race after day 0, nor without `history` when r < 42."""
    r = plan.s.race_day
    history = list(plan.s.sc.get("history") or [])
    if r is None or r == 0 or (r < 42 and not history):
        return []
    daily: dict[int, int] = defaultdict(int)
    for x in plan.sessions:
        if x.day < r:
            daily[x.day] += x.load
    # start values: the mean day of the last (up to) six weeks, the mean day of the last one
    begin = {42: Fraction(0), 7: Fraction(0)}
    if history:
        begin = {
            42: Fraction(sum(history[-6:]), 7 * len(history[-6:])),
            7: Fraction(history[-1], 7),
        }

    def times_1e5(tau: int) -> int:
        k = 1 - math.exp(-1 / tau)
        value = round(100_000 * (1 - k) ** r * float(begin[tau]))
        for day in range(r):
            age = r - 1 - day
            value += daily[day] * round(100_000 * k * (1 - k) ** age)
        return value

    fit, tired = times_1e5(42), times_1e5(7)
    fresh = fit - tired
    out = []
    for gap in (p["low"] * fit - 100 * fresh, 100 * fresh - p["high"] * fit):
        if gap > 0:
            out.append(
                (math.ceil(Fraction(gap, 10_000_000)), f"race morning: form {fresh / 1e5:+.1f}")
            )
    return out


def stability(plan: Plan, p: P) -> Findings:
    """Replanning: one unit per change against `previous`: a session dropped, added or
    moved, a move counting once. A move is a session (the same id) in another place, so
    per session id the changes are the larger of its places dropped and its places added;
    a session replaced by another is two changes (the one dropped, the one added), as
    `replan` lists them."""
    before = {(x.get("week", 1), x["day"], x["slot"], x["session"])
              for x in plan.s.sc.get("previous") or []}  # fmt: skip
    if not before:
        return []
    now = {(x.week, x.weekday, x.slot, x.id) for x in plan.sessions}
    dropped = Counter(sid for *_, sid in before - now)
    added = Counter(sid for *_, sid in now - before)
    changes = sum(max(dropped[sid], added[sid]) for sid in dropped | added)
    return [(changes, f"{changes} change(s) to the previous plan")] if changes else []


RULES: dict[str, Callable[[Plan, P], Findings]] = {
    f.__name__: f
    for f in (
        availability, one_per_slot, daily_sessions, weekly_minutes, run_count,
        strength_count, long_run, quality_runs, mobility_count, rest_days, hard_separation,
        no_consecutive_hard_days, legs_before_long_run, muscle_recovery, same_day_order,
        plyo_not_heavy, phase_limits, run_progression, deload, race_day, race_week, pinned,
        quality_spacing, quality_before_long, lift_after_hard_run, legs_before_key_run,
        lift_before_long_run, set_volume, run_quality, run_volume, long_run_length, mobility,
        preferences, spread, long_run_peak, monotony, acute_chronic, stability, shortfall,
        legs_consecutive, long_run_eve, after_long_run, race_taper, long_share, short_runs,
        first_week, heavy_lifts, quality_fit, race_form, re_ramp,
    )
}  # fmt: skip


# ------------------------------------------------------------------------------ the report
@dataclass
class Report:
    violations: dict[str, list[str]] = field(default_factory=dict)
    penalties: dict[str, int] = field(default_factory=dict)
    details: list[tuple[str, int, str]] = field(default_factory=list)
    breaks: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.penalties.values())

    @property
    def feasible(self) -> bool:
        return not self.violations


def level(rule: str, params: P) -> str:
    """The rule's level, hard or soft, as configured (a coach rule is hard with `hard: true`)."""
    if rule in HARD:
        return "hard"
    if rule in COACH:
        return "hard" if params.get("hard") else "soft"
    return "soft"


def check_sessions(inp: dict[str, Any], sessions: list[dict[str, Any]]) -> Report:
    """Judge `sessions` (the JSON contract's form) under a result's `input`."""
    return judge(_setting(json.dumps(inp, sort_keys=True)), sessions)


def judge(setting: Setting, sessions: list[dict[str, Any]]) -> Report:
    """Judge `sessions` under a setting (`Setting(result["input"])`, made once for many
    plans of one input)."""
    plan = Plan(setting, sessions)
    report = Report(problems=list(plan.problems))
    for rule, params in setting.rules().items():
        findings = RULES[rule](plan, params)
        if level(rule, params) == "hard":
            if findings:
                report.violations[rule] = [what for _, what in findings]
            continue
        weight = params.get("weight", 0)
        for units, what in findings:
            if weight * units:
                report.penalties[rule] = report.penalties.get(rule, 0) + weight * units
                report.details.append((rule, weight * units, what))
                report.breaks += rule in COACH
    return report


def check(result: dict[str, Any]) -> Report:
    """Judge a result (`Result.to_dict()`): its sessions under its own input. A result of
    several weeks carries its phases; they must be the ones the docs derives."""
    report = check_sessions(result["input"], result["sessions"])
    setting = _setting(json.dumps(result["input"], sort_keys=True))
    if setting.weeks > 1 and result.get("phases") and result["phases"] != setting.phases:
        report.problems.append(f"phases {result['phases']}, derived {setting.phases}")
    return report
