"""Batch throughput: generate N scenarios, then solve them with `hybridplan solve DIR --out`
at several job counts (and on a Dask LocalCluster), printing scenarios per second, wall
time and the peak memory of the largest process.

    python benchmarks/batch_speed.py [--count 1000] [--seed 1] [--jobs 1,2] [--dask]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str]) -> tuple[float, int, str]:
    began = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "hybridplan", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - began
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak_kib, proc.stdout.strip().splitlines()[0] if proc.stdout else proc.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--dask", action="store_true", help="also run on a Dask LocalCluster")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "scenarios"
        run(["generate", "--count", str(args.count), "--seed", str(args.seed), "--out", str(src)])
        runs = [(f"--jobs {j}", ["--jobs", j]) for j in args.jobs.split(",")]
        if args.dask:
            runs += [
                (f"dask --jobs {j}", ["--jobs", j, "--executor", "dask"])
                for j in args.jobs.split(",")
            ]
        print(
            f"{args.count} generated scenarios (seed {args.seed}); wall time includes "
            "start-up, loading and writing"
        )
        for label, extra in runs:
            out = Path(tmp) / label.replace(" ", "_")
            wall, peak, line = run(["solve", str(src), "--out", str(out), *extra])
            print(
                f"{label:16} {args.count / wall:6.1f} scenarios/s  {wall:6.1f} s  "
                f"peak RSS {peak / 1024:6.0f} MiB  | {line}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
