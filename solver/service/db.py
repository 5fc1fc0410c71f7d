"""The service's database: coaches and their API tokens (hashed), athletes, plans with
every version (the first solve, then each replan) and long-running jobs.

SQLAlchemy 2.x ORM, so the same code runs on SQLite (the default, a file in the working
directory) and PostgreSQL (by URL). The schema is made and upgraded only by the Alembic
migrations shipped beside this module (`migrate()`), never by `create_all`, so a database
written by one version opens in the next. Results are kept as the public JSON contract
(`Result.to_dict()`), so what the API returns is what was stored.

Every read that takes an id also takes the coach: a plan, athlete or job of another coach
is simply not found, which the API turns into 404.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
TOKEN_PREFIX = "hp_"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_id() -> str:
    """Random, unguessable ids: a plan id reveals nothing about other plans."""
    return uuid.uuid4().hex


def hash_token(token: str) -> str:
    """Tokens carry 256 random bits, so one round of SHA-256 is enough to store them: a
    leaked database gives no usable token, and lookups stay a single indexed query."""
    return hashlib.sha256(token.encode()).hexdigest()


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        dt.datetime: DateTime(timezone=True),
    }


class Coach(Base):
    __tablename__ = "coaches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)


class Token(Base):
    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coach_id: Mapped[int] = mapped_column(ForeignKey("coaches.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)


class Athlete(Base):
    __tablename__ = "athletes"
    __table_args__ = (UniqueConstraint("coach_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coach_id: Mapped[int] = mapped_column(ForeignKey("coaches.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)


class PlanRow(Base):
    __tablename__ = "plans"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    coach_id: Mapped[int] = mapped_column(ForeignKey("coaches.id", ondelete="CASCADE"), index=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    scenario: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)


class VersionRow(Base):
    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # solve | replan | restore | import
    status: Mapped[str] = mapped_column(String(20))
    result: Mapped[dict[str, Any]]
    explanation: Mapped[dict[str, Any] | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)


class JobRow(Base):
    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    coach_id: Mapped[int] = mapped_column(ForeignKey("coaches.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # solve | replan | explain | import
    status: Mapped[str] = mapped_column(String(20))  # queued | done | failed | cancelled
    request: Mapped[dict[str, Any]]
    plan_id: Mapped[str | None] = mapped_column(String(32))
    output: Mapped[dict[str, Any] | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    finished_at: Mapped[dt.datetime | None]


# ------------------------------------------------------------------------------ views
@dataclass(frozen=True)
class StoredPlan:
    """One version of a plan as the API and the page read it."""

    id: str
    version: int
    versions: int
    athlete: str
    kind: str
    result: dict[str, Any]
    explanation: dict[str, Any] | None


@dataclass(frozen=True)
class PlanListing:
    id: str
    athlete: str
    scenario: str
    status: str
    version: int
    created_at: dt.datetime


@dataclass(frozen=True)
class VersionListing:
    version: int
    kind: str
    status: str
    objective: int | None
    changes: list[str]
    created_at: dt.datetime


@dataclass(frozen=True)
class StoredJob:
    id: str
    kind: str
    status: str
    request: dict[str, Any]
    plan_id: str | None
    output: dict[str, Any] | None
    coach_id: int


# ------------------------------------------------------------------------------ engine
def make_engine(url: str) -> Engine:
    """An engine for `url`. SQLite gets write-ahead logging and a busy timeout, so many
    concurrent requests write one after the other instead of failing with 'locked'."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:
            cursor = conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema with the shipped Alembic migrations (a new
    file gets every table; an up-to-date one is left alone)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Store:
    """Every database read and write the service makes. Methods are synchronous: the app
    calls them in a worker thread so the event loop never waits on the database."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def migrate(self) -> None:
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    # -- coaches and tokens -------------------------------------------------------------
    def coach_id(self, name: str) -> int:
        """The coach called `name`, made if new."""
        with self._session() as s:
            found = s.scalar(select(Coach.id).where(Coach.name == name))
            if found is not None:
                return found
            coach = Coach(name=name)
            s.add(coach)
            s.flush()
            return coach.id

    def create_token(self, name: str) -> str:
        """A new token for coach `name` (made if new). Only its hash is stored: the token
        itself is returned once, here."""
        coach = self.coach_id(name)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self._session() as s:
            s.add(Token(coach_id=coach, token_hash=hash_token(token)))
        return token

    def tokens(self) -> list[tuple[int, str, dt.datetime]]:
        """(id, coach, created) of every token, oldest first: what `token list` shows.
        The tokens themselves are not stored, only their hashes."""
        with self._session() as s:
            rows = s.execute(
                select(Token.id, Coach.name, Token.created_at)
                .join(Coach, Coach.id == Token.coach_id)
                .order_by(Token.id)
            )
            return [(i, name, created) for i, name, created in rows]

    def revoke_token(self, token_id: int) -> bool:
        """Delete the token with this id; False when there is none."""
        with self._session() as s:
            found = s.get(Token, token_id)
            if found is None:
                return False
            s.delete(found)
            return True

    def coach_for_token(self, token: str) -> int | None:
        with self._session() as s:
            return s.scalar(select(Token.coach_id).where(Token.token_hash == hash_token(token)))

    def coach_name(self, coach_id: int) -> str:
        with self._session() as s:
            return s.get_one(Coach, coach_id).name

    # -- athletes and plans ---------------------------------------------------------------
    def _athlete(self, s: Session, coach_id: int, name: str) -> Athlete:
        athlete = s.scalar(
            select(Athlete).where(Athlete.coach_id == coach_id, Athlete.name == name)
        )
        if athlete is None:
            athlete = Athlete(coach_id=coach_id, name=name)
            s.add(athlete)
            s.flush()
        return athlete

    def athletes(self, coach_id: int) -> list[tuple[str, list[str]]]:
        """(athlete, plan ids) of one coach."""
        with self._session() as s:
            rows = s.execute(
                select(Athlete.name, PlanRow.id)
                .outerjoin(PlanRow, PlanRow.athlete_id == Athlete.id)
                .where(Athlete.coach_id == coach_id)
                .order_by(Athlete.name, PlanRow.created_at)
            ).all()
        out: dict[str, list[str]] = {}
        for name, plan in rows:
            out.setdefault(name, [])
            if plan is not None:
                out[name].append(plan)
        return list(out.items())

    def add_plan(self, coach_id: int, athlete: str, result: dict[str, Any]) -> str:
        """A new plan (version 1) for one of the coach's athletes (made if new)."""
        for attempt in range(5):
            try:
                with self._session() as s:
                    row = PlanRow(
                        coach_id=coach_id,
                        athlete_id=self._athlete(s, coach_id, athlete).id,
                        scenario=str(result.get("scenario", "")),
                    )
                    s.add(row)
                    s.flush()
                    s.add(_version(row.id, 1, "solve", result))
                    return row.id
            except IntegrityError:  # two requests made the same new athlete at once
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def add_version(self, plan_id: str, result: dict[str, Any], kind: str = "replan") -> int:
        """The plan's next version; concurrent replans of one plan each get their own."""
        for attempt in range(5):
            try:
                with self._session() as s:
                    latest = s.scalar(
                        select(func.max(VersionRow.version)).where(VersionRow.plan_id == plan_id)
                    )
                    number = (latest or 0) + 1
                    s.add(_version(plan_id, number, kind, result))
                    return number
            except IntegrityError:
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def plan(self, coach_id: int, plan_id: str, version: int | None = None) -> StoredPlan | None:
        """A version (default: the newest) of one of the coach's plans, or None."""
        with self._session() as s:
            found = s.execute(
                select(PlanRow, Athlete.name)
                .join(Athlete, Athlete.id == PlanRow.athlete_id)
                .where(PlanRow.id == plan_id, PlanRow.coach_id == coach_id)
            ).first()
            if found is None:
                return None
            count = s.scalar(
                select(func.max(VersionRow.version)).where(VersionRow.plan_id == plan_id)
            )
            number = version if version is not None else count
            row = s.scalar(
                select(VersionRow).where(
                    VersionRow.plan_id == plan_id, VersionRow.version == number
                )
            )
            if row is None or count is None:
                return None
            return StoredPlan(
                plan_id, row.version, count, found[1], row.kind, row.result, row.explanation
            )

    def versions(self, coach_id: int, plan_id: str) -> list[VersionListing] | None:
        with self._session() as s:
            owned = s.scalar(
                select(PlanRow.id).where(PlanRow.id == plan_id, PlanRow.coach_id == coach_id)
            )
            if owned is None:
                return None
            rows = s.scalars(
                select(VersionRow).where(VersionRow.plan_id == plan_id).order_by(VersionRow.version)
            ).all()
            return [
                VersionListing(
                    r.version,
                    r.kind,
                    r.status,
                    r.result.get("objective"),
                    list(r.result.get("changes") or []),
                    r.created_at,
                )
                for r in rows
            ]

    def plans(self, coach_id: int) -> list[PlanListing]:
        """The coach's plans, newest first, each with its newest version."""
        with self._session() as s:
            latest = (
                select(VersionRow.plan_id, func.max(VersionRow.version).label("version"))
                .group_by(VersionRow.plan_id)
                .subquery()
            )
            rows = s.execute(
                select(PlanRow, Athlete.name, VersionRow.status, VersionRow.version)
                .join(Athlete, Athlete.id == PlanRow.athlete_id)
                .join(latest, latest.c.plan_id == PlanRow.id)
                .join(
                    VersionRow,
                    (VersionRow.plan_id == PlanRow.id) & (VersionRow.version == latest.c.version),
                )
                .where(PlanRow.coach_id == coach_id)
                .order_by(PlanRow.created_at.desc())
            ).all()
            return [
                PlanListing(p.id, athlete, p.scenario, status, version, p.created_at)
                for p, athlete, status, version in rows
            ]

    def set_explanation(self, plan_id: str, version: int, explanation: dict[str, Any]) -> None:
        with self._session() as s:
            row = s.scalar(
                select(VersionRow).where(
                    VersionRow.plan_id == plan_id, VersionRow.version == version
                )
            )
            if row is not None:
                row.explanation = explanation

    # -- jobs ---------------------------------------------------------------------------
    def add_job(self, coach_id: int, kind: str, request: dict[str, Any]) -> str:
        with self._session() as s:
            row = JobRow(coach_id=coach_id, kind=kind, status="queued", request=request)
            s.add(row)
            s.flush()
            return row.id

    def job(self, job_id: str, coach_id: int | None = None) -> StoredJob | None:
        """A job; with `coach_id`, only if it is that coach's."""
        with self._session() as s:
            row = s.get(JobRow, job_id)
            if row is None or (coach_id is not None and row.coach_id != coach_id):
                return None
            return _job(row)

    def finish_job(
        self,
        job_id: str,
        status: str,
        *,
        plan_id: str | None = None,
        output: dict[str, Any] | None = None,
    ) -> bool:
        """Record how a job ended; False (and nothing written) if it had already ended, so
        a cancel and a finishing solve cannot both win."""
        with self._session() as s:
            row = s.get(JobRow, job_id, with_for_update=True)
            if row is None or row.status != "queued":
                return False
            row.status, row.plan_id, row.output = status, plan_id, output
            row.finished_at = _now()
            return True

    def unfinished_jobs(self) -> list[StoredJob]:
        """Jobs a previous server process accepted but did not finish."""
        with self._session() as s:
            rows = s.scalars(
                select(JobRow).where(JobRow.status == "queued").order_by(JobRow.created_at)
            ).all()
            return [_job(r) for r in rows]


def _version(plan_id: str, number: int, kind: str, result: dict[str, Any]) -> VersionRow:
    return VersionRow(
        plan_id=plan_id,
        version=number,
        kind=kind,
        status=str(result.get("status", "")),
        result=result,
        explanation=None,
    )


def _job(row: JobRow) -> StoredJob:
    return StoredJob(
        row.id, row.kind, row.status, row.request, row.plan_id, row.output, row.coach_id
    )
