"""Where a week stands in its block, for session content: how far running work has grown,
how far a phase's loads have climbed, and whether the week eases off.

- Running work (tempo minutes, interval and hill reps, marathon-pace segments) grows over
  the block's loaded weeks (base, build, peak, off-season: `run_level` 0 -> 1) and eases in
  deload and taper weeks (`ease`: 004, reduce volume, keep the key sessions; 003, ~10% a
  week).
- Strength loads climb within a phase, week by week (`phase_index`; 004: +2-5% load; 001:
  raise the load every few weeks), and a deload week drops them (the deload "resets");
  weeks of the same phase on either side of a deload continue the climb.
A one-week plan takes its place from its phase alone (base early, build mid, peak late).
"""

from __future__ import annotations

from dataclasses import dataclass

from hybridplan.models.plan_input import PlanInput

LOADED = ("base", "build", "peak", "offseason")
ONE_WEEK_LEVEL = {"base": 0.2, "offseason": 0.2, "build": 0.5, "peak": 0.9, "taper": 0.9,
                  "deload": 0.5}  # fmt: skip
EASE = {"deload": 0.6, "taper": 0.7}


@dataclass(frozen=True)
class WeekPlace:
    """A week's place in its plan."""

    week: int
    phase: str
    run_level: float  # 0..1: how far running work has grown (loaded weeks of the block)
    phase_index: int  # weeks of this phase before this one (deloads left out)
    phase_progress: float  # 0..1 within this phase's weeks
    ease: float  # 1.0, or less in deload and taper weeks
    race_week: bool
    goal: str


def week_place(week: PlanInput, number: int) -> WeekPlace:
    phases = list(week.phases)
    phase = phases[number - 1]
    same = [w for w, p in enumerate(phases, start=1) if p == phase]
    index = same.index(number)
    progress = index / (len(same) - 1) if len(same) > 1 else ONE_WEEK_LEVEL.get(phase, 0.5)
    loaded = [w for w, p in enumerate(phases, start=1) if p in LOADED]
    if len(phases) == 1:
        level = ONE_WEEK_LEVEL.get(phase, 0.5)
    elif number in loaded:
        level = loaded.index(number) / (len(loaded) - 1) if len(loaded) > 1 else 0.5
    else:  # an easier week: the level of the loaded weeks before it
        before = [w for w in loaded if w < number]
        level = loaded.index(before[-1]) / max(1, len(loaded) - 1) if before else 0.0
    return WeekPlace(
        week=number,
        phase=phase,
        run_level=level,
        phase_index=index,
        phase_progress=progress,
        ease=EASE.get(phase, 1.0),
        race_week=week.race_week == number,
        goal=week.goal,
    )


def lerp(low: float, high: float, share: float) -> float:
    return low + (high - low) * max(0.0, min(1.0, share))
