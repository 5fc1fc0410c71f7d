"""What a session holds: its prescription, part of the public result contract.

Every placed session carries one, computed after solving by `hybridplan.prescribe`:
- `summary`: one line a person reads first ("3 x 8 min at 4:38/km (T), 2 min jog between");
- `steps`: flat (repeats written out), their minutes adding up to the session's minutes;
  a pace band [fast, slow] per km or mile when the athlete's paces are known, else null and
  an effort (`zone`, and RPE in the note);
- `exercises`: for strength sessions, whose sets add up to the session's sets per muscle
  group (`muscles` says which groups each exercise's sets count for), with the rest
  between sets, and `minutes_estimate`: how long the sets take with those rests, the
  warm-up and cool-down included (optional: results written before it have none).
Validated as strictly as the rest of a result, since result files come back in."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hybridplan.models import limits
from hybridplan.models.athlete import Lift
from hybridplan.models.session import Muscle, Sets

StepKind = Literal["warmup", "work", "recovery", "cooldown", "steady"]
MAX_REST_S = 600
"""Rest between sets: 10 minutes is more than any strength protocol asks."""
MAX_ESTIMATE_MINUTES = 10 * limits.MAX_SESSION_MINUTES
"""A strength session's time estimate: a scenario's own session may ask for more sets than
its minutes hold (the estimate then says so, up to ten times the longest session)."""
PaceText = Annotated[str, Field(pattern=r"^\d{1,2}:[0-5]\d$", description="M:SS")]


EASY_RIR = 5
"""Reps in reserve from which a set is written as easy, by its feel and RPE (10 - RIR),
rather than as 'RIR 8': nobody can tell 8 reps left from 6."""


def easy_rpe(rir: int) -> str:
    """'RPE 5', 'RPE 4', then 'RPE 3 or less' (a set that light feels like a warm-up)."""
    return f"RPE {10 - rir}" if rir <= 6 else "RPE 3 or less"


def rest_text(seconds: int) -> str:
    """90 -> '90 s', 120 -> '2 min', 150 -> '2.5 min'."""
    if seconds >= 120 and seconds % 30 == 0:
        return f"{seconds / 60:g} min"
    return f"{seconds} s"


class Step(BaseModel):
    """One step of a session, in minutes; repeats are written out one step each."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: StepKind
    minutes: int = Field(ge=1, le=limits.MAX_SESSION_MINUTES)
    pace: tuple[PaceText, PaceText] | None = Field(
        default=None, description="[fast, slow] M:SS per km (or mile: the athlete's pace_unit)"
    )
    zone: str | None = Field(
        default=None, max_length=64, description="effort zone Z1-Z5, with bpm given max_hr"
    )
    note: str = Field(default="", max_length=limits.MAX_TEXT)

    @field_validator("pace")
    @classmethod
    def _pace_order(cls, value: tuple[str, str] | None) -> tuple[str, str] | None:
        if value is not None:
            fast, slow = (int(p.split(":")[0]) * 60 + int(p.split(":")[1]) for p in value)
            if not 0 < fast <= slow:
                raise ValueError(f"pace {list(value)} must be [fast, slow], above 0:00")
        return value

    def text(self, unit: str = "km") -> str:
        """'8' work 4:35-4:41/km Z4' for tables and calendars."""
        parts = [f"{self.minutes}' {self.kind}"]
        if self.pace is not None:
            parts.append(f"{self.pace[0]}-{self.pace[1]}/{unit}")
        if self.zone:
            parts.append(self.zone)
        if self.note:
            parts.append(f"({self.note})")
        return " ".join(parts)


class Exercise(BaseModel):
    """One exercise: sets x reps at a share of the 1RM (and kg) or at reps in reserve."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=limits.MAX_NAME)
    sets: int = Field(ge=1, le=limits.MAX_SETS)
    reps: int = Field(ge=1, le=100)
    percent_1rm: float | None = Field(default=None, gt=0, le=100, allow_inf_nan=False)
    kg: float | None = Field(default=None, ge=0, le=limits.MAX_LIFT_KG, allow_inf_nan=False)
    rir: int | None = Field(default=None, ge=0, le=10, description="reps in reserve")
    muscles: dict[Muscle, Sets] = Field(
        default_factory=dict, description="the working sets this exercise gives each group"
    )
    kg_from: Lift | None = Field(
        default=None,
        description="the kg is an estimate from this lift's 1RM (the exercise's own is not "
        "known); percent_1rm is then null",
    )
    rest_s: int | None = Field(
        default=None, ge=0, le=MAX_REST_S,
        description="seconds between this exercise's own sets (in a superset, the other "
        "exercise is done in them)",
    )  # fmt: skip
    superset: str | None = Field(
        default=None, pattern=r"^[A-Z]$",
        description="exercises with the same letter alternate set by set",
    )  # fmt: skip
    lower_s: int | None = Field(
        default=None, ge=1, le=10,
        description="seconds to lower each rep (a slow lowering: bodyweight work, which "
        "has no load to add)",
    )  # fmt: skip

    def text(self, brief: bool = False) -> str:
        """'back squat 4 x 5 at 80% 1RM (80 kg)', 'front squat 3 x 5 (about 57.5 kg, estimated
        from back squat)' or 'step-up 2 x 10, RIR 2' ('split squat (each leg) 3 x 10, 3 s
        lowering, RIR 2' for a slow lowering); then the rest ('rest 3 min'). Reps in
        reserve from `EASY_RIR` on are more than anyone can feel: the text says what such
        sets feel like ('easy: fast, crisp reps (RPE 3 or less)'), and without a kg what
        load that is (one the lifter could lift reps + RIR times)."""
        out = f"{self.name} {self.sets} x {self.reps}"
        if self.percent_1rm is not None:
            # whole percent: the kg (rounded down to the plate) is what the athlete lifts,
            # and a tenth of a percent reads as a precision no bar has
            out += f" at {round(self.percent_1rm)}% 1RM"
            if self.kg is not None:
                out += f" ({self.kg:g} kg)"
        elif self.kg is not None and self.kg_from is not None:
            source = "" if brief else f", estimated from {self.kg_from.replace('_', ' ')}"
            out += f" (about {self.kg:g} kg{source})"
        if self.lower_s is not None and not brief:
            out += f", {self.lower_s} s lowering"
        if self.rir is not None and self.rir >= EASY_RIR:
            if self.kg is None and self.percent_1rm is None:
                out += f", easy: a load you could lift {self.reps + self.rir} times"
                out += f"; fast, crisp reps ({easy_rpe(self.rir)})"
            else:
                out += f", easy: fast, crisp reps ({easy_rpe(self.rir)})"
        elif self.rir is not None:
            out += f", RIR {self.rir}"
        if brief:
            return out
        if self.rest_s is not None:
            out += f", rest {rest_text(self.rest_s)}"
        if self.superset is not None:
            out += f", superset {self.superset}"
        return out


class Prescription(BaseModel):
    """A session's content: a summary line, its steps and its exercises."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    summary: str = Field(default="", max_length=limits.MAX_TEXT)
    steps: list[Step] = Field(default_factory=list, max_length=limits.MAX_LIST)
    exercises: list[Exercise] = Field(default_factory=list, max_length=limits.MAX_LIST)
    minutes_estimate: int | None = Field(
        default=None, ge=0, le=MAX_ESTIMATE_MINUTES,
        description="strength: how long the exercises take at their rests, warm-up and "
        "cool-down included (at most the session's minutes unless its note says otherwise)",
    )  # fmt: skip

    def sets_by_muscle(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.exercises:
            for m, n in e.muscles.items():
                out[m] = out.get(m, 0) + n
        return {m: n for m, n in out.items() if n}

    def steps_text(self, unit: str = "km") -> str:
        return "; ".join(s.text(unit) for s in self.steps)

    def step_lines(self, unit: str = "km") -> list[str]:
        """The steps for people: repeats folded back ('6 x 3' work ... with 2' recovery
        ... between', walk-run's '8 x 4' steady ... with 1' recovery (walk briskly)
        between'), where the data keeps them written out."""
        steps, out, i = self.steps, [], 0
        while i < len(steps):
            a = steps[i]
            b = steps[i + 1] if i + 1 < len(steps) else None
            if b is not None and b != a and a.kind in ("work", "steady"):
                reps, j = 1, i + 1
                while j + 1 < len(steps) and steps[j] == b and steps[j + 1] == a:
                    reps, j = reps + 1, j + 2
                if reps > 1:
                    out.append(f"{reps} x {a.text(unit)}, with {b.text(unit)} between")
                    i = j
                    continue
            run = 1
            while i + run < len(steps) and steps[i + run] == a:
                run += 1
            out.append(f"{run} x {a.text(unit)}" if run > 1 else a.text(unit))
            i += run
        return out

    def exercises_text(self) -> str:
        return "; ".join(e.text() for e in self.exercises)
