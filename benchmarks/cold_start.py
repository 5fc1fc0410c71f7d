"""Cold start of the `hybridplan` command: CPU time (user + system, from the
children's rusage) of fresh processes running --help, rules, sessions, schema, validate
and solve on one shipped week, and which heavy packages each imported (-X importtime).

    python benchmarks/cold_start.py [--repeats 7] [--scenario scenarios/marathon-build.yaml]

Byte code is written and read as on a user's install (PYTHONDONTWRITEBYTECODE is cleared
for the children and one warm-up run fills the caches); --no-bytecode compiles every
module afresh in each run instead.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("ortools.sat.python.cp_model", "pandas", "numpy", "matplotlib", "pydantic", "yaml")


def cpu_of(cmd: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def imported(args: list[str], env: dict[str, str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hybridplan", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    return [m for m in HEAVY if m in names]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--scenario", default="scenarios/marathon-build.yaml")
    parser.add_argument("--no-bytecode", action="store_true")
    args = parser.parse_args()
    env = dict(os.environ)
    if args.no_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {
        "--help": ["--help"],
        "rules": ["rules"],
        "sessions": ["sessions"],
        "schema": ["schema"],
        "validate": ["validate", args.scenario],
        "solve": ["solve", args.scenario],
        "(python -c pass)": None,
    }
    load = os.getloadavg()[0]
    print(f"{'command':18} {'CPU s median':>12} {'min':>6} {'max':>6}  heavy imports")
    for name, argv in commands.items():
        cmd = [sys.executable, "-c", "pass"] if argv is None else [
            sys.executable, "-m", "hybridplan", *argv
        ]  # fmt: skip
        cpu_of(cmd, env)  # warm-up: byte code, page cache
        times = [cpu_of(cmd, env) for _ in range(args.repeats)]
        heavy = "" if argv is None else ", ".join(imported(argv, env))
        print(
            f"{name:18} {statistics.median(times):12.3f} {min(times):6.3f} {max(times):6.3f}"
            f"  {heavy}"
        )
    print(f"load average {load:.2f} before, {os.getloadavg()[0]:.2f} after")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
