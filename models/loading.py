"""Reading scenario and rule set files (YAML, TOML, JSON) into validated models.

Every problem becomes one line naming the file, the line (where the format has lines), the
field path and what is allowed. Nothing here raises anything but InputError.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from hybridplan.models import limits
from hybridplan.models.errors import InputError, Problem, describe, echo
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.reading import (
    SUFFIXES,
    Locator,
    StrictLoader,
    check_data,
    parse,
    read_text,
)
from hybridplan.models.result import Result
from hybridplan.models.rules import RuleSet, RuleSetFile
from hybridplan.models.scenario import Scenario

__all__ = ["SUFFIXES", "Locator"]  # re-exported for the batch's discovery


@cache
def _builtin_rule_set(name: str) -> RuleSet:
    """Built-in sets are parsed once per process (RuleSet is immutable)."""
    data = yaml.load(builtin_rule_set_text(name), Loader=StrictLoader)
    return RuleSet.from_file(RuleSetFile.model_validate(data))


@cache
def builtin_rule_sets() -> list[str]:
    folder = resources.files("hybridplan.models").joinpath("data/rulesets")
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def builtin_rule_set_text(name: str) -> str:
    folder = resources.files("hybridplan.models").joinpath("data/rulesets")
    return folder.joinpath(f"{name}.yaml").read_text("utf-8")


# ------------------------------------------------------------------------------ parsing
def read_document(path: Path) -> tuple[dict[str, Any], Locator]:
    """Parse a file by its suffix; returns the data and a field-path -> line locator.
    Everything `reading` refuses (special files, size, duplicate keys, depth, numbers)
    is an InputError here."""
    name = str(path)
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(
            [
                Problem(
                    "",
                    f"unsupported file type {echo(path.suffix or '(none)')}; "
                    f"use {', '.join(SUFFIXES)}",
                    name,
                )
            ]
        )
    return parse_document(read_text(path), path.suffix.lower(), name)


def parse_document(text: str, suffix: str, name: str) -> tuple[dict[str, Any], Locator]:
    """A document's text parsed as a file of that suffix is (the page's pasted scenario
    too): the same duplicate-key, depth and number checks, the same lines. (A file's size
    is checked as it is read; the page's form has its own cap.)"""
    data, locator = parse(text, suffix, name)
    if not isinstance(data, dict):
        raise InputError(
            [
                Problem(
                    "",
                    f"the file must hold a mapping of fields (got {type(data).__name__})",
                    name,
                    1,
                )
            ]
        )
    problems = check_data(data, name, locator)
    if problems:
        raise InputError(capped(sorted(problems, key=lambda p: p.line or 0)))
    return data, locator


# ------------------------------------------------------------------------------ errors
def _unwrap(annotation: Any) -> Any:
    """Strip Optional / Annotated / unions down to a model or container type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else args[0]
        else:
            return annotation


def _allowed_fields(model: type[BaseModel], path: tuple[str | int, ...]) -> list[str] | None:
    current: Any = model
    parts = list(path)
    while parts:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            key = parts.pop(0)
            field = current.model_fields.get(str(key))
            if field is None:
                continue
            current = field.annotation
        elif typing.get_origin(current) is dict:
            parts.pop(0)
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return None


# pydantic's own parts of a location: 'function-after[_check_clock(), str]', '[key]'
_INTERNAL = re.compile(r"^(?:[a-z]+(?:-[a-z]+)*)?\[.*\]$", re.DOTALL)


def _clean_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's internal parts (validator and union tags) from an error location."""
    return tuple(
        p
        for p in loc
        if not (
            isinstance(p, str)
            and (
                _INTERNAL.match(p) is not None
                or p
                in {
                    "int",
                    "str",
                    "bool",
                    "float",
                    "list",
                    "tuple",
                    "dict",
                    "CountRange",
                    "RulesRef",
                }
            )
        )
    )


def validation_problems(
    exc: ValidationError, model: type[BaseModel], file: str, locate: Locator
) -> list[Problem]:
    problems = []
    for err in exc.errors():
        raw = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and raw:  # the unknown key itself, whatever it is
            loc = (*_clean_loc(raw[:-1]), raw[-1])
        else:
            loc = _clean_loc(raw)
        field = ".".join(str(p) for p in loc)
        allowed = _allowed_fields(model, loc[:-1]) if err["type"] == "extra_forbidden" else None
        msg = describe({**err, "loc": loc}, allowed)
        problems.append(Problem(field, msg, file, locate(loc)))
    return capped(sorted(problems, key=lambda p: p.line or 0))


def capped(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS problems, then one line counting the rest: a file of 200,000
    unknown keys gets a readable report, not 200,000 lines."""
    most = limits.MAX_PROBLEMS
    if len(problems) <= most:
        return problems
    rest = len(problems) - most
    return [*problems[:most], Problem("", f"... and {rest:,} more problems", problems[0].file)]


# ------------------------------------------------------------------------------ loading
def _as_path(path: object, what: str = "scenario") -> Path:
    """A path from the API's caller, or an InputError saying what was given instead."""
    if isinstance(path, Path):
        return path
    if isinstance(path, str) and 0 < len(path) <= limits.MAX_PATH and "\0" not in path:
        return Path(path)
    shown = echo(path) if isinstance(path, str) else type(path).__name__
    raise InputError([Problem("", f"a {what} is a file path, a dict or a Scenario (got {shown})")])


def scenario_from_text(text: str, name: str) -> Scenario:
    """A scenario pasted as YAML or JSON (the page's form), read as a file would be."""
    data, locate = parse_document(text, ".yaml", name)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, Scenario, name, locate)) from None


def load_scenario(path: str | Path) -> tuple[Scenario, Locator]:
    path = _as_path(path)
    data, locate = read_document(path)
    try:
        return Scenario.model_validate(data), locate
    except ValidationError as exc:
        raise InputError(validation_problems(exc, Scenario, str(path), locate)) from None


def load_rule_set(ref: str | Path, base_dir: Path | None = None) -> RuleSet:
    """A built-in rule set by name, or a rule set file by path (relative to base_dir)."""
    if not isinstance(ref, str | Path):
        raise InputError(
            [
                Problem(
                    "rules",
                    f"a rule set is a name, a path or a RuleSet (got {type(ref).__name__})",
                )
            ]
        )
    ref_str = str(ref)
    if ref_str in builtin_rule_sets():
        return _builtin_rule_set(ref_str)
    unknown = InputError(
        [
            Problem(
                "rules",
                f"unknown rule set {echo(ref_str)}; built-in sets: "
                f"{', '.join(builtin_rule_sets())}, or a path to a "
                ".yaml/.toml/.json rule set file",
            )
        ]
    )
    if not ref_str or len(ref_str) > limits.MAX_PATH or "\0" in ref_str:
        raise unknown
    path = Path(ref_str)
    try:
        if not path.is_absolute() and base_dir is not None and not path.exists():
            path = base_dir / path
        exists = path.exists()
    except OSError:  # a name too long for the file system, a loop of links
        exists = False
    if path.suffix.lower() not in SUFFIXES or not exists:
        raise unknown
    data, locate = read_document(path)
    try:
        return RuleSet.from_file(RuleSetFile.model_validate(data))
    except ValidationError as exc:
        raise InputError(validation_problems(exc, RuleSetFile, str(path), locate)) from None


def load_plan_input(path: str | Path, rules: str | Path | RuleSet | None = None) -> PlanInput:
    """Load a scenario file and everything it refers to; `rules` replaces the scenario's
    rule set (its overrides still apply). Raises InputError listing every problem."""
    path = _as_path(path)
    scenario, locate = load_scenario(path)
    try:
        base = (
            rules
            if isinstance(rules, RuleSet)
            else load_rule_set(rules if rules is not None else scenario.rules.use, path.parent)
        )
    except InputError as exc:
        raise InputError(
            [p if p.file else p.at(str(path), locate(("rules",))) for p in exc.problems]
        ) from None
    try:
        return PlanInput.build(scenario, base.with_overrides(scenario.rules.override))
    except InputError as exc:
        located = [p.at(str(path), locate(_field_path(p.field))) for p in exc.problems]
        raise InputError(sorted(located, key=lambda p: p.line or 0)) from None


def _field_path(field: str) -> tuple[str | int, ...]:
    return tuple(int(k) if k.isdigit() else k for k in field.split("."))


def input_from_dict(data: dict[str, Any], rules: str | Path | None = None) -> PlanInput:
    """The Python API's way in: a scenario as a dict (or Scenario), validated like a file."""
    if not isinstance(data, dict):
        raise InputError(
            [Problem("", f"a scenario dict must be a dict (got {type(data).__name__})")]
        )
    problems = check_data(data, "<scenario>", lambda _: None)
    if problems:
        raise InputError(capped(problems))
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, Scenario, "<scenario>", lambda _: None)) from None
    return input_from_scenario(scenario, rules)


def input_from_scenario(scenario: Scenario, rules: str | Path | RuleSet | None = None) -> PlanInput:
    base = (
        rules
        if isinstance(rules, RuleSet)
        else load_rule_set(rules if rules is not None else scenario.rules.use)
    )
    return PlanInput.build(scenario, base.with_overrides(scenario.rules.override))


def input_from_result(result: Result) -> PlanInput:
    """The scenario and rule set a result was solved with (results carry them as `input`),
    so that a result file alone can be replanned and exported."""
    if not isinstance(result, Result):
        raise InputError([Problem("result", f"must be a Result (got {type(result).__name__})")])
    if not result.input:
        raise InputError(
            [
                Problem(
                    "input",
                    "this result does not carry its scenario "
                    "(solved by an older version): solve it again",
                )
            ]
        )
    stored = result.input
    problems = check_data(stored, "", lambda _: None)
    if problems:
        raise InputError([Problem(f"input.{p.field}", p.message) for p in problems])
    try:
        scenario = Scenario.model_validate(stored.get("scenario"))
    except ValidationError as exc:
        raise InputError(_prefixed(exc, Scenario, "input.scenario")) from None
    try:
        rules = RuleSet.from_data(stored.get("rules"))  # type: ignore[arg-type]
    except ValidationError as exc:
        raise InputError(_prefixed(exc, RuleSetFile, "input.rules")) from None
    try:
        week = PlanInput.build(scenario, rules)
    except InputError as exc:
        problems = [replace(p, field=f"input.scenario.{p.field}") for p in exc.problems]
        raise InputError(problems) from None
    problems = [
        Problem(f"sessions.{i}.{field}", message)
        for i, s in enumerate(result.sessions)
        for field, message in _misfits(s.week, s.slot, s.session, week)
    ]
    if problems:
        raise InputError(capped(problems))
    return week


def _misfits(week_no: int, slot: str, session: str, week: PlanInput) -> list[tuple[str, str]]:
    """Where a result's session does not fit the scenario stored with it (an edited file)."""
    out = []
    if week_no > week.weeks:
        out.append(("week", f"week {week_no} is beyond the plan's {week.weeks} week(s)"))
    if slot not in week.scenario.slots:
        out.append(
            ("slot", f"unknown slot {echo(slot)}; slots are {', '.join(week.scenario.slots)}")
        )
    if session not in week.sessions:
        out.append(("session", f"unknown session id {echo(session)}"))
    return out


def read_result(path: str | Path, verify: Callable[[Result], object] | None = None) -> Result:
    """A result file (`solve --format json`), read like a scenario (a regular file of at
    most 1 MiB, duplicate keys refused) and validated strictly, with lines. `verify` (the
    solver's `verify_result`: models never import the solver) re-checks the result against
    its stored input; its problems are named in the file, with lines."""
    path = _as_path(path, "result")
    name = str(path)
    data, locate = parse(read_text(path), ".json", name)
    if not isinstance(data, dict):
        raise InputError(
            [
                Problem(
                    "", "not a hybridplan result (solve --format json): not a JSON object", name, 1
                )
            ]
        )
    problems = check_data(data, name, locate)
    if problems:
        raise InputError(capped(problems))
    try:
        result = Result.model_validate(data)
    except ValidationError as exc:
        found = validation_problems(exc, Result, name, locate)
        raise InputError(
            [replace(p, message=f"not a hybridplan result: {p.message}") for p in found]
        ) from None
    if verify is not None:
        try:
            verify(result)
        except InputError as exc:
            raise InputError(
                [p if p.file else p.at(name, locate(_field_path(p.field))) for p in exc.problems]
            ) from None
    return result


def _prefixed(exc: ValidationError, model: type[BaseModel], prefix: str) -> list[Problem]:
    """A result's stored input, at fault: fields named from the top of the result file."""
    return [
        replace(p, field=f"{prefix}.{p.field}" if p.field else prefix)
        for p in validation_problems(exc, model, "", lambda _: None)
    ]
