"""The rule `long_run_length`: the long run inside the week's band, per minute outside."""

from __future__ import annotations

import itertools

from helpers import assert_agrees, place, rule_set, run, scenario, week
from hybridplan.models import Plan
from rule_helpers import check, free_week, pen


class TestLongRunLength:
    RULE = "long_run_length"

    def test_check_a_single_week_band(self) -> None:
        wk = free_week(targets={"long_run": 1, "long_run_minutes": [90, 120]})
        assert check(self.RULE, place(wk, ("sat", "am", "long_105"))) == []
        assert [p.amount for p in check(self.RULE, place(wk, ("sat", "am", "long_60")))] == [30]
        assert [
            p.amount for p in check(self.RULE, place(wk, ("sat", "am", "long_150")), weight=2)
        ] == [60]
        # the default single-week band, by phase: build 90-120, an easier week 60-90
        assert wk.long_run_bands == [(90, 120)]
        assert free_week(phase="deload").long_run_bands == [(60, 90)]

    def test_solved_the_long_run_fits_the_band_where_the_calendar_allows(self) -> None:
        data = scenario({"sat": {"am": 100}}, ["long"], targets={"runs": 1, "long_run": 1,
                        "long_run_minutes": [120, 120]})  # fmt: skip
        wk = week(data, rule_set("availability", "run_count", "long_run", self.RULE))
        result = run(wk)
        assert [s.session for s in result.sessions] == ["long_90"]
        assert pen(result) == [(self.RULE, 30)]
        assert_agrees(wk, result)

    def test_a_race_block_grows_peaks_and_tapers(self) -> None:
        data = scenario(
            {"sat": {"am": 210}},
            ["long"],
            targets={"runs": 1, "long_run": 1},
            weeks=10,
            start="2027-01-04",
            race={"distance": "marathon"},
        )
        wk = week(data, rule_set(self.RULE))
        bands = wk.long_run_bands
        lows = [b[0] if b else None for b in bands]
        peak_week = lows.index(max(x for x in lows if x is not None)) + 1
        assert peak_week == 10 - 3  # three weeks before race week
        assert bands[-1] is None  # race week: the race, no long run
        assert max(x for x in lows if x is not None) == 180
        loaded = [w for w in range(1, peak_week + 1) if wk.phases[w - 1] != "deload"]
        assert all(lows[a - 1] <= lows[b - 1] for a, b in itertools.pairwise(loaded))
        for w, phase in enumerate(wk.phases, start=1):
            if phase == "deload":
                assert lows[w - 1] < lows[w - 2]
        plan = Plan.from_placements(wk, [("sat", "am", "long_120", w) for w in range(1, 10)])
        assert sum(p.amount for p in check(self.RULE, plan)) == sum(
            abs(120 - lo) for lo in lows[:-1] if lo is not None
        )

    def test_the_band_never_asks_more_than_the_calendar_holds(self) -> None:
        data = scenario(
            {"sat": {"am": 150}},
            ["long"],
            targets={"runs": 1, "long_run": 1},
            weeks=10,
            start="2027-01-04",
            race={"distance": "marathon"},
        )
        bands = week(data, rule_set(self.RULE)).long_run_bands
        assert max(b[1] for b in bands if b) == 150
