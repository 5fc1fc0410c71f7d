"""Text that shows what it is, so that nothing hides in it: free text a file controls (descriptions,
a result's changes and message, an athlete's name) keeps its words, but control, bidi and
invisible characters are written out as escapes, in the models and so on the terminal and
in every export. Checked with Unicode's own categories (unicodedata), not the package's
character set."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import ROOT
from hybridplan.cli import app
from hybridplan.models import Result
from hybridplan.models.rules import RuleSet
from hybridplan.models.scenario import Scenario

NASTY = "keep\x1b]0;pwned\x07 \u202eevil\u202c zero\u200bwidth \x00 bom\ufeff\r"
WEEK = ROOT / "scenarios" / "marathon-build.yaml"


def hidden(text: str) -> list[str]:
    """Characters no reader sees for what they are: Unicode controls (Cc) but line feed and
    tab, and format characters (Cf: bidi marks and overrides, zero-width, BOM), plus the
    line and paragraph separators."""
    return [
        c for c in text
        if (unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")) and c not in "\n\t"
    ]  # fmt: skip


def test_descriptions_keep_their_words_and_show_their_escapes() -> None:
    scenario = Scenario.model_validate(
        {"name": "w", "description": NASTY, "availability": {"mon": {"am": 60}}}
    )
    assert hidden(scenario.description) == []
    assert "keep" in scenario.description and "\\u202e" in scenario.description
    assert (
        Scenario.model_validate(
            {"name": "w", "description": "line\nbreaks\tstay", "availability": {}}
        ).description
        == "line\nbreaks\tstay"
    )
    rules = RuleSet.from_data({"name": "r", "description": NASTY, "rules": {}})
    assert hidden(rules.description) == []


@pytest.mark.parametrize("to", ["md", "html", "csv", "ics"])
def test_a_results_free_text_is_visible_in_every_export(tmp_path: Path, to: str) -> None:
    run = CliRunner().invoke(app, ["solve", str(WEEK), "--format", "json"])
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)
    data["changes"] = [NASTY]
    data["message"] = NASTY
    result = Result.model_validate(data)
    assert hidden(result.message) == [] and hidden(result.changes[0]) == []
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data))
    out = tmp_path / f"w.{to}"
    run = CliRunner().invoke(app, ["export", str(path), "--to", to, "--out", str(out)])
    assert run.exit_code == 0, run.output
    text = out.read_text()
    assert hidden(text.replace("\r\n", "\n")) == []  # (ICS lines end in CRLF by the RFC)
    if to in ("md", "html"):
        assert "\\u202e" in text  # the change is there, escaped
