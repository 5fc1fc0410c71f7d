"""Each shipped block from the command line with default options: a plan, and
the same plan whether it is solved alone or as one of four solves at once on this 2-core
machine (a load of about 4). Per block and rule set: status, penalty, bound, what stopped
it (the work limit or the wall clock's safety net), the CPU time of the solve alone, the
wall time alone and the median wall time of the four at once, and whether all five plans
are the same.

    python benchmarks/default_limits.py [--rules balanced] [--at-once 4] [FILE ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def blocks() -> list[Path]:
    """The shipped scenarios of more than one week."""
    import yaml

    found = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        if isinstance(data, dict) and int(data.get("weeks", 1)) > 1:
            found.append(path)
    return found


def command(path: Path, rules: str) -> list[str]:
    return [sys.executable, "-m", "hybridplan", "solve", str(path), "--rules", rules,
            "--format", "json"]  # fmt: skip


def fingerprint(stdout: str) -> tuple[Any, ...]:
    (result,) = json.loads(stdout) if stdout.lstrip().startswith("[") else [json.loads(stdout)]
    plan = tuple((s["week"], s["day"], s["slot"], s["session"]) for s in result["sessions"])
    return result["status"], result["objective"], result["bound"], result["stopped_by"], plan


def alone(path: Path, rules: str) -> tuple[tuple[Any, ...], float, float]:
    """(fingerprint, CPU seconds, wall seconds) of one solve with nothing else running."""
    before = os.times()
    began = time.perf_counter()
    done = subprocess.run(command(path, rules), capture_output=True, text=True, check=False)
    wall = time.perf_counter() - began
    after = os.times()
    if done.returncode not in (0, 1):
        raise SystemExit(f"{path.name}: exit {done.returncode}\n{done.stderr}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return fingerprint(done.stdout), cpu, wall


def at_once(path: Path, rules: str, n: int) -> tuple[list[tuple[Any, ...]], list[float]]:
    """n solves of the same block started together: their fingerprints and wall times."""
    began = time.perf_counter()
    pipe = subprocess.PIPE
    procs = [
        subprocess.Popen(command(path, rules), stdout=pipe, stderr=pipe, text=True)
        for _ in range(n)
    ]
    prints, walls = [], []
    for proc in procs:
        out, err = proc.communicate()
        walls.append(time.perf_counter() - began)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{path.name}: exit {proc.returncode}\n{err}")
        prints.append(fingerprint(out))
    return prints, walls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rules", default="balanced")
    parser.add_argument("--at-once", type=int, default=4)
    args = parser.parse_args()
    files = args.files or blocks()
    print(f"load before: {os.getloadavg()[0]:.2f}; {args.at_once} at once", flush=True)
    print(f"{'block':26} {'rules':9} {'status':8} {'penalty':>7} {'bound':>6} {'stopped':>10} "
          f"{'cpu':>6} {'wall':>6} {'wall x4':>8}  same")  # fmt: skip
    failures = 0
    for rules in args.rules.split(","):
        for path in files:
            first, cpu, wall = alone(path, rules)
            prints, walls = at_once(path, rules, args.at_once)
            same = all(p == first for p in prints)
            failures += (not same) + (first[0] not in ("optimal", "feasible"))
            print(
                f"{path.stem:26} {rules:9} {first[0]:8} {first[1]!s:>7} {first[2]!s:>6} "
                f"{first[3] or '-':>10} {cpu:6.1f} {wall:6.1f} {statistics.median(walls):8.1f}"
                f"  {'yes' if same else 'NO'}",
                flush=True,
            )
    print(f"load after: {os.getloadavg()[0]:.2f}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
