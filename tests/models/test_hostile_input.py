"""Hostile and oversized input: every case is refused with InputError, one line
per problem naming the file (and line where known), never a traceback, never a hang."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT
from hybridplan.models import InputError, input_from_dict, limits, load_plan_input
from hybridplan.models.loading import load_rule_set

GOOD: dict[str, Any] = {
    "name": "good",
    "availability": {"mon": {"am": 60, "pm": 75}, "wed": {"pm": 60}, "sat": {"am": 150}},
    "targets": {"runs": [2, 3], "strength": 1, "long_run": 1, "quality_runs": [0, 1]},
}


SLOTS_OVER = limits.MAX_SLOTS_PER_DAY + 1


def refused(path: Path) -> list[str]:
    """The problem lines of a file that must not load; each is one line naming it."""
    with pytest.raises(InputError) as info:
        load_plan_input(path)
    lines = [str(p) for p in info.value.problems]
    assert lines
    for line in lines:
        assert "\n" not in line and "\r" not in line
        assert line.startswith(str(path)), line
    return lines


def write(tmp_path: Path, data: Any, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    if name.endswith(".json"):
        path.write_text(json.dumps(data))
    else:
        path.write_text(yaml.safe_dump(data))
    return path


def with_(**fields: Any) -> dict[str, Any]:
    return {**GOOD, **fields}


# -------------------------------------------------------------------- numbers and sizes
@pytest.mark.parametrize(
    ("data", "field"),
    [
        (with_(targets={"runs": 10**100}), "targets.runs"),
        (with_(targets={"runs": [0, 2**63]}), "targets.runs"),
        (with_(targets={"strength": [0, 2**62]}), "targets.strength.max"),
        (with_(targets={"sets": {"quads": [0, 10**30]}}), "targets.sets.quads"),
        (
            with_(
                sessions={
                    "big": {
                        "kind": "strength",
                        "minutes": 40,
                        "intensity": "hard",
                        "rpe": 8,
                        "strength_type": "upper",
                        "sets": {"chest": 10**30},
                    }
                }
            ),
            "sessions.big.sets.chest",
        ),
        (with_(sessions={"easy_45": {"rpe": 11}}), "sessions.easy_45.rpe"),
        (with_(weeks=27), "weeks"),
        # numbers are numbers: no booleans, no text (read as 1 and 60 before)
        (with_(weekly_minutes=True), "weekly_minutes"),
        (with_(weekly_minutes="60"), "weekly_minutes"),
        (with_(weeks="2"), "weeks"),
        (with_(targets={"runs": {"min": 2, "max": False}}), "targets.runs"),
        # names and ids are plain text: no terminal escapes, bidi or invisible characters
        (with_(name="evil\x1b]0;pwned\x07"), "name"),
        (with_(name="abc\u202edef"), "name"),
        (with_(include=["easy\u200b_45"]), "include.0"),
        (with_(exclude=["easy_45\u2060"]), "exclude.0"),
        (with_(start="9999-12-27"), "start"),
        (with_(start="0001-01-01"), "start"),
        (with_(start="2099-12-14", weeks=4), "weeks"),
        (with_(start="2099-12-28"), "weeks"),  # one week, `weeks` left out: it ends in 2100
        (with_(weeks=2, race={"date": "9999-12-31", "distance": "10k"}), "race.date"),
        (with_(history=[10**9]), "history.0"),
        (with_(history=[100] * (limits.MAX_LIST + 1)), "history"),
        (with_(weekly_minutes=10**12), "weekly_minutes"),
        (with_(rules={"override": {"hard_separation": {"hours": 1e308}}}), "hours"),
        (with_(rules={"override": {"set_volume": {"weight": 10**20}}}), "weight"),
        (with_(rules={"override": {"muscle_recovery": {"min_sets": 10**9}}}), "min_sets"),
        (with_(rules={"override": {"monotony": {"limit": 50}}}), "limit"),
        (with_(description="x" * (limits.MAX_TEXT + 1)), "description"),
        (with_(rules="r" * 100_000), "rules"),
        (with_(timezone="Mars/Olympus_Mons"), "timezone"),
        (
            with_(slots={f"s{i}": f"{i:02d}:00" for i in range(limits.MAX_SLOTS_PER_DAY + 1)}),
            "slots",
        ),
    ],
)
def test_numbers_and_sizes_beyond_the_limits(tmp_path: Path, data: Any, field: str) -> None:
    lines = refused(write(tmp_path, data))
    assert any(field in line for line in lines), lines
    assert all(len(line) < 1200 for line in lines)


def test_custom_sessions_are_capped(tmp_path: Path) -> None:
    session = {"kind": "run", "run_type": "easy", "minutes": 30, "intensity": "easy", "rpe": 3}
    many = {f"run_{i}": session for i in range(limits.MAX_CUSTOM_SESSIONS + 1)}
    lines = refused(write(tmp_path, with_(sessions=many)))
    assert any("sessions" in line and "at most" in line for line in lines), lines


def test_too_many_candidates_are_refused_before_building(tmp_path: Path) -> None:
    slots = {f"s{i}": f"{6 + 2 * i:02d}:00" for i in range(limits.MAX_SLOTS_PER_DAY)}
    day = dict.fromkeys(slots, 90)
    data = with_(weeks=26, slots=slots, availability={d: day for d in ("mon", "tue", "wed")})
    (line,) = refused(write(tmp_path, data))
    assert "too big to plan" in line and f"{limits.MAX_CANDIDATES:,}" in line


def test_huge_integer_literal(tmp_path: Path) -> None:
    for suffix, text in (
        (".yaml", "name: x\navailability: {}\nweeks: " + "9" * 5000 + "\n"),
        (".json", '{"name": "x", "availability": {}, "weeks": ' + "9" * 5000 + "}"),
        (".toml", 'name = "x"\nweeks = ' + "9" * 5000 + "\n[availability]\n"),
    ):
        path = tmp_path / f"s{suffix}"
        path.write_text(text)
        (line,) = refused(path)
        assert "number" in line or "integer" in line, line


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (".json", '{"name": "x", "availability": {}, "history": [NaN]}'),
        (".json", '{"name": "x", "availability": {}, "history": [Infinity]}'),
        (".yaml", "name: x\navailability: {}\nrules: {override: {hard_separation: {hours: .nan}}}"),
        (".toml", 'name = "x"\n[availability]\n[rules.override.hard_separation]\nhours = inf\n'),
    ],
)
def test_nan_and_infinity(tmp_path: Path, suffix: str, text: str) -> None:
    path = tmp_path / f"s{suffix}"
    path.write_text(text)
    lines = refused(path)
    assert any(re.search("finite|NaN|Infinity|number", line) for line in lines), lines


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (".json", '{"name": "x", "availability": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        (".toml", 'name = "x"\navailability = ' + "[" * 100_000 + "]" * 100_000 + "\n"),
        (".yaml", "name: x\navailability: " + "[" * 100_000 + "]" * 100_000 + "\n"),
        (".yaml", "name: x\navailability: " + "[" * 40 + "]" * 40 + "\n"),
    ],
)
def test_deep_nesting(tmp_path: Path, suffix: str, text: str) -> None:
    path = tmp_path / f"s{suffix}"
    path.write_text(text)
    (line,) = refused(path)
    assert "nest" in line or "depth" in line, line


def test_yaml_alias_bomb(tmp_path: Path) -> None:
    lines = ["name: x", "availability: {}", "a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    (line,) = refused(path)
    assert f"more than {limits.MAX_VALUES:,} values" in line


# -------------------------------------------------------------------- files
def test_special_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert "FIFO" in refused(fifo)[0]  # refused before open: no hang
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    assert "directory" in refused(folder)[0]
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    assert "cannot read file" in refused(loop)[0]
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    assert "device" in refused(zero)[0]


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("name: x\ndescription: '" + "x" * limits.MAX_FILE_BYTES + "'\n")
    (line,) = refused(path)
    assert "at most 1,048,576" in line


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".toml"])
def test_a_byte_order_mark_is_accepted(tmp_path: Path, suffix: str) -> None:
    source = {
        ".yaml": "marathon-build.yaml",
        ".json": "base-block.json",
        ".toml": "half-marathon-peak.toml",
    }[suffix]
    text = (ROOT / "scenarios" / source).read_text()
    path = tmp_path / f"bom{suffix}"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert load_plan_input(path).scenario.name


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("d.yaml", "name: a\navailability: {}\nname: b\n", 3),
        ("d.yaml", "name: a\navailability:\n  mon: {am: 1}\n  mon: {pm: 2}\n", 4),
        ("d.json", '{"name": "a",\n "availability": {},\n "name": "b"}', 3),
    ],
)
def test_duplicate_keys(tmp_path: Path, name: str, text: str, line: int) -> None:
    path = tmp_path / name
    path.write_text(text)
    (problem,) = refused(path)
    assert problem.startswith(f"{path}:{line}: duplicate key")


def test_yaml_merge_keys_may_be_overridden(tmp_path: Path) -> None:
    text = (
        "name: m\nbase: &b {am: 60, pm: 60}\n"
        "availability:\n  mon: {<<: *b, pm: 90}\n  sat: {am: 150}\n"
    )
    path = tmp_path / "merge.yaml"
    path.write_text(text.replace("base:", "description: ''\n_base:"))
    lines = refused(path)  # `_base` is an unknown field, the merge itself is fine
    assert all("duplicate" not in line for line in lines)


def test_control_characters_stay_on_one_line(tmp_path: Path) -> None:
    data = with_(**{"co\r\nlour": "x\x1b[31mred", "targets": {"runs": "a\nb"}})
    lines = refused(write(tmp_path, data, "c.json"))
    assert any("co\\r\\nlour" in line for line in lines), lines


def test_echoed_values_are_short(tmp_path: Path) -> None:
    (line,) = refused(write(tmp_path, with_(weeks="w" * 500_000)))
    assert len(line) < 300 and line.endswith("...)")


def test_many_unknown_keys_are_located_in_one_pass(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    body = "".join(f"k{i}: 1\n" for i in range(60_000))
    path.write_text("name: x\navailability: {}\n" + body)
    lines = refused(path)
    assert len(lines) == limits.MAX_PROBLEMS + 1
    assert lines[0].startswith(f"{path}:3: k0: unknown field")
    assert lines[-1].endswith(f"and {60_000 - limits.MAX_PROBLEMS:,} more problems")


def test_toml_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text(
        'name = "t"\n\n[availability]\nmon = { am = 60, pm = -5 }\n\n[targets]\nruns = [4, 3]\n'
    )
    lines = refused(path)
    assert f"{path}:4: availability.mon.pm" in lines[0]
    assert f"{path}:7: targets.runs" in lines[1]


def test_rule_set_paths_that_cannot_exist(tmp_path: Path) -> None:
    for ref in ("x" * 100_000, "a/" * 3000 + "r.yaml", "bad\0name.yaml"):
        with pytest.raises(InputError) as info:
            load_rule_set(ref, tmp_path)
        (problem,) = info.value.problems
        assert "unknown rule set" in str(problem) and len(str(problem)) < 1000


def test_dicts_get_the_same_checks() -> None:
    for data in (
        {**GOOD, "history": [float("nan")]},
        {**GOOD, "weeks": 10**5000},
        {**GOOD, "targets": {"runs": [0, 2**64]}},
        {**GOOD, **{f"k{i}": i for i in range(200_000)}},
        [1, 2, 3],
    ):
        with pytest.raises(InputError):
            input_from_dict(data)  # type: ignore[arg-type]


def test_variants_that_expand_too_far(tmp_path: Path) -> None:
    from hybridplan.models.variants import expand_variants

    path = tmp_path / "v.yaml"
    sweep = {f"{r}.weight": list(range(10)) for r in ("set_volume", "spread", "run_quality")}
    sweep["hard_separation.hours"] = [12, 24]
    path.write_text(yaml.safe_dump({"base": "balanced", "sweep": sweep}))
    with pytest.raises(InputError) as info:
        expand_variants(path)
    assert "2,000 combinations; at most 1,000" in str(info.value)


def test_unknown_keys_that_look_like_pydantic_internals(tmp_path: Path) -> None:
    """Fuzzing found these: a key with '[' or named like a type lost its name (exit 3)."""
    path = tmp_path / "k.yaml"
    path.write_text(
        'name: x\navailability: {}\n"name\\e[31m": 1\nint: 2\n"function-after[x]": 3\n'
        '"slots\\u202e": 4\n'
    )
    lines = refused(path)
    assert [line.split(": ")[1] for line in lines] == [
        "name\\x1b[31m",
        "int",
        "function-after[x]",
        "slots\\u202e",
    ]


def test_a_plan_at_the_edges_of_its_dates_is_planned_and_exported(tmp_path: Path) -> None:
    """The first and the last Monday the limits allow: planned, dated, and every session
    written to FIT and ICS (a start in year 1 broke the FIT export; one in 9999-12
    overflowed solve). The days come from the calendar, not from the code under test."""
    import datetime as dt
    import io
    import zipfile

    from hybridplan import export, solve

    last_sunday = limits.LAST_DATE - dt.timedelta(days=(limits.LAST_DATE.weekday() + 1) % 7)
    for start in (dt.date(1990, 1, 1), last_sunday - dt.timedelta(days=13)):
        assert start.weekday() == 0
        result = solve(load_plan_input(write(tmp_path, with_(start=start.isoformat(), weeks=2))),
                       work_limit=5)  # fmt: skip
        assert result.found
        dates = {s.date for s in result.sessions}
        assert dates and all(limits.FIRST_DATE <= d <= limits.LAST_DATE for d in dates)
        assert min(dates) >= start and max(dates) <= start + dt.timedelta(days=13)
        ics = export(result, "ics").decode()
        assert f"{min(dates):%Y%m%d}T" in ics and f"{max(dates):%Y%m%d}T" in ics
        with zipfile.ZipFile(io.BytesIO(export(result, "fit"))) as fit:
            assert len(fit.namelist()) == len(result.sessions)


def test_a_result_file_with_dates_beyond_the_limits_is_refused() -> None:
    from pydantic import ValidationError

    from hybridplan.models.result import SessionOut

    good = {"day": "mon", "slot": "am", "start": "06:00", "minutes": 45, "session": "easy_45",
            "kind": "run", "intensity": "easy", "load": 135}  # fmt: skip
    assert SessionOut.model_validate({**good, "date": "2099-12-31"}).date is not None
    for date in ("9999-12-31", "0001-01-01", "1989-12-31", "2100-01-01"):
        with pytest.raises(ValidationError, match="date"):
            SessionOut.model_validate({**good, "date": date})
