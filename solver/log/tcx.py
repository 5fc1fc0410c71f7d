"""TCX files (Garmin's Training Center XML), parsed by defusedxml: one activity per
Activity element. Its Sport attribute gives the sport (Running; Biking and Other are
other), its Id the start (UTC, as Garmin writes it: read as local time unless a time zone
is given), its Notes the name; minutes, distance and average heart rate are the laps'
TotalTimeSeconds and DistanceMeters added up, and their AverageHeartRateBpm averaged over
the laps' time."""

from __future__ import annotations

import datetime as dt
from xml.etree.ElementTree import Element
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
from hybridplan.log.xmlsafe import child_text, children, local_name, parse
from hybridplan.models import limits
from hybridplan.models.activity import MAX_ACTIVITY_MINUTES, MAX_DISTANCE_KM, MIN_HR, Activity

LABELS = {"date": "Id", "start": "Id", "minutes": "Lap.TotalTimeSeconds"}


def read_tcx(data: bytes, name: str, zone: ZoneInfo | None = None) -> list[Activity]:
    """The activities of one TCX file, or InputError with every problem found."""
    sink = Sink(name)
    root = parse(data, sink, "TCX")
    found: list[Activity] = []
    if root is not None:
        if local_name(root) != "TrainingCenterDatabase":
            sink.add("", f"not a TCX file: its root is <{local_name(root)}>")
        activities = [
            a for group in children(root, "Activities") for a in children(group, "Activity")
        ]
        if local_name(root) == "TrainingCenterDatabase" and not activities:
            sink.add("Activities", "no Activity element: nothing to import")
        for k, element in enumerate(activities, 1):
            where = f"Activity {k}" if len(activities) > 1 else "Activity"
            activity = _activity(sink, element, where, zone, len(activities) > 1)
            if activity is not None:
                found.append(activity)
    sink.raise_any()
    return found


def _time(sink: Sink, raw: str | None, what: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(raw or "")
    except ValueError:
        sink.add(
            what, f"not a date and time (got {raw!r:.80}); ISO 8601, e.g. 2026-03-02T06:45:00Z"
        )
        return None


def _activity(
    sink: Sink, element: Element, where: str, zone: ZoneInfo | None, several: bool
) -> Activity | None:
    before = len(sink.problems)
    laps = children(element, "Lap")
    raw_start = child_text(element, "Id") or (laps[0].get("StartTime") if laps else None)
    begun = _time(sink, raw_start, f"{where}.Id")
    seconds = metres = beats = timed = 0.0
    any_distance = False
    if not laps:
        sink.add(f"{where}.Lap", "no Lap element: the activity's time is unknown")
    for n, lap in enumerate(laps, 1):
        at = f"{where}.Lap {n}"
        lap_s = number(
            sink, child_text(lap, "TotalTimeSeconds"), f"{at}.TotalTimeSeconds", 0,
            MAX_ACTIVITY_MINUTES * 60,
        )  # fmt: skip
        lap_m = number(
            sink, child_text(lap, "DistanceMeters"), f"{at}.DistanceMeters", 0,
            MAX_DISTANCE_KM * 1000,
        )  # fmt: skip
        hr = number(
            sink, child_text(lap, "AverageHeartRateBpm", "Value"),
            f"{at}.AverageHeartRateBpm", MIN_HR, limits.MAX_MAX_HR,
        )  # fmt: skip
        seconds += lap_s or 0
        metres += lap_m or 0
        any_distance = any_distance or lap_m is not None
        if hr is not None and lap_s:
            beats, timed = beats + hr * lap_s, timed + lap_s
    if len(sink.problems) > before or begun is None:
        return None
    wall = local(begun, zone)
    if not in_range(sink, wall.date(), f"{where}.Id"):
        return None
    values = {
        "date": wall.date(),
        "start": clock(wall),
        "sport": sport_word(element.get("Sport", ""), default="run"),
        "minutes": seconds / 60,
        "distance_km": metres / 1000 if any_distance else None,
        "avg_hr": round(beats / timed) if timed else None,
        "name": text(child_text(element, "Notes") or ""),
        "source": source(sink.file, f": {where}" if several else ""),
    }
    return build(sink, values, {k: f"{where}.{v}" for k, v in LABELS.items()})
