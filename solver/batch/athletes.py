"""Many athletes at once: a folder of athletes' exports, one folder per athlete holding
its plan (`plan.json`, a result file) and its activity files, imported and replanned as a
batch on the batch runner (a process pool or Dask: `run_tasks` with `import_one` as the
work). Each athlete is one task: a bad file or an unplannable block is that athlete's
outcome, never the batch's end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hybridplan.batch.tasks import Options, Outcome
from hybridplan.models.errors import InputError

PLAN_FILE = "plan.json"
ATHLETE_COLUMNS = [
    "athlete", "status", "objective", "added", "repeated", "done", "partial", "missed",
    "moved", "extra", "weeks", "error",
]  # fmt: skip


def athlete_folders(root: Path) -> list[tuple[str, str]]:
    """(folder, athlete name) for each folder of `root` that holds a plan.json, by name;
    InputError when there is none."""
    from hybridplan.models.errors import Problem

    if not root.is_dir():
        raise InputError([Problem("ATHLETES", f"{root} is not a folder")])
    found = sorted(
        (str(d), d.name)
        for d in root.iterdir()
        if d.is_dir() and not d.name.startswith(".") and (d / PLAN_FILE).is_file()
    )
    if not found:
        raise InputError(
            [Problem("ATHLETES", f"{root}: no folder with a {PLAN_FILE} (one folder per athlete)")]
        )
    return found


def import_one(source: Any, name: str, options: Options) -> Outcome:
    """One athlete: its folder's activity files into its plan's log, the block replanned.
    Never raises: bad input and internal errors become the outcome's error."""
    from hybridplan.log.adapting import import_activities
    from hybridplan.log.importing import read_activities
    from hybridplan.models.loading import input_from_result, read_result
    from hybridplan.verify import verify_result

    folder = Path(str(source))
    row: dict[str, Any] = {"athlete": name}
    try:
        previous = read_result(folder / PLAN_FILE, verify_result)
        files = sorted(p for p in folder.iterdir() if p.name != PLAN_FILE and p.is_file())
        zone = input_from_result(previous).scenario.timezone
        activities = read_activities(files, timezone=zone) if files else []
        imported = import_activities(
            previous, activities, seed=options.seed, work_limit=options.work_limit,
            time_limit=options.time_limit,
        )  # fmt: skip
    except InputError as exc:
        error = "; ".join(str(p) for p in exc.problems[:5])
        return Outcome(str(folder), name, error=error, row={**row, "status": "invalid",
                                                              "error": error})  # fmt: skip
    except Exception as exc:  # a bug, not bad input: this athlete only, said as such
        error = f"internal error: {type(exc).__name__}: {exc}"
        return Outcome(str(folder), name, error=error, row={**row, "status": "error",
                                                              "error": error})  # fmt: skip
    result = imported.result
    counts = {s: sum(e.status == s for e in imported.entries)
              for s in ("done", "partial", "missed", "moved", "extra")}  # fmt: skip
    row.update(
        status=result.status, objective=result.objective, added=len(imported.added),
        repeated=len(imported.repeated), weeks=" ".join(map(str, imported.weeks)), error="",
        **counts,
    )  # fmt: skip
    return Outcome(str(folder), name, result=result, row=row)
