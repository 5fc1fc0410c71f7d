"""The scenario JSON Schema, exported from the pydantic models (committed as
scenarios/scenario.schema.json; a test keeps the two in step)."""

from __future__ import annotations

import json
from typing import Any

from hybridplan.models.scenario import Scenario


def scenario_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://hybridplan.dev/schema/scenario.json",
        **schema,
    }


def scenario_schema_text() -> str:
    return json.dumps(scenario_schema(), indent=2, sort_keys=False) + "\n"
