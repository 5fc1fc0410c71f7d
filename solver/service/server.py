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
        http=timed_protocol(settings.client_timeout),
        timeout_keep_alive=IDLE_SECONDS,
        limit_concurrency=settings.max_connections,
    )


# Seconds an idle keep-alive connection stays open between requests (uvicorn's default,
# said here so the docs can give it).
IDLE_SECONDS = 5


def timed_protocol(seconds: float) -> type:
    """uvicorn's h11 protocol, closing a connection whose request headers have not arrived
    `seconds` after it opened or after its last response (uvicorn times out only the idle
    wait after a response: a client that connected and sent nothing, or headers a byte at a
    time, held its connection for ever). The body's time is Guard's (408)."""
    import asyncio

    from uvicorn.protocols.http.h11_impl import H11Protocol

    class TimedH11Protocol(H11Protocol):
        _late: asyncio.TimerHandle | None = None

        def _arm(self) -> None:
            if self._late is not None:
                self._late.cancel()
            self._late = self.loop.call_later(seconds, self._headers_late)

        def _headers_late(self) -> None:
            self._late = None
            waiting = self.cycle is None or self.cycle.response_complete
            if waiting and not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._late is not None:
                self._late.cancel()
                self._late = None
            super().connection_lost(exc)

    return TimedH11Protocol
