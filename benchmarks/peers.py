"""hybridplan against its peers, on the same scenarios in one run:

1. CP-SAT (hybridplan's solve) with one and with two workers;
2. a greedy first-fit planner of the kind training apps use (benchmarks/greedy.py);
3. the same built model as a MIP, solved by HiGHS (benchmarks/mip.py), against CP-SAT on
   that very model: for a week, its whole order as one objective
   (solving.lexicographic_order, what solve() searches: one worker, the planner's
   parameters); for a block, its penalty, against solve() (windows, bound, search), each
   proven exactly (HiGHS with no relative gap and an absolute gap under one point);
4. exhaustive enumeration on tiny scenarios, which proves the optimum independently;
and, with --scaling, CP-SAT solve time against catalogue size and slots per day.

    python benchmarks/peers.py [--generated 100] [--seed 1] [--scaling]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def brute_force(week: Any) -> int | None:
    """Every assignment of nothing or one fitting session per available slot; the lowest
    recomputed penalty among those with no hard violation (None: none is feasible)."""
    from hybridplan.core.checking import check_plan
    from hybridplan.models.placement import Placed
    from hybridplan.models.plan import Plan

    slots = [s for s in week.slots if s.capacity > 0]
    options = [
        [None, *[x for x in week.sessions.values() if x.minutes <= s.capacity]] for s in slots
    ]
    best = None
    for choice in itertools.product(*options):
        plan = Plan.of(week, [Placed(s, x) for s, x in zip(slots, choice, strict=True) if x])
        report = check_plan(plan)
        if not report.violations and (best is None or report.total < best):
            best = report.total
    return best


def tiny_scenarios(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    pool = [
        "easy_30",
        "easy_45",
        "tempo_40",
        "long_90",
        "upper_45",
        "lower_heavy_60",
        "core_30",
        "mobility_20",
    ]
    out = []
    for i in range(count):
        days = rng.sample(["mon", "tue", "wed", "thu", "fri", "sat"], k=rng.randint(2, 3))
        out.append(
            {
                "name": f"tiny-{i}",
                "include": rng.sample(pool, k=rng.randint(3, 5)),
                "availability": {d: {"am": rng.choice((45, 60, 90))} for d in days},
                "targets": {
                    "runs": [1, 2],
                    "strength": [0, 2],
                    "long_run": rng.choice((0, 1)),
                    "quality_runs": [0, 1],
                    "run_minutes": 100,
                    "sets": {"quads": [2, 6], "chest": [2, 6]},
                },
                "rules": rng.choice(("balanced", "stacked", "strict")),
            }
        )
    return out


def compare(weeks: list[Any], time_limit: float) -> list[dict[str, Any]]:
    from ortools.sat.python import cp_model

    from greedy import greedy
    from hybridplan.core.checking import check_plan
    from hybridplan.core.model import build_model
    from hybridplan.core.solving import lexicographic_order, solve
    from hybridplan.core.stages import WEEK_PARAMS
    from hybridplan.core.stages import make_solver as _solver
    from mip import solve_mip

    rows = []
    for week in weeks:
        one = solve(week, time_limit=time_limit, workers=1)
        two = solve(week, time_limit=time_limit, workers=2)
        ctx = build_model(week)
        if week.weeks == 1:  # the model solve() searches: the whole order at once
            order = lexicographic_order(ctx)
            ctx.model.minimize(ctx.objective() if order is None else order)
            same = _solver(0, 1, WEEK_PARAMS)
            same.parameters.max_time_in_seconds = time_limit
            code = same.solve(ctx.model)
            order_ms = same.wall_time * 1000
            order = round(same.objective_value) if code == cp_model.OPTIMAL else None
        else:  # a block: its penalty, which solve() finds from windows and a bound
            order_ms, order = one.solve_seconds * 1000, one.objective
        mip = solve_mip(ctx.model.proto, time_limit=time_limit)
        plan = greedy(week)
        rows.append({
            "scenario": week.scenario.name, "status": one.status, "objective": one.objective,
            "cpsat1_ms": one.solve_seconds * 1000, "cpsat2_ms": two.solve_seconds * 1000,
            "cpsat2_objective": two.objective,
            "order_ms": order_ms, "order_objective": order,
            "highs_status": mip.status,
            "highs_objective": mip.objective, "highs_ms": mip.seconds * 1000,
            "greedy": None if plan is None else check_plan(plan).total,
        })  # fmt: skip
    return rows


def report(rows: list[dict[str, Any]]) -> None:
    ratios = [r["highs_ms"] / r["order_ms"] for r in rows if r["order_ms"] > 0]
    agree = sum(
        r["order_objective"] == r["highs_objective"]
        and r["objective"] == r["cpsat2_objective"]
        # nothing proven on either side is no agreement; both infeasible is
        and (r["order_objective"] is not None or r["highs_status"] == r["status"] == "infeasible")
        for r in rows
    )
    feasible = [r for r in rows if r["status"] in ("optimal", "feasible")]
    greedy_found = [r for r in feasible if r["greedy"] is not None]
    worse = [r for r in greedy_found if r["greedy"] > r["objective"]]
    print(f"\n{len(rows)} scenarios")
    print(
        f"time HiGHS / CP-SAT (same model, 1 worker): median {statistics.median(ratios):.2f}x, "
        f"worst {min(ratios):.2f}x, best {max(ratios):.2f}x"
    )
    print(
        "solve() 1 worker median {:.1f} ms, 2 workers {:.1f} ms; same model: CP-SAT "
        "{:.1f} ms, HiGHS {:.1f} ms".format(
            statistics.median(r["cpsat1_ms"] for r in rows),
            statistics.median(r["cpsat2_ms"] for r in rows),
            statistics.median(r["order_ms"] for r in rows),
            statistics.median(r["highs_ms"] for r in rows),
        )
    )
    print(
        "same optimum (HiGHS and CP-SAT on one model; solve() 1 and 2 workers): "
        f"{agree}/{len(rows)}"
    )
    print(
        f"greedy: a week for {len(greedy_found)}/{len(feasible)} feasible scenarios; "
        f"worse than the optimum on {len(worse)}/{len(greedy_found)}; mean extra penalty "
        f"{statistics.fmean(r['greedy'] - r['objective'] for r in greedy_found):.1f}"
        if greedy_found
        else "greedy: no week found"
    )


def scaling(time_limit: float) -> None:
    from hybridplan.core.solving import solve
    from hybridplan.models.catalogue import default_catalogue
    from hybridplan.models.loading import input_from_dict

    base = {
        "name": "scale",
        "targets": {
            "runs": [3, 5],
            "strength": [2, 3],
            "long_run": 1,
            "quality_runs": [0, 2],
            "run_minutes": 240,
            "sets": {"quads": [4, 8], "back": [4, 8]},
        },
    }
    catalogue = default_catalogue()
    runs = [i for i, s in catalogue.items() if s.is_run]
    others = [i for i, s in catalogue.items() if not s.is_run]
    mixed = [i for pair in itertools.zip_longest(runs, others) for i in pair if i]
    print("\nscaling: catalogue size (2 slots a day)")
    for k in (8, 12, 16, 20, len(mixed)):
        include = mixed[:k] + (
            [] if any(catalogue[i].is_long_run for i in mixed[:k]) else ["long_90"]
        )
        data = {
            **base,
            "include": include,
            "slots": {"am": "06:30", "pm": "18:00"},
            "availability": {d: {"am": 60, "pm": 90} for d in ("mon", "tue", "wed", "thu", "fri")}
            | {"sat": {"am": 150}},
        }
        results = [solve(input_from_dict(data), time_limit=time_limit) for _ in range(5)]
        times = [r.solve_seconds * 1000 for r in results]
        print(
            f"  {len(include):3d} session types: median {statistics.median(times):6.1f} ms "
            f"({results[0].status})"
        )
    print("scaling: slots per day (full catalogue)")
    clocks = {"am": "06:30", "noon": "12:15", "pm": "18:00", "late": "20:30"}
    for n in (1, 2, 3, 4):
        names = list(clocks)[:n] if n > 1 else ["pm"]
        data = {
            **base,
            "slots": {s: clocks[s] for s in names},
            "availability": {
                d: dict.fromkeys(names, 90) for d in ("mon", "tue", "wed", "thu", "fri")
            }
            | {"sat": {names[0]: 150}},
        }
        times = [
            solve(input_from_dict(data), time_limit=time_limit).solve_seconds * 1000
            for _ in range(5)
        ]
        print(f"  {n} slots a day: median {statistics.median(times):6.1f} ms")


def main() -> int:
    from hybridplan.batch.generate import generate
    from hybridplan.core.solving import solve
    from hybridplan.models.loading import input_from_dict, load_plan_input

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tiny", type=int, default=20)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--scaling", action="store_true")
    args = parser.parse_args()

    shipped = [load_plan_input(p) for p in sorted((ROOT / "scenarios").glob("*.y*ml"))]
    generated = [input_from_dict(d) for d in generate(args.generated, args.seed)]
    rows = compare(shipped + generated, args.time_limit)
    print(
        f"{'scenario':28} {'status':10} {'obj':>5} {'solve1':>8} {'solve2':>8} "
        f"{'cpsat':>8} {'highs':>8} {'h/c':>6} {'greedy':>7}"
    )
    for r in rows[: len(shipped)]:
        objective = "-" if r["objective"] is None else r["objective"]
        greedy = "-" if r["greedy"] is None else r["greedy"]
        print(
            f"{r['scenario'][:28]:28} {r['status']:10} {objective:>5} "
            f"{r['cpsat1_ms']:8.1f} {r['cpsat2_ms']:8.1f} {r['order_ms']:8.1f} "
            f"{r['highs_ms']:8.1f} {r['highs_ms'] / r['order_ms']:6.2f} {greedy:>7}"
        )
    print(f"(+ {len(generated)} generated scenarios)")
    report(rows)

    tiny = [input_from_dict(d) for d in tiny_scenarios(args.tiny, args.seed)]
    same = sum(solve(w).objective == brute_force(w) for w in tiny)
    print(
        f"\nexhaustive enumeration on {len(tiny)} tiny scenarios: CP-SAT's optimum "
        f"equals the enumerated one on {same}/{len(tiny)}"
    )
    if args.scaling:
        scaling(args.time_limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
