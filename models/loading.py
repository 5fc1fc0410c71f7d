"""Reading scenario and rule set files (YAML, TOML, JSON) into validated models.

Every problem becomes one line naming the file, the line (where the format has lines), the
field path and what is allowed. Nothing here raises anything but InputError.
"""

from __future__ import annotations

import json
import re
import tomllib
import types
import typing
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from hybridplan.models.errors import InputError, Problem, describe
from hybridplan.models.plan_input import PlanInput
from hybridplan.models.result import Result
from hybridplan.models.rules import RuleSet, RuleSetFile
from hybridplan.models.scenario import Scenario

SUFFIXES = (".yaml", ".yml", ".toml", ".json")
Locator = Callable[[tuple[str | int, ...]], int | None]


@cache
def _builtin_rule_set(name: str) -> RuleSet:
    """Built-in sets are parsed once per process (RuleSet is immutable)."""
    data = yaml.load(builtin_rule_set_text(name), Loader=_Loader)
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
def _yaml_locator(node: yaml.Node | None) -> Locator:
    def locate(loc: tuple[str | int, ...]) -> int | None:
        if node is None:
            return None
        current, line = node, node.start_mark.line + 1
        for key in loc:
            if isinstance(current, yaml.MappingNode):
                for k, v in current.value:
                    if str(k.value) == str(key):
                        current, line = v, k.start_mark.line + 1
                        break
                else:
                    continue  # a missing key or a pydantic-internal part: keep the parent
            elif (
                isinstance(current, yaml.SequenceNode)
                and isinstance(key, int)
                and 0 <= key < len(current.value)
            ):
                current = current.value[key]
                line = current.start_mark.line + 1
        return line

    return locate


# libyaml's loader when PyYAML was built with it: several times faster on big batches.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _lazy_yaml_locator(text: str) -> Locator:
    """Line numbers are only wanted when something is wrong: compose the node tree (with
    positions) on the first lookup, not for every file that loads cleanly. JSON is YAML
    here, so JSON files get lines the same way."""
    located: list[Locator] = []

    def locate(loc: tuple[str | int, ...]) -> int | None:
        if not located:
            try:
                located.append(_yaml_locator(yaml.compose(text, Loader=yaml.SafeLoader)))
            except yaml.YAMLError:
                located.append(_yaml_locator(None))
        return located[0](loc)

    return locate


def _toml_locator(text: str) -> Locator:
    lines = text.splitlines()

    def locate(loc: tuple[str | int, ...]) -> int | None:
        pos, found = 0, None
        for key in loc:
            if not isinstance(key, str):
                continue
            pattern = re.compile(
                rf"^\s*(\[+\s*[\w.\"-]*\b{re.escape(key)}\b[\w.\"-]*\s*\]+|"
                rf"[\"']?{re.escape(key)}[\"']?\s*=)|[{{,]\s*[\"']?{re.escape(key)}[\"']?\s*="
            )
            for i in range(pos, len(lines)):
                if pattern.search(lines[i]):
                    pos, found = i, i + 1
                    break
        return found

    return locate


def read_document(path: Path) -> tuple[dict[str, Any], Locator]:
    """Parse a file by its suffix; returns the data and a field-path -> line locator."""
    name = str(path)
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(
            [
                Problem(
                    "",
                    f"unsupported file type {path.suffix or '(none)'!r}; use {', '.join(SUFFIXES)}",
                    name,
                )
            ]
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError([Problem("", f"cannot read file: {reason}", name)]) from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(text)
            locator = _toml_locator(text)
        else:
            data = json.loads(text) if suffix == ".json" else yaml.load(text, Loader=_Loader)
            locator = _lazy_yaml_locator(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputError([Problem("", f"not valid YAML: {exc.problem}", name, line)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem("", f"not valid YAML: {exc}", name)]) from None
    except json.JSONDecodeError as exc:
        raise InputError([Problem("", f"not valid JSON: {exc.msg}", name, exc.lineno)]) from None
    except tomllib.TOMLDecodeError as exc:
        line_match = re.search(r"line (\d+)", str(exc))
        raise InputError(
            [
                Problem(
                    "",
                    f"not valid TOML: {exc}",
                    name,
                    int(line_match.group(1)) if line_match else None,
                )
            ]
        ) from None
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


def _clean_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's internal parts (validator and union tags) from an error location."""
    return tuple(
        p
        for p in loc
        if not (
            isinstance(p, str)
            and (
                "[" in p
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
        loc = _clean_loc(tuple(err["loc"]))
        field = ".".join(str(p) for p in loc)
        allowed = _allowed_fields(model, loc[:-1]) if err["type"] == "extra_forbidden" else None
        msg = describe({**err, "loc": loc}, allowed)
        problems.append(Problem(field, msg, file, locate(loc)))
    return sorted(problems, key=lambda p: p.line or 0)


# ------------------------------------------------------------------------------ loading
def load_scenario(path: str | Path) -> tuple[Scenario, Locator]:
    path = Path(path)
    data, locate = read_document(path)
    try:
        return Scenario.model_validate(data), locate
    except ValidationError as exc:
        raise InputError(validation_problems(exc, Scenario, str(path), locate)) from None


def load_rule_set(ref: str | Path, base_dir: Path | None = None) -> RuleSet:
    """A built-in rule set by name, or a rule set file by path (relative to base_dir)."""
    ref_str = str(ref)
    if ref_str in builtin_rule_sets():
        return _builtin_rule_set(ref_str)
    path = Path(ref_str)
    if not path.is_absolute() and base_dir is not None and not path.exists():
        path = base_dir / path
    if path.suffix.lower() not in SUFFIXES or not path.exists():
        raise InputError(
            [
                Problem(
                    "rules",
                    f"unknown rule set {ref_str!r}; built-in sets: "
                    f"{', '.join(builtin_rule_sets())}, or a path to a "
                    ".yaml/.toml/.json rule set file",
                )
            ]
        )
    data, locate = read_document(path)
    try:
        return RuleSet.from_file(RuleSetFile.model_validate(data))
    except ValidationError as exc:
        raise InputError(validation_problems(exc, RuleSetFile, str(path), locate)) from None


def load_plan_input(path: str | Path, rules: str | Path | RuleSet | None = None) -> PlanInput:
    """Load a scenario file and everything it refers to; `rules` replaces the scenario's
    rule set (its overrides still apply). Raises InputError listing every problem."""
    path = Path(path)
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
    scenario = Scenario.model_validate(result.input["scenario"])
    return PlanInput.build(scenario, RuleSet.from_data(result.input["rules"]))
