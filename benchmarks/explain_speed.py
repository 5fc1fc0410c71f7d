"""Explanation speed: `explain()` on infeasible scenarios (the shipped ones by default),
repeated, with the median and p95 wall time and the size of the minimal conflict.

    python benchmarks/explain_speed.py [--repeats 10] [FILES...]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from hybridplan.explanations.explainer import explain
    from hybridplan.models import load_plan_input
    from solve_speed import percentile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "scenarios").glob("infeasible*.yaml"))
    print(f"{'scenario':30} {'rules':10} {'status':10} {'conflict':>8} {'ms med/p95':>15}")
    for path in files:
        week = load_plan_input(path)
        times, size, status = [], 0, ""
        for _ in range(args.repeats):
            began = time.perf_counter()
            exp = explain(week)
            times.append((time.perf_counter() - began) * 1000)
            size, status = len(exp.conflicts), exp.status
        print(
            f"{week.scenario.name[:30]:30} {week.rules.name[:10]:10} {status:10} {size:>8} "
            f"{statistics.median(times):7.1f}/{percentile(times, 0.95):<7.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
