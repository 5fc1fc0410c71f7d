"""The built-in session catalogue and its merge with a scenario's own sessions."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import ValidationError

from hybridplan.models.errors import Problem, describe
from hybridplan.models.scenario import Scenario
from hybridplan.models.session import SessionType


@cache
def _catalogue_data() -> dict[str, dict[str, Any]]:
    text = resources.files("hybridplan.models").joinpath("data/catalogue.yaml").read_text("utf-8")
    data: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return data


def default_catalogue() -> dict[str, SessionType]:
    """Session id -> session type, in file order."""
    return {sid: SessionType(id=sid, **fields) for sid, fields in _catalogue_data().items()}


def resolve_sessions(scenario: Scenario) -> tuple[dict[str, SessionType], list[Problem]]:
    """The sessions this scenario may use: catalogue + its additions and overrides, filtered
    by equipment, `include` and `exclude`. Problems name the scenario field at fault."""
    problems: list[Problem] = []
    raw = {sid: dict(fields) for sid, fields in _catalogue_data().items()}
    for sid, patch in scenario.sessions.items():
        raw[sid] = {**raw.get(sid, {}), **patch.model_dump(exclude_unset=True)}
    sessions: dict[str, SessionType] = {}
    for sid, fields in raw.items():
        try:
            sessions[sid] = SessionType(id=sid, **fields)
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(p) for p in err["loc"])
                field = f"sessions.{sid}" + (f".{loc}" if loc else "")
                problems.append(Problem(field, describe(err)))
    known = set(raw)
    refs = [
        (f"{key}.{i}", sid)
        for key in ("include", "exclude")
        for i, sid in enumerate(getattr(scenario, key) or [])
    ]
    refs += [
        (f"{key}.{i}.session", item.session)
        for key in ("fixed", "forbid", "previous")
        for i, item in enumerate(getattr(scenario, key))
    ]
    for field, sid in refs:
        if sid not in known:
            problems.append(
                Problem(field, f"unknown session id {sid!r}; known ids: {', '.join(sorted(known))}")
            )
    pinned = {item.session for item in (*scenario.fixed, *scenario.previous)}
    chosen = {
        sid: s
        for sid, s in sessions.items()
        if sid in pinned  # a pinned session is on offer whatever the filters say
        or (
            (scenario.include is None or sid in scenario.include)
            and sid not in scenario.exclude
            and (scenario.equipment == "gym" or s.equipment == "none")
        )
    }
    return chosen, problems
