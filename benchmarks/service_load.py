"""A bounded local load test of the planning service: one-week solves against 127.0.0.1.

Starts `hybridplan serve` (2 pool workers by default) on a free loopback port with a fresh
SQLite file, makes a token, sends --requests POST /v1/solve of a shipped one-week scenario
from --concurrency clients at once, and prints requests per second, latency percentiles,
status counts and the machine's load (`uptime`) before and after. The loop is bounded in
count and in time (--max-seconds) and only ever talks to the loopback address.

    python benchmarks/service_load.py --requests 200 --concurrency 8 [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _load(
    url: str, token: str, body: dict[str, object], requests: int, concurrency: int, limit: float
) -> tuple[list[float], dict[int, int], float]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(requests):
        queue.put_nowait(i)
    began = time.perf_counter()
    deadline = began + limit

    async def client(c: httpx.AsyncClient) -> None:
        while time.perf_counter() < deadline:
            try:
                queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            start = time.perf_counter()
            response = await c.post("/v1/solve", json=body)
            latencies.append(time.perf_counter() - start)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=120) as c:
        await asyncio.gather(*(client(c) for _ in range(concurrency)))
    return latencies, statuses, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="the server's pool workers")
    parser.add_argument("--max-seconds", type=float, default=300, help="stop sending after")
    parser.add_argument("--scenario", default="marathon-build.yaml")
    args = parser.parse_args()

    body = json.loads(
        json.dumps(yaml.safe_load((ROOT / "scenarios" / args.scenario).read_text()), default=str)
    )
    folder = Path(tempfile.mkdtemp(prefix="hybridplan-load-"))
    db = f"sqlite:///{folder / 'load.db'}"
    hp = [sys.executable, "-m", "hybridplan"]
    token = subprocess.run(
        [*hp, "token", "create", "load", "--db", db], capture_output=True, text=True, check=True
    ).stdout.strip()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [*hp, "serve", "--host", "127.0.0.1", "--port", str(port), "--db", db,
         "--workers", str(args.workers), "--queue", str(max(32, args.concurrency))],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start; see " + str(folder / "server.log"))
        # one request first, so the numbers are of a warm server
        httpx.post(f"{url}/v1/solve", json=body, timeout=60,
                   headers={"Authorization": f"Bearer {token}"}).raise_for_status()  # fmt: skip
        before = _uptime()
        latencies, statuses, seconds = asyncio.run(
            _load(url, token, body, args.requests, args.concurrency, args.max_seconds)
        )
        after = _uptime()
    finally:
        server.terminate()
        server.wait(timeout=60)
    ordered = sorted(latencies)
    p95 = statistics.quantiles(ordered, n=20, method="inclusive")[18]
    print(f"scenario {args.scenario} (one week), {args.workers} pool workers, "
          f"{args.concurrency} concurrent clients, {len(latencies)} requests")  # fmt: skip
    print(f"statuses: {statuses}")
    print(f"throughput: {len(latencies) / seconds:.1f} requests/s over {seconds:.1f} s")
    print(
        f"latency: median {1000 * statistics.median(ordered):.0f} ms, "
        f"p95 {1000 * p95:.0f} ms, max {1000 * ordered[-1]:.0f} ms"
    )
    print(f"uptime before: {before}")
    print(f"uptime after:  {after}")


if __name__ == "__main__":
    main()
