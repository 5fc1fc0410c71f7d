"""Explanations: why a week cannot be planned, and why a planned week looks as it does.
Public JSON like Result."""

from __future__ import annotations

from pydantic import BaseModel, Field

from hybridplan.models.result import Result, Status


class Conflict(BaseModel):
    """One requirement of a minimal conflict, with the smallest change that alone makes the
    week possible (None when relaxing it alone is not enough)."""

    rule: str = Field(description="rule id: run_count, weekly_minutes, rest_days, ...")
    key: str = Field(description="the requirement: run_count.min, rest_days.sun, ...")
    message: str
    relaxation: str | None = None


class RuleScore(BaseModel):
    rule: str
    amount: int
    matches: int
    justifications: list[str]


class DayScore(BaseModel):
    day: str
    amount: int = Field(description="points of the penalties that involve a session that day")
    penalties: list[str] = Field(default_factory=list)


class Tight(BaseModel):
    """A hard rule that binds: without it the week would score better."""

    rule: str
    objective_without: int
    improvement: int


class Analysis(BaseModel):
    """Score analysis of a planned week."""

    objective: int
    rules: list[RuleScore] = Field(default_factory=list)
    days: list[DayScore] = Field(default_factory=list)
    tight: list[Tight] = Field(default_factory=list)
    undecided: list[str] = Field(
        default_factory=list,
        description="hard rules whose binding the work limit did not decide (no better plan "
        "found without them, none proven impossible)",
    )
    preference: int = Field(
        default=0, description="the coach preference: the tie-break among equal penalties"
    )
    preference_terms: list[RuleScore] = Field(
        default_factory=list, description="the coach preference by term (legs_fresh, ...)"
    )


class Explanation(BaseModel):
    scenario: str
    rule_set: str
    status: Status
    conflicts: list[Conflict] = Field(default_factory=list)
    minimal: bool = Field(default=False, description="dropping any one conflict makes it feasible")
    diagnosis: list[str] = Field(default_factory=list, description="problems in the data itself")
    adapted: list[str] = Field(
        default_factory=list,
        description="where the plan follows the athlete's own limits rather than the phase "
        "table, or raises the running target for the race's long run",
    )
    analysis: Analysis | None = None
    result: Result | None = Field(default=None, description="the solved week, when feasible")
    seconds: float = 0.0
    message: str = ""

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)


class Move(BaseModel):
    session: str
    before: str = Field(description="'day slot' in the first result")
    after: str = Field(description="'day slot' in the second result")


class RuleDelta(BaseModel):
    rule: str
    before: int
    after: int
    delta: int


class Diff(BaseModel):
    """What changed between two results (e.g. one week under two rule sets)."""

    before: str = Field(description="scenario and rule set of the first result")
    after: str
    objective_before: int | None
    objective_after: int | None
    moved: list[Move] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list, description="'session (day slot)'")
    added: list[str] = Field(default_factory=list)
    unchanged: int = 0
    penalties: list[RuleDelta] = Field(default_factory=list)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)
