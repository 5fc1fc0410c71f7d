"""One deterministic default everywhere: the CLI, the API, a batch, the bench's
solver and the service give a solve the same work limit when none is asked for, so the same
input gives the same plan from every front door on any machine load; the wall clock is only
a safety net, and a result cut short says which limit cut it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from helpers import ROOT
from hybridplan import api
from hybridplan.batch.tasks import Options
from hybridplan.models import limits
from hybridplan.models.loading import load_plan_input
from service_helpers import Server, hybridplan, make_token, shipped

WEEK = ROOT / "scenarios" / "marathon-build.yaml"


def _plan(result: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(s["week"], s["day"], s["slot"], s["session"]) for s in result["sessions"]]


def test_the_safety_net_is_generous_and_a_given_time_limit_wins() -> None:
    wall, work = limits.solve_limits(None, None)
    assert work == limits.DEFAULT_WORK_LIMIT
    assert wall >= limits.MIN_SAFETY_NET and wall >= limits.SAFETY_FACTOR * work
    assert limits.solve_limits(None, 60) == (limits.SAFETY_FACTOR * 60, 60)
    assert limits.solve_limits(7, None) == (7, limits.DEFAULT_WORK_LIMIT)
    assert limits.solve_limits(None, 1000)[0] == limits.MAX_TIME_LIMIT


def test_every_front_door_solves_with_the_same_work_limit_and_plan(tmp_path: Path) -> None:
    """API, CLI (screen and batch), the service and its page, none given a limit: the same
    work limit recorded in the result, and the same plan."""
    from_api = api.solve(WEEK).to_dict()
    assert from_api["status"] == "optimal"
    assert from_api["work_limit"] == limits.DEFAULT_WORK_LIMIT

    shown = hybridplan("solve", str(WEEK), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    from_cli = json.loads(shown.stdout)

    batch = hybridplan("solve", str(WEEK), "--out", str(tmp_path / "batch"))
    assert batch.returncode == 0, batch.stderr
    (written,) = (tmp_path / "batch").glob("*.json")
    from_batch = json.loads(written.read_text())

    (outcome,) = list(api.solve_many([str(WEEK)]))
    from_many = outcome.result.to_dict()

    (tmp_path / "srv").mkdir()
    server = Server(tmp_path / "srv")  # no --work-limit: the service's own default
    server.start()
    try:
        token = make_token(server.db_url, "anna")
        with server.client(token) as client:
            answer = client.post("/v1/solve", json=shipped(WEEK.name))
            assert answer.status_code == 200, answer.text
            from_service = answer.json()
            assert answer.headers["X-Time-Limit"] == f"{limits.DEFAULT_WORK_LIMIT:g}"
            # the page: the scenario pasted in its form, as a coach signed in would
            page = client.post(
                "/plans",
                data={"scenario_text": WEEK.read_text()},
                headers={"Origin": server.url, "Cookie": f"hybridplan_token={token}"},
                follow_redirects=False,
            )
            assert page.status_code == 303, page.text
            plan_id = page.headers["location"].rsplit("/", 1)[-1]
            from_page = client.get(f"/v1/plans/{plan_id}").json()
    finally:
        server.stop()

    for other in (from_cli, from_batch, from_many, from_service, from_page):
        assert other["work_limit"] == limits.DEFAULT_WORK_LIMIT
        assert other["status"] == from_api["status"]
        assert other["objective"] == from_api["objective"]
        assert _plan(other) == _plan(from_api)


def test_a_solve_cut_by_its_work_limit_says_so_and_what_to_pass() -> None:
    """A 16-week block at a tenth of a deterministic second: not proven, and the message
    names the work limit; the same cut again gives the same plan."""
    week = load_plan_input(ROOT / "scenarios" / "marathon-block-16w.yaml", "strict")
    first = api.solve(week, work_limit=0.1)
    assert first.status in ("feasible", "unknown")
    assert first.stopped_by == "work_limit"
    assert "work limit of 0.1 deterministic s" in first.message
    assert "--work-limit" in first.message
    again = api.solve(week, work_limit=0.1)
    assert (again.status, again.objective) == (first.status, first.objective)
    assert [s.model_dump() for s in again.sessions] == [s.model_dump() for s in first.sessions]


def test_a_solve_cut_by_the_wall_clock_safety_net_says_its_plan_depends_on_load() -> None:
    """A wall clock of a millisecond behind a work limit of an hour: the safety net cuts,
    and the result says so rather than passing for the work limit's plan."""
    result = api.solve(
        ROOT / "scenarios" / "half-block-12w.yaml", time_limit=0.001, work_limit=3600
    )
    assert result.status != "optimal"
    assert result.stopped_by == "time_limit"
    assert "safety net of 0.001 s" in result.message
    assert "machine's load" in result.message


@pytest.mark.parametrize("limit", [0.0, -1.0, float("nan"), limits.MAX_TIME_LIMIT + 1])
def test_a_bad_work_limit_is_refused_by_the_api(limit: float) -> None:
    with pytest.raises(api.InputError) as caught:
        api.solve(WEEK, work_limit=limit)
    assert caught.value.problems[0].field == "work_limit"


def test_the_cli_help_names_the_one_default() -> None:
    shown = hybridplan("solve", "--help")
    assert shown.returncode == 0
    assert f"default {limits.DEFAULT_WORK_LIMIT:g}" in " ".join(shown.stdout.split())


def test_batch_and_bench_default_to_the_deterministic_limit(tmp_path: Path) -> None:
    """A batch given no limit solves under the one default work limit (written in each
    result), the wall clock a safety net behind it."""
    from hybridplan import solve_many
    from hybridplan.models import limits

    assert Options().work_limit is None  # resolved once, at the batch's entry
    (outcome,) = list(solve_many(["scenarios/marathon-build.yaml"]))
    assert outcome.result.work_limit == limits.DEFAULT_WORK_LIMIT
    wall, work = limits.solve_limits(None, None)
    assert work == limits.DEFAULT_WORK_LIMIT and wall >= 60


_CHILD = """
import json, sys
from hybridplan import solve
r = solve("scenarios/marathon-block-16w.yaml", time_limit=600, work_limit=float(sys.argv[1]))
print(json.dumps([r.status, r.objective, [(s.week, s.day, s.slot, s.session) for s in r.sessions]]))
"""


def test_a_solve_cut_short_by_work_stops_at_the_same_plan_under_load() -> None:
    """The same small work limit, once on a quiet machine and once with both cores busy,
    gives the same status and plan (wall-clock limits would not)."""
    def run() -> Any:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, "0.3"], cwd=ROOT, capture_output=True, text=True,
            timeout=600, check=True,
        )  # fmt: skip
        return json.loads(done.stdout)

    quiet = run()
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        busy = run()
    finally:
        for b in burners:
            b.kill()
    assert quiet == busy
