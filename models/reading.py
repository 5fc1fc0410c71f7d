"""Reading a user's file safely: YAML, TOML or JSON into plain data, plus a locator that
turns a field path into the line it was written on.

What a file cannot do here: be anything but a regular file (a FIFO, `/dev/zero`, a
directory or a symlink loop is refused before it is opened for reading), be larger than
`limits.MAX_FILE_BYTES`, repeat a key (YAML and JSON would silently keep the last one; TOML
refuses it itself), nest deeper than `limits.MAX_DEPTH`, hold more than
`limits.MAX_VALUES` values (YAML aliases counted each time they are used), or hold a number
that is not finite or does not fit in 64 bits. A UTF-8 byte-order mark is accepted in every
format. Each refusal is an InputError with one line naming the file (and line where known).

Line numbers are wanted only when something is wrong, so the locator builds its index of
field path -> line on the first lookup, in one pass over the document, and answers every
later lookup from that index.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from hybridplan.models import limits
from hybridplan.models.errors import InputError, Problem, echo

SUFFIXES = (".yaml", ".yml", ".toml", ".json")
Locator = Callable[[tuple[str | int, ...]], int | None]
LineIndex = dict[tuple[str, ...], int]

# libyaml's loader when PyYAML was built with it: several times faster on big batches.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int | None = None, first: int | None = None):
        super().__init__(key)
        self.key, self.line, self.first = key, line, first


class StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, refusing a key written twice in one mapping (YAML's spec forbids
    it; PyYAML keeps the last). Keys brought in by a merge (`<<: *base`) may be
    overridden, as YAML intends."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[tuple[str, str], int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                continue
            key = (key_node.tag, key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise _DuplicateKey(key_node.value, line, seen[key])
            seen[key] = line
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def _problem(file: str, message: str, line: int | None = None, field: str = "") -> InputError:
    return InputError([Problem(field, message, file, line)])


# ------------------------------------------------------------------------------ bytes
def read_bytes(path: Path, most: int = limits.MAX_FILE_BYTES) -> bytes:
    """The file's bytes: a regular file of at most `most` bytes. Special files are refused
    by what stat() says, before any read, so a FIFO cannot block and /dev/zero cannot fill
    memory; a file that grows while it is read is refused too."""
    name = str(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _problem(name, f"cannot read file: {_kind(info.st_mode)}, not a regular file")
        if info.st_size > most:
            raise _problem(name, _too_big(info.st_size, most))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped after the stat() above
                raise _problem(name, "cannot read file: not a regular file")
            chunks, size = [], 0
            while size <= most:
                chunk = os.read(fd, most + 1 - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
    except InputError:
        raise
    except OSError as exc:
        raise _problem(name, f"cannot read file: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL byte in the path
        raise _problem(name, f"cannot read file: {exc}") from None
    raw = b"".join(chunks)
    if len(raw) > most:  # grew while we read it
        raise _problem(name, _too_big(len(raw), most))
    return raw


def read_text(path: Path) -> str:
    """The file's text: a regular file of at most MAX_FILE_BYTES (`read_bytes`), UTF-8 (a
    BOM is dropped)."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _problem(
            str(path),
            f"cannot read file: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            line,
        ) from None
    return text.removeprefix("\ufeff")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _too_big(size: int, most: int) -> str:
    return f"file is {size:,} bytes; at most {most:,} ({most / (1 << 20):g} MiB)"


# ------------------------------------------------------------------------------ parsing
def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a scenario can use")


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def parse(text: str, suffix: str, name: str) -> tuple[Any, Locator]:
    """Data and locator of a document in the format `suffix` names."""
    fmt = {".toml": "TOML", ".json": "JSON"}.get(suffix, "YAML")
    locator = lazy_locator(text, fmt)
    try:
        if fmt == "TOML":
            data: Any = tomllib.loads(text)
        elif fmt == "JSON":
            data = json.loads(text, object_pairs_hook=_json_pairs, parse_constant=_no_constant)
        else:
            data = yaml.load(text, Loader=StrictLoader)
    except _DuplicateKey as dup:
        line = dup.line
        if line is None:  # JSON's hook has no positions: the index has them
            line = _duplicate_line(text, dup.key)
        first = f" (first on line {dup.first})" if dup.first else ""
        raise _problem(name, f"duplicate key {echo(dup.key)}{first}", line) from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise _problem(name, f"not valid YAML: {exc.problem}", line) from None
    except yaml.YAMLError as exc:
        raise _problem(name, f"not valid YAML: {exc}") from None
    except json.JSONDecodeError as exc:
        raise _problem(name, f"not valid JSON: {exc.msg}", exc.lineno) from None
    except tomllib.TOMLDecodeError as exc:
        line_match = re.search(r"line (\d+)", str(exc))
        raise _problem(
            name, f"not valid TOML: {exc}", int(line_match.group(1)) if line_match else None
        ) from None
    except RecursionError:
        raise _problem(name, f"not valid {fmt}: nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as exc:  # numbers Python will not convert
        if "digits" in str(exc):
            message = "a number has more than 4300 digits"
        else:
            message = str(exc) or type(exc).__name__
        raise _problem(name, f"not valid {fmt}: {message}") from None
    return data, locator


def _duplicate_line(text: str, key: str) -> int | None:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    found: list[int] = []
    _index_yaml(node, duplicates=found)
    return found[0] if found else None


def check_data(data: Any, name: str, locate: Locator) -> list[Problem]:
    """What no field may hold, whatever it is: deeper nesting than MAX_DEPTH, more values
    than MAX_VALUES, integers beyond 64 bits, NaN and infinities. One pass, iterative."""
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    count = 0
    while stack:
        value, path = stack.pop()
        count += 1
        if count > limits.MAX_VALUES:
            return [Problem("", f"more than {limits.MAX_VALUES:,} values in one file", name)]
        if len(path) > limits.MAX_DEPTH:
            field = ".".join(str(p) for p in path[:8]) + "..."
            return [
                Problem(
                    field, f"nested more than {limits.MAX_DEPTH} levels deep", name, locate(path)
                )
            ]
        if isinstance(value, dict):
            stack.extend(
                (v, (*path, k if isinstance(k, str | int) else str(k))) for k, v in value.items()
            )
        elif isinstance(value, list | tuple | set | frozenset):
            stack.extend((v, (*path, i)) for i, v in enumerate(value))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int) and abs(value) > limits.MAX_INT:
            problems.append(
                Problem(_field(path), f"number too large (got {echo(value)})", name, locate(path))
            )
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(
                Problem(_field(path), f"not a finite number (got {value})", name, locate(path))
            )
    return problems


def _field(path: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in path)


# ------------------------------------------------------------------------------ lines
def lazy_locator(text: str, fmt: str) -> Locator:
    """A field path -> line locator whose index is built once, on the first lookup."""
    built: list[LineIndex] = []

    def locate(loc: tuple[str | int, ...]) -> int | None:
        if not built:
            built.append(_toml_index(text) if fmt == "TOML" else _yaml_text_index(text))
        return lookup(built[0], loc)

    return locate


def lookup(index: LineIndex, loc: tuple[str | int, ...]) -> int | None:
    """The line of the deepest part of `loc` the file wrote (a missing key, or a
    validator's own part of the path, keeps its parent's line)."""
    current: tuple[str, ...] = ()
    for part in loc:
        step = (*current, str(part))
        if step in index:
            current = step
    return index.get(current)


def _yaml_text_index(text: str) -> LineIndex:
    try:  # JSON is YAML here, so JSON files get lines the same way
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return {}
    return _index_yaml(node)


def _index_yaml(node: yaml.Node | None, duplicates: list[int] | None = None) -> LineIndex:
    """Field path -> line of every key and list item, in one iterative walk; an aliased
    node is walked once (where it was defined)."""
    if node is None:
        return {}
    index: LineIndex = {(): node.start_mark.line + 1}
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, tuple[str, ...]]] = [(node, ())]
    while stack:
        current, path = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            keys: set[str] = set()
            for k, v in current.value:
                key = str(k.value) if isinstance(k, yaml.ScalarNode) else "?"
                if key in keys and duplicates is not None:
                    duplicates.append(k.start_mark.line + 1)
                keys.add(key)
                index.setdefault((*path, key), k.start_mark.line + 1)
                stack.append((v, (*path, key)))
        elif isinstance(current, yaml.SequenceNode):
            for i, v in enumerate(current.value):
                index.setdefault((*path, str(i)), v.start_mark.line + 1)
                stack.append((v, (*path, str(i))))
    return index


_TOML_KEY = re.compile(r"[A-Za-z0-9_-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*'")
_TOML_ARRAY_TABLE = re.compile(r"^\[\[\s*(.+?)\s*\]\]")
_TOML_TABLE = re.compile(r"^\[\s*(.+?)\s*\]")
_TOML_ASSIGN = re.compile(
    r"^((?:[A-Za-z0-9_-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*')"
    r"(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*'))*)\s*="
)
_TOML_INLINE = re.compile(r"[{,]\s*([A-Za-z0-9_-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*')\s*=")


def _toml_parts(key: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _TOML_KEY.findall(key))


def _toml_index(text: str) -> LineIndex:
    """Field path -> line for TOML, in one pass over the lines: table headers, arrays of
    tables, `key = value` (dotted keys too) and the keys of inline tables."""
    index: LineIndex = {(): 1}
    table: tuple[str, ...] = ()
    arrays: dict[tuple[str, ...], int] = {}

    def add(path: tuple[str, ...], line: int) -> None:
        for i in range(1, len(path) + 1):
            index.setdefault(path[:i], line)

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if match := _TOML_ARRAY_TABLE.match(line):
            key = _toml_parts(match.group(1))
            arrays[key] = arrays.get(key, -1) + 1
            table = (*key, str(arrays[key]))
            add(table, number)
        elif match := _TOML_TABLE.match(line):
            table = _toml_parts(match.group(1))
            add(table, number)
        elif match := _TOML_ASSIGN.match(line):
            key = (*table, *_toml_parts(match.group(1)))
            add(key, number)
            for inner in _TOML_INLINE.finditer(line[match.end() :]):
                add((*key, *_toml_parts(inner.group(1))), number)
    return index
