"""2,000 scenario documents (shipped, generated, fixed hostile texts and hostile variants:
tests/hostile_docs.py) through the CLI (`validate`), the API (`POST /v1/solve`) and the
page (`POST /plans`) of a real `hybridplan serve` on loopback: how many each accepted and
refused, how many verdicts differ, and how many failed inside (exit 3, traceback, 5xx).
Wanted: 0 differences, 0 failures. Prints the first differences found.

    python benchmarks/hostile_parity.py [--count 2000] [--seed 2026]
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile_docs import documents  # noqa: E402
from parity import verdicts  # noqa: E402

from service_helpers import Server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    print("load before:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    folder = Path(tempfile.mkdtemp(prefix="hostile-parity-"))
    server = Server(
        folder, "--no-auth", "--work-limit", "0.05", "--max-work-limit", "0.05",
        "--queue", "100000",
    )  # fmt: skip
    server.start()
    began = time.perf_counter()
    counts: collections.Counter[str] = collections.Counter()
    differ = []
    try:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            for label, text in documents(args.count, args.seed):
                v = verdicts(client, folder, label, text)
                for side in ("cli", "api", "page"):
                    counts[f"{side} {getattr(v, side)}"] += 1
                if not v.agree or v.failed_inside:
                    differ.append((v, text[:160]))
    finally:
        server.stop()
    print(f"{args.count} documents in {time.perf_counter() - began:.0f} s")
    for key in sorted(counts):
        print(f"  {key}: {counts[key]}")
    print(f"verdicts that differ or failed inside: {len(differ)}")
    for v, text in differ[:20]:
        print(f"  {v.label}: cli {v.cli}, api {v.api}, page {v.page} | {text!r}")
    print("load after:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
