"""The planner's page in a real browser: Debian's headless Chromium (/usr/bin/chromium,
installed by `make test` and .ci/run, never by Playwright) driven by Playwright. Open a
plan with `?token=`, block a day and pin a session by clicking, replan, and see the grid
change; an impossible week shows its explanation; a block has a week selector. Nothing
the page loads comes from another host, and no script or style is blocked by the CSP.
Screenshots go to /tmp for a person to look at."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from service_helpers import Server, shipped

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SHOTS = Path("/tmp")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # A missing browser is a failure, never a skip: `make test` installs it.
    assert CHROMIUM.exists(), (
        "Debian's chromium is missing at /usr/bin/chromium: `make test` and .ci/run install "
        "it (apt-get install -y chromium)"
    )
    with sync_playwright() as playwright:
        # launch() starts Chromium on a new, empty temporary user-data-dir of its own
        # (and refuses one passed as a flag), so every run has a fresh profile.
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=FLAGS
        )
        yield browser
        browser.close()


class Watched:
    """A page that remembers console errors and every address it asked for."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture
def watched(browser: Browser, server: Server) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = Watched(context.new_page())
    yield page
    assert page.errors == [], page.errors  # e.g. a script or style refused by the CSP
    assert all(url.startswith(server.url) for url in page.requests), page.requests
    context.close()


def _api(server: Server, token: str) -> httpx.Client:
    return server.client(token)


def _sessions(page: Page, day: str) -> list[str]:
    return page.locator(f'td.slot[data-day="{day}"] .session').evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('data-session'))"
    )


def test_block_a_day_pin_a_session_and_replan(
    watched: Watched, server: Server, tokens: dict[str, str]
) -> None:
    with _api(server, tokens["anna"]) as api:
        plan = api.post("/v1/solve", json=shipped("marathon-build.yaml")).json()
    page = watched.page
    page.goto(f"{server.url}/plans/{plan['id']}?token={tokens['anna']}")
    assert "token=" not in page.url  # kept in the cookie, dropped from the address
    assert page.locator("h1").inner_text().startswith("marathon-build")
    days = {d: _sessions(page, d) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    assert days["wed"], days
    assert sum(len(v) for v in days.values()) == len(plan["sessions"])
    page.screenshot(path=str(SHOTS / "hybridplan-planner-before.png"), full_page=True)

    # Block Wednesday (click its name) and pin Monday's first session (click it).
    page.locator('th.day[data-day="wed"] label').click()
    assert page.locator('td.slot[data-day="wed"].day-blocked').count() == len(
        page.locator('td.slot[data-day="wed"]').all()
    )
    pinned = days["mon"][0]
    page.locator('td.slot[data-day="mon"] .session .what').first.click()
    assert page.locator('td.slot[data-day="mon"] input.pin').first.is_checked()
    assert page.locator("#selection").inner_text() == "1 to block, 1 to pin"
    with page.expect_navigation():
        page.locator("#replan-button").click()

    assert "version 2 of 2" in page.locator("p.summary").inner_text()
    after = {d: _sessions(page, d) for d in days}
    assert after["wed"] == [], after  # the grid changed: Wednesday is empty now
    assert after != days
    assert pinned in after["mon"]
    assert page.locator('td.slot[data-day="mon"] .session.pinned').count() >= 1
    changes = page.locator("#changes li").all_inner_texts()
    assert changes and any("(no longer available)" in c for c in changes), changes
    page.screenshot(path=str(SHOTS / "hybridplan-planner.png"), full_page=True)
    # undo: version 1 becomes the current plan again (version 3)
    with page.expect_navigation():
        page.locator("ol.history button.restore").first.click()
    assert "version 3 of 3" in page.locator("p.summary").inner_text()
    assert {d: _sessions(page, d) for d in days} == days


def test_an_impossible_week_shows_its_explanation(
    watched: Watched, server: Server, tokens: dict[str, str]
) -> None:
    with _api(server, tokens["anna"]) as api:
        plan = api.post("/v1/solve", json=shipped("infeasible-on-purpose.yaml")).json()
    assert plan["status"] == "infeasible"
    page = watched.page
    page.goto(f"{server.url}/plans/{plan['id']}?token={tokens['anna']}")
    section = page.locator("#explanation")
    assert section.is_visible()
    keys = section.locator("td code").all_inner_texts()
    assert set(keys) == {"availability", "run_count.min", "strength_count.min"}
    assert "0 runs" not in page.locator("p.summary").inner_text()  # no plan, no totals
    page.screenshot(path=str(SHOTS / "hybridplan-explanation.png"), full_page=True)
    # on a phone the conflict's table is stacked: nothing wider than the screen
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert section.locator("td code").first.is_visible()
    page.screenshot(path=str(SHOTS / "hybridplan-explanation-390.png"), full_page=True)


def _solved_block(server: Server, token: str, scenario: dict[str, Any]) -> dict[str, Any]:
    with _api(server, token) as api:
        job = api.post("/v1/solve", json=scenario).json()
        deadline = time.monotonic() + 120
        while (state := api.get(f"/v1/jobs/{job['id']}").json())["status"] != "done":
            assert state["status"] in ("queued", "running") and time.monotonic() < deadline
            time.sleep(0.1)
        plan: dict[str, Any] = api.get(f"/v1/plans/{state['plan_id']}").json()
    return plan


def test_a_block_is_shown_week_by_week(
    watched: Watched, server: Server, tokens: dict[str, str]
) -> None:
    plan = _solved_block(server, tokens["anna"], shipped("marathon-block-16w.yaml"))
    page = watched.page
    page.goto(f"{server.url}/plans/{plan['id']}?token={tokens['anna']}")
    assert page.locator("nav.weeks a").count() == 16
    page.locator("nav.weeks a", has_text="3").first.click()
    page.wait_for_url("**week=3**")
    assert page.locator("#week-title").inner_text().startswith("Week 3 of 16")
    week3 = [s for s in plan["sessions"] if s["week"] == 3]
    assert page.locator("td.slot .session").count() == len(week3)


FOUR_WEEKS = {
    "name": "four-weeks",
    "start": "2027-01-04",
    "weeks": 4,
    "availability": {
        "mon": {"am": 60}, "tue": {"am": 60, "pm": 60}, "wed": {"pm": 60},
        "thu": {"am": 60, "pm": 60}, "sat": {"am": 120}, "sun": {"am": 60},
    },
    "targets": {"runs": [3, 4], "strength": 2, "long_run": 1, "quality_runs": [0, 1]},
}  # fmt: skip


def test_a_coach_marks_tuesday_missed_in_week_3_and_replans_it(
    watched: Watched, server: Server, tokens: dict[str, str]
) -> None:
    """A coach's replan, end to end, on a four-week block: week 3's Tuesday sessions ticked
    missed, "Replan from week 3": nothing on that Tuesday, the changes say why, the weeks before
    it as they were planned."""
    plan = _solved_block(server, tokens["anna"], FOUR_WEEKS)
    page = watched.page
    page.goto(f"{server.url}/plans/{plan['id']}?week=3&token={tokens['anna']}")
    assert page.locator("#week-title").inner_text().startswith("Week 3 of 4")
    tuesday = [s for s in plan["sessions"] if s["week"] == 3 and s["day"] == "tue"]
    assert tuesday, "week 3 has a Tuesday session"
    for box in page.locator('td.slot[data-day="tue"] input.missed').all():
        box.check()
    assert page.locator("#selection").inner_text() == f"{len(tuesday)} missed"
    with page.expect_navigation(timeout=120_000):
        page.locator("#replan-button").click()
    page.wait_for_url("**/plans/**week=3**", timeout=120_000)
    assert "version 2 of 2" in page.locator("p.summary").inner_text()
    assert _sessions(page, "tue") == []
    changes = page.locator("#changes li").all_inner_texts()
    assert changes and all(c.endswith(")") for c in changes), changes
    assert any("w3 tue" in c and c.endswith("(missed)") for c in changes), changes
    with _api(server, tokens["anna"]) as api:
        new = api.get(f"/v1/plans/{plan['id']}").json()

    def before_week_3(p: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [(s["week"], s["day"], s["slot"], s["session"]) for s in p["sessions"]
                if s["week"] < 3]  # fmt: skip

    assert before_week_3(new) == before_week_3(plan)
    # then Monday's session was done on another day: "done elsewhere", replan again
    moved = page.locator('td.slot[data-day="mon"] select.moved').first
    choice = moved.locator("option").nth(1).get_attribute("value")
    assert choice and choice.startswith("mon:")
    moved.select_option(choice)
    assert page.locator("#selection").inner_text() == "1 moved"
    with page.expect_navigation(timeout=120_000):
        page.locator("#replan-button").click()
    page.wait_for_url("**/plans/**week=3**", timeout=120_000)
    assert "version 3 of 3" in page.locator("p.summary").inner_text()
    changes = page.locator("#changes li").all_inner_texts()
    assert any(c.endswith("(done there instead)") for c in changes), changes


def test_the_login_form_keeps_the_token_in_a_cookie(
    watched: Watched, server: Server, tokens: dict[str, str]
) -> None:
    page = watched.page
    page.goto(f"{server.url}/")
    assert "/login" in page.url
    page.fill('input[name="token"]', tokens["ben"])
    with page.expect_navigation():
        page.click('form[action="/login"] button')
    assert page.url.rstrip("/") == server.url, page.content()
    assert "coach: ben" in page.content()
    cookie = next(c for c in page.context.cookies() if c["name"] == "hybridplan_token")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie") == ""  # scripts cannot read it


def test_the_login_page_fits_a_phone(browser: Browser, server: Server) -> None:
    """At 390 px (a phone) nothing is wider than the screen: the token field's size="60"
    once made the page scroll sideways."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{server.url}/login")
    page.screenshot(path=str(SHOTS / "hybridplan-login-390.png"))
    wide = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert wide <= 390, wide


def test_a_plan_reads_on_a_phone(browser: Browser, server: Server, tokens: dict[str, str]) -> None:
    """At 390 px the week is a list of days (the grid is hidden): no horizontal scroll, every
    session card at least 30 characters wide, each card leading with the session's name and
    length; a coach marks a session missed there and replans. At 1280 px the grid shows and
    the list does not. Screenshots of both in /tmp."""
    with _api(server, tokens["anna"]) as api:
        plan = api.post("/v1/solve", json=shipped("marathon-build.yaml")).json()
    url = f"{server.url}/plans/{plan['id']}?token={tokens['anna']}"
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.screenshot(path=str(SHOTS / "hybridplan-plan-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not page.locator("#grid").is_visible() and page.locator("#daylist").is_visible()
    cards = page.locator("#daylist .session")
    assert cards.count() == len(plan["sessions"])
    # the width of 30 characters of the card's own font, measured in the page
    chars = page.eval_on_selector_all(
        "#daylist .session",
        """cards => cards.map(c => {
            const probe = document.createElement("span");
            probe.textContent = "x".repeat(30);
            c.appendChild(probe);
            const need = probe.getBoundingClientRect().width;
            probe.remove();
            return c.getBoundingClientRect().width - need;
        })""",
    )
    assert min(chars) >= 0, chars
    first = plan["sessions"][0]
    title = cards.first.locator(".what").inner_text()
    assert title.endswith(f"{first['minutes']} min"), title  # name and length first
    tuesday = page.locator('#daylist .slot-row[data-day="tue"] input.missed')
    assert tuesday.count() >= 1
    tuesday.first.check()
    assert page.locator("#selection").inner_text() == "1 missed"
    with page.expect_navigation():
        page.locator("#replan-button").click()
    assert "version 2 of 2" in page.locator("p.summary").inner_text()
    changes = page.locator("#changes li").all_inner_texts()
    assert any(c.endswith("(missed)") for c in changes), changes
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
    wide = browser.new_context(viewport={"width": 1280, "height": 900})
    page = wide.new_page()
    page.goto(url)
    page.screenshot(path=str(SHOTS / "hybridplan-plan-1280.png"), full_page=True)
    assert page.locator("#grid").is_visible() and not page.locator("#daylist").is_visible()
    wide.close()


def test_a_new_block_from_the_form_waits_for_its_job(
    watched: Watched, server: Server, tokens: dict[str, str]
) -> None:
    """The form on / takes a scenario as YAML; a block goes through the job page, which
    follows the job's server-sent events and moves on to the plan when it is done."""
    page = watched.page
    page.goto(f"{server.url}/?token={tokens['ben']}")
    example = page.locator('textarea[name="scenario_text"]').input_value()
    assert "availability:" in example
    block = example.replace("name: anna", "name: anna\nweeks: 3")
    page.fill('textarea[name="scenario_text"]', block)
    page.fill('input[name="athlete"]', "Anna B.")
    page.click("form#new-plan button")
    page.wait_for_url("**/plans/**", timeout=120_000)
    assert "Week 1 of 3" in page.locator("#week-title").inner_text()
    assert page.locator("nav.weeks a").count() == 3
    assert "Anna B." in page.locator("h1").inner_text()
    page.screenshot(path=str(SHOTS / "hybridplan-block.png"), full_page=True)
