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
                lambda: (j := client.get(f"/v1/jobs/{waiting['id']}").json())["status"]
                in ("done", "failed") and j,
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
