"""Count ranges as scenario files write them: `4`, `[2, 3]` or `{min: 2, max: 3}`."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from hybridplan.models.limits import MAX_COUNT


class CountRange(BaseModel):
    """An inclusive range; a plain number n means exactly n, a list [a, b] means a..b."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    min: int = Field(ge=0, le=MAX_COUNT)
    max: int = Field(ge=0, le=MAX_COUNT)

    @model_validator(mode="after")
    def _ordered(self) -> CountRange:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        return self

    def contains(self, value: int) -> bool:
        return self.min <= value <= self.max


def _to_range(value: Any) -> Any:
    if isinstance(value, bool):
        return value  # let validation reject it
    if isinstance(value, int):
        return {"min": value, "max": value}
    if isinstance(value, list | tuple) and len(value) == 2:
        return {"min": value[0], "max": value[1]}
    return value


Range = Annotated[
    CountRange,
    BeforeValidator(_to_range, json_schema_input_type=int | tuple[int, int] | CountRange),
]
