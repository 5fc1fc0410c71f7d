"""Long blocks at scale: the shipped marathon block stretched to 16 and 26 weeks
(weeks_speed.block), under `balanced` and `strict`, without and with the load rules
(monotony, acute_chronic). Per case: status, penalty, bound and where it comes from
(weeks: the windows' optima; search: the whole model's; plan: met), gap, time to the
first plan (wall, windows included) and the CPU time of the solve (this process: one
worker), median over --repeats runs with the spread (min-max).

The default limit is deterministic (CP-SAT's own measure of work), so every run gives the
same plan on any load and the CPU time is the figure to compare; --time-limit alone gives
the wall-clock behaviour.

    python benchmarks/blocks_speed.py [--weeks 16,26] [--rules balanced,strict]
        [--load both|off|on] [--deterministic-time 15] [--time-limit 600] [--repeats 1]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics

from weeks_speed import block


def _cpu() -> float:
    """CPU seconds of this process and its threads (CP-SAT searches in threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.1f}"
    return f"{statistics.median(values):.1f} ({min(values):.1f}-{max(values):.1f})"


def main() -> int:
    from hybridplan.core.solving import solve

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", default="16,26")
    parser.add_argument("--rules", default="balanced,strict")
    parser.add_argument("--load", choices=("both", "off", "on"), default="both")
    parser.add_argument("--deterministic-time", type=float, default=15.0)
    parser.add_argument("--time-limit", type=float, default=600.0)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    det = args.deterministic_time if args.deterministic_time > 0 else None
    loads = {"both": (False, True), "off": (False,), "on": (True,)}[args.load]
    print(f"# load {os.getloadavg()[0]:.2f}; limits: {det} deterministic s, {args.time_limit} s")
    print(
        f"{'weeks':>5} {'rules':9} {'load':4} {'status':9} {'obj':>5} {'bound':>5} "
        f"{'source':7} {'gap':>6} {'first plan s':>16} {'cpu s':>16}"
    )
    for weeks in (int(w) for w in args.weeks.split(",")):
        for rules in args.rules.split(","):
            for load in loads:
                firsts, cpus = [], []
                for _ in range(args.repeats):
                    began = _cpu()
                    r = solve(
                        block(weeks, rules, load),
                        time_limit=args.time_limit,
                        deterministic_time=det,
                    )
                    cpus.append(_cpu() - began)
                    if r.first_solution_seconds is not None:
                        firsts.append(r.first_solution_seconds)
                gap = "-" if r.gap is None else f"{100 * r.gap:.1f}%"
                print(
                    f"{weeks:>5} {rules:9} {'on' if load else 'off':4} {r.status:9} "
                    f"{r.objective if r.objective is not None else '-':>5} "
                    f"{r.bound if r.bound is not None else '-':>5} "
                    f"{r.bound_source or '-':7} {gap:>6} "
                    f"{_spread(firsts) if firsts else '-':>16} {_spread(cpus):>16}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
