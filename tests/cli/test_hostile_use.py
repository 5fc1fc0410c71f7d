"""The command line under hostile use: option bounds, tampered result files,
internal errors (exit 3, one line, a traceback log) and escaped outputs."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import ROOT
from hybridplan import cli
from hybridplan.cli import app
from hybridplan.models import limits

WEEK = ROOT / "scenarios" / "marathon-build.yaml"
XSS = "<img src=x onerror=alert(1)>"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "option",
    [
        ["--time-limit", "nan"],
        ["--time-limit", "inf"],
        ["--time-limit", "0"],
        ["--time-limit", "-1"],
        ["--time-limit", "3601"],
        ["--seed", "-1"],
        ["--seed", str(2**31)],
        ["--workers", "0"],
        ["--workers", str(limits.MAX_WORKERS + 1)],
        ["--jobs", str(limits.max_jobs() + 1)],
        ["--week", "27"],
    ],
)
def test_option_bounds(option: list[str]) -> None:
    code, _, err = run("solve", str(WEEK), *option)
    assert code == 2 and "Traceback" not in err


def test_an_internal_error_exits_3_with_one_line_and_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import hybridplan.models.loading as loading

    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("a bug\nover two lines")

    monkeypatch.setattr(loading, "load_plan_input", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(sys, "argv", ["hybridplan", "solve", str(WEEK)])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 3
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("internal error: ZeroDivisionError: a bug\\nover two lines")
    log = Path(line.rsplit("(traceback in ", 1)[1].rstrip(")"))
    assert log.parent == tmp_path / "state" / "hybridplan"
    assert "Traceback" in log.read_text() and "broken" in log.read_text()


# ------------------------------------------------------------------ tampered results
@pytest.fixture(scope="module")
def result_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("r") / "r.json"
    code, stdout, _ = run("solve", str(WEEK), "--format", "json", "--time-limit", "5")
    assert code == 0
    out.write_text(stdout)
    data: dict[str, object] = json.loads(stdout)
    return data


def _tamper(data: dict[str, object], path: str, value: object) -> dict[str, object]:
    copy = json.loads(json.dumps(data))
    target = copy
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    last = keys[-1]
    if value is KeyError:
        del target[int(last) if last.isdigit() else last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return copy


TAMPERED = [
    ("sessions.0.day", "funday"),
    ("sessions.0.start", "25:99"),
    ("sessions.0.slot", "noon"),
    ("sessions.0.slot", "a b"),
    ("sessions.0.week", 999),
    ("sessions.0.minutes", -30),
    ("sessions.0.session", "no_such_session"),
    ("sessions.0.day", KeyError),
    ("status", KeyError),
    ("input", "not a mapping"),
    ("input.scenario", [1, 2]),
    ("input.scenario.availability", {"mon": {"am": -5}}),
    ("input.rules", {"rules": {"magic": {}}}),
    ("input.scenario.timezone", "Mars/Base"),
]


@pytest.mark.parametrize(("path", "value"), TAMPERED, ids=[f"{p}={v}" for p, v in TAMPERED])
def test_tampered_results_are_bad_input(
    tmp_path: Path, result_json: dict[str, object], path: str, value: object
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_tamper(result_json, path, value)))
    good = tmp_path / "good.json"
    good.write_text(json.dumps(result_json))
    for args in (
        ["replan", str(bad), "--missed", "tue:pm"],
        ["export", str(bad), "--to", "html", "--out", str(tmp_path / "x.html")],
        ["export", str(bad), "--to", "ics", "--out", str(tmp_path / "x.ics")],
        ["export", str(bad), "--to", "png", "--out", str(tmp_path / "x.png")],
        ["diff", str(good), str(bad)],
    ):
        code, _, err = run(*args)
        if args[0] == "diff" and path.startswith(
            ("input", "sessions.0.session", "sessions.0.slot")
        ):
            assert code in (0, 2), (args, err)  # diff reads no input, and any slot name
            continue
        assert code == 2, (args, err)
        lines = err.strip().splitlines()
        assert lines and all(line.startswith("error: ") for line in lines), err
        assert "Traceback" not in err and str(bad) in lines[0]


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00garbage", b'{"scenario": "x", "rule_set": ', b"[]", b"", b'{"a": 1, "a": 2}'],
)
def test_unreadable_results(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    for args in (
        ["replan", str(bad)],
        ["export", str(bad), "--to", "md", "--out", str(tmp_path / "x.md")],
        ["diff", str(bad), str(bad)],
    ):
        code, _, err = run(*args)
        assert code == 2 and "Traceback" not in err, err
        assert err.startswith(f"error: {bad}")


# ------------------------------------------------------------------ escaped outputs
@pytest.fixture(scope="module")
def hostile_result(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A solved result whose names a hostile scenario controls, as far as a scenario can
    (slots cannot hold spaces), then edited where its text is free (its message and changes)."""
    folder = tmp_path_factory.mktemp("xss")
    scenario = folder / "x.yaml"
    scenario.write_text(
        f"name: '{XSS} =HYPERLINK(\"http://x\")'\n"
        "slots: {'<b>|x': '06:30', '=cmd': '18:00'}\n"
        "availability:\n"
        + "".join(f"  {d}: {{'<b>|x': 60, '=cmd': 90}}\n" for d in ("mon", "tue", "wed", "fri"))
        + "  sat: {'<b>|x': 150}\n"
        "targets: {runs: [3, 4], strength: 2, long_run: 1, quality_runs: [0, 1]}\n"
    )  # (no custom `sessions:`: their round trip is tested in planner/)
    code, stdout, err = run("solve", str(scenario), "--format", "json", "--time-limit", "5")
    assert code == 0, err
    data = json.loads(stdout)
    # a result's free text (what the checks cannot recompute: penalties are refused if
    # edited, see test_result_proof.py)
    data["message"] = f"{XSS} a|b\nc <script>x</script>"
    data["changes"] = [f"{XSS}\r\nsecond line", "a|b\nc <script>x</script>"]
    path = folder / "r.json"
    path.write_text(json.dumps(data))
    return path


def test_html_export_escapes_everything(tmp_path: Path, hostile_result: Path) -> None:
    out = tmp_path / "w.html"
    assert run("export", str(hostile_result), "--to", "html", "--out", str(out))[0] == 0
    page = out.read_text()
    # the page's own markup (<b>, <ul>) stays; nothing the result file controls is markup
    assert "<img src=x" not in page and "<script>" not in page and "<script>x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_csv_export_neutralises_formulas(tmp_path: Path, hostile_result: Path) -> None:
    out = tmp_path / "w.csv"
    assert run("export", str(hostile_result), "--to", "csv", "--out", str(out))[0] == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    cells = [v for row in rows for v in row.values()]
    assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in cells)
    assert any(v.startswith("'=") for v in cells)
    assert all(not v.startswith("-") or v.lstrip("-").isdigit() for v in cells)


def test_markdown_tables_do_not_break(tmp_path: Path, hostile_result: Path) -> None:
    out = tmp_path / "w.md"
    assert run("export", str(hostile_result), "--to", "md", "--out", str(out))[0] == 0
    text = out.read_text()
    assert "<img" not in text and "<script>" not in text and "<b>" not in text
    for line in text.splitlines():
        if line.startswith("| "):
            cells = line.replace("\\|", "").count("|")
            header = next(x for x in text.splitlines() if x.startswith("| "))
            assert cells in (header.count("|"), 4), line


MD_HOSTILE = "*bold* __strong__ [click](http://evil.example) ![i](http://e/i.png) `code` ~~gone~~"


def test_markdown_shows_markdown_syntax_literally(tmp_path: Path) -> None:
    """Names and details a file controls render as the text they are: a CommonMark (+
    tables, strikethrough) renderer, markdown-it, which shares no code with hybridplan,
    finds no emphasis, link, image, code or strikethrough in them."""
    from markdown_it import MarkdownIt

    scenario = tmp_path / "m.yaml"
    scenario.write_text(
        f"name: {json.dumps(MD_HOSTILE)}\n"
        "availability: {mon: {am: 60}, wed: {pm: 60}, sat: {am: 150}}\n"
        "targets: {runs: 2, strength: 1, long_run: 1, quality_runs: 0}\n"
    )
    code, stdout, err = run("solve", str(scenario), "--format", "json", "--time-limit", "5")
    assert code == 0, err
    data = json.loads(stdout)
    data["message"] = MD_HOSTILE  # free text a file controls (penalties are re-checked)
    result = tmp_path / "r.json"
    result.write_text(json.dumps(data))
    out = tmp_path / "w.md"
    assert run("export", str(result), "--to", "md", "--out", str(out))[0] == 0
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(out.read_text())
    for markup in ("<em>", "<a ", "<img", "<code>", "<s>", "<strong>bold", "<strong>strong"):
        assert markup not in rendered, markup
    # and the text itself is there, shown as written
    assert "*bold* __strong__ [click](http://evil.example)" in rendered
    assert "`code` ~~gone~~" in rendered


def test_terminal_table_shows_markup_literally(tmp_path: Path) -> None:
    scenario = tmp_path / "m.yaml"
    scenario.write_text(
        "name: m\nslots: {'[/x]': '07:00'}\n"
        "availability: {mon: {'[/x]': 60}, sat: {'[/x]': 150}}\n"
        "targets: {runs: 2, strength: 0, long_run: 1, quality_runs: 0}\n"
    )
    code, out, err = run("solve", str(scenario))
    assert code == 0, err
    assert "[/x]" in out


def test_a_scenario_named_link_to_a_directory_is_refused_not_walked(tmp_path: Path) -> None:
    """`x.yaml` linking to a directory is read as the file it claims to be, and refused
    (a link to / once made solve walk every file below it); a plain directory is still a
    batch's input, walked."""
    from hybridplan.batch.discovery import discover

    folder = tmp_path / "weeks"
    folder.mkdir()
    (folder / "a.yaml").write_text((ROOT / "scenarios" / "seed-001-sample-week.yaml").read_text())
    link = tmp_path / "x.yaml"
    link.symlink_to(folder, target_is_directory=True)
    assert [p for p, _ in discover([link])] == [link]
    assert [p for p, _ in discover([folder])] == [folder / "a.yaml"]
    for command in ("solve", "validate"):
        code, _, err = run(command, str(link))
        assert code == 2, err
        assert err.strip() == f"error: {link}: cannot read file: a directory, not a regular file"
