"""FIT workouts of whole plans read back by two decoders that share no code with the writer
(fit-tool): fitdecode and Garmin's own FIT SDK (garmin-fit-sdk). Each file is decoded by
both, the two readings must agree, and the steps, with the FIT repeat steps expanded here
(a repeat step sends the watch back to its `duration_step` until the group has been done
`repeat_steps` times), must give back the session's prescription step for step: kinds as
intensities, seconds, pace as a speed band, heart rate as a bpm band, notes; strides as a
20 s stride and 40 s of easy running; strength as sets of reps with their exercise's FIT
category and name, kg and rests. Every file's CRCs are checked, and its file_id type is
workout (5)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any, get_args

import fitdecode
import pytest
import yaml
from garmin_fit_sdk import Decoder, Profile, Stream
from reference import strength_time

from helpers import ROOT
from hybridplan import export, solve
from hybridplan.models import Result
from hybridplan.models.athlete import MILE_KM, Lift, pace_seconds
from hybridplan.models.prescription import Exercise, Prescription, Step
from hybridplan.models.result import SessionOut
from hybridplan.models.session import Muscle
from hybridplan.models.week import DAYS
from hybridplan.outputs.fit_strength import EXERCISES, FALLBACK, category, codes
from hybridplan.outputs.watch import workouts
from hybridplan.prescribe import exercises
from hybridplan.prescribe.exercises import BODYWEIGHT, GYM, Move

ATHLETE = {
    "recent_race": {"distance": "10k", "time": "45:00"},
    "max_hr": 188,
    "lifts": {"back_squat": 100, "deadlift": 120, "bench_press": 70},
}
# scenario, athlete (None: the scenario's own), pace unit
PLANS = {
    "marathon-16w-km": ("marathon-block-16w.yaml", ATHLETE, "km"),
    "10k-8w-effort-mile": ("10k-block-8w.yaml", {"max_hr": 181}, "mile"),
    "marathon-week-mile": ("marathon-build.yaml", ATHLETE, "mile"),
    "bodyweight-no-athlete": ("beginner-bodyweight.yaml", None, "km"),
}
NOTE_BYTES = 254  # a FIT string field: 255 bytes with its NUL
NAME_BYTES = 40
BPM = re.compile(r"(\d+)-(\d+) bpm")
# a few lifts whose FIT names are beyond doubt (the profile's own words)
KNOWN = {
    "back squat": ("squat", "barbell_back_squat"),
    "bench press": ("bench_press", "barbell_bench_press"),
    "deadlift": ("deadlift", "barbell_deadlift"),
    "Romanian deadlift": ("deadlift", "romanian_deadlift"),
    "barbell row": ("row", "barbell_row"),
    "overhead press": ("shoulder_press", "overhead_barbell_press"),
    "push-up": ("push_up", "push_up"),
    "pull-up": ("pull_up", "pull_up"),
}
# catalogue names meant to get FIT's unknown category (none so far)
INTENDED_UNKNOWN: frozenset[str] = frozenset()

_results: dict[str, Result] = {}


def plan(key: str) -> Result:
    """The plan `key` of PLANS, solved once (a deterministic work limit, no clock)."""
    if key not in _results:
        scenario, athlete, unit = PLANS[key]
        data = yaml.safe_load((ROOT / "scenarios" / scenario).read_text())
        if athlete is not None:
            data["athlete"] = {**athlete, "pace_unit": unit}
        result = solve(data, work_limit=1)
        assert result.found and result.pace_unit == unit
        _results[key] = result
    return _results[key]


# the fields of a workout_step both decoders name after the FIT profile
FIELDS = (
    "message_index", "wkt_step_name", "duration_type", "duration_time", "duration_reps",
    "duration_step", "repeat_steps", "target_type", "custom_target_speed_low",
    "custom_target_speed_high", "custom_target_heart_rate_low", "custom_target_heart_rate_high",
    "intensity", "notes", "exercise_category", "exercise_name", "exercise_weight",
    "weight_display_unit",
)  # fmt: skip


@dataclass
class Reading:
    file_type: Any
    file_id: dict[str, Any]
    workout: dict[str, Any]
    steps: list[dict[str, Any]]


def _step(fields: dict[str, Any]) -> dict[str, Any]:
    out = {k: fields[k] for k in FIELDS if fields.get(k) is not None}
    for k in ("custom_target_speed_low", "custom_target_speed_high", "exercise_weight"):
        if k in out:
            out[k] = round(float(out[k]), 3)
    for k in ("duration_time",):
        if k in out:
            out[k] = float(out[k])
    return out


def by_fitdecode(data: bytes) -> Reading:
    """fitdecode's reading, raising on a bad header or file CRC."""
    messages: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                values = {f.name: f.value for f in frame.fields}
                raw = {f.name: f.raw_value for f in frame.fields}
                messages.append((frame.name, values, raw))
    assert messages[0][0] == "file_id"
    return Reading(
        file_type=messages[0][2]["type"],
        file_id=messages[0][1],
        workout=next(v for name, v, _ in messages if name == "workout"),
        steps=[_step(v) for name, v, _ in messages if name == "workout_step"],
    )


def by_garmin(data: bytes) -> Reading:
    """The Garmin FIT SDK's reading, after its own integrity (CRC) check."""
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    raw_decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    raw, raw_errors = raw_decoder.read(convert_types_to_strings=False)
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == [] and raw_errors == []
    (file_id,) = messages["file_id_mesgs"]
    (head,) = messages["workout_mesgs"]
    return Reading(
        file_type=raw["file_id_mesgs"][0]["type"],
        file_id=file_id,
        workout=head,
        steps=[_step(m) for m in messages["workout_step_mesgs"]],
    )


def read(data: bytes) -> Reading:
    """The file as both decoders read it; they must agree step for step."""
    a, b = by_fitdecode(data), by_garmin(data)
    assert a.file_type == b.file_type == 5  # workout
    assert a.file_id["type"] == b.file_id["type"] == "workout"
    assert a.steps == b.steps
    for key in ("wkt_name", "sport", "sub_sport", "num_valid_steps", "wkt_description"):
        assert a.workout.get(key) == b.workout.get(key), key
    assert a.workout["num_valid_steps"] == len(a.steps)
    assert [s["message_index"] for s in a.steps] == list(range(len(a.steps)))
    return a


def expand(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The steps in the order a watch runs them: at a repeat step, back to its
    duration_step until the group has been done repeat_steps times."""
    out: list[dict[str, Any]] = []
    done: dict[int, int] = {}
    i = 0
    while i < len(steps):
        step = steps[i]
        if step["duration_type"] == "repeat_until_steps_cmplt":
            back, times = step["duration_step"], step["repeat_steps"]
            assert 0 <= back < i and times >= 2  # backwards, and a repeat worth the name
            assert all(s["duration_type"] != "repeat_until_steps_cmplt" for s in steps[back:i])
            done[i] = done.get(i, 1) + 1
            if done[i] <= times:
                i = back
                continue
            done[i] = 1
        else:
            out.append(step)
        i += 1
    return out


def fold_strides(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A 'stride' step and the easy running after it, as the one prescription step they
    come from: a minute of work whose note gives both."""
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(steps):
        a = steps[i]
        if a.get("wkt_step_name") == "stride":
            b = steps[i + 1]
            assert a["intensity"] == "active" and a["target_type"] == "open"
            assert b["intensity"] == "recovery" and b["target_type"] == "open"
            seconds = a["duration_time"] + b["duration_time"]
            note = (f"{a['duration_time']:g} s stride, {a['notes']}, "
                    f"then {b['duration_time']:g} s {b['notes']}")  # fmt: skip
            out.append({**a, "duration_time": seconds, "notes": note, "stride": True})
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def check_timed(got: dict[str, Any], want: Step, unit: str) -> None:
    """One timed FIT step against its prescription step."""
    assert got["intensity"] == {"work": "active", "steady": "active"}.get(want.kind, want.kind)
    assert got["duration_type"] == "time"
    assert got["duration_time"] == want.minutes * 60
    assert got.get("notes", "") == want.note
    name = got.get("wkt_step_name", "")
    assert len(name.encode()) <= NAME_BYTES
    assert got.get("stride") or name.split()[0] == want.kind
    bpm = BPM.search(want.zone or "")
    if want.pace is not None:
        per = MILE_KM if unit == "mile" else 1.0
        slow = 1000 / (pace_seconds(want.pace[1]) / per)
        fast = 1000 / (pace_seconds(want.pace[0]) / per)
        assert got["target_type"] == "speed"
        assert got["custom_target_speed_low"] == pytest.approx(slow, abs=0.001)
        assert got["custom_target_speed_high"] == pytest.approx(fast, abs=0.001)
        assert f"{want.pace[0]}-{want.pace[1]}/{unit}" in name
    elif bpm is not None:
        assert got["target_type"] == "heart_rate"
        assert got["custom_target_heart_rate_low"] == int(bpm.group(1)) + 100
        assert got["custom_target_heart_rate_high"] == int(bpm.group(2)) + 100
    else:
        assert got["target_type"] == "open"


def rest_after(e: Exercise) -> float:
    """The exercise's rest, or for one without (an older result) the documented defaults:
    3 min after sets at 80% 1RM or more, 2 min after plyometric sets, else 90 s."""
    given = getattr(e, "rest_s", None)
    if given is not None:
        return float(given)
    if e.percent_1rm is not None and e.percent_1rm >= 80:
        return 180.0
    return 120.0 if "full recovery" in e.name else 90.0


def check_set(got: dict[str, Any], e: Exercise) -> None:
    assert got["intensity"] == "active" and got["duration_type"] == "reps"
    assert got["duration_reps"] == e.reps
    name = got["wkt_step_name"]
    if len(e.name.encode()) <= NAME_BYTES:
        assert name == e.name
    else:
        assert name.endswith("...") and e.name.startswith(name[:-3])
    assert got["notes"] == e.text()
    group = got["exercise_category"]
    assert isinstance(group, str) and group != "unknown"
    if "exercise_name" in got:  # the category's own name list has it
        assert isinstance(Profile["types"][f"{group}_exercise_name"][got["exercise_name"]], str)
    if e.name in KNOWN:
        names = Profile["types"][f"{KNOWN[e.name][0]}_exercise_name"]
        assert (group, names[got["exercise_name"]]) == KNOWN[e.name]
    if e.kg is not None:
        assert got["exercise_weight"] == pytest.approx(e.kg, abs=0.01)
        assert got["weight_display_unit"] == "kilogram"
    else:
        assert "exercise_weight" not in got


def done_in_order(exercises: list[Exercise]) -> list[tuple[Exercise, float]]:
    """Each set (its exercise) in the order the model says they are done, and the rest
    after it: an exercise's sets in a row, but exercises of a superset (the same letter)
    alternating set by set, a minute apart."""
    letter = [getattr(e, "superset", None) for e in exercises]
    queues: list[list[int]] = []
    for i in range(len(exercises)):
        group = [j for j in range(len(exercises)) if letter[i] and letter[j] == letter[i]]
        if i == (group or [i])[0]:
            queues.append(group or [i])
    out: list[tuple[Exercise, float]] = []
    for group in queues:
        left = {j: exercises[j].sets for j in group}
        while any(left.values()):
            for j in [j for j in group if left[j]]:
                out.append((exercises[j], rest_after(exercises[j])))
                left[j] -= 1
    if all(e.rest_s is not None for e in exercises):
        # the rest after a set lasts until the next set starts (the timing rules written
        # out in tests/reference/strength_time.py): never shorter than a lift's own rest
        lifts = [
            strength_time.Lift(e.name, e.sets, e.reps, e.rest_s or 0, e.superset)
            for e in exercises
        ]
        times = strength_time.starts_and_ends(lifts)
        assert [exercises[j] for j, _, _ in times] == [e for e, _ in out]
        for k in range(len(times) - 1):
            out[k] = (out[k][0], float(times[k + 1][1] - times[k][2]))
        return out
    for k in range(len(out) - 1):  # a superset's partner next: a minute
        (e, _), (f, _) = out[k], out[k + 1]
        pair = getattr(e, "superset", None)
        if pair and f is not e and getattr(f, "superset", None) == pair:
            out[k] = (e, 60.0)
    return out


def check_strength(steps: list[dict[str, Any]], p: Prescription) -> None:
    """Warm-up, every set of every exercise each followed by its rest, cool-down."""
    warm = [s for s in p.steps if s.kind == "warmup"]
    cool = [s for s in p.steps if s.kind == "cooldown"]
    sets = done_in_order(p.exercises)
    assert len(sets) == sum(e.sets for e in p.exercises)
    rests = sum(rest > 0 for _, rest in sets)
    assert len(steps) == len(warm) + len(sets) + rests + len(cool)
    for got, want in zip(steps, warm, strict=False):
        check_timed(got, want, "km")
    middle = iter(steps[len(warm) : len(warm) + len(sets) + rests])
    for e, seconds in sets:
        check_set(next(middle), e)
        if seconds > 0:
            rest = next(middle)
            assert rest["intensity"] == "rest" and rest["duration_type"] == "time"
            assert rest["duration_time"] == seconds
    for got, want in zip(steps[len(steps) - len(cool) :], cool, strict=True):
        check_timed(got, want, "km")


def _session(result: Result, name: str) -> SessionOut:
    """The session a file is named after (week, day, slot, session)."""
    (s,) = [
        s
        for s in result.sessions
        if name == f"w{s.week:02d}-{DAYS.index(s.day) + 1}{s.day}-{s.slot}-{s.session}.fit"
    ]
    return s


@pytest.mark.parametrize("key", list(PLANS))
def test_every_fit_file_of_a_plan_gives_back_its_prescription(key: str) -> None:
    result = plan(key)
    unit = result.pace_unit
    files = workouts(result)
    # one file a session, every kind of session, under names and serials of their own
    assert len(files) == len(result.sessions) > 0
    serials, names, kinds = set(), set(), set()
    for file, data in files.items():
        s = _session(result, file)
        assert s.prescription is not None
        fit = read(data)
        serials.add(fit.file_id["serial_number"])
        names.add(fit.workout["wkt_name"])
        kinds.add(s.kind)
        summary = s.prescription.summary
        if len(summary.encode()) <= NOTE_BYTES:
            assert fit.workout["wkt_description"] == summary
        else:
            assert fit.workout["wkt_description"].endswith("...")
        assert all(len(x.get("notes", "").encode()) <= NOTE_BYTES for x in fit.steps)
        steps = expand(fit.steps)
        if s.kind == "run":
            assert (fit.workout["sport"], fit.workout["sub_sport"]) == ("running", "generic")
            folded = fold_strides(steps)
            assert len(folded) == len(s.prescription.steps)
            for got, want in zip(folded, s.prescription.steps, strict=True):
                check_timed(got, want, unit)
        elif s.kind == "strength" and s.prescription.exercises:
            assert fit.workout["sport"] == "training"
            assert fit.workout["sub_sport"] == "strength_training"
            check_strength(steps, s.prescription)
        else:
            sub = "strength_training" if s.kind == "strength" else "flexibility_training"
            assert (fit.workout["sport"], fit.workout["sub_sport"]) == ("training", sub)
            assert len(steps) == len(s.prescription.steps)
            for got, want in zip(steps, s.prescription.steps, strict=True):
                check_timed(got, want, unit)
    assert len(serials) == len(names) == len(files)
    assert kinds == {s.kind for s in result.sessions}
    assert workouts(result) == files  # the same plan, the same bytes


def test_reps_are_folded_into_repeats_the_last_one_on_its_own() -> None:
    """n reps with a recovery between them: warm-up, (work, recovery) repeated n-1 times,
    the last work alone, cool-down; strides: one (stride, easy) pair repeated; sets: one
    (set, rest) pair per exercise repeated over its sets."""
    result = plan("marathon-16w-km")
    files = workouts(result)
    seen = set()
    for s in result.sessions:
        p = s.prescription
        assert p is not None
        steps = read(files[next(f for f in files if _session(result, f) == s)]).steps
        kinds = [x.get("wkt_step_name", "").split(" ")[0] for x in steps]
        reps = sum(x.kind == "work" for x in p.steps)
        if s.run_type in ("intervals", "tempo", "hills") and reps >= 3:
            seen.add(s.run_type)
            # (and the session's minutes beyond a 20' warm-up and a 15' cool-down after it)
            assert kinds[:6] == ["warmup", "work", "recovery", "", "work", "cooldown"]
            assert kinds[6:] in ([], ["steady"])
            assert steps[3]["duration_step"] == 1 and steps[3]["repeat_steps"] == reps - 1
            assert steps[1] == {**steps[4], "message_index": 1}
        if s.run_type == "strides" and reps >= 2:
            seen.add("strides")
            assert kinds == ["steady", "stride", "easy", "", "cooldown"]
            assert steps[1]["duration_time"] == 20 and steps[2]["duration_time"] == 40
            assert steps[3]["duration_step"] == 1 and steps[3]["repeat_steps"] == reps
        if s.kind == "strength" and p.exercises:
            seen.add("strength")
            # an exercise's sets: one (set, rest) group done `sets` times; a superset's: one
            # round (set, a minute, set, a minute) done as many times as it comes in a row
            # (the superset's last set rests its exercise's own time: the way to the next)
            found: dict[tuple[str, ...], int] = {}
            for i, x in enumerate(steps):
                if x["duration_type"] == "repeat_until_steps_cmplt":
                    group = steps[x["duration_step"] : i]
                    names = tuple(g["wkt_step_name"] for g in group if g["intensity"] != "rest")
                    assert [g["intensity"] for g in group] == ["active", "rest"] * len(names)
                    found[names] = x["repeat_steps"]
            want: dict[tuple[str, ...], int] = {}
            for e in p.exercises:
                letter = getattr(e, "superset", None)
                pair = [f for f in p.exercises if letter and getattr(f, "superset", None) == letter]
                if not pair and e.sets > 1:
                    # its sets and their rests alike in a row (the last set's rest lasts
                    # until the next exercise starts: after ramp-up sets, longer)
                    mine = [x for x in done_in_order(p.exercises) if x[0] is e]
                    alike = next((k for k, x in enumerate(mine) if x != mine[0]), len(mine))
                    if alike > 1:
                        want[(e.name,)] = alike
                elif pair and pair[0] is e:
                    sets = [x for x in done_in_order(p.exercises) if x[0] in pair]
                    rounds = 0  # rounds alike (each set and the rest after it) in a row
                    while sets[2 * rounds : 2 * rounds + 2] == sets[:2]:
                        rounds += 1
                    if rounds > 1:
                        want[tuple(f.name for f in pair)] = rounds
            assert {k: v for k, v in found.items() if k in want} == want
    assert seen == {"intervals", "tempo", "hills", "strides", "strength"}


def test_odd_or_long_text_cannot_break_a_file() -> None:
    """Notes and names are bounded to FIT's string fields and cleaned of what would corrupt
    them (NUL ends a FIT string) or crash the encoder (unpaired surrogates), whatever a
    result file says; both decoders read the file, CRCs intact."""
    result = plan("marathon-week-mile").model_copy(deep=True)
    run = next(s for s in result.sessions if s.kind == "run")
    lift = next(s for s in result.sessions if s.kind == "strength" and s.prescription
                and s.prescription.exercises)  # fmt: skip
    assert run.prescription is not None and lift.prescription is not None
    hostile = ("a\x00b\r\nc\u202edd\ud800 🏃‍♀️ é" + "ü" * 5000, "x" * 300, "\x00\x01", "🏃" * 200)
    steps = [step.model_copy(update={"note": note})
             for step, note in zip(run.prescription.steps * 4, hostile, strict=False)]  # fmt: skip
    run.prescription = run.prescription.model_copy(
        update={"steps": steps, "summary": "s\x00" * 400}
    )
    first = lift.prescription.exercises[0]
    odd = first.model_copy(update={"name": "squat\x00 " + "🏋" * 100})
    lift.prescription = lift.prescription.model_copy(
        update={"exercises": [odd, *lift.prescription.exercises[1:]]}
    )
    files = workouts(result)
    for session in (run, lift):
        fit = read(files[next(f for f in files if _session(result, f) == session)])
        texts = [fit.workout.get("wkt_description", "")]
        texts += [x.get(k, "") for x in fit.steps for k in ("notes", "wkt_step_name")]
        for text in texts:
            assert len(text.encode()) <= NOTE_BYTES
            assert text.isprintable()
        if session is run:
            notes = [x.get("notes", "") for x in fit.steps]
            # NUL, line breaks and the bidi override became single spaces; é and ü are kept
            assert notes[0].startswith("a b c dd 🏃") and notes[0].endswith("ü...")
            assert "🏃 ♀️ éüü" in notes[0]  # the joiner (a format character) became a space
            assert notes[1] == "x" * 251 + "..."
            assert notes[2] == "" or "notes" not in fit.steps[2]
            assert len(notes[3].encode()) <= NOTE_BYTES and notes[3].endswith("🏃...")
        else:
            names = [x.get("wkt_step_name", "") for x in fit.steps]
            odd_name = next(n for n in names if n.startswith("squat"))
            assert len(odd_name.encode()) <= NAME_BYTES and odd_name.endswith("...")
            assert (
                next(x for x in fit.steps if x.get("wkt_step_name") == odd_name)[
                    "exercise_category"
                ]
                == "squat"
            )  # still by its keyword


def test_a_changed_byte_fails_both_crc_checks() -> None:
    """The CRC checks above can fail: one letter changed in a note, the file's layout
    intact, and both decoders refuse it."""
    data = bytearray(next(iter(workouts(plan("marathon-week-mile")).values())))
    at = data.index(b"easy")
    data[at] = ord("E")
    assert not Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    with pytest.raises(fitdecode.FitCRCError):
        by_fitdecode(bytes(data))


def catalogue() -> set[str]:
    """Every exercise name in `prescribe/exercises.py`: its moves, and the names in its
    tables (variants rotated in, easier ones...), whatever tables it has; a plyometric
    move also as prescribed ('box jump (full recovery)')."""
    other = {*get_args(Lift), *get_args(Muscle), *GYM, *BODYWEIGHT}  # not exercises
    names: set[str] = set()

    def walk(x: object) -> None:
        if isinstance(x, Move):
            names.add(x.name)
            if x.role == "plyo":
                names.add(f"{x.name} (full recovery)")
        elif isinstance(x, str):
            if x not in other:
                names.add(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(k)
                walk(v)
        elif isinstance(x, (tuple, list, set, frozenset)):
            for v in x:
                walk(v)

    for attr, value in vars(exercises).items():
        if attr.isupper():
            walk(value)
    return names


def test_every_catalogue_exercise_has_a_fit_category() -> None:
    """Each exercise the planner can prescribe maps to a FIT category (by the table or a
    keyword), not to the final fallback unless that is meant; each table entry is a real
    member of the FIT profile."""
    names = catalogue()
    assert len(names) > 30
    missing = {n for n in names if category(n)[0] == FALLBACK} - INTENDED_UNKNOWN
    assert missing == set()
    for name in sorted(names) + sorted(EXERCISES):
        group, exercise = codes(name)
        assert group != 65534
        key = Profile["types"]["exercise_category"][group]
        if exercise is not None:
            assert isinstance(Profile["types"][f"{key}_exercise_name"][exercise], str)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("box squat", "SQUAT"),
        ("Zercher squat (pause)", "SQUAT"),
        ("overhead walking lunge (each leg)", "LUNGE"),
        ("sumo deadlift", "DEADLIFT"),
        ("farmer's carry", "CARRY"),
        ("T-bar row", "ROW"),
        ("side plank (each side)", "PLANK"),
        ("single-arm dumbbell swing", "HIP_SWING"),
        ("zumba", FALLBACK),
    ],
)
def test_names_outside_the_table_go_by_keyword_then_fallback(name: str, expected: str) -> None:
    assert category(name) == (expected, None)


def test_export_fit_holds_every_session() -> None:
    result = plan("marathon-week-mile")
    archive = io.BytesIO(export(result, "fit"))
    names = zipfile.ZipFile(archive).namelist()
    assert sorted(names) == sorted(workouts(result))
    assert {_session(result, n).kind for n in names} == {"run", "strength", "mobility"}
