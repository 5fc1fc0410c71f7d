"""Dates everywhere a plan is shown when its scenario has `start`, a block's week picked for
the PNG and the HTML page, labels inside their boxes, a page that fits a phone, integer
set columns. Expected dates are computed here from the definition (Monday
`start`, then 7 days a week and the day's place in the week), not by the code under test."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import ROOT
from hybridplan.cli import app
from hybridplan.core.solving import solve
from hybridplan.models import Result
from hybridplan.outputs import export as exporting
from hybridplan.outputs import render

WEEK = ROOT / "scenarios" / "marathon-build.yaml"
BLOCK = ROOT / "scenarios" / "marathon-block-16w.yaml"
DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def expected_date(start: str, week: int, day: str) -> dt.date:
    y, m, d = (int(x) for x in start.split("-"))
    return dt.date(y, m, d) + dt.timedelta(days=7 * (week - 1) + DAY_NAMES.index(day))


def short(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]}"


@pytest.fixture(scope="module")
def week() -> Result:
    return solve(WEEK, time_limit=300, deterministic_time=20)


@pytest.fixture(scope="module")
def block() -> Result:
    result = solve(BLOCK, time_limit=600, deterministic_time=20)
    assert result.found
    return result


@pytest.fixture()
def files(tmp_path: Path, week: Result, block: Result) -> Iterator[dict[str, Path]]:
    paths = {"week": tmp_path / "week.json", "block": tmp_path / "block.json"}
    paths["week"].write_text(week.to_json())
    paths["block"].write_text(block.to_json())
    yield paths


def start_of(result: Result) -> str:
    assert result.input is not None
    start = result.input["scenario"]["start"]
    assert isinstance(start, str)
    return start


def test_every_session_carries_its_date_in_json_csv_and_the_dataframe(
    week: Result, block: Result
) -> None:
    for result in (week, block):
        start = start_of(result)
        data = json.loads(result.to_json())
        for s in data["sessions"]:
            assert s["date"] == expected_date(start, s["week"], s["day"]).isoformat()
        frame = result.to_dataframe()
        for _, row in frame.iterrows():
            assert row["date"] == expected_date(start, row["week"], row["day"])
        lines = render.csv([result]).splitlines()
        header = lines[0].split(",")
        at = header.index("date")
        for line, s in zip(lines[1:], data["sessions"], strict=False):
            assert line.split(",")[at] == s["date"]


def test_sets_columns_are_integers(week: Result) -> None:
    frame = week.to_dataframe()
    sets = [c for c in frame.columns if c.startswith("sets_")]
    assert sets
    assert all(str(frame[c].dtype).startswith("int") for c in sets), frame.dtypes
    # a run has no sets: 0, not NaN
    runs = frame[frame["kind"] == "run"]
    assert (runs[sets] == 0).all().all()


def test_without_start_no_dates(week: Result) -> None:
    data = json.loads(week.to_json())
    assert data["input"] is not None
    del data["input"]["scenario"]["start"]
    for s in data["sessions"]:
        s.pop("date")
    result = Result.model_validate(data)
    assert all(s.date is None for s in result.sessions)
    assert "date" in result.to_dataframe().columns  # the column stays, empty
    assert "30 Nov" not in render.markdown(result)


def test_an_old_result_without_dates_gets_them_and_an_edited_date_is_refused(
    files: dict[str, Path], week: Result
) -> None:
    data = json.loads(files["week"].read_text())
    start = start_of(week)
    for s in data["sessions"]:
        s.pop("date")
    old = Result.model_validate(data)
    assert [s.date for s in old.sessions] == [
        expected_date(start, s.week, s.day) for s in old.sessions
    ]
    data["sessions"][0]["date"] = "2026-12-25"
    files["week"].write_text(json.dumps(data))
    run = CliRunner().invoke(app, ["export", str(files["week"]), "--to", "md", "--out", "-"])
    assert run.exit_code == 2, run.output
    assert "sessions.0.date" in run.output and "Traceback" not in run.output


def test_the_table_and_markdown_show_dated_days(week: Result, block: Result) -> None:
    start = start_of(week)
    md = render.markdown(week)
    for day in DAY_NAMES:
        assert f"| {day} {short(expected_date(start, 1, day))} |" in md
    bmd = render.markdown(block)
    bstart = start_of(block)
    # a grid per week, each headed by its Monday
    for w in (1, 2, 16):
        assert f"### Week {w} (from {short(expected_date(bstart, w, 'mon'))})" in bmd
    # a session sits in its own week's grid, on its dated row
    last = max(block.sessions, key=lambda s: (s.week, DAY_NAMES.index(s.day)))
    grid16 = bmd.split("### Week 16")[1].split("### Sessions")[0]
    row = next(
        line
        for line in grid16.splitlines()
        if line.startswith(f"| {last.day} {short(expected_date(bstart, 16, last.day))} |")
    )
    assert last.session in row


def test_the_weeks_table_shows_each_monday_within_80_columns(files: dict[str, Path]) -> None:
    run = CliRunner().invoke(
        app,
        ["solve", str(BLOCK), "--work-limit", "20", "--time-limit", "600"],
        env={"COLUMNS": "80"},
        terminal_width=80,
    )
    assert run.exit_code == 0, run.output
    lines = run.output.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    head = next(i for i, line in enumerate(lines) if re.match(r"\s*wk\s+monday\s", line))
    block = json.loads(files["block"].read_text())
    start = block["input"]["scenario"]["start"]
    rows = [line.split() for line in lines[head + 2 : head + 18]]
    for w, row in enumerate(rows, start=1):
        assert row[0] == str(w)
        assert " ".join(row[1:3]) == short(expected_date(start, w, "mon"))
    # the grid's rows carry the date too
    assert any(line.startswith(f"│ sun {short(expected_date(start, 16, 'sun'))}") for line in lines)


@pytest.mark.parametrize("fmt", ["png", "html"])
def test_any_week_of_a_block(files: dict[str, Path], block: Result, fmt: str) -> None:
    runner = CliRunner()
    out = files["block"].parent / f"w5.{fmt}"
    args = ["export", str(files["block"]), "--to", fmt, "--week", "5", "--out", str(out)]
    run = runner.invoke(app, args)
    assert run.exit_code == 0, run.output
    if fmt == "html":
        page = out.read_text()
        start = start_of(block)
        monday = short(expected_date(start, 5, "mon"))
        assert f"Week 5 of 16 · {block.phases[4]} · from {monday}" in page
        for s in (s for s in block.sessions if s.week == 5):
            assert f"{s.day} {short(expected_date(start, 5, s.day))} {s.start}" in page
        others = {s.session for s in block.sessions if s.week != 5} - {
            s.session for s in block.sessions if s.week == 5
        }
        assert not any(f">{o} · " in page for o in others)
    else:
        assert out.read_bytes().startswith(b"\x89PNG")
        week1 = exporting.to_png(block, 1)
        assert out.read_bytes() != week1  # another week drawn
    bad = runner.invoke(app, [*args[:-4], "--week", "17", "--out", str(out) + "x"])
    assert bad.exit_code == 2 and "1-16" in bad.output
    assert not Path(str(out) + "x").exists()
    md = runner.invoke(app, [*args[:3], "md", "--week", "2", "--out", "-"])
    assert md.exit_code == 2 and "--week" in md.output


def test_png_labels_lie_inside_their_boxes(block: Result, monkeypatch: Any) -> None:
    """Every session's label, measured by matplotlib after drawing, lies within its box,
    including the long ids (full_body_light_45) that used to run over the next day."""
    import matplotlib.figure
    import matplotlib.patches
    import matplotlib.text

    seen: list[matplotlib.figure.Figure] = []
    original = matplotlib.figure.Figure.savefig

    def keep(self: matplotlib.figure.Figure, *args: Any, **kwargs: Any) -> None:
        seen.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", keep)
    monkeypatch.setattr("matplotlib.pyplot.close", lambda fig=None: None)
    long_ids = 0
    for w in range(1, 17):
        exporting.to_png(block, w)
        fig = seen[-1]
        grid = fig.axes[0]
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        boxes = [p for p in grid.patches if isinstance(p, matplotlib.patches.Rectangle)]
        labels = [t for t in grid.texts if isinstance(t, matplotlib.text.Text)]
        assert len(boxes) == len(labels) == sum(1 for s in block.sessions if s.week == w)
        for text, box in zip(labels, boxes, strict=True):
            t, b = text.get_window_extent(renderer), box.get_window_extent(renderer)
            assert b.x0 <= t.x0 and t.x1 <= b.x1 and b.y0 <= t.y0 and t.y1 <= b.y1, (
                w,
                text.get_text(),
            )
            assert text.get_fontsize() >= 4.5
            long_ids += len(text.get_text().split("\n")[0]) > 14
        ticks = [t.get_text() for t in grid.get_xticklabels()]
        start = start_of(block)
        assert ticks == [f"{d}\n{short(expected_date(start, w, d))}" for d in DAY_NAMES]
    assert long_ids or any(len(s.session) > 14 for s in block.sessions)


def test_the_page_has_a_viewport_and_fits_a_phone(files: dict[str, Path], tmp_path: Path) -> None:
    """Chromium at 390 px (a phone) lays the page out without sideways scrolling of the
    page itself (the picture scrolls in its own box)."""
    from playwright.sync_api import sync_playwright

    chromium = Path("/usr/bin/chromium")
    assert chromium.exists(), "make test installs Debian's chromium"
    page_file = tmp_path / "week.html"
    run = CliRunner().invoke(
        app, ["export", str(files["block"]), "--to", "html", "--week", "3", "--out", str(page_file)]
    )
    assert run.exit_code == 0, run.output
    text = page_file.read_text()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(chromium), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto(page_file.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        cards = page.evaluate(
            "getComputedStyle(document.querySelector('table.sessions tr:nth-child(2)')).display"
        )
        page.screenshot(path="/tmp/hybridplan-phone.png", full_page=True)
        wide = browser.new_page(viewport={"width": 1280, "height": 800})
        wide.goto(page_file.as_uri())
        row = wide.evaluate(
            "getComputedStyle(document.querySelector('table.sessions tr:nth-child(2)')).display"
        )
        browser.close()
    assert width <= 390
    assert cards == "block"  # one card per session on a phone
    assert row == "table-row"  # a table on a desktop


def test_a_session_whose_length_was_overridden_shows_its_real_length(tmp_path: Path) -> None:
    """`sessions: {full_body_light_45: {minutes: 55}}`: the id keeps its name, and every
    view gives the 55 minutes beside it (the calendar's title is only the real length)."""
    import yaml

    data = yaml.safe_load(WEEK.read_text())
    data["sessions"] = {**(data.get("sessions") or {}), "full_body_light_45": {"minutes": 55}}
    scenario = tmp_path / "over.yaml"
    scenario.write_text(yaml.safe_dump(data))
    result = solve(scenario, time_limit=300, deterministic_time=20)
    ours = [s for s in result.sessions if s.session == "full_body_light_45"]
    assert ours and all(s.minutes == 55 for s in ours)
    assert "full_body_light_45 (06:30, 55 min)" in render.markdown(result)
    frame = result.to_dataframe()
    assert set(frame[frame["session"] == "full_body_light_45"]["minutes"]) == {55}
    page = exporting.to_html(result)
    assert "Full body, light, 55 min<br><small>full_body_light_45</small>" in page
    calendar = exporting.to_ics(result).decode()
    titles = [
        line.split(":", 1)[1].strip() for line in calendar.splitlines()
        if line.startswith("SUMMARY")
    ]  # fmt: skip
    assert titles.count("Full body\\, light\\, 55 min") == len(ours), titles
    assert not any("45" in t for t in titles if "Full body" in t)
    run = CliRunner().invoke(app, ["solve", str(scenario)], terminal_width=100)
    assert run.exit_code == 0
    lines = run.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "full_body_light_45" in line)
    assert "55 min" in lines[at + 1]
