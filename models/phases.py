"""Training phases: which phase each week of a plan is in, and how a phase changes the
week's targets (the phase table, which rule sets carry and scenarios can override)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hybridplan.models.ranges import Range
from hybridplan.models.session import Intensity

Phase = Literal["base", "build", "peak", "taper", "offseason", "deload"]
TAPER_WEEKS = {"5k": 1, "10k": 1, "half": 1, "marathon": 2, "ultra": 2}


class PhaseTargets(BaseModel):
    """How a phase changes a week's targets; a field left out keeps the scenario's."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    runs: Range | None = None
    strength: Range | None = None
    quality_runs: Range | None = None
    sets: Range | None = Field(
        default=None, description="weekly sets for every muscle group the scenario targets"
    )
    run_minutes_pct: int | None = Field(
        default=None, ge=0, le=300, description="% of targets.run_minutes"
    )
    max_strength_intensity: Intensity | None = Field(
        default=None, description="hardest strength session allowed (rule phase_limits)"
    )

    def merged(self, other: PhaseTargets) -> PhaseTargets:
        """These targets with the fields `other` sets replacing ours."""
        return self.model_copy(update={f: getattr(other, f) for f in other.model_fields_set})


def derive_phases(
    weeks: int, *, phase: Phase | None, race_distance: str | None, deload_every: int
) -> list[Phase]:
    """Phases week by week when the scenario does not list them: base, then build, peak
    before the taper when a race ends the plan, and a deload week every `deload_every`
    weeks (3:1 loading, 001/004)."""
    if weeks == 1:
        return [phase or "build"]
    taper = TAPER_WEEKS.get(race_distance or "", 0)
    peak = 2 if race_distance and weeks >= 8 else 0
    body = weeks - taper - peak
    base = body * 2 // 5 if race_distance else 0
    main: Phase = phase or "build"
    out: list[Phase] = [*(["base"] * base), *([main] * (body - base))]  # type: ignore[list-item]
    if deload_every > 1:
        out = [("deload" if (i + 1) % deload_every == 0 else p) for i, p in enumerate(out)]
    tail: list[Phase] = [*(["peak"] * peak), *(["taper"] * taper)]  # type: ignore[list-item]
    return out + tail
