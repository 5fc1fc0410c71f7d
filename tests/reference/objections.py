"""A second count of what a coach checks, written from the domain brief's definitions
("What a coach checks") and the docs alone. It reads a result's JSON (its sessions,
phases and stored scenario) and the catalogue file; it imports nothing from hybridplan, so
it shares no code with the solver, its rules or its metrics.

Days are calendar days counted from the plan's first Monday; a session's day is
(week - 1) * 7 + weekday.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from reference.rules import MENU  # the docs's quality menu, written once for both

ROOT = Path(__file__).resolve().parent.parent.parent
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
QUALITY = {"tempo", "intervals", "hills"}
IDS = [
    "QQ", "Q>LONG", "LEGS>KEY", "LIFT<LONG", "RUN>LIFT", "MUSCLE", "GYM-BW", "HYPER",
    "NO-MOB", "RACE-DAY", "RACE-LONG", "RACE-LIFT", "RACE-QUALITY", "LONG-PEAK", "TAPER",
    "RETURN", "FLAT", "LONG-SHARE", "PAD", "LEGS-CONSEC", "LEGS>LONG", "LONG>HARD",
    "RACE-LEGS", "RACE-EASY", "TAPER-LONG", "TAPER-WEEK", "RACE-SHARPEN", "QUALITY-FIT",
    "NO-HEAVY", "OVER-ASKED", "FIRST-WEEK",
]  # fmt: skip
LOADED = {"base", "build", "peak", "offseason"}

FLOOR = {"10k": 75, "half": 100, "marathon": 150, "ultra": 150}  # the brief, and issue 11


def catalogue() -> dict[str, dict[str, Any]]:
    """The catalogue's sessions with their lengths written out (easy_45 for `easy`)."""
    raw = yaml.safe_load((ROOT / "models" / "data" / "catalogue.yaml").read_text())
    out = {}
    for entry, fields in raw.items():
        minutes = fields["minutes"]
        if isinstance(minutes, dict):
            for m in range(minutes["min"], minutes["max"] + 1, minutes.get("step", 15)):
                out[f"{entry}_{m}"] = {**fields, "minutes": m, "entry": entry}
        else:
            out[entry] = {**fields, "entry": entry}
    return out


def _clock(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


class _Session:
    def __init__(self, s: dict[str, Any]) -> None:
        self.id, self.kind, self.run_type = s["session"], s["kind"], s["run_type"]
        self.intensity, self.legs, self.sets = s["intensity"], s["legs"], s["sets"]
        self.minutes, self.week, self.weekday = s["minutes"], s["week"], s["day"]
        self.slot = s["slot"]
        self.day = (self.week - 1) * 7 + WEEKDAYS.index(s["day"])
        self.start = self.day * 1440 + _clock(s["start"])

    quality = property(lambda self: self.kind == "run" and self.run_type in QUALITY)
    long = property(lambda self: self.kind == "run" and self.run_type == "long")
    race = property(lambda self: self.kind == "run" and self.run_type == "race")
    hard_run = property(lambda self: self.kind == "run" and self.intensity == "hard")
    hard_lift = property(lambda self: self.kind == "strength" and self.intensity == "hard")
    heavy_legs = property(lambda self: self.kind == "strength" and self.legs == "heavy")
    # "Leg lift" (the brief, "Inside the week"): any session with lower-body sets
    leg_lift = property(
        lambda self: (
            self.kind == "strength"
            and any(self.sets.get(m, 0) > 0 for m in ("quads", "hamstrings", "glutes"))
        )
    )


def _goal(sc: dict[str, Any]) -> str:
    """The docs' rule: strength in the off-season or with a set target starting at 10+,
    endurance with a race or 4+ runs, hybrid otherwise."""
    if sc.get("goal"):
        return str(sc["goal"])
    phases = sc.get("phases") or []
    if sc.get("phase") == "offseason" or (phases and all(p == "offseason" for p in phases)):
        return "strength"
    targets = sc.get("targets", {})
    for value in targets.get("sets", {}).values():
        low = (
            value["min"]
            if isinstance(value, dict)
            else value[0]
            if isinstance(value, list)
            else value
        )
        if low >= 10:
            return "strength"
    runs = targets.get("runs", {"min": 3})
    low = runs["min"] if isinstance(runs, dict) else runs[0] if isinstance(runs, list) else runs
    return "endurance" if sc.get("race") or low >= 4 else "hybrid"


def _named(sid: str, entry: str, names: list[str] | None) -> bool:
    return names is not None and (sid in names or entry in names)


def count(result: dict[str, Any]) -> dict[str, int]:
    """Every objection id -> how often the plan in `result` (the JSON contract) has it."""
    sc = result["input"]["scenario"]
    weeks = sc.get("weeks", 1)
    phases = result.get("phases") or [sc.get("phase") or "build"] * weeks
    sessions = [_Session(s) for s in result["sessions"]]
    found: Counter[str] = Counter()
    for a in sessions:
        for b in sessions:
            if a is b:
                continue
            next_day = b.day - a.day == 1
            found["QQ"] += next_day and a.quality and b.quality
            found["Q>LONG"] += next_day and a.quality and b.long
            found["LEGS>KEY"] += next_day and a.heavy_legs and (b.quality or b.long)
            found["LIFT<LONG"] += (
                a.day == b.day and a.kind == "strength" and b.long and a.start < b.start
            )
            found["RUN>LIFT"] += next_day and a.hard_run and b.hard_lift
            found["MUSCLE"] += next_day and any(
                n >= 3 and b.sets.get(m, 0) >= 3 for m, n in a.sets.items()
            )
    _choices(result, sc, phases, sessions, found)
    _mobility(sc, sessions, weeks, found)
    _race(sc, sessions, weeks, found)
    _block(phases, sessions, weeks, found)
    _inside(sc, result["input"].get("rules", {}).get("phases", {}), phases, sessions, weeks, found)
    return {i: int(found[i]) for i in IDS}


def _count(value: Any) -> tuple[int, int]:
    """A count range as the stored scenario writes it: n, [a, b] or {min, max}."""
    if isinstance(value, dict):
        return value["min"], value["max"]
    if isinstance(value, list):
        return value[0], value[1]
    return value, value


def _strength_max(sc: dict[str, Any], table: dict[str, Any], phase: str, weeks: int) -> int:
    """The most lifts a week of this phase allows: the scenario's own count in a one-week
    plan; else the rule set's phase row (the scenario's phase_targets over it), never above
    the maximum the scenario writes (the docs: the athlete's word is a limit)."""
    own = sc.get("targets", {}).get("strength")
    most = _count(own)[1] if own is not None else 3
    if weeks == 1:
        return most
    mine = sc.get("phase_targets", {}).get(phase, {})
    if "strength" in mine:
        return _count(mine["strength"])[1]
    row = table.get(phase, {}).get("strength")
    if row is None:
        return most
    return min(_count(row)[1], most) if own is not None else _count(row)[1]


def _menu_of(sc: dict[str, Any], phase: str, quality_max: int) -> set[str]:
    """The docs' quality menu for a week of a race plan of 2+ weeks (empty: any type)."""
    race = sc.get("race")
    if not race or sc.get("weeks", 1) < 2:
        return set()
    distance = race.get("distance", "marathon")
    short = distance in ("5k", "10k")
    if quality_max <= 1:
        group = "beginner-short" if short else "beginner"
    else:
        group = "short" if short else "half" if distance == "half" else "long"
    return set(MENU[group].get(phase, set()))


def _inside(
    sc: dict[str, Any], table: dict[str, Any], phases: list[str], sessions: list[_Session],
    weeks: int, found: Counter[str],
) -> None:  # fmt: skip
    """The brief's "Inside the week" list, from its wording."""
    for a in sessions:
        for b in sessions:
            if b.day - a.day != 1:
                continue
            found["LEGS-CONSEC"] += a.leg_lift and b.leg_lift
            found["LEGS>LONG"] += a.leg_lift and b.long
            found["LONG>HARD"] += a.long and (b.quality or (b.heavy_legs and a.minutes >= 120))
    targets = sc.get("targets", {})
    own_phases = sc.get("phase_targets", {})
    for w in range(1, weeks + 1):
        here = [s for s in sessions if s.week == w]
        if phases[w - 1] in ("base", "build", "peak"):  # the docs: off-season aside
            found["LONG-SHARE"] += _long(sessions, w) * 2 > _running(sessions, w)
            pad = sum(s.kind == "run" and not s.race and s.minutes <= 20 for s in here)
            found["PAD"] += pad >= 2
        for field, n in (
            ("strength", sum(s.kind == "strength" for s in here)),
            ("quality_runs", sum(s.quality for s in here)),
        ):
            if field in targets and field not in own_phases.get(phases[w - 1], {}):
                found["OVER-ASKED"] += n > _count(targets[field])[1]
    history = sc.get("history") or []
    known = catalogue()
    if history:
        load = sum(
            s.minutes * known[s.id]["rpe"] if s.id in known else 0
            for s in sessions if s.week == 1 and not s.race
        )  # fmt: skip
        found["FIRST-WEEK"] += load * len(history) * 100 > 120 * sum(history)
    offered = _offered(sc)
    quality_types = {s["run_type"] for s in offered.values() if s.get("run_type") in QUALITY}
    quality_max = _count(targets.get("quality_runs", [0, 2]))[1]
    race = sc.get("race")
    distance = race.get("distance", "marathon") if race else None
    day = _race_day(sc, weeks)
    if day is not None:
        legs_days = 5 if distance in ("marathon", "ultra") else 3
        for s in sessions:
            before = day - s.day
            if before >= 1:
                found["RACE-LEGS"] += s.leg_lift and before <= legs_days
                found["RACE-EASY"] += s.kind == "run" and s.minutes >= 60 and before <= 2
        race_week = day // 7 + 1
        if race_week >= 3:
            longest = [_long(sessions, w) for w in range(1, race_week)]
            share = 65 if distance in ("marathon", "ultra") else 80
            found["TAPER-LONG"] += longest[-1] * 100 > share * max(longest[:-1])
            if distance in ("half", "marathon", "ultra"):
                ran = [_running(sessions, w) for w in range(1, race_week)]
                found["TAPER-WEEK"] += ran[-1] * 100 > 90 * max(ran[:-1])
        short = any(
            f["kind"] == "run" and f.get("run_type") in QUALITY and f["minutes"] <= 45
            for f in offered.values()
        )
        for s in sessions:
            found["RACE-SHARPEN"] += (
                short and s.quality and s.week == race_week and s.day < day and s.minutes > 45
            )
    if (distance in ("5k", "10k") and weeks >= 2 and "intervals" in quality_types
            and quality_max >= 1):  # fmt: skip
        found["QUALITY-FIT"] += not any(s.kind == "run" and s.run_type == "intervals"
                                        for s in sessions)  # fmt: skip
    if distance is not None and weeks >= 2:
        for s in sessions:
            allowed = _menu_of(sc, phases[s.week - 1], quality_max)
            if s.quality and allowed & quality_types and s.run_type not in allowed:
                found["QUALITY-FIT"] += 1
    # the docs: a beginner meets hills before tempo or intervals (once an earlier week
    # has a slot that holds the shortest hills session, race day aside)
    hills = [s["minutes"] for s in offered.values() if s.get("run_type") == "hills"]
    if distance is not None and weeks >= 2 and quality_max <= 1 and hills:
        roomy = [
            w for w in range(1, weeks + 1) for (d, _), m in _free(sc, w).items()
            if m >= min(hills) and (w - 1) * 7 + WEEKDAYS.index(d) != day
        ]  # fmt: skip
        hill_weeks = [s.week for s in sessions if s.run_type == "hills"]
        for s in sessions:
            allowed = _menu_of(sc, phases[s.week - 1], quality_max)
            if (s.quality and s.run_type in ("tempo", "intervals") and roomy
                    and s.week > min(roomy) and not any(h < s.week for h in hill_weeks)
                    and (not allowed & quality_types or s.run_type in allowed)):  # fmt: skip
                found["QUALITY-FIT"] += 1
    if len(quality_types) >= 2:
        kinds = [{s.run_type for s in sessions if s.week == w and s.quality}
                 for w in range(1, weeks + 1)]  # fmt: skip
        for start in range(weeks - 3):
            if any(len(_menu_of(sc, phases[w], quality_max) & quality_types) == 1
                   for w in range(start, start + 4)):  # fmt: skip
                continue  # a week whose menu holds one type asks for it
            four = kinds[start : start + 4]
            found["QUALITY-FIT"] += all(len(k) == 1 for k in four) and len(set.union(*four)) == 1
    # NO-HEAVY: hard, heavy-leg, not a volume day, not plyometrics (the brief: 80%+ 1RM)
    heavy = [
        s for s in offered.values()
        if s["kind"] == "strength" and s["intensity"] == "hard" and s.get("legs") == "heavy"
        and not s.get("hypertrophy") and s.get("strength_type") != "plyometrics"
    ]  # fmt: skip
    if sc.get("equipment", "gym") == "gym" and quality_max >= 2 and heavy:
        shortest = min(s["minutes"] for s in heavy)
        room = any(
            phases[w - 1] in LOADED and _strength_max(sc, table, phases[w - 1], weeks) >= 1
            and any(m >= shortest and (w - 1) * 7 + WEEKDAYS.index(d) != day
                    for (d, _), m in _free(sc, w).items())
            for w in range(1, weeks + 1)
        )  # fmt: skip
        lifted = any(
            s.kind == "strength" and s.intensity == "hard" and s.heavy_legs
            and not known.get(s.id, {}).get("hypertrophy")
            and known.get(s.id, {}).get("strength_type") != "plyometrics"
            for s in sessions
        )  # fmt: skip
        found["NO-HEAVY"] += room and not lifted


def _free(sc: dict[str, Any], week: int) -> dict[tuple[str, str], int]:
    """(day, slot) -> free minutes in a week: its calendar, minus the blocked places."""
    calendar = sc.get("week_availability", {}).get(str(week)) or sc.get(
        "week_availability", {}
    ).get(week) or sc["availability"]  # fmt: skip
    free = {(d, s): m for d, slots in calendar.items() for s, m in slots.items()}
    for b in sc.get("blocked", []):
        if b.get("week") in (None, week):
            for d, s in list(free):
                if d == b["day"] and b.get("slot") in (None, s):
                    free[(d, s)] = 0
    return free


def _offered(sc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The catalogue as the scenario offers it: include, exclude, equipment (the scenario's
    own additions are left out: the checks below need only catalogue sessions)."""
    include, exclude = sc.get("include"), sc.get("exclude", [])
    out = {}
    for sid, s in catalogue().items():
        if include is not None and not _named(sid, s["entry"], include):
            continue
        if _named(sid, s["entry"], exclude):
            continue
        if sc.get("equipment", "gym") == "none" and s.get("equipment") == "gym":
            continue
        out[sid] = s
    return out


def _choices(
    result: dict[str, Any], sc: dict[str, Any], phases: list[str], sessions: list[_Session],
    found: Counter[str],
) -> None:  # fmt: skip
    offered = _offered(sc)
    known = catalogue()
    goal = _goal(sc)
    for s in sessions:
        info = known.get(s.id, {})
        free = _free(sc, s.week).get((s.weekday, s.slot), 0)
        if (
            sc.get("equipment", "gym") == "gym"
            and s.kind == "strength"
            and info.get("equipment", "none") == "none"
        ):
            fits = [
                g for g in offered.values()
                if g.get("equipment") == "gym" and not g.get("hypertrophy")
                and g.get("strength_type") == info.get("strength_type") and g["minutes"] <= free
            ]  # fmt: skip
            found["GYM-BW"] += bool(fits)
        phase = phases[s.week - 1]
        found["HYPER"] += (
            bool(info.get("hypertrophy")) and goal != "strength" and phase != "offseason"
        )


def _race_day(sc: dict[str, Any], weeks: int) -> int | None:
    race = sc.get("race")
    if not race:
        return None
    if not race.get("date"):
        return weeks * 7 - 1
    date = dt.date.fromisoformat(race["date"])
    if sc.get("start"):
        return (date - dt.date.fromisoformat(sc["start"])).days
    return (weeks - 1) * 7 + date.weekday()


def _mobility(
    sc: dict[str, Any], sessions: list[_Session], weeks: int, found: Counter[str]
) -> None:
    mobility = [s["minutes"] for s in _offered(sc).values() if s["kind"] == "mobility"]
    if not mobility:
        return
    shortest = min(mobility)
    race_day = _race_day(sc, weeks)
    rest = set(sc.get("preferences", {}).get("rest_days", []))
    budget = sc.get("weekly_minutes")
    per_day = Counter(s.day for s in sessions)
    used = {(s.day, s.slot) for s in sessions}
    for week in range(1, weeks + 1):
        here = [s for s in sessions if s.week == week]
        if any(s.kind == "mobility" for s in here):
            continue
        minutes = sum(s.minutes for s in here if not s.race)
        if budget is not None and minutes + shortest > budget:
            continue
        for (day, slot), free in _free(sc, week).items():
            d = (week - 1) * 7 + WEEKDAYS.index(day)
            if (free >= shortest and (d, slot) not in used and per_day[d] < 2
                    and day not in rest and d != race_day):  # fmt: skip
                found["NO-MOB"] += 1
                break


def _running(sessions: list[_Session], week: int) -> int:
    return sum(s.minutes for s in sessions if s.week == week and s.kind == "run" and not s.race)


def _long(sessions: list[_Session], week: int) -> int:
    return sum(s.minutes for s in sessions if s.week == week and s.long)


def _race(sc: dict[str, Any], sessions: list[_Session], weeks: int, found: Counter[str]) -> None:
    day = _race_day(sc, weeks)
    if day is None:
        return
    race = sc["race"]
    found["RACE-DAY"] += not any(s.race and s.day == day for s in sessions)
    lift_days = 10 if race.get("distance", "marathon") in ("marathon", "ultra") else 7
    for s in sessions:
        before = day - s.day
        if before < 1:
            continue
        found["RACE-LONG"] += s.long and before <= 6
        found["RACE-LIFT"] += (s.hard_lift or s.heavy_legs) and before <= lift_days
        found["RACE-QUALITY"] += s.quality and before <= 2
    race_week = day // 7 + 1
    others = [_running(sessions, w) for w in range(1, weeks + 1) if w != race_week]
    if others and _running(sessions, race_week) * 100 > 70 * max(others):
        found["TAPER"] += 1
    floor = FLOOR.get(race.get("distance", "marathon"))
    window = [w for w in range(race_week - 5, race_week - 1) if w >= 1]
    if floor is None or not window:
        return
    longest = {w: _long(sessions, w) for w in range(1, race_week)}
    peak = max(longest[w] for w in window)
    found["LONG-PEAK"] += peak < floor
    found["LONG-PEAK"] += max(longest.values()) > peak


def _block(phases: list[str], sessions: list[_Session], weeks: int, found: Counter[str]) -> None:
    if weeks < 2:
        return
    for w in range(2, weeks + 1):
        if phases[w - 2] == "deload" and phases[w - 1] != "deload":
            loaded = [v for v in range(1, w - 1) if phases[v - 1] != "deload"]
            if loaded and _running(sessions, w) * 100 > 110 * _running(sessions, loaded[-1]):
                found["RETURN"] += 1
    building = [w for w in range(1, weeks + 1) if phases[w - 1] in ("base", "build")]
    for measure in (_running, _long):
        values = [measure(sessions, w) for w in building]
        found["FLAT"] += sum(1 for a, b in itertools.pairwise(values) if b < a)
        found["FLAT"] += len(values) >= 2 and values[-1] <= values[0]
