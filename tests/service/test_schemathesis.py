"""Property-based tests of the whole API from its own /openapi.json (schemathesis): a
bounded number of generated requests per operation, none of which may get a server
error (5xx). Solver limits are kept small and the queue large, so a burst of generated
plans of up to 26 weeks cannot fill the pool (503 would count as a 5xx too)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from service_helpers import Server, make_token

EXAMPLES = 25


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    folder = tmp_path_factory.mktemp("schemathesis")
    server = Server(
        folder, "--workers", "2", "--queue", "10000",
        "--time-limit", "0.5", "--max-time-limit", "1",
    )  # fmt: skip
    token = make_token(server.db_url, "fuzz")
    server.start()
    yield server, token
    server.stop()


def test_no_server_errors(fuzzed: tuple[Server, str]) -> None:
    """Every operation in the schema, EXAMPLES generated requests each. (The schema is
    loaded from the running server, so the operations are walked here rather than through
    schemathesis' pytest plugin, which needs the schema at collection time.)"""
    server, token = fuzzed
    api = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: Any) -> None:
            case.call_and_validate(
                base_url=server.url,
                headers={"Authorization": f"Bearer {token}"},
                checks=[not_a_server_error],
                timeout=60,
            )

        run()
