"""The bench's statistics: one yardstick for every rule set, a composite score with
bootstrap confidence intervals over scenarios, paired tests with effect sizes, win/tie/loss
counts per metric, and Borda as one more view. Nothing here reads a rule set's own
penalties: a set is judged by what its plans look like, not by what it asked for.

**The composite.** On every instance (scenario and seed), each yardstick metric ranks the
rule sets that have a value: a set's *normalised rank* on a metric is the share of the
other sets that do better there (ties count half), from 0 (best) to 1 (worst). A set that
planned no week where another did counts as worse than every planned week on every metric.
A metric that does not apply to a run (no hard session before a key run, no running target)
ranks only the sets that have it, and leaves the set's mean to its other metrics. A set's
instance score is the mean of its normalised ranks over the metrics; seeds of a scenario
are averaged; the score is the mean over scenarios (lower is better).

Why ranks: the metrics have different units (counts, hours, percent) and long tails (a
minimal week can be 30 sets short); ranks within a scenario need no weights or scales, a
single wild week cannot dominate, and a 16-week block and a one-week scenario each count as
one scenario without normalising their sizes. The cost: a rank ignores by how much a set
is better, which is why the per-metric means, the paired tests and the effect sizes sit
beside it. Every yardstick metric weighs the same.

**Intervals.** Percentile bootstrap over scenarios (the unit a researcher would sample): 2,000
resamples of the scenarios with replacement, seeded, so the same runs give the same
intervals. **Tests.** Per metric and pair of sets: the Wilcoxon signed-rank test (scipy)
on the paired per-scenario values where both sets have one, Holm-adjusted over the pairs
of that metric, with the matched-pairs rank-biserial correlation as the effect size
(+1: the first set better on every scenario that differs, -1: the second).
"""

from __future__ import annotations

import itertools
import math
import warnings
from typing import TYPE_CHECKING, Any

from hybridplan.bench.measures import (
    BOOTSTRAP,
    COMPOSITE,
    FOUND,
    STATS_SEED,
    YARDSTICK,
    Metric,
    horizon,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

CHUNK_VALUES = 4_000_000  # values drawn at once by the bootstrap (32 MB)


def _instances(runs: pd.DataFrame) -> list[tuple[str, Any, pd.DataFrame]]:
    """(file, seed, rows) for every instance some set planned (one row per set)."""
    out = []
    for (file, seed), group in runs.groupby(["file", "seed"], sort=False):
        if group["status"].isin(FOUND).any():
            out.append((str(file), seed, group.drop_duplicates("rule_set")))
    return out


def _keys(group: pd.DataFrame, metric: Metric) -> dict[str, float | None]:
    """Per set: a number where lower is better (inf: no plan), or None (does not apply)."""
    keys: dict[str, float | None] = {}
    for _, row in group.iterrows():
        if row["status"] not in FOUND:
            keys[row["rule_set"]] = math.inf
            continue
        value = row.get(metric.column)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            keys[row["rule_set"]] = None
            continue
        number = float(value)
        if metric.resolution:  # closer than the resolution: a tie
            number = round(number / metric.resolution)
        number = round(number, 6)
        keys[row["rule_set"]] = -number if metric.better == "higher" else number
    return keys


def normalised_ranks(keys: dict[str, float | None]) -> dict[str, float]:
    """Share of the other sets with a value that do better (ties half): 0 best, 1 worst.
    Sets without a value get none; fewer than two sets with a value rank nobody."""
    present = {k: v for k, v in keys.items() if v is not None}
    if len(present) < 2:
        return {}
    out = {}
    for name, value in present.items():
        better = sum(1 for other, v in present.items() if other != name and v < value)
        tied = sum(1 for other, v in present.items() if other != name and v == value)
        out[name] = (better + 0.5 * tied) / (len(present) - 1)
    return out


def instance_scores(runs: pd.DataFrame, metrics: tuple[Metric, ...] = YARDSTICK) -> pd.DataFrame:
    """One row per instance and set: its normalised rank on every metric and the composite
    (their mean over the metrics it has)."""
    import pandas as pd

    rows = []
    for file, seed, group in _instances(runs):
        ranks = {m.column: normalised_ranks(_keys(group, m)) for m in metrics}
        for config in group["rule_set"]:
            entry: dict[str, Any] = {"file": file, "seed": seed, "rule_set": config}
            values = [ranks[m.column][config] for m in metrics if config in ranks[m.column]]
            for m in metrics:
                entry[m.column] = ranks[m.column].get(config)
            entry[COMPOSITE] = sum(values) / len(values) if values else None
            rows.append(entry)
    return pd.DataFrame(
        rows, columns=["file", "seed", "rule_set", *(m.column for m in metrics), COMPOSITE]
    )


def _per_scenario(frame: pd.DataFrame, column: str, configs: list[str]) -> pd.DataFrame:
    """Scenarios x sets: the column's mean over seeds (NaN where a set has none)."""
    table = frame.pivot_table(index="file", columns="rule_set", values=column, aggfunc="mean")
    return table.reindex(columns=configs)


def bootstrap_ci(
    values: np.ndarray[Any, Any], *, resamples: int = BOOTSTRAP, seed: int = STATS_SEED
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Percentile bootstrap 95% intervals of the column means of `values` (scenarios x sets,
    NaN for a missing value), resampling whole rows (scenarios) with replacement."""
    import numpy as np

    data = np.asarray(values, dtype=float)
    if data.ndim == 1:
        data = data[:, None]
    n = data.shape[0]
    if n == 0:
        nan = np.full(data.shape[1], np.nan)
        return nan, nan
    rng = np.random.default_rng(seed)
    # in chunks of resamples, so that memory stays small however many scenarios and sets
    chunk = max(1, CHUNK_VALUES // (n * data.shape[1]))
    parts = []
    with warnings.catch_warnings():  # a set with no value in a resample: NaN, said once
        warnings.simplefilter("ignore", RuntimeWarning)
        for start in range(0, resamples, chunk):
            picks = rng.integers(0, n, size=(min(chunk, resamples - start), n))
            parts.append(np.nanmean(data[picks], axis=1))  # resamples x sets
        means = np.concatenate(parts)
        low = np.nanpercentile(means, 2.5, axis=0)
        high = np.nanpercentile(means, 97.5, axis=0)
    return low, high


def rank_table(
    runs: pd.DataFrame, *, resamples: int = BOOTSTRAP, seed: int = STATS_SEED
) -> pd.DataFrame:
    """One horizon's ranking: per set, its rank, composite score (mean normalised rank,
    lower is better) with a bootstrap 95% interval over scenarios, the number of scenarios,
    then per metric its mean normalised rank and its mean value over the set's planned
    runs."""
    import pandas as pd

    configs = list(dict.fromkeys(runs["rule_set"]))
    scores = instance_scores(runs)
    columns = ["rule_set", "rank", "score", "ci_low", "ci_high", "scenarios"]
    if scores.empty:
        return pd.DataFrame(columns=columns)
    table = _per_scenario(scores, COMPOSITE, configs)
    low, high = bootstrap_ci(table.to_numpy(), resamples=resamples, seed=seed)
    planned = runs[runs["status"].isin(FOUND)]
    out = []
    for i, config in enumerate(configs):
        entry: dict[str, Any] = {
            "rule_set": config,
            "score": _round(table[config].mean()),
            "ci_low": _round(low[i]),
            "ci_high": _round(high[i]),
            "scenarios": int(table[config].notna().sum()),
        }
        mine = planned[planned["rule_set"] == config]
        for m in YARDSTICK:
            entry[f"rank_{m.column}"] = _round(
                _per_scenario(scores, m.column, configs)[config].mean()
            )
            values = (
                pd.to_numeric(mine[m.column], errors="coerce")
                if m.column in mine
                else pd.Series(dtype=float)
            )
            entry[f"mean_{m.column}"] = _round(values.mean())
        out.append(entry)
    frame = pd.DataFrame(out)
    frame["rank"] = frame["score"].rank(method="min").astype("Int64")
    frame = frame.sort_values(["rank", "rule_set"], kind="stable", na_position="last")
    ordered = columns + [c for c in frame.columns if c not in columns]
    return frame[ordered].reset_index(drop=True)


def rankings(
    runs: pd.DataFrame, *, resamples: int = BOOTSTRAP, seed: int = STATS_SEED
) -> pd.DataFrame:
    """ranking.csv: the ranking over every scenario (horizon `all`), and when the runs mix
    one-week scenarios and blocks, each horizon's own (`week`, `block`) below it. Pooling
    is sound because each scenario gives within-scenario ranks, whatever its length."""
    import pandas as pd

    spans = [horizon(w) for w in runs.get("weeks", pd.Series([1] * len(runs)))]
    parts = [rank_table(runs, resamples=resamples, seed=seed).assign(horizon="all")]
    if len(set(spans)) > 1:
        for span in ("week", "block"):
            mask = [s == span for s in spans]
            parts.append(
                rank_table(runs[mask], resamples=resamples, seed=seed).assign(horizon=span)
            )
    frame = pd.concat(parts, ignore_index=True)
    return frame[["horizon", *(c for c in frame.columns if c != "horizon")]]


def _round(value: Any, digits: int = 4) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else round(number, digits) + 0.0  # no -0.0


def rank_biserial(differences: list[float]) -> float | None:
    """Matched-pairs rank-biserial correlation of paired differences (positive: the first
    of the pair better): (R+ - R-) / (R+ + R-), ranks of |d| over the non-zero differences
    (ties averaged). None when every difference is zero."""
    from scipy.stats import rankdata

    nonzero = [d for d in differences if d != 0]
    if not nonzero:
        return None
    ranks = rankdata([abs(d) for d in nonzero])
    plus = float(sum(r for r, d in zip(ranks, nonzero, strict=True) if d > 0))
    minus = float(sum(r for r, d in zip(ranks, nonzero, strict=True) if d < 0))
    return (plus - minus) / (plus + minus)


def wilcoxon(differences: list[float]) -> tuple[float | None, float]:
    """(W, two-sided p) of the Wilcoxon signed-rank test (scipy; zeros dropped, exact for
    small samples without ties, the normal approximation otherwise). (None, 1.0) when
    every difference is zero."""
    from scipy.stats import wilcoxon as scipy_wilcoxon

    nonzero = [d for d in differences if d != 0]
    if not nonzero:
        return None, 1.0
    result = scipy_wilcoxon(nonzero, zero_method="wilcox", alternative="two-sided")
    return float(result.statistic), float(result.pvalue)


def holm(pvalues: list[float]) -> list[float]:
    """Holm's step-down adjustment (family-wise error over the list)."""
    order = sorted(range(len(pvalues)), key=lambda i: pvalues[i])
    adjusted = [0.0] * len(pvalues)
    running = 0.0
    for step, i in enumerate(order):
        running = max(running, min(1.0, (len(pvalues) - step) * pvalues[i]))
        adjusted[i] = running
    return adjusted


def _paired_values(runs: pd.DataFrame, metric: Metric, configs: list[str]) -> pd.DataFrame:
    """Scenarios x sets: the metric oriented so that lower is better (planned runs, mean
    over seeds); the composite uses instance scores, where a missing plan counts."""
    import pandas as pd

    if metric.column == COMPOSITE:
        return _per_scenario(instance_scores(runs), COMPOSITE, configs)
    planned = runs[runs["status"].isin(FOUND)].copy()
    if metric.column not in planned:
        planned[metric.column] = float("nan")
    planned["_v"] = pd.to_numeric(planned[metric.column], errors="coerce")
    if metric.better == "higher":
        planned["_v"] = -planned["_v"]
    return _per_scenario(planned, "_v", configs)


def pairwise(runs: pd.DataFrame) -> pd.DataFrame:
    """pairwise.csv: per metric (the composite first) and pair of sets (a, b): scenarios
    where both have a value, a's wins / ties / losses on them (at the metric's resolution),
    the median of a - b (in the metric's units, as measured), the Wilcoxon W and p, Holm's
    p over that metric's pairs, and the rank-biserial effect size (positive: a better)."""
    import pandas as pd

    configs = list(dict.fromkeys(runs["rule_set"]))
    columns = [
        "metric", "a", "b", "n", "a_wins", "ties", "b_wins", "median_a_minus_b",
        "wilcoxon_w", "p_value", "p_holm", "rank_biserial",
    ]  # fmt: skip
    out: list[dict[str, Any]] = []
    for metric in (Metric(COMPOSITE, "composite score", "lower"), *YARDSTICK):
        table = _paired_values(runs, metric, configs)
        block = []
        for a, b in itertools.combinations(configs, 2):
            both = table[[a, b]].dropna()
            # positive: a better (lower, as oriented); float noise of seed means is no win
            better = [round(float(x), 9) for x in both[b] - both[a]]
            pairs_ab = zip(both[a], both[b], strict=True)
            steps = [_step(y, metric) - _step(x, metric) for x, y in pairs_ab]
            w, p = wilcoxon(better) if better else (None, 1.0)
            sign = -1 if metric.better == "higher" else 1
            median = float(pd.Series(better).median()) if better else float("nan")
            block.append({
                "metric": metric.column, "a": a, "b": b, "n": len(both),
                "a_wins": sum(d > 0 for d in steps), "ties": sum(d == 0 for d in steps),
                "b_wins": sum(d < 0 for d in steps),
                "median_a_minus_b": _round(-sign * median),
                "wilcoxon_w": w, "p_value": p,
                "rank_biserial": _round(rank_biserial(better)),
            })  # fmt: skip
        for entry, adjusted in zip(block, holm([e["p_value"] for e in block]), strict=True):
            entry["p_holm"] = adjusted
        out += block
    return pd.DataFrame(out, columns=columns)


def _step(value: float, metric: Metric) -> float:
    """A value at the metric's resolution (wins, ties and losses are counted on these)."""
    return round(value / metric.resolution) if metric.resolution else round(value, 9)


def win_matrix(pairs: pd.DataFrame) -> pd.DataFrame:
    """The win/tie/loss matrix in long form (winloss.csv): per metric, every ordered pair
    (rule_set, versus) with the scenarios the first wins, ties and loses."""
    import pandas as pd

    rows = []
    for _, p in pairs.iterrows():
        rows.append({"metric": p["metric"], "rule_set": p["a"], "versus": p["b"],
                     "wins": p["a_wins"], "ties": p["ties"], "losses": p["b_wins"]})  # fmt: skip
        rows.append({"metric": p["metric"], "rule_set": p["b"], "versus": p["a"],
                     "wins": p["b_wins"], "ties": p["ties"], "losses": p["a_wins"]})  # fmt: skip
    return pd.DataFrame(rows, columns=["metric", "rule_set", "versus", "wins", "ties", "losses"])


def borda(runs: pd.DataFrame) -> pd.DataFrame:
    """Borda on the yardstick (MiniZinc-style pairs): on every instance each pair of sets
    shares one point, all of it to the set with the better (lower) composite instance
    score, half each on a tie. A set with no plan where another has one loses that pair."""
    import pandas as pd

    scores = instance_scores(runs)
    points: dict[str, float] = dict.fromkeys(dict.fromkeys(runs["rule_set"]), 0.0)
    for _, group in scores.groupby(["file", "seed"], sort=False):
        values = dict(zip(group["rule_set"], group[COMPOSITE], strict=True))
        for a, b in itertools.combinations(values, 2):
            va, vb = values[a], values[b]
            if va is None or vb is None or va == vb or math.isnan(va) or math.isnan(vb):
                points[a] += 0.5
                points[b] += 0.5
            else:
                points[a if va < vb else b] += 1.0
    ranking = sorted(points.items(), key=lambda kv: -kv[1])
    return pd.DataFrame(
        [{"rank": i + 1, "rule_set": c, "borda": round(s, 3)} for i, (c, s) in enumerate(ranking)],
        columns=["rank", "rule_set", "borda"],
    )
