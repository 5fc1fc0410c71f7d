"""Shared helpers for the solver tests: tiny scenarios, hand-built rule sets and plans, the
agreement check between a solver result and the rules' pure-Python checks, the same check
against the reference checker (tests/reference/rules.py, which shares no code with
hybridplan), a brute-force optimum by both, and the hypothesis strategies the property
tests share.

Test modules import these with `from helpers import ...` (pytest's `pythonpath` setting
puts tests/ on sys.path).
"""

from __future__ import annotations

import fcntl
import hashlib
import itertools
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st
from reference import rules as reference

from hybridplan import models
from hybridplan.batch.generate import generate
from hybridplan.core import preference
from hybridplan.core.checking import CheckReport, check_plan
from hybridplan.core.solving import session_out, solve
from hybridplan.models import Placed, Plan, PlanInput, Result, RuleSet, SessionOut
from hybridplan.models.week import DAYS, MINUTES_PER_DAY, format_clock

ROOT = Path(__file__).resolve().parent.parent
# Every file shipped in scenarios/ is a scenario, except the JSON Schema beside them: a
# shipped file that does not load is a failure, never a skip.
SCHEMA_FILE = "scenario.schema.json"
SHIPPED_SCENARIOS = sorted(
    p
    for p in (ROOT / "scenarios").iterdir()
    if p.suffix in (".yaml", ".yml", ".toml", ".json") and p.name != SCHEMA_FILE
)
BUILTIN_RULE_SETS = ("balanced", "stacked", "strict", "minimal")
HARD_RULES = tuple(rid for rid, cls in models.RULE_CONFIGS.items() if cls.LEVEL == "hard")
SOFT_RULES = tuple(rid for rid, cls in models.RULE_CONFIGS.items() if cls.LEVEL == "soft")
CATALOGUE = models.default_catalogue()

# Targets that the count rules can always meet (a tiny scenario sets what it needs).
LOOSE_TARGETS: dict[str, Any] = {
    "runs": [0, 14],
    "strength": [0, 14],
    "long_run": 0,
    "quality_runs": [0, 14],
}
DEFAULT_SLOTS = {"am": "06:00", "pm": "18:00"}


# ------------------------------------------------------------------------------ building
def scenario(
    availability: dict[str, dict[str, int]],
    include: Iterable[str] | None = None,
    *,
    targets: dict[str, Any] | None = None,
    slots: dict[str, str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A tiny scenario dict: the given availability and sessions, loose count targets."""
    data: dict[str, Any] = {
        "name": "tiny",
        "slots": dict(slots or DEFAULT_SLOTS),
        "availability": availability,
        "targets": {**LOOSE_TARGETS, **(targets or {})},
    }
    if include is not None:
        data["include"] = list(include)
    data.update(extra)
    return data


def rule_set(*items: str | tuple[str, dict[str, Any]], name: str = "test") -> RuleSet:
    """A rule set of exactly these rules: rule_set("availability", ("hard_separation",
    {"hours": 12})). Rules are put in catalogue order, as a rule set file would be."""
    given: dict[str, models.RuleConfig] = {}
    for item in items:
        rid, params = (item, {}) if isinstance(item, str) else item
        given[rid] = models.RULE_CONFIGS[rid](**params)
    ordered = {rid: given[rid] for rid in models.RULE_CONFIGS if rid in given}
    return RuleSet(name=name, rules=ordered)


def week(data: dict[str, Any], rules: RuleSet | str) -> PlanInput:
    """Validate a scenario dict and resolve it with this rule set (plus its overrides)."""
    return models.input_from_scenario(models.Scenario.model_validate(data), rules)


def place(wk: PlanInput, *items: tuple[str, str, str]) -> Plan:
    """A hand-built plan: (day, slot name, session id) triples."""
    placed = []
    for day, slot, sid in items:
        session = wk.sessions.get(sid) or CATALOGUE[sid]
        placed.append(Placed(wk.slot_index[(day, slot)], session))
    return Plan.of(wk, placed)


# A block (several weeks) gets at most this many deterministic seconds in the tests that
# solve every shipped scenario: the shipped blocks are proven within it, and a test of
# agreement or of hard rules holds for any plan returned (the suite's time: six blocks
# solved under four rule sets by several modules).
BLOCK_WORK = 10.0


def work(wk: PlanInput, time_limit: float) -> float:
    return min(time_limit, BLOCK_WORK) if wk.weeks > 1 else time_limit


def run(wk: PlanInput, *, time_limit: float = 20.0, seed: int = 0) -> Result:
    """Solve with `time_limit` CP-SAT deterministic seconds (BLOCK_WORK at most for a
    block; the wall clock, ten times longer, is only a safety net): a test's outcome is the
    same on a loaded machine."""
    limit = work(wk, time_limit)
    return solve(wk, time_limit=limit * 10, seed=seed, workers=1, deterministic_time=limit)


def triples(result: Result) -> list[tuple[str, str, str]]:
    return [(s.day, s.slot, s.session) for s in result.sessions]


def session_at(t: models.SessionType, week: int, day: str = "tue") -> SessionOut:
    """A session type as a result would show it placed in `week` (the prescription tests
    put every session of a catalogue in every week, without solving)."""
    return SessionOut(
        week=week, day=day, slot="pm", start="18:00", minutes=t.minutes, session=t.id,
        kind=t.kind, intensity=t.intensity, run_type=t.run_type, legs=t.legs,
        sets=dict(t.sets), load=t.load,
    )  # fmt: skip


def plan_of(wk: PlanInput, result: Result) -> Plan:
    """Rebuild a plan from the result's public JSON sessions (not from solver internals)."""
    return Plan.from_placements(wk, [(s.day, s.slot, s.session, s.week) for s in result.sessions])


def nonzero(totals: dict[str, int]) -> dict[str, int]:
    return {rule: amount for rule, amount in totals.items() if amount}


def assert_agrees(wk: PlanInput, result: Result) -> CheckReport:
    """The contract of a returned schedule: no hard rule broken (by an independent
    re-check of the JSON sessions), and the solver's objective, in total and per rule,
    equal to the penalties the checks recompute."""
    assert result.status in ("optimal", "feasible"), result.status
    report = check_plan(plan_of(wk, result))
    assert report.violations == [], report.violations
    assert result.violations == []
    assert result.objective is not None
    assert result.objective == sum(p.amount for p in result.penalties)
    assert result.objective == report.total
    assert nonzero(result.objective_by_rule) == report.by_rule() == result.penalty_by_rule()
    assert sorted(p.model_dump_json() for p in result.penalties) == sorted(
        p.model_dump_json() for p in report.penalties
    )
    assert all(p.amount > 0 for p in result.penalties)
    assert "disagreement" not in result.message
    # a plan cut short says which limit cut it (and what to pass for more); a proof says nothing
    assert (result.stopped_by is None) == (result.status == "optimal")
    assert bool(result.message) == (result.status != "optimal")
    assert result.bound is not None and result.bound <= result.objective
    if result.status == "optimal":
        assert result.bound == result.objective
    # the summary is the plan's own arithmetic
    sessions = [wk.sessions[s.session] for s in result.sessions]
    assert result.summary.minutes == sum(s.minutes for s in sessions)
    assert result.summary.runs == sum(1 for s in sessions if s.is_run)
    assert result.summary.strength == sum(1 for s in sessions if s.is_strength)
    return report


# ------------------------------------------------------------------------------ reference
def input_data(wk: PlanInput) -> dict[str, Any]:
    """A plan's input as a result carries it (`Result.input`)."""
    return {
        "scenario": wk.scenario.model_dump(mode="json", exclude_unset=True),
        "rules": wk.rules.to_data(),
    }


def result_data(wk: PlanInput, plan: Plan) -> dict[str, Any]:
    """Any plan in the form of a result's JSON contract (its input, phases and sessions),
    for the reference checker."""
    return {
        "input": input_data(wk),
        "phases": list(wk.phases) if wk.weeks > 1 else [],
        "sessions": [session_out(p).model_dump(mode="json") for p in plan.placed],
    }


def assert_reference_agrees(result: Result) -> reference.Report:
    """The reference checker, from the result's JSON alone: no hard rule broken, nothing
    in the JSON at odds with the catalogue or the scenario, and the same penalty per rule
    and in total."""
    report = reference.check(result.to_dict())
    assert report.problems == [], report.problems
    assert report.violations == {}, report.violations
    assert report.penalties == result.penalty_by_rule(), (report.details, result.penalties)
    assert report.total == result.objective
    return report


_SOLVED: dict[str, tuple[PlanInput, Result]] = {}


def generated_sample() -> list[dict[str, Any]]:
    """The feasible part of a sample of generated scenarios: 30 weeks and 3 race blocks
    (`hybridplan generate --count 30 --blocks 3 --seed 11`)."""
    return [d for d in generate(30, seed=11, blocks=3) if "infeasible" not in d["name"]]


SLOW_BLOCK_SETS = ("strict", "stacked")
"""Rule sets under which a block of `SLOW_BLOCK_WEEKS` or more is solved in the opt-in
slow run only (make test-slow): 10-20 s of CPU each, 8 of them, and the default suite
keeps every block under `balanced`, `minimal` and its own rules, and every week under all."""
SLOW_BLOCK_WEEKS = 7


def shipped_params(paths: Iterable[Path], rule_sets: Iterable[str | None]) -> list[Any]:
    """(path, rule set) cases of shipped scenarios for tests that solve each under several
    rule sets, blocks under SLOW_BLOCK_SETS marked slow."""
    import pytest

    cases = []
    for path in paths:
        try:
            weeks = models.load_plan_input(path, None).weeks
        except models.InputError:
            weeks = 1
        for rules in rule_sets:
            slow = rules in SLOW_BLOCK_SETS and weeks >= SLOW_BLOCK_WEEKS
            marks = [pytest.mark.slow] if slow else []
            cases.append(pytest.param(path, rules, marks=marks, id=f"{path.name}-{rules or 'own'}"))
    return cases


def generated_sample_params(rule_sets: tuple[str, ...]) -> list[Any]:
    """(scenario, rule set) cases of the generated sample, for tests that solve each under
    several rule sets. Its race blocks under SLOW_BLOCK_SETS (the 16-week one under
    `strict` about 35 s of CPU) are in the opt-in slow run, as the shipped blocks' are."""
    import pytest

    cases = []
    for data in generated_sample():
        for rules in rule_sets:
            slow = rules in SLOW_BLOCK_SETS and data.get("weeks", 1) >= SLOW_BLOCK_WEEKS
            marks = [pytest.mark.slow] if slow else []
            cases.append(pytest.param(data, rules, marks=marks, id=f"{data['name']}-{rules}"))
    return cases


SOLVE_ONCE_WORK = 30.0  # solve_once's default: weeks get it all, blocks BLOCK_WORK


def solve_once(
    source: Path | dict[str, Any], rules: str | None = None, time_limit: float = SOLVE_ONCE_WORK
) -> tuple[PlanInput, Result]:
    """A scenario file or dict solved under a rule set, once per test session: the shipped
    scenarios and the generated sample are solved for several test modules (the coach's
    objections, the reference checker), which each read the same results."""
    wk = (
        models.load_plan_input(source, rules)
        if isinstance(source, Path)
        else models.input_from_dict(source, rules)
    )
    # by the rule set resolved (a file's own `balanced` and `--rules balanced` are one solve)
    key = json.dumps([str(source), wk.rules.to_data(), time_limit], sort_keys=True, default=str)
    if key not in _SOLVED:
        # a work limit (the wall clock ten times over as a safety net): the same plan on a
        # loaded CI machine as alone
        limit = work(wk, time_limit)
        _SOLVED[key] = (
            wk,
            _across_workers(
                key, lambda: solve(wk, time_limit=limit * 10, deterministic_time=limit)
            ),
        )
    return _SOLVED[key]


def _across_workers(key: str, compute: Callable[[], Result]) -> Result:
    """Under pytest-xdist, one solve per test run for both workers: the first to ask solves
    (holding a lock on the key) and writes the result's JSON; the other reads it. Same input
    and work limit, same plan, so which worker solved does not matter."""
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if run_id is None:
        return compute()
    folder = Path(tempfile.gettempdir()) / f"hybridplan-tests-{run_id}"
    folder.mkdir(exist_ok=True)
    name = hashlib.sha256(key.encode()).hexdigest()[:32]
    with (folder / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / f"{name}.json"
        if done.exists():
            return Result.model_validate_json(done.read_text())
        result = compute()
        partial = folder / f"{name}.partial"
        partial.write_text(result.to_json())
        partial.replace(done)
        return result


def assert_nothing_returned(result: Result) -> None:
    assert result.sessions == []
    assert result.penalties == []
    assert result.objective is None
    assert result.message


# ------------------------------------------------------------------------------ gaps
def clock_after(first_clock: str, minutes: int, hours: float) -> tuple[str, str]:
    """(day, clock) of the moment `hours` after a session of `minutes` that starts on
    Monday at `first_clock` ends."""
    h, m = (int(v) for v in first_clock.split(":"))
    moment = h * 60 + m + minutes + round(hours * 60)
    return DAYS[moment // MINUTES_PER_DAY], format_clock(moment % MINUTES_PER_DAY)


def gap_scenario(
    first: str, second: str, hours: float, *, targets: dict[str, Any] | None = None
) -> tuple[dict[str, Any], tuple[str, str, str], tuple[str, str, str]]:
    """A scenario where session `first` can only go on Monday morning (slot "first", whose
    free minutes fit nothing longer) and the only other available slot ("second") starts
    exactly `hours` after `first` ends. Returns the scenario and the two placements."""
    minutes = CATALOGUE[first].minutes
    start = "06:00"
    day, clock = clock_after(start, minutes, hours)
    if clock == start:
        raise ValueError("two slots may not share a clock time: choose another gap")
    availability: dict[str, dict[str, int]] = {"mon": {"first": minutes}}
    availability.setdefault(day, {})["second"] = 600
    data = scenario(
        availability,
        sorted({first, second}),
        slots={"first": start, "second": clock},
        targets=targets,
    )
    return data, ("mon", "first", first), (day, "second", second)


def hours_between(wk: PlanInput, result: Result, a: str, b: str) -> float:
    """Hours from the end of the first session of id a/b to the start of the other
    (computed here from slot clocks, independently of hybridplan.models.gap_hours)."""
    starts = {}
    for s in result.sessions:
        h, m = (int(v) for v in s.start.split(":"))
        starts[s.session] = (DAYS.index(s.day) * MINUTES_PER_DAY + h * 60 + m, s.minutes)
    (sa, ma), (sb, mb) = starts[a], starts[b]
    return (sb - sa - ma) / 60 if sa <= sb else (sa - sb - mb) / 60


# ------------------------------------------------------------------------------ brute force
def enumerable_slots(wk: PlanInput) -> list[models.Slot]:
    if "availability" in wk.rules.rules:
        return [s for s in wk.slots if s.capacity > 0]
    return list(wk.slots)


def _options(wk: PlanInput, slot: models.Slot) -> list[models.SessionType | None]:
    """What may go in a slot: nothing, or a session the plan's input offers there (the
    input's own filters, such as the race's slot or volume days only for strength goals;
    not rules)."""
    return [None, *(s for s in wk.sessions.values() if wk.offers(slot, s))]


def every_plan(wk: PlanInput) -> Iterable[Plan]:
    slots = enumerable_slots(wk)
    for combo in itertools.product(*(_options(wk, s) for s in slots)):
        yield Plan.of(wk, [Placed(s, t) for s, t in zip(slots, combo, strict=True) if t])


def brute_force(wk: PlanInput) -> tuple[int | None, int]:
    """The least recomputed penalty over every plan with nothing or one session type per
    slot that breaks no hard rule (None if there is none), and the number of such plans."""
    best, feasible = brute_force_lexicographic(wk)
    return (None if best is None else best[1]), feasible


def brute_force_lexicographic(wk: PlanInput) -> tuple[tuple[int, int, int] | None, int]:
    """The solver's order over every plan that breaks no hard rule: the fewest coach
    objections (penalties of priority rules), then the least penalty, then the least coach
    preference; the best (breaks, penalty, preference), and the number of such plans."""
    priority = {rid for rid, cfg in wk.rule_items() if cfg.priority}
    best: tuple[int, int, int] | None = None
    feasible = 0
    for plan in every_plan(wk):
        report = check_plan(plan)
        if report.violations:
            continue
        feasible += 1
        breaks = sum(1 for p in report.penalties if p.rule in priority)
        key = (breaks, report.total, preference.total(plan))
        best = key if best is None else min(best, key)
    return best, feasible


def reference_brute_force(
    wk: PlanInput,
) -> tuple[tuple[int, int] | None, int, dict[frozenset[tuple[int, str]], int]]:
    """The same enumeration judged by the reference checker alone: the best (priority
    breaks, penalty), the number of plans it finds feasible, and the penalty of each
    (plan's placements -> penalty), from result-like dicts of every plan."""
    best: tuple[int, int] | None = None
    plans: dict[frozenset[tuple[int, str]], int] = {}
    setting = reference.Setting(input_data(wk))
    for plan in every_plan(wk):
        sessions = [session_out(p).model_dump(mode="json") for p in plan.placed]
        report = reference.judge(setting, sessions)
        assert report.problems == [], report.problems
        if report.violations:
            continue
        plans[frozenset((p.slot.start, p.session.id) for p in plan.placed)] = report.total
        key = (report.breaks, report.total)
        best = key if best is None else min(best, key)
    return best, len(plans), plans


# ------------------------------------------------------------------------------ strategies
MUSCLE_NAMES = list(models.MUSCLES)
SESSION_IDS = list(CATALOGUE)


@st.composite
def count_range(draw: st.DrawFn, low: int, high: int, top_min: int | None = None) -> list[int]:
    """[a, b] with low <= a <= b <= high and a <= top_min."""
    a = draw(st.integers(low, high if top_min is None else top_min))
    b = draw(st.integers(a, high))
    return [a, b]


@st.composite
def rule_overrides(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """Random parameter overrides for a scenario's `rules.override` (never switches off
    availability, so tiny scenarios stay enumerable)."""
    choices: dict[str, st.SearchStrategy[dict[str, Any]]] = {
        "daily_sessions": st.fixed_dictionaries({"max_per_day": st.integers(1, 2)}),
        "rest_days": st.fixed_dictionaries(
            {
                "min_days": st.integers(0, 3),
                "keep_named": st.booleans(),
                "mobility_ok": st.booleans(),
            }
        ),
        "hard_separation": st.fixed_dictionaries(
            {"hours": st.sampled_from([0, 6, 11.5, 12, 23.5, 24, 36, 48])}
        ),
        "no_consecutive_hard_days": st.fixed_dictionaries(
            {"include_long_run": st.booleans(), "enabled": st.booleans()}
        ),
        "legs_before_long_run": st.fixed_dictionaries(
            {
                "hours": st.sampled_from([0, 12, 24, 36, 48]),
                "legs": st.sampled_from(["heavy", "any"]),
            }
        ),
        "muscle_recovery": st.fixed_dictionaries(
            {
                "hours": st.sampled_from([0, 24, 36, 47.5, 48, 72]),
                "min_sets": st.integers(1, 5),
                "hard": st.booleans(),
                "weight": st.sampled_from([0, 7, 100]),
            }
        ),
        **{
            rid: st.fixed_dictionaries(
                {"hard": st.booleans(), "weight": st.sampled_from([0, 7, 100])}
            )
            for rid in (
                "quality_spacing",
                "quality_before_long",
                "lift_after_hard_run",
                "lift_before_long_run",
            )
        },
        "legs_before_key_run": st.fixed_dictionaries(
            {"hard": st.booleans(), "legs": st.sampled_from(["heavy", "any"])}
        ),
        "mobility": st.fixed_dictionaries(
            {"weight": st.integers(0, 12), "min_sets": st.just(0)}
        ).map(lambda d: {"weight": d["weight"]}),
        "long_run_length": st.fixed_dictionaries({"weight": st.integers(0, 3)}),
        "same_day_order": st.fixed_dictionaries(
            {
                "order": st.sampled_from(["run_first", "lift_first", "any"]),
                "min_gap_hours": st.sampled_from([0, 3, 6, 11.5, 12]),
            }
        ),
        "plyo_not_heavy": st.fixed_dictionaries({"enabled": st.booleans()}),
        "set_volume": st.fixed_dictionaries({"weight": st.integers(0, 12)}),
        "run_quality": st.fixed_dictionaries(
            {
                "weight": st.integers(0, 30),
                "hours": st.sampled_from([0, 12, 24, 36]),
                "legs": st.sampled_from(["heavy", "any"]),
            }
        ),
        "run_volume": st.fixed_dictionaries({"weight": st.integers(0, 3)}),
        "preferences": st.fixed_dictionaries(
            {
                "weight": st.integers(0, 20),
                "order": st.sampled_from(["run_first", "lift_first", "none"]),
            }
        ),
        "spread": st.fixed_dictionaries(
            {
                "weight": st.integers(0, 7),
                "consecutive": st.booleans(),
                "hard_run_days": st.booleans(),
            }
        ),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(choices)), max_size=5, unique=True))
    return {rid: draw(choices[rid]) for rid in chosen}


@st.composite
def random_scenario(
    draw: st.DrawFn,
    *,
    max_days: int = 7,
    max_slots: int = 14,
    sessions: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """A random week: availability on a few days, targets, preferences, a built-in rule
    set with random overrides. `sessions=(a, b)` restricts `include` to a..b session ids
    (and keeps the count targets' minimums low enough for a handful of slots)."""
    small = sessions
    am = draw(st.sampled_from(["05:30", "06:00", "06:30", "07:00", "12:00"]))
    pm = draw(st.sampled_from(["12:30", "17:00", "18:00", "18:30", "19:00"]))
    days = draw(st.lists(st.sampled_from(DAYS), min_size=2, max_size=max_days, unique=True))
    minutes = st.sampled_from([0, 30, 40, 45, 60, 60, 75, 90, 90, 120, 150])
    availability: dict[str, dict[str, int]] = {}
    free_slots = 0
    for day in days:
        names = draw(st.lists(st.sampled_from(["am", "pm"]), min_size=1, max_size=2, unique=True))
        for name in names:
            if free_slots >= max_slots:
                break
            free = draw(minutes)
            availability.setdefault(day, {})[name] = free
            free_slots += free > 0
    targets: dict[str, Any] = {
        "runs": draw(count_range(0, 4, top_min=2 if small is None else 1)),
        "strength": draw(count_range(0, 3, top_min=2 if small is None else 1)),
        "long_run": draw(st.integers(0, 1) if small is None else st.sampled_from([0, 0, 1])),
        "quality_runs": draw(count_range(0, 2, top_min=1)),
    }
    if draw(st.booleans()):
        targets["run_minutes"] = draw(st.integers(0, 300))
    muscles = draw(st.lists(st.sampled_from(MUSCLE_NAMES), max_size=3, unique=True))
    targets["sets"] = {m: draw(count_range(0, 10)) for m in muscles}
    data: dict[str, Any] = {
        "name": "random",
        "slots": {"am": am, "pm": pm},
        "availability": availability,
        "targets": targets,
        "rules": {
            "use": draw(st.sampled_from(BUILTIN_RULE_SETS)),
            "override": draw(rule_overrides()),
        },
    }
    if draw(st.booleans()):
        data["weekly_minutes"] = draw(st.integers(60, 600))
    prefs: dict[str, Any] = {}
    if draw(st.booleans()):
        prefs["long_run_day"] = draw(st.sampled_from(DAYS))
    prefs["rest_days"] = draw(st.lists(st.sampled_from(DAYS), max_size=2, unique=True))
    data["preferences"] = prefs
    if sessions is not None:
        data["include"] = draw(
            st.lists(
                st.sampled_from(SESSION_IDS),
                min_size=sessions[0],
                max_size=sessions[1],
                unique=True,
            )
        )
    else:
        if draw(st.integers(0, 2)) == 0:
            data["include"] = draw(st.lists(st.sampled_from(SESSION_IDS), min_size=1, unique=True))
        if draw(st.integers(0, 3)) == 0:
            data["equipment"] = "none"
    return data


def shipped_blocks() -> list[tuple[str, dict[str, Any]]]:
    """(name, data) of every shipped YAML scenario of more than one week."""
    found = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        if isinstance(data, dict) and int(data.get("weeks", 1)) > 1:
            found.append((path.stem, data))
    return found


def with_lifts(data: dict[str, Any], lifts: dict[str, float] | None) -> PlanInput:
    """A scenario's plan input with the athlete's 1RMs replaced by `lifts` (None: as given)."""
    if lifts is not None:
        data = dict(data, athlete={**(data.get("athlete") or {}), "lifts": lifts})
    return models.input_from_dict(data)


def every_strength_session(week: PlanInput, day: str = "tue") -> list[SessionOut]:
    """Every strength session type of the scenario in every week on `day`, prescribed."""
    from hybridplan.prescribe import prescribe

    sessions = [
        session_at(t, w, day)
        for w in range(1, week.weeks + 1)
        for t in week.sessions.values()
        if t.is_strength
    ]
    for s, p in zip(sessions, prescribe(week, sessions), strict=True):
        s.prescription = p
    return sessions


# ------------------------------------------------ coach objections a rule set forbids
# objection -> the rule that can forbid it (hard in a rule set, or `hard: true`)
RULE_OF = {
    "QQ": "quality_spacing",
    "Q>LONG": "quality_before_long",
    "LEGS>KEY": "legs_before_key_run",
    "LIFT<LONG": "lift_before_long_run",
    "RUN>LIFT": "lift_after_hard_run",
    "MUSCLE": "muscle_recovery",
    "RACE-DAY": "race_day",
    "RACE-LONG": "race_week",
    "RACE-LIFT": "race_week",
    "RACE-QUALITY": "race_week",
    "TAPER": "race_week",
    "RETURN": "run_progression",
    "LONG-PEAK": "long_run_peak",
    "LEGS-CONSEC": "legs_consecutive",
    "LEGS>LONG": "long_run_eve",
    "LONG>HARD": "after_long_run",
    "RACE-LEGS": "race_taper",
    "RACE-EASY": "race_taper",
    "TAPER-LONG": "race_taper",
    "TAPER-WEEK": "race_taper",
    "RACE-SHARPEN": "race_taper",
    "LONG-SHARE": "long_share",
    "PAD": "short_runs",
    "FIRST-WEEK": "first_week",
    "NO-HEAVY": "heavy_lifts",
    "QUALITY-FIT": "quality_fit",
}
# chosen out by the plan's input whatever the rule set (volume days only for strength goals,
# the gym session where it fits, the phase rows inside the athlete's own maxima)
ALWAYS = {"GYM-BW", "HYPER", "OVER-ASKED"}


def forbidden(data: PlanInput) -> set[str]:
    rules = dict(data.rule_items())
    return ALWAYS | {
        oid for oid, rid in RULE_OF.items() if rid in rules and rules[rid].level == "hard"
    }
