"""`hybridplan init`: a commented starter scenario, so that a new athlete edits a file that
already solves instead of writing one from the schema.

Each goal starts from a week a coach would recognise (seed 000's splits): an endurance
week of four runs and two maintenance lifts, a hybrid week of four runs and three lifts,
a strength week of four lifts at hypertrophy volume and three runs. The text is a template
with comments; the tests load and solve every goal's file."""

from __future__ import annotations

import datetime as dt
from typing import Literal

Goal = Literal["endurance", "hybrid", "strength"]
GOALS: tuple[Goal, ...] = ("endurance", "hybrid", "strength")

_TARGETS: dict[Goal, str] = {
    "endurance": """\
targets:                        # counts are hard; run_minutes and sets are soft
  runs: {min: 4, max: 5}        # seed 000: about 4 runs and 2 lifts in a marathon block
  strength: 2
  long_run: 1                   # exactly one long run
  quality_runs: {min: 1, max: 2}   # tempo / intervals / hills
  run_minutes: 220              # weekly running minutes wanted
  sets:                         # weekly working sets per muscle group: maintenance 4-8
    quads: [4, 8]
    hamstrings: [4, 8]
    glutes: [4, 8]
    back: [4, 8]
    chest: [4, 8]
    core: [4, 8]
""",
    "hybrid": """\
targets:                        # counts are hard; run_minutes and sets are soft
  runs: 4
  strength: 3
  long_run: 1
  quality_runs: 1               # tempo / intervals / hills
  run_minutes: 180
  sets:                         # weekly working sets per muscle group
    quads: [6, 10]
    hamstrings: [6, 10]
    glutes: [6, 10]
    back: [6, 10]
    chest: [6, 10]
    shoulders: [4, 8]
    core: [4, 8]
""",
    "strength": """\
targets:                        # counts are hard; run_minutes and sets are soft
  runs: 3                       # an easy run, one short fast run, a moderate long run
  strength: {min: 3, max: 4}
  long_run: 1
  quality_runs: 1
  run_minutes: 165             # 30 easy + 45 fast + 90 long
  sets:                         # building muscle takes more than maintenance (4-8)
    quads: [8, 14]
    hamstrings: [8, 14]
    glutes: [8, 14]
    back: [10, 16]
    chest: [10, 16]
    shoulders: [8, 14]
    arms: [4, 10]
""",
}


_WEEKDAYS = """\
  mon: {am: 45, pm: 75}
  tue: {pm: 75}
  wed: {am: 45, pm: 75}
  thu: {pm: 75}
  fri: {am: 45}
  sat: {am: 120}
"""
_CALENDARS: dict[Goal, str] = {
    "endurance": _WEEKDAYS,
    "hybrid": _WEEKDAYS,
    # four lifts and three runs: two sessions on most weekdays
    "strength": """\
  mon: {am: 45, pm: 75}
  tue: {am: 45, pm: 75}
  wed: {am: 45, pm: 75}
  thu: {am: 45, pm: 75}
  fri: {pm: 75}
  sat: {am: 120}
""",
}


def next_monday(today: dt.date) -> dt.date:
    """The Monday after `today` (a week from today when today is a Monday)."""
    return today + dt.timedelta(days=7 - today.weekday())


def starter_scenario(goal: Goal, name: str, today: dt.date) -> str:
    """The starter file's text for `goal`, named `name`, starting the Monday after `today`."""
    start = next_monday(today).isoformat()
    return f"""\
# A starter week for hybridplan ({goal} goal). Edit it, then:
#   hybridplan validate {name}.yaml     # check it without solving
#   hybridplan solve {name}.yaml        # the best week under the rule set
#   hybridplan explain {name}.yaml      # why it looks as it does (or cannot be planned)
# Every field: hybridplan schema; the sessions: hybridplan sessions; the rules: hybridplan rules
name: {name}
start: {start}              # the week's Monday: dates in every output and the calendar
timezone: Europe/London        # IANA zone for the calendar; leave out for local times
goal: {goal}                   # endurance | hybrid | strength
# weeks: 12                    # plan a block of several weeks at once (up to 26)
# race: {{date: 2027-04-25, distance: half, finish: "1:45:00"}}   # a block ends with it

slots: {{am: "06:30", pm: "18:00"}}   # when each slot starts
availability:                  # free minutes per slot; a day or slot left out is not free
{_CALENDARS[goal]}  # sun: rest
weekly_minutes: 480            # all training minutes of the week, at most

{_TARGETS[goal]}
preferences:
  long_run_day: sat
  rest_days: [sun]

# fixed:                       # a session pinned to a slot (the club's track night)
#   - {{day: tue, slot: pm, session: intervals_45}}
# forbid:                      # a session kept off a day
#   - {{day: fri, session: lower_heavy_60}}
# equipment: none              # no gym: bodyweight sessions only

rules: balanced                # balanced | stacked | strict | minimal, or a file
"""
