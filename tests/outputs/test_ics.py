"""The calendar export (a calendar that clients accept: RFC 5545), read back
by icalendar and by vobject, a second parser that shares no code with it: the zone's
VTIMEZONE and TZIDs (or floating local times), DTSTAMP at the time of writing in UTC,
SEQUENCE rising with each replan, UIDs that follow a session across replans, CANCELLED
events for dropped sessions, readable titles, escaping. Expected values are written out
here from the RFC and the README, never computed by the code under test."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from hybridplan import export, replan, solve
from hybridplan.models import Result
from hybridplan.models.result import SessionOut
from hybridplan.outputs.render import session_title

NOW = dt.datetime(2026, 3, 1, 9, 15, 30, tzinfo=dt.UTC)
FIXED = [
    {"day": "mon", "slot": "am", "session": "easy_30"},
    {"day": "tue", "slot": "am", "session": "upper_45"},
    {"day": "wed", "slot": "am", "session": "easy_30"},
]


def week(**extra: Any) -> dict[str, Any]:
    """A tiny week, every session pinned, so the plan is known: Monday and Wednesday an
    easy run, Tuesday upper body; Thursday and Friday free; runs 1-2, one strength."""
    return {
        "name": "tiny",
        "start": "2026-11-30",
        "slots": {"am": "06:00"},
        "availability": {d: {"am": 60} for d in ("mon", "tue", "wed", "thu", "fri")},
        "include": ["easy_30", "upper_45"],
        "targets": {"runs": [1, 2], "strength": 1, "long_run": 0, "quality_runs": [0, 2]},
        "fixed": FIXED,
        "rules": "minimal",
        **extra,
    }


def ics(result: Result, **options: Any) -> bytes:
    return export(result, "ics", now=NOW, **options)


def events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def vevents(data: bytes) -> list[Any]:
    return list(vobject.readOne(data.decode()).vevent_list)


def by_uid(data: bytes) -> dict[str, Any]:
    return {str(e["uid"]): e for e in events(data)}


@pytest.fixture(scope="module")
def first() -> Result:
    result = solve(week(), time_limit=10)
    assert result.found
    return result


@pytest.fixture(scope="module")
def second(first: Result) -> Result:
    """Tuesday is lost: upper body moves to Thursday or Friday."""
    result = replan(first, unavailable=[("tue", None)], from_day="mon", time_limit=10)
    assert result.found
    return result


@pytest.fixture(scope="module")
def third(second: Result) -> Result:
    """Wednesday's run is missed: one run a week is enough, so it is dropped."""
    result = replan(second, missed=[("wed", "am")], time_limit=10)
    assert result.found
    return result


def places(result: Result) -> dict[tuple[str, str], SessionOut]:
    return {(s.day, s.session): s for s in result.sessions}


# -- time zones ------------------------------------------------------------------------
def test_a_zone_gives_its_vtimezone_and_tzid_on_every_time() -> None:
    """Europe/Berlin across the spring change (Sunday 29 March 2026, 02:00 -> 03:00): the
    VTIMEZONE holds both observances, and an independent parser that builds the zone from
    the VTIMEZONE alone finds +01:00 on Monday and +02:00 on Sunday."""
    data = week(
        start="2026-03-23",
        timezone="Europe/Berlin",
        availability={d: {"am": 60} for d in ("mon", "tue", "wed", "thu", "fri", "sun")},
        fixed=[*FIXED, {"day": "sun", "slot": "am", "session": "easy_30"}],
        targets={"runs": [1, 3], "strength": 1, "long_run": 0, "quality_runs": [0, 2]},
    )
    result = solve(data, time_limit=10)
    assert result.found
    raw = ics(result)
    cal = Calendar.from_ical(raw)
    zones = list(cal.walk("VTIMEZONE"))
    assert [str(z["tzid"]) for z in zones] == ["Europe/Berlin"]
    observances = {c.name for c in zones[0].subcomponents}
    assert observances == {"STANDARD", "DAYLIGHT"}
    assert str(cal["x-wr-timezone"]) == "Europe/Berlin"
    berlin = ZoneInfo("Europe/Berlin")
    expected = {
        ("mon", "easy_30"): dt.datetime(2026, 3, 23, 6, 0, tzinfo=berlin),
        ("tue", "upper_45"): dt.datetime(2026, 3, 24, 6, 0, tzinfo=berlin),
        ("wed", "easy_30"): dt.datetime(2026, 3, 25, 6, 0, tzinfo=berlin),
        ("sun", "easy_30"): dt.datetime(2026, 3, 29, 6, 0, tzinfo=berlin),
    }
    for e in events(raw):
        for prop in ("dtstart", "dtend"):
            assert e[prop].params["TZID"] == "Europe/Berlin"
    starts = sorted(e.decoded("dtstart") for e in events(raw))
    assert starts == sorted(expected.values())
    assert b"DTSTART;TZID=Europe/Berlin:20260329T060000" in raw
    offsets = sorted((e.dtstart.value.date(), e.dtstart.value.utcoffset()) for e in vevents(raw))
    assert offsets == [
        (dt.date(2026, 3, 23), dt.timedelta(hours=1)),
        (dt.date(2026, 3, 24), dt.timedelta(hours=1)),
        (dt.date(2026, 3, 25), dt.timedelta(hours=1)),
        (dt.date(2026, 3, 29), dt.timedelta(hours=2)),  # summer time from that Sunday
    ]
    # 06:00-06:30 on Sunday: real minutes, in summer time
    sunday = next(e for e in vevents(raw) if e.dtstart.value.day == 29)
    assert sunday.dtend.value - sunday.dtstart.value == dt.timedelta(minutes=30)
    assert sunday.dtend.value.utcoffset() == dt.timedelta(hours=2)


def test_no_zone_gives_floating_local_times(first: Result) -> None:
    """No `timezone`: 06:00 is 06:00 wherever the athlete is (RFC 5545 3.3.5, form #1:
    no TZID, no Z), with no VTIMEZONE and no X-WR-TIMEZONE."""
    assert "timezone" not in (first.input or {})["scenario"]
    raw = ics(first)
    cal = Calendar.from_ical(raw)
    assert list(cal.walk("VTIMEZONE")) == [] and "x-wr-timezone" not in cal
    assert b"TZID" not in raw
    for e in events(raw):
        assert e.decoded("dtstart").tzinfo is None and e.decoded("dtend").tzinfo is None
    for e in vevents(raw):
        assert e.dtstart.value.tzinfo is None and e.dtend.value.tzinfo is None
    assert sorted(e.dtstart.value for e in vevents(raw)) == [
        dt.datetime(2026, 11, 30, 6, 0),
        dt.datetime(2026, 12, 1, 6, 0),
        dt.datetime(2026, 12, 2, 6, 0),
    ]
    lines = raw.decode().splitlines()
    assert "DTSTART:20261130T060000" in lines and "DTEND:20261130T063000" in lines


def test_utc_is_written_as_utc() -> None:
    """`timezone: UTC`: the UTC form (a Z, RFC 5545 3.3.5 form #2), no VTIMEZONE needed."""
    result = solve(week(timezone="UTC"), time_limit=10)
    raw = ics(result)
    assert "DTSTART:20261130T060000Z" in raw.decode().splitlines()
    assert list(Calendar.from_ical(raw).walk("VTIMEZONE")) == []
    assert all(e.dtstart.value.utcoffset() == dt.timedelta(0) for e in vevents(raw))


def test_the_timezone_is_optional_and_still_checked() -> None:
    from hybridplan.models.errors import InputError

    with pytest.raises(InputError, match="timezone"):
        solve(week(timezone="Mars/Olympus_Mons"), time_limit=10)


# -- DTSTAMP and SEQUENCE -----------------------------------------------------------------
def test_dtstamp_is_the_time_of_writing_in_utc(first: Result) -> None:
    """RFC 5545 3.8.7.2: DTSTAMP is in UTC; here the injected `now` (given in New York
    time: 08:15:30 EST is 13:15:30 UTC), else the clock at the time of writing."""
    new_york = dt.datetime(2026, 11, 2, 8, 15, 30, tzinfo=ZoneInfo("America/New_York"))
    raw = export(first, "ics", now=new_york)
    assert raw.decode().count("DTSTAMP:20261102T131530Z") == len(first.sessions)
    for e in events(raw):
        assert e.decoded("dtstamp") == dt.datetime(2026, 11, 2, 13, 15, 30, tzinfo=dt.UTC)
    for e in vevents(raw):
        assert e.dtstamp.value == dt.datetime(2026, 11, 2, 13, 15, 30, tzinfo=dt.UTC)
        assert e.dtstamp.value.utcoffset() == dt.timedelta(0)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    stamps = {e.decoded("dtstamp") for e in events(export(first, "ics"))}
    after = dt.datetime.now(dt.UTC)
    assert len(stamps) == 1 and before <= stamps.pop() <= after
    # the event's start is no longer its stamp
    assert all(e.decoded("dtstamp") != e.decoded("dtstart") for e in events(raw))


def test_now_without_a_zone_is_refused(first: Result) -> None:
    from hybridplan.models.errors import InputError

    with pytest.raises(InputError, match="now"):
        export(first, "ics", now=dt.datetime(2026, 11, 2, 8, 0))


def test_sequence_rises_with_each_replan(first: Result, second: Result, third: Result) -> None:
    assert (first.revision, second.revision, third.revision) == (0, 1, 2)
    for result, sequence in ((first, 0), (second, 1), (third, 2)):
        raw = ics(result)
        assert {int(e["sequence"]) for e in events(raw)} == {sequence}
        assert {int(e.sequence.value) for e in vevents(raw)} == {sequence}


# -- UIDs across replans ------------------------------------------------------------------
def test_uids_follow_kept_and_moved_sessions(first: Result, second: Result) -> None:
    """Monday's and Wednesday's runs stay, upper body moves off Tuesday: all three keep
    their events (the uid is `{scenario}-w{week}-{session}-{n}`, the UID that and the
    plan's first Monday)."""
    before = places(first)
    assert {k: s.uid for k, s in before.items()} == {
        ("mon", "easy_30"): "tiny-w1-easy_30-1",
        ("tue", "upper_45"): "tiny-w1-upper_45-1",
        ("wed", "easy_30"): "tiny-w1-easy_30-2",
    }
    after = places(second)
    assert after[("mon", "easy_30")].uid == "tiny-w1-easy_30-1"
    assert after[("wed", "easy_30")].uid == "tiny-w1-easy_30-2"
    (moved,) = [s for s in second.sessions if s.session == "upper_45"]
    assert moved.day in ("thu", "fri") and moved.uid == "tiny-w1-upper_45-1"
    assert any(c.startswith("upper_45 moved from tue am to") for c in second.changes)
    assert second.cancelled == []
    old, new = by_uid(ics(first)), by_uid(ics(second))
    assert (
        set(old)
        == set(new)
        == {
            "tiny-w1-easy_30-1-20261130@hybridplan",
            "tiny-w1-upper_45-1-20261130@hybridplan",
            "tiny-w1-easy_30-2-20261130@hybridplan",
        }
    )
    uid = "tiny-w1-upper_45-1-20261130@hybridplan"
    assert old[uid].decoded("dtstart") == dt.datetime(2026, 12, 1, 6, 0)
    day = {"thu": 3, "fri": 4}[moved.day]
    assert new[uid].decoded("dtstart") == dt.datetime(2026, 12, 1 + day - 1, 6, 0)


def test_a_dropped_session_is_a_cancelled_event(second: Result, third: Result) -> None:
    """Wednesday's missed run is not planned again: its event comes back with its UID, its
    old time, STATUS:CANCELLED and the new SEQUENCE, so the client removes it."""
    assert [s.uid for s in third.cancelled] == ["tiny-w1-easy_30-2"]
    assert [s.uid for s in third.sessions if s.session == "easy_30"] == ["tiny-w1-easy_30-1"]
    uid = "tiny-w1-easy_30-2-20261130@hybridplan"
    raw = ics(third)
    event = by_uid(raw)[uid]
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 2
    assert event.decoded("dtstart") == dt.datetime(2026, 12, 2, 6, 0)
    assert event.decoded("dtend") == dt.datetime(2026, 12, 2, 6, 30)
    (other,) = [e for e in vevents(raw) if e.uid.value == uid]
    assert other.status.value == "CANCELLED" and int(other.sequence.value) == 2
    live = [e for e in vevents(raw) if e.uid.value != uid]
    assert {e.status.value for e in live} == {"CONFIRMED"} and len(live) == 2


def test_cancelled_sessions_are_carried_forward(third: Result) -> None:
    """A client that missed the last import still learns of the cancellation, once."""
    fourth = replan(third, time_limit=10)
    fifth = replan(fourth, time_limit=10)
    for result in (fourth, fifth):
        assert [s.uid for s in result.cancelled] == ["tiny-w1-easy_30-2"]
    raw = ics(fifth)
    uids = [e.uid.value for e in vevents(raw)]
    assert len(uids) == len(set(uids)) == 3
    cancelled = by_uid(raw)["tiny-w1-easy_30-2-20261130@hybridplan"]
    assert str(cancelled["status"]) == "CANCELLED" and int(cancelled["sequence"]) == 4


def test_a_new_session_never_takes_a_cancelled_uid(third: Result) -> None:
    """A run added after a cancellation (two runs wanted again) gets a fresh uid, never
    the cancelled one: one UID per event in the file."""
    data = json.loads(third.to_json())
    data["input"]["scenario"]["targets"]["runs"] = 2  # two runs again: one is added
    again = replan(Result.model_validate(data), time_limit=10)
    assert again.found
    runs = sorted(s.uid or "" for s in again.sessions if s.session == "easy_30")
    assert runs == ["tiny-w1-easy_30-1", "tiny-w1-easy_30-3"]
    assert [s.uid for s in again.cancelled] == ["tiny-w1-easy_30-2"]
    uids = [e.uid.value for e in vevents(ics(again))]
    assert len(uids) == len(set(uids)) == 4


def test_uids_are_unique_within_a_file(third: Result) -> None:
    for result in (third,):
        uids = [str(e["uid"]) for e in events(ics(result))]
        assert len(uids) == len(set(uids)) == len(result.sessions) + len(result.cancelled)


def test_an_old_result_without_uids_loads_and_exports(first: Result) -> None:
    """Results written before uids: the same uids on the fly, every time, and a replan
    keeps them (the events its calendar already has)."""
    data = json.loads(first.to_json())
    for key in ("revision", "cancelled"):
        del data[key]
    for s in data["sessions"]:
        del s["uid"]
    old = Result.model_validate(data)
    assert all(s.uid is None for s in old.sessions) and old.revision == 0
    expected = {
        "tiny-w1-easy_30-1-20261130@hybridplan",
        "tiny-w1-upper_45-1-20261130@hybridplan",
        "tiny-w1-easy_30-2-20261130@hybridplan",
    }
    assert set(by_uid(ics(old))) == expected
    assert ics(old) == ics(old)
    again = replan(old, time_limit=10)
    assert again.revision == 1 and set(by_uid(ics(again))) == expected


def test_uids_round_trip_and_bad_ones_are_refused(third: Result) -> None:
    from pydantic import ValidationError

    back = Result.model_validate_json(third.to_json())
    assert back == third
    assert back.cancelled[0].uid == "tiny-w1-easy_30-2" and back.revision == 2
    data = json.loads(third.to_json())
    data["sessions"][1]["uid"] = data["sessions"][0]["uid"]
    with pytest.raises(ValidationError, match="used twice"):
        Result.model_validate(data)
    data = json.loads(third.to_json())
    data["sessions"][0]["uid"] = "x\r\nBEGIN:VEVENT"
    with pytest.raises(ValidationError, match="uid"):
        Result.model_validate(data)
    data = json.loads(third.to_json())
    data["cancelled"][0]["uid"] = None
    with pytest.raises(ValidationError, match="cancelled session needs its uid"):
        Result.model_validate(data)


# -- titles, busy, escaping ------------------------------------------------------------
def test_titles_are_readable(first: Result) -> None:
    raw = ics(first)
    assert sorted(str(e["summary"]) for e in events(raw)) == [
        "Easy run 30 min",
        "Easy run 30 min",
        "Upper body 45 min",
    ]
    assert sorted(e.summary.value for e in vevents(raw)) == [
        "Easy run 30 min",
        "Easy run 30 min",
        "Upper body 45 min",
    ]
    assert all("_" not in str(e["summary"]) for e in events(raw))


def out(session: str, kind: str, minutes: int, **extra: Any) -> SessionOut:
    return SessionOut(
        day="mon", slot="am", start="06:00", minutes=minutes, session=session, kind=kind,
        intensity=extra.pop("intensity", "easy"), load=0, **extra,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("session", "title"),
    [
        (out("tempo_40", "run", 40, run_type="tempo"), "Tempo run 40 min"),
        (out("tempo_40", "run", 50, run_type="tempo"), "Tempo run 50 min"),  # lengthened
        (out("easy_30", "run", 30, run_type="easy"), "Easy run 30 min"),
        (out("long_90", "run", 90, run_type="long"), "Long run 90 min"),
        (out("recovery_20", "run", 20, run_type="recovery"), "Recovery run 20 min"),
        (out("intervals_45", "run", 45, run_type="intervals"), "Interval run 45 min"),
        (out("hills_45", "run", 45, run_type="hills"), "Hill repeats 45 min"),
        (out("strides_30", "run", 30, run_type="strides"), "Easy run with strides 30 min"),
        (out("race_half", "run", 110, run_type="race"), "Race: half marathon, 110 min"),
        (out("lower_heavy_60", "strength", 60, legs="heavy"), "Lower body, heavy, 60 min"),
        (out("lower_light_45", "strength", 45, legs="light"), "Lower body, light, 45 min"),
        (out("upper_45", "strength", 45, legs="none"), "Upper body 45 min"),
        (out("upper_hypertrophy_60", "strength", 60, legs="none"), "Upper body, volume, 60 min"),
        (out("full_body_60", "strength", 60, legs="heavy"), "Full body, heavy, 60 min"),
        (out("posterior_chain_45", "strength", 45, legs="heavy"), "Posterior chain 45 min"),
        (out("core_30", "strength", 30, legs="none"), "Core 30 min"),
        (out("plyometrics_30", "strength", 30, legs="light"), "Plyometrics 30 min"),
        (out("my_lift", "strength", 40, legs="heavy"), "Strength, heavy legs, 40 min"),
        (out("mobility_20", "mobility", 20), "Mobility 20 min"),
    ],
)
def test_session_titles(session: SessionOut, title: str) -> None:
    assert session_title(session) == title


def test_a_scenarios_own_session_is_titled_by_what_it_is() -> None:
    """A club tempo of 50 minutes (the scenario's own session, not a catalogue length)."""
    data = week(
        sessions={
            "club_tempo": {
                "kind": "run",
                "run_type": "tempo",
                "minutes": 50,
                "intensity": "hard",
                "rpe": 7,
            }
        },
        include=["easy_30", "upper_45", "club_tempo"],
        fixed=[*FIXED, {"day": "thu", "slot": "am", "session": "club_tempo"}],
        targets={"runs": [1, 3], "strength": 1, "long_run": 0, "quality_runs": [0, 2]},
    )
    result = solve(data, time_limit=10)
    assert result.found
    titles = {e.summary.value for e in vevents(ics(result))}
    assert "Tempo run 50 min" in titles


def test_busy_only_hides_everything_but_the_time(
    first: Result, second: Result, third: Result
) -> None:
    """A feed to share: "Busy", no description, and UIDs that do not spell out the plan's
    name or sessions, yet still follow each session across replans."""
    raw = ics(third, busy_only=True)
    assert {str(e["summary"]) for e in events(raw)} == {"Busy", "Cancelled: Busy"}
    assert all("description" not in e and "categories" not in e for e in events(raw))
    assert b"tiny" not in raw and b"easy" not in raw and b"upper" not in raw
    assert {e.summary.value for e in vevents(raw) if e.status.value == "CONFIRMED"} == {"Busy"}
    moved = {str(e["uid"]) for e in events(ics(first, busy_only=True))}
    assert moved == {str(e["uid"]) for e in events(ics(second, busy_only=True))}
    assert moved.isdisjoint(by_uid(ics(first)))  # and not the full calendar's events


def unescape(text: str) -> str:
    """RFC 5545 3.3.11 TEXT, read back: \\\\ \\; \\, and \\n (or \\N)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def test_hostile_names_do_not_break_the_file() -> None:
    """A name and a slot with the characters RFC 5545 escapes in text (3.3.11: backslash,
    semicolon, comma) and a would-be property of its own: both parsers read one calendar
    of three events back, with the text as written. A newline in a name, which could start
    a line of its own, is refused when the scenario is read (names are plain text)."""
    from hybridplan.models.errors import InputError

    with pytest.raises(InputError, match="name: holds the control"):
        solve(week(name="Anna\nEND:VCALENDAR"), time_limit=10)
    name = 'Anna; x,y \\ "q" <b> END:VCALENDAR'
    slot = 'a;b,c\\"d'
    fixed = [{**p, "slot": slot} for p in FIXED]
    result = solve(week(name=name, slots={slot: "06:00"}, fixed=fixed,
                        availability={d: {slot: 60} for d in ("mon", "tue", "wed", "thu")}),
                   time_limit=10)  # fmt: skip
    assert result.found
    raw = ics(result)
    assert 'X-WR-CALNAME:Training: Anna\\; x\\,y \\\\ "q" <b> END:VCALENDAR' in raw.decode()
    lines = raw.split(b"\r\n")
    assert lines.count(b"END:VCALENDAR") == 1 and lines[-2:] == [b"END:VCALENDAR", b""]
    cal = Calendar.from_ical(raw)
    # (icalendar keeps an X- property's text escaped: unescape it as text, RFC 5545 3.3.11)
    assert unescape(str(cal["x-wr-calname"])) == "Training: " + name
    assert len(events(raw)) == 3
    parsed = list(vobject.readComponents(raw.decode()))
    assert len(parsed) == 1 and len(parsed[0].vevent_list) == 3
    for e in parsed[0].vevent_list:
        assert e.uid.value.startswith("anna-x-y-q-b-end-vcalendar-w1-")
        assert e.description.value.endswith(f"{e.dtstart.value:%a}".lower() + f" {slot}")
