"""Rule-set variants: a base set plus parameter sweeps, expanded into named
configurations for comparisons (`hard_separation.hours: [12, 24, 36]`)."""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hybridplan.models import limits
from hybridplan.models.errors import InputError, Problem
from hybridplan.models.loading import load_rule_set, read_document, validation_problems
from hybridplan.models.rules import RulesConfig, RuleSet


class VariantsFile(BaseModel):
    """A YAML file of variants: `base` (a rule set name or path) and `sweep`, a map from
    `rule.parameter` (or `rule.enabled` / `rule.weight`) to the values to try."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str | None = Field(
        default=None, max_length=limits.MAX_NAME, description="prefix of the configuration names"
    )
    base: str = Field(default="balanced", min_length=1, max_length=limits.MAX_PATH)
    sweep: dict[str, list[Any]] = Field(min_length=1, max_length=20)


def is_variants_file(path: Path) -> bool:
    try:
        data, _ = read_document(path)
    except InputError:
        return False
    return "sweep" in data


def expand_variants(path: str | Path) -> list[RuleSet]:
    """Every combination of the swept values, as a rule set named
    `base[rule.param=value,...]`. Unknown rules or parameters are InputErrors."""
    path = Path(path)
    data, locate = read_document(path)
    try:
        spec = VariantsFile.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, VariantsFile, str(path), locate)) from None
    base = load_rule_set(spec.base, path.parent)
    keys = list(spec.sweep)
    problems = [
        Problem(
            f"sweep.{k}",
            "keys are rule.parameter, e.g. hard_separation.hours",
            str(path),
            locate(("sweep", k)),
        )
        for k in keys
        if k.count(".") != 1
    ]
    combinations = math.prod(len(spec.sweep[k]) for k in keys)
    if combinations > limits.MAX_VARIANTS:
        problems.append(
            Problem(
                "sweep",
                f"{combinations:,} combinations; at most {limits.MAX_VARIANTS:,}",
                str(path),
                locate(("sweep",)),
            )
        )
    if problems:
        raise InputError(problems)
    out = []
    for values in itertools.product(*(spec.sweep[k] for k in keys)):
        nested: dict[str, dict[str, Any]] = {}
        for key, value in zip(keys, values, strict=True):
            rule, param = key.split(".")
            nested.setdefault(rule, {})[param] = value
        try:
            override = RulesConfig.model_validate(nested)
        except ValidationError as exc:
            raise InputError(
                [
                    p.at(str(path), locate(("sweep",)))
                    for p in validation_problems(exc, RulesConfig, str(path), lambda _: None)
                ]
            ) from None
        label = ",".join(f"{k}={v}" for k, v in zip(keys, values, strict=True))
        rules = base.with_overrides(override)
        out.append(
            RuleSet(
                name=f"{spec.name or base.name}[{label}]",
                description=base.description,
                rules=rules.rules,
                phases=rules.phases,  # the base's phase table: a swept block keeps it
            )
        )
    return out
