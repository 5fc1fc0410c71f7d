"""The committed JSON Schema matches the models, and describes the shipped scenarios."""

from __future__ import annotations

import json

from helpers import ROOT
from hybridplan.models.schema import scenario_schema, scenario_schema_text


def test_committed_schema_matches_models() -> None:
    committed = (ROOT / "scenarios" / "scenario.schema.json").read_text()
    assert committed == scenario_schema_text(), (
        "scenarios/scenario.schema.json is stale: run `make schema` and commit it"
    )


def test_schema_documents_the_format() -> None:
    schema = scenario_schema()
    assert schema["required"] == ["name", "availability"]
    assert schema["additionalProperties"] is False
    targets = schema["$defs"]["Targets"]["properties"]
    assert {"runs", "strength", "long_run", "quality_runs", "run_minutes", "sets"} <= set(targets)
    rules = schema["$defs"]["RulesConfig"]["properties"]
    assert "hard_separation" in rules and "set_volume" in rules
    assert json.loads(json.dumps(schema)) == schema
