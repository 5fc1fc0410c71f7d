"""The built-in session catalogue and its merge with a scenario's own sessions.

A catalogue entry is a session with a fixed length (`hills_45`) or a range of lengths
(`long: {minutes: {min: 60, max: 210, step: 15}}`). A range expands into one session per
length, `long_60` ... `long_210`, so every candidate the solver sees has concrete minutes
and every result names the length it chose. Scenario fields that name sessions (`include`,
`exclude`, `forbid`) may name an entry (all its lengths) or one length; pins and previous
plans name one length.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import ValidationError

from hybridplan.models.errors import Problem, describe
from hybridplan.models.progression import race_session
from hybridplan.models.scenario import Scenario, finish_minutes
from hybridplan.models.session import LengthRange, SessionType


@cache
def _catalogue_data() -> dict[str, dict[str, Any]]:
    text = resources.files("hybridplan.models").joinpath("data/catalogue.yaml").read_text("utf-8")
    data: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return data


def catalogue_entries() -> dict[str, dict[str, Any]]:
    """Entry id -> its fields as written (minutes an int or a {min, max, step} range)."""
    return {sid: dict(fields) for sid, fields in _catalogue_data().items()}


def _expand(
    entry: str, fields: dict[str, Any], variant_patches: dict[str, dict[str, Any]]
) -> dict[str, SessionType]:
    """One session per length of an entry (just the entry itself when its length is fixed).
    Raises ValidationError for bad fields, ValueError naming the patch at fault."""
    minutes = fields.get("minutes")
    if not isinstance(minutes, dict | LengthRange):
        return {entry: SessionType(id=entry, **fields)}
    lengths = minutes if isinstance(minutes, LengthRange) else LengthRange(**minutes)
    out = {}
    for m in lengths.lengths():
        sid = f"{entry}_{m}"
        patch = variant_patches.get(sid, {})
        out[sid] = SessionType(id=sid, **{**fields, "minutes": m, "base": entry, **patch})
    return out


def default_catalogue() -> dict[str, SessionType]:
    """Session id -> session type for every length of every entry, in file order."""
    out: dict[str, SessionType] = {}
    for entry, fields in _catalogue_data().items():
        out.update(_expand(entry, fields, {}))
    return out


def _variant_of(sid: str, entries: dict[str, dict[str, Any]]) -> str | None:
    """The ranged entry `sid` is a length of (`long` for long_105), or None."""
    entry, _, tail = sid.rpartition("_")
    minutes = entries.get(entry, {}).get("minutes")
    if not entry or not tail.isdigit() or not isinstance(minutes, dict | LengthRange):
        return None
    lengths = minutes if isinstance(minutes, LengthRange) else LengthRange(**minutes)
    return entry if int(tail) in lengths.lengths() else None


@dataclass(frozen=True)
class Resolved:
    """A scenario's sessions: every session that may appear in its plan (`sessions`), the
    ones on offer everywhere (`offered`: after equipment, `include` and `exclude`), and the
    problems found. A pinned session that is not on offer may appear only where it is
    pinned (a pin allows that session in that slot, nothing more)."""

    sessions: dict[str, SessionType]
    offered: frozenset[str]
    problems: list[Problem] = field(default_factory=list)


def resolve_sessions(scenario: Scenario) -> Resolved:
    """Catalogue + the scenario's additions and overrides, expanded into lengths, filtered
    by equipment, `include` and `exclude`. Problems name the scenario field at fault."""
    problems: list[Problem] = []
    entries = catalogue_entries()
    variant_patches: dict[str, dict[str, Any]] = {}
    for sid, patch in scenario.sessions.items():
        fields = patch.model_dump(exclude_unset=True)
        entry = None if sid in entries else _variant_of(sid, entries)
        if entry is not None:
            if "minutes" in fields:
                problems.append(
                    Problem(
                        f"sessions.{sid}.minutes",
                        f"{sid} is the {sid.rsplit('_', 1)[1]}-minute length of {entry!r}; "
                        f"name another length ({entry}_<minutes>) or change the range of {entry!r}",
                    )
                )
                continue
            variant_patches[sid] = fields
        else:
            entries[sid] = {**entries.get(sid, {}), **fields}
    sessions: dict[str, SessionType] = {}
    if scenario.race is not None:  # the race is a session of its own (rule race_day)
        race = race_session(
            scenario.race.distance,
            finish_minutes(scenario.race.finish) if scenario.race.finish else None,
        )
        sessions[race.id] = race
    for entry, fields in entries.items():
        try:
            sessions.update(_expand(entry, fields, variant_patches))
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(p) for p in err["loc"])
                where = f"sessions.{entry}" + (f".{loc}" if loc else "")
                problems.append(Problem(where, describe(err)))
    names = set(sessions) | set(entries)
    refs = [
        (f"{key}.{i}", sid, names)
        for key in ("include", "exclude")
        for i, sid in enumerate(getattr(scenario, key) or [])
    ]
    refs += [(f"forbid.{i}.session", b.session, names) for i, b in enumerate(scenario.forbid)]
    refs += [
        (f"{key}.{i}.session", item.session, set(sessions))
        for key in ("fixed", "previous")
        for i, item in enumerate(getattr(scenario, key))
    ]
    for where, sid, known in refs:
        if sid in known:
            continue
        if sid in entries:
            lengths = ", ".join(s for s, t in sessions.items() if t.base == sid)
            message = f"{sid!r} has several lengths; name one: {lengths}"
        else:
            message = f"unknown session id {sid!r}; known ids: {', '.join(sorted(known))}"
        problems.append(Problem(where, message))

    def chosen(s: SessionType) -> bool:
        named = {s.id, s.entry}
        return (
            (scenario.include is None or bool(named & set(scenario.include)))
            and not named & set(scenario.exclude)
            and (scenario.equipment == "gym" or s.equipment == "none")
        )

    offered = frozenset(sid for sid, s in sessions.items() if chosen(s))
    pinned = {item.session for item in (*scenario.fixed, *scenario.previous)}
    keep = {sid: s for sid, s in sessions.items() if sid in offered or sid in pinned or s.is_race}
    return Resolved(keep, offered, problems)
