"""The CP-SAT model under construction: one boolean per (slot, session type) candidate,
and the few helpers every rule's `build()` shares."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from hybridplan.models.placement import Placed, Slot
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.session import SessionType

SessionPredicate = Callable[[SessionType], bool]
# CP-SAT's own types: a boolean variable (x, an enforcement or penalty literal), a linear
# expression or anything that is one (a variable, an integer), and a posted constraint.
BoolVar = cp_model.IntVar
Expr = cp_model.LinearExprT
Constraint = cp_model.Constraint


@dataclass(eq=False)
class Requirement:
    """One hard requirement a person can act on ("at least 4 runs", "Sunday stays free",
    "hard run and hard lift 24 h apart, tue-wed"), behind an assumption literal when the
    model is built to explain infeasibility."""

    key: str  # stable id: "run_count.min", "rest_days.sun", "hard_separation.tue-wed"
    rule: str  # rule id (or scenario field) a user would look up
    message: str
    literal: BoolVar
    # How to relax it alone, smallest first: with this requirement dropped and every other
    # one kept, minimise `relax_expr` (or just find a plan); `advice(optimum, plan)` words
    # the change the plan needed.
    relax_expr: Callable[[], Expr] | None = None
    advice: Callable[[int | None, Plan], str] | None = None


class BuildContext:
    """Variables x[slot, session] and the penalty terms of the soft rules, by rule id.

    With `explain=True` every hard requirement is enforced only through its own literal
    (see `requirement`), so a solver can ask which of them conflict."""

    def __init__(
        self,
        week: PlanInput,
        model: cp_model.CpModel | None = None,
        *,
        explain: bool = False,
        weeks: Sequence[int] | None = None,
        lead_days: int = 0,
        keep: Callable[[Placed], bool] | None = None,
    ):
        self.input = week
        self.model = model or cp_model.CpModel()
        self.explain = explain
        # The weeks modelled: all of them, or (for a per-week bound) some, with the rules
        # that link weeks left out (whole_plan False): a relaxation of the whole plan.
        self.weeks: list[int] = list(weeks) if weeks is not None else list(week.per_week())
        self.whole_plan = self.weeks == list(week.per_week())
        self.requirements: dict[str, Requirement] = {}
        # `lead_days`: the days just before the first modelled week are modelled too, free and
        # counted by no weekly rule, so the rules about two sessions can see across the
        # boundary once a caller fixes them (solving.py plans a block's hint week by week)
        first = (self.weeks[0] - 1) * 7 if self.weeks else 0
        # `keep`: leave out the candidates the hard rules rule out whatever else is planned
        # (model.build_model; not when explaining, where each is a requirement's to forbid)
        candidates = week.candidates(self.weeks, lead_days)
        self.candidates: list[Placed] = [p for p in candidates if keep is None or keep(p)]
        self.lead: frozenset[Placed] = frozenset(p for p in self.candidates if p.slot.day < first)
        names: dict[Slot, str] = {}  # "x[tue,am," for each slot, formatted once
        xs: list[BoolVar] = []
        for p in self.candidates:
            head = names.get(p.slot)
            if head is None:
                head = names[p.slot] = f"x[{p.slot.day_name},{p.slot.name},"
            xs.append(self.model.new_bool_var(f"{head}{p.session.id}]"))
        # x by candidate position too: the pair rules address candidates by position
        self.xs: list[BoolVar] = xs
        self.x: dict[Placed, BoolVar] = dict(zip(self.candidates, xs, strict=True))
        self._index = {p: i for i, p in enumerate(self.candidates)}
        # what the pair rules derive from the live candidates (hybridplan.core.pairs), kept until
        # a candidate is ruled out
        self.layouts: dict[int, object] = {}
        self._dead: set[Placed] = set()
        self._live: list[Placed] | None = None
        self._weeks: tuple[list[Placed], dict[int, list[Placed]]] | None = None
        self.penalties: dict[str, list[tuple[int, Expr]]] = {}
        # soft rules solved first (a coach's objections: CoachRuleConfig)
        self.priority_rules: set[str] = set()
        # the coach's preference, by term (hybridplan.core.preference), for ties of penalty
        self.preference: dict[str, list[tuple[int, Expr]]] = {}
        # A block's hint only (solving._week_bounds): what the rules that link weeks ask of
        # a window planned after the weeks before it (rules' `guide()`); never in a bound,
        # never in a plan's penalty
        self.guides: list[tuple[int, Expr]] = []
        # A block's first plan (first_plan.py): a hard rule's guide that the window alone
        # decides is a constraint there, not a price (coach.guide)
        self.strict_guides = False
        self._any_cache: dict[tuple[int, ...], BoolVar] = {}
        self._and_cache: dict[tuple[int, int], BoolVar] = {}
        # A slot holds one session at most: the variables' structure, not a choice.
        # (Rule one_per_slot states and checks it; grouping in hybridplan.core.pairs relies on it.)
        for _, in_slot in itertools.groupby(self.candidates, key=lambda p: p.slot):
            self.model.add_at_most_one(self.x[p] for p in in_slot)

    # -- candidates ------------------------------------------------------------------------
    def live(self, predicate: SessionPredicate | None = None) -> list[Placed]:
        """Candidates not ruled out yet (e.g. by availability), optionally filtered."""
        if self._live is None:
            self._live = [p for p in self.candidates if p not in self._dead]
        if predicate is None:
            return self._live
        return [p for p in self._live if predicate(p.session)]

    def live_week(self, week: int, predicate: SessionPredicate | None = None) -> list[Placed]:
        """live(), restricted to one week of the plan (grouped once, not filtered anew)."""
        live = self.live()
        if self._weeks is None or self._weeks[0] is not live:
            grouped: dict[int, list[Placed]] = {}
            for p in live:
                grouped.setdefault(p.slot.week, []).append(p)
            self._weeks = (live, grouped)
        in_week = self._weeks[1].get(week, [])
        return in_week if predicate is None else [p for p in in_week if predicate(p.session)]

    def forbid(self, placed: Placed, literal: BoolVar | None = None) -> None:
        """Rule a candidate out: for good, or (explaining) only while `literal` holds."""
        constraint = self.model.add(self.x[placed] == 0)
        if literal is not None:
            constraint.only_enforce_if(literal)
            return
        self._dead.add(placed)
        self._live = None
        self.layouts.clear()

    # -- requirements (explaining) -----------------------------------------------------------
    def requirement(
        self,
        key: str,
        rule: str,
        message: str,
        advice: Callable[[int | None, Plan], str] | None = None,
        relax_expr: Callable[[], Expr] | None = None,
    ) -> BoolVar | None:
        """The enforcement literal of a hard requirement, or None when not explaining
        (then constraints are plain hard constraints). One literal per key."""
        if not self.explain:
            return None
        if key not in self.requirements:
            literal = self.model.new_bool_var(f"req[{key}]")
            self.requirements[key] = Requirement(key, rule, message, literal, relax_expr, advice)
        return self.requirements[key].literal

    def with_requirements(self, on: Iterable[Requirement]) -> cp_model.CpModel:
        """A copy of the model with exactly the requirements `on` enforced: their literals
        fixed true, every other one's false, so presolve sees a plain model (assumption
        literals would keep it from simplifying). Conflicts and binding rules use it."""
        model = self.model.clone()
        kept = {r.literal.index for r in on}
        for r in self.requirements.values():
            literal = model.get_bool_var_from_proto_index(r.literal.index)
            model.add(literal == int(r.literal.index in kept))
        return model

    def enforce(self, constraint: Constraint, literal: BoolVar | None) -> Constraint:
        if literal is not None:
            constraint.only_enforce_if(literal)
        return constraint

    def total(
        self, placed: Iterable[Placed], value: Callable[[Placed], int] | None = None
    ) -> cp_model.LinearExpr:
        """Linear sum of x (or value(p) * x) over candidates."""
        terms = [(value(p) if value else 1, self.x[p]) for p in placed]
        return cp_model.LinearExpr.weighted_sum([v for _, v in terms], [c for c, _ in terms])

    def order(self, placed: Placed) -> int:
        """Candidate position, for deterministic ordering (never hash order)."""
        return self._index[placed]

    def placed_any(self, group: list[Placed]) -> BoolVar:
        """A literal that is true iff one of these candidates is placed. They must share a
        slot, which holds one session at most, so the literal equals their sum."""
        if len(group) == 1:
            return self.x[group[0]]
        return self.any_of(tuple(sorted(self._index[p] for p in group)))

    def any_of(self, key: tuple[int, ...]) -> BoolVar:
        """placed_any() of the candidates at these positions (ascending), one literal per
        set of candidates, shared by every rule that asks."""
        if len(key) == 1:
            return self.xs[key[0]]
        h = self._any_cache.get(key)
        if h is None:
            h = self._any_cache[key] = self.model.new_bool_var(f"any{key}")
            self.model.add(h == sum(self.xs[i] for i in key))
        return h

    def both(self, a: BoolVar, b: BoolVar) -> BoolVar:
        """A boolean equal to a AND b, exactly (so penalties are exact even in a plan that
        is feasible but not optimal)."""
        key = (min(a.index, b.index), max(a.index, b.index))
        if key not in self._and_cache:
            y = self.model.new_bool_var(f"and{key}")
            self.model.add_bool_or([a.negated(), b.negated(), y])
            self.model.add_implication(y, a)
            self.model.add_implication(y, b)
            self._and_cache[key] = y
        return self._and_cache[key]

    # -- objective -------------------------------------------------------------------------
    def penalize(self, rule: str, weight: int, expr: Expr) -> None:
        if weight:
            self.penalties.setdefault(rule, []).append((weight, expr))

    def rule_objective(self, rule: str) -> cp_model.LinearExpr:
        terms = self.penalties.get(rule, [])
        return cp_model.LinearExpr.weighted_sum([v for _, v in terms], [w for w, _ in terms])

    def objective(self) -> cp_model.LinearExpr:
        terms = [t for rule in self.penalties for t in self.penalties[rule]]
        return cp_model.LinearExpr.weighted_sum([v for _, v in terms], [w for w, _ in terms])

    def priority_count(self) -> cp_model.LinearExpr:
        """How many times the priority rules are broken (their terms, unweighted)."""
        terms = [v for rule in sorted(self.priority_rules) for _, v in self.penalties.get(rule, [])]
        return cp_model.LinearExpr.sum(terms)

    def guide_objective(self) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.weighted_sum(
            [v for _, v in self.guides], [w for w, _ in self.guides]
        )

    def preference_objective(self) -> cp_model.LinearExpr:
        terms = [t for name in self.preference for t in self.preference[name]]
        return cp_model.LinearExpr.weighted_sum([v for _, v in terms], [w for w, _ in terms])
