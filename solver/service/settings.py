"""The server's settings and limits, in one frozen object that the CLI fills from its
options and the tests from their fixtures (no global state, no environment magic)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from hybridplan.models import limits

DEFAULT_DB = "sqlite:///hybridplan.db"


@dataclass(frozen=True)
class Settings:
    """What `hybridplan serve` runs with. Limits protect the machine: a request may ask for
    less solver time than `max_time_limit` but never more; bodies above `max_body_bytes`
    get 413; at most `workers + queue` solves are in flight, more get 503."""

    db_url: str = DEFAULT_DB
    host: str = "127.0.0.1"
    port: int = 8000
    no_auth: bool = False
    workers: int = 2
    queue: int = 32
    #: solver work (deterministic seconds) per request: the CLI's and the API's default
    default_time_limit: float = limits.DEFAULT_WORK_LIMIT
    max_time_limit: float = 60.0
    #: a whole request: a 1 MiB scenario pasted in the page's form, URL-encoded, fits
    #: (a JSON body's own limit is a scenario file's, limits.MAX_FILE_BYTES)
    max_body_bytes: int = 4 * limits.MAX_FILE_BYTES
    #: an upload of activity files (POST .../activities): its own limit, each file at most
    #: limits.MAX_ACTIVITY_FILE_BYTES, at most limits.MAX_UPLOAD_FILES files
    max_upload_bytes: int = limits.MAX_UPLOAD_BYTES
    #: seconds a client has to send a request's headers, and then its body (else the
    #: connection is closed, or 408): a client that connects and sends nothing, or a byte
    #: at a time, does not hold a connection for ever
    client_timeout: float = 15.0
    #: open connections at most; more get 503 (uvicorn's limit_concurrency)
    max_connections: int = 256
    #: blocks of more weeks than this run as jobs (202 + job id) unless asked otherwise
    job_weeks: int = 1

    @property
    def capacity(self) -> int:
        return self.workers + self.queue

    def time_limit(self, asked: float | None) -> float:
        """The solver time a request gets: what it asked for, capped by the server."""
        return min(asked if asked is not None else self.default_time_limit, self.max_time_limit)


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1: the only hosts `--no-auth` may bind."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
