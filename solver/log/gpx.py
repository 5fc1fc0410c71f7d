"""GPX files (gpxpy, after defusedxml has refused any DTD): one activity per track. Its
start is the first point's time (UTC, as GPX writes it: read as local time unless a time
zone is given); its minutes the moving time gpxpy measures, or the first to last point's
time when gpxpy finds no movement (a treadmill or gym track); its distance the track's 2D
length; its average heart rate the mean of the points' Garmin TrackPointExtension `hr`;
its sport the track's type (running, strength_training, yoga, ...; a track without a type
is a run); its name the track's name, else the file's."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import gpxpy

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
from hybridplan.log.xmlsafe import parse
from hybridplan.models import limits
from hybridplan.models.activity import MAX_ACTIVITY_MINUTES, MAX_DISTANCE_KM, MIN_HR, Activity

LABELS = {"date": "trkpt.time", "start": "trkpt.time", "minutes": "trkpt.time"}


def read_gpx(data: bytes, name: str, zone: ZoneInfo | None = None) -> list[Activity]:
    """The activities of one GPX file, or InputError with every problem found."""
    sink = Sink(name)
    found: list[Activity] = []
    if parse(data, sink, "GPX") is not None:
        try:
            document = gpxpy.parse(data.decode("utf-8", errors="strict"))
        except UnicodeDecodeError:
            sink.add("", "not a GPX file: not UTF-8 text")
        except Exception as exc:  # gpxpy on a bad value: the file's fault, never ours
            sink.add("", f"not a GPX file gpxpy can read: {_short(exc)}")
        else:
            tracks = document.tracks
            if not tracks:
                sink.add("trk", "no track (<trk>): nothing to import")
            for k, track in enumerate(tracks, 1):
                where = f"trk {k}" if len(tracks) > 1 else "trk"
                activity = _track(sink, track, where, document.name, zone, len(tracks) > 1)
                if activity is not None:
                    found.append(activity)
    sink.raise_any()
    return found


def _short(exc: Exception) -> str:
    return f"{type(exc).__name__}: {str(exc)[:120]}"


def _heart_rates(sink: Sink, track: Any, where: str) -> list[float]:
    out = []
    for point in track.walk(only_points=True):
        for ext in point.extensions:
            for element in ext.iter():
                tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
                if tag == "hr" and element.text is not None:
                    hr = number(
                        sink, element.text.strip(), f"{where}.trkpt.hr", MIN_HR, limits.MAX_MAX_HR
                    )
                    if hr is not None:
                        out.append(hr)
    return out


def _track(
    sink: Sink, track: Any, where: str, file_name: str | None, zone: ZoneInfo | None, several: bool
) -> Activity | None:
    before = len(sink.problems)
    times = [p.time for p in track.walk(only_points=True) if p.time is not None]
    if not times:
        sink.add(f"{where}.trkpt.time", "no point with a time: the activity's time is unknown")
        return None
    try:
        moving = track.get_moving_data().moving_time
        whole = (times[-1] - times[0]).total_seconds()
        metres = track.length_2d()
    except Exception as exc:  # out-of-range coordinates or times gpxpy cannot subtract
        sink.add(where, f"gpxpy cannot measure the track: {_short(exc)}")
        return None
    seconds = number(
        sink, moving if moving and moving > 0 else whole, f"{where}.trkpt.time", 0,
        MAX_ACTIVITY_MINUTES * 60, above=True,
    )  # fmt: skip
    distance = number(sink, metres, f"{where}.trkpt", 0, MAX_DISTANCE_KM * 1000)
    rates = _heart_rates(sink, track, where)
    begun: dt.datetime = times[0]
    if len(sink.problems) > before or seconds is None:
        return None
    wall = local(begun, zone)
    if not in_range(sink, wall.date(), f"{where}.trkpt.time"):
        return None
    values = {
        "date": wall.date(),
        "start": clock(wall),
        "sport": sport_word(track.type or "", default="run"),
        "minutes": seconds / 60,
        "distance_km": (distance or 0.0) / 1000,
        "avg_hr": round(sum(rates) / len(rates)) if rates else None,
        "name": text(track.name or file_name or ""),
        "source": source(sink.file, f": {where}" if several else ""),
    }
    return build(sink, values, {k: f"{where}.{v}" for k, v in LABELS.items()})
