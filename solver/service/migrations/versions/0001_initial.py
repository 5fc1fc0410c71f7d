"""The first schema: coaches, tokens, athletes, plans with their versions, and jobs.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _when() -> sa.Column[dt.datetime]:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "coaches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        _when(),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "coach_id", sa.Integer(), sa.ForeignKey("coaches.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        _when(),
    )
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "coach_id", sa.Integer(), sa.ForeignKey("coaches.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        _when(),
        sa.UniqueConstraint("coach_id", "name"),
    )
    op.create_index("ix_athletes_coach_id", "athletes", ["coach_id"])
    op.create_table(
        "plans",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "coach_id", sa.Integer(), sa.ForeignKey("coaches.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "athlete_id", sa.Integer(), sa.ForeignKey("athletes.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("scenario", sa.String(200), nullable=False),
        _when(),
    )
    op.create_index("ix_plans_coach_id", "plans", ["coach_id"])
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "plan_id", sa.String(32), sa.ForeignKey("plans.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=True),
        _when(),
        sa.UniqueConstraint("plan_id", "version"),
    )
    op.create_index("ix_plan_versions_plan_id", "plan_versions", ["plan_id"])
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "coach_id", sa.Integer(), sa.ForeignKey("coaches.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("plan_id", sa.String(32), nullable=True),
        sa.Column("output", sa.JSON(), nullable=True),
        _when(),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_jobs_coach_id", "jobs", ["coach_id"])


def downgrade() -> None:
    for table in ("jobs", "plan_versions", "plans", "athletes", "tokens", "coaches"):
        op.drop_table(table)
