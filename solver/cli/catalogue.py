"""What is built in, listed: the rule sets and the rule catalogue (`rules`), and the session
catalogue (`sessions`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from hybridplan.cli.common import fail


class ListFormat(StrEnum):
    table = "table"
    json = "json"


ListFormatOption = Annotated[ListFormat, typer.Option("--format", help="output format")]


def rules_cmd(
    show: Annotated[
        str | None,
        typer.Option(
            "--show",
            help="print this built-in rule set's YAML, to copy and edit",
            metavar="NAME",
        ),
    ] = None,
    fmt: ListFormatOption = ListFormat.table,
) -> None:
    """List the built-in rule sets and the rule catalogue with its defaults.

    Examples:

      hybridplan rules --show strict > my-rules.yaml

      hybridplan rules --format json"""
    from rich.console import Console
    from rich.table import Table

    from hybridplan.models.loading import builtin_rule_set_text, builtin_rule_sets, load_rule_set
    from hybridplan.models.rules import RULE_CONFIGS, CoachRuleConfig

    if show is not None:
        if show not in builtin_rule_sets():
            fail([f"--show: unknown rule set {show!r}; built-in: {', '.join(builtin_rule_sets())}"])
        typer.echo(builtin_rule_set_text(show), nl=False)
        return
    if fmt is ListFormat.json:
        import json

        typer.echo(json.dumps(_rules_document(), indent=2))
        return
    console = Console()
    sets = Table(title="rule sets", title_justify="left")
    sets.add_column("rule set", no_wrap=True)
    for name in ("rules", "description"):
        sets.add_column(name)
    for name in builtin_rule_sets():
        rs = load_rule_set(name)
        sets.add_row(name, ", ".join(rs.rules), rs.description)
    console.print(sets)
    cat = Table(title="rule catalogue", title_justify="left")
    cat.add_column("rule", no_wrap=True, min_width=max(len(r) for r in RULE_CONFIGS))
    for name in ("level", "defaults", "what it does"):
        cat.add_column(name)
    for rid, cls in RULE_CONFIGS.items():
        defaults = ", ".join(f"{k}={v}" for k, v in cls().model_dump().items() if k != "enabled")
        level = "soft/hard" if issubclass(cls, CoachRuleConfig) else cls.LEVEL
        cat.add_row(rid, level, defaults, " ".join((cls.__doc__ or "").split()))
    console.print(cat)


def _rules_document() -> dict[str, object]:
    """`rules --format json`: the rule sets with their rules' parameters, and the catalogue
    of rules with level, defaults and description."""
    from hybridplan.models.loading import builtin_rule_sets, load_rule_set
    from hybridplan.models.rules import RULE_CONFIGS, CoachRuleConfig

    def level(cls: type) -> str:
        base = "soft or hard" if issubclass(cls, CoachRuleConfig) else str(cls.LEVEL)  # type: ignore[attr-defined]
        return base + (" (automatic)" if getattr(cls, "AUTOMATIC", False) else "")

    sets = []
    for name in builtin_rule_sets():
        rs = load_rule_set(name)
        sets.append({
            "name": name,
            "description": rs.description,
            "rules": {rid: cfg.model_dump(mode="json") for rid, cfg in rs.rules.items()},
        })  # fmt: skip
    catalogue = [
        {
            "id": rid,
            "level": level(cls),
            "defaults": cls().model_dump(mode="json"),
            "description": " ".join((cls.__doc__ or "").split()),
        }
        for rid, cls in RULE_CONFIGS.items()
    ]
    return {"rule_sets": sets, "rules": catalogue}


def sessions_cmd(fmt: ListFormatOption = ListFormat.table) -> None:
    """List the built-in session catalogue (ids, kind, minutes, intensity, RPE, load, legs,
    sets per muscle group); --format json gives every field.

    Example: hybridplan sessions --format json"""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from hybridplan.models.catalogue import default_catalogue

    catalogue = default_catalogue()
    if fmt is ListFormat.json:
        import json

        typer.echo(json.dumps([s.model_dump(mode="json") for s in catalogue.values()], indent=2))
        return
    # one line per session at 80 columns: short headings, the sets column wraps last
    t = Table(title="session catalogue", title_justify="left", box=box.SIMPLE_HEAD,
              pad_edge=False, collapse_padding=True)  # fmt: skip
    t.add_column("id", no_wrap=True)
    for name in ("min", "int.", "RPE", "legs"):
        t.add_column(name, no_wrap=True)
    t.add_column("sets", ratio=1, min_width=20)
    for s in catalogue.values():
        t.add_row(
            s.id,
            str(s.minutes),
            s.intensity,
            str(s.rpe),
            s.legs if s.is_strength else "",
            # a muscle group and its sets never part: the column wraps between groups only
            ", ".join(f"{m}:{n}" for m, n in s.sets.items()),
        )
    Console().print(t)
    Console().print(
        "int. = intensity; sets per muscle group; --format json for every field (type, load)",
        style="dim",
    )
