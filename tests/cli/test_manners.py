"""The command line's manners: a forgiving replan, explain and diff of result
files, `--out -`, options refused where they mean nothing, hints, JSON listings, readable
80-column tables, `init`, `examples`, plurals, and writes that cannot happen."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from helpers import ROOT
from hybridplan.cli import app
from hybridplan.models.catalogue import default_catalogue
from hybridplan.models.rules import RULE_CONFIGS

SCENARIOS = ROOT / "scenarios"
MARATHON = SCENARIOS / "marathon-build.yaml"


def cli(*args: str, columns: int | None = None) -> tuple[int, str, str]:
    env = {"COLUMNS": str(columns)} if columns else None
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def week_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("week") / "week.json"
    code, out, _ = cli("solve", str(MARATHON), "--format", "json")
    assert code == 0
    path.write_text(out)
    return path


# ------------------------------------------------------------------------------ replan
def test_replan_of_an_ordinary_week_after_ordinary_disruptions(
    week_json: Path, tmp_path: Path
) -> None:
    """An ordinary week gone wrong: two done, one missed, a day gone: a plan, the done ones kept."""
    before = json.loads(week_json.read_text())
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    held = {d: [s for s in before["sessions"] if s["day"] == d] for d in days}
    # the case: a day of two sessions done, a later session missed, a later day gone
    first = next(d for d in days if len(held[d]) == 2)
    done = held[first]
    later = [d for d in days[days.index(first) + 1 :] if held[d]]
    missed, gone = held[later[0]][0], later[1]
    out = tmp_path / "new.json"
    code, stdout, _ = cli(
        "replan", str(week_json), "--done", f"{first}:am,{first}:pm",
        "--missed", f"{missed['day']}:{missed['slot']}", "--unavailable", gone,
        "--out", str(out),
    )  # fmt: skip
    assert code == 0
    after = json.loads(out.read_text())
    assert after["status"] == "optimal"
    kept = {(s["day"], s["slot"], s["session"]) for s in after["sessions"]}
    assert {(s["day"], s["slot"], s["session"]) for s in done} <= kept
    assert not any(s["day"] == gone for s in after["sessions"])
    assert not any(
        s["day"] == missed["day"] and s["slot"] == missed["slot"] for s in after["sessions"]
    )
    changes = [line for line in stdout.splitlines() if line.startswith("change:")]
    assert changes and not any(first in line and "dropped" in line for line in changes)


def test_repeated_and_comma_separated_options_are_the_same(week_json: Path) -> None:
    one = cli("replan", str(week_json), "--done", "mon:am,mon:pm", "--format", "json")
    two = cli("replan", str(week_json), "--done", "mon:am", "--done", "mon:pm", "--format",
              "json")  # fmt: skip
    assert one[0] == two[0] == 0
    strip = re.compile(r'"(solve|build|first_solution|best_solution)_seconds": [0-9.e-]+')
    assert strip.sub("", one[1]) == strip.sub("", two[1])


def test_missed_where_nothing_was_planned_warns(week_json: Path) -> None:
    before = json.loads(week_json.read_text())
    planned = {(s["day"], s["slot"]) for s in before["sessions"]}
    empty = next(
        (d, s) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        for s in ("am", "pm") if (d, s) not in planned
    )  # fmt: skip
    full = sorted(planned)[0]
    code, _, err = cli("replan", str(week_json), "--missed", f"{empty[0]}:{empty[1]}",
                       "--missed", f"{full[0]}:{full[1]}")  # fmt: skip
    assert code == 0
    assert f"warning: --missed {empty[0]}:{empty[1]}: nothing was planned there" in err
    assert f"--missed {full[0]}:{full[1]}:" not in err


def test_a_replan_with_no_plan_explains_and_writes_nothing(week_json: Path, tmp_path: Path) -> None:
    """The past contradicts what is asked (a session done on a day now said to be
    unavailable: the past is kept, the day is taken away): exit 1, the explanation on
    stderr naming the pinned past, nothing written unless --force. (An edited result's
    input can no longer make this case: results are re-verified, test_result_proof.py.)"""
    doc = json.loads(week_json.read_text())
    tuesday = [s for s in doc["sessions"] if s["day"] == "tue"]
    assert tuesday, "the week has a Tuesday session to call done"
    asked = ["--done", f"tue:{tuesday[-1]['slot']}", "--unavailable", "tue"]
    out = tmp_path / "new.json"
    code, _, err = cli("replan", str(week_json), *asked, "--out", str(out))
    assert code == 1
    assert "cannot be planned" in err and "pinned.tue-" in err
    assert f"nothing written to {out}" in err and not out.exists()
    code, _, _ = cli("replan", str(week_json), *asked, "--out", str(out), "--force")
    assert code == 1 and json.loads(out.read_text())["status"] == "infeasible"


def test_explain_and_diff_take_result_files(week_json: Path, tmp_path: Path) -> None:
    code, out, err = cli("explain", str(week_json))
    assert code == 0, err
    assert "marathon-build · rules balanced · optimal" in out
    code, out, _ = cli("replan", str(week_json), "--unavailable", "thu", "--format", "json")
    new = tmp_path / "new.json"
    new.write_text(out)
    code, out, err = cli("diff", str(week_json), str(new), "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    before = json.loads(week_json.read_text())
    thu = [s["session"] for s in before["sessions"] if s["day"] == "thu"]
    changed = {c["session"] for c in d["moved"] + d["removed"]}
    assert set(thu) <= changed
    # a scenario file is solved first
    code, out, _ = cli("diff", str(MARATHON), str(week_json), "--format", "json")
    assert code == 0 and json.loads(out)["moved"] == json.loads(out)["removed"] == []


# ------------------------------------------------------------------------------ --out -
def test_out_dash_is_standard_output(week_json: Path, tmp_path: Path) -> None:
    code, out, _ = cli("export", str(week_json), "--to", "md", "--out", "-")
    assert code == 0 and out.startswith("#") and not (Path.cwd() / "-").exists()
    code, out, err = cli("replan", str(week_json), "--unavailable", "thu", "--out", "-")
    assert code == 0 and json.loads(out)["status"] == "optimal"
    assert "change:" in err
    code, _, err = cli("solve", str(MARATHON), "--out", "-")
    assert code == 2 and "--out -: a batch writes a directory" in err


def test_an_out_that_cannot_be_written_is_bad_input(week_json: Path) -> None:
    code, _, err = cli("export", str(week_json), "--to", "md", "--out",
                       str(week_json / "plan.md"))  # fmt: skip
    assert code == 2
    assert f"error: --out: cannot write {week_json / 'plan.md'}: {week_json} is a file" in err


# ------------------------------------------------------------------------------ solve
def test_week_out_of_range_is_bad_input() -> None:
    code, _, err = cli("solve", str(MARATHON), "--week", "2")
    assert code == 2 and "--week 2: the plans have 1 week (1-1)" in err


@pytest.mark.parametrize(
    "option", [["--jobs", "2"], ["--resume"], ["--force"], ["--executor", "dask"],
               ["--scheduler", "tcp://127.0.0.1:1"]]
)  # fmt: skip
def test_batch_options_without_out_are_refused(option: list[str]) -> None:
    code, out, err = cli("solve", str(MARATHON), *option)
    assert code == 2 and out == ""
    assert f"{option[0]}: only for a batch; add --out DIR" in err


def test_an_infeasible_solve_ends_with_a_hint() -> None:
    path = SCENARIOS / "infeasible-on-purpose.yaml"
    code, _, err = cli("solve", str(path))
    assert code == 1 and f"run: hybridplan explain {path}" in err
    code, _, err = cli("solve", str(MARATHON))
    assert code == 0 and "hybridplan explain" not in err


def test_explain_header_says_what_relaxing_one_does() -> None:
    from hybridplan.models.explanation import Conflict, Explanation
    from hybridplan.outputs.render import explanation

    def header(*relaxations: str | None) -> str:
        from rich.console import Console

        exp = Explanation(scenario="x", rule_set="balanced", status="infeasible", conflicts=[
            Conflict(key=f"r{i}", rule="run_count", message="m", relaxation=r)
            for i, r in enumerate(relaxations)
        ], minimal=True)  # fmt: skip
        console = Console(width=200, record=True)
        console.print(explanation(exp))
        return console.export_text().splitlines()[1]

    assert "Relaxing any one of them as shown is enough" in header("a", "b")
    mixed = header("a", None)
    assert "Relax any one" not in mixed and "Relaxing one of the 1 with a relaxation" in mixed
    assert "No single one relaxed is enough" in header(None, None)


# ------------------------------------------------------------------------------ listings
def test_sessions_and_rules_as_json() -> None:
    code, out, _ = cli("sessions", "--format", "json")
    sessions = json.loads(out)
    assert code == 0
    assert [s["id"] for s in sessions] == list(default_catalogue())
    for s in sessions:
        assert s["minutes"] > 0 and s["kind"] in ("run", "strength", "mobility")
    code, out, _ = cli("rules", "--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert [r["id"] for r in doc["rules"]] == list(RULE_CONFIGS)
    names = [s["name"] for s in doc["rule_sets"]]
    assert names == ["balanced", "minimal", "stacked", "strict"]
    strict = next(s for s in doc["rule_sets"] if s["name"] == "strict")
    text = (ROOT / "models" / "data" / "rulesets" / "strict.yaml").read_text()
    assert set(strict["rules"]) == set(yaml.safe_load(text)["rules"])


def test_sessions_table_fits_80_columns_one_line_per_session() -> None:
    code, out, _ = cli("sessions", columns=80)
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    catalogue = default_catalogue()
    for sid, s in catalogue.items():
        (row,) = [line for line in lines if line.split()[:1] == [sid]]
        assert str(s.minutes) in row.split()
        # a muscle group and its sets stay together, even when the column wraps
    assert not any(re.fullmatch(r"\s*\d+,?\s*", line) for line in lines)


def test_block_weeks_table_fits_80_columns() -> None:
    code, out, _ = cli("solve", str(SCENARIOS / "10k-block-8w.yaml"), "--time-limit", "60",
                       "--work-limit", "10", columns=80)  # fmt: skip
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    # wk, monday (the block starts on a Monday: "30 Nov"), phase, ...
    week_row = r"^\s*\d+\s+\d+ [A-Z][a-z]{2}\s+(base|build|peak|deload|taper)\b"
    rows = [line for line in lines if re.match(week_row, line)]
    assert [int(r.split()[0]) for r in rows] == list(range(1, 9))
    assert all(f"week {w} sets: " in out for w in range(1, 9))


# ------------------------------------------------------------------------------ init
@pytest.mark.parametrize("goal", ["endurance", "hybrid", "strength"])
def test_init_writes_a_commented_starter_that_solves(goal: str, tmp_path: Path) -> None:
    path = tmp_path / f"{goal}.yaml"
    code, out, err = cli("init", "--goal", goal, str(path))
    assert code == 0, err
    text = path.read_text()
    assert text.count("#") > 10 and f"goal: {goal}" in text
    code, out, err = cli("solve", str(path), "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["status"] == "optimal"
    assert not any(doc["metrics"]["coach_objections"].values())
    assert cli("init", str(path))[0] == 2  # never over an existing file
    assert path.read_text() == text


def test_init_to_standard_output() -> None:
    code, out, _ = cli("init", "-")
    assert code == 0 and yaml.safe_load(out)["name"] == "my-week"


def test_examples_copies_the_shipped_scenarios(tmp_path: Path) -> None:
    code, _, _ = cli("examples", str(tmp_path / "ex"))
    assert code == 0
    shipped = sorted(p.name for p in SCENARIOS.iterdir() if p.suffix in (".yaml", ".toml", ".json"))
    assert sorted(p.name for p in (tmp_path / "ex").iterdir()) == shipped
    for name in shipped:
        assert (tmp_path / "ex" / name).read_bytes() == (SCENARIOS / name).read_bytes()
    (tmp_path / "ex" / "marathon-build.yaml").write_text("mine")
    assert cli("examples", str(tmp_path / "ex"))[0] == 2
    assert (tmp_path / "ex" / "marathon-build.yaml").read_text() == "mine"


# ------------------------------------------------------------------------------ words
def test_counts_of_one_are_singular() -> None:
    from helpers import place
    from rule_helpers import check, free_week

    wk = free_week(targets={"sets": {"quads": [4, 8]}, "runs": [0, 9], "strength": [0, 9]})
    one_short = place(wk, ("mon", "am", "lower_heavy_45"))  # quads 3: one set short of 4
    (found,) = check("set_volume", one_short, weight=10)
    assert "1 set below 4" in found.detail
    code, out, _ = cli("solve", str(SCENARIOS / "offseason-strength.yaml"))
    assert code == 0
    assert not re.search(r"\b1 (sets|runs|sessions|days|changes|points)\b", out)


def test_help_of_every_command_has_an_example_and_no_type_placeholders() -> None:
    commands = ["solve", "explain", "diff", "replan", "export", "generate", "validate",
                "rules", "sessions", "schema", "init", "examples", "bench", "serve",
                "token create"]  # fmt: skip
    for name in commands:
        code, out, _ = cli(*name.split(), "--help", columns=100)
        assert code == 0
        assert "<list" not in out and "range>" not in out and "<float" not in out, name
        assert "Example" in out, name
