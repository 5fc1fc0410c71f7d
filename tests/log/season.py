"""A generated season: what an athlete did against a plan, written as the files a watch and
a training log give (FIT for most runs, GPX for some, a CSV for the lifts and mobility),
with a coach's realistic noise: some sessions missed, some run longer or cut short, starts a
little off, and one race. Seeded: the same season every time."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from log.activity_files import write_csv, write_fit, write_gpx

from hybridplan.models.activity import Activity
from hybridplan.models.result import SessionOut


@dataclass(frozen=True)
class Done:
    """What became of one planned session in the season (the truth a test checks against)."""

    session: SessionOut
    activity: Activity | None  # None: missed
    how: str  # "as planned", "longer", "shorter", "missed"


def season_week(
    sessions: Sequence[SessionOut], week: int, rng: random.Random, *, missed: float = 0.08,
    longer: float = 0.1, shorter: float = 0.08,
) -> list[Done]:  # fmt: skip
    """One week of the season: each planned session of `week` missed, run longer, cut
    short or done as planned, its start up to 20 minutes off."""
    out = []
    for s in sorted((s for s in sessions if s.week == week), key=lambda s: (s.date, s.start)):
        assert s.date is not None
        roll = rng.random()
        if roll < missed and s.run_type != "race":
            out.append(Done(s, None, "missed"))
            continue
        how, factor = "as planned", rng.uniform(0.95, 1.05)
        if roll < missed + longer:
            how, factor = "longer", rng.uniform(1.3, 1.45)
        elif roll < missed + longer + shorter:
            how, factor = "shorter", rng.uniform(0.4, 0.6)
        hour, minute = map(int, s.start.split(":"))
        shift = rng.randint(-20, 20)
        start = max(0, min(23 * 60, hour * 60 + minute + shift))
        minutes = round(s.minutes * factor, 1)
        pace = 330 if s.run_type in ("tempo", "intervals", "race") else 390  # s/km
        out.append(Done(s, Activity(
            date=s.date, start=f"{start // 60:02d}:{start % 60:02d}", sport=s.kind,  # type: ignore[arg-type]
            minutes=minutes, rpe=s.load / s.minutes, race=s.run_type == "race",
            distance_km=round(60 * minutes / pace, 2) if s.kind == "run" else None,
            avg_hr=150 if s.intensity == "hard" else 135 if s.kind == "run" else None,
        ), how))  # fmt: skip
    return out


def tune_up_race(day: dt.date, minutes: float, km: float) -> Activity:
    """A race nobody planned (a parkrun, a club 10k): extra load, and a new VDOT."""
    return Activity(date=day, start="09:00", sport="run", minutes=minutes, distance_km=km,
                    avg_hr=172, rpe=9.0, race=True, name="club 10k")  # fmt: skip


def write_week(done: Sequence[Done], extra: Sequence[Activity], folder: Path) -> list[Path]:
    """The week's files: runs as FIT (every third as GPX), lifts and mobility in one CSV."""
    folder.mkdir(parents=True, exist_ok=True)
    activities = [d.activity for d in done if d.activity is not None] + list(extra)
    paths = []
    table = []
    for i, a in enumerate(activities):
        if a.sport == "run" and not a.race:  # FIT and GPX say nothing of races
            path = folder / f"{a.date.isoformat()}-{i}.{'gpx' if i % 3 == 2 else 'fit'}"
            (write_gpx if path.suffix == ".gpx" else write_fit)(a, path)
            paths.append(path)
        else:
            table.append(a)
    if table:
        path = folder / "log.csv"
        write_csv(table, path)
        paths.append(path)
    return paths
