"""The distribution: one import package, `hybridplan` (nothing named `models` or `solver`
is installed), with its data files and py.typed; it works beside a user's own `models.py`
and `solver.py`; a client script that uses the public API passes `mypy --strict`; the
generated reference pages of the documentation are current."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from helpers import ROOT
from hybridplan import __version__

CLIENT = textwrap.dedent(
    '''
    """A planner's script: uses only the public API."""
    import models  # the user's own module, not ours
    import solver  # likewise
    from hybridplan import InputError, Result, Scenario, __version__, solve

    week = Scenario.model_validate(
        {
            "name": "client",
            "availability": {"mon": {"am": 60}, "wed": {"pm": 60}, "sat": {"am": 120}},
            "targets": {"runs": [2, 3], "strength": 1, "long_run": 1, "quality_runs": [0, 1]},
        }
    )
    result: Result = solve(week)
    sessions: list[str] = [s.session for s in result.sessions]
    assert models.MINE == "models" and solver.MINE == "solver"
    try:
        Scenario.model_validate({"name": "x"})
    except Exception:
        pass
    try:
        solve({"name": "bad", "availability": {"mon": {"am": -5}}})
    except InputError as exc:
        problems: list[str] = [str(p) for p in exc.problems]
        assert problems
    import hybridplan
    print(result.status, len(sessions), __version__, hybridplan.__file__)
    '''
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    # a quiet build: no setuptools warning (a data folder missing from `packages` gave four)
    assert "warning" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    (built,) = out.glob("hybridplan-*.whl")
    return built


def test_the_wheel_holds_one_import_package_with_every_source_file(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"hybridplan"}
    expected = {
        "hybridplan/" + str(p.relative_to(ROOT / "solver"))
        for p in (ROOT / "solver").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    } | {
        "hybridplan/models/" + str(p.relative_to(ROOT / "models"))
        for p in (ROOT / "models").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert expected <= set(names), sorted(expected - set(names))
    assert "hybridplan/py.typed" in names
    assert "hybridplan/models/data/catalogue.yaml" in names
    shipped = {
        p.name for p in (ROOT / "scenarios").iterdir() if p.suffix in (".yaml", ".toml", ".json")
    }
    assert {n.removeprefix("hybridplan/examples/") for n in names if "/examples/" in n} == shipped
    metadata = next(n for n in names if n.endswith("dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "License-Expression: MIT" in text
    assert "Typing :: Typed" in text


def test_installed_wheel_works_beside_a_users_models_and_solver(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
         str(site), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    assert sorted(p.name for p in site.iterdir() if not p.name.endswith(".dist-info")) == [
        "bin",
        "hybridplan",
    ]
    work = tmp_path / "project"
    work.mkdir()
    (work / "models.py").write_text('MINE = "models"\nMUSCLES = ()\n')
    (work / "solver.py").write_text('MINE = "solver"\n')
    (work / "client.py").write_text(CLIENT)
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "client.py"], cwd=work, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    status, count, version, where = done.stdout.split()
    assert version == __version__
    assert status == "optimal" and int(count) == 3  # three free slots, each used
    assert Path(where).is_relative_to(site)
    # the README's first command, for someone who only installed the wheel
    cli = [sys.executable, "-c", "from hybridplan.cli import main; main()"]
    copied = subprocess.run([*cli, "examples"], cwd=work, env=env, capture_output=True,
                            text=True, timeout=120, check=False)  # fmt: skip
    assert copied.returncode == 0, copied.stderr
    solved = subprocess.run([*cli, "solve", "scenarios/marathon-build.yaml"], cwd=work, env=env,
                            capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert solved.returncode == 0 and "marathon-build · rules balanced · optimal" in solved.stdout


def test_a_client_script_passes_mypy_strict(tmp_path: Path) -> None:
    (tmp_path / "models.py").write_text('MINE: str = "models"\n')
    (tmp_path / "solver.py").write_text('MINE: str = "solver"\n')
    (tmp_path / "client.py").write_text(CLIENT)
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "client.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_version_and_help() -> None:
    exe = Path(sys.executable).parent / "hybridplan"
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True)
    from hybridplan import __version__

    assert version.stdout.strip() == f"hybridplan {__version__}" and __version__ != "0+unknown"
    short = subprocess.run([exe, "-h"], capture_output=True, text=True, check=True)
    assert "Usage: hybridplan" in short.stdout and "solve" in short.stdout


def test_generated_reference_pages_are_current() -> None:
    """The command line, HTTP API, result fields and rule table pages are what
    docs/generate.py makes from the code now (`make docs` rewrites them)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "generate.py"), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
