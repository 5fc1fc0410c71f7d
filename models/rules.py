"""Rule configuration: every rule's id, level, parameters with defaults and (soft) weight.

This is data, so it lives here and not beside the CP-SAT code: rule sets and scenario
overrides are validated against these models (with file and line in the errors), and the
scenario JSON Schema documents every parameter. The meaning of each rule is implemented in
`solver/core/rules/<id>.py`, which imports its config class from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

from hybridplan.models import limits
from hybridplan.models.errors import shown, visible
from hybridplan.models.phases import Phase, PhaseTargets

Level = Literal["hard", "soft"]
Hours = float


class RuleConfig(BaseModel):
    """Common fields of every rule. A rule that is listed in a rule set is enabled."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    LEVEL: ClassVar[Level] = "hard"
    ID: ClassVar[str] = ""
    # In force whenever a scenario uses what it governs (pins, a previous plan), whether
    # the rule set lists it or not.
    AUTOMATIC: ClassVar[bool] = False

    enabled: bool = Field(default=True, description="false switches the rule off")

    @property
    def level(self) -> Level:
        """Hard (a constraint) or soft (a priced penalty), as configured."""
        return self.LEVEL

    @property
    def priority(self) -> bool:
        """A soft rule the solver keeps as rare as the calendar allows before it weighs the
        other penalties (a coach's objection; see CoachRuleConfig)."""
        return False


class SoftRuleConfig(RuleConfig):
    LEVEL: ClassVar[Level] = "soft"
    weight: int = Field(default=1, ge=0, le=10_000, description="penalty points per unit")


class CoachRuleConfig(SoftRuleConfig):
    """A coach's objection (domain brief, "What a coach checks"): hard with `hard: true`
    (strict), else soft at `weight` points each, a weight above every other soft term, and
    solved first: the solver finds the fewest of these the calendar allows, then the best
    penalty with no more of them, so they happen only when there is no other way."""

    weight: int = Field(default=100, ge=0, le=10_000, description="points each (when soft)")
    hard: bool = Field(default=False, description="a hard rule instead of a priced one")

    @property
    def level(self) -> Level:
        return "hard" if self.hard else "soft"

    @property
    def priority(self) -> bool:
        return not self.hard


# ---------------------------------------------------------------- hard rules
class Availability(RuleConfig):
    """Sessions only in available slots, and no longer than the slot's free minutes."""

    ID: ClassVar[str] = "availability"


class OnePerSlot(RuleConfig):
    """One session at a time: at most one per slot, and none overlapping in time."""

    ID: ClassVar[str] = "one_per_slot"


class DailySessions(RuleConfig):
    """At most `max_per_day` sessions on a day, of which at most `max_runs` runs and
    `max_strength` strength sessions (two quality runs or two leg days on one day are
    what an elite might do, not what a plan should propose unasked)."""

    ID: ClassVar[str] = "daily_sessions"
    max_per_day: int = Field(default=2, ge=1, le=10)
    max_runs: int = Field(default=1, ge=0, le=10, description="runs per day")
    max_strength: int = Field(default=1, ge=0, le=10, description="strength sessions per day")


class WeeklyMinutes(RuleConfig):
    """Total minutes of the week within the scenario's `weekly_minutes` budget."""

    ID: ClassVar[str] = "weekly_minutes"


class RunCount(RuleConfig):
    """Number of runs within `targets.runs`."""

    ID: ClassVar[str] = "run_count"


class StrengthCount(RuleConfig):
    """Number of strength sessions within `targets.strength`."""

    ID: ClassVar[str] = "strength_count"


class LongRun(RuleConfig):
    """Exactly `targets.long_run` long runs."""

    ID: ClassVar[str] = "long_run"


class QualityRuns(RuleConfig):
    """Number of quality runs (tempo, intervals, hills) within `targets.quality_runs`."""

    ID: ClassVar[str] = "quality_runs"


class MobilityCount(RuleConfig):
    """Number of mobility sessions within `targets.mobility` (when the scenario sets it)."""

    ID: ClassVar[str] = "mobility_count"


class RestDays(RuleConfig):
    """At least `min_days` days with no session; the scenario's named rest days stay empty."""

    ID: ClassVar[str] = "rest_days"
    min_days: int = Field(default=1, ge=0, le=7)
    keep_named: bool = Field(default=True, description="preferences.rest_days must stay empty")
    mobility_ok: bool = Field(default=False, description="mobility does not break a rest day")


class HardSeparation(RuleConfig):
    """A hard run and a hard strength session at least `hours` apart (004)."""

    ID: ClassVar[str] = "hard_separation"
    hours: Hours = Field(default=24, ge=0, le=168)


class NoConsecutiveHardDays(RuleConfig):
    """No two calendar days in a row with a hard session (002: stack, then recover)."""

    ID: ClassVar[str] = "no_consecutive_hard_days"
    include_long_run: bool = Field(default=False, description="count the long run as hard")


class LegsBeforeLongRun(RuleConfig):
    """No leg strength within `hours` before the long run (002)."""

    ID: ClassVar[str] = "legs_before_long_run"
    hours: Hours = Field(default=24, ge=0, le=168)
    legs: Literal["heavy", "any"] = Field(default="heavy", description="heavy leg work or any")


class MuscleRecovery(CoachRuleConfig):
    """MUSCLE: a muscle group trained with `min_sets` sets or more is not trained with that
    many again within `hours`, whatever the sessions are rated: recovery goes by load, not
    by label. The usual 48 h between sessions is 44 h from the end of one to the start of
    the next for sessions of up to 4 h (so Monday and Wednesday evenings work)."""

    ID: ClassVar[str] = "muscle_recovery"
    hours: Hours = Field(default=44, ge=0, le=168)
    min_sets: int = Field(
        default=3, ge=1, le=limits.MAX_SETS, description="sets that load a muscle group"
    )


class Shortfall(CoachRuleConfig):
    """Replanning after real life happened: the week's minimum counts (runs, strength,
    long run, quality runs, mobility) become priced shortfalls, `weight` points per session
    short, solved first (as few as the calendar still allows), so a replan nearly always
    gives a plan ("3 runs instead of 4: the week lost thu"). Hard spacing rules stay hard.
    In force whenever a scenario has a previous plan; `hard: true` keeps the minimums hard."""

    ID: ClassVar[str] = "shortfall"
    AUTOMATIC: ClassVar[bool] = True


class QualitySpacing(CoachRuleConfig):
    """QQ: no two quality runs (tempo, intervals, hills) on consecutive calendar days
    (002, 004)."""

    ID: ClassVar[str] = "quality_spacing"


class QualityBeforeLong(CoachRuleConfig):
    """Q>LONG: no quality run on the calendar day before the long run (recover between hard
    days, 002)."""

    ID: ClassVar[str] = "quality_before_long"


class LiftAfterHardRun(CoachRuleConfig):
    """RUN>LIFT: no hard lift on the calendar day after a hard run (002)."""

    ID: ClassVar[str] = "lift_after_hard_run"


class LegsBeforeKeyRun(CoachRuleConfig):
    """LEGS>KEY: no heavy-leg lift (any leg work with `legs: any`) on the calendar day before
    a key run: a quality run or the long run (002)."""

    ID: ClassVar[str] = "legs_before_key_run"
    legs: Literal["heavy", "any"] = Field(default="heavy", description="heavy leg work or any")


class LiftBeforeLongRun(CoachRuleConfig):
    """LIFT<LONG: no lift earlier the same day than the long run (run first, 002)."""

    ID: ClassVar[str] = "lift_before_long_run"


class LegsConsecutive(CoachRuleConfig):
    """LEGS-CONSEC: no leg lifts (any session with lower-body sets, light circuits
    included) on two consecutive calendar days: legs need about 48 h, whatever the session
    is rated."""

    ID: ClassVar[str] = "legs_consecutive"


class LongRunEve(CoachRuleConfig):
    """LEGS>LONG: no leg lift at all (light circuits included) on the calendar day before the
    long run (002: "not even work on your legs the day before")."""

    ID: ClassVar[str] = "long_run_eve"


class AfterLongRun(CoachRuleConfig):
    """LONG>HARD: the day after the long run holds no quality run, and after a long run of
    `long_minutes` or more no heavy-leg lift either (the hard/easy principle)."""

    ID: ClassVar[str] = "after_long_run"
    long_minutes: int = Field(default=120, ge=0, le=limits.MAX_SESSION_MINUTES)


class RaceTaper(CoachRuleConfig):
    """RACE-LEGS, RACE-EASY, TAPER-LONG: no leg lift at all in the `legs_days` days before a
    5k to half (`long_legs_days` before a marathon or ultra); no run of `easy_minutes` or
    more in the `easy_days` days before the race; the week before race week's long run at
    most `long_percent` % of the longest long run before it (`marathon_long_percent` for a
    marathon or ultra: the last long run shrinks, Pfitzinger); TAPER-WEEK: before a half or
    longer, that week's running at most `week_percent` % of the biggest week before it;
    RACE-SHARPEN: race week's quality run at most `sharpen_minutes` long where the scenario
    offers one that short. Each occurrence counts once."""

    ID: ClassVar[str] = "race_taper"
    legs_days: int = Field(default=3, ge=0, le=21)
    long_legs_days: int = Field(default=5, ge=0, le=21, description="marathon and ultra")
    easy_days: int = Field(default=2, ge=0, le=14)
    easy_minutes: int = Field(default=60, ge=1, le=limits.MAX_SESSION_MINUTES)
    long_percent: int = Field(default=80, ge=0, le=100)
    marathon_long_percent: int = Field(default=65, ge=0, le=100)
    week_percent: int = Field(
        default=90, ge=0, le=100, description="half, marathon and ultra: TAPER-WEEK"
    )
    sharpen_minutes: int = Field(
        default=45, ge=1, le=limits.MAX_SESSION_MINUTES, description="RACE-SHARPEN"
    )


class LongShare(CoachRuleConfig):
    """LONG-SHARE: in a loaded week of running (base, build, peak) the long run is at most
    `percent` % of the week's running minutes (the race aside); Daniels puts it at about
    25-30%; the solver does not price a share between 35% and 50% (see "Plans a coach
    would hand out" in the docs)."""

    ID: ClassVar[str] = "long_share"
    percent: int = Field(default=50, ge=1, le=100)


class ShortRuns(CoachRuleConfig):
    """PAD: a base, build or peak week holds at most one run of `minutes` or less (the race
    aside): the week's counts are met with real easy runs, not jogs. Counted once a week."""

    ID: ClassVar[str] = "short_runs"
    minutes: int = Field(default=20, ge=1, le=limits.MAX_SESSION_MINUTES)


class FirstWeek(CoachRuleConfig):
    """FIRST-WEEK: with a `history` of weekly loads, the plan's first week's session-RPE
    load (the race aside) is at most `percent` % of the history's mean (003: +10% a week;
    a plan starts where the athlete is)."""

    ID: ClassVar[str] = "first_week"
    percent: int = Field(default=120, ge=1, le=300)


class HeavyLifts(CoachRuleConfig):
    """NO-HEAVY: an athlete with a gym (not a beginner: quality runs allowed beyond one a
    week) whose plan has a loaded week and a heavy key lift on offer lifts heavy at least
    once in the plan: a hard, heavy-leg session that is not a volume day (000: maintain
    strength with heavy, low-volume work). Counted once per plan."""

    ID: ClassVar[str] = "heavy_lifts"


class QualityFit(CoachRuleConfig):
    """QUALITY-FIT: in a race plan of two or more weeks each quality run is of a type on the
    week's menu (by distance and phase; beginners: hills before tempo, the known type in
    race week; see the quality menu in "Plans a coach would hand out"); a 5k or 10k race
    plan holds an intervals session (Daniels: I pace for 5k-10k) when intervals are on
    offer; and, when two or more quality types are on offer, no `streak` consecutive weeks
    whose quality runs are all of one type (each such window of weeks counts once: a coach
    rotates the stimulus, 004)."""

    ID: ClassVar[str] = "quality_fit"
    streak: int = Field(default=4, ge=2, le=26)


class SameDayOrder(RuleConfig):
    """A run and a lift on one day: in this order, at least `min_gap_hours` apart (002)."""

    ID: ClassVar[str] = "same_day_order"
    order: Literal["run_first", "lift_first", "any"] = "run_first"
    min_gap_hours: Hours = Field(default=0, ge=0, le=24)


class PlyoNotHeavy(RuleConfig):
    """No plyometrics on a day with heavy lifting (004)."""

    ID: ClassVar[str] = "plyo_not_heavy"


class PhaseLimits(RuleConfig):
    """No strength session harder than the week's phase allows (`max_strength_intensity`
    in the phase table: e.g. no heavy lifting in taper and deload weeks)."""

    ID: ClassVar[str] = "phase_limits"


class RunProgression(RuleConfig):
    """Weekly running minutes (the race aside) rise by at most `percent` % week over week
    (003); after a deload week, RETURN: at most `percent` % above the last loaded week."""

    ID: ClassVar[str] = "run_progression"
    percent: int = Field(default=10, ge=0, le=100)


class Deload(RuleConfig):
    """A deload week is lighter than the week before (004, 001: deload every 3-4 weeks):
    training minutes at least `cut_percent` % lower, running minutes at least
    `run_cut_percent` % lower, and a shorter long run."""

    ID: ClassVar[str] = "deload"
    cut_percent: int = Field(default=30, ge=0, le=90)
    run_cut_percent: int = Field(default=20, ge=0, le=90)


class ReRamp(RuleConfig):
    """Back from a long gap easy: after each week the training log closed as re-ramped
    (`basis` with `reramped: true`, written by `hybridplan log import` after more than 7 days
    without training), the next week (not race week) holds at most `quality` quality runs
    (tempo, intervals, hills) and no long run longer than `long_percent` % of that week's
    basis long run (003: +10%) or `min_minutes`, whichever is more (an hour is an easy run's
    length; a cap below the shortest long run would take the long run out of the week back;
    a basis of 0, nothing run for four weeks, caps it at `min_minutes`). The re-ramped week
    itself is not judged: its days up to the log's last day are past, and a gap of more
    than 7 days spans two weeks, each marked re-ramped by the import that logs it, so the
    first days back fall in the week after a re-ramped one. In force whenever the
    scenario's basis has a re-ramped week."""

    ID: ClassVar[str] = "re_ramp"
    AUTOMATIC: ClassVar[bool] = True
    long_percent: int = Field(default=110, ge=0, le=300, description="% of the basis long run")
    min_minutes: int = Field(
        default=60, ge=0, le=limits.MAX_SESSION_MINUTES, description="a long run always allowed"
    )
    quality: int = Field(default=1, ge=0, le=14, description="quality runs the week back")


class RaceDay(RuleConfig):
    """The race is on race day, alone, in the day's first slot, and nothing follows it; it
    overrides a named rest day. In force whenever the scenario has a race."""

    ID: ClassVar[str] = "race_day"
    AUTOMATIC: ClassVar[bool] = True


class RaceWeek(RuleConfig):
    """RACE-* and TAPER: before the race, no long run in the `long_run_days` days, no hard
    or heavy-leg lifting in the `lift_days` days (`long_lift_days` for a marathon or ultra),
    no quality run in the `quality_days` days, nothing but a short easy run (at most
    `eve_minutes`) or mobility the day before; race week's running minutes, the race
    aside, at most `taper_percent` % of the highest week's (000, taper practice)."""

    ID: ClassVar[str] = "race_week"
    long_run_days: int = Field(default=6, ge=0, le=21)
    lift_days: int = Field(default=7, ge=0, le=21)
    long_lift_days: int = Field(default=10, ge=0, le=21, description="marathon and ultra")
    quality_days: int = Field(default=2, ge=0, le=14)
    eve_minutes: int = Field(default=30, ge=0, le=120, description="longest run the day before")
    taper_percent: int = Field(default=70, ge=0, le=100)


class Pinned(RuleConfig):
    """Pinned sessions (`fixed`) stay in their slots; forbidden ones (`forbid`) stay out.
    Always in force when a scenario pins or forbids anything."""

    ID: ClassVar[str] = "pinned"
    AUTOMATIC: ClassVar[bool] = True


# ---------------------------------------------------------------- soft rules
class SetVolume(SoftRuleConfig):
    """Weekly sets per muscle group inside `targets.sets`: `weight` per set outside."""

    ID: ClassVar[str] = "set_volume"
    weight: int = Field(default=10, ge=0, le=10_000, description="points per set outside range")


class RunQuality(SoftRuleConfig):
    """A quality or long run after hard or leg strength (within `hours`, or earlier the same
    day) loses `weight` points per such pair."""

    ID: ClassVar[str] = "run_quality"
    weight: int = Field(default=20, ge=0, le=10_000, description="points per pair")
    hours: Hours = Field(default=24, ge=0, le=168)
    legs: Literal["heavy", "any"] = Field(
        default="any", description="which leg strength spoils a key run (besides hard lifting)"
    )


class RunVolume(SoftRuleConfig):
    """Running minutes (the race aside) short of the week's target: `weight` points per
    minute. In a block the targets ramp week by week (FLAT), and minutes more than
    `over_percent` % above a week's target cost `weight` each too, so the block builds
    instead of starting high."""

    ID: ClassVar[str] = "run_volume"
    weight: int = Field(default=1, ge=0, le=10_000, description="points per minute off")
    over_percent: int = Field(default=10, ge=0, le=100)


class LongRunLength(SoftRuleConfig):
    """The long run's length inside the week's band: `weight` points per minute outside.
    The band follows the race distance and the phase (it grows through base and build,
    peaks 2-5 weeks before the race, shrinks in deload and taper weeks), or the scenario's
    targets.long_run_minutes."""

    ID: ClassVar[str] = "long_run_length"
    weight: int = Field(default=1, ge=0, le=10_000, description="points per minute outside")


class Mobility(SoftRuleConfig):
    """NO-MOB: `min_sessions` to `max_sessions` mobility sessions a week (001, 004):
    `weight` points per session short or over. Costs time, so a full calendar drops it."""

    ID: ClassVar[str] = "mobility"
    weight: int = Field(default=10, ge=0, le=10_000, description="points per session")
    min_sessions: int = Field(default=1, ge=0, le=14)
    max_sessions: int = Field(default=2, ge=0, le=14)


class Preferences(SoftRuleConfig):
    """The athlete's wishes: long run on `preferences.long_run_day`, nothing on named rest
    days, and the same-day order of run and lift. `weight` points per unmet wish."""

    ID: ClassVar[str] = "preferences"
    weight: int = Field(default=15, ge=0, le=10_000, description="points per unmet wish")
    order: Literal["run_first", "lift_first", "none"] = Field(
        default="none", description="preferred order of a run and a lift on one day"
    )


class Spread(SoftRuleConfig):
    """Spread the lifting: `weight` points per pair of strength sessions on the same or
    consecutive days, and per pair of a strength session and a hard or long run on the same
    day (001: lift on easy days)."""

    ID: ClassVar[str] = "spread"
    weight: int = Field(default=5, ge=0, le=10_000, description="points per pair")
    consecutive: bool = True
    hard_run_days: bool = True


class LongRunPeak(CoachRuleConfig):
    """LONG-PEAK: before a race, the longest long run falls 2-5 weeks before race week and
    is long enough for the distance (marathon and ultra 150 min, half 100, 10k 75):
    `weight` points if no long run in that window is long enough, and per week outside it
    whose long run is longer than the window's longest."""

    ID: ClassVar[str] = "long_run_peak"


class Monotony(SoftRuleConfig):
    """Training monotony (mean daily session-RPE load / its standard deviation over the
    7 days, rest days as 0; Foster) at most `limit`: `weight` points per week above it.
    Computed exactly, with squares of daily loads (so not part of the linear model the
    peers benchmark translates; enable it per scenario or rule set)."""

    ID: ClassVar[str] = "monotony"
    weight: int = Field(default=10, ge=0, le=10_000, description="points per week")
    limit: float = Field(
        default=2.0,
        gt=0,
        le=limits.MAX_MONOTONY_LIMIT,
        description="tested exactly as the fraction it is written as (up to 3 decimals)",
    )


class AcuteChronic(SoftRuleConfig):
    """Acute:chronic load ratio (this week's training load / the mean of the last 4 weeks',
    with the scenario's `history` of past weekly loads) inside [`low`, `high`]: `weight`
    points per week outside. Training load leaves the race out; deload, taper and race weeks
    are not judged below `low`. The evidence is contested: use it softly."""

    ID: ClassVar[str] = "acute_chronic"
    weight: int = Field(default=10, ge=0, le=10_000, description="points per week")
    low: float = Field(default=0.8, ge=0, le=3)
    high: float = Field(default=1.3, ge=0, le=3)


class RaceForm(SoftRuleConfig):
    """RACE-FORM (opt-in: `override: {race_form: {}}`): before a race, the modelled form on
    race morning (fitness minus fatigue: the 42- and 7-day averages of the daily
    session-RPE load at the end of the day before the race, as `hybridplan form` shows
    them) between `low` and `high` % of fitness: `weight` points per whole load unit of
    form outside, rounded up. Judged when fitness has a base: a `history`, or the race 42
    days or more into the plan. The band is taper practice on TrainingPeaks' chart, made
    relative: Joe Friel tapers an A race to form +15 to +25 (some athletes +5 to +10;
    joefrieltraining.com/?p=42, from the TrainingPeaks blog), Matt Fitzgerald to slightly
    positive, +5 or so (trainingpeaks.com/blog/managing-your-training-stress-balance),
    both at a fitness of about 100 a day: 5-25 % of fitness. One point a load unit is
    less than the running rules' point a minute (a minute of running on the eve moves form
    about half a unit), so the rule shapes the taper rather than cutting its running.
    Off in the built-in rule sets: it doubles the 8-week 10k block's solve (docs: Plans of
    several weeks)."""

    ID: ClassVar[str] = "race_form"
    weight: int = Field(
        default=1, ge=0, le=10_000, description="points per load unit of form outside"
    )
    low: int = Field(default=5, ge=-100, le=100, description="% of fitness, at least")
    high: int = Field(default=25, ge=-100, le=100, description="% of fitness, at most")


class Stability(SoftRuleConfig):
    """Replanning: `weight` points per change against the scenario's `previous` plan (a
    session dropped, added or moved; a move counts once). In force whenever there is a
    previous plan."""

    ID: ClassVar[str] = "stability"
    AUTOMATIC: ClassVar[bool] = True
    weight: int = Field(default=10, ge=0, le=10_000, description="points per change")


# The rule catalogue, in order: rule sets list their rules in this order and the model
# builds them in this order (availability and rest_days rule candidates out before the pair
# rules enumerate what is left). Adding a rule: its config class here and in this list, its
# module solver/core/rules/<id>.py, its tests tests/core/rules/test_<id>.py. Everything else (the
# registry, RulesConfig, the JSON Schema, the docs' rule table) is derived.
RULES: tuple[type[RuleConfig], ...] = (
    Availability,
    OnePerSlot,
    DailySessions,
    WeeklyMinutes,
    RunCount,
    StrengthCount,
    LongRun,
    QualityRuns,
    MobilityCount,
    RestDays,
    HardSeparation,
    NoConsecutiveHardDays,
    LegsBeforeLongRun,
    MuscleRecovery,
    SameDayOrder,
    PlyoNotHeavy,
    PhaseLimits,
    RunProgression,
    Deload,
    ReRamp,
    RaceDay,
    RaceWeek,
    RaceTaper,
    Pinned,
    Shortfall,
    QualitySpacing,
    QualityBeforeLong,
    LiftAfterHardRun,
    LegsBeforeKeyRun,
    LiftBeforeLongRun,
    LegsConsecutive,
    LongRunEve,
    AfterLongRun,
    LongShare,
    ShortRuns,
    FirstWeek,
    HeavyLifts,
    QualityFit,
    SetVolume,
    RunQuality,
    RunVolume,
    LongRunLength,
    Mobility,
    Preferences,
    Spread,
    LongRunPeak,
    Monotony,
    AcuteChronic,
    RaceForm,
    Stability,
)
RULE_CONFIGS: dict[str, type[RuleConfig]] = {cls.ID: cls for cls in RULES}


class _RulesConfigBase(BaseModel):
    """Rule id -> configuration. In a rule set, a listed rule is enabled; in a scenario's
    `override`, the fields given replace the rule set's (and `enabled: false` drops it)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    def given(self) -> dict[str, RuleConfig]:
        """The rules this object names, in catalogue order."""
        return {rid: cfg for rid in RULE_CONFIGS if (cfg := getattr(self, rid)) is not None}


if TYPE_CHECKING:

    class RulesConfig(_RulesConfigBase):
        """One optional field per rule id (built from RULES at run time)."""

else:
    RulesConfig = create_model(
        "RulesConfig",
        __base__=_RulesConfigBase,
        __module__=__name__,
        **{cls.ID: (cls | None, None) for cls in RULES},
    )
    RulesConfig.__doc__ = _RulesConfigBase.__doc__


class RuleSetFile(BaseModel):
    """A named rule set file (YAML): which rules apply, with parameters and weights."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: Annotated[str, AfterValidator(visible)] = Field(min_length=1, max_length=limits.MAX_NAME)
    description: Annotated[str, AfterValidator(shown)] = Field(
        default="", max_length=limits.MAX_TEXT
    )
    rules: RulesConfig
    phases: dict[Phase, PhaseTargets] = Field(
        default_factory=dict, description="how each training phase changes a week's targets"
    )


class RuleSet(BaseModel):
    """A resolved rule set: the enabled rules, in catalogue order."""

    model_config = ConfigDict(frozen=True)

    name: str
    description: str = ""
    rules: dict[str, RuleConfig]
    phases: dict[str, PhaseTargets] = Field(default_factory=dict)

    @classmethod
    def from_file(cls, spec: RuleSetFile) -> RuleSet:
        return cls(
            name=spec.name,
            description=spec.description,
            rules={rid: c for rid, c in spec.rules.given().items() if c.enabled},
            phases=dict(spec.phases),
        )

    def to_data(self) -> dict[str, Any]:
        """A rule set file's content: `RuleSet.from_data(rs.to_data()) == rs`."""
        return {
            "name": self.name,
            "description": self.description,
            "rules": {rid: cfg.model_dump() for rid, cfg in self.rules.items()},
            "phases": {
                p: t.model_dump(mode="json", exclude_unset=True) for p, t in self.phases.items()
            },
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> RuleSet:
        spec = RuleSetFile.model_validate(data)
        return cls(
            name=spec.name,
            description=spec.description,
            rules=spec.rules.given(),
            phases=dict(spec.phases),
        )

    def with_overrides(self, override: RulesConfig) -> RuleSet:
        """Merge a scenario's overrides: only the fields the scenario wrote replace ours."""
        rules = dict(self.rules)
        for rid, patch in override.given().items():
            base = rules.get(rid) or RULE_CONFIGS[rid]()
            merged = base.model_copy(update={f: getattr(patch, f) for f in patch.model_fields_set})
            if merged.enabled:
                rules[rid] = merged
            else:
                rules.pop(rid, None)
        ordered = {rid: rules[rid] for rid in RULE_CONFIGS if rid in rules}
        name = self.name if not override.given() else f"{self.name}+overrides"
        return RuleSet(name=name, description=self.description, rules=ordered, phases=self.phases)
