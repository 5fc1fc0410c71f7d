"""CSV training logs: the planner's own columns, Strava's activities.csv and Garmin
Connect's activities export, told apart by their header row.

The planner's columns (names in any case, in any order): date (YYYY-MM-DD), sport (run,
strength, mobility or other), minutes, and optionally start (HH:MM), distance (km), avg_hr,
rpe, race (yes/no), name; a strength row may add exercise, sets, reps, kg and rir. Rows
with an exercise and the same date, start and sport are one activity with one LiftSet per
row. Any other column is refused (a typo would lose data silently).

Strava (its header has "Activity Date"): Activity Date ("Mar 2, 2026, 6:45:00 AM", UTC as
Strava exports it), Activity Type, Activity Name, Moving Time (else Elapsed Time) in
seconds, Distance (the first column of that name: km), Average Heart Rate. Garmin Connect
(its header has "Activity Type", "Date" and "Time"): Date ("2026-03-02 06:45:00", local),
Activity Type, Title, Time (hh:mm:ss), Distance (km), Avg HR; "--" is an empty value.
Other columns of these two are ignored."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any
from zoneinfo import ZoneInfo

from hybridplan.log.common import (
    Sink,
    build,
    clock,
    in_range,
    local,
    number,
    source,
    sport_word,
    text,
)
from hybridplan.models import limits
from hybridplan.models.activity import (
    MAX_ACTIVITIES,
    MAX_ACTIVITY_MINUTES,
    MAX_DISTANCE_KM,
    MAX_REPS,
    MAX_RIR,
    MIN_HR,
    Activity,
    LiftSet,
)

OWN = ("date", "start", "sport", "minutes", "distance", "avg_hr", "rpe", "race", "name")
LIFT = ("exercise", "sets", "reps", "kg", "rir")
SPORTS = ("run", "strength", "mobility", "other")
YES, NO = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0", ""}
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")
LABELS = {"distance_km": "distance"}
Row = dict[str, str]


def read_csv(data: bytes, name: str, zone: ZoneInfo | None = None) -> list[Activity]:
    """The activities of one CSV file, or InputError with every problem found."""
    sink = Sink(name)
    try:
        content = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        sink.add("", f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})")
        sink.raise_any()
    rows = _rows(content, sink)
    found: list[Activity] = []
    if rows:
        header = rows[0][1]
        if "activity date" in header:
            found = _vendor(rows, sink, zone, _strava)
        elif {"activity type", "date", "time"} <= set(header):
            found = _vendor(rows, sink, zone, _garmin)
        else:
            found = _own(rows, sink)
    elif not sink.problems:
        sink.add("", "an empty file: a header row is required (date, sport, minutes, ...)")
    if len(found) > MAX_ACTIVITIES:
        sink.add("", f"{len(found):,} activities; at most {MAX_ACTIVITIES:,} in one import")
    sink.raise_any()
    return found


def _rows(content: str, sink: Sink) -> list[tuple[int, list[str]]]:
    """(line, cells) of each non-empty row, the header's cells trimmed and lower-case."""
    out: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(content, newline=""))
    line = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                out.append((line, [c.strip() for c in cells]))
            line = reader.line_num + 1
            if len(out) > 2 * MAX_ACTIVITIES * limits.MAX_SETS:
                sink.add("", "too many rows for one import", line)
                return []
    except csv.Error as exc:
        sink.add("", f"not a CSV file that can be read: {exc}", line)
        return []
    if out:
        out[0] = (out[0][0], [c.lower() for c in out[0][1]])
    return out


def _records(rows: list[tuple[int, list[str]]], sink: Sink) -> list[tuple[int, Row]]:
    """Each row as column -> value (the first column of a name wins: Strava repeats some)."""
    header = rows[0][1]
    first = {h: i for i, h in reversed(list(enumerate(header)))}
    out = []
    for line, cells in rows[1:]:
        if len(cells) > len(header):
            sink.add("", f"{len(cells)} cells; the header has {len(header)} columns", line)
            continue
        out.append((line, {h: cells[i] if i < len(cells) else "" for h, i in first.items()}))
    return out


def _date(
    sink: Sink, raw: str, what: str, line: int, formats: tuple[str, ...]
) -> dt.datetime | None:
    for fmt in formats:
        try:
            return dt.datetime.strptime(raw, fmt)
        except ValueError:
            continue
    sink.add(what, f"not a date (got {raw[:40]!r}); written as {formats[0].replace('%', '')}", line)
    return None


def _own(rows: list[tuple[int, list[str]]], sink: Sink) -> list[Activity]:
    header = rows[0][1]
    allowed = set(OWN + LIFT) | {"distance_km"}
    for column in header:
        if column not in allowed:
            shown = ", ".join(OWN + LIFT)
            sink.add(column or "(empty)", f"unknown column; allowed: {shown}", rows[0][0])
    missing = [c for c in ("date", "sport", "minutes") if c not in header]
    if missing:
        sink.add(", ".join(missing), "required column is missing", rows[0][0])
    if sink.problems:
        return []
    groups: dict[tuple[str, str, str], tuple[int, dict[str, Any]]] = {}
    order: list[tuple[int, dict[str, Any]]] = []
    for line, row in _records(rows, sink):
        values = _own_values(sink, row, line)
        lift = _lift(sink, row, line) if row.get("exercise") else None
        if values is None or (lift is None and row.get("exercise")):
            continue
        if lift is None:
            order.append((line, values))
            continue
        key = (row["date"], row.get("start", ""), row["sport"])
        if key in groups:
            first_line, kept = groups[key]
            for field in ("minutes", "distance_km", "avg_hr", "rpe"):
                if values[field] is not None and values[field] != kept[field]:
                    what = LABELS.get(field, field)
                    sink.add(what, f"{values[field]:g} differs from line {first_line}'s "
                             f"{kept[field]:g} for the same activity", line)  # fmt: skip
            kept["lifts"].append(lift)
        else:
            values["lifts"] = [lift]
            groups[key] = (line, values)
            order.append((line, values))
    out = []
    for line, values in order:
        values["source"] = source(sink.file, f":{line}")
        found = build(sink, values, LABELS, line)
        if found is not None:
            out.append(found)
    return out


def _own_values(sink: Sink, row: Row, line: int) -> dict[str, Any] | None:
    before = len(sink.problems)
    when = _date(sink, row.get("date", ""), "date", line, ("%Y-%m-%d",))
    sport = row.get("sport", "").lower()
    if sport not in SPORTS:
        sink.add("sport", f"got {sport[:40]!r}; allowed: {', '.join(SPORTS)}", line)
    minutes = number(sink, row.get("minutes"), "minutes", 0, MAX_ACTIVITY_MINUTES, line, above=True)
    if minutes is None and len(sink.problems) == before and not row.get("minutes"):
        sink.add("minutes", "required: the activity's moving minutes", line)
    km = number(
        sink, row.get("distance", row.get("distance_km")), "distance", 0, MAX_DISTANCE_KM, line
    )
    hr = number(sink, row.get("avg_hr"), "avg_hr", MIN_HR, limits.MAX_MAX_HR, line)
    rpe = number(sink, row.get("rpe"), "rpe", 1, limits.MAX_RPE, line)
    race = row.get("race", "").lower()
    if race not in YES | NO:
        sink.add("race", f"got {race[:40]!r}; allowed: yes, no (or empty)", line)
    start = row.get("start", "")
    if start and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", start):
        sink.add("start", f"got {start[:40]!r}; a clock time HH:MM, 00:00 to 23:59", line)
    if when is not None:
        in_range(sink, when.date(), "date", line)
    if len(sink.problems) > before or when is None:
        return None
    return {
        "date": when.date(), "start": start or None, "sport": sport, "minutes": minutes,
        "distance_km": km, "avg_hr": None if hr is None else round(hr), "rpe": rpe,
        "race": race in YES, "name": text(row.get("name", "")),
    }  # fmt: skip


def _lift(sink: Sink, row: Row, line: int) -> LiftSet | None:
    before = len(sink.problems)
    sets = number(sink, row.get("sets") or "1", "sets", 1, limits.MAX_SETS, line)
    reps = number(sink, row.get("reps"), "reps", 1, MAX_REPS, line)
    kg = number(sink, row.get("kg") or "0", "kg", 0, limits.MAX_LIFT_KG, line)
    rir = number(sink, row.get("rir"), "rir", 0, MAX_RIR, line)
    for what, value in (("sets", sets), ("reps", reps), ("rir", rir)):
        if value is not None and value != int(value):
            sink.add(what, f"{value:g} is not a whole number", line)
    if reps is None and len(sink.problems) == before:
        sink.add("reps", "required with an exercise: the reps of each set", line)
    if len(sink.problems) > before or sets is None or reps is None or kg is None:
        return None
    name = text(row["exercise"])
    return LiftSet(
        exercise=name, sets=int(sets), reps=int(reps), kg=kg, rir=None if rir is None else int(rir)
    )


def _seconds(raw: str) -> float | str:
    """hh:mm:ss or mm:ss (a fraction allowed) as seconds; anything else is given back."""
    match = _CLOCK.match(raw)
    if not match:
        return raw
    a, b, c = match.group(1), match.group(2), match.group(3)
    return int(a) * 3600 + int(b) * 60 + int(c) if c is not None else int(a) * 60 + int(b)


def _strava(sink: Sink, row: Row, line: int) -> dict[str, Any] | None:
    when = _date(
        sink, row.get("activity date", ""), "Activity Date", line,
        ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"),
    )  # fmt: skip
    moving = row.get("moving time") or row.get("elapsed time")
    column = "Moving Time" if row.get("moving time") else "Elapsed Time"
    hr = ("Average Heart Rate", row.get("average heart rate"))
    kind = row.get("activity type", "")
    return _summary(sink, line, when, kind, (column, moving), row.get("distance"), hr,
                    row.get("activity name"))  # fmt: skip


def _garmin(sink: Sink, row: Row, line: int) -> dict[str, Any] | None:
    row = {k: "" if v == "--" else v for k, v in row.items()}
    when = _date(sink, row.get("date", ""), "Date", line, ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"))
    timed = ("Time", _seconds(row.get("time", "")))
    kind = row.get("activity type", "")
    hr = ("Avg HR", row.get("avg hr"))
    return _summary(sink, line, when, kind, timed, row.get("distance"), hr, row.get("title"))


def _summary(
    sink: Sink, line: int, when: dt.datetime | None, kind: str, timed: tuple[str, Any],
    km: str | None, hr: tuple[str, str | None], name: str | None,
) -> dict[str, Any] | None:  # fmt: skip
    before = len(sink.problems)
    seconds = number(sink, timed[1], timed[0], 0, MAX_ACTIVITY_MINUTES * 60, line, above=True)
    if seconds is None and len(sink.problems) == before:
        sink.add(timed[0], "required: the activity's time", line)
    distance = number(sink, km, "Distance", 0, MAX_DISTANCE_KM, line)
    rate = number(sink, hr[1], hr[0], MIN_HR, limits.MAX_MAX_HR, line)
    if len(sink.problems) > before or when is None or seconds is None:
        return None
    return {
        "when": when, "sport": sport_word(kind), "minutes": seconds / 60,
        "distance_km": distance, "avg_hr": None if rate is None else round(rate),
        "name": text(name or ""),
    }  # fmt: skip


def _vendor(
    rows: list[tuple[int, list[str]]], sink: Sink, zone: ZoneInfo | None, read: Any
) -> list[Activity]:
    out = []
    for line, row in _records(rows, sink):
        values = read(sink, row, line)
        if values is None:
            continue
        when = values.pop("when")
        wall = local(when.replace(tzinfo=dt.UTC), zone) if read is _strava else when
        if not in_range(sink, wall.date(), "date", line):
            continue
        values.update(date=wall.date(), start=clock(wall), source=source(sink.file, f":{line}"))
        found = build(sink, values, {"date": "date", "start": "date"}, line)
        if found is not None:
            out.append(found)
    return out
