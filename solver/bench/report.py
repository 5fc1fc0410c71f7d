"""The comparison report: CSV and JSON tables and one self-contained HTML page with
matplotlib plots embedded as PNG (also saved under plots/): the yardstick ranking with its
intervals, the metrics per rule set, the win/tie/loss matrices, the sweeps, the rule sets'
own penalties, the solve times, one week under each rule set side by side, and where the
figures come from. Everything a scenario file controls is escaped."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hybridplan.bench.measures import (
    BOOTSTRAP,
    COMPOSITE,
    DESCRIPTIVE,
    FOUND,
    STATS_SEED,
    YARDSTICK,
)
from hybridplan.models.week import DAYS
from hybridplan.outputs.escaping import CSP_META, csv_frame, h, mpl
from hybridplan.outputs.files import write_atomic

if TYPE_CHECKING:
    import pandas as pd

SWEPT = re.compile(r"^(?P<base>.*)\[(?P<values>[^\[\]]*)\]$")


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    _plt().close(fig)
    return buffer.getvalue()


def _short(name: str, width: int = 24) -> str:
    """A rule set's name for a plot: a variant by its swept values, one per line
    (`hours=12` / `weight=0`), anything else cut to `width` characters."""
    swept = sweep_values(name)
    if swept:
        return "\n".join(
            _cut(f"{k.rsplit('.', 1)[-1]}={v}", max(width, 14)) for k, v in swept.items()
        )
    return _cut(name, width)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _colours(configs: list[str]) -> dict[str, Any]:
    cmap = _plt().get_cmap("tab10")
    return {c: cmap(i % 10) for i, c in enumerate(configs)}


# -- plots ---------------------------------------------------------------------------------
def ranking_plot(ranking: pd.DataFrame) -> bytes:
    """The composite score of each set with its bootstrap 95% interval, per horizon."""
    plt = _plt()
    spans = list(dict.fromkeys(ranking["horizon"]))
    fig, axes = plt.subplots(
        1, len(spans), figsize=(4.6 * len(spans), 0.9 + 0.45 * ranking["rule_set"].nunique()),
        squeeze=False, sharex=True,
    )  # fmt: skip
    for ax, span in zip(axes[0], spans, strict=True):
        part = ranking[ranking["horizon"] == span].dropna(subset=["score"])
        y = list(range(len(part)))
        score = part["score"].astype(float)
        low = (score - part["ci_low"].astype(float)).clip(lower=0)
        high = (part["ci_high"].astype(float) - score).clip(lower=0)
        ax.errorbar(score, y, xerr=[low, high], fmt="o", capsize=4, color="black")
        ax.set_yticks(y, [mpl(_short(str(r))) for r in part["rule_set"]])
        ax.invert_yaxis()
        ax.set_xlim(-0.02, 1.02)
        ax.grid(axis="x", alpha=0.3)
        n = int(part["scenarios"].max()) if len(part) else 0
        ax.set_title(f"{span}: {n} scenarios", fontsize=10)
        ax.set_xlabel("composite score (0 best, 1 worst)\nwith bootstrap 95% interval")
    fig.tight_layout()
    return _png(fig)


def metric_plot(runs: pd.DataFrame, metrics: list[Any], configs: list[str]) -> bytes:
    """A box per rule set for every metric (planned runs; a metric that does not apply to a
    run is left out, and the count of those is in the panel's title)."""
    import pandas as pd

    plt = _plt()
    planned = runs[runs["status"].isin(FOUND)]
    present = [m for m in metrics if m.column in planned]
    cols = 4
    rows = max(1, -(-len(present) // cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols, 3.3 * rows), squeeze=False)
    colours = _colours(configs)
    for ax, metric in zip(axes.flat, present, strict=False):
        data, missing = [], 0
        for c in configs:
            values = pd.to_numeric(planned.loc[planned["rule_set"] == c, metric.column],
                                   errors="coerce")  # fmt: skip
            missing += int(values.isna().sum())
            data.append(values.dropna().astype(float).tolist())
        box = ax.boxplot(
            [d if d else [float("nan")] for d in data], patch_artist=True, widths=0.6,
            showmeans=True, meanprops={"marker": "D", "markerfacecolor": "white",
                                       "markeredgecolor": "black", "markersize": 4},
        )  # fmt: skip
        for patch, c in zip(box["boxes"], configs, strict=True):
            patch.set_facecolor(colours[c])
            patch.set_alpha(0.55)
        ax.set_xticks(range(1, len(configs) + 1), [mpl(_short(c, 14)) for c in configs])
        ax.tick_params(axis="x", labelrotation=35 if len(configs) > 3 else 0, labelsize=8)
        better = {"lower": "lower is better", "higher": "higher is better"}.get(
            metric.better or "", "not ranked"
        )
        title = f"{metric.label}\n({better}" + (f"; n/a in {missing} runs)" if missing else ")")
        ax.set_title(mpl(title), fontsize=8.5)
        ax.grid(axis="y", alpha=0.3)
        if metric.better is None:  # descriptive: shaded, so it is not read as a ranking
            ax.set_facecolor("#f2f2f2")
    for ax in list(axes.flat)[len(present) :]:
        ax.axis("off")
    fig.tight_layout()
    return _png(fig)


def winloss_plot(pairs: pd.DataFrame, configs: list[str], labels: dict[str, str]) -> bytes:
    """Per metric, a heat map: row set against column set, colour (wins - losses) / n over
    the scenarios where both have a value, cells 'wins/ties/losses'."""
    import numpy as np

    plt = _plt()
    metrics = list(dict.fromkeys(pairs["metric"]))
    cols = min(4, max(1, len(metrics)))
    rows = max(1, -(-len(metrics) // cols))
    k = len(configs)
    size = max(3.0, 0.75 * k + 1.2)
    fig, axes = plt.subplots(rows, cols, figsize=(size * cols, size * rows), squeeze=False)
    image = None
    for ax, metric in zip(axes.flat, metrics, strict=False):
        grid = np.full((k, k), np.nan)
        text = [["" for _ in configs] for _ in configs]
        for _, p in pairs[pairs["metric"] == metric].iterrows():
            i, j = configs.index(p["a"]), configs.index(p["b"])
            n = int(p["n"])
            if n:
                grid[i, j] = (p["a_wins"] - p["b_wins"]) / n
                grid[j, i] = -grid[i, j]
            text[i][j] = f"{p['a_wins']}/{p['ties']}/{p['b_wins']}"
            text[j][i] = f"{p['b_wins']}/{p['ties']}/{p['a_wins']}"
        image = ax.imshow(grid, cmap="RdBu", vmin=-1, vmax=1)
        for i in range(k):
            for j in range(k):
                if text[i][j]:
                    dark = abs(grid[i, j]) > 0.55 if grid[i, j] == grid[i, j] else False
                    ax.text(j, i, text[i][j], ha="center", va="center", fontsize=8,
                            color="white" if dark else "black")  # fmt: skip
        ticks = [mpl(_short(c, 12)) for c in configs]
        ax.set_xticks(range(k), ticks, rotation=40, ha="right", fontsize=8)
        ax.set_yticks(range(k), ticks, fontsize=8)
        ax.set_title(mpl(labels.get(metric, metric)), fontsize=9)
    for ax in list(axes.flat)[len(metrics) :]:
        ax.axis("off")
    fig.suptitle("cells: the row set's wins / ties / losses against the column set", fontsize=10)
    fig.tight_layout()
    if image is not None:
        bar = fig.colorbar(image, ax=axes.ravel().tolist(), shrink=0.6, pad=0.02)
        bar.set_label("(row wins - row losses) / scenarios", fontsize=8)
    return _png(fig)


def penalty_plot(runs: pd.DataFrame, configs: list[str]) -> bytes | None:
    """Each set's own penalty per planned run, by rule (its objective: not the ranking)."""
    import pandas as pd

    plt = _plt()
    planned = runs[runs["status"].isin(FOUND)]
    columns = [
        c for c in planned.columns
        if c.startswith("penalty_") and pd.to_numeric(planned[c], errors="coerce").sum() > 0
    ]  # fmt: skip
    if not columns:
        return None
    means = planned.groupby("rule_set")[columns].mean().reindex(configs).fillna(0)
    fig, ax = plt.subplots(figsize=(8, 0.8 + 0.45 * len(configs)))
    left = [0.0] * len(configs)
    cmap = plt.get_cmap("tab20")
    for i, column in enumerate(columns):
        values = means[column].tolist()
        ax.barh([mpl(_short(c)) for c in configs], values, left=left, color=cmap(i % 20),
                label=mpl(column.removeprefix("penalty_")))  # fmt: skip
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("mean own penalty per planned run (the rule set's objective, not the ranking)")
    ax.invert_yaxis()
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return _png(fig)


def cactus_plot(runs: pd.DataFrame, configs: list[str]) -> bytes:
    """Scenarios solved against the wall time each took: further right and lower is
    better."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 4))
    colours = _colours(configs)
    for config in configs:
        group = runs[(runs["rule_set"] == config) & runs["status"].isin(FOUND)]
        times = sorted(float(t) for t in group["wall_s"].dropna())
        ax.plot(range(1, len(times) + 1), times, marker=".", color=colours[config],
                label=mpl(_short(config)))  # fmt: skip
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("scenarios solved")
    ax.set_ylabel("wall time per run (s)")
    ax.set_yscale("log")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return _png(fig)


def sweep_values(name: str) -> dict[str, str] | None:
    """`sep[hard_separation.hours=12,spread.weight=0]` -> {parameter: value}; None for a
    name that is not a variant's."""
    match = SWEPT.match(name)
    if not match:
        return None
    out = {}
    for part in match["values"].split(","):
        key, sep, value = part.partition("=")
        if not sep:
            return None
        out[key] = value
    return out


def sweep_table(runs: pd.DataFrame, scores: pd.DataFrame, metrics: list[Any]) -> pd.DataFrame:
    """sweeps.csv: per swept parameter, value and metric: the metric's mean over the planned
    runs of the configurations with that value (the other swept parameters pooled), and the
    composite score's mean over their scenarios."""
    import pandas as pd

    swept = {c: sweep_values(str(c)) for c in dict.fromkeys(runs["rule_set"])}
    params = list(dict.fromkeys(k for v in swept.values() if v for k in v))
    out = []
    planned = runs[runs["status"].isin(FOUND)]
    for param in params:
        values = list(dict.fromkeys(v[param] for v in swept.values() if v and param in v))
        for value in values:
            names = [c for c, v in swept.items() if v and v.get(param) == value]
            mine = planned[planned["rule_set"].isin(names)]
            for m in metrics:
                if m.column in mine:
                    mean = pd.to_numeric(mine[m.column], errors="coerce").mean()
                    rounded = None if pd.isna(mean) else round(float(mean), 4)
                    out.append(
                        {"parameter": param, "value": value, "metric": m.column, "mean": rounded}
                    )
            comp = scores.loc[scores["rule_set"].isin(names), COMPOSITE]
            out.append({"parameter": param, "value": value, "metric": COMPOSITE,
                        "mean": None if comp.empty else round(float(comp.mean()), 4)})  # fmt: skip
    return pd.DataFrame(out, columns=["parameter", "value", "metric", "mean"])


def sweep_plot(table: pd.DataFrame, param: str, labels: dict[str, str]) -> bytes:
    """How one swept parameter moves each metric: a line per metric, each in its panel."""
    plt = _plt()
    part = table[table["parameter"] == param]
    metrics = list(dict.fromkeys(part["metric"]))
    cols = 4
    rows = max(1, -(-len(metrics) // cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.4 * cols, 2.6 * rows), squeeze=False)
    values = list(dict.fromkeys(part["value"]))
    numeric = all(_is_number(v) for v in values)
    order = sorted(values, key=float) if numeric else values
    for ax, metric in zip(axes.flat, metrics, strict=False):
        line = part[part["metric"] == metric].set_index("value").reindex(order)
        xs = [float(v) for v in order] if numeric else list(range(len(order)))
        ax.plot(xs, line["mean"].astype(float), marker="o")
        if not numeric:
            ax.set_xticks(xs, [mpl(v) for v in order])
        ax.set_title(mpl(labels.get(metric, metric)), fontsize=8)
        ax.set_xlabel(mpl(param), fontsize=8)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(metrics) :]:
        ax.axis("off")
    fig.tight_layout()
    return _png(fig)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# -- HTML parts --------------------------------------------------------------------------
def parse_show(show: str | None) -> tuple[str | None, int]:
    """`NAME` or `NAME:WEEK` (week 1 when left out)."""
    if not show:
        return None, 1
    name, sep, week = show.rpartition(":")
    if sep and week.isdigit() and name:
        return name, max(1, int(week))
    return show, 1


def week_grids(runs: pd.DataFrame, scenario: str, week: int = 1) -> str:
    """One week of one scenario under each rule set, side by side: a row per day, a column
    per set (seed 0)."""
    rows = runs[(runs["scenario"] == scenario) & (runs["seed"] == 0)]
    if rows.empty:
        return f"<p>No runs of scenario {h(scenario)}.</p>"
    weeks = int(rows["weeks"].fillna(1).max()) if "weeks" in rows else 1
    week = min(week, weeks)
    heads: list[str] = []
    cells: dict[str, list[str]] = {d: [] for d in DAYS}
    for _, row in rows.iterrows():
        head = f"{h(row['rule_set'])}<br><small>{h(row['status'])}"
        if row["status"] in FOUND:
            head += f", own penalty {int(row['objective'])}"
            if "objections" in row and row["objections"] == row["objections"]:
                head += f", {int(row['objections'])} objection(s) in the plan"
        heads.append(head + "</small>")
        placed = json.loads(row["week"]) if isinstance(row.get("week"), str) else []
        for d in DAYS:
            here = [
                f"{h(slot)}: {h(sid)}"
                for item in placed
                for w, day, slot, sid in [item if len(item) == 4 else [1, *item]]
                if w == week and day == d
            ]
            cells[d].append("<br>".join(here) or "<span class='rest'>rest</span>")
    title = h(scenario) + (f", week {week} of {weeks}" if weeks > 1 else "")
    body = "".join(
        f"<tr><th>{d}</th>" + "".join(f"<td>{c}</td>" for c in cells[d]) + "</tr>" for d in DAYS
    )
    header = "<tr><th></th>" + "".join(f"<th>{x}</th>" for x in heads) + "</tr>"
    return f"<h3>{title}</h3><table class='grid'>{header}{body}</table>"


def _p(value: Any) -> str:
    """A p-value as people read it: 0.012, 3.4e-07, < 1e-300."""
    if value is None or value != value:
        return "–"
    return "< 1e-300" if value == 0 else f"{value:.2g}"


def _table(frame: pd.DataFrame, **kwargs: Any) -> str:
    return str(frame.to_html(index=False, na_rep="–", escape=True, **kwargs))


def summary_html(summary: pd.DataFrame, metrics: list[Any]) -> str:
    """Per horizon: a row per set, a column per metric, 'mean (median, sd, n)'."""
    parts = []
    for span, part in summary.groupby("horizon", sort=False):
        head = "".join(f"<th>{h(m.label)}</th>" for m in metrics)
        body = []
        for _, row in part.iterrows():
            cells = []
            for m in metrics:
                mean = row.get(f"{m.column}_mean")
                if mean is None or mean != mean:
                    cells.append("<td>–</td>")
                    continue
                extra = f"median {row[f'{m.column}_median']:.3g}"
                sd = row.get(f"{m.column}_sd")
                if sd is not None and sd == sd:
                    extra += f", sd {sd:.3g}"
                extra += f", n {int(row[f'{m.column}_n'])}"
                cells.append(f"<td><b>{mean:.3g}</b><br><small>{h(extra)}</small></td>")
            body.append(
                f"<tr><th>{h(row['rule_set'])}</th><td>{int(row['runs'])}</td>"
                f"<td>{row['planned_share']:g}</td>{''.join(cells)}</tr>"
            )
        label = "one-week scenarios" if span == "week" else "blocks (per-week figures)"
        parts.append(
            f"<h3>{h(label)}</h3><table><tr><th>rule set</th><th>runs</th><th>planned</th>"
            f"{head}</tr>{''.join(body)}</table>"
        )
    return "".join(parts)


def provenance_html(prov: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><th>{h(k)}</th><td>{h(json.dumps(v) if isinstance(v, dict | list) else v)}</td></tr>"
        for k, v in prov.items()
    )
    return f"<table class='prov'>{rows}</table>"


COMPOSITE_TEXT = """<p>The <b>composite score</b> ranks plans, not the rule sets' own
penalties. On every scenario (and seed) each yardstick metric ranks the rule sets that have
a value; a set's normalised rank there is the share of the other sets that do better (ties
count half): 0 best, 1 worst. A set that planned no week where another did is worse than
every planned week on every metric; a metric that does not apply to a run (no hard session
before a key run, no running target) ranks only the sets that have it. A set's score on a
scenario is the mean of its normalised ranks over the metrics (each weighs the same), and
its score is the mean over scenarios. The interval is a percentile bootstrap over scenarios
({resamples} resamples, seed {seed}). Ranks need no weights between counts, hours and
percent, and a 16-week block counts as one scenario like a week; how much better a set is
shows in the means, the paired tests and the effect sizes below.</p>"""


def write_report(
    out: Path,
    runs: pd.DataFrame,
    *,
    show: str | None = None,
    provenance: dict[str, Any] | None = None,
    resamples: int | None = None,
) -> list[Path]:
    """Write every table (CSV and report.json), the plots (plots/*.png) and report.html
    from the runs of a comparison."""
    from hybridplan.bench import ranking as rk
    from hybridplan.bench.compare import summarize, weeks_table

    resamples = resamples or BOOTSTRAP
    out.mkdir(parents=True, exist_ok=True)
    (out / "plots").mkdir(exist_ok=True)
    configs = [str(c) for c in dict.fromkeys(runs["rule_set"])]
    metrics = [*YARDSTICK, *DESCRIPTIVE]
    labels = {m.column: m.label for m in metrics} | {COMPOSITE: "composite score"}
    summary = summarize(runs)
    ranking = rk.rankings(runs, resamples=resamples)
    pairs = rk.pairwise(runs)
    matrix = rk.win_matrix(pairs)
    borda = rk.borda(runs)
    scores = rk.instance_scores(runs)
    sweeps = sweep_table(runs, scores, list(YARDSTICK))
    tables = {
        "runs": runs, "weeks": weeks_table(runs), "summary": summary, "ranking": ranking,
        "pairwise": pairs, "winloss": matrix, "borda": borda,
    }  # fmt: skip
    if not sweeps.empty:
        tables["sweeps"] = sweeps
    written = []
    for name, frame in tables.items():
        path = out / f"{name}.csv"
        write_atomic(path, csv_frame(frame).to_csv(index=False))
        written.append(path)
    doc: dict[str, Any] = {
        name: json.loads(frame.to_json(orient="records")) for name, frame in tables.items()
    }
    doc["provenance"] = provenance or {}
    written.append(out / "report.json")
    write_atomic(written[-1], json.dumps(doc, indent=2))

    pictures: dict[str, bytes] = {}
    planned = runs[runs["status"].isin(FOUND)]
    if len(planned) and not ranking.empty:
        pictures["ranking"] = ranking_plot(ranking)
        pictures["metrics"] = metric_plot(runs, metrics, configs)
        if len(configs) > 1:
            pictures["winloss"] = winloss_plot(pairs, configs, labels)
        for param in dict.fromkeys(sweeps["parameter"]):
            pictures[f"sweep-{len(pictures)}"] = sweep_plot(sweeps, str(param), labels)
        own = penalty_plot(runs, configs)
        if own is not None:
            pictures["own-penalties"] = own
        pictures["cactus"] = cactus_plot(runs, configs)
    for name, data in pictures.items():
        path = out / "plots" / f"{name}.png"
        write_atomic(path, data)
        written.append(path)

    def img(name: str, alt: str) -> str:
        if name not in pictures:
            return ""
        data = base64.b64encode(pictures[name]).decode()
        return f"<img alt='{h(alt)}' src='data:image/png;base64,{data}'>"

    scenario, week = parse_show(show)
    if scenario is None and runs["scenario"].notna().any():
        scenario = str(runs["scenario"].dropna().iloc[0])
    shown = ranking[ranking["horizon"] == "all"][
        ["rank", "rule_set", "score", "ci_low", "ci_high", "scenarios"]
        + [f"mean_{m.column}" for m in YARDSTICK]
    ].rename(columns={f"mean_{m.column}": m.label for m in YARDSTICK})
    sections = [
        "<h2>Ranking on the yardstick</h2>", _table(shown), img("ranking", "ranking"),
        COMPOSITE_TEXT.format(resamples=resamples, seed=STATS_SEED),
    ]  # fmt: skip
    if ranking["horizon"].nunique() > 1:
        per = ranking[ranking["horizon"] != "all"][
            ["horizon", "rank", "rule_set", "score", "ci_low", "ci_high", "scenarios"]
        ]
        sections += ["<h3>Each horizon on its own</h3>", _table(per)]
    sections += [
        "<h2>The yardstick per rule set</h2>",
        "<p>Planned runs only; counts are per week, so blocks and weeks read alike. Grey "
        "metrics are not ranked (more is not better as such).</p>",
        img("metrics", "metrics"), summary_html(summary, metrics),
        "<h2>Head to head</h2><p>Each panel: the row set against the column set on the "
        "scenarios where both have a value: wins/ties/losses, coloured by (wins - losses) / "
        "scenarios (blue: the row set better).</p>", img("winloss", "win/tie/loss"),
        "<h3>Paired tests</h3><p>Wilcoxon signed-rank on the per-scenario values (scipy), "
        "Holm-adjusted over the pairs of each metric; effect size: matched-pairs "
        "rank-biserial correlation (positive: a better). The median difference is a - b as "
        "measured.</p>", _table(pairs, formatters={"p_value": _p, "p_holm": _p}),
        "<h3>Borda (one more view, on the composite)</h3>", _table(borda),
    ]  # fmt: skip
    sweep_imgs = [img(k, k) for k in pictures if k.startswith("sweep-")]
    if sweep_imgs:
        sections += ["<h2>Sweeps: how each parameter moves each metric</h2>", *sweep_imgs]
    sections += [
        "<h2>The rule sets' own penalties</h2><p>Each set's objective in its own terms: "
        "reported, never ranked.</p>", img("own-penalties", "own penalties"),
        "<h2>Solve times</h2>", img("cactus", "cactus plot"),
    ]  # fmt: skip
    if scenario:
        sections += ["<h2>One week under each rule set</h2>", week_grids(runs, scenario, week)]
    sections += ["<h2>Provenance</h2>", provenance_html(provenance or {})]
    page = f"""<!doctype html><html><head><meta charset="utf-8">{CSP_META}
<title>hybridplan rule-set comparison</title><style>
body {{ font-family: sans-serif; margin: 2em; max-width: 1500px; }}
table {{ border-collapse: collapse; margin: 0.5em 0; }}
td, th {{ border: 1px solid #ccc; padding: 2px 6px; font-size: 12px; vertical-align: top; }}
img {{ max-width: 100%; display: block; margin: 0.5em 0; }}
.grid td {{ min-width: 9em; }} .rest {{ color: #999; }} .prov td {{ font-family: monospace; }}
</style></head><body><h1>Rule-set comparison</h1>
<p>{len(runs)} runs: {runs["file"].nunique()} scenarios x {len(configs)} rule sets x
{runs["seed"].nunique()} seeds. Every counted plan was re-verified by the rule checks; every
plan is measured by the same yardstick, whatever rule set made it.</p>{"".join(sections)}
</body></html>"""
    written.append(out / "report.html")
    write_atomic(written[-1], page)
    return written
