"""The plans the solver gives today, to keep them while the model build is optimised
(changing no plan): every shipped scenario under its own rule set and a handful of generated
weeks, solved under a deterministic work limit, recorded as (status, objective, penalty by
rule, coach preference, sessions) in tests/data/expected_plans.json.

    python tests/plans_fixture.py            # record (only when a change of plans is meant)
    python tests/plans_fixture.py --check    # compare, and say which model protos differ

The fixture also keeps a digest of each built CP-SAT model: when a change of the build
leaves the model byte for byte the same, the plans cannot change (same input, seed and
deterministic limit); --check reports it, the test does not depend on it (the digest moves
with OR-Tools versions).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "expected_plans.json"
GENERATED = 8  # generated weeks (seed 16): feasible and infeasible ones alike
SEED = 16
DETERMINISTIC = 20.0


def shipped() -> list[Path]:
    return sorted(
        p
        for p in (ROOT / "scenarios").iterdir()
        if p.suffix in (".yaml", ".toml", ".json") and p.name != "scenario.schema.json"
    )


def cases() -> dict[str, Any]:
    """name -> what solve() takes: a shipped file's path, or a generated week's dict."""
    from hybridplan.batch.generate import generate

    found: dict[str, Any] = {f"scenarios/{p.name}": p for p in shipped()}
    for week in generate(GENERATED, seed=SEED):
        found[f"generated/{week['name']}"] = week
    return found


def model_digest(scenario: Any) -> str:
    from hybridplan.core.model import build_model
    from hybridplan.core.solving import as_week

    ctx = build_model(as_week(scenario))
    return hashlib.sha256(str(ctx.model.Proto()).encode()).hexdigest()


def record(scenario: Any) -> dict[str, Any]:
    """What a plan must keep: status, objective, penalty per rule, preference, sessions."""
    from hybridplan.core.solving import solve

    r = solve(scenario, time_limit=600, deterministic_time=DETERMINISTIC)
    return {
        "status": r.status,
        "objective": r.objective,
        "objective_by_rule": dict(sorted(r.objective_by_rule.items())),
        "coach_preference": r.coach_preference,
        "sessions": [[s.week, s.day, s.slot, s.session] for s in r.sessions],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the fixture")
    args = parser.parse_args()
    if args.check:
        expected = json.loads(FIXTURE.read_text())
        bad = 0
        for name, scenario in cases().items():
            want = expected[name]
            same_model = model_digest(scenario) == want["model"]
            got = record(scenario)
            same = all(got[k] == want[k] for k in got)
            bad += not same
            print(f"{name:45} model {'same' if same_model else 'DIFFERS':7} plan "
                  f"{'same' if same else 'DIFFERS'}", flush=True)  # fmt: skip
        return 1 if bad else 0
    out: dict[str, Any] = {}
    for name, scenario in cases().items():
        out[name] = {**record(scenario), "model": model_digest(scenario)}
        print(name, out[name]["status"], out[name]["objective"], flush=True)
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
