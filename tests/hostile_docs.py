"""Scenario documents for the one-scenario-model checks (every front door
accepts and refuses the same documents): the shipped
scenarios, generated ones and hostile variants of both, as JSON text, deterministic for a
seed. Shared by tests/service/test_one_model.py (a sample) and
benchmarks/hostile_parity.py (2,000 of them)."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from helpers import SHIPPED_SCENARIOS
from hybridplan.batch.generate import generate

HIDDEN = ["\x1b]0;title\x07", "\u202e", "\u200b", "\x00", "\r\n", "\ufeff"]
ODD_VALUES: list[Any] = [
    True, False, None, "60", "", -1, 0, 10**30, 1.5, [], {}, "x" * 5000, "mon", 2**63,
    "2026-02-30", "9999-12-27", "0001-01-01", [[[[]]]], {"a": {"b": {}}},
]  # fmt: skip


EDGE_DATES: list[Any] = [
    "9999-12-27", "0001-01-01", "1989-12-25", "2099-12-28", "2026-12-07", "2026-12-06",
    20261207, "next monday",
]  # fmt: skip


def bases(generated: int = 20, seed: int = 7) -> list[dict[str, Any]]:
    """The shipped scenarios (dates as text, as JSON has them) and `generated` more."""
    shipped = [json.loads(json.dumps(yaml.safe_load(p.read_text()), default=str))
               for p in SHIPPED_SCENARIOS if p.suffix in (".yaml", ".yml")]  # fmt: skip
    return shipped + generate(generated, seed=seed)


def _paths(doc: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, (*here, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, (*here, i))


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    _at(doc, path[:-1])[path[-1]] = value
    return doc


def _odd_leaf(rng: random.Random, doc: Any) -> Any:
    paths = [p for p in _paths(doc) if p]
    if not paths:
        return doc
    return _set(doc, rng.choice(paths), copy.deepcopy(rng.choice(ODD_VALUES)))


def _unknown_key(rng: random.Random, doc: Any) -> Any:
    dicts = [p for p in _paths(doc) if isinstance(_at(doc, p), dict)]
    if not dicts:
        return doc
    _at(doc, rng.choice(dicts))[rng.choice(["colour", "Weeks", "availabilty", "$ref"])] = 1
    return doc


def _drop_key(rng: random.Random, doc: Any) -> Any:
    keyed = [p for p in _paths(doc) if p and isinstance(_at(doc, p[:-1]), dict)]
    if not keyed:
        return doc
    path = rng.choice(keyed)
    del _at(doc, path[:-1])[path[-1]]
    return doc


def _hidden_name(rng: random.Random, doc: Any) -> Any:
    if isinstance(doc, dict):
        doc["name"] = f"w{rng.choice(HIDDEN)}eek"
    return doc


def _dated(rng: random.Random, doc: Any) -> Any:
    if isinstance(doc, dict):
        doc["start"] = rng.choice(EDGE_DATES)
    return doc


def _weeks(rng: random.Random, doc: Any) -> Any:
    if isinstance(doc, dict):
        doc["weeks"] = rng.choice([0, 1, 26, 27, -3, True, "3", 2.0, 10**9])
    return doc


def _not_a_mapping(rng: random.Random, doc: Any) -> Any:
    return rng.choice([[doc], "a scenario", 42, None, []])


MUTATIONS: list[Callable[[random.Random, Any], Any]] = [
    _odd_leaf, _odd_leaf, _odd_leaf, _unknown_key, _drop_key, _hidden_name, _dated, _weeks,
    _not_a_mapping,
]  # fmt: skip

# Whole documents as text that no mutation of data can make.
TEXTS = [
    '{"name": "a", "name": "b", "availability": {"mon": {"am": 60}}}',  # a key twice
    "[" * 50_000 + "]" * 50_000,  # nested past any parser's recursion
    '{"name": "w", "weeks": ' + "9" * 5000 + ', "availability": {"mon": {"am": 60}}}',
    '{"name": "w", "availability": {"mon": {"am": 1e400}}}',
    '{"name": "w", "availability": {"mon": {"am": NaN}}}',
    '{"name": "w", "availability": {"mon": {"am": 60}}',  # cut short
    "",
    "null",
    '"\\ud800"',
    '{"name": "w\\u0000", "availability": {"mon": {"am": 60}}}',
]


def documents(count: int, seed: int = 2026, generated: int = 20) -> list[tuple[str, str]]:
    """`count` (label, JSON text) pairs: every base (the shipped scenarios and `generated`
    more) as it is, the fixed texts, then hostile variants (one to three mutations each)
    until `count`."""
    rng = random.Random(seed)
    found = bases(generated)
    out = [(f"base-{i}", json.dumps(d)) for i, d in enumerate(found)]
    out += [(f"text-{i}", t) for i, t in enumerate(TEXTS)]
    n = 0
    while len(out) < count:
        doc: Any = copy.deepcopy(rng.choice(found))
        for _ in range(rng.randint(1, 3)):
            doc = rng.choice(MUTATIONS)(rng, doc)
        n += 1
        out.append((f"hostile-{n}", json.dumps(doc)))
    return out[:count]
