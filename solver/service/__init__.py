"""The planning service: `hybridplan serve`, an HTTP API under /v1 and a planner's page
over the same calls as the Python API (solve, explain, replan, export), with plans, their
versions and athletes kept in a database (SQLite by default, PostgreSQL by URL).

A thin layer at the top of the package: it may import everything below it and nothing
below imports it. Its own dependencies (FastAPI, SQLAlchemy, Alembic, Jinja2, uvicorn) are
imported only here, so `hybridplan solve` and `hybridplan --help` never load them.

    from hybridplan.service.app import create_app
    from hybridplan.service.settings import Settings
"""
