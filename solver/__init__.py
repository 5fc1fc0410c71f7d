"""hybridplan's solver: the CP-SAT model, the rule catalogue, solve() and the CLI.

`from solver import solve` is the Python API; OR-Tools is imported on first use, so the
CLI starts fast for commands that do not solve.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from solver.solving import solve

__all__ = ["solve"]


def __getattr__(name: str) -> Any:
    if name == "solve":
        from solver.solving import solve

        return solve
    raise AttributeError(name)
