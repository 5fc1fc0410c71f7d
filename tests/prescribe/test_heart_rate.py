"""Heart rate that can be met, from the definitions alone (no code
shared with hybridplan.prescribe): five contiguous zones from the maximum heart rate (Z1
55-65%, Z2 65-80, Z3 80-88, Z4 88-93, Z5 93-100), the race's target by its distance
(marathon 80-88%, half 85-91, 10k 90-96, 5k 93-100), and no heart-rate target on a rep
shorter than 3 minutes or on a jog between reps. Checked on every run session of the catalogue
in every week of the shipped blocks and on their races, for several maximum heart rates."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from helpers import ROOT, session_at
from hybridplan.models import input_from_dict
from hybridplan.prescribe import prescribe

ZONES = {"Z1": (55, 65), "Z2": (65, 80), "Z3": (80, 88), "Z4": (88, 93), "Z5": (93, 100)}
RACE = {"marathon": (80, 88), "half": (85, 91), "10k": (90, 96), "5k": (93, 100)}
ZONE = re.compile(r"(Z[1-5](?:-Z[1-5])?) (\d+)-(\d+) bpm")


def _bpm(share: int, max_hr: int) -> int:
    return (share * max_hr + 50) // 100  # to the nearest beat, halves up


def _blocks() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        if isinstance(data, dict) and int(data.get("weeks", 1)) > 1 and data.get("race"):
            found.append((path.stem, data))
    return found


@pytest.mark.parametrize("max_hr", [150, 176, 188, 203])
@pytest.mark.parametrize("name,data", _blocks(), ids=[n for n, _ in _blocks()])
def test_every_step_s_heart_rate_can_be_met(name: str, data: dict[str, Any], max_hr: int) -> None:
    data = dict(data, athlete={**(data.get("athlete") or {}), "max_hr": max_hr})
    week = input_from_dict(data)
    sessions = [
        session_at(t, w)
        for w in range(1, week.weeks + 1)
        for t in week.sessions.values()
        if t.is_run and (not t.is_race or w == week.weeks)
    ]
    bands = {zone: (_bpm(lo, max_hr), _bpm(hi, max_hr)) for zone, (lo, hi) in ZONES.items()}
    # contiguous: each zone starts where the one below ends
    assert all(bands[f"Z{i}"][1] == bands[f"Z{i + 1}"][0] for i in range(1, 5))
    distance = data["race"]["distance"]
    checked = 0
    for s, p in zip(sessions, prescribe(week, sessions), strict=True):
        for step in p.steps:
            if step.kind == "recovery" or (step.kind == "work" and step.minutes < 3):
                assert step.zone is None or "bpm" not in step.zone, (s.session, step)
                continue
            if step.zone is None:
                continue
            found = ZONE.fullmatch(step.zone)
            assert found, step.zone
            zone, low, high = found.group(1), int(found.group(2)), int(found.group(3))
            if s.session.startswith("race") or "half-marathon pace" in step.note:
                lo, hi = RACE[distance]
                assert (low, high) == (_bpm(lo, max_hr), _bpm(hi, max_hr)), (s.session, step)
            elif zone == "Z1-Z2":  # recovery running: 60-72% of max, below easy's top
                assert (low, high) == (_bpm(60, max_hr), _bpm(72, max_hr)), (s.session, step)
            else:
                assert (low, high) == bands[zone], (s.session, step)
            assert _bpm(55, max_hr) <= low < high <= max_hr
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("threshold_hr", [150, 171])
def test_a_threshold_heart_rate_places_the_zones_without_a_maximum(threshold_hr: int) -> None:
    """Without max_hr, the zones sit on threshold_hr / 0.90 (Daniels' T at 88-92% of max),
    so the threshold zone Z4 holds the athlete's own threshold heart rate; with both, max_hr
    places them, and a threshold at or above the maximum is refused."""
    from hybridplan.models import InputError

    name, data = _blocks()[0]
    estimated = round(threshold_hr / 0.9)
    for athlete, top in (({"threshold_hr": threshold_hr}, estimated),
                         ({"threshold_hr": threshold_hr, "max_hr": 199}, 199)):  # fmt: skip
        week = input_from_dict(dict(data, athlete=athlete))
        easy = next(t for t in week.sessions.values() if t.run_type == "easy")
        (p,) = prescribe(week, [session_at(easy, 2)])
        found = ZONE.fullmatch(p.steps[0].zone or "")
        assert found and found.group(1) == "Z2", (name, p.steps[0])
        assert (int(found.group(2)), int(found.group(3))) == (_bpm(65, top), _bpm(80, top))
        if top == estimated:  # the threshold zone Z4 of that maximum holds the threshold
            assert _bpm(88, top) <= threshold_hr <= _bpm(93, top)
    with pytest.raises(InputError, match="threshold_hr 171 must be below max_hr 171"):
        input_from_dict(dict(data, athlete={"threshold_hr": 171, "max_hr": 171}))
