"""What a coach checks, at full size: the shipped blocks and `generate --blocks N --seed S`
under each rule set, solved with a deterministic work limit (30 s by default, as
`--work-limit 30`), and every plan read by the independent counter
(tests/reference/objections.py, which shares no code with hybridplan).

Per block and rule set: status, penalty, bound, gap, CPU seconds, the objections the
counter finds that the rule set makes hard (must be none) and the priced ones it still
finds. The last lines sum it up: hard objections found, blocks proven, blocks within 5%.

    python benchmarks/coach_blocks.py [--seed 7] [--blocks 20] [--rules balanced,stacked,strict]
        [--work-limit 30] [--shipped/--no-shipped] [--part 1/2]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    from reference.objections import count  # the independent counter
    from test_coach_objections import forbidden

    from hybridplan import models, solve
    from hybridplan.batch.generate import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--blocks", type=int, default=20)
    parser.add_argument("--rules", default="balanced,stacked,strict")
    parser.add_argument("--work-limit", type=float, default=30.0)
    parser.add_argument("--shipped", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--part", default="1/1", help="k/n: every n-th case from the k-th")
    args = parser.parse_args()
    k, n = (int(v) for v in args.part.split("/"))

    cases: list[tuple[str, Any]] = []
    if args.shipped:
        for path in sorted((ROOT / "scenarios").iterdir()):
            if path.suffix in (".yaml", ".toml", ".json") and not (
                path.name.startswith("infeasible") or path.name.endswith("schema.json")
            ):
                cases.append((path.stem, path))  # single weeks are passed over below
    for data in generate(0, seed=args.seed, blocks=args.blocks):
        cases.append((data["name"], data))
    cases = cases[k - 1 :: n]

    print(f"# load {os.getloadavg()[0]:.2f}; --work-limit {args.work_limit}", flush=True)
    hard_found = 0
    proven = within = total = 0
    priced: Counter[str] = Counter()
    for name, source in cases:
        for rules in args.rules.split(","):
            data = (
                models.load_plan_input(source, rules)
                if isinstance(source, Path)
                else models.input_from_dict(source, rules)
            )
            if data.weeks == 1:
                continue
            began = _cpu()
            result = solve(
                data, time_limit=20 * args.work_limit, work_limit=args.work_limit
            )
            cpu = _cpu() - began
            total += 1
            if not result.found:
                print(f"{name:34} {rules:9} {result.status:9} no plan {cpu:6.1f}", flush=True)
                continue
            counted = count(result.to_dict())
            hard = {o: c for o, c in counted.items() if c and o in forbidden(data)}
            soft = {o: c for o, c in counted.items() if c and o not in forbidden(data)}
            hard_found += sum(hard.values())
            priced.update(soft)
            gap = result.gap or 0.0
            proven += result.status == "optimal"
            within += result.status == "optimal" or gap <= 0.05
            print(
                f"{name:34} {rules:9} {result.status:9} {result.objective:>5} "
                f"{result.bound:>5} {100 * gap:5.1f}% {cpu:6.1f}s hard={hard or '-'} "
                f"priced={soft or '-'}",
                flush=True,
            )
    print(
        f"# {total} solves: {proven} proven, {within} proven or within 5%, "
        f"{hard_found} hard objections; priced objections found: {dict(priced) or '-'}"
    )
    return 0 if hard_found == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
