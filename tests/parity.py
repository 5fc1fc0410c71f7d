"""The accept/refuse verdict of one scenario document from the CLI (`validate`), the API
(`POST /v1/solve`) and the page (`POST /plans`), and whether any of them failed inside
(exit 3, a traceback, a 5xx). Shared by test_one_model.py and benchmarks/hostile_parity.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx
from typer.testing import CliRunner

from hybridplan.cli import app


@dataclass(frozen=True)
class Verdicts:
    label: str
    cli: str
    api: str
    page: str

    @property
    def agree(self) -> bool:
        return self.cli == self.api == self.page

    @property
    def failed_inside(self) -> bool:
        return "error" in (self.cli, self.api, self.page)


def cli_verdict(path: Path) -> str:
    run = CliRunner().invoke(app, ["validate", str(path)])
    if run.exception is not None and not isinstance(run.exception, SystemExit):
        return "error"
    if "Traceback" in run.output:
        return "error"
    return {0: "accept", 2: "refuse"}.get(run.exit_code, "error")


def http_verdict(response: httpx.Response, accepted: tuple[int, ...]) -> str:
    if response.status_code in accepted:
        return "accept"
    if response.status_code in (413, 422):
        return "refuse"
    return "error"


def verdicts(client: httpx.Client, folder: Path, label: str, text: str) -> Verdicts:
    path = folder / f"{label}.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        api = http_verdict(
            client.post(
                "/v1/solve", content=text.encode("utf-8", "surrogatepass"),
                headers={"Content-Type": "application/json"},
            ),
            (200, 202),
        )  # fmt: skip
    except httpx.HTTPError:  # the connection dropped: a failure inside, never a refusal
        api = "error"
    try:
        page = http_verdict(
            client.post(
                "/plans", data={"scenario_text": text}, headers={"Origin": str(client.base_url)},
                follow_redirects=False,
            ),
            (303,),
        )  # fmt: skip
    except httpx.HTTPError:
        page = "error"
    return Verdicts(label, cli_verdict(path), api, page)
