"""Solve speed on the shipped scenarios: build and solve time (median, p95, spread) per
scenario and rule set, whether each run was proven optimal, and the time the sessions'
prescriptions add after solving (`hybridplan.prescribe.attach`; column "presc ms"; with
--athlete the scenarios get a race time, max_hr and 1RMs, so paces and loads are computed).

    python benchmarks/solve_speed.py [--repeats 20] [--rules balanced,strict] [--athlete] [FILES...]

Figures are printed (and optionally written as CSV with --csv); they are never asserted in
tests. One worker, fixed seed: the setting the planner uses by default.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    import time

    from hybridplan.core.solving import solve
    from hybridplan.models import InputError, PlanInput, load_plan_input
    from hybridplan.models.athlete import Athlete
    from hybridplan.models.loading import builtin_rule_sets, load_rule_set
    from hybridplan.prescribe import attach

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument(
        "--rules",
        default="scenario",
        help="comma-separated rule sets, 'all', or 'scenario' (each file's own)",
    )
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--csv", type=Path, help="also write the rows as CSV here")
    parser.add_argument(
        "--athlete", action="store_true", help="give every scenario an athlete (paces, loads)"
    )
    args = parser.parse_args()

    files = args.files or sorted(
        p
        for p in (ROOT / "scenarios").iterdir()
        if p.suffix in (".yaml", ".toml", ".json") and p.name != "scenario.schema.json"
    )
    rule_names = (
        builtin_rule_sets()
        if args.rules == "all"
        else [None]
        if args.rules == "scenario"
        else args.rules.split(",")
    )
    rows = []
    print(
        f"{'scenario':28} {'rules':10} {'status':10} {'obj':>5} "
        f"{'build ms med/p95':>17} {'solve ms med/p95':>17} {'solve spread':>13} "
        f"{'presc ms med/max':>17}"
    )
    athlete = Athlete.model_validate({
        "recent_race": {"distance": "10k", "time": "45:00"}, "max_hr": 188,
        "lifts": {"back_squat": 100, "deadlift": 120, "bench_press": 70},
    })  # fmt: skip
    for path in files:
        for name in rule_names:
            try:
                week = load_plan_input(path, load_rule_set(name) if name else None)
                if args.athlete:
                    scenario = week.scenario.model_copy(update={"athlete": athlete})
                    week = PlanInput.build(scenario, week.rules)
            except InputError as exc:
                print(exc, file=sys.stderr)
                return 2
            builds, solves, statuses, objective = [], [], set(), None
            prescribing: list[float] = []
            for _ in range(args.repeats):
                r = solve(week, time_limit=args.time_limit, seed=0, workers=1)
                began = time.perf_counter()
                attach(r, week)
                prescribing.append((time.perf_counter() - began) * 1000)
                builds.append(r.build_seconds * 1000)
                solves.append(r.solve_seconds * 1000)
                statuses.add(r.status)
                objective = r.objective
            status = "/".join(sorted(statuses))
            row = {
                "scenario": week.scenario.name,
                "rules": week.rules.name,
                "status": status,
                "objective": objective,
                "build_ms_median": statistics.median(builds),
                "build_ms_p95": percentile(builds, 0.95),
                "solve_ms_median": statistics.median(solves),
                "solve_ms_p95": percentile(solves, 0.95),
                "solve_ms_min": min(solves),
                "solve_ms_max": max(solves),
                "prescribe_ms_median": statistics.median(prescribing),
                "prescribe_ms_max": max(prescribing),
                "sessions": len(r.sessions),
                "repeats": args.repeats,
            }
            rows.append(row)
            print(
                f"{row['scenario'][:28]:28} {row['rules'][:10]:10} {status:10} "
                f"{'-' if objective is None else objective:>5} "
                f"{row['build_ms_median']:8.1f}/{row['build_ms_p95']:<8.1f}"
                f"{row['solve_ms_median']:8.1f}/{row['solve_ms_p95']:<8.1f}"
                f"{row['solve_ms_min']:6.1f}-{row['solve_ms_max']:<6.1f} "
                f"{row['prescribe_ms_median']:8.2f}/{row['prescribe_ms_max']:<8.2f}"
            )
    solved = [r for r in rows if r["status"] != "infeasible"]
    if solved:
        med = statistics.median(r["solve_ms_median"] for r in solved)
        proven = sum(r["status"] == "optimal" for r in solved)
        presc = statistics.median(r["prescribe_ms_median"] for r in solved)
        per = statistics.median(
            r["prescribe_ms_median"] / max(1, r["sessions"]) for r in solved
        )
        print(
            f"\n{len(rows)} runs x {args.repeats}: median of medians {med:.1f} ms solve; "
            f"{proven}/{len(solved)} feasible ones proven optimal every time; prescriptions "
            f"add {presc:.2f} ms a solve (median; {per * 1000:.0f} us a session), after solving"
        )
    if args.csv:
        import pandas as pd

        pd.DataFrame(rows).to_csv(args.csv, index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
