"""Fixtures of the service tests: one real server per test module (see
service_helpers.Server) and a token for each of two coaches."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from service_helpers import Server, make_token


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for a test module: 2 workers, short solver limits."""
    folder = tmp_path_factory.mktemp("service")
    srv = Server(folder, "--workers", "2", "--time-limit", "10", "--max-time-limit", "20")
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def tokens(server: Server) -> dict[str, str]:
    return {name: make_token(server.db_url, name) for name in ("anna", "ben")}
