"""Digests of built CP-SAT models, to show that a change of the build leaves the models
byte for byte the same: the shipped scenarios, generated weeks, each one's
explanation model (hard rules behind requirement literals, with the requirements' keys and
messages) and, for blocks, a two-week window with lead days (the per-week bound's model).
Same model, same input, seed and deterministic limit: same plan.

    python benchmarks/model_digests.py --write before.json   # on the old code
    python benchmarks/model_digests.py --compare before.json # on the new code
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def digests(count: int, seed: int) -> Iterator[tuple[str, str]]:
    from hybridplan.batch.generate import generate
    from hybridplan.core.context import BuildContext
    from hybridplan.core.model import build_model
    from hybridplan.core.rules import rule_module
    from hybridplan.core.solving import as_week
    from hybridplan.models import InputError

    shipped = sorted(
        p
        for p in (ROOT / "scenarios").iterdir()
        if p.suffix in (".yaml", ".toml", ".json") and p.name != "scenario.schema.json"
    )
    cases: list[tuple[str, Any]] = [(f"scenarios/{p.name}", p) for p in shipped]
    cases += [(f"generated/{d['name']}", d) for d in generate(count, seed=seed)]
    for name, scenario in cases:
        try:
            week = as_week(scenario)
        except InputError:
            continue
        yield name, _digest(str(build_model(week).model.Proto()))
        ctx = BuildContext(week, explain=True)
        for rule_id, cfg in week.rule_items():
            if cfg.level == "hard":
                rule_module(rule_id).build(ctx, cfg)
        keys = repr(sorted((r.key, r.message) for r in ctx.requirements.values()))
        yield f"{name}#explain", _digest(str(ctx.model.Proto()) + keys)
        if week.weeks > 1:
            window = build_model(week, weeks=[2, 3], lead_days=3)
            yield f"{name}#weeks-2-3", _digest(str(window.model.Proto()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--compare", type=Path)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    found = dict(digests(args.count, args.seed))
    if args.write:
        args.write.write_text(json.dumps(found, indent=1) + "\n")
        print(f"{len(found)} models")
        return 0
    before = json.loads(args.compare.read_text())
    differ = sorted(k for k in before.keys() | found.keys() if before.get(k) != found.get(k))
    print(f"{len(before)} models before, {len(found)} now, {len(differ)} differ")
    for name in differ[:20]:
        print(f"  {name}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
