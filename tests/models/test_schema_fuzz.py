"""Property tests from the published JSON Schema (hypothesis-jsonschema), then mutated
(off the schema): whatever a scenario dict holds, loading it either succeeds or raises InputError
with one-line problems, and solving a loaded one never raises at all.

Two sources of scenarios: the whole schema (mostly invalid in ways only a cross-field
check finds), and a shipped week with schema-drawn pins (`fixed`), bans (`forbid`),
blocks (`blocked`), own sessions (`sessions:`) and `exclude`, using real day, slot and
session names so that many of them load and get solved. Slow fuzzing of files and the
command line is `benchmarks/fuzz.py`.
"""

from __future__ import annotations

import copy
import json
import math
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from helpers import ROOT
from hybridplan import InputError, PlanInput, solve
from hybridplan.models import default_catalogue, input_from_dict

SCHEMA: dict[str, Any] = json.loads((ROOT / "scenarios" / "scenario.schema.json").read_text())
BASE: dict[str, Any] = yaml.safe_load((ROOT / "scenarios" / "marathon-build.yaml").read_text())
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
SESSION_IDS = sorted(default_catalogue())
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
)  # fmt: skip


def sub_schema(name: str) -> dict[str, Any]:
    """One definition of the schema, with the definitions it refers to."""
    return {**SCHEMA["$defs"][name], "$defs": SCHEMA["$defs"]}


HOSTILE = st.one_of(
    st.sampled_from(
        [10**100, -(2**63), 2**63, float("nan"), float("inf"), -1, 0, "", None, True,
         "\r\n\x1b[31m", "x" * 5000, "<img src=x onerror=alert(1)>", "=HYPERLINK(1)",
         [[[[[[[]]]]]]], {"": {}}, [0, 2**63], "../../etc/passwd", "Mars/Base"]
    ),
    st.text(max_size=30),
    st.integers(),
    st.floats(),
)  # fmt: skip


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*path, i))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    """A scenario with up to three of its values (or keys) replaced by hostile ones."""
    data = copy.deepcopy(draw(base))
    for _ in range(draw(st.integers(0, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if isinstance(parent, dict) and draw(st.booleans()):
            parent[draw(st.text(max_size=8))] = parent.pop(path[-1])  # a renamed key
        else:
            parent[path[-1]] = draw(HOSTILE)
    return data


@st.composite
def planner_scenario(draw: st.DrawFn) -> dict[str, Any]:
    """A shipped week with schema-drawn pins, bans, blocks, own sessions and exclusions,
    aimed at real names so that a fair share of them load."""
    data = copy.deepcopy(BASE)
    slot = st.sampled_from(["am", "pm"])
    day = st.sampled_from(DAYS)
    sid = st.sampled_from(SESSION_IDS)
    data["fixed"] = draw(
        st.lists(st.fixed_dictionaries({"day": day, "slot": slot, "session": sid}), max_size=2)
    )
    data["forbid"] = draw(
        st.lists(
            st.fixed_dictionaries({"day": day, "session": sid}, optional={"slot": slot}),
            max_size=3,
        )
    )
    data["blocked"] = draw(
        st.lists(st.fixed_dictionaries({"day": day}, optional={"slot": slot}), max_size=3)
    )
    data["exclude"] = draw(st.lists(sid, max_size=4, unique=True))
    patch = from_schema(sub_schema("SessionPatch"))
    own = draw(st.dictionaries(st.sampled_from(["my_run", "my_lift", *SESSION_IDS[:5]]), patch,
                               max_size=2))  # fmt: skip
    if own:
        data["sessions"] = own
    return data


def assert_loads_or_refuses(data: dict[str, Any]) -> PlanInput | None:
    try:
        return input_from_dict(data)
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            line = str(problem)
            assert "\n" not in line and "\r" not in line and len(line) < 2000, line
        return None


def assert_solves(week: PlanInput) -> None:
    result = solve(week, time_limit=2)  # raises nothing, whatever the week
    assert result.status in ("optimal", "feasible", "infeasible", "unknown")
    if result.found:
        assert result.objective is not None and not result.violations


@SETTINGS
@given(from_schema(SCHEMA))
def test_schema_scenarios_load_or_are_refused(data: dict[str, Any]) -> None:
    week = assert_loads_or_refuses(data)
    if week is not None and week.weeks <= 2:
        assert_solves(week)


@SETTINGS
@given(mutated(from_schema(SCHEMA)))
def test_mutated_schema_scenarios_load_or_are_refused(data: dict[str, Any]) -> None:
    assert_loads_or_refuses(data)


@SETTINGS
@given(planner_scenario())
def test_pins_bans_blocks_and_own_sessions(data: dict[str, Any]) -> None:
    week = assert_loads_or_refuses(data)
    if week is not None:
        assert_solves(week)


@SETTINGS
@given(mutated(planner_scenario()))
def test_mutated_planner_scenarios(data: dict[str, Any]) -> None:
    week = assert_loads_or_refuses(data)
    if week is not None:
        assert_solves(week)


def test_the_hostile_values_are_hostile() -> None:
    """A guard on the strategy itself: NaN is in it (a value no field may hold)."""
    assert any(isinstance(v, float) and math.isnan(v) for v in [float("nan")])
