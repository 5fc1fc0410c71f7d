"""FIT files (fitdecode): activities a watch recorded, and the workouts this planner exports.

An activity file (file_id type activity) gives one activity per `session` message: its
sport and sub-sport, start_time, total_timer_time (moving time), total_distance and
avg_heart_rate. FIT times are UTC; the `activity` message's local_timestamp less its
timestamp is the offset of the athlete's clock, which gives the local date and start. A
file without it is read as if its UTC times were local (or in the time zone given). A
strength session's `set` messages (the active ones, with repetitions) become its lifts:
the exercise as FIT names it (category and exercise name, "barbell back squat"), reps and
weight; identical sets in a row are one LiftSet.

A workout file (file_id type workout, what `hybridplan export --to fit` writes) is read
back as the activity it prescribes: date and start from the file_id's time_created (the
exporter writes the session's local start there), sport from the workout message, minutes
the sum of its steps: timed steps their seconds, sets of reps REP_SECONDS a rep (twice for
an exercise done "(each side)"), repeat steps expanded (a repeat sends the watch back to
its duration_step until the group has been done repeat_steps times). Steps of other kinds
(open, distance, heart rate) count no time.

Anything fitdecode cannot read (a truncated file, a bad CRC, junk) is one problem."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import fitdecode
from fitdecode import profile

from hybridplan.log.common import Sink, build, clock, in_range, local, number, source, text
from hybridplan.models import limits
from hybridplan.models.activity import (
    MAX_ACTIVITY_MINUTES,
    MAX_DISTANCE_KM,
    MAX_LIFTS_PER_ACTIVITY,
    MAX_REPS,
    MIN_HR,
    Activity,
    LiftSet,
    Sport,
)

REP_SECONDS = 3
"""A rep of a workout's set: the planner's tempo (`prescribe.strength.TEMPO_S`)."""
MOBILITY = {"flexibility_training", "yoga", "pilates", "breathing", "mobility"}
LABELS = {
    "date": "session.start_time",
    "start": "session.start_time",
    "minutes": "session.total_timer_time",
    "distance_km": "session.total_distance",
    "avg_hr": "session.avg_heart_rate",
    "lifts": "set",
}
Message = tuple[int, str, dict[str, Any]]  # record number, message name, its fields
WANTED = {"file_id", "session", "activity", "set", "workout", "workout_step"}


def read_fit(data: bytes, name: str, zone: ZoneInfo | None = None) -> list[Activity]:
    """The activities of one FIT file, or InputError with every problem found."""
    sink = Sink(name)
    messages = _messages(data, sink)
    sink.raise_any()
    kind = next((m[2].get("type") for m in messages if m[1] == "file_id"), None)
    if kind == "workout":
        found = _workout(messages, sink)
    elif kind in ("activity", None):
        found = _activities(messages, sink, zone)
    else:
        sink.add("file_id.type", f"a {kind} file; allowed: activity, workout")
        found = []
    sink.raise_any()
    return found


def _messages(data: bytes, sink: Sink) -> list[Message]:
    """The data messages read here, numbered as records of the file (1 is the first)."""
    out: list[Message] = []
    count = 0
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                count += 1
                if frame.name in WANTED:
                    fields = {f.name: f.value for f in frame.fields if f.value is not None}
                    out.append((count, frame.name, fields))
    except fitdecode.FitCRCError:
        sink.add("", "not a FIT file that can be read: its CRC does not match (damaged)")
    except fitdecode.FitEOFError:
        sink.add("", f"not a FIT file that can be read: it ends early (after {count} records)")
    except fitdecode.FitHeaderError:
        sink.add("", "not a FIT file: no FIT header")
    except Exception as exc:  # fitdecode on junk: any error is the file's, never ours
        sink.add("", f"not a FIT file that can be read: {type(exc).__name__} after {count} records")
    if not count and not sink.problems:
        sink.add("", "a FIT file without a single record")
    return out


def sport_of(sport: Any, sub_sport: Any, sets: bool = False) -> Sport:
    """FIT's sport and sub-sport as the plan's: running is a run; training is strength
    (strength_training, or any training with sets) or mobility (flexibility, yoga,
    pilates); anything else is other."""
    if sport == "running":
        return "run"
    if sport == "training":
        if sub_sport == "strength_training" or sets:
            return "strength"
        if sub_sport in MOBILITY:
            return "mobility"
    return "other"


def _when(sink: Sink, raw: Any, what: str) -> dt.datetime | None:
    if not isinstance(raw, dt.datetime):
        sink.add(what, "missing or not a date and time; a FIT date_time is required")
        return None
    return raw


def _activities(messages: list[Message], sink: Sink, zone: ZoneInfo | None) -> list[Activity]:
    sessions = [m for m in messages if m[1] == "session"]
    if not sessions:
        sink.add("session", "no session message: not a finished activity recording")
        return []
    offset = _offset(messages)
    sets = [m for m in messages if m[1] == "set" and m[2].get("set_type") == "active"]
    starts = [(m[2].get("start_time"), m) for m in sessions]
    out = []
    for number_, _, fields in sessions:
        where = f"record {number_} session"
        begun = _when(sink, fields.get("start_time"), f"{where}.start_time")
        mine = [s for s in sets if _owner(s, starts) == number_] if begun else []
        values = _session_values(sink, fields, where, mine)
        if begun is None or values is None:
            continue
        wall = begun.replace(tzinfo=None) + offset if offset is not None else local(begun, zone)
        if not in_range(sink, wall.date(), f"{where}.start_time"):
            continue
        values.update(
            date=wall.date(),
            start=clock(wall),
            source=source(sink.file, f": record {number_}" if len(sessions) > 1 else ""),
        )
        labels = {k: v.replace("session", where) for k, v in LABELS.items()}
        found = build(sink, values, labels)
        if found is not None:
            out.append(found)
    return out


def _offset(messages: list[Message]) -> dt.timedelta | None:
    """Local time less UTC, from the activity message (None when it does not say)."""
    for _, name, fields in messages:
        stamp, wall = fields.get("timestamp"), fields.get("local_timestamp")
        if name == "activity" and isinstance(stamp, dt.datetime):
            if isinstance(wall, dt.datetime):
                return wall.replace(tzinfo=None) - stamp.replace(tzinfo=None)
            if isinstance(wall, int):  # a processor that leaves it raw: seconds since 1989
                base = dt.datetime(1989, 12, 31)
                return base + dt.timedelta(seconds=wall) - stamp.replace(tzinfo=None)
    return None


def _owner(set_: Message, starts: list[tuple[Any, Message]]) -> int:
    """The session a set belongs to: the last one started at or before it (the first)."""
    when = set_[2].get("start_time") or set_[2].get("timestamp")
    owner = starts[0][1][0]
    for begun, session in starts:
        if isinstance(when, dt.datetime) and isinstance(begun, dt.datetime) and begun <= when:
            owner = session[0]
    return owner


def _session_values(
    sink: Sink, fields: dict[str, Any], where: str, sets: list[Message]
) -> dict[str, Any] | None:
    before = len(sink.problems)
    seconds = number(
        sink, fields.get("total_timer_time"), f"{where}.total_timer_time", 0,
        MAX_ACTIVITY_MINUTES * 60, above=True,
    )  # fmt: skip
    if seconds is None and len(sink.problems) == before:
        sink.add(f"{where}.total_timer_time", "missing; the session's moving time is required")
    metres = number(
        sink, fields.get("total_distance"), f"{where}.total_distance", 0, MAX_DISTANCE_KM * 1000
    )
    hr = number(
        sink, fields.get("avg_heart_rate"), f"{where}.avg_heart_rate", MIN_HR, limits.MAX_MAX_HR
    )
    lifts = _lifts(sink, sets)
    if len(sink.problems) > before or seconds is None:
        return None
    sport = sport_of(fields.get("sport"), fields.get("sub_sport"), bool(lifts))
    return {
        "sport": sport,
        "minutes": seconds / 60,
        "distance_km": None
        if metres is None or (sport == "strength" and not metres)
        else metres / 1000,
        "avg_hr": None if hr is None else round(hr),
        "lifts": lifts if sport == "strength" else [],
    }


def exercise_name(category: Any, subtype: Any) -> str:
    """FIT's words for an exercise: its name within the category ('barbell back squat'),
    else the category ('squat'), else 'unknown exercise'."""
    if isinstance(category, tuple | list):
        category = category[0] if category else None
    if isinstance(subtype, tuple | list):
        subtype = subtype[0] if subtype else None
    if not isinstance(category, str):
        return "unknown exercise"
    kind = profile.FIELD_TYPES.get(f"{category}_exercise_name")
    named = kind.enum.get(subtype) if kind is not None and isinstance(subtype, int) else None
    return text(str(named or category).replace("_", " "))


def _lifts(sink: Sink, sets: list[Message]) -> list[LiftSet]:
    """Identical sets in a row as one LiftSet; a set without repetitions (a timed hold) is
    no lift."""
    out: list[LiftSet] = []
    for record, _, fields in sets:
        where = f"record {record} set"
        reps = number(sink, fields.get("repetitions"), f"{where}.repetitions", 1, MAX_REPS)
        kg = number(sink, fields.get("weight"), f"{where}.weight", 0, limits.MAX_LIFT_KG)
        if reps is None or reps != int(reps):
            continue
        name = exercise_name(fields.get("category"), fields.get("category_subtype"))
        lift = LiftSet(exercise=name, reps=int(reps), kg=kg or 0.0)
        last = out[-1] if out else None
        same = last is not None and (last.exercise, last.reps, last.kg) == (
            name,
            lift.reps,
            lift.kg,
        )
        if last is not None and same and last.sets < limits.MAX_SETS:
            out[-1] = last.model_copy(update={"sets": last.sets + 1})
            continue
        out.append(lift)
    if len(out) > MAX_LIFTS_PER_ACTIVITY:
        sink.add("set", f"{len(out)} exercises; at most {MAX_LIFTS_PER_ACTIVITY} in an activity")
    return out


def _workout(messages: list[Message], sink: Sink) -> list[Activity]:
    created = next((m for m in messages if m[1] == "file_id"), None)
    head = next((m for m in messages if m[1] == "workout"), None)
    if head is None:
        sink.add("workout", "no workout message: not a workout this planner can read")
        return []
    when = _when(sink, created[2].get("time_created") if created else None, "file_id.time_created")
    steps = [m for m in messages if m[1] == "workout_step"]
    seconds = _step_seconds(sink, steps)
    if when is None or seconds is None:
        return []
    wall = when.replace(tzinfo=None)  # the exporter writes the local start as if UTC
    if not in_range(sink, wall.date(), "file_id.time_created"):
        return []
    if seconds <= 0:
        sink.add("workout_step", "no timed steps: the workout's minutes are unknown")
        return []
    fields = head[2]
    values = {
        "date": wall.date(),
        "start": clock(wall),
        "sport": sport_of(fields.get("sport"), fields.get("sub_sport")),
        "minutes": seconds / 60,
        "name": text(fields.get("wkt_name", "")),
        "source": source(sink.file),
    }
    found = build(sink, values, {"minutes": "workout_step", "date": "file_id.time_created"})
    return [] if found is None else [found]


def _step_seconds(sink: Sink, steps: list[Message]) -> float | None:
    """The workout's seconds, repeats expanded: before[i] is the time done before step i,
    and a repeat of the group from step f adds (count - 1) x (before[i] - before[f])."""
    before = [0.0]
    index: dict[Any, int] = {}
    most = MAX_ACTIVITY_MINUTES * 60
    for pos, (record, _, fields) in enumerate(steps):
        where = f"record {record} workout_step"
        index[fields.get("message_index", pos)] = pos
        kind = fields.get("duration_type")
        added = 0.0
        if kind == "time":
            added = (
                number(sink, fields.get("duration_time"), f"{where}.duration_time", 0, most) or 0
            )
        elif kind == "reps":
            reps = number(sink, fields.get("duration_reps"), f"{where}.duration_reps", 0, MAX_REPS)
            sides = 2 if "(each " in str(fields.get("wkt_step_name", "")) else 1
            added = (reps or 0) * REP_SECONDS * sides
        elif kind == "repeat_until_steps_cmplt":
            first = index.get(fields.get("duration_step"))
            count = number(
                sink, fields.get("repeat_steps"), f"{where}.repeat_steps", 1,
                limits.MAX_WORKOUT_REPEAT,
            )  # fmt: skip
            if first is None:
                sink.add(f"{where}.duration_step", "not an earlier step of this workout")
            elif count is not None:
                added = (count - 1) * (before[pos] - before[first])
        before.append(before[-1] + added)
        if before[-1] > most:
            sink.add(where, f"the steps add up to more than {MAX_ACTIVITY_MINUTES} minutes")
            return None
    return None if sink.problems else before[-1]
