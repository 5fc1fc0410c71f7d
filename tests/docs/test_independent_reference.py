"""The reference checker (tests/reference/) is independent in fact: it imports nothing of
hybridplan and shares no run of six lines with the package, so that its agreement with
the solver is evidence, not the same code twice. Lines are compared as the duplicates
tool compares them: white space folded, blank lines, comments, docstring-only lines and
imports passed over. (CI also runs the duplicates tool itself where it is installed.)"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from helpers import ROOT

RUN = 6
REFERENCE = sorted((ROOT / "tests" / "reference").glob("*.py"))
PACKAGE = sorted([*(ROOT / "solver").rglob("*.py"), *(ROOT / "models").rglob("*.py")])


def _lines(path: Path) -> list[tuple[int, str]]:
    """(line number, folded text) of the lines that count."""
    out = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = " ".join(raw.split("#", 1)[0].split()) if '"' not in raw else " ".join(raw.split())
        if not line or line.startswith(("import ", "from ")) or re.fullmatch(r"[\])}(,:]+", line):
            continue
        out.append((number, line))
    return out


def _runs(path: Path) -> dict[tuple[str, ...], int]:
    lines = _lines(path)
    return {
        tuple(text for _, text in lines[i : i + RUN]): lines[i][0]
        for i in range(len(lines) - RUN + 1)
    }


def test_the_reference_imports_nothing_of_the_package() -> None:
    for path in REFERENCE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] in {"hybridplan", "solver", "models"} for n in names)


def test_the_reference_shares_no_run_of_lines_with_the_package() -> None:
    package: dict[tuple[str, ...], str] = {}
    for path in PACKAGE:
        for run, line in _runs(path).items():
            package.setdefault(run, f"{path.relative_to(ROOT)}:{line}")
    shared = [
        f"{path.relative_to(ROOT)}:{line} ~ {package[run]}"
        for path in REFERENCE
        for run, line in _runs(path).items()
        if run in package
    ]
    assert not shared, shared


def test_the_comparison_finds_a_copied_run(tmp_path: Path) -> None:
    source = (ROOT / "models" / "progression.py").read_text(encoding="utf-8").splitlines()
    copied = tmp_path / "copy.py"
    copied.write_text("\n".join(["x = 1", *source[120:160]]), encoding="utf-8")
    assert set(_runs(copied)) & set(_runs(ROOT / "models" / "progression.py"))
