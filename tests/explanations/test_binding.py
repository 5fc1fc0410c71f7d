"""The binding hard rules `explain` lists (fast explanations: one model with each
hard requirement behind a literal, one search per rule), checked against an enumeration of
every plan judged by the reference checker alone (tests/reference/, written from the README,
sharing no code with the model): a hard rule binds exactly when some plan that keeps every
other hard rule has no more coach objections than the solver's plan and a lower penalty,
and the penalty shown without it is the least such."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, assume, event, given, settings
from reference import rules as reference

from helpers import enumerable_slots, every_plan, input_data, random_scenario, run
from hybridplan import models
from hybridplan.core.solving import session_out
from hybridplan.explanations.analysis import tight_rules
from hybridplan.models import PlanInput

# Rules the enumeration itself assumes (a session only in a free slot, one per slot): without
# them it would have to try every slot of the week, or several sessions in one.
STRUCTURE = {"availability", "one_per_slot"}


def best_without(wk: PlanInput, rule_id: str, breaks: int) -> int | None:
    """The least penalty, judged by the reference checker over every plan, of the plans that
    keep every hard rule but `rule_id` with at most `breaks` coach objections."""
    rules = {k: v for k, v in wk.rules.rules.items() if k != rule_id}
    without = wk.with_rules(wk.rules.model_copy(update={"name": "without", "rules": rules}))
    setting = reference.Setting(input_data(without))
    best: int | None = None
    for plan in every_plan(without):
        sessions = [session_out(p).model_dump(mode="json") for p in plan.placed]
        report = reference.judge(setting, sessions)
        if report.violations or report.breaks > breaks:
            continue
        best = report.total if best is None else min(best, report.total)
    return best


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(random_scenario(max_slots=3, sessions=(3, 4)))
def test_the_binding_hard_rules_are_those_an_enumeration_finds(data: dict[str, Any]) -> None:
    wk = models.input_from_dict(data)
    assume(2 <= len(enumerable_slots(wk)) <= 3 and 3 <= len(wk.sessions) <= 4)
    result = run(wk)
    assume(result.status == "optimal" and result.objective)
    tight, undecided = tight_rules(wk, result)
    event(f"binding hard rules: {len(tight)}")
    assert undecided == []  # a tiny week is decided in the work each rule gets
    shown = {t.rule: t.objective_without for t in tight}
    breaks = reference.judge(
        reference.Setting(input_data(wk)), [s.model_dump(mode="json") for s in result.sessions]
    ).breaks
    for rule_id, cfg in wk.rules.rules.items():
        if cfg.level != "hard" or rule_id in STRUCTURE:
            continue
        best = best_without(wk, rule_id, breaks)
        if best is not None and best < result.objective:
            assert shown.get(rule_id) == best, (rule_id, best, shown)
        else:
            assert rule_id not in shown, (rule_id, best, shown)
    for t in tight:
        assert t.improvement == result.objective - t.objective_without > 0


def test_rules_the_work_limit_does_not_reach_are_listed_as_undecided() -> None:
    """With no work to spend, no rule is called binding or loose: each one this plan's
    requirements name is listed as undecided, and `explain` shows them."""
    from helpers import ROOT
    from hybridplan.explanations.explainer import explain

    wk = models.load_plan_input(ROOT / "scenarios" / "lunch-break-runner.yaml")
    result = run(wk)
    assert result.objective
    tight, undecided = tight_rules(wk, result, work=1e-9)
    assert tight == []
    assert "availability" in undecided and len(undecided) >= 5
    full, none = tight_rules(wk, result)
    assert none == [] and {t.rule for t in full} <= set(undecided)
    shown = explain(wk)
    assert shown.analysis is not None and shown.analysis.undecided == []
    assert [t.rule for t in shown.analysis.tight] == [t.rule for t in full]
    assert "undecided" not in _text(shown)
    shown.analysis.tight, shown.analysis.undecided = tight, undecided
    assert "undecided within the work limit" in _text(shown)
    assert "no hard rule binds alone" not in _text(shown)


def _text(explanation: Any) -> str:
    from rich.console import Console

    from hybridplan.outputs import render

    console = Console(record=True, width=200)
    console.print(render.explanation(explanation))
    return console.export_text()
