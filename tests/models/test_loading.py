"""Bad input: every problem is one line naming the file, the line, the field and what is
allowed; exit code 2 from the CLI; nothing is solved or written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hybridplan.models import InputError, input_from_dict, load_plan_input
from hybridplan.models.loading import load_rule_set

GOOD = """\
name: good
availability:
  mon: {am: 60, pm: 75}
  wed: {pm: 60}
  sat: {am: 150}
targets:
  runs: {min: 2, max: 3}
  strength: 1
  long_run: 1
  quality_runs: [0, 1]
"""


def problems(tmp_path: Path, text: str, name: str = "s.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InputError) as info:
        load_plan_input(path)
    lines = [str(p) for p in info.value.problems]
    assert all(line.startswith(str(path)) for line in lines)
    return lines


def test_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "good.yaml"
    path.write_text(GOOD)
    week = load_plan_input(path)
    assert week.scenario.targets.strength.min == week.scenario.targets.strength.max == 1
    assert week.scenario.targets.quality_runs.max == 1
    assert week.rules.name == "balanced"
    assert [s.capacity for s in week.slots[:2]] == [60, 75]


@pytest.mark.parametrize(
    ("line", "replacement", "expected"),
    [
        (
            "name: good",
            "name: good\ncolour: blue",
            ":2: colour: unknown field 'colour'; allowed: name,",
        ),
        (
            "  mon: {am: 60, pm: 75}",
            "  mon: {am: -5, pm: 75}",
            ":3: availability.mon.am: Input should be greater than or equal to 0 (got -5)",
        ),
        (
            "  mon: {am: 60, pm: 75}",
            "  funday: {am: 60}",
            ":3: availability.funday: Input "
            "should be 'mon', 'tue', 'wed', 'thu', 'fri', 'sat' or 'sun' (got 'funday')",
        ),
        (
            "name: good",
            "name: good\nslots: {am: '6:30', pm: '18:00'}",
            ":2: slots.am: slot time '6:30' is not a 24-hour clock time HH:MM",
        ),
        (
            "  runs: {min: 2, max: 3}",
            "  runs: {min: 4, max: 3}",
            ":7: targets.runs: min (4) is above max (3)",
        ),
        (
            "  strength: 1",
            "  strength: lots",
            ":8: targets.strength: Input should be a valid dictionary or instance of CountRange",
        ),
        (
            "name: good",
            "name: good\nrules: nosuchset",
            ":2: rules: unknown rule set 'nosuchset'; built-in sets: balanced, minimal, stacked",
        ),
        (
            "name: good",
            "name: good\nrules: {use: balanced, override: {magic: {}}}",
            ":2: rules.override.magic: unknown field 'magic'; allowed: availability,",
        ),
        (
            "name: good",
            "name: good\nrules: {override: {hard_separation: {hours: -1}}}",
            ":2: rules.override.hard_separation.hours: Input should be greater than or equal to 0",
        ),
        ("name: good", "name: good\nexclude: [nope]", ":2: exclude.0: unknown session id 'nope'"),
        (
            "name: good",
            "name: good\nstart: 2026-12-01",
            ":2: start: 2026-12-01 is a Tuesday; start must be a Monday",
        ),
        (
            "  wed: {pm: 60}",
            "  wed: {noon: 60}",
            ":4: availability.wed.noon: unknown slot 'noon'; slots are am, pm",
        ),
        (
            "name: good",
            "name: good\nsessions: {my_run: {minutes: 40}}",
            ":2: sessions.my_run.kind: required field is missing",
        ),
        (
            "name: good",
            "name: good\nsessions: {upper_45: {minutes: 0}}",
            ":2: sessions.upper_45.minutes: minutes must be 1-600 (got 0)",
        ),
    ],
)
def test_bad_field_is_named_with_line(
    tmp_path: Path, line: str, replacement: str, expected: str
) -> None:
    text = GOOD.replace(line, replacement, 1)
    assert text != GOOD
    found = problems(tmp_path, text)
    assert any(expected in p for p in found), found


def test_every_problem_is_reported_in_line_order(tmp_path: Path) -> None:
    text = (
        GOOD.replace("name: good", "name: good\ncolour: blue")
        .replace("mon: {am: 60", "mon: {am: -5")
        .replace("min: 2, max: 3", "min: 4, max: 3")
    )
    found = problems(tmp_path, text)
    assert len(found) == 3
    assert [int(p.split(":")[1]) for p in found] == [2, 4, 8]


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    found = problems(tmp_path, "name: x\navailability: {mon: {am: 60}\n")
    assert len(found) == 1 and "not valid YAML" in found[0]
    assert found[0].split(":")[1].isdigit()


def test_json_and_toml_have_lines(tmp_path: Path) -> None:
    data = {"name": "x", "availability": {"mon": {"am": "sixty"}}}
    found = problems(tmp_path, json.dumps(data, indent=2), "s.json")
    assert any(":5: availability.mon.am: Input should be a valid integer" in p for p in found)
    found = problems(tmp_path, 'name = "x"\n\n[availability.mon]\nam = -1\n', "s.toml")
    assert any(":4: availability.mon.am: Input should be greater than" in p for p in found)


def test_unreadable_and_unknown_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read file"):
        load_plan_input(tmp_path / "missing.yaml")
    (tmp_path / "s.txt").write_text("name: x")
    with pytest.raises(InputError, match=r"unsupported file type '\.txt'"):
        load_plan_input(tmp_path / "s.txt")
    (tmp_path / "list.yaml").write_text("[1, 2]")
    with pytest.raises(InputError, match="must hold a mapping"):
        load_plan_input(tmp_path / "list.yaml")


def test_rule_set_file_by_path_and_its_errors(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "name: mine\nrules:\n  availability: {}\n  hard_separation: {hours: 30}\n"
    )
    rs = load_rule_set("mine.yaml", tmp_path)
    assert list(rs.rules) == ["availability", "hard_separation"]
    assert rs.rules["hard_separation"].hours == 30  # type: ignore[attr-defined]
    (tmp_path / "broken.yaml").write_text("name: b\nrules:\n  spread: {weight: -1}\n")
    with pytest.raises(InputError) as info:
        load_rule_set(tmp_path / "broken.yaml")
    assert str(info.value.problems[0]).startswith(
        f"{tmp_path / 'broken.yaml'}:3: rules.spread.weight:"
    )


def test_overrides_merge_onto_the_named_set() -> None:
    week = input_from_dict(
        {
            "name": "o",
            "availability": {"mon": {"am": 60}},
            "rules": {
                "use": "stacked",
                "override": {
                    "hard_separation": {"hours": 30},  # not in stacked: enabled with defaults
                    "same_day_order": {"min_gap_hours": 2},  # only this field changes
                    "spread": {"enabled": False},  # dropped
                },
            },
        }
    )
    rules = week.rules.rules
    assert rules["hard_separation"].hours == 30  # type: ignore[attr-defined]
    assert rules["same_day_order"].min_gap_hours == 2  # type: ignore[attr-defined]
    assert rules["same_day_order"].order == "run_first"  # type: ignore[attr-defined]
    assert "spread" not in rules
    assert week.rules.name == "stacked+overrides"


def test_equipment_none_leaves_out_gym_sessions() -> None:
    week = input_from_dict({"name": "b", "availability": {"mon": {"am": 60}}, "equipment": "none"})
    assert week.sessions
    assert all(s.equipment == "none" for s in week.sessions.values())
    assert "lower_heavy_60" not in week.sessions and "bodyweight_lower_30" in week.sessions


def test_session_override_merges_fields() -> None:
    week = input_from_dict(
        {
            "name": "b",
            "availability": {"mon": {"am": 60}},
            "sessions": {
                "upper_45": {"minutes": 50},
                "long": {"minutes": {"min": 90, "max": 120, "step": 15}},
                "long_105": {"rpe": 6},
                "hill_sprints": {
                    "kind": "run",
                    "run_type": "hills",
                    "minutes": 25,
                    "intensity": "hard",
                    "rpe": 9,
                },
            },
            "include": ["long", "upper_45", "hill_sprints"],
        }
    )
    offered = {sid for sid in week.sessions if week.offered is None or sid in week.offered}
    assert offered == {"long_90", "long_105", "long_120", "upper_45", "hill_sprints"}
    assert week.sessions["upper_45"].minutes == 50  # a fixed entry's length may change
    assert week.sessions["long_120"].run_type == "long" and week.sessions["long_120"].rpe == 5
    assert week.sessions["long_105"].rpe == 6  # one length patched alone
    assert week.sessions["long_105"].base == "long"
    assert week.sessions["hill_sprints"].is_quality_run


def test_a_length_of_a_ranged_entry_keeps_its_minutes() -> None:
    """long_120 is the 120-minute long run: its minutes cannot change (the id would lie)."""
    with pytest.raises(InputError, match=r"sessions\.long_120\.minutes: long_120 is the 120"):
        input_from_dict(
            {"name": "b", "availability": {}, "sessions": {"long_120": {"minutes": 100}}}
        )


def test_include_and_exclude_name_an_entry_or_one_length() -> None:
    week = input_from_dict(
        {"name": "b", "availability": {}, "include": ["easy", "long_90"], "exclude": ["easy_75"]}
    )
    assert week.offered == {"easy_30", "easy_45", "easy_60", "long_90"}
    with pytest.raises(InputError, match="'long' has several lengths; name one: long_60"):
        input_from_dict(
            {
                "name": "b",
                "availability": {},
                "fixed": [{"day": "mon", "slot": "am", "session": "long"}],
            }
        )
