"""Finding a batch's inputs: scenario files from files, directories (recursively) and glob
patterns, each with a safe, unique name for its result file."""

from __future__ import annotations

import glob
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from hybridplan.models.loading import SUFFIXES

SCHEMA_FILE = "scenario.schema.json"


def discover(targets: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """Scenario files from files, directories (recursively) and glob patterns, as
    (path, name for its result file), in a stable order. Names come from the path relative
    to the directory or pattern root, made safe: nothing can point outside the output."""
    found: dict[Path, str] = {}
    for target in targets:
        text = str(target)
        path = Path(text)
        if path.is_dir():
            root = path
            files = sorted(p for p in path.rglob("*") if _is_scenario(p))
        elif glob.has_magic(text):
            root = _glob_root(text)
            matches = (Path(p) for p in glob.glob(text, recursive=True))
            files = sorted(p for p in matches if _is_scenario(p))
        else:
            root = path.parent
            files = [path]
        for f in files:
            found.setdefault(f, safe_name(f, root))
    return _unique(found)


def _glob_root(pattern: str) -> Path:
    """The directory part of a pattern before its first wildcard."""
    parts = Path(pattern).parts
    fixed = parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]
    return Path(*fixed) if fixed else Path(".")


def _is_scenario(p: Path) -> bool:
    return p.is_file() and p.suffix.lower() in SUFFIXES and p.name != SCHEMA_FILE


def safe_name(path: Path, root: Path) -> str:
    try:
        rel = path.resolve().relative_to(root.resolve())
    except ValueError:
        rel = Path(path.name)
    stem = "__".join(rel.with_suffix("").parts)
    return re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "scenario"


def _unique(found: dict[Path, str]) -> list[tuple[Path, str]]:
    """Two inputs that would share a result name get a short hash of their path added."""
    counts: dict[str, int] = {}
    for name in found.values():
        counts[name] = counts.get(name, 0) + 1
    out = []
    for path, name in found.items():
        if counts[name] > 1:
            name = f"{name}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"
        out.append((path, name))
    return out
