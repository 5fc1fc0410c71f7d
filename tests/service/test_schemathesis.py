"""Property-based tests of the whole API from its own /openapi.json (schemathesis): a
bounded number of generated requests per operation, in both auth modes (a token; --no-auth),
none of which may get a server error (5xx) or break the schema's own promises: documented
status codes, content types, response bodies, and invalid data refused. Solver limits
are kept small and the queue large, so a burst of generated plans of up to 26 weeks
cannot fill the pool (503 would count as a 5xx too)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from service_helpers import Server, make_token

EXAMPLES = 25


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
# (auth mode, generated requests per operation): the token mode is the public one
MODES = {"token": 25, "no-auth": 10}


@pytest.fixture(scope="module", params=sorted(MODES))
def fuzzed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, dict[str, str], int]]:
    mode: str = request.param
    folder = tmp_path_factory.mktemp("schemathesis")
    options = ["--workers", "2", "--queue", "10000", "--time-limit", "0.5", "--max-time-limit", "1"]
    server = Server(folder, *options, *(["--no-auth"] if mode == "no-auth" else []))
    headers = {}
    if mode == "token":
        headers = {"Authorization": f"Bearer {make_token(server.db_url, 'fuzz')}"}
    server.start()
    yield server, headers, MODES[mode]
    server.stop()


def test_no_server_errors_and_no_broken_promises(
    fuzzed: tuple[Server, dict[str, str], int],
) -> None:
    """Every operation in the schema, a number of generated requests each. (The schema is
    loaded from the running server, so the operations are walked here rather than through
    schemathesis' pytest plugin, which needs the schema at collection time.)"""
    server, headers, examples = fuzzed
    api = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 15
    assert "HTTPBearer" in api.raw_schema["components"]["securitySchemes"]

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: Any) -> None:
            case.call_and_validate(base_url=server.url, headers=headers, checks=CHECKS, timeout=60)

        run()
