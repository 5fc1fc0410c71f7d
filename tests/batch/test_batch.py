"""Batch solving: mixed directories, isolated failures, summaries, resume, Ctrl-C,
determinism across job counts, the generator, solve_many and Dask."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from helpers import ROOT
from hybridplan.batch.discovery import discover
from hybridplan.batch.generate import generate
from hybridplan.batch.running import solve_many
from hybridplan.cli import app
from hybridplan.models import Result

SCENARIOS = ROOT / "scenarios"


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Two good weeks (one nested), an infeasible one, an invalid one, an unreadable one."""
    src = tmp_path / "in"
    (src / "club").mkdir(parents=True)
    shutil.copy(SCENARIOS / "marathon-build.yaml", src / "marathon.yaml")
    shutil.copy(SCENARIOS / "seed-001-sample-week.yaml", src / "club" / "seed.yaml")
    shutil.copy(SCENARIOS / "infeasible-on-purpose.yaml", src / "too-much.yaml")
    (src / "broken.yaml").write_text("name: x\navailability: {mon: {am: -1}}\n")
    (src / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    (src / "notes.txt").write_text("not a scenario")
    return src


def summary(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "summary.csv")


def test_mixed_directory_every_file_has_a_row(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = cli("solve", str(mixed), "--out", str(out), "--jobs", "2")
    assert code == 1  # some did not solve; the batch went on
    rows = summary(out).set_index("file")
    assert len(rows) == 5  # notes.txt is not a scenario
    status = {Path(f).name: s for f, s in rows["status"].items()}
    assert status == {
        "marathon.yaml": "optimal",
        "seed.yaml": "optimal",
        "too-much.yaml": "infeasible",
        "broken.yaml": "error",
        "binary.yaml": "error",
    }
    errors = {Path(f).name: e for f, e in rows["error"].dropna().items()}
    assert "availability.mon.am" in errors["broken.yaml"]
    assert "cannot read file" in errors["binary.yaml"]
    assert "5 scenarios" in stdout
    # one result per readable scenario, each a valid public result with its input hash
    written = sorted(p.name for p in out.glob("*.json"))
    assert written == ["club__seed.json", "marathon.json", "too-much.json"]
    for path in out.glob("*.json"):
        result = Result.model_validate_json(path.read_text())
        assert result.input_hash and len(result.input_hash) == 64
    # sets short of the targets, recomputed from the result's own set_volume penalties
    for name in ("marathon", "club__seed"):
        result = Result.model_validate_json((out / f"{name}.json").read_text())
        below = sum(
            p.amount // 10
            for p in result.penalties
            if p.rule == "set_volume" and "below" in p.detail
        )
        file = next(f for f in rows.index if Path(f).stem == name.split("__")[-1])
        assert rows.loc[file, "sets_short"] == below
    seed = Result.model_validate_json((out / "club__seed.json").read_text())
    assert rows.loc[str(mixed / "club" / "seed.yaml"), "objective"] == seed.objective
    assert not list(out.glob(".*tmp"))


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.yaml").write_text("name: [\n")
    code, _, _ = cli("solve", str(src), "--out", str(tmp_path / "out"))
    assert code == 2
    assert summary(tmp_path / "out")["status"].tolist() == ["error"]
    (tmp_path / "empty").mkdir()
    code, _, err = cli("solve", str(tmp_path / "empty"), "--out", str(tmp_path / "o2"))
    assert code == 2 and "no scenario files found" in err
    code, _, _ = cli("solve", str(tmp_path / "missing.yaml"), "--out", str(tmp_path / "o3"))
    assert code == 2
    assert "No such file or directory" in summary(tmp_path / "o3")["error"][0]


def test_existing_results_need_resume_or_force(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    cli("solve", str(mixed), "--out", str(out))
    before = (out / "marathon.json").read_text()
    code, _, err = cli("solve", str(mixed), "--out", str(out))
    assert code == 2 and "--resume" in err
    assert (out / "marathon.json").read_text() == before


def test_resume_solves_only_what_is_missing_or_changed(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    cli("solve", str(mixed), "--out", str(out))
    (out / "marathon.json").unlink()  # as if the run had been killed before it
    changed = mixed / "club" / "seed.yaml"
    changed.write_text(changed.read_text().replace("weekly_minutes: 380", "weekly_minutes: 400"))
    kept = (out / "too-much.json").stat().st_mtime_ns
    code, stdout, _ = cli("solve", str(mixed), "--out", str(out), "--resume")
    assert code == 1
    rows = summary(out).set_index("file")
    resumed = {Path(f).name: bool(r) for f, r in rows["resumed"].items()}
    assert resumed == {
        "marathon.yaml": False,
        "seed.yaml": False,
        "too-much.yaml": True,
        "broken.yaml": False,
        "binary.yaml": False,
    }
    assert (out / "too-much.json").stat().st_mtime_ns == kept
    assert (out / "marathon.json").exists()
    assert "1 kept from an earlier run" in stdout


def test_results_do_not_depend_on_jobs(tmp_path: Path) -> None:
    src = tmp_path / "gen"
    src.mkdir()
    for data in generate(12, seed=3):
        (src / f"{data['name']}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    plans = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        cli("solve", str(src), "--out", str(out), "--jobs", jobs)
        plans.append(
            {
                p.name: (
                    json.loads(p.read_text())["sessions"],
                    json.loads(p.read_text())["objective"],
                )
                for p in out.glob("*.json")
            }
        )
    assert plans[0] == plans[1] and len(plans[0]) == 12


def test_names_stay_inside_the_output(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    shutil.copy(SCENARIOS / "taper-week.yaml", src / "a" / "b" / "we ek!.yaml")
    shutil.copy(SCENARIOS / "taper-week.yaml", src / "a" / "b__we ek!.yaml")
    found = discover([src])
    names = [n for _, n in found]
    assert len(set(names)) == 2
    for name in names:
        assert "/" not in name and ".." not in name and " " not in name


def test_glob_patterns(tmp_path: Path) -> None:
    found = discover([str(SCENARIOS / "infeasible-*.yaml")])
    assert sorted(n for _, n in found) == ["infeasible-long-run-slot", "infeasible-on-purpose"]


def test_generate_is_reproducible_with_a_known_infeasible_share(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert cli("generate", "--count", "30", "--seed", "5", "--out", str(a))[0] == 0
    assert cli("generate", "--count", "30", "--seed", "5", "--out", str(b))[0] == 0
    files = sorted(p.name for p in a.glob("*.yaml"))
    assert len(files) == 30
    assert all((a / f).read_text() == (b / f).read_text() for f in files)
    assert cli("generate", "--count", "30", "--seed", "5", "--out", str(a))[0] == 2
    infeasible = [f for f in files if f.endswith("-infeasible.yaml")]
    assert infeasible
    outcomes = {Path(o.source).name: o for o in solve_many([str(a)])}
    # every infeasible week is named so, and every other one gets a plan
    assert {f for f, o in outcomes.items() if o.status == "infeasible"} == set(infeasible)
    assert all(outcomes[f].found for f in files if f not in infeasible)


def test_generated_weeks_are_infeasible_exactly_when_named_so() -> None:
    from hybridplan.batch.generate import generate
    from hybridplan.core.solving import solve
    from hybridplan.models import input_from_dict

    for data in generate(120, seed=0, blocks=2):
        result = solve(input_from_dict(data), time_limit=60, deterministic_time=2)
        named = data["name"].endswith("-infeasible")
        assert (result.status == "infeasible") is named, (data["name"], result.status)
        assert named or result.found, data["name"]


def test_solve_many_yields_results_for_paths_and_dicts() -> None:
    data = yaml.safe_load((SCENARIOS / "busy-week-4h.yaml").read_text())
    outcomes = list(solve_many([SCENARIOS / "taper-week.yaml", data], jobs=2))
    assert sorted(o.name for o in outcomes) == ["busy-week-4h", "taper-week"]
    assert all(o.found and o.result is not None for o in outcomes)
    bad = list(solve_many([{"name": "x"}]))
    assert bad[0].status == "error" and "availability" in (bad[0].error or "")


def test_dask_local_cluster_matches_processes(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    files = [
        SCENARIOS / "taper-week.yaml",
        SCENARIOS / "busy-week-4h.yaml",
        SCENARIOS / "taper-week.yaml",
    ]
    # the same file twice: pure=False keeps them as two jobs
    dask = list(solve_many(files, executor="dask", jobs=1))
    local = {o.name: o.result.sessions for o in solve_many(files)}
    assert len(dask) == 2  # discover() dedupes paths; both remaining jobs come back
    assert {o.name: o.result.sessions for o in dask} == local


def test_ctrl_c_keeps_finished_results(tmp_path: Path) -> None:
    src = tmp_path / "gen"
    src.mkdir()
    for data in generate(400, seed=11):
        (src / f"{data['name']}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "solver", "solve", str(src), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        cwd=ROOT,
    )
    while not (out.exists() and len(list(out.glob("gen-*.json"))) >= 3):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    results = list(out.glob("gen-*.json"))
    assert 3 <= len(results) < 400
    for path in results:
        Result.model_validate_json(path.read_text())
    assert not list(out.glob(".*tmp"))
    assert len(summary(out)) == len(results)
