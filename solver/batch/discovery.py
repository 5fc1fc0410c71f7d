"""Finding a batch's inputs: scenario files from files, directories (recursively) and glob
patterns, each with a safe, unique, short name for its result file.

Directories are walked without following symbolic links to directories (a link loop cannot
make the walk endless; linked *files* are still read), and `**` patterns are matched on
that same walk rather than by `glob`, which follows such links. A target named like a
scenario file (`x.yaml`) is read as one even when it is a directory or a link to one, and
so refused as other commands refuse it (not a regular file): a `.yaml` link to `/` once
made `solve` walk every file below it. Directories given in
`skip` (the batch's own `--out`) are never searched, so a batch run again does not read
its results back as scenarios.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from hybridplan.models.loading import SUFFIXES

SCHEMA_FILE = "scenario.schema.json"
MAX_NAME = 100
"""Result names are at most this long (a hash of the whole name keeps them unique), so
that `<name>.json` and its temporary file fit any file system's 255-byte limit."""


def discover(targets: Iterable[str | Path], skip: Iterable[Path] = ()) -> list[tuple[Path, str]]:
    """Scenario files from files, directories (recursively) and glob patterns, as
    (path, name for its result file), in a stable order. Names come from the path relative
    to the directory or pattern root, made safe: nothing can point outside the output."""
    skipped = {_real(p) for p in skip}
    found: dict[Path, str] = {}
    for target in targets:
        text = str(target)
        path = Path(text)
        if _is_dir(path) and path.suffix.lower() not in SUFFIXES:
            root = path
            files = sorted(p for p in _walk(path, skipped) if _is_scenario(p))
        elif glob.has_magic(text):
            root = _glob_root(text)
            files = sorted(p for p in _glob(text, root, skipped) if _is_scenario(p))
        else:
            root = path.parent
            files = [path]
        for f in files:
            found.setdefault(f, safe_name(f, root))
    return _unique(found)


def _real(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return str(path)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _walk(root: Path, skipped: set[str]) -> Iterator[Path]:
    """Every file below `root`; directory links are not followed, `skipped` not entered."""
    if _real(root) in skipped:
        return
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=lambda _: None):
        dirs[:] = sorted(d for d in dirs if _real(Path(folder, d)) not in skipped)
        for name in files:
            yield Path(folder, name)


def _glob_root(pattern: str) -> Path:
    """The directory part of a pattern before its first wildcard."""
    parts = Path(pattern).parts
    fixed = parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]
    return Path(*fixed) if fixed else Path(".")


def _glob(pattern: str, root: Path, skipped: set[str]) -> Iterator[Path]:
    """glob's matches (hidden names only when the pattern spells the dot), found on a walk
    that follows no directory link."""
    if "**" not in pattern:  # a fixed depth: glob itself cannot loop
        yield from (Path(p) for p in glob.glob(pattern))
        return
    regex = _translate(pattern.removeprefix("./"))
    for path in _walk(root, skipped):
        if regex.fullmatch(str(path)) and not _hidden_mismatch(path, root, pattern):
            yield path


def _hidden_mismatch(path: Path, root: Path, pattern: str) -> bool:
    """Like glob: a wildcard does not match a name starting with '.'."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        return False
    spelled = {p for p in Path(pattern).parts if p.startswith(".")}
    return any(part.startswith(".") and part not in spelled for part in rel.parts)


def _translate(pattern: str) -> re.Pattern[str]:
    """A glob pattern as a regular expression over '/'-separated paths: `**/` is any
    number of directories, `*` and `?` stay inside one name, `[...]` is a class."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[" and (end := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1 : end]
            body = "^" + body[1:] if body.startswith("!") else body
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out))


def _is_scenario(p: Path) -> bool:
    try:
        return p.is_file() and p.suffix.lower() in SUFFIXES and p.name != SCHEMA_FILE
    except (OSError, ValueError):
        return False


def safe_name(path: Path, root: Path) -> str:
    try:
        rel = path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        rel = Path(path.name)
    stem = "__".join(rel.with_suffix("").parts)
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "scenario"
    if len(name) > MAX_NAME:
        digest = hashlib.sha256(name.encode()).hexdigest()[:8]
        name = f"{name[: MAX_NAME - 9]}-{digest}"
    return name


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
