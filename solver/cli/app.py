"""The typer app every command is registered on, with help that shows plain words for
types and a --version flag. Kept apart from the commands so that each command module and
the package's __init__ can import it without importing each other."""

from __future__ import annotations

from typing import Annotated, Any

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Plan a hybrid athlete's week (running + strength) with OR-Tools CP-SAT.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# typer prints Python types after an option (<list[str]>, <float range>) and after an
# argument's metavar; help shows plain words instead (N, NUMBER, PATH, TEXT, a|b|c), and
# an argument's metavar alone.
_WORDS = {"str": "TEXT", "int": "N", "float": "NUMBER", "path": "PATH", "Path": "PATH"}


def _plain(shown: str) -> str:
    label = shown.strip("<>").removesuffix("...").removesuffix(" range")
    if label.startswith("list[") and label.endswith("]"):
        label = label[5:-1]
    return _WORDS.get(label, label)


def _readable(original: Any) -> Any:
    def display(param: Any, ctx: Any) -> str | None:
        if isinstance(param, typer.core.TyperArgument):
            return None
        if param.metavar is not None:
            return str(param.metavar)
        shown = original(param, ctx)
        return None if shown is None else _plain(str(shown))

    return display


for _param_class in (typer.core.TyperArgument, typer.core.TyperOption):
    if hasattr(_param_class, "display_type_rich"):  # typer 0.29's one hook for help types
        setattr(_param_class, "display_type_rich", _readable(_param_class.display_type_rich))  # noqa: B010


def _show_version(value: bool) -> None:
    if value:
        from hybridplan import __version__

        typer.echo(f"hybridplan {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="print the version and exit",
        ),
    ] = False,
) -> None:
    """Plan a hybrid athlete's week (running + strength) with OR-Tools CP-SAT."""
