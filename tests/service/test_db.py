"""The database: the shipped Alembic migrations make exactly the schema the ORM models
describe, running them twice changes nothing, tokens are stored as hashes only, and every
read is limited to its coach."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from hybridplan.service.db import Base, Store, hash_token
from hybridplan.service.settings import Settings, is_loopback


def test_migrations_make_the_models_schema(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    store.migrate()
    store.migrate()  # up to date: nothing to do
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
        tables = set(inspect(connection).get_table_names())
    assert tables >= {"coaches", "tokens", "athletes", "plans", "plan_versions", "jobs",
                      "alembic_version"}  # fmt: skip
    store.close()


def test_tokens_are_stored_hashed_and_plans_belong_to_their_coach(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'b.db'}")
    store.migrate()
    token = store.create_token("anna")
    other = store.create_token("ben")
    anna, ben = store.coach_for_token(token), store.coach_for_token(other)
    assert anna is not None and ben is not None and anna != ben
    assert store.coach_for_token(token + "x") is None
    with store.engine.connect() as connection:
        stored = [row[0] for row in connection.execute(text("SELECT token_hash FROM tokens"))]
    assert token not in stored and hash_token(token) in stored
    plan = store.add_plan(anna, "athlete", {"scenario": "w", "status": "optimal"})
    assert store.add_version(plan, {"scenario": "w", "status": "optimal"}) == 2
    assert store.plan(anna, plan) is not None and store.plan(anna, plan, 1) is not None
    assert store.plan(ben, plan) is None and store.versions(ben, plan) is None
    assert store.plans(ben) == [] and [p.id for p in store.plans(anna)] == [plan]
    store.close()


def test_settings_cap_time_and_know_loopback() -> None:
    settings = Settings(default_time_limit=10, max_time_limit=30)
    assert settings.time_limit(None) == 10
    assert settings.time_limit(5) == 5
    assert settings.time_limit(500) == 30
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.5.0.1", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.2", "example.org", "::"))
