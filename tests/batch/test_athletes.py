"""`hybridplan log import DIR --athletes`: a club's folder, one folder per athlete (its
plan.json and its activity files), imported and replanned on the batch runner. A folder
with a bad file is that athlete's error; the others get their adapted plans, each the plan
`log import` gives the same athlete alone."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from log.test_adapting import BLOCK
from typer.testing import CliRunner

from helpers import solve_once
from hybridplan.cli import app

WEEK1 = """date,start,sport,minutes,distance,avg_hr,rpe
2027-01-04,18:05,strength,30,,,4
2027-01-05,18:00,run,40,6.5,140,3
2027-01-07,18:10,run,50,9.8,158,7
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_a_club_is_imported_athlete_by_athlete(tmp_path: Path) -> None:
    _, block = solve_once(BLOCK, "balanced")
    club = tmp_path / "club"
    for name, log in (("ana", WEEK1), ("ben", WEEK1.replace("50,9.8", "-5,9.8"))):
        (club / name).mkdir(parents=True)
        (club / name / "plan.json").write_text(block.to_json())
        (club / name / "week1.csv").write_text(log)
    (club / "notes").mkdir()  # no plan.json: not an athlete
    code, out, _ = run("log", "import", str(club), "--athletes", "--out", str(tmp_path / "out"),
                       "--work-limit", "10")  # fmt: skip
    assert code == 2  # ben's file is bad input: said, and the batch went on
    rows = list(csv.DictReader((tmp_path / "out" / "athletes.csv").open()))
    assert [r["athlete"] for r in rows] == ["ana", "ben"]
    assert rows[0]["status"] == "optimal" and (rows[0]["done"], rows[0]["missed"]) == ("3", "1")
    assert rows[1]["status"] == "invalid" and "week1.csv:4" in rows[1]["error"]
    assert "minutes" in rows[1]["error"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ana.json", "athletes.csv"]
    assert "ben: invalid" in out
    # ana's plan is the one `log import` gives her alone
    code, _, _ = run("log", "import", str(club / "ana" / "week1.csv"), "--plan",
                     str(club / "ana" / "plan.json"), "--out", str(tmp_path / "ana.json"),
                     "--work-limit", "10")  # fmt: skip
    assert code == 0
    alone = json.loads((tmp_path / "ana.json").read_text())
    batch = json.loads((tmp_path / "out" / "ana.json").read_text())
    assert alone["sessions"] == batch["sessions"] and alone["log"] == batch["log"]
    # the output is never overwritten without --force
    code, _, err = run("log", "import", str(club), "--athletes", "--out", str(tmp_path / "out"))
    assert code == 2 and "ana.json exists" in err


def test_athletes_mode_refuses_a_plan_and_a_file(tmp_path: Path) -> None:
    code, _, err = run("log", "import", str(tmp_path), "--athletes", "--plan", "x.json",
                       "--out", str(tmp_path / "o"))  # fmt: skip
    assert code == 2 and "--plan" in err and len(err.strip().splitlines()) == 1
    code, _, err = run("log", "import", str(tmp_path), "--athletes", "--out", str(tmp_path / "o"))
    assert code == 2 and "no folder with a plan.json" in err
