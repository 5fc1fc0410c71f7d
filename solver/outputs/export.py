"""Exports of a solved week: iCalendar (RFC 5545, with the icalendar library), a PNG
picture (matplotlib), a self-contained HTML page, Markdown, CSV and FIT workouts (`fit`).
Each shows the sessions' prescriptions."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import Any

from hybridplan.models.errors import InputError, Problem
from hybridplan.models.loading import input_from_result
from hybridplan.models.result import Result, SessionOut
from hybridplan.models.week import DAYS, clock_minutes
from hybridplan.outputs import render
from hybridplan.outputs.escaping import CSP_META, h, mpl

COLOURS = {  # by family, darker for harder
    ("run", "easy"): "#9ecae1", ("run", "moderate"): "#4292c6", ("run", "hard"): "#08519c",
    ("strength", "easy"): "#fdae6b", ("strength", "moderate"): "#f16913",
    ("strength", "hard"): "#a63603", ("mobility", "easy"): "#a1d99b",
}  # fmt: skip


def _content(s: SessionOut, unit: str) -> list[str]:
    """The prescription's lines (summary, steps, exercises); none without one."""
    return [line.strip() for line in render.prescription_lines(s, unit)]


def _describe(s: SessionOut) -> str:
    if s.kind == "run":
        what = f"{s.run_type} run, {s.minutes} min"
    elif s.kind == "strength":
        sets = ", ".join(f"{m} {n}" for m, n in s.sets.items())
        what = f"strength ({s.legs} legs), {s.minutes} min; sets: {sets}"
    else:
        what = f"mobility, {s.minutes} min"
    return f"{what}; intensity {s.intensity}; load {s.load}"


def to_ics(
    result: Result,
    *,
    start: dt.date | None = None,
    busy_only: bool = False,
    now: dt.datetime | None = None,
) -> bytes:
    """The plan as an iCalendar file (RFC 5545) that calendar apps import cleanly:

    - times are the slots' wall-clock times: in the scenario's `timezone` (each DTSTART
      and DTEND names its TZID, and the zone's VTIMEZONE, made by icalendar from the
      system's zoneinfo, covers every year of the plan), or floating local times (no TZID,
      no Z) when the scenario names no zone, so 06:30 stays 06:30 wherever the athlete is;
    - one event per session, its UID the session's uid (which a replan carries to the
      session it became: a re-import moves or updates the event instead of adding one)
      and the plan's first Monday (the same scenario planned for another week is other
      events, not these moved);
    - a session dropped by a replan comes back as STATUS:CANCELLED (its old time, its UID),
      so the event is removed;
    - SEQUENCE is the plan's revision (0 for a solve, +1 per replan), so apps take a
      replan as the newer version of each event; DTSTAMP is the time of writing in UTC
      (`now`, for reproducible files);
    - the title says what the session is ("Tempo run 40 min"), the description holds the
      prescription (summary, steps, exercises) and the session's figures. `busy_only`
      titles every event "Busy", leaves out the details and hashes the UIDs (a feed to
      share: still one UID per session across replans, but not the full calendar's).
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from icalendar import Calendar, Event, vText

    result = result.with_uids()  # a result written before uids: the same ones every time
    week = input_from_result(result)
    monday = start or week.scenario.start
    if monday is None:
        raise InputError(
            [
                Problem(
                    "start",
                    "a calendar needs the week's Monday: set `start` "
                    "in the scenario or pass --start YYYY-MM-DD",
                )
            ]
        )
    if monday.weekday() != 0:
        raise InputError([Problem("start", f"{monday} is a {monday:%A}; it must be a Monday")])
    stamp = dt.datetime.now(dt.UTC) if now is None else now
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise InputError([Problem("now", "must be a time with a time zone (UTC is written)")])
    stamp = stamp.astimezone(dt.UTC).replace(microsecond=0)
    name = week.scenario.timezone
    try:
        zone = ZoneInfo(name) if name is not None else None
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            [
                Problem(
                    "timezone",
                    f"unknown time zone {name!r}; use an IANA name such as Europe/Berlin",
                )
            ]
        ) from None

    def at(s: SessionOut) -> tuple[dt.datetime, dt.datetime]:
        """Start and end: wall-clock times in `zone` (the end `minutes` of real time later,
        across a daylight-saving change too), or floating ones."""
        day = monday + dt.timedelta(days=7 * (s.week - 1) + DAYS.index(s.day))
        minutes = clock_minutes(s.start)
        begin = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=zone)
        length = dt.timedelta(minutes=s.minutes)
        if zone is None:
            return begin, begin + length
        return begin, (begin.astimezone(dt.UTC) + length).astimezone(zone)

    cal = Calendar()
    cal.add("prodid", "-//hybridplan//week planner//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # (vText: an X- property is escaped as text only when told it is text)
    cal.add("x-wr-calname", vText("Training" if busy_only else f"Training: {result.scenario}"))
    if name is not None:
        cal.add("x-wr-timezone", vText(name))  # Google Calendar's hint for the calendar's zone
    events = [(s, False) for s in result.sessions] + [(s, True) for s in result.cancelled]
    for s, cancelled in events:
        begin, end = at(s)
        kind = week.sessions.get(s.session)
        event = Event()
        uid = f"{s.uid}-{monday:%Y%m%d}"
        if busy_only:  # a feed to share: the UID must not spell out the plan either
            uid = hashlib.sha256(f"busy:{uid}".encode()).hexdigest()[:32]
        event.add("uid", f"{uid}@hybridplan")
        event.add("dtstamp", stamp)
        event.add("sequence", result.revision)
        event.add("dtstart", begin)
        event.add("dtend", end)
        title = "Busy" if busy_only else render.session_title(s, kind)
        event.add("summary", f"Cancelled: {title}" if cancelled else title)
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        if cancelled:
            event.add("transp", "TRANSPARENT")  # no longer takes the time
        elif not busy_only:
            content = _content(s, result.pace_unit)
            lines = [*content, "", _describe(s)] if content else [_describe(s)]
            lines.append(f"hybridplan session {s.session}, week {s.week} {s.day} {s.slot}")
            event.add("description", "\n".join(lines))
            event.add("categories", [s.kind])
        cal.add_component(event)
    if zone is not None and events:
        # the VTIMEZONE of the zone, from zoneinfo (never hand-written), covering every
        # year the plan touches with its standard and daylight-saving rules
        days = [at(s)[0].date() for s, _ in events]
        cal.add_missing_timezones(
            first_date=dt.date(min(days).year, 1, 1),
            last_date=dt.date(max(days).year + 1, 1, 1),
        )
    return bytes(cal.to_ical())


def to_png(result: Result) -> bytes:
    """The week as a picture: days x slots coloured by family and intensity, and the week's
    sets per muscle group against its targets beside it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    week = input_from_result(result)
    slots = [s.name for s in week.slots[: len(week.scenario.slots)]]
    weeks = render.weeks_of(result)
    order = {d: i for i, d in enumerate(DAYS)}
    first = sorted(
        (s for s in result.sessions if s.week == 1), key=lambda s: (order[s.day], s.start)
    )
    number = {id(s): k for k, s in enumerate(first, start=1)}
    legend = [
        f"[{number[id(s)]}] {s.day} {s.slot} {s.session}: {s.prescription.summary}"
        for s in first
        if s.prescription is not None
    ]
    ncols = 3 if weeks > 1 else 2
    fig = plt.figure(figsize=(16 if weeks > 1 else 12, 4.5 + 0.16 * len(legend)))
    layout = fig.add_gridspec(
        2 if legend else 1,
        ncols,
        width_ratios=[2.2, 1, 1.4] if weeks > 1 else [2.2, 1],
        height_ratios=[4.5, 0.16 * len(legend) + 0.3] if legend else None,
        hspace=0.45,
    )
    axes = [fig.add_subplot(layout[0, i]) for i in range(ncols)]
    grid, bars = axes[0], axes[1]
    if weeks > 1:  # a load chart per week; the grid shows week 1
        rows = render.week_rows(result)
        axes[2].bar(
            [str(r["week"]) for r in rows],
            [float(str(r["load"])) for r in rows],
            color=["#a1d99b" if r["phase"] in ("deload", "taper") else "#4292c6" for r in rows],
        )
        axes[2].set_title("session-RPE load per week (green: deload, taper)", fontsize=9)
        axes[2].set_xlabel("week")
    for s in (s for s in result.sessions if s.week == 1):
        x, y = DAYS.index(s.day), slots.index(s.slot)
        grid.add_patch(
            Rectangle((x, y), 0.95, 0.9, color=COLOURS.get((s.kind, s.intensity), "#bbbbbb"))
        )
        tag = f"  [{number[id(s)]}]" if s.prescription is not None else ""
        grid.text(
            x + 0.47,
            y + 0.45,
            mpl(f"{s.session}\n{s.start} {s.minutes}'{tag}"),
            ha="center",
            va="center",
            fontsize=7,
            color="white" if s.intensity == "hard" else "black",
        )
    grid.set_xlim(0, len(DAYS))
    grid.set_ylim(len(slots), 0)
    grid.set_xticks([i + 0.47 for i in range(len(DAYS))], DAYS)
    grid.set_yticks([i + 0.45 for i in range(len(slots))], [mpl(s) for s in slots])
    grid.set_title(mpl(f"{result.scenario} · {result.rule_set} · penalty {result.objective}"))
    grid.legend(
        handles=[Patch(color=c, label=f"{k} {i}") for (k, i), c in COLOURS.items()],
        fontsize=6,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncol=4,
    )
    # week 1's sets against week 1's targets (a block's total would not compare)
    targets: dict[str, Any] = {str(m): r for m, r in week.targets_for(1).sets.items()}
    sets: dict[str, int] = {}
    for s in (s for s in result.sessions if s.week == 1):
        for muscle, n in s.sets.items():
            sets[muscle] = sets.get(muscle, 0) + n
    muscles: list[str] = list(targets) or sorted(sets)
    totals = [sets.get(m, 0) for m in muscles]
    bars.barh(muscles, totals, color="#f16913")
    for i, m in enumerate(muscles):
        if m in targets:
            bars.plot([targets[m].min, targets[m].max], [i, i], color="black", lw=3, alpha=0.5)
    bars.invert_yaxis()
    bars.set_title(
        "sets per muscle group (bar) vs target (line)" + (", week 1" if weeks > 1 else ""),
        fontsize=9,
    )
    if legend:  # what each numbered session holds: its prescription's summary
        text = fig.add_subplot(layout[1, :])
        text.axis("off")
        shown = [line if len(line) <= 160 else line[:157] + "..." for line in legend]
        text.text(
            0, 1, mpl("\n".join(shown)), va="top", ha="left", fontsize=7, family="monospace",
            transform=text.transAxes,
        )  # fmt: skip
        text.set_title("sessions (week 1)" if weeks > 1 else "sessions", fontsize=9, loc="left")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=120, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def to_html(result: Result) -> str:
    """A self-contained page: the week grid, totals, and penalties with their reasons.
    Every value is escaped (a result file may have been edited) and a Content-Security-
    Policy forbids scripts and outside requests (`escaping`)."""
    import base64

    picture = base64.b64encode(to_png(result)).decode()
    unit = result.pace_unit

    def what(s: SessionOut) -> str:
        content = _content(s, unit)
        if not content:
            return h(_describe(s))
        items = "".join(f"<li>{h(line)}</li>" for line in content[1:])
        return (
            f"<b>{h(content[0])}</b>"
            + (f"<ul>{items}</ul>" if items else "")
            + f"<div><small>{h(_describe(s))}</small></div>"
        )

    rows = "".join(
        f"<tr><td>{h(s.week)}</td><td>{h(s.day)}</td><td>{h(s.slot)}</td><td>{h(s.start)}"
        f"</td><td>{h(s.session)}</td><td>{what(s)}</td></tr>"
        for s in result.sessions
    )
    penalties = (
        "".join(
            f"<tr><td>{h(p.rule)}</td><td>{h(p.amount)}</td><td>{h(p.detail)}</td></tr>"
            for p in result.penalties
        )
        or "<tr><td colspan=3>none: every soft rule is met</td></tr>"
    )
    sm = result.summary
    return f"""<!doctype html><html><head><meta charset="utf-8">{CSP_META}
<title>{h(result.scenario)}</title><style>body {{ font-family: sans-serif;
margin: 2em; }} table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc;
padding: 2px 8px; vertical-align: top; }} ul {{ margin: 2px 0; padding-left: 1.2em; }}
small {{ color: #666; }}</style></head><body>
<h1>{h(result.scenario)}</h1>
<p>rule set {h(result.rule_set)} · {h(result.status)} · penalty {h(result.objective)}
· {h(sm.runs)} runs ({h(sm.run_minutes)} min) · {h(sm.strength)} strength ·
{h(sm.minutes)} min · load {h(sm.load)}</p>
<img alt="the week" src="data:image/png;base64,{picture}">
<h2>Sessions</h2><table><tr><th>week</th><th>day</th><th>slot</th><th>start</th>
<th>session</th><th>what</th></tr>{rows}</table>
<h2>Penalties</h2><table><tr><th>rule</th><th>points</th><th>why</th></tr>{penalties}</table>
{"".join(f"<p>{h(c)}</p>" for c in result.changes)}
</body></html>"""


def export(result: Result, to: str, **options: Any) -> bytes:
    """Bytes of `result` in the format `to` (ics, png, html, md, csv, or fit: a zip of one
    FIT workout file per run session). A result without prescriptions (written before
    they existed) gets them from its stored input first."""
    from hybridplan.prescribe import prescribed

    if to in FORMATS:
        result = prescribed(result)
    if to == "fit":
        from hybridplan.outputs.fit import to_zip

        return to_zip(result)
    if to == "ics":
        return to_ics(result, **options)
    if to == "png":
        return to_png(result)
    if to == "html":
        return to_html(result).encode()
    if to == "md":
        return render.markdown(result).encode()
    if to == "csv":
        return render.csv([result]).encode()
    raise InputError(
        [Problem("--to", f"unknown format {to!r}; use ics, png, html, md, csv or fit")]
    )


FORMATS = ("ics", "png", "html", "md", "csv", "fit")
