"""Efforts: what each training intensity means as a heart-rate zone and a perceived effort,
for athletes without paces (no race time) and beside paces when `max_hr` is known.

Five contiguous zones in percent of maximum heart rate (earlier zones left
gaps at 78-80, 87-88 and 92-95%), placed on Daniels' own heart-rate guides (Daniels' Running
Formula: E 65-78% of max HR, M 80-90%, T 88-92%, I 98-100%) so that each intensity sits in
one zone: Z1 55-65 recovery, Z2 65-80 easy, Z3 80-88 marathon, Z4 88-93 threshold, Z5
93-100 interval and repetition. The race's target depends on its distance (Pfitzinger,
Advanced Marathoning: marathon pace 79-88% of max HR; the shorter the race, the nearer the
maximum). A rep or a jog between reps shorter than SHORT_REP minutes gets no heart-rate
target: the heart rate lags behind the effort for the first minutes, so a watch alarming
on it through a 60-second hill rep is wrong both ways; such steps are held by pace or by
effort. RPE is on Borg's CR-10 scale, as the session loads (Foster's session-RPE)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Intensity = Literal["recovery", "easy", "marathon", "threshold", "interval", "repetition", "race"]


@dataclass(frozen=True)
class Effort:
    zone: str
    hr_share: tuple[float, float]  # share of max HR, low-high
    rpe: str
    words: str


ZONES: dict[str, tuple[float, float]] = {  # share of max HR, each zone's top the next's bottom
    "Z1": (0.55, 0.65), "Z2": (0.65, 0.80), "Z3": (0.80, 0.88), "Z4": (0.88, 0.93),
    "Z5": (0.93, 1.00),
}  # fmt: skip
EFFORTS: dict[str, Effort] = {
    # recovery runs are at the slow end of easy running (Daniels' recovery band: 59-65% of
    # VDOT), where a trained runner's heart beats at about 65-72% of max: a Z1 ceiling of
    # 65% would make them walk (a coach's review), so they straddle Z1 and Z2 up to 72%
    "recovery": Effort("Z1-Z2", (0.60, 0.72), "RPE 2", "very easy jog"),
    "easy": Effort("Z2", ZONES["Z2"], "RPE 3-4", "easy, conversational"),
    "marathon": Effort("Z3", ZONES["Z3"], "RPE 5-6", "steady, marathon effort"),
    "threshold": Effort("Z4", ZONES["Z4"], "RPE 7", "comfortably hard, threshold"),
    "interval": Effort("Z5", ZONES["Z5"], "RPE 8-9", "hard, 5k effort"),
    "repetition": Effort("Z5", ZONES["Z5"], "RPE 7-8", "fast and relaxed, about mile race pace"),
    "race": Effort("Z3-Z5", (0.80, 1.00), "RPE 7-10", "race effort"),
}
RACE: dict[str, Effort] = {  # the race by its distance
    "5k": Effort("Z5", (0.93, 1.00), "RPE 9-10", "5k race effort"),
    "10k": Effort("Z4-Z5", (0.90, 0.96), "RPE 9", "10k race effort"),
    "half": Effort("Z3-Z4", (0.85, 0.91), "RPE 8", "half-marathon race effort"),
    "marathon": Effort("Z3", (0.80, 0.88), "RPE 6-7, harder late", "marathon race effort"),
    "ultra": Effort("Z2-Z3", (0.70, 0.82), "RPE 5-6", "ultra race effort"),
}
SHORT_REP = 3  # minutes: a rep or jog shorter than this is held by pace or effort, not HR


def effort(intensity: str, distance: str | None = None) -> Effort:
    """The effort of an intensity; the race's by its distance when known."""
    if intensity == "race" and distance in RACE:
        return RACE[distance]
    return EFFORTS[intensity]


def _beats(share: float, max_hr: int) -> int:
    """`share` of `max_hr` to the nearest beat, halves up (in whole percent: exact)."""
    return (round(share * 100) * max_hr + 50) // 100


def bpm(intensity: str, max_hr: int, distance: str | None = None) -> tuple[int, int]:
    low, high = effort(intensity, distance).hr_share
    return _beats(low, max_hr), _beats(high, max_hr)


def zone_text(intensity: str, max_hr: int | None, distance: str | None = None) -> str:
    """'Z2', or 'Z2 122-150 bpm' when the maximum heart rate is known."""
    zone = effort(intensity, distance).zone
    if max_hr is None:
        return zone
    low, high = bpm(intensity, max_hr, distance)
    return f"{zone} {low}-{high} bpm"


def legend() -> str:
    """The zones in words, for wherever a plan shows them (Markdown, HTML)."""
    named = {"Z1": "recovery", "Z2": "easy", "Z3": "marathon", "Z4": "threshold",
             "Z5": "interval"}  # fmt: skip
    parts = [
        f"{zone} {round(low * 100)}-{round(high * 100)} {named[zone]} ({EFFORTS[named[zone]].rpe})"
        for zone, (low, high) in ZONES.items()
    ]
    return "Zones, % of max HR: " + "; ".join(parts) + "."


PACE_LETTERS = (
    ("E", "easy, conversational"), ("M", "marathon pace"), ("T", "threshold, comfortably hard"),
    ("I", "interval, hard, about 5k race pace"), ("R", "repetition, fast and relaxed"),
)  # fmt: skip


def pace_legend() -> str:
    """Daniels' letters in words, for wherever a summary says '(T)' or '(M)'."""
    return "Paces (Daniels): " + "; ".join(f"{k} {w}" for k, w in PACE_LETTERS) + "."


def missing_inputs(athlete: dict[str, object] | None, strength: bool) -> str:
    """What the athlete could add to the scenario, and what it would give ('' when all)."""
    athlete = athlete or {}
    wanted = []
    if not athlete.get("recent_race") and not athlete.get("threshold_pace"):
        wanted.append("a recent race time (recent_race) for paces")
    if not athlete.get("max_hr") and not athlete.get("threshold_hr"):
        wanted.append(
            "a maximum heart rate (max_hr) or threshold heart rate (threshold_hr) for heart rates"
        )
    if strength and not athlete.get("lifts"):
        wanted.append("one-repetition maxima (lifts) for loads in kg")
    if not wanted:
        return ""
    return "Add " + ", ".join(wanted) + " to the scenario's athlete."
