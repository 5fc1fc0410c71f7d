"""A plan's fitness, fatigue and form as a picture (`hybridplan form --png`, the plan page's
chart): one line each per day, the daily load as bars beneath them (dark where logged,
light where planned), "today" (the log's last day) dividing the two, the race day marked
with the form the athlete brings to it, and optionally a second plan drawn dashed
("before"), so that a block before and after a missed week can be compared.

The same input gives the same bytes: a fixed size (`WIDTH` x `HEIGHT` pixels), no
timestamp or software name in the PNG's metadata."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from hybridplan.outputs.escaping import mpl

if TYPE_CHECKING:
    from hybridplan.log.form import PlanForm

DPI = 100
WIDTH, HEIGHT = 1100, 520  # pixels
FITNESS, FATIGUE, FORM = "#2171b5", "#cb181d", "#238b45"
LOGGED, PLANNED = "#737373", "#d9d9d9"
UNITS = {"srpe": "session-RPE load", "trimp": "TRIMP", "rtss": "rTSS"}


def _ticks(form: PlanForm) -> tuple[list[int], list[str]]:
    """A tick on each Monday (every other one past 14 weeks), with its date if known."""
    weeks = max(1, len(form.days) // 7)
    every = 1 if weeks <= 14 else 2
    days = [7 * w for w in range(0, weeks, every)]
    labels = []
    for d in days:
        date = form.days[d].date
        labels.append(f"wk {d // 7 + 1}\n{date.day} {date:%b}" if date else f"wk {d // 7 + 1}")
    return days, labels


def form_png(form: PlanForm, title: str, before: PlanForm | None = None) -> bytes:
    """The chart of `form` as PNG bytes; `before` (another plan's form, by the same load
    method) is drawn dashed beneath it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI)
    bars = ax.twinx()
    ax.set_zorder(bars.get_zorder() + 1)  # the lines over the bars
    ax.patch.set_visible(False)
    x = [d.day for d in form.days]
    through = -1 if form.through is None else form.through
    bars.bar(
        x,
        [d.load for d in form.days],
        width=0.8,
        color=[LOGGED if d.day <= through else PLANNED for d in form.days],
    )
    top = max((d.load for d in form.days), default=0)
    bars.set_ylim(0, max(1, top) * 2.6)  # the bars keep to the lower part of the chart
    bars.set_ylabel(f"daily load ({UNITS.get(form.method, form.method)})", color="#525252")
    bars.tick_params(axis="y", colors="#525252", labelsize=8)
    if before is not None:
        bx = [d.day for d in before.days]
        for values, colour in (
            ([d.fitness for d in before.days], FITNESS),
            ([d.fatigue for d in before.days], FATIGUE),
            ([d.form for d in before.days], FORM),
        ):
            ax.plot(bx, values, color=colour, lw=1.3, ls="--", alpha=0.75)
    ax.plot(x, [d.fitness for d in form.days], color=FITNESS, lw=2)
    ax.plot(x, [d.fatigue for d in form.days], color=FATIGUE, lw=1.6)
    ax.plot(x, [d.form for d in form.days], color=FORM, lw=2.4)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_ylabel("fitness, fatigue, form")
    ax.set_xlim(-0.7, max(len(form.days), len(before.days) if before else 0) - 0.3)
    ax.grid(axis="y", color="#eeeeee")
    ticks, labels = _ticks(form)
    ax.set_xticks(ticks, labels, fontsize=9)
    if 0 <= through < len(form.days) - 1:
        ax.axvline(through + 0.5, color="black", lw=1.2, ls=":")
        bars.axvspan(-0.7, through + 0.5, color="#f2f2f2", zorder=-1)  # beneath it all
        date = form.days[through].date
        ax.annotate(
            f"today{f' ({date.day} {date:%b})' if date else ''}\n◀ logged | planned ▶",
            (through + 0.5, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, -4),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8,
            bbox={"boxstyle": "round", "fc": "white", "ec": "#888888"},
        )
    race = form.race_form
    if race is not None and form.race_day is not None:
        ax.axvline(form.race_day, color="#6a51a3", lw=1.5)
        ax.plot([form.race_day - 1], [race], "o", color=FORM, ms=7, mec="black")
        text = f"race day: form {race:+.1f}"
        if before is not None and before.race_form is not None:
            text += f"\n(before: {before.race_form:+.1f})"
        right = form.race_day > 0.6 * len(form.days)
        ax.annotate(
            text,
            (form.race_day - 1, race),
            xytext=(-10 if right else 10, 14),
            textcoords="offset points",
            ha="right" if right else "left",
            fontsize=10,
            fontweight="bold",
            color="#3f007d",
            bbox={"boxstyle": "round", "fc": "white", "ec": "#6a51a3"},
        )
    handles = [
        Line2D([], [], color=FITNESS, lw=2, label="fitness (42-day load)"),
        Line2D([], [], color=FATIGUE, lw=1.6, label="fatigue (7-day load)"),
        Line2D([], [], color=FORM, lw=2.4, label="form (fitness - fatigue)"),
        Patch(
            color=LOGGED if through >= 0 else PLANNED,
            label="daily load, logged" if through >= 0 else "daily load",
        ),
    ]
    if through >= 0:
        handles.append(Patch(color=PLANNED, label="daily load, planned"))
    if before is not None:
        handles.append(Line2D([], [], color="#525252", lw=1.3, ls="--", label="before"))
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14),
        fontsize=9.5,
        ncol=len(handles),
        frameon=False,
    )
    ax.set_title(mpl(title), fontsize=12)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()
