"""The largest input hybridplan accepts, in one place.

Every number a scenario, rule set or variants file controls has a maximum, so that nothing a
file says can overflow CP-SAT's 64-bit arithmetic, exhaust memory, or make building the
model take longer than a solve. The field bounds in the models (`scenario.py`, `ranges.py`,
`session.py`, `rules.py`) use these constants, `reading.py` applies the file limits, and
`plan_problems` refuses problems too big to build before anything is built. The docs'
"Limits" table lists the same figures (a test keeps them in step).
"""

from __future__ import annotations

import datetime as dt
import os

from hybridplan.models.errors import Problem

# -- files ---------------------------------------------------------------------------------
MAX_FILE_BYTES = 1 << 20
"""A scenario, rule set, variants or result file: at most 1 MiB (a year of weeks is < 50 kB)."""
MAX_DEPTH = 32
"""Mappings and lists nested at most this deep (a scenario needs 6)."""
MAX_VALUES = 100_000
"""Values in one document, counting every use of a YAML alias (no 'billion laughs')."""
MAX_INT = 2**63 - 1
"""Any integer in a file, before the field's own bound (beyond it: 'too large')."""
MAX_PROBLEMS = 50
"""Problems listed for one file; the rest are counted in one more line."""
MAX_ACTIVITY_FILE_BYTES = 16 << 20
"""An activity file (FIT, GPX, TCX, CSV): at most 16 MiB (a 24-hour FIT recording at one
record a second is about 3 MiB, its GPX about 10 MiB)."""
MAX_ACTIVITY_FILES = 5_000
"""Files in one import, directories' files counted (one per activity of the largest import,
`activity.MAX_ACTIVITIES`)."""
MAX_UPLOAD_FILES = 100
"""Activity files in one upload to the service (`POST /v1/plans/{id}/activities`, the
page's form): a month at three a day; more go in more uploads (an activity the log holds
counts once)."""
MAX_UPLOAD_BYTES = 32 << 20
"""An upload of activity files to the service, the whole request: 32 MiB by default
(`hybridplan serve --max-upload`; two files at `MAX_ACTIVITY_FILE_BYTES`, or a month of FIT
files); every other request keeps `--max-body`."""
MAX_WORKOUT_REPEAT = 99
"""Times a FIT workout's repeat step repeats its group (a watch shows two digits)."""

# -- text ----------------------------------------------------------------------------------
MAX_NAME = 200
"""Scenario and rule set names."""
MAX_ID = 64
"""Session ids and slot names."""
MAX_TEXT = 10_000
"""Descriptions."""
MAX_PATH = 4096
"""A path: a rule set named by path (`rules:`), a file given to the API (PATH_MAX)."""
MAX_TIMEZONE = 64
"""An IANA time zone name."""

# -- dates ---------------------------------------------------------------------------------
FIRST_DATE = dt.date(1990, 1, 1)
"""The earliest day a plan may touch (`start`, the race's `date`): after the FIT epoch
(1989-12-31), so every planned day has a FIT timestamp."""
LAST_DATE = dt.date(2099, 12, 31)
"""The last day a plan may touch: `start` plus its weeks, and the race's `date` (far from
the calendar's end in year 9999, which adding a plan's days used to overflow)."""

# -- the problem's size --------------------------------------------------------------------
MAX_WEEKS = 26
"""Weeks planned at once."""
MAX_SLOTS_PER_DAY = 6
"""Slots in a day (`slots`): pair rules grow with the square of the slots in a day."""
MAX_CUSTOM_SESSIONS = 150
"""Entries under `sessions:` (additions and overrides of the catalogue)."""
MAX_LIST = 1_000
"""Items in `fixed`, `forbid`, `blocked`, `previous`, `include`, `exclude`, `history`,
`phases`."""
MAX_VARIANTS = 1_000
"""Configurations a variants file may expand to (the product of its sweeps)."""
MAX_CANDIDATES = 12_000
"""Session types x the free slots they fit, over all weeks (the model's live boolean
variables); about 6 s to build at the cap on a 2-core machine."""

# -- numbers -------------------------------------------------------------------------------
MAX_COUNT = 1_000
"""Any count range (`targets.runs`, `.strength`, `.quality_runs`, `.mobility`, set targets,
phase rows)."""
MAX_SETS = 100
"""Working sets of one muscle group in one session."""
MAX_HISTORY_LOAD = 200_000
"""A past week's session-RPE load (7 days x 1440 min x RPE 10 is 100,800)."""
MAX_SESSION_MINUTES = 600
"""One session's minutes (already the catalogue's bound)."""
MAX_RPE = 10
"""Session RPE (Foster's scale)."""
MAX_WEIGHT = 10_000
"""A soft rule's weight."""
MAX_HOURS = 168.0
"""Hours in a spacing rule."""
MAX_MONOTONY_LIMIT = 5.0
"""The monotony limit: with its exact rational test (denominators up to 1000) and the
largest day load these limits allow, every product stays inside 64 bits."""
MAX_LIFT_KG = 500.0
"""A one-repetition maximum in `athlete.lifts` (kg; the world records are below it)."""
MIN_MAX_HR = 100
"""`athlete.max_hr`: the lowest maximum heart rate accepted (beats per minute)."""
MAX_MAX_HR = 230
"""`athlete.max_hr`: the highest maximum heart rate accepted (beats per minute)."""
MIN_THRESHOLD_HR = 90
"""`athlete.threshold_hr`: the lowest lactate-threshold heart rate accepted (bpm)."""
MAX_THRESHOLD_HR = 207
"""`athlete.threshold_hr`: the highest lactate-threshold heart rate accepted (bpm): 90% of
the highest `max_hr`, so that the maximum it gives (threshold / 0.90) is one accepted."""
MIN_REST_HR = 25
"""`athlete.rest_hr`: the lowest resting heart rate accepted (bpm; the lowest recorded in
endurance athletes are near 30)."""
MAX_REST_HR = 99
"""`athlete.rest_hr`: the highest resting heart rate accepted (bpm; 100 and above is
tachycardia, and it must stay below every accepted `max_hr`)."""
MIN_PACE_SECONDS = 140
"""The fastest pace a race time or threshold pace may give, in seconds per km (2:20/km,
faster than any world record from 5k up)."""
MAX_PACE_SECONDS = 900
"""The slowest such pace, in seconds per km (15:00/km, a brisk walk)."""
MAX_TIME_LIMIT = 3600.0
"""Seconds per solve (`--time-limit`, `time_limit=`, `--work-limit`, `work_limit=`)."""
DEFAULT_WORK_LIMIT = 30.0
"""The work a solve gets unless told otherwise, from every front door (CLI, API, batch, bench,
service and page): CP-SAT deterministic seconds, the same on any machine load, so the same
input gives the same plan everywhere. Sized so that every shipped block is proven optimal
under each shipped rule set on the 2-core reference machine (docs, reference "Limits")."""
SAFETY_FACTOR = 10.0
"""The wall clock is only a safety net: `SAFETY_FACTOR` times the work limit, at least
`MIN_SAFETY_NET` seconds, unless a time limit is given. It stops a solve that a machine far
busier than the reference one would keep for minutes; when it does, the result says so."""
MIN_SAFETY_NET = 120.0
"""The shortest wall-clock safety net (seconds) when no time limit is given."""


def solve_limits(time_limit: float | None, work_limit: float | None) -> tuple[float, float]:
    """(wall seconds, deterministic seconds) of a solve from what the caller gave: the work
    limit by default, the wall clock a generous net behind it."""
    work = DEFAULT_WORK_LIMIT if work_limit is None else work_limit
    wall = max(MIN_SAFETY_NET, SAFETY_FACTOR * work) if time_limit is None else time_limit
    return min(wall, MAX_TIME_LIMIT), work


MAX_WORKERS = 64
"""CP-SAT workers per solve (`--workers`, `workers=`)."""
MAX_SEED = 2**31 - 1
"""CP-SAT random seed (`--seed`, `seed=`)."""
MAX_VERSION = 2**31 - 1
"""A plan's version asked of the service (`?version=`, a replan's `version`): larger ones
overflowed the database's integers into a 500."""
JOBS_PER_CORE = 4
"""`--jobs` is at most this many times the machine's cores."""


def plan_problems(candidates: int, sessions: int, weeks: int, slots_per_day: int) -> list[Problem]:
    """Problems too big to build: refused before a single variable exists, so that building
    the model never takes longer than the solve it prepares. `candidates` counts each
    session type in each free slot it fits."""
    problems = []
    if slots_per_day > MAX_SLOTS_PER_DAY:
        problems.append(
            Problem("slots", f"{slots_per_day} slots a day; at most {MAX_SLOTS_PER_DAY}")
        )
    if candidates > MAX_CANDIDATES:
        problems.append(
            Problem(
                "",
                f"too big to plan: {weeks} week(s) of free slots x {sessions} session types = "
                f"{candidates:,} candidates; at most {MAX_CANDIDATES:,} (use fewer weeks, "
                "slots or session types: `include`, `exclude`)",
            )
        )
    return problems


def max_jobs() -> int:
    """Worker processes at most (`--jobs`): JOBS_PER_CORE x the cores this process may use."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return JOBS_PER_CORE * max(1, cores)


# What an activity file may say (models/activity.py), and a plan's log.
MAX_ACTIVITY_MINUTES = 1440
"""An activity lasts at most a day."""
MAX_DISTANCE_KM = 1000.0
"""An activity's distance, km."""
MAX_ACTIVITIES = 5_000
"""Activities in one import, and in one plan's log (a 26-week block at several a day)."""
MAX_LIFTS_PER_ACTIVITY = 100
"""Exercises of one strength activity."""
MAX_REPS = 100
"""Reps of a logged set."""
MAX_RIR = 10
"""Reps in reserve of a logged set."""
MIN_HR = 30
"""The lowest average heart rate an activity may give, bpm (the highest: MAX_MAX_HR)."""
