"""The page's forms under generated input (fuzzing the page forms
must find no 500): every form and query of the planner's page gets arbitrary text, numbers
out of range, repeated fields and odd ids, from a logged-in coach on the same origin.
Whatever comes in, the answer is a page, a redirect or a refusal (2xx, 3xx, 4xx), never
a server error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service_helpers import Server, shipped

TEXT = st.text(max_size=40) | st.sampled_from(
    ["", "0", "-1", "27", "2147483648", "9" * 400, "mon", "tue:pm", "tue:pm:easy_45",
     "x:y:z:w", "\x00", "\u202e", "1e9", "NaN", "week=3"]
)  # fmt: skip
VALUES = st.lists(TEXT, max_size=4)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, str]]:
    server = Server(
        tmp_path_factory.mktemp("forms"), "--no-auth", "--work-limit", "0.2",
        "--max-work-limit", "0.2", "--queue", "10000",
    )  # fmt: skip
    server.start()
    with httpx.Client(base_url=server.url, timeout=120, headers={"Origin": server.url}) as client:
        plan = client.post("/v1/solve", json=shipped("marathon-build.yaml")).json()
        yield client, plan["id"]
    server.stop()


def _fine(response: httpx.Response) -> None:
    assert response.status_code < 500, (response.request.url, response.status_code)


FORM = {
    "week": VALUES, "version": VALUES, "block": VALUES, "block_day": VALUES, "pin": VALUES,
    "missed": VALUES, "done": VALUES,
}  # fmt: skip


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
@given(form=st.fixed_dictionaries({}, optional=FORM), plan=st.sampled_from(["own", "x", "0"]))
def test_the_replan_and_restore_forms(
    site: tuple[httpx.Client, str], form: dict[str, Any], plan: str
) -> None:
    client, own = site
    plan_id = own if plan == "own" else quote(plan, safe="")
    _fine(client.post(f"/plans/{plan_id}/replan", data=form, follow_redirects=False))
    _fine(client.post(f"/plans/{plan_id}/restore", data=form, follow_redirects=False))


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
@given(text=TEXT, rules=TEXT, athlete=TEXT, week=TEXT, version=TEXT, job=TEXT, token=TEXT)
def test_the_other_forms_and_queries(
    site: tuple[httpx.Client, str], text: str, rules: str, athlete: str, week: str,
    version: str, job: str, token: str,
) -> None:  # fmt: skip
    client, own = site
    form = {"scenario_text": text, "rules": rules, "athlete": athlete}
    _fine(client.post("/plans", data=form, follow_redirects=False))
    _fine(client.get(f"/plans/{own}", params={"week": week, "version": version}))
    job_id = quote(job, safe="") or "x"
    _fine(client.get(f"/jobs/{job_id}", params={"week": week}))
    _fine(client.post(f"/jobs/{job_id}/cancel", follow_redirects=False))
    _fine(client.post("/login", data={"token": token}, follow_redirects=False))
    _fine(client.get("/", params={"token": token}, follow_redirects=False))
