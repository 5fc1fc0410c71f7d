"""The watch's files of a plan: one FIT workout per session with a prescription, runs and
mobility encoded by `fit`, strength sessions with exercises by `fit_strength`, and the zip of
them for the API and the HTTP service. It sits above both, so that `fit_strength` can build
on `fit` without the two importing each other."""

from __future__ import annotations

import io
import zipfile

from hybridplan.models.result import Result, SessionOut
from hybridplan.outputs.fit import encode, file_name, grouped, run_units, timed_step
from hybridplan.outputs.fit_strength import strength_workout


def workout(result: Result, s: SessionOut) -> bytes:
    """The FIT workout file of one session (its prescription's steps, or its exercises)."""
    p = s.prescription
    steps = list(p.steps) if p else []
    if s.kind == "run":
        return encode(result, s, "RUNNING", "GENERIC", grouped(run_units(steps, result.pace_unit)))
    if s.kind == "strength" and p is not None and p.exercises:
        return strength_workout(result, s)
    timed = [(timed_step(step, result.pace_unit),) for step in steps]
    sub = "STRENGTH_TRAINING" if s.kind == "strength" else "FLEXIBILITY_TRAINING"
    return encode(result, s, "TRAINING", sub, grouped(timed))


def workouts(result: Result) -> dict[str, bytes]:
    """File name -> FIT bytes, one per session with a prescription (runs and the race,
    strength and mobility sessions)."""
    return {
        file_name(s): workout(result, s)
        for s in result.sessions
        if s.prescription is not None and (s.prescription.steps or s.prescription.exercises)
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
