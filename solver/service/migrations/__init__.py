"""Alembic migrations of the service's database, shipped in the package and run by the
server on start-up (`hybridplan.service.db.migrate`)."""
