"""A plan: sessions placed in the slots of a plan's input, in time order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hybridplan.models.placement import Placed
from hybridplan.models.plan_input import PlanInput


@dataclass(frozen=True)
class Plan:
    """The placed sessions of a plan (one week or a block), in time order."""

    input: PlanInput
    placed: tuple[Placed, ...]

    @classmethod
    def of(cls, data: PlanInput, placed: Iterable[Placed]) -> Plan:
        return cls(data, tuple(sorted(placed, key=lambda p: (p.start, p.session.id))))

    @classmethod
    def from_placements(
        cls, data: PlanInput, items: Iterable[tuple[str, str, str] | tuple[str, str, str, int]]
    ) -> Plan:
        """A plan from (day, slot, session id[, week]) tuples, e.g. a Result's sessions."""
        placed = []
        for item in items:
            day, slot, sid = item[0], item[1], item[2]
            number = item[3] if len(item) > 3 else 1
            placed.append(Placed(data.slot_at(day, slot, number), data.sessions[sid]))
        return cls.of(data, placed)

    def on_day(self, day: int) -> list[Placed]:
        return [p for p in self.placed if p.slot.day == day]
