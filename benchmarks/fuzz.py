"""Fuzz the command line with hostile scenario files (refused in one line, never a traceback).

Mutates the shipped scenarios N ways (default 2,000): type swaps, huge numbers, NaN and
infinities, deep nesting, control and odd Unicode characters in keys and values,
duplicate keys, truncation, random bytes, oversized lists and problems, YAML alias bombs
and tags, long `rules:` strings, and special files (FIFO, /dev/zero, a directory, a link
loop, an empty and an oversized file). Each case runs `hybridplan solve FILE --time-limit 2`
and `hybridplan validate FILE` in its own process, with a 30 s timeout and an address-space
limit (RLIMIT_AS), and the report counts exits by code, tracebacks (must be 0), hangs
(must be 0), internal errors (exit 3) and the peak memory of any child (ru_maxrss).

    python benchmarks/fuzz.py [--cases 2000] [--seed 0] [--parallel 2] [--keep DIR]

Exit 0 when there was no traceback, no hang and no internal error; 1 otherwise. With
`--keep DIR` every case that broke a rule is copied there to reproduce it.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted(
    p
    for p in (ROOT / "scenarios").iterdir()
    if p.suffix in (".yaml", ".toml", ".json") and p.name != "scenario.schema.json"
)
TIMEOUT = 30.0
MEMORY_LIMIT = 4 << 30  # address space per run; OR-Tools reserves a lot it never touches
COMMANDS: list[list[str]] = [["solve", "{file}", "--time-limit", "2"], ["validate", "{file}"]]

HUGE: list[Any] = [10**19, 2**63, -(2**63) - 1, 10**30, 10**100, 1e308, -1e308, 2**53 + 1]
ODD_TEXT = ["\x00", "\r\n", "\x1b[31m", "\u2028", "\u202e", "💥", "\ufeff", "\t", "'\"", "<b>"]
SWAPS: list[Any] = [None, True, 0, -1, 1.5, "", "text", [], {}, [1, [2]], {"a": {"b": 1}}]


def load(path: Path) -> Any:
    text = path.read_text()
    if path.suffix == ".toml":
        return tomllib.loads(text)
    if path.suffix == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def dump(data: Any, suffix: str) -> str:
    if suffix == ".json":
        return json.dumps(data, allow_nan=True, default=str)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out += paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += paths(v, (*path, i))
    return out


def set_at(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return data


# ------------------------------------------------------------------------- mutations
Mutation = Callable[[random.Random, Any, str, str], tuple[str | bytes, str]]
"""(rng, data, text, suffix) -> (file content, suffix)"""


def _value(rng: random.Random, data: Any, values: list[Any], suffix: str) -> tuple[str, str]:
    data = copy.deepcopy(data)
    path = rng.choice([p for p in paths(data) if p] or [()])
    return dump(set_at(data, path, rng.choice(values)), suffix), suffix


def type_swap(rng: random.Random, data: Any, text: str, suffix: str) -> tuple[str, str]:
    return _value(rng, data, SWAPS, suffix if suffix != ".toml" else ".yaml")


def huge_number(rng: random.Random, data: Any, text: str, suffix: str) -> tuple[str, str]:
    suffix = suffix if suffix != ".toml" else ".yaml"
    if rng.random() < 0.3:  # a literal too long for Python's int() (over 4,300 digits)
        content, _ = _value(rng, data, ["@@BIG@@"], suffix)
        return content.replace("'@@BIG@@'", "9" * 5000).replace('"@@BIG@@"', "9" * 5000), suffix
    return _value(rng, data, [*HUGE, float("nan"), float("inf"), -float("inf")], suffix)


def deep_nesting(rng: random.Random, data: Any, text: str, suffix: str) -> tuple[str, str]:
    depth = rng.choice([40, 1000, 100_000])
    if suffix == ".toml":
        return text + f"\nnested = {'[' * depth}{']' * depth}\n", suffix
    if suffix == ".json":
        return text.rstrip().rstrip("}") + f', "nested": {"[" * depth}{"]" * depth}}}', suffix
    return text + f"\nnested: {'[' * depth}{']' * depth}\n", suffix


def odd_characters(rng: random.Random, data: Any, text: str, suffix: str) -> tuple[str, str]:
    data = copy.deepcopy(data)
    suffix = suffix if suffix != ".toml" else ".yaml"
    path = rng.choice([p for p in paths(data) if p])
    odd = "".join(rng.choice(ODD_TEXT) for _ in range(rng.randint(1, 4)))
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if isinstance(parent, dict) and rng.random() < 0.5:
        parent[f"{path[-1]}{odd}"] = parent.pop(path[-1])  # into a key
    else:
        parent[path[-1]] = f"{parent[path[-1]]}{odd}"
    return dump(data, suffix), suffix


def duplicate_key(rng: random.Random, data: Any, text: str, suffix: str) -> tuple[str, str]:
    lines = text.splitlines()
    if suffix == ".json":
        data = copy.deepcopy(data)
        key = rng.choice(list(data))
        body = json.dumps(data)
        return body[:-1] + f", {json.dumps(key)}: {json.dumps(data[key])}}}", suffix
    candidates = [i for i, line in enumerate(lines) if line and not line.startswith((" ", "#"))]
    i = rng.choice(candidates or [0])
    lines.insert(i + 1, lines[i])
    return "\n".join(lines) + "\n", suffix


def truncate(rng: random.Random, data: Any, text: str, suffix: str) -> tuple[str, str]:
    return text[: rng.randint(0, max(0, len(text) - 1))], suffix


def random_bytes(rng: random.Random, data: Any, text: str, suffix: str) -> tuple[bytes, str]:
    raw = bytearray(text.encode())
    for _ in range(rng.randint(1, 20)):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw), suffix


def oversized(rng: random.Random, data: Any, text: str, suffix: str) -> tuple[str, str]:
    data = copy.deepcopy(data)
    kind = rng.choice(["fixed", "sessions", "slots", "weeks", "keys", "history", "sets"])
    if kind == "fixed":
        data["fixed"] = [{"day": "mon", "slot": "am", "session": "easy_30"}] * 10_000
    elif kind == "sessions":
        data["sessions"] = {
            f"run_{i}": {"kind": "run", "run_type": "easy", "minutes": 30 + i % 60,
                         "intensity": "easy", "rpe": 3}
            for i in range(1500)
        }  # fmt: skip
    elif kind == "slots":
        n = rng.choice([7, 50, 300])
        data["slots"] = {f"s{i}": f"{(i * 4) // 60 % 24:02d}:{(i * 4) % 60:02d}" for i in range(n)}
        data["availability"] = {"mon": dict.fromkeys(data["slots"], 60)}
    elif kind == "weeks":
        data["weeks"] = 26
        data["slots"] = {f"s{i}": f"{6 + 2 * i:02d}:00" for i in range(6)}
        data["availability"] = {
            d: dict.fromkeys(data["slots"], 90) for d in ("mon", "tue", "wed", "thu", "fri")
        }
        data.pop("race", None)
        data.pop("phases", None)
        data.pop("week_availability", None)
    elif kind == "keys":
        data.update({f"k{i}": i for i in range(20_000)})
    elif kind == "history":
        data["history"] = list(range(200_000))
    else:
        data.setdefault("targets", {})["sets"] = {"quads": [0, 10**30]}
    return dump(data, ".json"), ".json"


def yaml_tricks(rng: random.Random, data: Any, text: str, suffix: str) -> tuple[str, str]:
    trick = rng.choice(["bomb", "python", "merge", "anchor"])
    if trick == "bomb":
        lines = ["a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
        lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
        return dump(data, ".yaml") + "\n".join(lines) + "\nhistory: *a8\n", ".yaml"
    if trick == "python":
        return dump(data, ".yaml") + "x: !!python/object/apply:os.system ['echo pwned']\n", ".yaml"
    if trick == "merge":
        return "base: &b {am: 60}\n" + dump(data, ".yaml") + "more: {<<: *b, pm: 1}\n", ".yaml"
    return dump(data, ".yaml") + "loop: &l [*l]\n", ".yaml"


def odd_references(rng: random.Random, data: Any, text: str, suffix: str) -> tuple[str, str]:
    data = copy.deepcopy(data)
    data["rules"] = rng.choice(
        ["r" * 100_000, "/dev/zero", "/etc/passwd", "../" * 500 + "x.yaml", "balanced\x00",
         {"use": "balanced", "override": {"monotony": {"limit": rng.choice([1.55, 9.99, 0])}}},
         {"use": "strict", "override": {"hard_separation": {"hours": float("nan")}}}]
    )  # fmt: skip
    if rng.random() < 0.5:
        data["timezone"] = rng.choice(["Mars/Base", "/etc/passwd", "../UTC", "Europe", "x" * 500])
    return dump(data, ".json"), ".json"


MUTATIONS: dict[str, Mutation] = {
    "type_swap": type_swap,
    "huge_number": huge_number,
    "deep_nesting": deep_nesting,
    "odd_characters": odd_characters,
    "duplicate_key": duplicate_key,
    "truncate": truncate,
    "random_bytes": random_bytes,
    "oversized": oversized,
    "yaml_tricks": yaml_tricks,
    "odd_references": odd_references,
}
SPECIAL = ["fifo", "dev_zero", "directory", "link_loop", "empty", "too_big"]


def make_special(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev_zero":
        path.symlink_to("/dev/zero")
    elif kind == "directory":
        path.mkdir()
    elif kind == "link_loop":
        path.symlink_to(path)
    elif kind == "empty":
        path.write_text("")
    else:
        path.write_text("name: big\navailability: {}\ndescription: '" + "x" * (2 << 20) + "'\n")
    return path


# ------------------------------------------------------------------------- running
@dataclass
class Report:
    codes: Counter[str] = field(default_factory=Counter)
    by_mutation: dict[str, Counter[int]] = field(default_factory=dict)
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    internal: list[str] = field(default_factory=list)
    peak_kib: int = 0
    runs: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.setsid()


def run_one(
    command: list[str], file: Path, executable: str, cwd: Path
) -> tuple[int | None, str, int]:
    """(exit code or None on a hang, stderr, peak RSS in KiB) of one command. Crash logs
    (exit 3) go beside the case, not into the user's state directory."""
    args = [executable, *(a.replace("{file}", str(file)) for a in command)]
    env = {**os.environ, "XDG_STATE_HOME": str(cwd / "state")}
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd,
            preexec_fn=_limit_memory, env=env,
        )  # fmt: skip
        began = time.monotonic()
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                proc.returncode = os.waitstatus_to_exitcode(status)
                code: int | None = proc.returncode
                break
            if time.monotonic() - began > TIMEOUT:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                code = None
                break
            time.sleep(0.02)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return code, text, int(usage.ru_maxrss)


def fuzz(cases: int, seed: int, parallel: int, keep: Path | None) -> Report:
    rng = random.Random(seed)
    executable = str(Path(sys.executable).with_name("hybridplan"))
    report = Report()
    work = Path(tempfile.mkdtemp(prefix="hp-fuzz-"))
    jobs: list[tuple[str, Path]] = []
    names = list(MUTATIONS)
    for i in range(cases):
        folder = work / f"{i:05d}"
        folder.mkdir()
        if i % 50 == 49:
            kind = SPECIAL[(i // 50) % len(SPECIAL)]
            jobs.append((f"special:{kind}", make_special(kind, folder)))
            continue
        source = rng.choice(SCENARIOS)
        text = source.read_text()
        name = names[i % len(names)]
        content, suffix = MUTATIONS[name](rng, load(source), text, source.suffix)
        path = folder / f"case{suffix}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        jobs.append((name, path))

    def one(job: tuple[str, Path]) -> None:
        name, path = job
        for command in COMMANDS:
            code, err, peak = run_one(command, path, executable, path.parent)
            label = f"{name} {command[0]} {path}"
            with report.lock:
                report.runs += 1
                report.peak_kib = max(report.peak_kib, peak)
                report.codes[f"{command[0]}:{'hang' if code is None else code}"] += 1
                report.by_mutation.setdefault(name.split(":")[0], Counter())[
                    -1 if code is None else code
                ] += 1
                broke = False
                if code is None:
                    report.hangs.append(label)
                    broke = True
                if "Traceback (most recent call last)" in err:
                    report.tracebacks.append(f"{label}: {err.strip().splitlines()[-1]}")
                    broke = True
                if code == 3:
                    report.internal.append(f"{label}: {err.strip()[:300]}")
                    broke = True
                if broke and keep is not None and path.exists() and path.is_file():
                    keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(path, keep / f"{path.parent.name}-{path.name}")

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        for done, _ in enumerate(pool.map(one, jobs), 1):
            if done % 100 == 0:
                print(f"  {done}/{len(jobs)} cases, {time.monotonic() - began:.0f} s",
                      file=sys.stderr, flush=True)  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None, help="copy failing cases here")
    parser.add_argument("--json", type=Path, default=None, help="write the report as JSON")
    args = parser.parse_args()
    began = time.monotonic()
    report = fuzz(args.cases, args.seed, args.parallel, args.keep)
    seconds = time.monotonic() - began
    load = os.getloadavg()
    loads = " ".join(f"{x:.2f}" for x in load)
    print(f"{args.cases} cases, {report.runs} runs in {seconds:.0f} s "
          f"(load average {loads}, {os.cpu_count()} cores)")  # fmt: skip
    print("exit codes: " + ", ".join(f"{k} {v}" for k, v in sorted(report.codes.items())))
    for name, counter in sorted(report.by_mutation.items()):
        print(f"  {name:15} " + ", ".join(f"{k}: {v}" for k, v in sorted(counter.items())))
    print(f"tracebacks: {len(report.tracebacks)}")
    print(f"hangs over {TIMEOUT:g} s: {len(report.hangs)}")
    print(f"internal errors (exit 3): {len(report.internal)}")
    print(f"peak RSS of a child: {report.peak_kib / 1024:.0f} MiB")
    for line in (report.tracebacks + report.hangs + report.internal)[:20]:
        print("  " + line[:400])
    if args.json is not None:
        args.json.write_text(json.dumps({
            "cases": args.cases, "runs": report.runs, "seconds": seconds, "load": load,
            "codes": report.codes, "tracebacks": report.tracebacks, "hangs": report.hangs,
            "internal": report.internal, "peak_mib": report.peak_kib / 1024,
        }, indent=2))  # fmt: skip
    sys.exit(1 if report.tracebacks or report.hangs or report.internal else 0)


if __name__ == "__main__":
    main()
