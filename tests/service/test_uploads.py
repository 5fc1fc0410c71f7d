"""Activity files uploaded to a stored plan (POST /v1/plans/{id}/activities and the page's
form) against the real server: a CSV week makes a new version whose log says what the file
says and whose plan is the one `hybridplan log import` makes (the same readers, the same
`import_activities`, the same work limit); the same files twice count once; bad files are
422 with a line each naming the file; another coach's plan is 404; hostile file names are
escaped on the page; uploads over their limits are refused.

One server for the module, a one-week dated plan (imports run at once, not as jobs), tokens
made in-process (no `token create` subprocess): the module is kept to a few seconds."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from hybridplan.log.adapting import import_activities
from hybridplan.log.importing import read_activities
from hybridplan.models import limits
from hybridplan.models.result import Result
from hybridplan.service.db import Store
from service_helpers import Server, shipped

WORK = 2.0  # the server's work limit: the in-process import below uses the same
PLAN_FIELDS = ("id", "version", "versions", "athlete")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("uploads")
    server = Server(folder, "--workers", "1", "--work-limit", str(WORK), "--max-upload", "17825792")
    server.start()
    store = Store(server.db_url)
    tokens = {name: store.create_token(name) for name in ("anna", "ben")}
    store.close()
    yield server, tokens
    server.stop()


@pytest.fixture(scope="module")
def anna(site: tuple[Server, dict[str, str]]) -> Iterator[httpx.Client]:
    server, tokens = site
    with server.client(tokens["anna"]) as client:
        yield client


def solved(client: httpx.Client) -> dict[str, Any]:
    """marathon-build: one week from Monday 30 Nov 2026, eight sessions."""
    response = client.post("/v1/solve", json=shipped("marathon-build.yaml"))
    assert response.status_code == 200, response.text
    out: dict[str, Any] = response.json()
    assert out["sessions"] and all(s["date"] for s in out["sessions"])
    return out


@pytest.fixture(scope="module")
def plan(anna: httpx.Client) -> dict[str, Any]:
    return solved(anna)


def week_csv(plan: dict[str, Any], done: int) -> bytes:
    """The planner's CSV: the plan's first `done` sessions, each as planned."""
    rows = ["date,start,sport,minutes"]
    rows += [
        f"{s['date']},{s['start']},{s['kind']},{s['minutes']}" for s in plan["sessions"][:done]
    ]
    return ("\n".join(rows) + "\n").encode()


def sunday(plan: dict[str, Any]) -> str:
    monday = dt.date.fromisoformat(plan["input"]["scenario"]["start"])
    return (monday + dt.timedelta(days=6)).isoformat()


def upload(
    client: httpx.Client, plan_id: str, *files: tuple[str, bytes], **form: str
) -> httpx.Response:
    parts = [("files", (name, data)) for name, data in files]
    return client.post(f"/v1/plans/{plan_id}/activities", files=parts, data=form)


def test_a_csv_week_makes_the_version_the_cli_import_makes(
    anna: httpx.Client, plan: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = week_csv(plan, 4)
    response = upload(anna, plan["id"], ("week.csv", data), through=sunday(plan))
    assert response.status_code == 200, response.text
    assert response.headers["X-Time-Limit"] == f"{WORK:g}"
    got = response.json()
    assert (got["version"], got["versions"]) == (2, 2)
    statuses = [(e["session"], e["status"]) for e in got["log"]["entries"]]
    planned = [s["session"] for s in plan["sessions"]]
    assert statuses == [(p, "done" if i < 4 else "missed") for i, p in enumerate(planned)]
    assert all("week.csv:" in e["evidence"] for e in got["log"]["entries"][:4])
    history = anna.get(f"/v1/plans/{plan['id']}/versions").json()
    assert [v["kind"] for v in history] == ["solve", "import"]

    # the CLI's way (`hybridplan log import week.csv`): the same bytes as a file in the
    # working folder, read_activities, import_activities under the same work limit
    monkeypatch.chdir(tmp_path)
    Path("week.csv").write_bytes(data)
    previous = Result.model_validate({k: v for k, v in plan.items() if k not in PLAN_FIELDS})
    zone = plan["input"]["scenario"].get("timezone")
    cli = import_activities(
        previous,
        read_activities([Path("week.csv")], timezone=zone),
        through=dt.date.fromisoformat(sunday(plan)),
        work_limit=WORK,
    ).result.to_dict()
    for key in ("status", "objective", "sessions", "changes", "log"):
        assert got[key] == cli[key], key


def test_the_same_upload_twice_counts_once(anna: httpx.Client, plan: dict[str, Any]) -> None:
    data = week_csv(plan, 4)
    first = upload(anna, plan["id"], ("week.csv", data), through=sunday(plan)).json()
    again = upload(anna, plan["id"], ("again.csv", data), through=sunday(plan)).json()
    assert again["version"] == first["version"] + 1
    assert len(again["log"]["activities"]) == len(first["log"]["activities"]) == 4
    assert again["log"]["entries"] == first["log"]["entries"]
    assert again["sessions"] == first["sessions"]


def test_bad_files_are_422_with_a_line_each_naming_the_file(
    anna: httpx.Client, plan: dict[str, Any]
) -> None:
    before = len(anna.get(f"/v1/plans/{plan['id']}/versions").json())
    bad = b"date,sport,minutes\n2026-12-01,swim,30\n"
    response = upload(anna, plan["id"], ("bad.csv", bad), ("notes.txt", b"hello"))
    assert response.status_code == 422
    body = response.json()
    assert body["problems"] == [
        "bad.csv:2: sport: got 'swim'; allowed: run, strength, mobility, other",
        "notes.txt: not an activity file: allowed extensions .fit, .gpx, .tcx, .csv",
    ]
    assert [(e["file"], e["line"]) for e in body["errors"]] == [("bad.csv", 2), ("notes.txt", None)]
    assert len(anna.get(f"/v1/plans/{plan['id']}/versions").json()) == before  # nothing made
    missing = anna.post(f"/v1/plans/{plan['id']}/activities", data={"through": "2026-12-06"})
    assert missing.status_code == 422
    assert missing.json()["problems"] == ["files: required field is missing"]


def test_another_coachs_plan_is_404(
    site: tuple[Server, dict[str, str]], plan: dict[str, Any]
) -> None:
    server, tokens = site
    with server.client(tokens["ben"]) as ben:
        assert upload(ben, plan["id"], ("week.csv", week_csv(plan, 1))).status_code == 404
        assert upload(ben, "no-such-plan", ("week.csv", b"x")).status_code == 404
        page = ben.post(f"/plans/{plan['id']}/activities", files=[("files", ("w.csv", b"x"))])
        assert page.status_code == 404


def test_hostile_file_names_are_escaped_on_the_page(anna: httpx.Client) -> None:
    """A name with markup and a raw line break (sent as bytes: a client library would
    percent-encode it), through the page's form, then the page that shows the import."""
    plan = solved(anna)
    name = b"<script>alert(1)</script>\nweek.csv"
    body = (
        b"--XX\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name + b"\"\r\n"
        b"Content-Type: text/csv\r\n\r\n" + week_csv(plan, 2) + b"\r\n"
        b"--XX\r\nContent-Disposition: form-data; name=\"through\"\r\n\r\n"
        + sunday(plan).encode() + b"\r\n--XX--\r\n"
    )  # fmt: skip
    headers = {"content-type": "multipart/form-data; boundary=XX"}
    done = anna.post(f"/plans/{plan['id']}/activities", content=body, headers=headers)
    assert done.status_code == 303, done.text
    page = anna.get(done.headers["location"]).text
    assert 'id="import-log"' in page and "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\nweek.csv:2" in page  # escaped, one line
    refused = anna.post(
        f"/plans/{plan['id']}/activities", content=body.replace(b"date,start", b"when,start"),
        headers=headers,
    )  # fmt: skip
    assert refused.status_code == 422
    assert "<script>alert" not in refused.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\nweek.csv:1: " in refused.text


def test_uploads_over_their_limits_are_refused(
    site: tuple[Server, dict[str, str]], anna: httpx.Client, plan: dict[str, Any]
) -> None:
    server, tokens = site
    big = b"date,start,sport,minutes\n" + b"#" * limits.MAX_ACTIVITY_FILE_BYTES
    response = upload(anna, plan["id"], ("big.csv", big))
    assert response.status_code == 422
    assert response.json()["problems"] == [
        "big.csv: larger than 16,777,216 bytes (16 MiB), the most a file may be"
    ]
    many = [(f"{i}.csv", b"") for i in range(limits.MAX_UPLOAD_FILES + 1)]
    response = upload(anna, plan["id"], *many)
    assert response.status_code == 422
    assert response.json()["problems"][0].startswith("files: 101 files; at most 100 in one upload")
    # a request over --max-upload (17 MiB here) is 413 from its Content-Length alone
    with socket.create_connection(("127.0.0.1", server.port)) as raw:
        raw.sendall(
            f"POST /v1/plans/{plan['id']}/activities HTTP/1.1\r\nHost: x\r\n"
            f"Authorization: Bearer {tokens['anna']}\r\nContent-Length: {18 << 20}\r\n"
            "Content-Type: multipart/form-data; boundary=XX\r\n\r\n".encode()
        )
        assert raw.recv(200).startswith(b"HTTP/1.1 413")
    # every other request keeps --max-body (4 MiB): the upload's limit is its own
    assert anna.post("/v1/solve", content=b" " * (5 << 20)).status_code == 413
