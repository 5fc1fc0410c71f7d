"""The commands the documentation shows but cannot run in a test (`sh` blocks: a server
left running, `make test`, a Dask scheduler, a batch of a thousand weeks) still name
commands, options and make targets that exist: each `hybridplan ...` line is read with the
command line's own parser (click's), and each `make X` is a target of the Makefile."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import ROOT
from hybridplan.cli import app

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs" / "pages").rglob("*.md"))]
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)


def _lines(page: Path) -> Iterator[tuple[int, str]]:
    """(line number, command) for each command line of the page's sh blocks, comments
    and continuation backslashes removed."""
    text = page.read_text(encoding="utf-8")
    for match in BLOCK.finditer(text):
        first = text[: match.start()].count("\n") + 2
        joined = match.group(1).replace("\\\n", " ")
        for offset, line in enumerate(joined.splitlines()):
            command = line.split(" #", 1)[0].strip()
            if command and not command.startswith("#"):
                yield first + offset, command


def _words(command: str) -> list[str]:
    """The words of a command as the shell splits them, up to a pipe or redirection."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars="|&;<>")
    lexer.whitespace_split = True
    words = []
    for word in lexer:
        if word in {"|", "||", "&&", ";", ">", "<", ">>", "&"}:
            break
        words.append(word)
    return words


@cache
def _help(path: tuple[str, ...]) -> str | None:
    """The help text of `hybridplan PATH... --help`, or None when there is no such
    command."""
    done = CliRunner().invoke(app, [*path, "--help"])
    return done.output if done.exit_code == 0 else None


def _hybridplan_problems(words: list[str]) -> list[str]:
    """What is wrong with a `hybridplan ...` command: an unknown command, or an option its
    help does not list."""
    args = words[1:]
    path: tuple[str, ...] = ()
    while args and not args[0].startswith("-") and "Commands" in (_help(path) or ""):
        path, args = (*path, args[0]), args[1:]
        if _help(path) is None:
            return [f"no command {' '.join(path)!r}"]
    text = _help(path) or ""
    listed = set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", text))
    return [
        f"{' '.join(path)}: no option {option!r}"
        for word in args
        if word.startswith("-") and word != "-" and (option := word.split("=", 1)[0]) not in listed
    ]


def _targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))


CASES = [(page, line, cmd) for page in PAGES for line, cmd in _lines(page)]


def test_the_pages_show_commands_to_check() -> None:
    assert len([c for c in CASES if c[2].startswith("hybridplan ")]) >= 30


def test_a_wrong_option_or_command_is_found() -> None:
    assert _hybridplan_problems(_words("hybridplan solve week.yaml --no-such-option"))
    assert _hybridplan_problems(_words("hybridplan plan week.yaml"))
    assert not _hybridplan_problems(_words("hybridplan solve scenarios/ --out r/ --jobs 2"))


@pytest.mark.parametrize(
    "page,line,command", CASES, ids=[f"{p.relative_to(ROOT)}:{n}" for p, n, _ in CASES]
)
def test_shown_commands_exist(page: Path, line: int, command: str) -> None:
    words = _words(command)
    where = f"{page.relative_to(ROOT)}:{line}: {command}"
    if words[:1] == ["hybridplan"]:
        assert not _hybridplan_problems(words), (where, _hybridplan_problems(words))
    elif words[:1] == ["make"]:
        assert set(words[1:]) <= _targets(), where


def test_the_readme_links_to_pages_that_exist() -> None:
    """The README is read outside the site (mkdocs checks the site's own links): each
    relative link names a file of the repository."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text)
    assert len(targets) >= 10
    assert [t for t in targets if not (ROOT / t).exists()] == []
