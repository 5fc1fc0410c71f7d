"""One scenario model for every front door: the CLI (`validate`), the API (`POST
/v1/solve`) and the page (`POST /plans`) accept and refuse exactly the same documents, and
none of them fails inside (exit 3, a traceback, a 5xx). The documents: every shipped
scenario, generated ones, fixed hostile texts (a key twice, 50,000 nested brackets, a
5,000-digit number, NaN, a lone surrogate, text cut short) and hostile variants (odd
values for any field, unknown and missing keys, hidden characters in names, dates at the
calendar's edges, weeks out of range, documents that are not mappings).
`benchmarks/hostile_parity.py` runs 2,000 of them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hostile_docs import TEXTS, bases, documents
from parity import verdicts

from service_helpers import Server

SAMPLE = 75  # documents; the shipped scenarios, GENERATED more, the texts, then variants
GENERATED = 4


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("one-model")
    server = Server(
        folder, "--no-auth", "--work-limit", "0.05", "--max-work-limit", "0.05",
        "--queue", "10000",
    )  # fmt: skip
    server.start()
    with httpx.Client(base_url=server.url, timeout=120) as c:
        yield c
    server.stop()


def test_cli_api_and_page_give_the_same_verdict(client: httpx.Client, tmp_path: Path) -> None:
    docs = documents(SAMPLE, generated=GENERATED)
    assert len(docs) == SAMPLE and len(docs) > len(bases(GENERATED)) + len(TEXTS)
    found = [verdicts(client, tmp_path, label, text) for label, text in docs]
    differ = [v for v in found if not v.agree or v.failed_inside]
    assert differ == [], differ
    said = {v.label: v.cli for v in found}
    # the shipped and generated scenarios are accepted, the fixed hostile texts refused,
    # and the hostile variants are a mix (so the sample tests both ways)
    assert all(said[f"base-{i}"] == "accept" for i in range(len(bases(GENERATED))))
    assert all(said[f"text-{i}"] == "refuse" for i in range(len(TEXTS)))
    hostile = [v.cli for v in found if v.label.startswith("hostile-")]
    assert hostile.count("refuse") >= len(hostile) // 3 and "accept" in hostile
