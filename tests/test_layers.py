"""Imports flow one way: models <- core <- explanations/planner/prescribe/verify <-
batch/outputs <- service/cli (verify re-checks a result's prescriptions, so it sits beside
prescribe).
`hybridplan.models` never imports OR-Tools or the rest of the package. Read from the source
with ast (every import, including those inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import ROOT

LEVEL = {
    "models": 0, "core": 1, "explanations": 2, "planner": 2, "prescribe": 2, "verify": 2,
    "batch": 3, "outputs": 3,
}  # fmt: skip
TOP = {"api": 4, "cli": 4, "service": 4, "__init__": 5, "__main__": 5}


def _part(module: str) -> str:
    """The layer of a hybridplan module name: hybridplan.batch.tasks -> batch."""
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__"
    if parts[1] in LEVEL or parts[1] in TOP:
        return parts[1]
    return "core"


def _level(part: str) -> int:
    return LEVEL.get(part, TOP.get(part, LEVEL["core"]))


def _modules() -> list[tuple[str, Path]]:
    out = []
    roots = ((ROOT / "solver", "hybridplan"), (ROOT / "models", "hybridplan.models"))
    for folder, package in roots:
        for path in sorted(folder.rglob("*.py")):
            rel = path.relative_to(folder).with_suffix("")
            name = ".".join([package, *rel.parts]).removesuffix(".__init__")
            out.append((name, path))
    return out


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


MODULES = _modules()


@pytest.mark.parametrize("name,path", MODULES, ids=[n for n, _ in MODULES])
def test_no_module_imports_a_higher_layer(name: str, path: Path) -> None:
    mine = _level(_part(name))
    for imported in _imports(path):
        if imported.startswith("ortools"):
            assert not name.startswith("hybridplan.models"), f"{name} imports {imported}"
        if not imported.startswith("hybridplan.") or imported == "hybridplan.models":
            continue
        if name.startswith("hybridplan.models"):
            assert imported.startswith("hybridplan.models."), f"{name} imports {imported}"
            continue
        theirs = _level(_part(imported))
        assert theirs <= mine, f"{name} (layer {mine}) imports {imported} (layer {theirs})"


def test_the_layers_are_all_there() -> None:
    parts = {_part(n) for n, _ in MODULES}
    assert parts >= {
        "models", "core", "explanations", "planner", "prescribe", "batch", "outputs", "service",
        "cli",
    }
