"""Rule-set comparison: every scenario under every configuration (and seed), with plan
metrics, verified by the rule checks, summarised per configuration, pairwise, and as a
MiniZinc-style Borda ranking. Never aborts on one failure: a failure is a row."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hybridplan.batch.discovery import discover
from hybridplan.metrics import plan_metrics
from hybridplan.models.errors import InputError
from hybridplan.models.loading import load_rule_set, load_scenario
from hybridplan.models.plan import Plan
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.rules import RULE_CONFIGS, RuleSet, SoftRuleConfig
from hybridplan.models.variants import expand_variants, is_variants_file

if TYPE_CHECKING:
    import pandas as pd

FOUND = ("optimal", "feasible")


def configurations(specs: Sequence[str]) -> list[RuleSet]:
    """Rule set names, rule set files and variant files (expanded), in the order given."""
    out: list[RuleSet] = []
    for spec in specs:
        path = Path(spec)
        if path.suffix and path.exists() and is_variants_file(path):
            out += expand_variants(path)
        else:
            out.append(load_rule_set(spec))
    return out


def run_comparison(
    scenarios: Sequence[str | Path],
    configs: Sequence[RuleSet],
    *,
    seeds: int = 1,
    time_limit: float = 60.0,
    work_limit: float | None = 5.0,
    skip: Sequence[Path] = (),
) -> pd.DataFrame:
    """One row per scenario x configuration x seed. `skip`: directories not searched (the
    report's own, so that its report.json is never read as a scenario)."""
    import pandas as pd

    from hybridplan.solving import solve

    rows = []
    for path, _ in discover(scenarios, skip=skip):
        try:
            scenario, _ = load_scenario(path)
        except InputError as exc:
            error = "; ".join(str(p) for p in exc.problems)
            rows += [
                _error_row(path, None, c.name, s, error) for c in configs for s in range(seeds)
            ]
            continue
        for config, seed in itertools.product(configs, range(seeds)):
            began = time.perf_counter()
            try:
                week = PlanInput.build(scenario, config.with_overrides(scenario.rules.override))
                result = solve(
                    week, time_limit=time_limit, seed=seed, deterministic_time=work_limit
                )
            except Exception as exc:  # a failure is a row, never the end of the run
                rows.append(
                    _error_row(
                        path, scenario.name, config.name, seed, f"{type(exc).__name__}: {exc}"
                    )
                )
                continue
            rows.append(_row(path, week, config.name, seed, result, time.perf_counter() - began))
    return pd.DataFrame(rows)


def _error_row(path: Path, name: str | None, config: str, seed: int, error: str) -> dict[str, Any]:
    return {
        "file": str(path),
        "scenario": name,
        "rule_set": config,
        "seed": seed,
        "status": "error",
        "verified": False,
        "error": error,
    }


def _row(
    path: Path, week: PlanInput, config: str, seed: int, result: Any, wall: float
) -> dict[str, Any]:
    # Re-verified before it counts: no hard violation, objective = recomputed penalties.
    verified = (
        result.found
        and not result.violations
        and result.objective == sum(p.amount for p in result.penalties)
    )
    status = result.status if verified or not result.found else "rejected"
    row: dict[str, Any] = {
        "file": str(path), "scenario": week.scenario.name, "rule_set": config, "seed": seed,
        "status": status, "verified": verified, "objective": result.objective,
        "bound": result.bound, "gap": result.gap,
        "first_solution_s": result.first_solution_seconds,
        "best_solution_s": result.best_solution_seconds, "wall_s": wall, "error": None,
        "week": json.dumps([[s.day, s.slot, s.session] for s in result.sessions]),
    }  # fmt: skip
    if verified:
        totals = result.penalty_by_rule()
        for rule, cls in RULE_CONFIGS.items():
            if issubclass(cls, SoftRuleConfig):  # soft, or soft unless configured hard
                row[f"penalty_{rule}"] = totals.get(rule, 0)
        plan = Plan.from_placements(
            week, ((s.day, s.slot, s.session, s.week) for s in result.sessions)
        )
        row.update(plan_metrics(plan))
        if result.metrics is not None:  # what a coach checks: one yardstick for every set
            counts = result.metrics.coach_objections
            row["objections"] = sum(counts.values())
            row.update({f"objection_{oid}": n for oid, n in counts.items()})
    return row


def summarize(runs: pd.DataFrame) -> pd.DataFrame:
    """One row per configuration: shares solved and proven, mean penalties and metrics."""
    import pandas as pd

    out = []
    numeric = [
        c
        for c in runs.columns
        if c.startswith("penalty_")
        or c
        in (
            "objective",
            "minutes",
            "rest_days",
            "hard_days",
            "load",
            "monotony",
            "freshness_min_h",
            "freshness_mean_h",
            "sets_short",
            "sets_over",
            "wall_s",
        )
    ]
    for config, group in runs.groupby("rule_set", sort=False):
        found = group[group["status"].isin(FOUND)]
        entry: dict[str, Any] = {
            "rule_set": config, "runs": len(group),
            "feasible_share": round(len(found) / len(group), 3),
            "optimal_share": round(float((group["status"] == "optimal").mean()), 3),
            "errors": int((group["status"] == "error").sum()),
        }  # fmt: skip
        for column in numeric:
            if column in found:
                values = pd.to_numeric(found[column], errors="coerce")
                entry[f"mean_{column}"] = round(float(values.mean()), 3) if len(found) else None
        out.append(entry)
    return pd.DataFrame(out)


def pairwise(runs: pd.DataFrame) -> pd.DataFrame:
    """Per scenario and seed, for each pair of configurations: which wins and by how much
    (a planned week beats none; then the lower penalty)."""
    import pandas as pd

    out = []
    for (scenario, seed), group in runs.groupby(["file", "seed"], sort=False):
        by = {r["rule_set"]: r for _, r in group.iterrows()}
        for a, b in itertools.combinations(by, 2):
            ra, rb = by[a], by[b]
            fa, fb = ra["status"] in FOUND, rb["status"] in FOUND
            if fa and fb:
                diff = float(ra["objective"]) - float(rb["objective"])
                winner = a if diff < 0 else b if diff > 0 else "tie"
                margin: float | None = abs(diff)
            else:
                winner = a if fa and not fb else b if fb and not fa else "neither"
                margin = None
            out.append(
                {"file": scenario, "seed": seed, "a": a, "b": b, "winner": winner, "margin": margin}
            )
    return pd.DataFrame(out, columns=["file", "seed", "a", "b", "winner", "margin"])


def _quality(row: Any) -> tuple[int, int, float]:
    """Solved > proven optimal > lower objective (higher tuple is better)."""
    found = row["status"] in FOUND
    return (int(found), int(row["status"] == "optimal"), -float(row["objective"]) if found else 0.0)


def borda(runs: pd.DataFrame) -> pd.DataFrame:
    """MiniZinc challenge scoring: on every instance, each pair of configurations shares one
    point: all of it to the better one (solved > proven optimal > better objective); on a
    tie it is split by time, b/(a+b) to a."""
    import pandas as pd

    score: dict[str, float] = {c: 0.0 for c in runs["rule_set"].unique()}
    for _, group in runs.groupby(["file", "seed"], sort=False):
        rows = list(group.iterrows())
        for (_, a), (_, b) in itertools.combinations(rows, 2):
            qa, qb = _quality(a), _quality(b)
            if qa != qb:
                score[a["rule_set"] if qa > qb else b["rule_set"]] += 1
                continue
            ta, tb = float(a.get("wall_s") or 0), float(b.get("wall_s") or 0)
            share = 0.5 if ta + tb == 0 else tb / (ta + tb)
            score[a["rule_set"]] += share
            score[b["rule_set"]] += 1 - share
    ranking = sorted(score.items(), key=lambda kv: -kv[1])
    return pd.DataFrame(
        [{"rank": i + 1, "rule_set": c, "borda": round(s, 3)} for i, (c, s) in enumerate(ranking)]
    )
