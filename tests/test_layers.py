"""Imports flow one way, floor by floor, so that each part can be read, tested and changed
knowing only what lies below it:

    0  models                                  pure data and loading (no OR-Tools)
    1  core                                    the CP-SAT model, the rules, the solve
    2  explanations, planner, prescribe,       calls built on a solve
       log, verify
    3  batch, bench, outputs                   many scenarios, the rule-set bench, one
                                               plan's views
    4  api, cli, service, crash                the front doors
    5  __init__, __main__                      the public names and `python -m`

Every module has a floor named here (a new folder must be given one); no module imports a
higher floor; the views of one plan (outputs) import nothing of the bench; and no two
modules import each other, however indirectly. Read from the source with ast: every import,
including those inside functions, which run sooner or later."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import ROOT

FLOOR = {
    "models": 0,
    "core": 1,
    "checking": 1,  # the old import path of hybridplan.core.checking, a re-export
    "explanations": 2, "planner": 2, "prescribe": 2, "verify": 2, "log": 2,
    "batch": 3, "bench": 3, "outputs": 3,
    "api": 4, "cli": 4, "service": 4, "crash": 4,
    "__init__": 5, "__main__": 5,
}  # fmt: skip


# Loaded before any module of the package or of models (their parents), so importing them
# adds nothing: the version (read from the metadata) and the models package's lazy names.
EVERYWHERE = {"hybridplan.__version__", "hybridplan.models"}


def _part(module: str) -> str:
    """The part of the package a module belongs to: hybridplan.core.rules.spread -> core."""
    parts = module.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def _modules() -> dict[str, Path]:
    out = {}
    roots = ((ROOT / "solver", "hybridplan"), (ROOT / "models", "hybridplan.models"))
    for folder, package in roots:
        for path in sorted(folder.rglob("*.py")):
            rel = path.relative_to(folder).with_suffix("")
            out[".".join([package, *rel.parts]).removesuffix(".__init__")] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")


def _runtime_edges(path: Path) -> set[str]:
    """The package's modules this one imports when it runs: `from a import b` is module a.b
    when there is one (else a itself). Left out: imports for the type checker only, and the
    packages an import passes through, the root `hybridplan` among them (each is loaded
    before any module inside it, so it is a parent, not a dependency that could cycle)."""
    tree = ast.parse(path.read_text())
    skipped = {id(n) for t in ast.walk(tree) if _type_checking(t) for n in ast.walk(t)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            for a in node.names:
                name = f"{node.module}.{a.name}"
                found.add(name if name in MODULES else node.module)
    return {m for m in found if m in MODULES and m != "hybridplan"}


def test_every_module_has_a_floor() -> None:
    assert {n for n in MODULES if _part(n) not in FLOOR} == set()


@pytest.mark.parametrize("name,path", MODULES.items(), ids=list(MODULES))
def test_no_module_imports_a_higher_floor(name: str, path: Path) -> None:
    mine = FLOOR[_part(name)]
    for imported in _imports(path):
        if imported.startswith("ortools"):
            assert not name.startswith("hybridplan.models"), f"{name} imports {imported}"
        if not imported.startswith("hybridplan.") or imported in EVERYWHERE:
            continue
        if name.startswith("hybridplan.models"):
            assert imported.startswith("hybridplan.models."), f"{name} imports {imported}"
            continue
        theirs = FLOOR[_part(imported)]
        assert theirs <= mine, f"{name} (floor {mine}) imports {imported} (floor {theirs})"


@pytest.mark.parametrize(
    "name", [n for n in MODULES if _part(n) == "outputs"], ids=lambda n: str(n)
)
def test_the_views_of_one_plan_import_nothing_of_the_bench(name: str) -> None:
    bench = {i for i in _imports(MODULES[name]) if _part(i) == "bench"}
    assert not bench, f"{name} imports {sorted(bench)}"


def test_no_import_cycle() -> None:
    edges = {name: _runtime_edges(path) - {name} for name, path in MODULES.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> list[str] | None:
        state[name] = 1
        for nxt in sorted(edges[name]):
            if state.get(nxt) == 1:
                return [*path, name, nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, name])):
                return cycle
        state[name] = 2
        return None

    for name in sorted(MODULES):
        if name not in state:
            cycle = visit(name, [])
            assert cycle is None, " -> ".join(cycle[cycle.index(cycle[-1]) :])


def test_the_floors_are_all_there() -> None:
    parts = {_part(n) for n in MODULES}
    assert parts == set(FLOOR)
