"""The `hybridplan` command: solve (one week or a batch), bench, replan, export, explain,
diff, generate, and list rules, sessions and the schema; serve the planning service.

One module per group of commands (solve, bench, replan, export, explain, scenarios,
catalogue, service), the options several of them take in options.py, what they share
(reading files, reporting bad input) in common.py, and the typer app in app.py. The
commands are registered here, in the order `hybridplan --help` lists them.

Exit codes: 0 a schedule for every file, 1 some file infeasible or unsolved in time,
2 invalid input (without --out nothing is solved then; a batch records it and goes on),
3 an internal error (a bug: one line on stderr, the traceback in a log file), 130 after
Ctrl-C and 143 after SIGTERM (a batch keeps what it finished).
"""

from __future__ import annotations

import sys

import typer

from hybridplan.cli import (
    bench,
    catalogue,
    explain,
    export,
    form,
    log,
    replan,
    scenarios,
    service,
    solve,
)
from hybridplan.cli.app import app
from hybridplan.models.errors import InputError

app.command("solve")(solve.solve_cmd)
app.command("bench")(bench.bench_cmd)
app.command("replan")(replan.replan_cmd)
app.command("export")(export.export_cmd)
app.command("generate")(scenarios.generate_cmd)
app.command("init")(scenarios.init_cmd)
app.command("examples")(scenarios.examples_cmd)
app.command("explain")(explain.explain_cmd)
app.command("diff")(explain.diff_cmd)
app.command("form")(form.form_cmd)
app.add_typer(log.log_app, name="log")
app.command("validate")(scenarios.validate_cmd)
app.command("rules")(catalogue.rules_cmd)
app.command("sessions")(catalogue.sessions_cmd)
app.command("schema")(scenarios.schema_cmd)
app.command("serve")(service.serve_cmd)
app.add_typer(service.token_app, name="token")

__all__ = ["app", "main"]


def main() -> None:
    """The command, with its last line of defence: an exception that is not bad input is a
    bug, reported in one line with exit code 3 (scripts can tell it from an infeasible week,
    exit 1), its traceback kept in a log file."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except InputError as exc:  # a path that forgot to report it: still bad input
        for p in exc.problems:
            typer.echo(f"error: {p}", err=True)
        sys.exit(2)
    except Exception as exc:
        from hybridplan.crash import report_crash

        typer.echo(report_crash(exc), err=True)
        sys.exit(3)


if __name__ == "__main__":
    main()
