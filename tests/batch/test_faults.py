"""Batch faults: long names, link loops, a killed worker, a killed parent,
SIGTERM, an output directory that cannot be written or is in use, results inside the
input directory, write errors, and formula cells in the CSV files."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

import hybridplan.batch.engine as engine
import hybridplan.batch.running as running
from helpers import ROOT
from hybridplan.batch.discovery import MAX_NAME, discover
from hybridplan.batch.generate import generate
from hybridplan.batch.outdir import OutputLock
from hybridplan.batch.tasks import Options, Outcome, solve_one
from hybridplan.cli import app

SCENARIOS = ROOT / "scenarios"
FAST = ["--time-limit", "5"]


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def summary(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "summary.csv")


def generated(folder: Path, count: int, seed: int = 7) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for data in generate(count, seed=seed):
        (folder / f"{data['name']}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def test_long_names_and_deep_directories(tmp_path: Path) -> None:
    src = tmp_path / "in"
    deep = src.joinpath(*[f"{'d' * 60}{i}" for i in range(12)])
    deep.mkdir(parents=True)
    shutil.copy(SCENARIOS / "busy-week-4h.yaml", deep / ("w" * 240 + ".yaml"))
    shutil.copy(SCENARIOS / "busy-week-4h.yaml", src / ("v" * 240 + ".yaml"))
    names = [n for _, n in discover([src])]
    assert all(len(n) <= MAX_NAME for n in names) and len(set(names)) == 2
    out = tmp_path / "out"
    code, _, err = cli("solve", str(src), "--out", str(out), *FAST)
    assert code == 0, err
    assert list(summary(out)["status"]) == ["optimal", "optimal"]


def test_glob_over_link_loops_ends(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    shutil.copy(SCENARIOS / "busy-week-4h.yaml", src / "a" / "b" / "w.yaml")
    (src / "a" / "b" / "up").symlink_to("../..")
    (src / "a" / "loop").symlink_to(".")
    (src / "self").symlink_to(src)
    found = discover([f"{src}/**/*.yaml"])
    assert [p.name for p, _ in found] == ["w.yaml"]
    assert [p.name for p, _ in discover([src])] == ["w.yaml"]


def _killer(source: Any, name: str, options: Options) -> Outcome:
    """solve_one, except that the worker given 'victim' dies as if by `kill -9`."""
    if name == "victim":
        os.kill(os.getpid(), signal.SIGKILL)
    return solve_one(source, name, options)


def test_a_killed_worker_fails_only_its_scenario(monkeypatch: pytest.MonkeyPatch) -> None:
    data = yaml.safe_load((SCENARIOS / "busy-week-4h.yaml").read_text())
    tasks: list[tuple[str | dict[str, Any], str]] = [(data, f"week{i}") for i in range(6)]
    tasks.insert(2, (data, "victim"))
    runs = running.run_tasks(tasks, Options(time_limit=5), jobs=2, work=_killer)
    outcomes = {o.name: o for o in runs}
    assert len(outcomes) == 7
    assert "killed by SIGKILL" in (outcomes.pop("victim").error or "")
    assert all(o.found for o in outcomes.values())


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(p) for p in path.read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return status != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_the_parent(tmp_path: Path) -> None:
    src = generated(tmp_path / "in", 200)
    proc = subprocess.Popen(
        [sys.executable, "-m", "hybridplan", "solve", str(src), "--out", str(tmp_path / "o"),
         "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    workers: list[int] = []
    for _ in range(600):
        workers = _children(proc.pid)
        if len(workers) >= 2 and list((tmp_path / "o").glob("gen-*.json")):
            break
        time.sleep(0.05)
    assert workers, "no worker started"
    proc.kill()
    proc.wait()
    for _ in range(200):  # the watchdog polls every second; PDEATHSIG is immediate
        if not any(_alive(w) for w in workers):
            break
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)


def test_sigterm_keeps_results_and_writes_the_summary(tmp_path: Path) -> None:
    src = generated(tmp_path / "in", 300)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "hybridplan", "solve", str(src), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    while not (out.exists() and len(list(out.glob("gen-*.json"))) >= 3):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "Traceback" not in err and "interrupted" in err
    results = list(out.glob("gen-*.json"))
    assert 3 <= len(results) < 300
    assert len(summary(out)) == len(results)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_an_output_that_cannot_be_written_is_refused_before_solving(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    for out in (blocker, blocker / "sub"):
        code, _, err = cli("solve", str(SCENARIOS / "busy-week-4h.yaml"), "--out", str(out))
        assert code == 2 and err.startswith("error: --out: "), err
        assert len(err.strip().splitlines()) == 1


def _disk_full_after(files: int) -> Callable[[Path, str | bytes], None]:
    """engine.write_atomic on a disk that fills after `files` files."""
    real = engine.write_atomic
    calls: list[Path] = []

    def full_disk(path: Path, data: str | bytes) -> None:
        calls.append(path)
        if len(calls) > files:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data)

    return full_disk


def test_a_write_error_stops_the_batch_with_a_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_disk = _disk_full_after(2)
    monkeypatch.setattr(engine, "write_atomic", full_disk)
    src = generated(tmp_path / "in", 8)
    out = tmp_path / "out"
    code, _, err = cli("solve", str(src), "--out", str(out), *FAST)
    assert code == 2
    assert "No space left on device" in err and "Traceback" not in err
    assert len(summary(out)) == 2 == len(list(out.glob("gen-*.json")))
    assert "the summary lists what was written" in err


def test_a_full_disk_that_takes_the_summary_too_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills after two results and nothing more can be written, the summary
    included: the message says there is no summary (it said the summary listed them)."""
    full_disk = _disk_full_after(2)
    def no_summary(out: Path, rows: list[dict[str, object]]) -> list[Path]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(engine, "write_atomic", full_disk)
    monkeypatch.setattr(engine, "write_summary", no_summary)
    src = generated(tmp_path / "in", 8)
    out = tmp_path / "out"
    code, stdout, err = cli("solve", str(src), "--out", str(out), *FAST)
    assert code == 2 and "Traceback" not in err
    assert not (out / "summary.csv").exists() and len(list(out.glob("gen-*.json"))) == 2
    assert "summary: none written" in stdout
    assert "no summary could be written either" in err
    assert "the summary lists" not in err


def test_results_inside_the_input_are_not_read_back(tmp_path: Path) -> None:
    src = generated(tmp_path / "in", 4)
    out = src / "results"
    assert cli("solve", str(src), "--out", str(out), *FAST)[0] in (0, 1)
    code, _, err = cli("solve", str(src), "--out", str(out), "--resume", *FAST)
    assert code in (0, 1), err
    rows = summary(out)
    assert len(rows) == 4 and "error" not in set(rows["status"])


def test_two_batches_into_one_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with OutputLock(out):
        code, _, err = cli("solve", str(SCENARIOS / "busy-week-4h.yaml"), "--out", str(out))
    assert code == 2 and "another batch" in err and str(os.getpid()) in err
    assert not list(out.glob("*.json"))
    assert cli("solve", str(SCENARIOS / "busy-week-4h.yaml"), "--out", str(out), *FAST)[0] == 0


def test_summary_and_bench_csv_cells_are_neutralised(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    data = yaml.safe_load((SCENARIOS / "busy-week-4h.yaml").read_text())
    data["name"] = '=HYPERLINK("http://evil")'
    (src / "evil.yaml").write_text(yaml.safe_dump(data))
    out = tmp_path / "out"
    assert cli("solve", str(src), "--out", str(out), *FAST)[0] == 0
    assert summary(out)["name"].tolist() == ["'" + data["name"]]
    report = tmp_path / "report"
    code, _, err = cli(
        "bench", "--scenarios", str(src), "--rules", "minimal", "--out", str(report), *FAST
    )
    assert code == 0, err
    runs = pd.read_csv(report / "runs.csv")
    assert runs["scenario"].tolist() == ["'" + data["name"]]
    page = (report / "report.html").read_text()
    assert "Content-Security-Policy" in page
