"""The comparison report: CSV and JSON tables and one self-contained HTML page with
matplotlib plots embedded as PNG (penalties per rule set, metric distributions, a cactus
plot of solve times, and one scenario's week under each rule set side by side)."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hybridplan.models.week import DAYS
from hybridplan.outputs.escaping import CSP_META, csv_frame, h, mpl
from hybridplan.outputs.files import write_atomic

if TYPE_CHECKING:
    import pandas as pd

METRICS = ["freshness_min_h", "monotony", "minutes", "sets_short", "hard_days", "load"]


def _png(fig: Any) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def penalty_plot(summary: pd.DataFrame) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    columns = [c for c in summary.columns if c.startswith("mean_penalty_")]
    fig, ax = plt.subplots(figsize=(8, 0.5 + 0.45 * len(summary)))
    left = [0.0] * len(summary)
    for column in columns:
        values = summary[column].fillna(0).tolist()
        ax.barh(
            [mpl(r) for r in summary["rule_set"]],
            values,
            left=left,
            label=mpl(column.removeprefix("mean_penalty_")),
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("mean penalty per planned week")
    ax.invert_yaxis()
    ax.legend(fontsize=7, loc="lower right")
    return _png(fig)


def metric_plot(runs: pd.DataFrame) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    present = [m for m in METRICS if m in runs]
    configs = list(dict.fromkeys(runs["rule_set"]))
    fig, axes = plt.subplots(1, max(1, len(present)), figsize=(3.2 * max(1, len(present)), 3.2))
    axes = axes if len(present) > 1 else [axes]
    for ax, metric in zip(axes, present, strict=False):
        data = [
            runs.loc[runs["rule_set"] == c, metric].dropna().astype(float).tolist() for c in configs
        ]
        ax.boxplot(data, tick_labels=[mpl(c[:14]) for c in configs])
        ax.set_title(metric, fontsize=9)
        ax.tick_params(axis="x", labelrotation=60, labelsize=7)
    return _png(fig)


def cactus_plot(runs: pd.DataFrame) -> str:
    """Solved instances against time: the further right and lower, the better."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    for config, group in runs.groupby("rule_set", sort=False):
        times = sorted(group.loc[group["status"].isin(("optimal", "feasible")), "wall_s"])
        ax.plot(
            range(1, len(times) + 1), [t * 1000 for t in times], marker=".", label=mpl(config)
        )
    ax.set_xlabel("weeks planned")
    ax.set_ylabel("wall time per week (ms)")
    ax.set_yscale("log")
    ax.legend(fontsize=7)
    return _png(fig)


def week_grids(runs: pd.DataFrame, scenario: str) -> str:
    """One scenario's week under each rule set, side by side."""
    rows = runs[(runs["scenario"] == scenario) & (runs["seed"] == 0)]
    cells = []
    for _, row in rows.iterrows():
        title = f"{h(row['rule_set'])}: {h(row['status'])}"
        if row["status"] in ("optimal", "feasible"):
            title += f", penalty {int(row['objective'])}"
        week = json.loads(row["week"]) if isinstance(row.get("week"), str) else []
        lines = "".join(
            f"<tr><th>{d}</th><td>"
            + "<br>".join(h(f"{slot}: {sid}") for day, slot, sid in week if day == d)
            + "</td></tr>"
            for d in DAYS
        )
        cells.append(f"<div class='week'><h4>{title}</h4><table>{lines}</table></div>")
    return f"<h3>{h(scenario)}</h3><div class='weeks'>{''.join(cells)}</div>"


def write_report(
    out: Path,
    runs: pd.DataFrame,
    summary: pd.DataFrame,
    pairs: pd.DataFrame,
    ranking: pd.DataFrame,
    show: str | None = None,
) -> list[Path]:
    """Write runs/summary/pairwise/borda as CSV, everything as JSON, and report.html."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in (
        ("runs", runs),
        ("summary", summary),
        ("pairwise", pairs),
        ("borda", ranking),
    ):
        path = out / f"{name}.csv"
        write_atomic(path, csv_frame(frame).to_csv(index=False))
        written.append(path)
    doc = {
        name: json.loads(frame.to_json(orient="records"))
        for name, frame in (
            ("runs", runs),
            ("summary", summary),
            ("pairwise", pairs),
            ("borda", ranking),
        )
    }
    written.append(out / "report.json")
    write_atomic(written[-1], json.dumps(doc, indent=2))
    scenario = show or (
        str(runs["scenario"].dropna().iloc[0]) if runs["scenario"].notna().any() else None
    )
    planned = runs[runs["status"].isin(("optimal", "feasible"))]
    sections = [
        "<h2>Ranking (MiniZinc-style Borda)</h2>", ranking.to_html(index=False, escape=True),
        "<h2>Per rule set</h2>", summary.to_html(index=False, na_rep="", escape=True),
    ]  # fmt: skip
    if len(planned):
        sections += [
            "<h2>Penalty breakdown</h2>", f"<img src='{penalty_plot(summary)}'>",
            "<h2>Plan metrics</h2>", f"<img src='{metric_plot(planned)}'>",
            "<h2>Solve times (cactus)</h2>", f"<img src='{cactus_plot(runs)}'>",
        ]  # fmt: skip
    if scenario:
        sections += ["<h2>One week under each rule set</h2>", week_grids(runs, scenario)]
    sections += ["<h2>Pairwise</h2>", pairs.to_html(index=False, na_rep="", escape=True)]
    page = f"""<!doctype html><html><head><meta charset="utf-8">{CSP_META}
<title>hybridplan rule-set comparison</title><style>
body {{ font-family: sans-serif; margin: 2em; }} table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #ccc; padding: 2px 6px; font-size: 12px; }}
.weeks {{ display: flex; flex-wrap: wrap; gap: 1em; }} .week h4 {{ margin: 0.2em 0; }}
</style></head><body><h1>Rule-set comparison</h1>
<p>{len(runs)} runs: {runs["file"].nunique()} scenarios x {runs["rule_set"].nunique()} rule
sets x {runs["seed"].nunique()} seeds. Every counted week was re-verified by the rule
checks.</p>{"".join(sections)}</body></html>"""
    written.append(out / "report.html")
    write_atomic(written[-1], page)
    return written
