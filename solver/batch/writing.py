"""Writing a batch's results: the stored input hash of a result file (for --resume) and the
summary table (CSV, and Parquet when pyarrow is installed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hybridplan.batch.tasks import SUMMARY_COLUMNS
from hybridplan.outputs.escaping import csv_frame
from hybridplan.outputs.files import atomic_path, write_atomic


def stored_hash(path: Path) -> str | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("input_hash")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def write_summary(out: Path, rows: list[dict[str, Any]]) -> list[Path]:
    """summary.csv (and summary.parquet when pyarrow is there), one row per scenario."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS).sort_values("file", kind="stable")
    counts = ["objective", "bound", "sessions", "minutes", "runs", "strength", "sets_short"]
    frame = frame.astype({c: "Int64" for c in counts} | {"resumed": "boolean"})
    written = [out / "summary.csv"]
    write_atomic(written[0], csv_frame(frame).to_csv(index=False))
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return written
    parquet = out / "summary.parquet"
    with atomic_path(parquet) as tmp:
        frame.astype({c: "string" for c in ("name", "error", "status", "file")}).to_parquet(tmp)
    written.append(parquet)
    return written
