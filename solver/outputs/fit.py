"""Workouts for the watch: one Garmin FIT workout file per run session, written with the
fit-tool library (file_id, workout and one workout_step message per prescription step).

Each step keeps its minutes (duration type time) and its target: the pace band as a custom
speed range (metres per second, the slow end as the low speed), or, for a step without a
pace, the heart-rate band of its zone when the athlete's max_hr is known (FIT's custom heart
rate: bpm + 100, values up to 100 being % of max HR), else open. The step's name carries
its kind and pace or zone, and FIT intensities follow the step kinds (warmup, cooldown,
recovery, active). `to_zip` bundles the files for the API and the HTTP service.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from hybridplan.models.athlete import MILE_KM, pace_seconds
from hybridplan.models.result import Result, SessionOut
from hybridplan.models.week import DAYS, clock_minutes

HR_OFFSET = 100  # FIT custom heart-rate targets: bpm + 100
_BPM = re.compile(r"(\d+)-(\d+) bpm")
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
EPOCH = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)  # when a plan has no start date


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
    (or week and day), slot and session (issue 24: 46 of a block's 64 files shared one)."""
    when = s.date.isoformat() if s.date else f"w{s.week} {s.day}"
    return f"{when} {s.slot} {s.session}"[:40]


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


def workout(result: Result, s: SessionOut) -> bytes:
    """The FIT workout file of one run session (its prescription's steps)."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.workout_message import WorkoutMessage
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
    from fit_tool.profile.profile_type import (
        FileType,
        Intensity,
        Manufacturer,
        Sport,
        WorkoutStepDuration,
        WorkoutStepTarget,
    )

    intensity = {
        "warmup": Intensity.WARMUP,
        "cooldown": Intensity.COOLDOWN,
        "recovery": Intensity.RECOVERY,
        "work": Intensity.ACTIVE,
        "steady": Intensity.ACTIVE,
    }
    unit = result.pace_unit
    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 1
    file_id.time_created = round(_created(result, s).timestamp() * 1000)
    steps = []
    prescription = s.prescription
    for i, step in enumerate(prescription.steps if prescription else []):
        message = WorkoutStepMessage()
        message.message_index = i
        label: str = step.kind
        if step.pace is not None:
            label += f" {step.pace[0]}-{step.pace[1]}/{unit}"
        elif step.zone:
            label += f" {step.zone.split()[0]}"
        message.workout_step_name = label
        message.intensity = intensity[step.kind]
        message.duration_type = WorkoutStepDuration.TIME
        message.duration_time = float(step.minutes * 60)
        bpm = heart_rate(step.zone)
        if step.pace is not None:
            message.target_type = WorkoutStepTarget.SPEED
            message.target_value = 0
            message.custom_target_speed_low = speed(step.pace[1], unit)  # the slow end
            message.custom_target_speed_high = speed(step.pace[0], unit)
        elif bpm is not None:
            message.target_type = WorkoutStepTarget.HEART_RATE
            message.target_value = 0
            message.custom_target_heart_rate_low = bpm[0] + HR_OFFSET
            message.custom_target_heart_rate_high = bpm[1] + HR_OFFSET
        else:
            message.target_type = WorkoutStepTarget.OPEN
            message.target_value = 0
        steps.append(message)
    head = WorkoutMessage()
    head.workout_name = workout_name(s)
    head.sport = Sport.RUNNING
    head.num_valid_steps = len(steps)
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add(file_id)
    builder.add(head)
    builder.add_all(steps)
    data: bytes = builder.build().to_bytes()
    return data


def workouts(result: Result) -> dict[str, bytes]:
    """File name -> FIT bytes, one per run session with a prescription (the race too)."""
    return {
        file_name(s): workout(result, s)
        for s in result.sessions
        if s.kind == "run" and s.prescription is not None and s.prescription.steps
    }


def to_zip(result: Result) -> bytes:
    """The workouts as one zip (fixed timestamps: the same plan gives the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in workouts(result).items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
