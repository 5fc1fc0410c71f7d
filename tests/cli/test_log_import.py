"""`hybridplan log import` refuses what it cannot do before doing any work: one line, exit 2,
nothing the user had touched."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from hybridplan.cli import app


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert not (result.exception and not isinstance(result.exception, SystemExit))
    return result.exit_code, result.stderr


def test_an_existing_out_file_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "new.json"
    out.write_text("mine")
    code, err = run("log", "import", "--through", "2027-01-10", "--plan", "nowhere.json",
                    "--out", str(out))  # fmt: skip
    assert code == 2 and err.strip().endswith("exists; pass --force to replace it")
    assert len(err.strip().splitlines()) == 1 and out.read_text() == "mine"


def test_nothing_to_import_and_no_day_is_refused(tmp_path: Path) -> None:
    code, err = run("log", "import", "--plan", "p.json", "--out", str(tmp_path / "o.json"))
    assert code == 2 and "--through" in err and len(err.strip().splitlines()) == 1


def test_a_plan_is_needed(tmp_path: Path) -> None:
    code, err = run("log", "import", "a.csv", "--out", str(tmp_path / "o.json"))
    assert code == 2 and "--plan" in err and len(err.strip().splitlines()) == 1
