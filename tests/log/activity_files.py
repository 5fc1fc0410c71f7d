"""Activity files written from an Activity, for round trips through the readers: a FIT
activity file (fit-tool, which shares no code with the reader's fitdecode), a GPX track
(gpxpy) and a CSV log in the planner's own columns.

What a reader must give back: the date, start, sport, minutes (to the second), distance
and average heart rate. The FIT file is what a watch writes: file_id (type activity), a
few records, one lap, one session and the activity message (its local_timestamp gives the
offset of local time from UTC), and for strength one `set` message per set. The GPX track's
points are spread evenly over the minutes and along a meridian, so that gpxpy measures
exactly the distance asked for."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import gpxpy
import gpxpy.gpx
from gpxpy import geo

from hybridplan.models.activity import Activity
from hybridplan.outputs.fit_strength import codes

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
FIT_SPORTS = {  # our sport -> FIT (sport, sub_sport)
    "run": ("RUNNING", "GENERIC"),
    "strength": ("TRAINING", "STRENGTH_TRAINING"),
    "mobility": ("TRAINING", "FLEXIBILITY_TRAINING"),
    "other": ("CYCLING", "ROAD"),
}
GPX_TYPES = {
    "run": "running",
    "strength": "strength_training",
    "mobility": "yoga",
    "other": "cycling",
}
TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
POINTS = 20


def _start(a: Activity) -> dt.datetime:
    """The activity's local start (midnight without a start)."""
    hh, mm = (a.start or "00:00").split(":")
    return dt.datetime.combine(a.date, dt.time(int(hh), int(mm)))


def _ms(when: dt.datetime) -> int:
    return round(when.timestamp() * 1000)


def write_fit(activity: Activity, path: Path, offset: dt.timedelta = dt.timedelta(0)) -> None:
    """A FIT activity file of `activity`, recorded `offset` ahead of UTC (local time =
    UTC + offset, as the activity message's local_timestamp says)."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.activity_message import ActivityMessage
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.lap_message import LapMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.messages.set_message import SetMessage
    from fit_tool.profile.profile_type import Activity as ActivityType
    from fit_tool.profile.profile_type import (
        Event,
        EventType,
        FileType,
        Manufacturer,
        SetType,
        Sport,
        SubSport,
    )

    seconds = activity.minutes * 60
    start = _start(activity).replace(tzinfo=dt.UTC) - offset  # UTC
    end = start + dt.timedelta(seconds=seconds)
    metres = (activity.distance_km or 0.0) * 1000
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 12345
    file_id.time_created = _ms(start)
    messages: list[object] = [file_id]
    for k in range(POINTS + 1):
        record = RecordMessage()
        record.timestamp = _ms(start + dt.timedelta(seconds=seconds * k / POINTS))
        if activity.distance_km is not None:
            record.distance = metres * k / POINTS
        if activity.avg_hr is not None:
            record.heart_rate = activity.avg_hr
        messages.append(record)
    for i, lift in enumerate(activity.lifts):
        category, name = codes(lift.exercise)
        for _ in range(lift.sets):
            done = SetMessage()
            done.timestamp = _ms(start)
            done.start_time = _ms(start)
            done.set_type = SetType.ACTIVE.value
            done.repetitions = lift.reps
            done.weight = lift.kg
            done.category = [category]
            if name is not None:
                done.category_subtype = [name]
            done.message_index = i
            messages.append(done)
    sport, sub_sport = FIT_SPORTS[activity.sport]
    lap, session = LapMessage(), SessionMessage()
    for summary in (lap, session):
        summary.timestamp = _ms(end)
        summary.start_time = _ms(start)
        summary.total_elapsed_time = seconds
        summary.total_timer_time = seconds
        if activity.distance_km is not None:
            summary.total_distance = metres
        if activity.avg_hr is not None:
            summary.avg_heart_rate = activity.avg_hr
    session.sport = Sport[sport]
    session.sub_sport = SubSport[sub_sport]
    session.first_lap_index = 0
    session.num_laps = 1
    done_message = ActivityMessage()
    done_message.timestamp = _ms(end)
    done_message.total_timer_time = seconds
    done_message.num_sessions = 1
    done_message.type = ActivityType.MANUAL
    done_message.event = Event.ACTIVITY
    done_message.event_type = EventType.STOP
    done_message.local_timestamp = round((end + offset - FIT_EPOCH).total_seconds())
    messages += [lap, session, done_message]
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add_all(messages)
    path.write_bytes(builder.build().to_bytes())


def write_gpx(activity: Activity, path: Path) -> None:
    """A GPX track of `activity`: POINTS + 1 points a whole second apart at most, evenly
    over its seconds, north along a meridian over its distance, each with the average
    heart rate in a Garmin TrackPointExtension; the track's type names the sport."""
    seconds = round(activity.minutes * 60)
    start = _start(activity).replace(tzinfo=dt.UTC)
    degrees = (activity.distance_km or 0.0) * 1000 / geo.ONE_DEGREE
    gpx = gpxpy.gpx.GPX()
    gpx.nsmap["gpxtpx"] = TPX
    track = gpxpy.gpx.GPXTrack(name=activity.name or None)
    track.type = GPX_TYPES[activity.sport]
    segment = gpxpy.gpx.GPXTrackSegment()
    for k in range(POINTS + 1):
        point = gpxpy.gpx.GPXTrackPoint(
            latitude=45.0 + degrees * k / POINTS,
            longitude=7.0,
            time=start + dt.timedelta(seconds=seconds * k // POINTS),
        )
        if activity.avg_hr is not None:
            from xml.etree import ElementTree

            ext = ElementTree.Element(f"{{{TPX}}}TrackPointExtension")
            ElementTree.SubElement(ext, f"{{{TPX}}}hr").text = str(activity.avg_hr)
            point.extensions.append(ext)
        segment.points.append(point)
    track.segments.append(segment)
    gpx.tracks.append(track)
    path.write_text(gpx.to_xml(), encoding="utf-8")


COLUMNS = ["date", "start", "sport", "minutes", "distance", "avg_hr", "rpe", "race", "name"]
LIFT_COLUMNS = ["exercise", "sets", "reps", "kg", "rir"]


def write_csv(activities: Sequence[Activity], path: Path) -> None:
    """The planner's CSV log: one row per activity, or per exercise of a strength one."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS + LIFT_COLUMNS)
        for a in activities:
            head = [
                a.date.isoformat(), a.start or "", a.sport, repr(a.minutes),
                "" if a.distance_km is None else repr(a.distance_km),
                "" if a.avg_hr is None else a.avg_hr, "" if a.rpe is None else repr(a.rpe),
                "yes" if a.race else "", a.name,
            ]  # fmt: skip
            if not a.lifts:
                writer.writerow(head + [""] * len(LIFT_COLUMNS))
            for lift in a.lifts:
                rir = "" if lift.rir is None else lift.rir
                writer.writerow([*head, lift.exercise, lift.sets, lift.reps, repr(lift.kg), rir])
