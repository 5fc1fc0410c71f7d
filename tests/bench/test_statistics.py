"""The bench's yardstick and statistics: hand-computed Wilcoxon, rank-biserial,
bootstrap and composite cases; metrics that do not apply are missing; a 16-week block's
metrics equal counts made here from the result's sessions; the report's files; --jobs 2
gives the runs of --jobs 1; --resume keeps runs; sweeps; escaping."""

from __future__ import annotations

import json
import math
import shutil
import statistics
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from helpers import ROOT
from hybridplan.bench import ranking as rk
from hybridplan.bench.compare import (
    TIMING_COLUMNS,
    BenchTask,
    configurations,
    run_comparison,
    run_row,
)
from hybridplan.bench.measures import COMPOSITE, YARDSTICK
from hybridplan.cli import app
from hybridplan.core.metrics import freshness, plan_metrics
from hybridplan.core.solving import solve
from hybridplan.models import Placed, Plan, limits, load_plan_input
from hybridplan.models.week import DAYS

SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def two(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SCENARIOS / "seed-001-sample-week.yaml", src / "seed.yaml")
    shutil.copy(SCENARIOS / "busy-week-4h.yaml", src / "busy.yaml")
    return src


# -- statistics by hand -----------------------------------------------------------------
def test_wilcoxon_and_rank_biserial_by_hand() -> None:
    # |d| ranks 1..5; positive ranks 1+2+3+5 = 11, negative 4: W = min = 4. Exact two-sided
    # p: subsets of {1..5} with sum <= 4 are {}, {1}, {2}, {3}, {4}, {1,2}, {1,3}: 7 of 32,
    # doubled: 14/32. Rank-biserial (11 - 4) / 15.
    d = [1.0, 2.0, 3.0, -4.0, 5.0]
    w, p = rk.wilcoxon(d)
    assert w == 4
    assert p == pytest.approx(14 / 32)
    assert rk.rank_biserial(d) == pytest.approx(7 / 15)
    # zeros are dropped (a tie is no evidence either way)
    assert rk.wilcoxon([0.0, *d, 0.0]) == (w, p)
    assert rk.rank_biserial([0.0, *d]) == pytest.approx(7 / 15)
    # all better: r = 1; nothing differs: no test, no effect
    assert rk.rank_biserial([1.0, 2.0, 0.5]) == 1.0
    assert rk.wilcoxon([0.0, 0.0]) == (None, 1.0)
    assert rk.rank_biserial([0.0]) is None


def test_holm_by_hand() -> None:
    # sorted 0.01, 0.02, 0.04 -> x3, x2, x1 = 0.03, 0.04, 0.04 (kept monotone)
    assert rk.holm([0.04, 0.01, 0.02]) == pytest.approx([0.04, 0.03, 0.04])


def test_bootstrap_by_hand_and_seeded() -> None:
    # Four scenarios, one at 1: a resample's mean is K/4, K ~ Binomial(4, 1/4).
    # P(K = 0) = 0.316 > 2.5%, so the low end is 0; P(K <= 2) = 0.949 and P(K <= 3) = 0.996,
    # so the 97.5th percentile is K = 3: 0.75.
    low, high = rk.bootstrap_ci(np.array([[0.0], [0.0], [0.0], [1.0]]), resamples=4000)
    assert (low[0], high[0]) == (0.0, 0.75)
    # the same seed, the same interval; a constant column has no spread
    again = rk.bootstrap_ci(np.array([[0.0], [0.0], [0.0], [1.0]]), resamples=4000)
    assert (again[0][0], again[1][0]) == (0.0, 0.75)
    low, high = rk.bootstrap_ci(np.array([[0.5, 0.2]] * 5))
    assert list(low) == [0.5, 0.2] and list(high) == [0.5, 0.2]


def test_normalised_ranks_by_hand() -> None:
    # lower is better; b and c tie; d has no value; e planned nothing (inf)
    ranks = rk.normalised_ranks({"a": 1.0, "b": 2.0, "c": 2.0, "d": None, "e": math.inf})
    assert ranks == {"a": 0.0, "b": (1 + 0.5) / 3, "c": (1 + 0.5) / 3, "e": 1.0}
    assert rk.normalised_ranks({"a": 1.0, "d": None}) == {}  # one value ranks nobody


def _toy_runs() -> pd.DataFrame:
    """Three scenarios, sets A and B: A better on every ranked metric in two, B in one."""
    rows = []
    for i, a_better in enumerate([True, True, False]):
        for config in ("A", "B"):
            good = (config == "A") == a_better
            rows.append({
                "file": f"s{i}", "seed": 0, "rule_set": config, "weeks": 1,
                "status": "optimal", "objective": 0 if config == "B" else 50,
                **{m.column: (0.0 if good else 5.0) for m in YARDSTICK if m.better == "lower"},
                "freshness_min_h": 60.0 if good else 20.0,
            })  # fmt: skip
    return pd.DataFrame(rows)


def test_the_composite_ranks_plans_not_own_penalties() -> None:
    runs = _toy_runs()
    table = rk.rank_table(runs, resamples=2000)
    by = table.set_index("rule_set")
    # A: rank 0 in s0 and s1, 1 in s2 -> 1/3; B: 2/3. B's own objective (0 < 50) is ignored.
    assert by.loc["A", "score"] == pytest.approx(1 / 3, abs=1e-4)
    assert by.loc["B", "score"] == pytest.approx(2 / 3, abs=1e-4)
    assert list(table["rule_set"]) == ["A", "B"] and list(table["rank"]) == [1, 2]
    # resampling three scenarios: A's mean is 0, 1/3, 2/3 or 1; all possible
    assert by.loc["A", "ci_low"] == 0.0 and by.loc["A", "ci_high"] == 1.0
    for column in ("rule_set", "rank", "score", "ci_low", "ci_high"):
        assert column in table.columns
    # Borda on the yardstick: A wins two instances, B one
    borda = rk.borda(runs).set_index("rule_set")["borda"].to_dict()
    assert borda == {"A": 2.0, "B": 1.0}
    pairs = rk.pairwise(runs)
    comp = pairs[pairs["metric"] == COMPOSITE].iloc[0]
    assert (comp["a"], comp["b"], comp["n"]) == ("A", "B", 3)
    assert (comp["a_wins"], comp["ties"], comp["b_wins"]) == (2, 0, 1)
    # differences B - A per scenario: +1, +1, -1 -> ranks 2, 2, 2: r = (4 - 2) / 6
    assert comp["rank_biserial"] == pytest.approx(1 / 3, abs=1e-4)


def test_a_set_without_a_plan_ranks_last_and_a_missing_metric_is_left_out() -> None:
    runs = _toy_runs()
    runs.loc[(runs["file"] == "s2") & (runs["rule_set"] == "A"), "status"] = "infeasible"
    runs.loc[runs["file"] == "s0", "freshness_min_h"] = None  # no hard session before
    scores = rk.instance_scores(runs).set_index(["file", "rule_set"])
    assert scores.loc[("s2", "A"), COMPOSITE] == 1.0  # worse than any plan
    assert math.isnan(scores.loc[("s0", "A"), "freshness_min_h"])  # left out, not ranked
    assert scores.loc[("s0", "A"), COMPOSITE] == 0.0  # its other metrics still count


def test_resolution_makes_tiny_differences_ties() -> None:
    runs = _toy_runs()
    runs["monotony"] = [1.10, 1.12, 1.10, 1.30, 1.3, 1.1]
    scores = rk.instance_scores(runs).set_index(["file", "rule_set"])["monotony"]
    assert scores[("s0", "A")] == scores[("s0", "B")] == 0.5  # 0.02 apart: a tie at 0.05
    assert scores[("s1", "A")] == 0.0  # 0.2 apart: a win


# -- the metrics: missing is missing, blocks per (week, day) ----------------------------
def _week(path: Path) -> Any:
    return load_plan_input(path)


def test_missing_metrics_are_missing_never_168(tmp_path: Path) -> None:
    week = _week(SCENARIOS / "marathon-build.yaml")
    long_run = next(s for s in week.sessions.values() if s.is_long_run)
    easy = next(s for s in week.sessions.values() if s.is_run and s.intensity == "easy")
    hard_lift = next(s for s in week.sessions.values() if s.is_hard_strength)
    slots = {(s.day_name, s.name): s for s in week.slots}
    sat = next(s for (d, _), s in slots.items() if d == "sat")
    tue = next(s for (d, _), s in slots.items() if d == "tue")
    alone = Plan.of(week, [Placed(sat, long_run), Placed(tue, easy)])
    assert freshness(alone) == [None]  # nothing hard before the long run
    metrics = plan_metrics(alone)
    assert metrics["freshness_min_h"] is None and metrics["freshness_mean_h"] is None
    assert 168.0 not in metrics.values()
    thu = next(s for (d, n), s in slots.items() if d == "thu" and s.capacity >= hard_lift.minutes)
    lifted = Plan.of(week, [Placed(thu, hard_lift), Placed(sat, long_run)])
    [hours] = freshness(lifted)
    assert hours == (sat.start - thu.start - hard_lift.minutes) / 60
    empty = plan_metrics(Plan.of(week, []))
    assert empty["monotony"] is None and empty["monotony_by_week"] == [None]
    assert empty["rest_days"] == 7 and empty["key_runs"] == 0


def test_missing_metrics_stay_empty_in_runs_csv(tmp_path: Path) -> None:
    runs = run_comparison([SCENARIOS / "marathon-build.yaml"], configurations(["minimal"]))
    row = runs.iloc[0]
    # minimal's marathon week puts no hard session before a key run (as solved today);
    # whatever it does, a freshness is either measured or empty, never 168
    assert row["freshness_min_h"] is None or row["freshness_min_h"] != 168.0
    path = tmp_path / "runs.csv"
    runs.to_csv(path, index=False)
    back = pd.read_csv(path)
    if row["freshness_min_h"] is None:
        assert math.isnan(back.loc[0, "freshness_min_h"])


def test_a_16_week_block_is_counted_per_week_and_day() -> None:
    path = SCENARIOS / "marathon-block-16w.yaml"
    [config] = configurations(["balanced"])
    week = load_plan_input(path, config)
    result = solve(week, deterministic_time=1.0, time_limit=120)
    assert result.found
    row = run_row(BenchTask(0, str(path), config, 0), week, result, 0.0)
    assert row["status"] in ("optimal", "feasible")
    assert json.loads(row["week"]) == [[s.week, s.day, s.slot, s.session] for s in result.sessions]
    weeks = 16
    rest, hard, monotony = [], [], []
    for w in range(1, weeks + 1):
        here = [s for s in result.sessions if s.week == w]
        rest.append(7 - len({s.day for s in here}))
        hard.append(len({s.day for s in here if s.intensity == "hard"}))
        loads = [sum(s.load for s in here if s.day == d) for d in DAYS]
        mean = sum(loads) / 7
        sd = math.sqrt(sum((x - mean) ** 2 for x in loads) / 7)
        monotony.append(round(mean / sd, 3) if sd else None)
    assert json.loads(row["rest_days_by_week"]) == rest
    assert json.loads(row["hard_days_by_week"]) == hard
    assert json.loads(row["monotony_by_week"]) == monotony
    assert row["rest_days"] == sum(rest) and row["hard_days"] == sum(hard)
    assert row["rest_days"] <= 7 * weeks and row["hard_days"] >= weeks  # not by day name
    assert row["rest_days_per_week"] == pytest.approx(sum(rest) / weeks, abs=1e-3)
    assert row["monotony"] == pytest.approx(statistics.fmean(m for m in monotony if m), abs=1e-3)
    assert row["weeks"] == weeks


# -- the command ------------------------------------------------------------------------
def _bench(*args: str) -> Any:
    result = CliRunner().invoke(app, ["bench", *args])
    assert result.exit_code == 0, result.output
    return result


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    keep = [c for c in a.columns if c not in TIMING_COLUMNS]
    pd.testing.assert_frame_equal(a[keep], b[keep])


def test_report_files_jobs_2_and_resume(two: Path, tmp_path: Path) -> None:
    """One bench with --jobs 1 and one with --jobs 2 give the same runs.csv (timings
    aside); the report's files exist; names from scenario files are escaped; --resume keeps
    the finished runs and solves only the new scenario."""
    text = (two / "busy.yaml").read_text()
    evil = "<img src=x onerror=alert(1)>$x$"
    lines = [f"name: '{evil}'" if ln.startswith("name:") else ln for ln in text.splitlines()]
    (two / "busy.yaml").write_text("\n".join(lines) + "\n")
    seed, busy = str(two / "seed.yaml"), str(two / "busy.yaml")
    one, both = tmp_path / "one", tmp_path / "two"
    _bench(seed, "--scenarios", busy, "--rules", "balanced,minimal", "--out", str(one),
           "--show", f"{evil}:1")  # fmt: skip
    _bench(seed, busy, "--rules", "balanced,minimal", "--jobs", "2", "--out", str(both))
    runs1, runs2 = pd.read_csv(one / "runs.csv"), pd.read_csv(both / "runs.csv")
    assert len(runs1) == 4 and list(runs1["rule_set"]) == ["balanced", "minimal"] * 2
    assert runs1["verified"].all()
    _same(runs1, runs2)
    for name in ("runs.csv", "weeks.csv", "summary.csv", "ranking.csv", "pairwise.csv",
                 "winloss.csv", "borda.csv", "report.json", "report.html", "runs.jsonl",
                 "plots/ranking.png", "plots/metrics.png", "plots/winloss.png",
                 "plots/cactus.png"):  # fmt: skip
        assert (one / name).stat().st_size > 0, name
    ranking = pd.read_csv(one / "ranking.csv")
    assert {"rule_set", "rank", "score", "ci_low", "ci_high"} <= set(ranking.columns)
    assert (ranking["ci_low"] <= ranking["score"]).all()
    assert (ranking["score"] <= ranking["ci_high"]).all()
    html = (one / "report.html").read_text()
    for part in ("Ranking on the yardstick", "Solve times", "Head to head", "Provenance",
                 "ortools", "cpu_count", "max_deterministic_time"):  # fmt: skip
        assert part in html, part
    assert html.count("data:image/png;base64,") >= 4
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    doc = json.loads((one / "report.json").read_text())
    assert {"runs", "ranking", "pairwise", "winloss", "borda", "provenance"} <= set(doc)
    assert doc["provenance"]["seeds"] == 1
    assert doc["provenance"]["work_limit"] == limits.DEFAULT_WORK_LIMIT
    # README: a week's search runs without SAT inprocessing and without CP-SAT's CG, MIR
    # and zero-half cuts; the provenance says so
    assert doc["provenance"]["cp_sat_week_parameters"] == {
        "use_sat_inprocessing": False, "add_cg_cuts": False, "add_mir_cuts": False,
        "add_zero_half_cuts": False,
    }  # fmt: skip

    refused = CliRunner().invoke(app, ["bench", seed, "--out", str(one)])
    assert refused.exit_code == 2 and "--resume" in refused.output
    shutil.copy(SCENARIOS / "marathon-build.yaml", two / "marathon.yaml")
    result = _bench(str(two), "--rules", "balanced,minimal", "--out", str(one), "--resume")
    assert "4 runs kept" in result.output
    again = pd.read_csv(one / "runs.csv")
    assert len(again) == 6
    kept = again[again["file"] != str(two / "marathon.yaml")]
    assert kept["resumed"].all() and not again.loc[~again.index.isin(kept.index), "resumed"].any()
    order = ["file", "rule_set"]
    _same(
        runs1.sort_values(order).reset_index(drop=True),
        kept.sort_values(order).reset_index(drop=True),
    )


def test_jobs_2_gives_the_same_runs_in_the_same_order(two: Path) -> None:
    configs = configurations(["balanced", "minimal"])
    one = run_comparison([two], configs, seeds=2)
    both = run_comparison([two], configs, seeds=2, jobs=2)
    assert list(one["rule_set"]) == ["balanced", "balanced", "minimal", "minimal"] * 2
    _same(one, both)


def test_sweeps_show_how_each_parameter_moves_each_metric(two: Path, tmp_path: Path) -> None:
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text("name: sv\nbase: balanced\nsweep:\n  set_volume.weight: [0, 10]\n")
    out = tmp_path / "report"
    _bench(str(two / "busy.yaml"), "--rules", str(sweep), "--out", str(out))
    table = pd.read_csv(out / "sweeps.csv")
    assert set(table["parameter"]) == {"set_volume.weight"}
    assert set(table["value"]) == {0, 10}
    assert {m.column for m in YARDSTICK} | {COMPOSITE} == set(table["metric"])
    short = table[table["metric"] == "sets_short_per_week"].set_index("value")["mean"]
    assert short[0] >= short[10]  # not pricing sets leaves at least as many short
    assert any((out / "plots").glob("sweep-*.png"))


def test_variants_keep_the_base_sets_phase_table(tmp_path: Path) -> None:
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text("base: balanced\nsweep:\n  hard_separation.hours: [12, 36]\n")
    [base] = configurations(["balanced"])
    assert base.phases  # blocks read it: base, build, peak, taper and deload weeks
    assert all(c.phases == base.phases for c in configurations([str(sweep)]))


def test_dask_gives_the_runs_of_the_process_pool(two: Path) -> None:
    pytest.importorskip("dask.distributed")
    configs = configurations(["balanced", "minimal"])
    local = run_comparison([two / "seed.yaml"], configs)
    dask = run_comparison([two / "seed.yaml"], configs, executor="dask", jobs=1)
    _same(local, dask)


def test_no_scenarios_is_bad_input_and_leaves_no_report(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = tmp_path / "report"
    result = CliRunner().invoke(app, ["bench", str(tmp_path / "empty"), "--out", str(out)])
    assert result.exit_code == 2 and "no scenario files found" in result.output
    assert not out.exists()
    result = CliRunner().invoke(app, ["bench", "--out", str(out)])
    assert result.exit_code == 2 and "no scenarios" in result.output
