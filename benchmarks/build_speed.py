"""Model build against CP-SAT solve, per week: generated weeks, each built with
`hybridplan.core.model.build_model` and solved once by CP-SAT (the search solve() makes: the
whole lexicographic order as one objective, the planner's parameters, one worker), then
solved end to end in process (`hybridplan.core.solving.solve`: loading, build, search, checks,
result). CPU time
(time.process_time), so other work on a shared machine costs less than in wall time; the
ratio build/solve comes from the same run, week by week.

    python benchmarks/build_speed.py [--count 300] [--seed 1] [--profile 40]

--profile N also prints the N functions with the most cumulative time under cProfile over
the builds (a separate pass, so the timings above are not profiled).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from typing import Any


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def line(name: str, values: list[float]) -> str:
    return (
        f"{name:24} median {statistics.median(values):7.2f}  p95 {percentile(values, 0.95):7.2f}"
        f"  min {min(values):7.2f}  max {max(values):7.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()

    from hybridplan.batch.generate import generate
    from hybridplan.core.model import build_model
    from hybridplan.core.solving import as_week, lexicographic_order, solve
    from hybridplan.core.stages import WEEK_PARAMS
    from hybridplan.core.stages import make_solver as _solver
    from hybridplan.models import InputError

    load = os.getloadavg()
    weeks: list[Any] = []
    for data in generate(args.count, seed=args.seed):
        try:
            weeks.append((data, as_week(data)))
        except InputError:
            continue
    builds, solves, ends, ratios = [], [], [], []
    for data, week in weeks:
        began = time.process_time()
        ctx = build_model(week)
        built = time.process_time()
        order = lexicographic_order(ctx)
        ctx.model.minimize(ctx.objective() if order is None else order)
        solver = _solver(0, 1, WEEK_PARAMS)
        solver.parameters.max_deterministic_time = 20.0
        solver.solve(ctx.model)
        solved = time.process_time()
        solve(data, time_limit=600, deterministic_time=20.0)
        ended = time.process_time()
        builds.append((built - began) * 1000)
        solves.append((solved - built) * 1000)
        ends.append((ended - solved) * 1000)
        ratios.append((built - began) / max(solved - built, 1e-9))
    print(
        f"{len(weeks)} generated weeks (seed {args.seed}), CPU ms per week; "
        f"load average {load[0]:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    print(line("build_model", builds))
    print(line("CP-SAT search", solves))
    print(line("solve() end to end", ends))
    print(
        f"build/solve ratio per week: median {statistics.median(ratios):.2f} "
        f"(p5 {percentile(ratios, 0.05):.2f}, p95 {percentile(ratios, 0.95):.2f}); "
        f"ratio of medians {statistics.median(builds) / statistics.median(solves):.2f}"
    )
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _, week in weeks:
            build_model(week)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
