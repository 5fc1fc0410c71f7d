"""The planning service's commands: `serve`, and `token create|list|revoke` for its coaches.
The service's packages (FastAPI, SQLAlchemy, uvicorn) are imported inside these commands
only: the other commands never load them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from hybridplan.cli.common import fail
from hybridplan.models import limits

if TYPE_CHECKING:
    from hybridplan.service.db import Store

T = TypeVar("T")


DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        metavar="URL",
        help="database URL: sqlite:///FILE (default, in the working directory) or "
        "postgresql+psycopg://USER:PASSWORD@HOST/NAME",
    ),
]


def serve_cmd(
    host: Annotated[
        str, typer.Option("--host", help="address to bind", metavar="ADDRESS")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="port")] = 8000,
    db: DbOption = "sqlite:///hybridplan.db",
    no_auth: Annotated[
        bool,
        typer.Option(
            "--no-auth", help="single user, no tokens (refused unless bound to a loopback address)"
        ),
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="solver processes in the pool")
    ] = 2,
    queue: Annotated[
        int, typer.Option("--queue", min=0, help="solves waiting beyond the workers; more get 503")
    ] = 32,
    time_limit: Annotated[
        float,
        typer.Option(
            "--work-limit",
            "--time-limit",
            min=0.01,
            help="default solver work per request (deterministic seconds; the CLI's and the "
            "API's default)",
        ),
    ] = limits.DEFAULT_WORK_LIMIT,
    max_time_limit: Annotated[
        float,
        typer.Option(
            "--max-work-limit",
            "--max-time-limit",
            min=0.01,
            help="the most solver work (deterministic seconds) a request gets",
        ),
    ] = 60.0,
    max_body: Annotated[
        int,
        typer.Option(
            "--max-body",
            min=1024,
            help="largest request body in bytes (413); a JSON body's limit is a "
            "scenario file's, 1 MiB, whatever this says",
        ),
    ] = 4 * limits.MAX_FILE_BYTES,
    max_upload: Annotated[
        int,
        typer.Option(
            "--max-upload",
            min=1024,
            help="largest upload of activity files in bytes (POST /v1/plans/ID/activities "
            "and the page's form; 413); each file at most 16 MiB, at most 100 files",
        ),
    ] = limits.MAX_UPLOAD_BYTES,
    client_timeout: Annotated[
        float,
        typer.Option(
            "--client-timeout",
            min=0.1,
            max=3600,
            help="seconds a client has to send a request's headers, then its body "
            "(closed, or 408); idle keep-alive connections close after 5 s",
        ),
    ] = 15.0,
) -> None:
    """Run the planning service: the HTTP API under /v1, the planner's page at /, and
    /openapi.json. Plans are kept in the database (--db).

    Example: hybridplan token create anna && hybridplan serve --port 8000"""
    from hybridplan.service.server import RefusedSettings, serve
    from hybridplan.service.settings import Settings

    settings = Settings(
        db_url=db,
        host=host,
        port=port,
        no_auth=no_auth,
        workers=workers,
        queue=queue,
        default_time_limit=min(time_limit, max_time_limit),
        max_time_limit=max_time_limit,
        max_body_bytes=max_body,
        max_upload_bytes=max_upload,
        client_timeout=client_timeout,
    )
    try:
        serve(settings)
    except RefusedSettings as exc:
        fail([str(exc)])


token_app = typer.Typer(no_args_is_help=True, help="API tokens of coaches for `hybridplan serve`.")


@token_app.command("create")
def token_create_cmd(
    name: Annotated[str, typer.Argument(help="the coach's name (made if new)", metavar="NAME")],
    db: DbOption = "sqlite:///hybridplan.db",
) -> None:
    """Print a new API token for coach NAME. Only its hash is stored: keep it now, it
    cannot be shown again. Send it as `Authorization: Bearer TOKEN`.

    Example: hybridplan token create "Anna Berg" --db sqlite:///plans.db"""
    if not name.strip() or len(name) > 200:
        fail(["NAME: give the coach's name (1-200 characters)"])
    token: str = _in_store(db, lambda store: store.create_token(name.strip()))
    typer.echo(token)


def _in_store(db: str, work: Callable[[Store], T]) -> T:
    """`work` on the service's database at `db` (migrated first), closed after; a database
    that cannot be used is bad input (exit 2), named by the option."""
    from sqlalchemy.exc import SQLAlchemyError

    from hybridplan.service.db import Store

    store = Store(db)
    try:
        store.migrate()
        return work(store)
    except SQLAlchemyError as exc:
        fail([f"--db: cannot use the database: {type(exc).__name__}"])
    finally:
        store.close()


@token_app.command("list")
def token_list_cmd(db: DbOption = "sqlite:///hybridplan.db") -> None:
    """List the tokens: id, coach and when it was made (never the token: only its hash
    is stored). Revoke one with `hybridplan token revoke ID`."""
    from hybridplan.models.errors import one_line

    rows = _in_store(db, lambda store: store.tokens())
    for token_id, coach, created in rows:
        made = created.isoformat(timespec="seconds")
        typer.echo(f"{token_id}\t{one_line(coach, 200)}\t{made}")


@token_app.command("revoke")
def token_revoke_cmd(
    token_id: Annotated[
        int,
        typer.Argument(help="the token's id (`token list`)", metavar="ID", min=1, max=2**31 - 1),
    ],
    db: DbOption = "sqlite:///hybridplan.db",
) -> None:
    """Revoke token ID at once: requests with it get 401 from then on.

    Example: hybridplan token revoke 3 --db sqlite:///plans.db"""
    revoked = _in_store(db, lambda store: store.revoke_token(token_id))
    if not revoked:
        fail([f"ID: no token {token_id} (`hybridplan token list` shows them)"])
    typer.echo(f"token {token_id} revoked")
