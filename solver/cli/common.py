"""What the commands share: reporting bad input (one line each on stderr, exit 2), reading
scenario and result files as carefully as every front door does, writing a file without
replacing one unasked, and `-` for standard output."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from hybridplan.models import limits
from hybridplan.models.errors import InputError, Problem

if TYPE_CHECKING:
    from hybridplan.models.plan_input import PlanInput
    from hybridplan.models.result import Result


def is_stdout(path: Path) -> bool:
    """`--out -`: standard output."""
    return str(path) == "-"


def plural(n: int, word: str) -> str:
    from hybridplan.models.week import plural

    return plural(n, word)


def fail(problems: list[Problem] | list[str]) -> NoReturn:
    """Bad input: each problem on stderr (at most limits.MAX_PROBLEMS), then exit 2."""
    from hybridplan.models.errors import one_line

    for p in problems[: limits.MAX_PROBLEMS]:
        typer.echo(f"error: {p if isinstance(p, Problem) else one_line(p, 1000)}", err=True)
    if len(problems) > limits.MAX_PROBLEMS:
        typer.echo(f"error: ... and {len(problems) - limits.MAX_PROBLEMS:,} more", err=True)
    raise typer.Exit(2)


def load_inputs(files: list[Path], rules: str | None) -> list[PlanInput]:
    """The plan inputs of scenario or result files, `rules` (a --rules value) over each
    one's own rule set; every file's problems are reported together, then exit 2."""
    from hybridplan.models.loading import load_plan_input, load_rule_set

    rule_set = None
    if rules is not None:
        try:
            rule_set = load_rule_set(rules)
        except InputError as exc:
            fail([f"--rules: {p.message}" if p.field == "rules" else str(p) for p in exc.problems])
    weeks: list[PlanInput] = []
    problems: list[Problem] = []
    for f in files:
        try:
            if is_result(f):  # a result carries its scenario and rule set
                from hybridplan.models.loading import input_from_result, read_result
                from hybridplan.verify import verify_result

                stored = input_from_result(read_result(f, verify_result))
                weeks.append(
                    stored if rule_set is None
                    else stored.with_rules(rule_set.with_overrides(stored.scenario.rules.override))
                )  # fmt: skip
            else:
                weeks.append(load_plan_input(f, rule_set))
        except InputError as exc:
            problems += exc.problems
    if problems:
        fail(problems)
    return weeks


def is_result(path: Path) -> bool:
    """A result file (solve --format json), or meant as one: a JSON document with a
    `status` or `rule_set` (fields no scenario has), so that a broken result is told as
    one ("not a hybridplan result"), not as a scenario missing its name."""
    if path.suffix.lower() != ".json":
        return False
    from hybridplan.models.loading import read_document

    try:
        data, _ = read_document(path)
    except InputError:
        return False  # reading it as a scenario reports the problem
    return isinstance(data, dict) and ("status" in data or "rule_set" in data)


def slot_order(week: PlanInput) -> list[str]:
    """Slot names in clock order (the first day's slots)."""
    return [s.name for s in week.slots[: len(week.scenario.slots)]]


def read_result(path: Path) -> Result:
    """A result file, read as carefully as a scenario (a regular file, 1 MiB, strict JSON)
    and validated strictly: an edited or cut-short file is bad input (exit 2)."""
    from hybridplan.models.loading import read_result
    from hybridplan.verify import verify_result

    try:
        return read_result(path, verify_result)
    except InputError as exc:
        fail(exc.problems)


def in_file(path: Path, exc: InputError) -> list[Problem]:
    """Problems of a result's stored input, named in the result file."""
    return [p if p.file else p.at(str(path), None) for p in exc.problems]


def write_new(path: Path, data: bytes, force: bool, option: str = "--out") -> None:
    """Write `data` to `path`, refusing to replace a file unless `force` (bad input for
    `option` otherwise)."""
    from hybridplan.outputs.files import write_new

    try:
        write_new(path, data, force=force, option=option)
    except InputError as exc:
        fail(exc.problems)
