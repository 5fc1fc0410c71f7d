"""Efforts: what each training intensity means as a heart-rate zone and a perceived effort,
for athletes without paces (no race time) and beside paces when `max_hr` is known.

Five zones in percent of maximum heart rate, placed on Daniels' own heart-rate guides
(Daniels' Running Formula: E 65-78% of max HR, M 80-90%, T 88-92%, I 98-100%) so that each
intensity sits in one zone: Z1 recovery, Z2 easy, Z3 marathon, Z4 threshold, Z5 interval
and repetition. RPE is on Borg's CR-10 scale, as the session loads (Foster's session-RPE)."""

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


EFFORTS: dict[str, Effort] = {
    "recovery": Effort("Z1", (0.55, 0.65), "RPE 2", "very easy jog"),
    "easy": Effort("Z2", (0.65, 0.78), "RPE 3-4", "easy, conversational"),
    "marathon": Effort("Z3", (0.80, 0.87), "RPE 5-6", "steady, marathon effort"),
    "threshold": Effort("Z4", (0.88, 0.92), "RPE 7", "comfortably hard, threshold"),
    "interval": Effort("Z5", (0.95, 1.00), "RPE 8-9", "hard, 5k effort"),
    "repetition": Effort("Z5", (0.95, 1.00), "RPE 9", "fast and relaxed, mile effort"),
    "race": Effort("Z4", (0.85, 0.95), "RPE 9-10", "race effort"),
}


def bpm(intensity: str, max_hr: int) -> tuple[int, int]:
    low, high = EFFORTS[intensity].hr_share
    return round(low * max_hr), round(high * max_hr)


def zone_text(intensity: str, max_hr: int | None) -> str:
    """'Z2', or 'Z2 122-147 bpm' when the maximum heart rate is known."""
    effort = EFFORTS[intensity]
    if max_hr is None:
        return effort.zone
    low, high = bpm(intensity, max_hr)
    return f"{effort.zone} {low}-{high} bpm"
