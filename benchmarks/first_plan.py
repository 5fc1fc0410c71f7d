"""A block's first plan (anytime blocks): for every shipped block, the 26-week
marathon block (weeks_speed.block) and generated race blocks, under each rule set, the CPU
time of the week-by-week first plan (hybridplan.core.first_plan, median over --repeats), its
penalty as the independent checker counts it, whether it breaks a hard rule, and the
penalty of the whole solve with default options beside it (the ratio: how far the first
plan is from what the search makes of it; the optimum when the solve is proven).

    python benchmarks/first_plan.py [--rules balanced,strict] [--generated 10] [--seed 1]
        [--repeats 3] [--no-solve]

Targets: each first plan within 1 CPU s and no worse than 3x the optimum."""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path
from typing import Any

import yaml
from weeks_speed import block

ROOT = Path(__file__).resolve().parent.parent


def cases(generated: int, seed: int) -> list[tuple[str, Any]]:
    """(name, scenario) for the shipped blocks, the 26-week block and generated blocks."""
    from hybridplan.batch.generate import generate

    found: list[tuple[str, Any]] = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        if isinstance(data, dict) and int(data.get("weeks", 1)) > 1:
            found.append((path.stem, path))
    found.append(("block-26w", block(26)))
    for data in generate(0, seed, blocks=generated):
        found.append((str(data["name"]), data))
    return found


def main() -> int:
    from hybridplan.core.first_plan import first_plan
    from hybridplan.core.solving import as_week, solve
    from hybridplan.core.stages import Budget

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default="balanced,strict")
    parser.add_argument("--generated", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-solve", action="store_true", help="the first plans only")
    args = parser.parse_args()
    print(f"# load {os.getloadavg()[0]:.2f}; first plan CPU s: median of {args.repeats}")
    print(f"{'block':28} {'rules':9} {'weeks':>5} {'cpu s':>6} {'first':>6} {'valid':5} "
          f"{'solved':>6} {'status':8} {'ratio':>6}")  # fmt: skip
    worst_cpu, ratios, invalid = 0.0, [], 0
    for name, scenario in cases(args.generated, args.seed):
        for rules in args.rules.split(","):
            week = as_week(scenario, rules)
            cpus, plan = [], None
            for _ in range(args.repeats):
                began = time.process_time()
                plan = first_plan(week, Budget(600.0, None))
                cpus.append(time.process_time() - began)
            cpu = statistics.median(cpus)
            worst_cpu = max(worst_cpu, cpu)
            if plan is None:
                print(f"{name:28} {rules:9} {week.weeks:>5} {cpu:6.2f} {'none':>6}")
                invalid += 1
                continue
            invalid += not plan.valid
            line = (
                f"{name:28} {rules:9} {week.weeks:>5} {cpu:6.2f} {plan.penalty:6} "
                f"{'yes' if plan.valid else 'no':5}"
            )
            if not args.no_solve:
                result = solve(week)
                if result.objective is not None:
                    ratio = (plan.penalty + 1) / (result.objective + 1)
                    ratios.append(ratio)
                    line += f" {result.objective:6} {result.status:8} {ratio:6.2f}"
                else:
                    line += f" {'-':>6} {result.status:8}"
            print(line, flush=True)
    print(f"# worst first plan {worst_cpu:.2f} CPU s; {invalid} break a hard rule or none")
    if ratios:
        print(
            f"# (first + 1) / (solved + 1): median {statistics.median(ratios):.2f}, "
            f"worst {max(ratios):.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
