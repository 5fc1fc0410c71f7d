"""Running the service: the checks `hybridplan serve` makes before it binds (no
`--no-auth` off loopback), logging without secrets, and uvicorn itself."""

from __future__ import annotations

import logging

from hybridplan.service.settings import Settings, is_loopback


class RefusedSettings(ValueError):
    """Settings the server will not run with; the message says why."""


def check(settings: Settings) -> None:
    if settings.no_auth and not is_loopback(settings.host):
        raise RefusedSettings(
            f"--no-auth is refused on {settings.host}: without tokens anyone who can reach "
            "the server sees every plan; bind a loopback address (--host 127.0.0.1)"
        )
    if settings.workers < 1 or settings.queue < 0:
        raise RefusedSettings("--workers must be at least 1 and --queue at least 0")


def serve(settings: Settings) -> None:
    """Run until interrupted. uvicorn's own access log is off: ours (in app.py) writes
    the path without the query string, which may carry a `?token=`."""
    import uvicorn

    from hybridplan.service.app import create_app

    check(settings)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        access_log=False,
        log_level="info",
        proxy_headers=False,
        server_header=False,
    )
