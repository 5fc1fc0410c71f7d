"""The service's packages load only for the service: `hybridplan --help`, `hybridplan
solve` and `import hybridplan.cli` never import FastAPI, SQLAlchemy, uvicorn, Alembic or
Jinja2 (the command line stays fast)."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

HEAVY = ("fastapi", "starlette", "sqlalchemy", "uvicorn", "alembic", "jinja2", "httpx")


def _imported(*args: str) -> set[str]:
    """Top-level modules a `python -X importtime -m hybridplan ARGS` run imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hybridplan", *args],
        capture_output=True, text=True, timeout=120, check=False, cwd=ROOT,
    )  # fmt: skip
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert names, done.stderr[-2000:]
    return names


def test_help_imports_no_service_package() -> None:
    assert not _imported("--help") & set(HEAVY)


def test_solve_imports_no_service_package() -> None:
    loaded = _imported("solve", str(ROOT / "scenarios" / "marathon-build.yaml"), "--format", "json")
    assert "ortools" in loaded  # it did solve
    assert not loaded & set(HEAVY)


def test_importing_the_cli_imports_no_service_package() -> None:
    code = (
        "import sys, hybridplan.cli; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"
