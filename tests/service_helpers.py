"""Helpers of the service tests (tests/service/): the real server (`python -m hybridplan
serve` in a subprocess on a free 127.0.0.1 port, its SQLite file in the test's temporary
folder), tokens made by `hybridplan token create` as a coach would, shipped scenarios as
JSON bodies, and a plan check that shares no code with the package."""

from __future__ import annotations

import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from helpers import ROOT

STARTUP_SECONDS = 90  # a generous bound for a cold start on a busy machine, not a claim


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def hybridplan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hybridplan", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def make_token(db_url: str, name: str) -> str:
    done = hybridplan("token", "create", name, "--db", db_url)
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    assert token and "\n" not in token
    return token


def shipped(name: str, **changes: Any) -> dict[str, Any]:
    """A shipped scenario as the JSON body a client would send."""
    data = yaml.safe_load((ROOT / "scenarios" / name).read_text())
    data.update(changes)
    loaded: dict[str, Any] = json.loads(json.dumps(data, default=str))
    return loaded


class Server:
    """One server process; `start()` again on the same database is a restart."""

    def __init__(self, folder: Path, *options: str, db: Path | None = None) -> None:
        self.folder = folder
        self.db_url = f"sqlite:///{db or folder / 'hybridplan.db'}"
        self.options = options
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = folder / f"server-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Server:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hybridplan", "serve", "--host", "127.0.0.1",
             "--port", str(self.port), "--db", self.db_url, *self.options],
            stdout=log, stderr=subprocess.STDOUT, cwd=self.folder, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"the server exited ({self.process.returncode}):\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"the server did not start:\n{self.log()}")
            time.sleep(0.2)

    def stop(self) -> None:
        """SIGTERM (uvicorn shuts down cleanly), then the whole process group if needed."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def client(self, token: str | None = None, **kwargs: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=120, **kwargs)


# ------------------------------------------------------------------------------ checks
# Independent of hybridplan.core.checking: recomputed here from the scenario and the sessions
# the API returned, with nothing but arithmetic on the JSON.
QUALITY = {"tempo", "intervals", "hills"}


def _range(value: Any) -> tuple[int, int]:
    if isinstance(value, int):
        return value, value
    if isinstance(value, dict):
        return int(value["min"]), int(value["max"])
    low, high = value
    return int(low), int(high)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def check_week(scenario: dict[str, Any], plan: dict[str, Any]) -> None:
    """A one-week plan against its scenario: every session in a free slot and within its
    minutes, starting at the slot's clock time; no two sessions overlapping; counts inside
    the targets; the weekly budget kept; the penalty the sum of its parts."""
    assert plan["status"] in ("optimal", "feasible"), plan["status"]
    slots = scenario.get("slots", {"am": "06:30", "pm": "18:00"})
    availability = scenario["availability"]
    blocked = {(b["day"], b.get("slot")) for b in scenario.get("blocked", [])}
    sessions = plan["sessions"]
    assert sessions
    for s in sessions:
        assert s["week"] == 1
        free = availability.get(s["day"], {}).get(s["slot"], 0)
        assert 0 < s["minutes"] <= free, s
        assert (s["day"], None) not in blocked and (s["day"], s["slot"]) not in blocked, s
        assert s["start"] == slots[s["slot"]], s
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    spans = sorted(
        (days.index(s["day"]) * 1440 + _minutes(s["start"]), s["minutes"]) for s in sessions
    )
    for (start, minutes), (next_start, _) in itertools.pairwise(spans):
        assert start + minutes <= next_start, "two sessions overlap"
    targets = scenario.get("targets", {})
    runs = [s for s in sessions if s["kind"] == "run"]
    counts = {
        "runs": len(runs),
        "strength": sum(s["kind"] == "strength" for s in sessions),
        "quality_runs": sum(s["run_type"] in QUALITY for s in runs),
        "long_run": sum(s["run_type"] == "long" for s in runs),
    }
    for key, count in counts.items():
        if key in targets:
            low, high = _range(targets[key])
            assert low <= count <= high, (key, count, targets[key])
    total = sum(s["minutes"] for s in sessions)
    if scenario.get("weekly_minutes") is not None:
        assert total <= scenario["weekly_minutes"]
    assert plan["summary"]["minutes"] == total
    assert plan["objective"] == sum(p["amount"] for p in plan["penalties"])
    assert plan["violations"] == []
