"""How a block builds, week by week: the running-minutes target and the long run's length
band of each week, and the race's own session.

Plain arithmetic on the plan's input (phases, race, calendar); the rules run_volume,
long_run_length and long_run_peak price the plan against these figures. The shape follows
the domain brief: running volume grows gradually through base and build (at most ~10% a
week, 003), deload weeks cut it (001, 004), the long run grows to a peak 2-5 weeks before
the race and shrinks in the taper, and race week keeps about half the volume.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hybridplan.models.phases import Phase
from hybridplan.models.session import SessionType

# A typical finish (minutes) when the scenario gives none: a recreational runner.
RACE_MINUTES = {"5k": 30, "10k": 60, "half": 130, "marathon": 270, "ultra": 360}
# The long run before a race: the least a coach accepts at its peak, and the peak aimed
# for where the calendar allows (domain brief, LONG-PEAK).
LONG_RUN_FLOOR = {"5k": 60, "10k": 75, "half": 100, "marathon": 150, "ultra": 150}
LONG_RUN_PEAK = {"5k": 75, "10k": 90, "half": 120, "marathon": 180, "ultra": 210}
# The peak long run falls this many weeks before race week (inside the 2-5 weeks window).
PEAK_WEEKS_BEFORE_RACE = 3
PEAK_WINDOW = (2, 5)  # weeks before race week
# The long run of the week before race week, at most this % of the peak (TAPER-LONG;
# Pfitzinger: the last long run shrinks): 80 for a 5k to a half, 65 for a marathon or ultra.
TAPER_LONG_PERCENT = {"marathon": 65, "ultra": 65}
TAPER_LONG_DEFAULT = 80
# Before a half or longer, the week before race week's running at most this % of the
# highest week before it (TAPER-WEEK: the taper starts before race week).
TAPER_WEEK_PERCENT = 90
TAPER_WEEK_RACES = ("half", "marathon", "ultra")
# The long run at most this % of a loaded week's running (LONG-SHARE), so a block's running
# target makes room for its long run: the target is raised where the race's long run
# floor would not fit (running_base).
LONG_SHARE_PERCENT = 50
# The quality menu (QUALITY-FIT): the quality run types a week of a race block holds, by the
# race's distance and the week's phase (Daniels: I and T pace for 5k-10k, T and HM pace for
# the half, threshold early and marathon pace later for the marathon; 004: hills build the
# base). A beginner (at most one quality run a week) meets hills before tempo, intervals
# only in a 5k/10k's build and peak, and the quality they know in race week. Phases a row
# leaves out (off-season, or a plan without a race) take any type.
QUALITY_MENU: dict[str, dict[str, tuple[str, ...]]] = {
    "short": {  # 5k, 10k
        "base": ("hills", "tempo"), "build": ("hills", "intervals", "tempo"),
        "peak": ("intervals", "tempo"), "taper": ("intervals", "tempo"),
        "deload": ("hills", "tempo"),
    },
    "half": {
        "base": ("hills", "tempo"), "build": ("hills", "intervals", "tempo"),
        "peak": ("intervals", "tempo"), "taper": ("tempo",), "deload": ("hills", "tempo"),
    },
    "long": {  # marathon, ultra
        "base": ("hills", "tempo"), "build": ("hills", "intervals", "tempo"),
        "peak": ("tempo",), "taper": ("tempo",), "deload": ("hills", "tempo"),
    },
    "beginner": {
        "base": ("hills",), "build": ("hills", "tempo"), "peak": ("hills", "tempo"),
        "taper": ("hills",), "deload": ("hills",),
    },
    "beginner-short": {
        "base": ("hills",), "build": ("hills", "intervals"), "peak": ("hills", "intervals"),
        "taper": ("hills",), "deload": ("hills",),
    },
}  # fmt: skip
BEGINNER_QUALITY = 1  # the most quality runs a week a beginner asks for


def quality_menu(distance: str | None, phase: str, beginner: bool) -> tuple[str, ...] | None:
    """The quality types a race block's week may hold (None: any)."""
    if distance is None:
        return None
    short = distance in ("5k", "10k")
    if beginner:
        group = "beginner-short" if short else "beginner"
    else:
        group = "short" if short else "half" if distance == "half" else "long"
    return QUALITY_MENU[group].get(phase)


# Without a race: long runs of a build week, and of easier weeks.
LONG_RUN_BAND = (90, 120)
EASY_LONG_RUN_BAND = (60, 90)
STEP = 15  # the long run's length step (catalogue: 60-210 in 15s)
GROWTH = 0.10  # the most running minutes may grow in a week (003)
DELOAD_SHARE = 0.75  # a deload week's running target, of the week before's
LOADED = ("base", "build", "peak", "offseason")


def race_session(distance: str, minutes: int | None) -> SessionType:
    """The race as a session: hard, run_type race, its minutes the expected finish."""
    return SessionType(
        id=f"race_{distance}",
        kind="run",
        run_type="race",
        minutes=minutes or RACE_MINUTES[distance],
        intensity="hard",
        rpe=9,
        description=f"{distance} race",
    )


def _round(value: float, step: int) -> int:
    return int(step * round(value / step))


def run_minutes_targets(
    base: int | None,
    phases: Sequence[Phase],
    levels: Sequence[int | None],
    race_week: int | None,
    distance: str | None = None,
) -> list[int | None]:
    """Each week's running-minutes target (the race aside), from the scenario's build level
    `base` and each phase's level in percent (`levels`, from the rule set's phase table).

    Loaded weeks (base, build, peak, off-season) ramp linearly through anchors: the first
    loaded week starts 10 points below its phase's level, and the last week of each phase
    reaches that phase's level, so a block builds from about 80% to the peak's 110%. A
    deload week is DELOAD_SHARE of the week before (inside the cuts rule deload asks for:
    20% of the running, 30% of all training, with room for the long run of a late block);
    taper weeks are 75% of the top and
    race week 50% (the domain brief's TAPER: at most 70% of the peak). Before a half or
    longer (`distance`), the week before race week, when it is not a taper or deload week
    already, is at most TAPER_WEEK_PERCENT of the highest week before it (TAPER-WEEK)."""
    weeks = len(phases)
    if base is None:
        return [None] * weeks
    if weeks == 1:
        return [base]
    level = [float(lv) if lv is not None else 100.0 for lv in levels]
    loaded = [w for w in range(weeks) if phases[w] in LOADED]
    pct: list[float] = [0.0] * weeks
    if loaded:
        anchors = [(0, level[loaded[0]] - 10)]
        for i, w in enumerate(loaded):
            last = i + 1 == len(loaded) or phases[loaded[i + 1]] != phases[w]
            if last and (i, level[w]) != anchors[-1]:
                anchors.append((i, level[w]))
        for i, w in enumerate(loaded):
            (i0, p0), (i1, p1) = next(
                ((a, b) for a, b in itertools.pairwise(anchors) if a[0] <= i <= b[0]),
                (anchors[-1], anchors[-1]),
            )
            pct[w] = p0 if i1 == i0 else p0 + (p1 - p0) * (i - i0) / (i1 - i0)
    top = max((pct[w] for w in loaded), default=100.0)
    for w in range(weeks):
        if phases[w] == "deload":  # a quarter less: room inside rule deload's cuts
            pct[w] = DELOAD_SHARE * pct[w - 1] if w else level[w]
        elif phases[w] == "taper":
            if race_week is None:
                pct[w] = level[w]
            else:
                pct[w] = (0.5 if w + 1 == race_week else 0.75) * top
    minutes: list[int] = [_round(base * p / 100, 5) for p in pct]
    # never more than GROWTH above the week it grows from (run_progression's +10%, 003):
    # the week before, or after a deload the last week before it
    for w in range(1, weeks):
        if phases[w] == "deload":
            continue
        ref = w - 1
        while ref > 0 and phases[ref] == "deload":
            ref -= 1
        if phases[ref] != "deload":
            minutes[w] = min(minutes[w], int(minutes[ref] * (1 + GROWTH) // 5 * 5))
    before_race = race_week - 2 if race_week is not None else -1  # its index, from 0
    if distance in TAPER_WEEK_RACES and before_race >= 1 and phases[before_race] in LOADED:
        cap = max(minutes[:before_race]) * TAPER_WEEK_PERCENT // 100 // 5 * 5
        minutes[before_race] = min(minutes[before_race], cap)
    out: list[int | None] = list(minutes)
    return out


def running_base(
    base: int | None,
    phases: Sequence[Phase],
    levels: Sequence[int | None],
    race_week: int | None,
    distance: str | None,
) -> int | None:
    """The build level of a block's running (targets.run_minutes), raised where the weeks
    2-5 before the race would not reach twice the distance's long-run floor (LONG-PEAK and
    LONG-SHARE together: a 150-minute marathon long run wants 300 running minutes that
    week, a half's 105-minute one 210). A coach adds easy running rather than send a
    marathoner out on a long run that is two thirds of their week; explain and the docs
    say where this happens."""
    if base is None or distance is None or race_week is None or len(phases) == 1:
        return base
    lo, hi = PEAK_WINDOW
    window = [w for w in range(race_week - hi, race_week - lo + 1) if w >= 1]
    # the floor as a long run can be: lengths come in STEP minutes (a half's 100 is 105),
    # and the band rounds half the week's running down to a STEP, so 200 would give 90
    floor = -(-LONG_RUN_FLOOR[distance] // STEP) * STEP
    need = floor * 100 // LONG_SHARE_PERCENT
    if not window or not base:
        return base
    raised = base
    for _ in range(8):  # rounding to 5 and the +10% cap: a few steps at most
        targets = run_minutes_targets(raised, phases, levels, race_week)
        top = max((t or 0) for w, t in enumerate(targets, 1) if w in window)
        if top >= need or not top:
            break
        raised = -(-raised * need // top) + 5
    return raised


def long_run_bands(
    phases: Sequence[Phase],
    distance: str | None,
    race_week: int | None,
    longest_slot: Sequence[int],
    fixed: tuple[int, int] | None,
    run_targets: Sequence[int | None] | None = None,
) -> list[tuple[int, int] | None]:
    """Each week's long-run band [lo, hi] in minutes (None: no long run wanted, as in race
    week). `longest_slot` is each week's longest free slot: a band never asks more than the
    calendar holds. `fixed` (the scenario's targets.long_run_minutes) replaces the curve.

    In a block the long run ramps over the loaded weeks from its start to its peak: before
    a race from 60% of the distance's peak to the peak, reached PEAK_WEEKS_BEFORE_RACE
    weeks before race week; without a race from 90 to 120 min at the last loaded week. It
    holds the peak up to the taper, is 30 min shorter in a deload week than the week
    before, and left out in race week. In a loaded week it is at most LONG_SHARE_PERCENT
    of the week's running target (`run_targets`; at least 60 min): LONG-SHARE. Taper weeks
    hold 65% of the longest long run before them, and the week before race week at most
    TAPER_LONG_PERCENT of it (both rounded down to 15 min): TAPER-LONG. A single week gets a
    band by its phase (LONG_RUN_BAND, or EASY_LONG_RUN_BAND in easier weeks)."""
    weeks = len(phases)
    if fixed is not None:
        return [None if w == race_week else fixed for w in range(1, weeks + 1)]
    if weeks == 1:
        if race_week == 1:
            return [None]
        easy = phases[0] not in ("base", "build", "peak")
        lo, hi = EASY_LONG_RUN_BAND if easy else LONG_RUN_BAND
        cap = longest_slot[0] // STEP * STEP
        if cap and cap < hi:  # the calendar or the catalogue holds no longer long run
            lo, hi = min(lo, cap), cap
        return [(lo, hi)]
    loaded = [w for w in range(1, weeks + 1) if phases[w - 1] in LOADED]
    if distance is not None and race_week is not None:
        peak = LONG_RUN_PEAK[distance]
        start = max(60, _round(0.6 * peak, STEP))
        peak_week = max(1, race_week - PEAK_WEEKS_BEFORE_RACE)
    else:
        start, peak = LONG_RUN_BAND
        peak_week = loaded[-1] if loaded else weeks
    rising = [w for w in loaded if w <= peak_week]
    values: list[int | None] = []
    before = start
    for w in range(1, weeks + 1):
        phase = phases[w - 1]
        if w == race_week:
            values.append(None)
            continue
        if w in rising:
            i = rising.index(w)
            share = i / (len(rising) - 1) if len(rising) > 1 else 1.0
            value = _round(start + (peak - start) * share, STEP)
        elif phase == "deload":
            value = max(60, before - 30)
        elif phase in LOADED:  # after the peak week, before the taper: hold the peak
            value = peak
        else:  # taper: shortened below, from the peak the weeks before really reach
            value = peak
        target = run_targets[w - 1] if run_targets else None
        if phase in LOADED and target:  # LONG-SHARE: at most half of the week's running
            value = min(value, max(60, target * LONG_SHARE_PERCENT // 100 // STEP * STEP))
        cap = longest_slot[w - 1] // STEP * STEP
        if cap >= 60:
            value = min(value, cap)
        before = value if phase != "deload" else before
        values.append(value)
    # The taper from the peak the weeks before it reach: 65% of it in taper weeks and, the
    # week before race week, at most TAPER_LONG_PERCENT of it (both rounded down).
    for w in range(1, weeks + 1):
        held = values[w - 1]
        if held is None or distance is None or race_week is None or w >= race_week:
            continue
        value = held
        reached = max((v for v in values[: w - 1] if v), default=value)
        if phases[w - 1] == "taper":
            value = min(value, max(STEP, 65 * reached // 100 // STEP * STEP))
        if w + 1 == race_week:  # the last long run shrinks
            percent = TAPER_LONG_PERCENT.get(distance, TAPER_LONG_DEFAULT)
            value = min(value, max(STEP, percent * reached // 100 // STEP * STEP))
        values[w - 1] = value
    out: list[tuple[int, int] | None] = [None if v is None else (v, v) for v in values]
    return out
