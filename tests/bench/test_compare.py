"""Rule-set comparison and the peers: the bench writes every file with the expected rows,
a failing scenario is an error row, variants expand, HiGHS reaches CP-SAT's optimum, and
the greedy baseline never breaks a hard rule. (The yardstick's statistics: test_bench.)"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from greedy import greedy
from helpers import ROOT, solve_once
from hybridplan.batch.generate import generate
from hybridplan.bench.compare import configurations, run_comparison, summarize
from hybridplan.cli import app
from hybridplan.core.checking import check_plan
from hybridplan.core.model import build_model
from hybridplan.core.solving import as_week, solve
from hybridplan.models import InputError, PlanInput, Result, load_plan_input
from hybridplan.models.variants import expand_variants

SCENARIOS = ROOT / "scenarios"
SHIPPED = sorted(p for p in SCENARIOS.glob("*.y*ml"))
# the shipped plans of several weeks (read from the files: `weeks:` above 1)
BLOCKS = {p.name for p in SHIPPED if (yaml.safe_load(p.read_text()) or {}).get("weeks", 1) > 1}


@pytest.fixture
def two(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SCENARIOS / "seed-001-sample-week.yaml", src / "seed.yaml")
    shutil.copy(SCENARIOS / "busy-week-4h.yaml", src / "busy.yaml")
    return src


def test_bench_writes_every_file_with_the_expected_rows(two: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "--scenarios",
            str(two),
            "--rules",
            "balanced,strict",
            "--seeds",
            "2",
            "--out",
            str(out),
            "--show",
            "seed-001-sample-week",
        ],
    )
    assert result.exit_code == 0, result.output
    for name in (
        "runs.csv",
        "weeks.csv",
        "summary.csv",
        "ranking.csv",
        "pairwise.csv",
        "winloss.csv",
        "borda.csv",
        "report.json",
        "report.html",
    ):
        assert (out / name).stat().st_size > 0
    runs = pd.read_csv(out / "runs.csv")
    assert len(runs) == 2 * 2 * 2
    assert set(runs["rule_set"]) == {"balanced", "strict"}
    assert runs["verified"].all()
    seed_week = runs[(runs["scenario"] == "seed-001-sample-week") & (runs["seed"] == 0)]
    assert dict(zip(seed_week["rule_set"], seed_week["objective"], strict=True)) == {
        "balanced": 0,  # the article's week exactly: its lift-then-tempo Wednesday is endorsed
        "strict": 105,
    }
    penalty_columns = [c for c in runs.columns if c.startswith("penalty_")]
    assert (runs[penalty_columns].sum(axis=1) == runs["objective"]).all()
    for metric in (
        "freshness_min_h",
        "rest_days",
        "minutes",
        "hard_days",
        "load",
        "monotony",
        "sets_short",
        "objections_per_week",
        "sets_short_per_week",
        "run_off_pct",
    ):
        assert metric in runs.columns
    # one row per metric (the composite and the seven ranked ones) for the one pair
    assert len(pd.read_csv(out / "pairwise.csv")) == 8
    html = (out / "report.html").read_text()
    assert html.count("data:image/png;base64,") >= 5
    assert "seed-001-sample-week" in html
    doc = json.loads((out / "report.json").read_text())
    assert {"runs", "weeks", "summary", "ranking", "pairwise", "winloss", "borda"} <= set(doc)


def test_a_failing_scenario_is_an_error_row(two: Path) -> None:
    (two / "broken.yaml").write_text("name: broken\navailability: {mon: {am: -1}}\n")
    runs = run_comparison([two], configurations(["balanced", "minimal"]))
    broken = runs[runs["file"].str.endswith("broken.yaml")]
    assert len(broken) == 2 and set(broken["status"]) == {"error"}
    assert broken["error"].str.contains("availability.mon.am").all()
    assert set(runs[~runs["file"].str.endswith("broken.yaml")]["status"]) == {"optimal"}
    summary = summarize(runs)
    assert summary.set_index("rule_set").loc["balanced", "errors"] == 1


def test_variants_expand_into_named_configurations(tmp_path: Path) -> None:
    path = tmp_path / "sweep.yaml"
    path.write_text(
        "name: sep\nbase: balanced\nsweep:\n  hard_separation.hours: [12, 36]\n"
        "  spread.weight: [0, 5]\n"
    )
    configs = expand_variants(path)
    assert [c.name for c in configs] == [
        "sep[hard_separation.hours=12,spread.weight=0]",
        "sep[hard_separation.hours=12,spread.weight=5]",
        "sep[hard_separation.hours=36,spread.weight=0]",
        "sep[hard_separation.hours=36,spread.weight=5]",
    ]
    assert configs[2].rules["hard_separation"].hours == 36  # type: ignore[attr-defined]
    assert configs[2].rules["spread"].weight == 0  # type: ignore[attr-defined]
    assert [c.name for c in configurations(["minimal", str(path)])][:2] == [
        "minimal",
        "sep[hard_separation.hours=12,spread.weight=0]",
    ]
    path.write_text("base: balanced\nsweep:\n  hard_separation.colour: [1]\n")
    with pytest.raises(InputError, match="colour"):
        expand_variants(path)


# A shipped scenario where HiGHS on benchmarks/mip.py's translation and CP-SAT disagree is
# listed here as a strict xfail, so that the day it agrees, this test says so. The last one,
# beginner-half-10w (HiGHS 170, CP-SAT 185), agrees since the half's long-run floor was
# rounded to a length a long run can have (progression.running_base): both find 170. The
# old gap, 15, is the size of the week-8 long run's long_run_length penalty that every
# plan paid then and none pays now; the translation's construct that let HiGHS skip it
# was not found.
DISAGREES: set[str] = set()


def _is_block(path: Path) -> bool:
    return load_plan_input(path).weeks > 1


# HiGHS stops on the wall clock only: the blocks (tens of seconds each) are full-size checks,
# run with `make test-slow`; the weeks take milliseconds.
@pytest.mark.parametrize(
    "path",
    [pytest.param(p, marks=[
        *([pytest.mark.xfail(strict=True, reason="mip.py translation")] if p.stem in DISAGREES
          else []),
        *([pytest.mark.slow] if _is_block(p) else []),
    ]) for p in SHIPPED],
    ids=lambda p: p.stem,
)  # fmt: skip
def test_highs_translation_reaches_the_cpsat_optimum(path: Path) -> None:
    pytest.importorskip("highspy")
    from mip import solve_mip

    week = load_plan_input(path)
    # a work limit, not the wall clock: under CI load a 10 s solve of a 16-week block can
    # stop before its optimum, and the comparison is only meaningful against a proof
    result = solve(week, time_limit=600, deterministic_time=120)
    ctx = build_model(week)
    if not result.found:
        assert solve_mip(ctx.model.proto, time_limit=60).status == "infeasible"
        return
    # the same lexicographic order: the fewest coach objections (priority rules) first,
    # then the best penalty with no more of them
    priority = {rid for rid, cfg in week.rule_items() if cfg.priority}
    breaks = sum(1 for p in result.penalties if p.rule in priority)
    assert result.status == "optimal"
    ctx.model.minimize(ctx.priority_count())
    fewest = solve_mip(ctx.model.proto, time_limit=60)
    assert fewest.status == "optimal" and fewest.objective == breaks
    ctx.model.add(ctx.priority_count() <= breaks)
    ctx.model.minimize(ctx.objective())
    mip = solve_mip(ctx.model.proto, time_limit=60)
    assert mip.status == "optimal"
    assert mip.objective == result.objective


def _greedy_keeps_the_hard_rules(cases: list[tuple[PlanInput, Result | None]]) -> int:
    """The greedy baseline's plans break no hard rule and never beat the optimum; returns
    how many cases it found a plan for."""
    found = 0
    for week, solved in cases:
        plan = greedy(week)
        if plan is None:
            continue
        found += 1
        assert check_plan(plan).violations == []
        best = solved or solve(week, deterministic_time=60)
        assert best.status == "optimal" and best.objective is not None
        assert check_plan(plan).total >= best.objective
    return found


def test_greedy_never_breaks_a_hard_rule() -> None:
    """The shipped weeks and 40 generated ones (the shipped blocks: the slow run, where
    the greedy's own search takes about 37 CPU s)."""
    shipped = [solve_once(p) for p in SHIPPED if p.name not in BLOCKS]  # shared with others
    generated = [as_week(d) for d in generate(40, seed=2)]
    found = _greedy_keeps_the_hard_rules([*shipped, *((w, None) for w in generated)])
    assert found >= (len(shipped) + len(generated)) // 3


@pytest.mark.slow
def test_greedy_never_breaks_a_hard_rule_in_a_block() -> None:
    blocks = [solve_once(p) for p in SHIPPED if p.name in BLOCKS]
    assert len(blocks) >= 6
    assert _greedy_keeps_the_hard_rules(list(blocks)) >= len(blocks) // 3
