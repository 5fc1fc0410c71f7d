"""The commands about scenario files themselves: write random ones (generate), a commented
starter (init) or the shipped examples (examples), check them without solving (validate),
and print their JSON Schema (schema)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hybridplan.cli.common import fail, is_stdout, load_inputs, write_new
from hybridplan.models import limits


def generate_cmd(
    out: Annotated[
        Path, typer.Option("--out", help="directory for the scenario files", metavar="DIR")
    ],
    count: Annotated[
        int, typer.Option("--count", min=1, max=100_000, help="how many scenarios")
    ] = 100,
    seed: Annotated[
        int, typer.Option("--seed", min=0, max=limits.MAX_SEED, help="same seed, same files")
    ] = 0,
    blocks: Annotated[
        int,
        typer.Option("--blocks", min=0, max=10_000, help="race blocks of several weeks, too"),
    ] = 0,
    force: Annotated[bool, typer.Option("--force", help="replace existing files")] = False,
) -> None:
    """Write realistic random scenarios (about 10% infeasible by construction, named
    ...-infeasible) for scale tests and benchmarks, and with --blocks race blocks (6-16
    weeks to a 5k, 10k, half or marathon, named race-NNNN-DISTANCE-WEEKSw).

    Example: hybridplan generate --count 100 --blocks 10 --seed 1 --out weeks/"""
    import yaml

    from hybridplan.batch.generate import generate

    scenarios = generate(count, seed, blocks=blocks)
    paths = [out / f"{s['name']}.yaml" for s in scenarios]
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        fail(
            [f"--out: {existing[0]} exists ({len(existing)} files would be replaced); pass --force"]
        )
    for path, data in zip(paths, scenarios, strict=True):
        write_new(path, yaml.safe_dump(data, sort_keys=False).encode(), True)
    typer.echo(f"{len(paths)} scenarios in {out}")


class StarterGoal(StrEnum):
    endurance = "endurance"
    hybrid = "hybrid"
    strength = "strength"


def init_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            help="the scenario file to write (.yaml), or - for the screen", metavar="FILE"
        ),
    ],
    goal: Annotated[
        StarterGoal, typer.Option("--goal", help="what the week is for")
    ] = StarterGoal.hybrid,
    force: Annotated[bool, typer.Option("--force", help="replace FILE")] = False,
) -> None:
    """Write a commented starter scenario for a goal (a week that solves as it is), to
    edit: availability, targets, preferences, the rule set.

    Example: hybridplan init --goal endurance me.yaml && hybridplan solve me.yaml"""
    import datetime as dt
    import re

    from hybridplan.outputs.starter import starter_scenario

    name = "my-week" if is_stdout(file) else re.sub(r"[^\w.-]+", "-", file.stem) or "my-week"
    text = starter_scenario(goal.value, name[: limits.MAX_NAME], dt.date.today())
    if is_stdout(file):
        typer.echo(text, nl=False)
        return
    write_new(file, text.encode(), force, "FILE")
    typer.echo(f"wrote {file}; next: hybridplan solve {file}")


def examples_cmd(
    directory: Annotated[
        Path, typer.Argument(help="where to put them (made if missing)", metavar="DIR")
    ] = Path("scenarios"),
    force: Annotated[bool, typer.Option("--force", help="replace files already there")] = False,
) -> None:
    """Copy the shipped example scenarios (weeks, race blocks, two infeasible on purpose)
    into DIR, so that the documentation's commands work after `pip install hybridplan`.

    Example: hybridplan examples && hybridplan solve scenarios/marathon-build.yaml"""
    from importlib.resources import files

    shipped = sorted(
        (
            f
            for f in files("hybridplan.examples").iterdir()
            if f.name.endswith((".yaml", ".toml", ".json"))
        ),
        key=lambda f: f.name,
    )
    existing = [directory / f.name for f in shipped if (directory / f.name).exists()]
    if existing and not force:
        fail([f"{existing[0]} exists ({len(existing)} of {len(shipped)} files would be "
               "replaced); pass --force, or name another directory"])  # fmt: skip
    for f in shipped:
        write_new(directory / f.name, f.read_bytes(), True, "DIR")
    typer.echo(f"{len(shipped)} scenarios in {directory}; try: hybridplan solve "
               f"{directory / 'marathon-build.yaml'}")  # fmt: skip


def validate_cmd(
    files: Annotated[list[Path], typer.Argument(help="scenario files to check", metavar="FILE...")],
) -> None:
    """Check scenario files (and the rule sets they name) without solving.

    Example: hybridplan validate scenarios/*.yaml"""
    for week, f in zip(load_inputs(files, None), files, strict=True):
        typer.echo(
            f"{f}: ok ({week.scenario.name}, rules {week.rules.name}, "
            f"{len(week.sessions)} session types)"
        )


def schema_cmd() -> None:
    """Print the scenario file's JSON Schema (for editors: yaml-language-server).

    Example: hybridplan schema > scenario.schema.json"""
    from hybridplan.models.schema import scenario_schema_text

    typer.echo(scenario_schema_text(), nl=False)
