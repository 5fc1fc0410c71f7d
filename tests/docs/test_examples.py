"""Every example in the README and the documentation site runs, and shows what it does.

The Markdown is read with Sybil. Two kinds of fenced blocks are executed, in page order,
each page in its own working directory holding a copy of the shipped `scenarios/`:

- `console`: lines starting `$ ` are run by bash (with the installed `hybridplan` first on
  PATH); the lines after each command are its expected output (stdout and stderr
  together), compared by doctest's checker with `...` standing for any text and runs of
  white space counted as one. A command's exit code must be 0 unless its output ends with
  a line `[exit N]`. The service tutorial's port (8731) is replaced by a free one.
- `python`: run in one namespace per page; a block of `>>>` lines is a doctest whose shown
  output is checked.

Blocks in other languages (`sh`, `yaml`, `json`, `text`) are illustrations: commands that
cannot run in a test (`make test`, a server, a Dask scheduler) or file excerpts. Their
`hybridplan` commands are still checked against the CLI (tests/docs/test_commands.py)."""

from __future__ import annotations

import contextlib
import doctest
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sybil import Document, Example, Region
from sybil.example import SybilFailure
from sybil.parsers.markdown import PythonCodeBlockParser
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer

from helpers import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs" / "pages").rglob("*.md"))]
EXIT = re.compile(r"^\[exit (\d+)\]$")
DOCS_PORT = 8731  # the port the service tutorial shows
CHECKER = doctest.OutputChecker()
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _commands(source: str) -> Iterator[tuple[str, str, int]]:
    """(command, expected output, expected exit code) for each `$ ` line of a block; a
    command may go on over lines ending in a backslash."""
    lines = source.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            raise ValueError(f"console block line {i + 1} is not a command: {lines[i]!r}")
        command = lines[i][2:]
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command[:-1] + " " + lines[i].strip()
        i += 1
        out = []
        while i < len(lines) and not lines[i].startswith("$ "):
            out.append(lines[i])
            i += 1
        code = 0
        if out and (m := EXIT.match(out[-1].strip())):
            code = int(m.group(1))
            out = out[:-1]
        yield command, "\n".join(out).strip("\n"), code


def _run_console(example: Example) -> str | None:
    """Runs a console block's commands in the page's directory; None when all match."""
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLUMNS": "100",
        "NO_COLOR": "1",
        "TERM": "dumb",
    }
    for command, expected, code in _commands(example.parsed):
        # the service tutorial's port, made a free one: two test runs at once do not meet
        command = command.replace(str(DOCS_PORT), str(example.namespace["__port__"]))
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=example.namespace["__cwd__"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        got = (done.stdout + done.stderr).strip("\n")
        if done.returncode != code:
            return f"$ {command}\nexit {done.returncode}, not {code}:\n{got}"
        if not CHECKER.check_output(expected + "\n", got + "\n", FLAGS):
            return f"$ {command}\nexpected:\n{expected}\ngot:\n{got}"
    return None


def _console(document: Document) -> Iterator[Region]:
    lexer = FencedCodeBlockLexer(language="console")
    for lexed in lexer(document):
        yield Region(lexed.start, lexed.end, lexed.lexemes["source"], _run_console)


def _document(page: Path) -> Document:
    return Document.parse(str(page), _console, PythonCodeBlockParser(doctest_optionflags=FLAGS))


def test_the_runner_reads_commands_outputs_and_exit_codes() -> None:
    block = "$ echo a \\\n  b\na b\n$ false\n[exit 1]\n$ true\n"
    assert list(_commands(block)) == [("echo a  b", "a b", 0), ("false", "", 1), ("true", "", 0)]
    with pytest.raises(ValueError, match="not a command"):
        list(_commands("output first\n$ true\n"))


def test_a_wrong_output_or_exit_code_fails_the_example(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    good = "```console\n$ echo hi\nhi\n$ exit 3\n[exit 3]\n```\n"
    for text, fails in ((good, False), (good.replace("hi\n$", "bye\n$"), True),
                        (good.replace("[exit 3]", "[exit 2]"), True)):  # fmt: skip
        page.write_text(text)
        document = _document(page)
        document.namespace["__cwd__"] = tmp_path
        document.namespace["__port__"] = DOCS_PORT
        if fails:
            with pytest.raises(SybilFailure):
                for example in document.examples():
                    example.evaluate()
        else:
            for example in document.examples():
                example.evaluate()


def test_the_readme_and_the_tutorials_have_examples_that_run() -> None:
    """The pages a newcomer follows (README, tutorials) all run examples."""
    for page in PAGES:
        if page.name == "README.md" or "tutorials" in page.parts:
            assert list(_document(page).examples()), f"{page} has no example that runs"


RUN = [p for p in PAGES if list(_document(p).examples())]


@pytest.mark.parametrize("page", RUN, ids=[str(p.relative_to(ROOT)) for p in RUN])
def test_examples_run_and_show_what_they_print(page: Path, tmp_path: Path) -> None:
    document = _document(page)
    examples = list(document.examples())
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    document.namespace["__cwd__"] = tmp_path
    document.namespace["__port__"] = _free_port()
    here = Path.cwd()
    os.chdir(tmp_path)  # the Python examples read scenarios/ by a relative path
    try:
        for example in examples:
            example.evaluate()
    finally:
        os.chdir(here)
        _stop_servers(tmp_path)
    for made, shown in PICTURES.get(page.relative_to(ROOT).as_posix(), {}).items():
        assert (tmp_path / made).read_bytes() == (ROOT / shown).read_bytes(), (
            f"{shown} is not what the page's commands draw: copy {made} over it"
        )


# A picture the docs and the README show, drawn by a page's own commands: the page's file,
# as drawn in its examples' folder, against the one shown (the same plan, the same bytes).
PICTURES = {
    "docs/pages/tutorials/closed-loop.md": {"after.png": "docs/pages/img/form-missed-week.png"}
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _stop_servers(folder: Path) -> None:
    """A page that starts a server in the background writes its pid to server.pid and
    stops it itself; if the page failed before that, the server is stopped here."""
    pid_file = folder / "server.pid"
    if pid_file.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGTERM)
