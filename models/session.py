"""Session types: what a run, a lift or a mobility block is, in the units the rules use.

The predicates (`is_quality_run`, `loads_legs`, ...) are the one place where the domain's
words ("quality run", "heavy lifting", "leg work") become definitions; the CP-SAT builds and
the pure-Python checks both ask them, so the two faces of a rule cannot drift apart.
"""

from __future__ import annotations

from typing import Annotated, Literal, cast

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from hybridplan.models import limits
from hybridplan.models.errors import shown

Kind = Literal["run", "strength", "mobility"]
Intensity = Literal["easy", "moderate", "hard"]
RunType = Literal["easy", "recovery", "long", "tempo", "intervals", "hills", "strides", "race"]
StrengthType = Literal[
    "lower_heavy", "lower_light", "posterior_chain", "upper", "full_body", "core", "plyometrics"
]
Legs = Literal["heavy", "light", "none"]
Equipment = Literal["none", "gym"]
Muscle = Literal[
    "quads", "hamstrings", "glutes", "calves", "chest", "back", "shoulders", "arms", "core"
]
MUSCLES: tuple[Muscle, ...] = (
    "quads",
    "hamstrings",
    "glutes",
    "calves",
    "chest",
    "back",
    "shoulders",
    "arms",
    "core",
)
QUALITY_RUN_TYPES: frozenset[str] = frozenset({"tempo", "intervals", "hills"})
LOWER_BODY: tuple[Muscle, ...] = ("quads", "hamstrings", "glutes")
MAX_LENGTHS = 24  # lengths one catalogue entry may offer (each is a solver candidate)


class LengthRange(BaseModel):
    """The lengths a session can take, chosen by the solver week by week: `min` to `max`
    minutes in steps of `step` (a long run of 60-210 min in 15-min steps grows through a
    block without a fixed id per length). Each length is a session of its own, with the id
    `<entry>_<minutes>` (long_150), so pins, bans and results name a concrete length."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    min: int = Field(gt=0, le=limits.MAX_SESSION_MINUTES)
    max: int = Field(gt=0, le=limits.MAX_SESSION_MINUTES)
    step: int = Field(default=15, gt=0, le=limits.MAX_SESSION_MINUTES)

    @model_validator(mode="after")
    def _consistent(self) -> LengthRange:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        if (self.max - self.min) % self.step:
            raise ValueError(f"max - min ({self.max - self.min}) is not a multiple of step")
        if len(self.lengths()) > MAX_LENGTHS:
            raise ValueError(f"{len(self.lengths())} lengths; at most {MAX_LENGTHS}")
        return self

    def lengths(self) -> list[int]:
        return list(range(self.min, self.max + 1, self.step))

    def __str__(self) -> str:
        return f"{self.min}-{self.max} min (steps of {self.step})"


Sets = Annotated[int, Field(ge=0, le=limits.MAX_SETS)]


class SessionType(BaseModel):
    """One kind of session that can be placed in a slot."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: str = Field(min_length=1, max_length=limits.MAX_ID, description="Stable id, e.g. easy_45")
    base: str = Field(
        default="",
        max_length=limits.MAX_ID,
        description="the catalogue entry this is a length of (easy for easy_45)",
    )
    kind: Kind
    minutes: int = Field(gt=0, le=limits.MAX_SESSION_MINUTES, description="Duration in minutes")
    intensity: Intensity
    rpe: int = Field(
        ge=0, le=limits.MAX_RPE, description="Session RPE, 0-10 (Foster); load = rpe x minutes"
    )
    run_type: RunType | None = Field(default=None, description="Required for runs")
    strength_type: StrengthType | None = Field(default=None, description="Required for strength")
    legs: Legs = Field(default="none", description="Leg loading of a strength session")
    sets: dict[Muscle, Sets] = Field(
        default_factory=dict, description="Working sets per muscle group (strength)"
    )
    equipment: Equipment = Field(default="none", description="gym = needs a gym")
    hypertrophy: bool = Field(
        default=False, description="a volume day for muscle gain (strength goals, off-season)"
    )
    description: Annotated[str, AfterValidator(shown)] = Field(
        default="", max_length=limits.MAX_TEXT
    )

    @model_validator(mode="after")
    def _kind_fields(self) -> SessionType:
        if self.kind == "run" and self.run_type is None:
            raise ValueError(
                "a run needs run_type (easy, recovery, long, tempo, intervals, hills, strides)"
            )
        if self.kind != "run" and self.run_type is not None:
            raise ValueError("run_type is only for runs")
        if self.kind == "strength" and self.strength_type is None:
            raise ValueError(
                "a strength session needs strength_type (lower_heavy, lower_light, "
                "posterior_chain, upper, full_body, core, plyometrics)"
            )
        if self.kind != "strength" and self.strength_type is not None:
            raise ValueError("strength_type is only for strength sessions")
        if self.kind != "strength" and self.legs != "none":
            raise ValueError("legs is only for strength sessions")
        if any(v < 0 for v in self.sets.values()):
            raise ValueError("sets per muscle group must be >= 0")
        return self

    # -- the domain's words, defined once ------------------------------------------------
    @property
    def load(self) -> int:
        """Session-RPE load (RPE x minutes), one unit for runs and lifts alike."""
        return self.rpe * self.minutes

    @property
    def is_run(self) -> bool:
        return self.kind == "run"

    @property
    def is_strength(self) -> bool:
        return self.kind == "strength"

    @property
    def is_hard(self) -> bool:
        return self.intensity == "hard"

    @property
    def is_hard_run(self) -> bool:
        return self.is_run and self.is_hard

    @property
    def is_hard_strength(self) -> bool:
        return self.is_strength and self.is_hard

    @property
    def entry(self) -> str:
        """The catalogue entry: `easy` for easy_45, the id itself for a fixed session."""
        return self.base or self.id

    @property
    def is_quality_run(self) -> bool:
        return self.is_run and self.run_type in QUALITY_RUN_TYPES

    @property
    def is_long_run(self) -> bool:
        return self.is_run and self.run_type == "long"

    @property
    def is_race(self) -> bool:
        return self.is_run and self.run_type == "race"

    @property
    def is_training_run(self) -> bool:
        """A run other than the race: what weekly running volume counts."""
        return self.is_run and not self.is_race

    @property
    def is_key_run(self) -> bool:
        """A quality run or the long run: the runs a coach keeps fresh (domain brief)."""
        return self.is_quality_run or self.is_long_run

    @property
    def is_easy_run(self) -> bool:
        return self.is_run and self.intensity == "easy"

    @property
    def is_plyometric(self) -> bool:
        return self.strength_type == "plyometrics"

    @property
    def is_heavy_lift(self) -> bool:
        """Hard lifting other than plyometrics: what plyo_not_heavy keeps apart."""
        return self.is_hard_strength and not self.is_plyometric

    def loads_legs(self, level: Literal["heavy", "any"]) -> bool:
        """Leg strength: heavy only, or any leg work."""
        if not self.is_strength:
            return False
        return self.legs == "heavy" if level == "heavy" else self.legs != "none"

    @property
    def is_leg_lift(self) -> bool:
        """Any strength session with lower-body sets (quads, hamstrings, glutes), light
        circuits and plyometrics included: what the content rules keep away from key runs,
        races and each other (domain brief, "Inside the week")."""
        return self.is_strength and any(self.sets.get(m, 0) > 0 for m in LOWER_BODY)

    @property
    def is_heavy_key_lift(self) -> bool:
        """A heavy, low-volume key lift (000): hard, heavy legs, not a volume day and not
        plyometrics (lower_heavy_45, lower_heavy_60, full_body_60)."""
        return self.is_heavy_lift and self.legs == "heavy" and not self.hypertrophy

    def sets_for(self, muscle: str) -> int:
        return self.sets.get(cast(Muscle, muscle), 0)


class SessionPatch(BaseModel):
    """A scenario's addition to or override of a catalogue session; unset fields are kept."""

    model_config = ConfigDict(extra="forbid", strict=True)

    kind: Kind | None = None
    minutes: int | LengthRange | None = Field(
        default=None, description="minutes, or {min, max, step}: lengths the solver chooses from"
    )
    intensity: Intensity | None = None
    rpe: int | None = Field(default=None, ge=0, le=limits.MAX_RPE)
    run_type: RunType | None = None
    strength_type: StrengthType | None = None
    legs: Legs | None = None
    sets: dict[Muscle, Sets] | None = None
    equipment: Equipment | None = None
    hypertrophy: bool | None = None
    description: Annotated[str, AfterValidator(shown)] | None = Field(
        default=None, max_length=limits.MAX_TEXT
    )

    @field_validator("minutes")
    @classmethod
    def _positive(cls, value: int | LengthRange | None) -> int | LengthRange | None:
        if isinstance(value, int) and not 0 < value <= limits.MAX_SESSION_MINUTES:
            raise ValueError(f"minutes must be 1-{limits.MAX_SESSION_MINUTES} (got {value})")
        return value
