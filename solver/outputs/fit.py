"""Workouts for the watch: one Garmin FIT workout file per session (runs, strength and
mobility), written with the fit-tool library: a file_id (type workout, 5), a workout and its
workout_step messages.

Runs (sport running). Each step keeps its seconds (duration type time) and its target: the
pace band as a custom speed range (metres per second, the slow end as the low speed), or,
for a step without a pace, the heart-rate band of its zone when the athlete's max_hr is
known (FIT's custom heart rate: bpm + 100, values up to 100 being % of max HR), else open.
FIT intensities follow the step kinds (warmup, cooldown, recovery; work and steady are
active). A step's name is short (its kind and pace or zone: "work 4:35-4:41/km"); its note
(the effort in words, RPE, cue) goes to the step's `notes`, which the watch shows.

Repeats. The prescription writes repeats out one step each; the watch gets them folded:
n identical steps in a row, or n identical (work, recovery) pairs, become the group written
once and a repeat step after it (duration type repeat_until_steps_cmplt, duration value the
message_index of the group's first step, target value the number of times the group is
done: the FIT profile's `duration_step` and `repeat_steps`). Intervals, tempo and hills are
warm-up, n reps with a recovery between them and none after the last, cool-down: the watch
gets "repeat n-1 x (work, recovery)", then the last work step on its own, then the
cool-down. That is the prescription step for step and second for second (a recovery after
the last rep would add minutes the plan does not have and put recovery pace where the
cool-down is); a group that would repeat only once is written out flat.

Strides. A stride in the prescription is a one-minute work step whose note says
"20 s stride, fast and relaxed (about 3:50/km), then 40 s easy". On the watch it is two
steps: "stride", 20 s, active, no target (a 20-second burst is run by feel: a pace alarm
would only beep), its note the pace or effort ("fast and relaxed (about 3:50/km)"), and
"easy", 40 s, recovery, note "easy"; the strides are a repeat of that pair. Any
"<a> s stride, <cue>, then <b> s <word>" note whose seconds add up to the step's minutes is
split this way; anything else stays one step.

Strength (sport training, sub-sport strength training) and mobility (training, flexibility
training, its steps timed as the prescription gives them): see `fit_strength`.

Text. Names, notes and descriptions are text a person (or a scenario) wrote: they are made
safe before they are written. Control and format characters (NUL, line breaks, bidi
controls), unpaired surrogates and other unprintable code points become spaces, runs of
white space one space, and the text is cut at a character boundary to its field's bytes
(step names 40, notes and descriptions 254: FIT string fields hold at most 255 bytes with
their terminating NUL), ending in "..." when cut. UTF-8 beyond ASCII is kept.

The same plan gives the same bytes: time_created is the session's start (the plan's Monday,
else a fixed date), and the file_id's serial number, which a watch uses with the type,
manufacturer and product to tell workout files apart, is a checksum of the file's name.
The files of a whole plan, runs and lifts together, and their zip for the API and the HTTP
service, come from `watch` (which imports this module and `fit_strength`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hybridplan.models.athlete import MILE_KM, pace_seconds
from hybridplan.models.prescription import Step
from hybridplan.models.result import Result, SessionOut
from hybridplan.models.week import DAYS, clock_minutes

HR_OFFSET = 100  # FIT custom heart-rate targets: bpm + 100
NAME_BYTES = 40  # a step's name: a line or two on a watch
NOTE_BYTES = 254  # a FIT string field: at most 255 bytes, the terminating NUL included
WORKOUT_NAME_CHARS = 40
_BPM = re.compile(r"(\d+)-(\d+) bpm")
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_STRIDE = re.compile(r"^(\d{1,3}) s stride, (.+), then (\d{1,3}) s (\w+)$")
EPOCH = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)  # when a plan has no start date
INTENSITIES = ("active", "rest", "warmup", "cooldown", "recovery")
KIND_INTENSITY = {
    "warmup": "warmup",
    "cooldown": "cooldown",
    "recovery": "recovery",
    "work": "active",
    "steady": "active",
}


@dataclass(frozen=True)
class WatchStep:
    """One workout_step as the watch will get it: timed (`seconds`) or counted (`reps`),
    with at most one target (a speed band in m/s, or a bpm band) and, for a set of an
    exercise, its FIT exercise category and name (profile values) and load."""

    name: str
    intensity: str  # one of INTENSITIES
    seconds: int | None = None
    reps: int | None = None
    note: str = ""
    speed: tuple[float, float] | None = None  # (low, high) metres per second
    bpm: tuple[int, int] | None = None
    category: int | None = None  # FIT exercise_category
    exercise: int | None = None  # FIT exercise_name within the category
    kg: float | None = None


@dataclass(frozen=True)
class Repeat:
    """A group of steps done `count` times (written once, then a repeat step)."""

    steps: tuple[WatchStep, ...]
    count: int


Unit = tuple[WatchStep, ...]  # what one prescription step (or one set and its rest) becomes
Item = WatchStep | Repeat


def fit_text(text: str, limit: int) -> str:
    """`text` made safe for a FIT string field of `limit` bytes (see the module's Text)."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    cut = data[: max(0, limit - 3)].decode("utf-8", errors="ignore").rstrip()
    return cut + "..."


def speed(pace: str, unit: str) -> float:
    """Metres per second of a 'M:SS' pace per km or mile."""
    per_km = pace_seconds(pace) / (MILE_KM if unit == "mile" else 1.0)
    return 1000.0 / per_km


def heart_rate(zone: str | None) -> tuple[int, int] | None:
    """The bpm band of a zone written as 'Z2 122-147 bpm'; None without bpm."""
    match = _BPM.search(zone or "")
    if not match or len(match.group(1)) > 3 or len(match.group(2)) > 3:
        return None
    return int(match.group(1)), int(match.group(2))


def file_name(s: SessionOut) -> str:
    name = f"w{s.week:02d}-{DAYS.index(s.day) + 1}{s.day}-{s.slot}-{s.session}"
    return _SAFE.sub("_", name)[:120] + ".fit"


def workout_name(s: SessionOut) -> str:
    """The name a watch lists: unique in a plan (one session a slot), by the session's date
    (or week and day), slot and session (by date and session alone, 46 of a block's 64 files
    shared a name, and a watch keeps one file per name)."""
    when = s.date.isoformat() if s.date else f"w{s.week} {s.day}"
    return fit_text(f"{when} {s.slot} {s.session}"[:WORKOUT_NAME_CHARS], NOTE_BYTES)


def _created(result: Result, s: SessionOut) -> dt.datetime:
    """The session's start (the plan's Monday, else a fixed date): same plan, same bytes."""
    scenario = (result.input or {}).get("scenario") or {}
    start = scenario.get("start") if isinstance(scenario, dict) else None
    try:
        monday = dt.datetime.fromisoformat(str(start)).replace(tzinfo=dt.UTC)
    except ValueError:
        monday = EPOCH
    offset = dt.timedelta(days=7 * (s.week - 1) + DAYS.index(s.day), minutes=clock_minutes(s.start))
    return monday + offset


def timed_step(step: Step, unit: str) -> WatchStep:
    """A prescription step as one timed watch step: its pace band as a speed target, else
    its zone's bpm band, else none; named by its kind and pace or zone."""
    label: str = step.kind
    if step.pace is not None:
        label += f" {step.pace[0]}-{step.pace[1]}/{unit}"
    elif step.zone:
        label += f" {step.zone.split()[0]}"
    band = None
    if step.pace is not None:  # the slow end is the low speed
        band = (speed(step.pace[1], unit), speed(step.pace[0], unit))
    return WatchStep(
        name=label,
        intensity=KIND_INTENSITY[step.kind],
        seconds=step.minutes * 60,
        note=step.note,
        speed=band,
        bpm=None if band is not None else heart_rate(step.zone),
    )


def stride_unit(step: Step) -> Unit | None:
    """A one-minute stride step ('20 s stride, <cue>, then 40 s easy') as its two watch
    steps, the stride and its easy running; None for any other step."""
    match = _STRIDE.match(step.note)
    if step.kind != "work" or match is None:
        return None
    fast, easy = int(match.group(1)), int(match.group(3))
    if fast < 1 or easy < 1 or fast + easy != step.minutes * 60:
        return None
    return (
        WatchStep(name="stride", intensity="active", seconds=fast, note=match.group(2)),
        WatchStep(name=match.group(4), intensity="recovery", seconds=easy, note=match.group(4)),
    )


def run_units(steps: list[Step], unit: str) -> list[Unit]:
    return [stride_unit(step) or (timed_step(step, unit),) for step in steps]


def grouped(units: Sequence[Unit]) -> list[Item]:
    """The units with repeats folded: a run of identical units, or of an identical pair of
    units, done at least twice becomes a Repeat; everything else stays as it is."""
    out: list[Item] = []
    i = 0
    while i < len(units):
        same = 1
        while i + same < len(units) and units[i + same] == units[i]:
            same += 1
        if same >= 2:
            out.append(Repeat(units[i], same))
            i += same
            continue
        pairs = 0
        if i + 1 < len(units):
            a, b = units[i], units[i + 1]
            pairs = 1
            while units[i + 2 * pairs : i + 2 * pairs + 2] == [a, b]:
                pairs += 1
        if pairs >= 2:
            out.append(Repeat(units[i] + units[i + 1], pairs))
            i += 2 * pairs
            continue
        out.extend(units[i])
        i += 1
    return out


def _step_message(index: int, w: WatchStep) -> Any:
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
    from fit_tool.profile.profile_type import (
        FitBaseUnit,
        Intensity,
        WorkoutStepDuration,
        WorkoutStepTarget,
    )

    message = WorkoutStepMessage()
    message.message_index = index
    name = fit_text(w.name, NAME_BYTES)
    if name:
        message.workout_step_name = name
    message.intensity = Intensity[w.intensity.upper()]
    if w.reps is not None:
        message.duration_type = WorkoutStepDuration.REPS
        message.duration_reps = w.reps
    else:
        message.duration_type = WorkoutStepDuration.TIME
        message.duration_time = float(w.seconds or 0)
    if w.speed is not None:
        message.target_type = WorkoutStepTarget.SPEED
        message.target_value = 0
        message.custom_target_speed_low = w.speed[0]
        message.custom_target_speed_high = w.speed[1]
    elif w.bpm is not None:
        message.target_type = WorkoutStepTarget.HEART_RATE
        message.target_value = 0
        message.custom_target_heart_rate_low = w.bpm[0] + HR_OFFSET
        message.custom_target_heart_rate_high = w.bpm[1] + HR_OFFSET
    else:
        message.target_type = WorkoutStepTarget.OPEN
        message.target_value = 0
    note = fit_text(w.note, NOTE_BYTES)
    if note:
        message.notes = note
    if w.category is not None:
        message.exercise_category = w.category
        if w.exercise is not None:
            message.exercise_name = w.exercise
    if w.kg is not None:
        message.exercise_weight = w.kg
        message.weight_display_unit = FitBaseUnit.KILOGRAM.value
    return message


def _repeat_message(index: int, first: int, count: int) -> Any:
    """The FIT SDK's repeat step: back to step `first` until the group is done `count`
    times (no name, intensity or target: undefined for this duration type)."""
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
    from fit_tool.profile.profile_type import WorkoutStepDuration

    message = WorkoutStepMessage()
    message.message_index = index
    message.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
    message.duration_value = first
    message.target_value = count
    return message


def step_messages(items: list[Item]) -> list[Any]:
    """The workout_step messages of `items`, indexed in order, each repeat step after its
    group."""
    messages: list[Any] = []
    for item in items:
        if isinstance(item, Repeat):
            first = len(messages)
            messages += [_step_message(first + k, w) for k, w in enumerate(item.steps)]
            messages.append(_repeat_message(len(messages), first, item.count))
        else:
            messages.append(_step_message(len(messages), item))
    return messages


def encode(result: Result, s: SessionOut, sport: str, sub_sport: str, items: list[Item]) -> bytes:
    """The FIT workout file of session `s`: file_id, workout (its name, the prescription's
    summary as its description, the sport) and its steps."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.workout_message import WorkoutMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport, SubSport

    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = zlib.crc32(file_name(s).encode()) or 1  # uint32z: 0 is invalid
    file_id.time_created = round(_created(result, s).timestamp() * 1000)
    steps = step_messages(items)
    head = WorkoutMessage()
    head.workout_name = workout_name(s)
    head.sport = Sport[sport]
    head.sub_sport = SubSport[sub_sport]
    head.num_valid_steps = len(steps)
    summary = fit_text(s.prescription.summary if s.prescription else "", NOTE_BYTES)
    if summary:
        head.workout_description = summary
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add(file_id)
    builder.add(head)
    builder.add_all(steps)
    data: bytes = builder.build().to_bytes()
    return data
