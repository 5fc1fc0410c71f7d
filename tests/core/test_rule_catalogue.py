"""The rule catalogue as a whole: every registered rule has its module and its tests, works
alone on an empty week, accepts an empty plan, and reports the right kind of finding."""

from __future__ import annotations

import ast
import functools
import importlib.util

import pytest

from helpers import (
    ROOT,
    place,
    scenario,
)
from hybridplan import models
from hybridplan.core.rules import rule_module
from hybridplan.models import Penalty, Violation
from rule_helpers import (
    check,
    free_week,
    pinned,
    solved,
)

RULE_TESTS = ROOT / "tests" / "core" / "rules"
# Parametrised over several rules that share a shape: file stem -> the module's CASES.
SHARED = {"calendar_day_pairs"}


@functools.cache
def _shared_cases() -> dict[str, set[str]]:
    """Per shared file, the rules of its CASES dict (read from the source: the keys are
    plain strings)."""
    out = {}
    for stem in SHARED:
        tree = ast.parse((RULE_TESTS / f"test_{stem}.py").read_text())
        (cases,) = [
            node.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == ["CASES"]
        ]
        assert isinstance(cases, ast.Dict)
        out[stem] = {k.value for k in cases.keys if isinstance(k, ast.Constant)}
    return out


@pytest.mark.parametrize("rule", list(models.RULE_CONFIGS))
def test_every_registered_rule_has_its_module_and_its_tests(rule: str) -> None:
    """Adding a rule touches three places: its config class (in the registry), its module
    and its tests: its own file, or a case of a shared one when it has that file's shape.
    This holds for whatever the registry holds, however many rules."""
    module = rule_module(rule)
    assert callable(module.build) and callable(module.check)
    test_file = RULE_TESTS / f"test_{rule}.py"
    shared = [stem for stem, rules in _shared_cases().items() if rule in rules]
    assert test_file.is_file() or shared, f"{test_file} is missing"
    if not test_file.is_file():
        return
    spec = importlib.util.spec_from_file_location(f"_rule_test_{rule}", test_file)
    assert spec is not None and spec.loader is not None
    tests = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tests)
    classes = [c for n, c in vars(tests).items() if n.startswith("Test") and isinstance(c, type)]
    assert [c.RULE for c in classes] == [rule], f"{test_file}: one Test class with RULE = {rule!r}"


def test_no_rule_test_file_without_a_rule() -> None:
    files = {p.stem.removeprefix("test_") for p in RULE_TESTS.glob("test_*.py")}
    assert files >= SHARED
    shared: set[str] = set().union(*_shared_cases().values())
    assert (files - SHARED) | shared == set(models.RULE_CONFIGS)


def test_rules_config_has_one_field_per_registered_rule() -> None:
    assert list(models.RulesConfig.model_fields) == list(models.RULE_CONFIGS)
    assert [cls.ID for cls in models.rules.RULES] == list(models.RULE_CONFIGS)


@pytest.mark.parametrize("rule", list(models.RULE_CONFIGS))
def test_each_rule_alone_on_an_empty_week_is_feasible_at_zero(rule: str) -> None:
    """The smallest feasible case of all: nothing available, nothing wanted."""
    _, result = solved(scenario({}, targets={"runs": 0, "strength": 0}), rule, "availability")
    assert result.status == "optimal"
    assert result.sessions == []
    assert result.objective == 0
    assert result.penalties == []


@pytest.mark.parametrize("rule", list(models.RULE_CONFIGS))
def test_each_check_accepts_an_empty_plan(rule: str) -> None:
    # (no mobility on offer: in a free week, `mobility` rightly wants one)
    wk = free_week(targets={"runs": 0, "strength": 0, "quality_runs": 0}, exclude=["mobility"])
    assert check(rule, place(wk)) == []


def test_findings_are_the_right_kind() -> None:
    """Hard rules report Violations, soft rules Penalties (checking.check_plan sorts them)."""
    wk = free_week(
        targets={
            "runs": 9,
            "strength": 9,
            "long_run": 2,
            "quality_runs": 9,
            "run_minutes": 999,
            "sets": {"arms": [20, 30]},
        },
        weekly_minutes=10,
        preferences={"long_run_day": "sun", "rest_days": ["mon"]},
    )
    every_day = [
        (d, s, sid)
        for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        for s, sid in (("am", "plyometrics_30"), ("pm", "lower_heavy_60"))
    ]
    plan = place(wk, *every_day, ("sat", "am", "long_90"))
    for rid, cls in models.RULE_CONFIGS.items():
        found = check(rid, plan)
        kind = Violation if cls(**pinned(rid)[1]).level == "hard" else Penalty
        assert all(isinstance(f, kind) and f.rule == rid for f in found), rid
