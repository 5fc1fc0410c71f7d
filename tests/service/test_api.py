"""The HTTP API against the real server: plans checked independently, concurrency, bad
input in the CLI's words, body limits, who may see what, jobs with polling, server-sent
events and cancel, exports."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import math
from typing import Any

import httpx
import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from hybridplan.cli import app as cli
from service_helpers import Server, check_week, hybridplan, make_token, shipped

WEEK = "marathon-build.yaml"
BLOCK = "marathon-block-16w.yaml"


@pytest.fixture(scope="module")
def anna(server: Server, tokens: dict[str, str]) -> httpx.Client:
    return server.client(tokens["anna"])


@pytest.fixture(scope="module")
def ben(server: Server, tokens: dict[str, str]) -> httpx.Client:
    return server.client(tokens["ben"])


@pytest.fixture(scope="module")
def week_plan(anna: httpx.Client) -> dict[str, Any]:
    response = anna.post("/v1/solve", json=shipped(WEEK))
    assert response.status_code == 200, response.text
    plan: dict[str, Any] = response.json()
    return plan


def test_solve_returns_the_result_contract_plus_id_and_checks_out(
    week_plan: dict[str, Any], anna: httpx.Client
) -> None:
    assert week_plan["status"] == "optimal"
    assert week_plan["id"] and week_plan["version"] == 1
    assert week_plan["athlete"] == "marathon-build"
    check_week(shipped(WEEK), week_plan)
    again = anna.get(f"/v1/plans/{week_plan['id']}").json()
    assert again == week_plan


def test_a_busy_week_with_blocks_and_pins_checks_out(anna: httpx.Client) -> None:
    scenario = shipped("busy-week-4h.yaml")
    response = anna.post("/v1/solve", json=scenario, params={"rules": "strict"})
    assert response.status_code == 200, response.text
    assert response.json()["rule_set"].startswith("strict")
    check_week(scenario, response.json())


def test_twenty_concurrent_solves_all_succeed(server: Server, tokens: dict[str, str]) -> None:
    scenario = shipped(WEEK)

    async def one(client: httpx.AsyncClient, i: int) -> httpx.Response:
        return await client.post("/v1/solve", json=scenario, params={"athlete": f"runner-{i}"})

    async def burst() -> list[httpx.Response]:
        headers = {"Authorization": f"Bearer {tokens['anna']}"}
        async with httpx.AsyncClient(base_url=server.url, headers=headers, timeout=300) as c:
            return await asyncio.gather(*(one(c, i) for i in range(20)))

    responses = asyncio.run(burst())
    assert [r.status_code for r in responses] == [200] * 20, [r.text for r in responses]
    plans = [r.json() for r in responses]
    assert len({p["id"] for p in plans}) == 20
    for plan in plans:
        check_week(scenario, plan)
    first = [(s["day"], s["slot"], s["session"]) for s in plans[0]["sessions"]]
    assert all([(s["day"], s["slot"], s["session"]) for s in p["sessions"]] == first for p in plans)
    athletes = {a["name"] for a in httpx.get(
        f"{server.url}/v1/athletes", headers={"Authorization": f"Bearer {tokens['anna']}"}
    ).json()}  # fmt: skip
    assert {f"runner-{i}" for i in range(20)} <= athletes


def _cli_problems(tmp_path: Any, scenario: dict[str, Any]) -> list[str]:
    """What `hybridplan validate` prints for the same scenario, file and line cut off."""
    path = tmp_path / "week.json"
    path.write_text(json.dumps(scenario))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    prefix = f"error: {path}:"
    lines = []
    for line in result.stderr.strip().splitlines():
        assert line.startswith(prefix), line
        lines.append(line.removeprefix(prefix).split(": ", 1)[1])
    return lines


@pytest.mark.parametrize(
    "change,field",
    [
        ({"targets": {"runs": {"min": 5, "max": 4}}}, "targets.runs"),
        ({"availability": {"mon": {"am": -5}}}, "availability.mon.am"),
        ({"colour": "red"}, "colour"),
        ({"exclude": ["nope"]}, "exclude.0"),
        ({"start": "2026-12-01"}, "start"),
    ],
)
def test_bad_input_is_422_with_the_cli_lines(
    anna: httpx.Client, tmp_path: Any, change: dict[str, Any], field: str
) -> None:
    scenario = shipped(WEEK) | change
    response = anna.post("/v1/solve", json=scenario)
    assert response.status_code == 422
    body = response.json()
    assert field in [e["field"] for e in body["errors"]]
    assert body["problems"] == _cli_problems(tmp_path, scenario)
    assert all(line.startswith(f"{e['field']}: ") for line, e in zip(
        body["problems"], body["errors"], strict=True))  # fmt: skip


def test_other_bad_requests_name_the_field(anna: httpx.Client, week_plan: dict[str, Any]) -> None:
    def problems(response: httpx.Response) -> list[str]:
        assert response.status_code == 422, response.text
        lines: list[str] = response.json()["problems"]
        return lines

    assert problems(anna.post("/v1/solve", json=shipped(WEEK), params={"time_limit": "-1"}))[
        0
    ].startswith("time_limit: ")
    assert problems(anna.post("/v1/solve", json=shipped(WEEK), params={"rules": "/etc/x.yaml"}))[
        0
    ].startswith("rules: unknown rule set '/etc/x.yaml'")
    assert problems(anna.post("/v1/solve", json=shipped(WEEK, rules="../mine.yaml")))[0].startswith(
        "rules.use: "
    )
    assert problems(anna.post("/v1/solve", content=b"{not json",
                              headers={"Content-Type": "application/json"}))  # fmt: skip
    assert problems(anna.post("/v1/solve", json=[1, 2]))
    assert problems(anna.post("/v1/replan", json={"plan_id": week_plan["id"], "done": ["xyz"]}))[
        0
    ].startswith("done: 'xyz': the day must be one of mon")
    assert (
        problems(anna.post("/v1/replan", json={"plan_id": week_plan["id"], "colour": 1}))[0]
        == "colour: unknown field 'colour'; allowed: plan_id, version, done, missed, "
        "unavailable, from_day, moved, week, pins, blocks"
    )
    odd = problems(anna.get(f"/v1/plans/{week_plan['id']}/export", params={"to": "gpx"}))
    assert odd == ["to: unknown format 'gpx'; use ics, png, html, md, csv or fit"]


def test_fit_export_is_a_zip_of_one_workout_per_session(
    anna: httpx.Client, week_plan: dict[str, Any]
) -> None:
    import io
    import zipfile

    response = anna.get(f"/v1/plans/{week_plan['id']}/export", params={"to": "fit"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert 'filename="plan-' in response.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    sessions = week_plan["sessions"]
    kinds = {s["kind"] for s in sessions}
    assert {"run", "strength"} <= kinds
    assert len(names) == len(sessions) > 0 and all(n.endswith(".fit") for n in names)


def test_time_limits_are_capped_by_the_server(anna: httpx.Client) -> None:
    response = anna.post("/v1/solve", json=shipped(WEEK), params={"time_limit": 1000})
    assert response.status_code == 200
    assert response.headers["X-Time-Limit"] == "20"
    asked = anna.post("/v1/solve", json=shipped(WEEK), params={"time_limit": 5})
    assert asked.headers["X-Time-Limit"] == "5"


def test_bodies_over_the_limit_are_413(anna: httpx.Client) -> None:
    big = shipped(WEEK, description="x" * 1_100_000)
    assert anna.post("/v1/solve", json=big).status_code == 413

    def chunks() -> Any:  # no Content-Length: counted as it arrives
        yield b'{"name": "x", "description": "'
        for _ in range(12):
            yield b"y" * 100_000
        yield b'"}'

    response = anna.post(
        "/v1/solve", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_tokens_are_required_and_checked(server: Server) -> None:
    with server.client() as nobody:
        assert nobody.get("/health").status_code == 200
        response = nobody.get("/v1/plans")
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == "Bearer"
    with server.client("hp_not-a-token") as forged:
        assert forged.post("/v1/solve", json=shipped(WEEK)).status_code == 401


def test_one_coach_cannot_see_another_coachs_plans(
    anna: httpx.Client, ben: httpx.Client, week_plan: dict[str, Any]
) -> None:
    pid = week_plan["id"]
    for path in (f"/v1/plans/{pid}", f"/v1/plans/{pid}/versions",
                 f"/v1/plans/{pid}/export?to=ics"):  # fmt: skip
        assert anna.get(path).status_code == 200
        theirs = ben.get(path)
        assert theirs.status_code == 404
        assert theirs.json() == ben.get(path.replace(pid, "0" * 32)).json()
    assert ben.post("/v1/replan", json={"plan_id": pid, "missed": ["mon"]}).status_code == 404
    assert pid not in [p["id"] for p in ben.get("/v1/plans").json()]
    assert ben.get("/v1/athletes").json() == []
    page = ben.get(f"/plans/{pid}")
    assert page.status_code == 404 and "marathon-build" not in page.text


def test_replan_makes_a_new_version_with_its_changes(anna: httpx.Client) -> None:
    plan = anna.post("/v1/solve", json=shipped(WEEK), params={"athlete": "replanned"}).json()
    wednesday = [s for s in plan["sessions"] if s["day"] == "wed"]
    assert wednesday
    first = plan["sessions"][0]
    response = anna.post(
        "/v1/replan",
        json={
            "plan_id": plan["id"],
            "unavailable": ["wed"],
            "pins": [{"day": first["day"], "slot": first["slot"], "session": first["session"]}],
        },
    )
    assert response.status_code == 200, response.text
    new = response.json()
    assert new["id"] == plan["id"] and new["version"] == 2 and new["versions"] == 2
    assert not any(s["day"] == "wed" for s in new["sessions"])
    assert any("(no longer available)" in c for c in new["changes"])
    assert (first["day"], first["slot"], first["session"]) in [
        (s["day"], s["slot"], s["session"]) for s in new["sessions"]
    ]
    scenario = shipped(WEEK)
    scenario["blocked"] = [{"day": "wed"}]
    check_week(scenario, new)
    history = anna.get(f"/v1/plans/{plan['id']}/versions").json()
    assert [(v["version"], v["kind"]) for v in history] == [(1, "solve"), (2, "replan")]
    assert (
        anna.get(f"/v1/plans/{plan['id']}", params={"version": 1}).json()["sessions"]
        == (plan["sessions"])
    )


def test_ics_export_parses(anna: httpx.Client, week_plan: dict[str, Any]) -> None:
    response = anna.get(f"/v1/plans/{week_plan['id']}/export", params={"to": "ics"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == len(week_plan["sessions"])
    starts = sorted(e.decoded("dtstart") for e in events)
    monday = dt.date.fromisoformat(shipped(WEEK)["start"])
    assert starts[0].date() >= monday and starts[-1].date() < monday + dt.timedelta(days=7)
    for to, kind in (("png", "image/png"), ("md", "text/markdown"), ("csv", "text/csv"),
                     ("html", "text/html")):  # fmt: skip
        other = anna.get(f"/v1/plans/{week_plan['id']}/export", params={"to": to})
        assert other.status_code == 200 and other.headers["content-type"].startswith(kind)


def test_a_block_runs_as_a_job_with_polling_and_events(anna: httpx.Client) -> None:
    response = anna.post("/v1/solve", json=shipped(BLOCK))
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["Location"] == f"/v1/jobs/{job['id']}"
    assert job["status"] in ("queued", "running") and job["kind"] == "solve"
    seen = []
    with anna.stream("GET", f"/v1/jobs/{job['id']}/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        for line in stream.iter_lines():
            if line.startswith("data: "):
                seen.append(json.loads(line.removeprefix("data: ")))
    assert seen[-1]["status"] == "done"
    assert [e["status"] for e in seen] == sorted(
        {e["status"] for e in seen}, key=["queued", "running", "done"].index
    )
    polled = anna.get(f"/v1/jobs/{job['id']}").json()
    assert polled["status"] == "done" and polled["plan_id"]
    plan = anna.get(f"/v1/plans/{polled['plan_id']}").json()
    assert plan["status"] in ("optimal", "feasible")
    assert {s["week"] for s in plan["sessions"]} == set(range(1, 17))
    assert len(plan["phases"]) == 16


def test_explain_says_why_a_week_is_impossible(anna: httpx.Client) -> None:
    response = anna.post("/v1/explain", json=shipped("infeasible-on-purpose.yaml"))
    assert response.status_code == 200, response.text
    explanation = response.json()
    assert explanation["status"] == "infeasible" and explanation["minimal"]
    assert {c["key"] for c in explanation["conflicts"]} == {
        "availability",
        "run_count.min",
        "strength_count.min",
    }


def test_rules_and_sessions(anna: httpx.Client) -> None:
    rules = anna.get("/v1/rules").json()
    assert {s["name"] for s in rules["rule_sets"]} >= {"balanced", "stacked", "strict", "minimal"}
    assert "hard_separation" in {r["id"] for r in rules["catalogue"]}
    sessions = anna.get("/v1/sessions").json()
    assert "easy_45" in {s["id"] for s in sessions}


def test_openapi_is_generated_from_the_models(server: Server) -> None:
    spec = httpx.get(f"{server.url}/openapi.json").json()
    assert {"/v1/solve", "/v1/explain", "/v1/replan", "/v1/plans/{plan_id}",
            "/v1/plans/{plan_id}/export", "/v1/rules", "/v1/sessions", "/health",
            "/v1/jobs/{job_id}", "/v1/jobs/{job_id}/events"} <= set(spec["paths"])  # fmt: skip
    schemas = spec["components"]["schemas"]
    assert {"id", "version", "sessions", "objective"} <= set(schemas["PlanOut"]["properties"])
    body = spec["paths"]["/v1/solve"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["$ref"].endswith("/Scenario")


def test_every_response_carries_the_security_headers(server: Server) -> None:
    for path in ("/health", "/login", "/static/planner.js", "/static/planner.css"):
        response = httpx.get(f"{server.url}{path}")
        assert response.status_code == 200, path
        headers = response.headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
    assert httpx.get(f"{server.url}/docs").status_code == 404  # its scripts come from a CDN


def test_no_secret_reaches_the_log(server: Server, tokens: dict[str, str]) -> None:
    with server.client(follow_redirects=True) as browser:
        response = browser.get(f"/?token={tokens['anna']}")
        assert response.status_code == 200  # followed the redirect that drops the token
        assert "token=" not in str(response.url)
        assert browser.cookies.get("hybridplan_token") == tokens["anna"]
    log = server.log()
    assert "GET / " in log
    for token in tokens.values():
        assert token not in log


def test_the_page_escapes_what_users_wrote(anna: httpx.Client) -> None:
    name = '<script>alert("x")</script>'
    plan = anna.post("/v1/solve", json=shipped(WEEK) | {"name": name}).json()
    page = anna.get(f"/plans/{plan['id']}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert 'alt="Fitness, fatigue and form of &lt;script&gt;alert(&#34;x&#34;)' in page.text
    chart = anna.get(f"/plans/{plan['id']}/form.png")  # the name is in the chart's title
    assert chart.status_code == 200 and chart.content[:8] == b"\x89PNG\r\n\x1a\n"
    listing = anna.get("/")
    assert "<script>alert" not in listing.text


def test_the_page_shows_the_form_chart_with_its_form_in_words(
    anna: httpx.Client, ben: httpx.Client, week_plan: dict[str, Any]
) -> None:
    """The week has no race: the words give the form at its end, which is fitness minus
    fatigue summed here in closed form from the sessions' loads (no history: from 0)."""
    plan_id = week_plan["id"]
    page = anna.get(f"/plans/{plan_id}").text
    assert f'<img\n         src="/plans/{plan_id}/form.png?version=1"' in page
    loads = [0] * 7
    for s in week_plan["sessions"]:
        loads[["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(s["day"])] += s["load"]
    q42, q7 = math.exp(-1 / 42), math.exp(-1 / 7)
    fitness = sum((1 - q42) * q42 ** (6 - d) * loads[d] for d in range(7))
    fatigue = sum((1 - q7) * q7 ** (6 - d) * loads[d] for d in range(7))
    assert f"<strong>Form {fitness - fatigue:+.1f} at the end of the plan</strong>" in page
    chart = anna.get(f"/plans/{plan_id}/form.png")
    assert chart.status_code == 200 and chart.headers["content-type"] == "image/png"
    assert chart.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert chart.content[16:24] == (1100).to_bytes(4, "big") + (520).to_bytes(4, "big")
    assert ben.get(f"/plans/{plan_id}/form.png").status_code == 404  # another coach's


def test_the_page_defines_its_zones_and_pace_letters(
    anna: httpx.Client, week_plan: dict[str, Any]
) -> None:
    """The week's summaries say '(T)' and 'Z2': the page says what they mean, as the
    Markdown and HTML exports do (zones contiguous in % of max HR, Daniels' letters)."""
    page = anna.get(f"/plans/{week_plan['id']}").text
    legend = page[page.index('id="legend"') :]
    for words in ("Z1 55-65 recovery", "Z2 65-80 easy", "Z4 88-93 threshold",
                  "T threshold", "M marathon pace", "I interval", "E easy"):  # fmt: skip
        assert words in legend, words
    summaries = [s["prescription"]["summary"] for s in week_plan["sessions"]]
    assert any("(T)" in s or "(I)" in s or "(M)" in s for s in summaries)


def test_a_version_beyond_its_limit_is_422_not_a_server_error(anna: httpx.Client) -> None:
    """A version of 2^63 overflowed the database's integers into a 500 (and reset the
    next request on the connection); now every door that takes one refuses it."""
    from hybridplan.models import limits

    plan = anna.post("/v1/solve", json=shipped(WEEK)).json()
    huge = 2**63
    for response in (
        anna.get(f"/v1/plans/{plan['id']}", params={"version": huge}),
        anna.get(f"/v1/plans/{plan['id']}/export", params={"version": huge, "to": "ics"}),
        anna.post("/v1/replan", json={"plan_id": plan["id"], "version": huge}),
    ):
        assert response.status_code == 422, response.text
        assert "version" in response.text
    # the largest allowed is a plain "not found", and the connection still serves
    largest = anna.get(f"/v1/plans/{plan['id']}", params={"version": limits.MAX_VERSION})
    assert largest.status_code == 404
    assert anna.get(f"/v1/plans/{plan['id']}").json()["version"] == 1


def test_the_page_form_reads_a_scenario_as_a_file_is_read(
    server: Server, tokens: dict[str, str]
) -> None:
    """Pasted text goes through the file reader's checks: 50,000 nested brackets and a
    5,000-digit number were server errors, duplicate keys were taken; each is now a line
    on the form's page (422, bad input), as `hybridplan validate` says it."""
    cases = {
        "name: x\navailability: " + "[" * 50_000 + "]" * 50_000: "nesting depth",
        "name: x\nweekly_minutes: " + "9" * 5_000 + "\navailability: {mon: {am: 60}}": (
            "more than 4300 digits"
        ),
        "name: x\nname: y\navailability: {mon: {am: 60}}": "duplicate key",
        "name: x\nweekly_minutes: true\navailability: {mon: {am: 60}}": ("line 2: weekly_minutes"),
    }
    with server.client(follow_redirects=True) as browser:
        browser.get(f"/?token={tokens['anna']}")
        for text, said in cases.items():
            response = browser.post("/plans", data={"scenario_text": text})
            assert response.status_code == 422, response.text[:300]
            assert said in response.text, (said, response.text[-3000:])


def test_a_token_link_from_another_site_signs_no_one_in(
    server: Server, tokens: dict[str, str]
) -> None:
    """Login CSRF: a foreign page linking to `/?token=<its own token>` would sign the
    browser in as that coach. Followed from another site (Sec-Fetch-Site, or a foreign
    Referer) the link sets no cookie; typed or from the same site it does. Logging out
    from another site's form is refused."""
    link = f"/?token={tokens['anna']}"
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Referer": "https://evil.example/x"}):
        with server.client() as browser:
            response = browser.get(link, headers=headers)
            assert response.status_code == 403
            assert "hybridplan_token" not in browser.cookies
            assert "another site" in response.text
    for headers in ({"Sec-Fetch-Site": "none"}, {"Sec-Fetch-Site": "same-origin"}, {}):
        with server.client() as browser:
            response = browser.get(link, headers=headers)
            assert response.status_code == 303
            assert browser.cookies.get("hybridplan_token") == tokens["anna"]
            refused = browser.post("/logout", headers={"Origin": "https://evil.example"})
            assert refused.status_code == 403
            assert browser.cookies.get("hybridplan_token") == tokens["anna"]
            assert browser.post("/logout", headers={"Origin": server.url}).status_code == 303


def test_tokens_are_listed_without_their_secret_and_revoked(server: Server) -> None:
    """`token list` shows id, coach and date (never the token); `token revoke ID` ends a
    token at once (401), the coach's other tokens go on working; an unknown id is exit 2."""
    first = make_token(server.db_url, "revoked-coach")
    second = make_token(server.db_url, "revoked-coach")
    listed = hybridplan("token", "list", "--db", server.db_url)
    assert listed.returncode == 0, listed.stderr
    assert first not in listed.stdout and second not in listed.stdout
    mine = [line.split("\t") for line in listed.stdout.splitlines() if "\trevoked-coach\t" in line]
    assert len(mine) == 2
    with server.client(first) as client:
        assert client.get("/v1/athletes").status_code == 200
    revoked = hybridplan("token", "revoke", mine[0][0], "--db", server.db_url)
    assert revoked.returncode == 0, revoked.stderr
    with server.client(first) as client:
        assert client.get("/v1/athletes").status_code == 401
    with server.client(second) as client:
        assert client.get("/v1/athletes").status_code == 200
    again = hybridplan("token", "revoke", mine[0][0], "--db", server.db_url)
    assert again.returncode == 2 and "no token" in again.stderr


def test_own_sessions_are_planned_over_http_as_by_the_cli(
    anna: httpx.Client, server: Server, tokens: dict[str, str]
) -> None:
    """A scenario with `sessions:` (an override and a new run) was 422 over HTTP and on the
    page (its unset fields came back as nulls), while `hybridplan solve` planned it."""
    data = {
        "name": "own-sessions", "start": "2026-11-30",
        "availability": {"mon": {"am": 60}, "wed": {"am": 60}, "sat": {"am": 90}},
        "targets": {"runs": [1, 3], "strength": [0, 1]},
        "sessions": {
            "upper_45": {"rpe": 6},
            "my_run": {"kind": "run", "minutes": 40, "intensity": "easy", "rpe": 3,
                       "run_type": "easy"},
        },
    }  # fmt: skip
    response = anna.post("/v1/solve", json=data)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "optimal"
    with server.client(follow_redirects=True) as browser:
        browser.get(f"/?token={tokens['anna']}")
        page = browser.post("/plans", data={"scenario_text": json.dumps(data)})
        assert page.status_code == 200, page.text[-2000:]
        assert "/plans/" in str(page.url)


def test_an_earlier_version_can_be_restored(anna: httpx.Client, ben: httpx.Client) -> None:
    """Undo (back to a plan): version 1 made the newest again, as version 3; the sessions
    version 2 dropped are live again (not cancelled), those only version 2 had are
    cancelled for the calendar; a second coach cannot do it."""
    plan = anna.post("/v1/solve", json=shipped(WEEK)).json()
    gone = ["tue", "wed", "thu", "fri"]
    second = anna.post("/v1/replan", json={"plan_id": plan["id"], "unavailable": gone})
    assert second.status_code == 200, second.text
    v2 = second.json()
    assert ben.post(f"/v1/plans/{plan['id']}/restore", params={"version": 1}).status_code == 404
    assert anna.post(f"/v1/plans/{plan['id']}/restore").status_code == 422  # which version?
    response = anna.post(f"/v1/plans/{plan['id']}/restore", params={"version": 1})
    assert response.status_code == 200, response.text
    back = response.json()
    assert back["version"] == 3 and back["versions"] == 3

    def placed(p: dict[str, Any]) -> list[tuple[str, str, str]]:
        return [(s["day"], s["slot"], s["session"]) for s in p["sessions"]]

    assert placed(back) == placed(plan)
    assert back["revision"] == v2["revision"] + 1
    kept = {s["uid"] for s in back["sessions"]}
    cancelled = {s["uid"] for s in back["cancelled"]}
    dropped_by_v2 = {s["uid"] for s in v2["cancelled"]}
    assert dropped_by_v2 and dropped_by_v2 <= kept  # back in the calendar, not cancelled
    assert not kept & cancelled
    assert {s["uid"] for s in v2["sessions"]} - kept <= cancelled  # v2's own are removed
    assert back["changes"] == ["restored version 1: the plan as it was then"]
    history = anna.get(f"/v1/plans/{plan['id']}/versions").json()
    assert [v["kind"] for v in history] == ["solve", "replan", "restore"]
    ics = anna.get(f"/v1/plans/{plan['id']}/export", params={"to": "ics"})
    assert ics.status_code == 200 and ics.text.count("STATUS:CANCELLED") == len(back["cancelled"])


def test_the_page_says_the_status_in_plain_words(
    anna: httpx.Client, week_plan: dict[str, Any]
) -> None:
    from hybridplan.service.pages import _words

    page = anna.get(f"/plans/{week_plan['id']}")
    assert page.status_code == 200
    assert "proven best" in page.text and "0 is perfect" in page.text
    assert "effort × minutes" in page.text
    assert _words({"status": "feasible", "gap": 0.12})["status"] == "best found, within 12%"
    assert _words({"status": "feasible", "gap": 0.0})["status"] == "best found"
    assert _words({"status": "infeasible"})["status"] == "no plan fits"


def test_a_replan_request_takes_numbers_as_numbers(
    anna: httpx.Client, week_plan: dict[str, Any]
) -> None:
    for bad in ({"version": "1"}, {"week": True}, {"version": 1.0}):
        response = anna.post("/v1/replan", json={"plan_id": week_plan["id"], **bad})
        assert response.status_code == 422, (bad, response.text)
        assert response.json()["problems"][0].startswith(f"{next(iter(bad))}: "), response.text


def test_a_replan_takes_a_session_done_elsewhere(
    anna: httpx.Client, week_plan: dict[str, Any]
) -> None:
    """Tuesday evening's easy run was run on Wednesday evening (free in the scenario, no
    session there): it is fixed there, and the change says so."""
    first = next(s for s in week_plan["sessions"] if (s["day"], s["slot"]) == ("tue", "pm"))
    assert shipped(WEEK)["availability"]["wed"].get("pm")
    assert not [s for s in week_plan["sessions"] if (s["day"], s["slot"]) == ("wed", "pm")]
    to_day, to_slot = "wed", "pm"
    move = f"tue:pm={to_day}:{to_slot}"
    response = anna.post("/v1/replan", json={"plan_id": week_plan["id"], "moved": [move]})
    assert response.status_code == 200, response.text
    new = response.json()
    assert (to_day, to_slot, first["session"]) in [
        (s["day"], s["slot"], s["session"]) for s in new["sessions"]
    ]
    assert any(c.endswith("(done there instead)") for c in new["changes"]), new["changes"]
    bad = anna.post("/v1/replan", json={"plan_id": week_plan["id"], "moved": ["mon=tue"]})
    assert bad.status_code == 422 and "a move is PLANNED=DONE" in bad.text
