"""Solve time against the length of the plan: the shipped 16-week marathon block cut or
stretched to 1, 4, 8, 16 and 26 weeks (race at the end), default rule set, one worker.
Prints build time, time to the first solution, time to the returned (best) solution and
the total solve time with the status and gap.

    python benchmarks/weeks_speed.py [--weeks 1,4,8,16,26] [--time-limit 10] [--rules NAME]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def block(weeks: int, rules: str | None = None, load_rules: bool = False) -> dict[str, Any]:
    """The shipped 16-week marathon block cut or stretched to `weeks` (race at the end),
    under `rules` (the scenario's own set when None), with the load rules `monotony` and
    `acute_chronic` switched on when `load_rules`."""
    base = yaml.safe_load((ROOT / "scenarios" / "marathon-block-16w.yaml").read_text())
    data = dict(base, weeks=weeks, name=f"block-{weeks}w")
    data.pop("start", None)
    data["race"] = {"distance": "marathon"}
    data["week_availability"] = {w: v for w, v in base["week_availability"].items() if w <= weeks}
    if rules is not None or load_rules:
        ref: dict[str, Any] = {"use": rules or base["rules"]}
        if load_rules:
            ref["override"] = {"monotony": {}, "acute_chronic": {}}
        data["rules"] = ref
    return data


def main() -> int:
    from hybridplan.core.solving import solve

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", default="1,4,8,16,26")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--rules", default=None)
    args = parser.parse_args()
    print(
        f"{'weeks':>5} {'status':9} {'obj':>5} {'gap':>6} {'build s':>8} {'first s':>8} "
        f"{'best s':>8} {'solve s':>8}"
    )
    for weeks in (int(w) for w in args.weeks.split(",")):
        r = solve(block(weeks, args.rules), time_limit=args.time_limit)
        gap = "-" if r.gap is None else f"{100 * r.gap:.1f}%"
        first = "-" if r.first_solution_seconds is None else f"{r.first_solution_seconds:.2f}"
        best = "-" if r.best_solution_seconds is None else f"{r.best_solution_seconds:.2f}"
        print(
            f"{weeks:>5} {r.status:9} {r.objective if r.objective is not None else '-':>5} "
            f"{gap:>6} {r.build_seconds:8.2f} {first:>8} {best:>8} {r.solve_seconds:8.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
