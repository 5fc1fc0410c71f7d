"""What a coach checks: the objections every plan is judged by (domain brief, "What a coach
checks"), as ids and sentences. Rule sets decide which are forbidden and which are priced;
the plan metrics count all of them, so every rule set is judged on the same list."""

from __future__ import annotations

from pydantic import BaseModel, Field

OBJECTIONS: dict[str, str] = {
    "QQ": "two quality runs on consecutive days",
    "Q>LONG": "a quality run the day before the long run",
    "LEGS>KEY": "a heavy-leg lift the day before a key run (quality or long)",
    "LIFT<LONG": "a lift earlier the same day than the long run",
    "RUN>LIFT": "a hard lift the day after a hard run",
    "MUSCLE": "a muscle group with 3+ sets on two consecutive days",
    "GYM-BW": "a bodyweight session for an athlete with a gym, where the gym session fits",
    "HYPER": "a hypertrophy session on maintenance targets in season",
    "NO-MOB": "a week without mobility where time allows",
    "RACE-DAY": "the race missing from race day",
    "RACE-LONG": "a long run in the 6 days before the race",
    "RACE-LIFT": "hard or heavy-leg lifting in the 7 days before the race (10: marathon, ultra)",
    "RACE-QUALITY": "a quality run in the 2 days before the race",
    "LONG-PEAK": "the longest long run too short for the distance, or not 2-5 weeks out",
    "TAPER": "race week's running minutes, the race aside, above 70% of the peak week's",
    "RETURN": "running minutes after a deload above 110% of the last loaded week's",
    "FLAT": "running minutes or the long run not growing through base and build",
    # Inside the week: what each week holds (domain brief, content objections)
    "LONG-SHARE": "the long run above 50% of a base, build or peak week's running",
    "PAD": "two or more runs of 20 minutes or less in a base, build or peak week",
    "LEGS-CONSEC": "leg lifts on two consecutive calendar days",
    "LEGS>LONG": "any leg lift the day before the long run",
    "LONG>HARD": "a quality run, or heavy legs after a long run of 120+ min, the day after",
    "RACE-LEGS": "a leg lift within 3 days before a 5k-half (5: marathon, ultra)",
    "RACE-EASY": "a run of 60+ min in the 2 days before the race",
    "TAPER-LONG": "the long run the week before the race above 80% (marathon: 65%) of the peak",
    "TAPER-WEEK": "before a half or longer, the week before race week above 90% of the peak",
    "RACE-SHARPEN": "a race-week quality run over 45 min where a shorter one is on offer",
    "QUALITY-FIT": "a 5k/10k block with no intervals, or one quality type 4+ weeks in a row",
    "NO-HEAVY": "an athlete with a gym whose whole block has no heavy key lift",
    "OVER-ASKED": "more lifts or quality runs in a week than the athlete's own maximum",
    "FIRST-WEEK": "the first week's load above 120% of the athlete's history mean",
}
# The content objections (domain brief, "Inside the week"), in the order above.
CONTENT = tuple(list(OBJECTIONS)[list(OBJECTIONS).index("LONG-SHARE") :])


class Objection(BaseModel):
    """One objection found in a plan."""

    id: str = Field(description="an id of OBJECTIONS: QQ, Q>LONG, ...")
    detail: str
    days: list[str] = Field(default_factory=list, description="day labels involved")


class PlanMetrics(BaseModel):
    """Plan metrics that read only the finished plan (never the solver or the rules)."""

    coach_objections: dict[str, int] = Field(
        default_factory=dict, description="objection id -> how often it occurs (every id)"
    )
    objections: list[Objection] = Field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.coach_objections.values())
