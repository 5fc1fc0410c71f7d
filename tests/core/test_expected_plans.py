"""The plans stay as they were before the model build was optimised: every
shipped scenario and a few generated weeks, solved under a deterministic work limit, give
the status, objective, penalty by rule, coach preference and sessions recorded in
tests/data/expected_plans.json (by tests/plans_fixture.py, from the code before the change).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from plans_fixture import FIXTURE, cases, record

EXPECTED: dict[str, Any] = json.loads(FIXTURE.read_text())
CASES = cases()


def test_fixture_covers_every_case() -> None:
    assert sorted(CASES) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(CASES))
def test_plan_is_unchanged(name: str) -> None:
    got = record(CASES[name])
    want = {k: v for k, v in EXPECTED[name].items() if k != "model"}
    assert got == want
