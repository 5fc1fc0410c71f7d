"""The server's life: a restart loses nothing, jobs left unfinished resume, a full queue
answers 503, jobs can be cancelled, and --no-auth is only for loopback."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx

from service_helpers import Server, free_port, hybridplan, make_token, shipped


def _wait(client: httpx.Client, until: Any, what: str, seconds: float = 120) -> Any:
    """Poll until `until()` is truthy (a bound on waiting, not a speed claim)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = until()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def test_a_restart_loses_nothing(tmp_path: Path) -> None:
    """Plans with their versions and athletes are kept; jobs accepted but not finished when
    the server stopped run when it starts again."""
    # a block needs seconds: its weeks one at a time, then the block (a limit of 10 s)
    server = Server(tmp_path, "--workers", "1", "--max-time-limit", "10")
    token = make_token(server.db_url, "anna")
    server.start()
    try:
        with server.client(token) as client:
            plan = client.post("/v1/solve", json=shipped("marathon-build.yaml")).json()
            new = client.post(
                "/v1/replan", json={"plan_id": plan["id"], "missed": ["tue:pm"]}
            ).json()
            assert new["version"] == 2
            slow = client.post("/v1/solve", json=_slow_block()).json()
            waiting = client.post("/v1/solve", json=shipped("marathon-block-16w.yaml")).json()
            assert client.get(f"/v1/jobs/{waiting['id']}").json()["status"] in (
                "queued", "running")  # fmt: skip
    finally:
        server.stop()  # while the jobs are unfinished
    server.start()  # a new process on the same SQLite file
    try:
        with server.client(token) as client:
            assert client.get(f"/v1/plans/{plan['id']}", params={"version": 1}).json() == (
                plan | {"versions": 2}
            )
            assert client.get(f"/v1/plans/{plan['id']}").json() == new
            assert [v["version"] for v in client.get(
                f"/v1/plans/{plan['id']}/versions").json()] == [1, 2]  # fmt: skip
            done = _wait(
                client,
                lambda: (
                    (j := client.get(f"/v1/jobs/{waiting['id']}").json())["status"]
                    in ("done", "failed")
                    and j
                ),
                "the resumed job",
            )
            assert done["status"] == "done", done
            assert client.get(f"/v1/plans/{done['plan_id']}").json()["status"] in (
                "optimal", "feasible")  # fmt: skip
            assert client.get(f"/v1/jobs/{slow['id']}").status_code == 200
            assert {a["name"] for a in client.get("/v1/athletes").json()} >= {"marathon-build"}
    finally:
        server.stop()


def _slow_block() -> dict[str, Any]:
    """26 weeks with the exact monotony and load-ratio rules: CP-SAT needs longer than the
    server's time limit, so the job runs for the whole limit."""
    data = shipped("marathon-block-16w.yaml", weeks=26)
    data.pop("race")
    data["rules"] = {"use": "balanced", "override": {"monotony": {}, "acute_chronic": {}}}
    return data


def test_a_full_queue_is_503_and_jobs_cancel(tmp_path: Path) -> None:
    server = Server(tmp_path, "--workers", "1", "--queue", "1", "--max-time-limit", "4")
    token = make_token(server.db_url, "anna")
    server.start()
    try:
        with server.client(token) as client:
            slow = client.post("/v1/solve", json=_slow_block(), params={"time_limit": 4})
            assert slow.status_code == 202, slow.text
            queued = client.post("/v1/solve", json=shipped("marathon-block-16w.yaml"))
            assert queued.status_code == 202
            full = client.post("/v1/solve", json=shipped("marathon-build.yaml"))
            assert full.status_code == 503
            assert full.headers["Retry-After"]
            # cancel both: the waiting one at once, the running one's result is dropped
            for job in (queued.json(), slow.json()):
                response = client.delete(f"/v1/jobs/{job['id']}")
                assert response.status_code == 200, response.text
                assert response.json()["status"] == "cancelled"
            assert client.delete(f"/v1/jobs/{slow.json()['id']}").status_code == 409
            _wait(client, lambda: client.get("/health").json()["in_flight"] == 0, "idle pool")
            for job in (queued.json(), slow.json()):
                after = client.get(f"/v1/jobs/{job['id']}").json()
                assert after["status"] == "cancelled" and after["plan_id"] is None
            assert client.get("/v1/plans").json() == []
            # the pool is free again
            assert client.post("/v1/solve", json=shipped("marathon-build.yaml")).status_code == 200
    finally:
        server.stop()


def test_no_auth_is_refused_off_loopback_and_works_on_it(tmp_path: Path) -> None:
    refused = hybridplan("serve", "--no-auth", "--host", "0.0.0.0", "--port", str(free_port()),
                         "--db", f"sqlite:///{tmp_path / 'x.db'}")  # fmt: skip
    assert refused.returncode == 2
    assert "--no-auth is refused on 0.0.0.0" in refused.stderr
    assert not (tmp_path / "x.db").exists()
    server = Server(tmp_path, "--no-auth", "--workers", "1")
    server.start()
    try:
        with server.client() as client:
            plan = client.post("/v1/solve", json=shipped("marathon-build.yaml"))
            assert plan.status_code == 200
            assert client.get("/v1/plans").json()[0]["id"] == plan.json()["id"]
            assert client.get("/").status_code == 200
    finally:
        server.stop()


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _workers(server_pid: int) -> list[int]:
    """The solver workers: the fork server's children (the fork server is the server's
    child that has children)."""
    return [w for child in _children(server_pid) for w in _children(child)]


def test_a_dead_worker_fails_only_its_request_and_is_replaced(tmp_path: Path) -> None:
    """kill -9 of the workers while one holds a job (as the OOM killer would): that job
    fails with a message, /health counts the loss, and the next solves are planned by new
    workers, 20 of them in a row (the standard library's pool broke for good: every later
    request was 500)."""
    import os
    import signal

    server = Server(tmp_path, "--workers", "2", "--max-time-limit", "60")
    token = make_token(server.db_url, "anna")
    server.start()
    try:
        assert server.process is not None
        with server.client(token) as client:
            job = client.post("/v1/solve", json=_slow_block()).json()
            _wait(client, lambda: client.get(f"/v1/jobs/{job['id']}").json()["status"]
                  == "running", "the job to run")  # fmt: skip
            workers = _wait(client, lambda: _workers(server.process.pid), "the workers")
            for pid in workers:
                os.kill(pid, signal.SIGKILL)
            failed = _wait(
                client,
                lambda: (
                    (j := client.get(f"/v1/jobs/{job['id']}").json())["status"]
                    in ("done", "failed")
                    and j
                ),
                "the job to end",
            )
            assert failed["status"] == "failed"
            health = client.get("/health").json()
            # the busy worker's death is counted; the idle one's broke pebble's pool,
            # which was replaced
            assert health["status"] == "ok", health
            assert health["workers_lost"] + health["pool_restarts"] >= 1, health
            for _ in range(20):  # more requests than workers: every one is planned
                week = client.post("/v1/solve", json=shipped("marathon-build.yaml"))
                assert week.status_code == 200, week.text
                assert week.json()["status"] == "optimal"
            now = _workers(server.process.pid)
            assert now and set(now).isdisjoint(workers)
        # the server killed outright takes its workers with it
        os.kill(server.process.pid, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while any(Path(f"/proc/{pid}").exists() for pid in now):
            assert time.monotonic() < deadline, "the workers outlived the server"
            time.sleep(0.1)
    finally:
        server.stop()


def test_the_pool_replaces_a_worker_that_dies_holding_a_task() -> None:
    """One worker dies (SIGABRT) holding a task: that task alone fails, as WorkerLost; the
    pool starts another worker and takes the next tasks, without a restart of the pool."""
    import asyncio
    import os

    import pytest

    from hybridplan.service.jobs import WorkerLost, WorkerPool

    pool = WorkerPool(workers=1, queue=2)
    try:

        async def scenario() -> tuple[int, int]:
            before = await pool.run(os.getpid)
            with pytest.raises(WorkerLost):
                await pool.run(os.abort)
            return before, await pool.run(os.getpid)

        before, after = asyncio.run(scenario())
        assert before != after  # a new worker
        assert (pool.lost, pool.restarts, pool.in_flight) == (1, 0, 0)
        assert pool.heal()
    finally:
        pool.shutdown()
    assert not pool.heal()  # shut down: no work taken, and no new pool started


def _answer(url: str, payload: bytes) -> bytes:
    """What the server sends on a connection given `payload` and then nothing, until it
    closes the connection (a generous bound: a busy machine only makes it later)."""
    import socket
    from urllib.parse import urlsplit

    where = urlsplit(url)
    with socket.create_connection((where.hostname, where.port)) as conn:
        conn.settimeout(120)
        conn.sendall(payload)
        data = b""
        while chunk := conn.recv(4096):
            data += chunk
        return data


def test_slow_and_silent_clients_are_let_go(tmp_path: Path) -> None:
    """A client that connects and sends nothing, or part of its headers, is disconnected;
    one whose body never comes gets 408; an honest request still gets its answer
    (slow clients once held a worker for ever: they were never timed out)."""
    server = Server(tmp_path, "--no-auth", "--client-timeout", "1")
    server.start()
    try:
        assert _answer(server.url, b"") == b""
        assert _answer(server.url, b"GET /health HTTP/1.1\r\nHost: x\r\n") == b""
        late = _answer(
            server.url,
            b"POST /v1/solve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n{",
        )
        assert late.startswith(b"HTTP/1.1 408 "), late[:80]
        fine = _answer(server.url, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert fine.startswith(b"HTTP/1.1 200 ") and b'"status":"ok"' in fine
    finally:
        server.stop()
