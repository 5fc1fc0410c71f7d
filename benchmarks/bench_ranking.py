"""The rule-set ranking on a realistic sample: the shipped scenarios plus N generated weeks
(`hybridplan generate --count N --seed S`), every plan measured by the bench's yardstick.
Runs `hybridplan bench` (resumable: run it again with the same --out to finish an
interrupted run), then prints the ranking with its intervals, the per-metric means, the
paired tests of the composite, and the machine's load before and after.

    python benchmarks/bench_ranking.py [--count 300] [--seed 1] [--jobs 2] [--out DIR]

A figure, not a test: about 1,300 solves (40-60 minutes on two busy cores).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def hybridplan(*args: str) -> int:
    return subprocess.run([sys.executable, "-m", "hybridplan", *args], cwd=ROOT).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rules", default="balanced,stacked,strict,minimal")
    parser.add_argument("--out", type=Path, default=Path("/tmp/hybridplan-bench-ranking"))
    args = parser.parse_args()
    generated = args.out.parent / f"{args.out.name}-weeks"
    if not generated.exists():
        code = hybridplan(
            "generate", "--count", str(args.count), "--seed", str(args.seed),
            "--out", str(generated),
        )  # fmt: skip
        if code:
            return code
    began = time.perf_counter()
    code = hybridplan(
        "bench", str(ROOT / "scenarios"), str(generated), "--rules", args.rules,
        "--jobs", str(args.jobs), "--out", str(args.out), "--resume",
        "--show", "marathon-block-16w:10",
    )  # fmt: skip
    wall = time.perf_counter() - began
    if code:
        return code
    import pandas as pd

    report = json.loads((args.out / "report.json").read_text())
    prov = report["provenance"]
    ranking = pd.read_csv(args.out / "ranking.csv")
    means = [c for c in ranking.columns if c.startswith("mean_")]
    pd.set_option("display.width", 200)
    print(f"\n{prov['scenarios']} scenarios x {args.rules}; {wall:.0f} s wall here")
    print(ranking[["horizon", "rank", "rule_set", "score", "ci_low", "ci_high", "scenarios"]])
    print(ranking[ranking["horizon"] == "all"][["rule_set", *means]].to_string(index=False))
    pairs = pd.read_csv(args.out / "pairwise.csv")
    print(pairs[pairs["metric"] == "composite"].to_string(index=False))
    print(
        f"machine: {prov['cpu']} x {prov['cpu_count']}, load average before "
        f"{prov['load_average_before']}, after {prov['load_average_after']}; "
        f"os.getloadavg now {os.getloadavg()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
