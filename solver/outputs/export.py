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


def check_week(result: Result, week: int) -> None:
    """A week the plan has, or bad input naming the range (`--week`)."""
    weeks = render.weeks_of(result)
    if not 1 <= week <= weeks:
        raise InputError(
            [Problem("--week", f"{week} is not a week of this plan; it has weeks 1-{weeks}")]
        )


def _fit_label(label: Any, box: Any, renderer: Any) -> None:
    """Fit `label` inside `box` (a session's rectangle): first a smaller font (down to 6
    points), then the session id broken at an underscore, then smaller still (down to 4.5),
    then the id's line cut with an ellipsis: a label never runs over its neighbours."""

    def inside() -> bool:
        text, rect = label.get_window_extent(renderer), box.get_window_extent(renderer)
        return bool(
            text.x0 >= rect.x0 and text.x1 <= rect.x1 and text.y0 >= rect.y0
            and text.y1 <= rect.y1
        )  # fmt: skip

    def shrink(floor: float) -> None:
        size = label.get_fontsize()
        while not inside() and size > floor:
            size -= 0.5
            label.set_fontsize(size)

    shrink(6)
    first, _, rest = label.get_text().partition("\n")
    if not inside() and "_" in first:  # full_body_light_45 -> full_body_ / light_45
        cuts = [i for i, c in enumerate(first) if c == "_"]
        cut = min(cuts, key=lambda i: abs(i - len(first) / 2)) + 1
        label.set_text(f"{first[:cut]}\n{first[cut:]}\n{rest}")
        shrink(4.5)
    lines = label.get_text().split("\n")
    while not inside() and max(len(line) for line in lines) > 4:
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        lines[longest] = lines[longest][:-2] + "…"
        label.set_text("\n".join(lines))


def to_png(result: Result, week: int = 1) -> bytes:
    """The week as a picture: days (with their dates when the plan has a start) x slots,
    coloured by family and intensity, each session's label inside its box, and the week's
    sets per muscle group against its targets beside it. `week` picks a block's week."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    check_week(result, week)
    plan = input_from_result(result)
    slots = [s.name for s in plan.slots[: len(plan.scenario.slots)]]
    weeks = render.weeks_of(result)
    shown = render.in_order(result, week)
    number = {id(s): k for k, s in enumerate(shown, start=1)}
    legend = [
        f"[{number[id(s)]}] {render.day_heading(result, week, s.day)} {s.slot} {s.session}: "
        f"{s.prescription.summary}"
        for s in shown
        if s.prescription is not None
    ]
    ncols = 3 if weeks > 1 else 2
    fig = plt.figure(figsize=(16 if weeks > 1 else 12, 4.5 + 0.16 * len(legend)))
    layout = fig.add_gridspec(
        2 if legend else 1,
        ncols,
        width_ratios=[2.2, 1, 1.4] if weeks > 1 else [2.2, 1],
        height_ratios=[4.5, 0.16 * len(legend) + 0.3] if legend else None,
        hspace=0.55,
        wspace=0.3,
    )
    axes = [fig.add_subplot(layout[0, i]) for i in range(ncols)]
    grid, bars = axes[0], axes[1]
    if weeks > 1:  # a load chart per week, the week drawn in the grid outlined
        rows = render.week_rows(result)
        drawn = axes[2].bar(
            [str(r["week"]) for r in rows],
            [float(str(r["load"])) for r in rows],
            color=["#a1d99b" if r["phase"] in ("deload", "taper") else "#4292c6" for r in rows],
        )
        drawn[week - 1].set_edgecolor("black")
        drawn[week - 1].set_linewidth(2)
        axes[2].set_title(
            f"session-RPE load per week\n(green: deload, taper; outlined: week {week})",
            fontsize=9,
        )
        axes[2].set_xlabel("week")
        axes[2].tick_params(axis="x", labelsize=9 if weeks <= 10 else 6)
    grid.set_xlim(0, len(DAYS))
    grid.set_ylim(len(slots), 0)
    placed = []
    for s in shown:
        x, y = DAYS.index(s.day), slots.index(s.slot)
        box = Rectangle((x, y), 0.95, 0.9, color=COLOURS.get((s.kind, s.intensity), "#bbbbbb"))
        grid.add_patch(box)
        tag = f" [{number[id(s)]}]" if s.prescription is not None else ""
        label = grid.text(
            x + 0.47,
            y + 0.45,
            mpl(f"{s.session}\n{s.start} {s.minutes}'{tag}"),
            ha="center",
            va="center",
            fontsize=7,
            color="white" if s.intensity == "hard" else "black",
        )
        placed.append((label, box))
    grid.set_xticks(
        [i + 0.47 for i in range(len(DAYS))],
        [render.day_heading(result, week, d).replace(" ", "\n", 1) for d in DAYS],
    )
    grid.set_yticks([i + 0.45 for i in range(len(slots))], [mpl(s) for s in slots])
    title = f"{result.scenario} · {result.rule_set} · penalty {result.objective}"
    if weeks > 1:
        title += f" · week {week}" + (f" ({result.phases[week - 1]})" if len(
            result.phases) >= week else "")  # fmt: skip
    grid.set_title(mpl(title))
    colours = [Patch(color=c, label=f"{k} {i}") for (k, i), c in COLOURS.items()]
    # the week's sets against that week's targets (a block's total would not compare)
    targets: dict[str, Any] = {str(m): r for m, r in plan.targets_for(week).sets.items()}
    sets: dict[str, int] = {}
    for s in shown:
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
        "sets per muscle group (bar)\nvs target (line)" + (f", week {week}" if weeks > 1 else ""),
        fontsize=9,
    )
    if legend:  # what each numbered session holds: its prescription's summary
        text = fig.add_subplot(layout[1, :])
        text.axis("off")
        # the colour key sits at the top right of this text: lines stop short of it
        cut = [line if len(line) <= 118 else line[:115] + "..." for line in legend]
        text.text(
            0, 1, mpl("\n".join(cut)), va="top", ha="left", fontsize=7, family="monospace",
            transform=text.transAxes,
        )  # fmt: skip
        text.set_title(f"sessions (week {week})" if weeks > 1 else "sessions", fontsize=9,
                       loc="left")  # fmt: skip
        text.legend(handles=colours, fontsize=6, loc="upper right", ncol=2, frameon=False)
    else:
        grid.legend(
            handles=colours, fontsize=6, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=4
        )
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for label, box in placed:
        _fit_label(label, box, renderer)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=120, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


_PAGE_STYLE = """body { font-family: sans-serif; margin: 1em auto; padding: 0 0.8em;
max-width: 70em; line-height: 1.35; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 2px 8px; vertical-align: top; text-align: left; }
ul { margin: 2px 0; padding-left: 1.2em; }
small { color: #666; }
nav a { margin-right: 0.6em; }
@media (max-width: 40em) {
  body { margin: 0.5em; padding: 0; }
  table.sessions, table.sessions tbody, table.sessions tr, table.sessions td { display: block; }
  table.sessions tr:first-child { display: none; }
  table.sessions tr { border: 1px solid #ccc; margin-bottom: 0.6em; padding: 0.3em; }
  table.sessions td { border: none; padding: 1px 4px; }
  table.sessions td.when { font-weight: bold; }
  table.penalties td { font-size: 0.9em; }
  .picture { overflow-x: auto; }
  .picture img { max-width: none; width: 52em; }
}"""


def to_html(result: Result, week: int = 1) -> str:
    """A self-contained page that fits a phone: the week's picture, its sessions with their
    dates and prescriptions (one card per session on a narrow screen), totals, and penalties
    with their reasons. `week` picks a block's week. Every value is escaped (a result file
    may have been edited) and a Content-Security-Policy forbids scripts and outside
    requests (`escaping`)."""
    import base64

    check_week(result, week)
    plan = input_from_result(result)
    picture = base64.b64encode(to_png(result, week)).decode()
    unit = result.pace_unit
    weeks = render.weeks_of(result)

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

    shown = render.in_order(result, week)
    rows = "".join(
        f"<tr><td class=when>{h(render.day_heading(result, week, s.day))} {h(s.start)}</td>"
        f"<td>{h(s.slot)}</td><td>{h(render.session_title(s, plan.sessions.get(s.session)))}"
        f"<br><small>{h(s.session)}</small></td>"
        f"<td>{what(s)}</td></tr>"
        for s in shown
    )
    penalties = (
        "".join(
            f"<tr><td>{h(p.rule)}</td><td>{h(p.amount)}</td><td>{h(p.detail)}</td></tr>"
            for p in result.penalties
        )
        or "<tr><td colspan=3>none: every soft rule is met</td></tr>"
    )
    sm = result.summary
    start = result.start
    begins = f" · from {h(start.isoformat())}" if start else ""
    heading = ""
    if weeks > 1:
        phase = result.phases[week - 1] if len(result.phases) >= week else ""
        monday = render.week_dates(result, week)
        heading = (
            f"<h2>Week {h(week)} of {h(weeks)}" + (f" · {h(phase)}" if phase else "")
            + (f" · from {h(monday)}" if monday else "") + "</h2>"
            f"<p><small>{h(render.week_line(result, week))}; other weeks: "
            f"hybridplan export RESULT --to html --week N</small></p>"
        )  # fmt: skip
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">{CSP_META}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{h(result.scenario)}</title><style>{_PAGE_STYLE}</style></head><body>
<h1>{h(result.scenario)}</h1>
<p>rule set {h(result.rule_set)} · {h(result.status)} · penalty {h(result.objective)}{begins}
· {h(sm.runs)} runs ({h(sm.run_minutes)} min) · {h(sm.strength)} strength ·
{h(sm.minutes)} min · load {h(sm.load)}{" (the whole plan)" if weeks > 1 else ""}</p>
{heading}
<div class=picture><img alt="the week: sessions by day and slot, sets per muscle group"
src="data:image/png;base64,{picture}"></div>
<h2>Sessions</h2><table class=sessions><tr><th>when</th><th>slot</th><th>session</th>
<th>what to do</th></tr>{rows}</table>
{"".join(f"<p class=legend>{h(line)}</p>" for line in render.legend_lines(result))}
<h2>Penalties</h2><table class=penalties><tr><th>rule</th><th>points</th><th>why</th></tr>
{penalties}</table>
{"".join(f"<p>{h(c)}</p>" for c in result.changes)}
</body></html>"""


def export(result: Result, to: str, **options: Any) -> bytes:
    """Bytes of `result` in the format `to` (ics, png, html, md, csv, or fit: a zip of one
    FIT workout file per session). A result without prescriptions (written before
    they existed) gets them from its stored input first."""
    from hybridplan.prescribe import prescribed

    if to in FORMATS:
        result = prescribed(result)
    if to == "fit":
        from hybridplan.outputs.watch import to_zip

        return to_zip(result)
    if to == "ics":
        return to_ics(result, **options)
    if to == "png":
        return to_png(result, **options)
    if to == "html":
        return to_html(result, **options).encode()
    if to == "md":
        return render.markdown(result).encode()
    if to == "csv":
        return render.csv([result]).encode()
    raise InputError(
        [Problem("--to", f"unknown format {to!r}; use ics, png, html, md, csv or fit")]
    )


FORMATS = ("ics", "png", "html", "md", "csv", "fit")
