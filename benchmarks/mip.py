"""The week model as a MIP for HiGHS: a translation of the *built* CP-SAT model (its
linear, boolean, at-most-one and max constraints, with enforcement literals as big-M
rows), so both solvers see the same model. Used by the peers benchmark and its tests."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any


@dataclass
class MipResult:
    status: str  # optimal | infeasible | other
    objective: int | None
    seconds: float


def _bounds(proto: Any, index: int) -> tuple[int, int]:
    domain = list(proto.variables[index].domain)
    return domain[0], domain[-1]


class _Rows:
    """Linear rows over the CP-SAT variables; a literal ref < 0 means NOT var(-ref-1)."""

    def __init__(self, proto: Any):
        self.proto = proto
        self.rows: list[tuple[float, float, dict[int, float]]] = []

    def literal(self, ref: int, coef: float, terms: dict[int, float]) -> float:
        """Add coef * literal to terms; returns the constant it contributes."""
        if ref >= 0:
            terms[ref] = terms.get(ref, 0) + coef
            return 0.0
        terms[-ref - 1] = terms.get(-ref - 1, 0) - coef
        return coef

    def activity(self, terms: dict[int, float]) -> tuple[float, float]:
        lo = hi = 0.0
        for var, a in terms.items():
            vlo, vhi = _bounds(self.proto, var)
            lo += min(a * vlo, a * vhi)
            hi += max(a * vlo, a * vhi)
        return lo, hi

    def add(self, lo: float, hi: float, terms: dict[int, float], enforced: list[int]) -> None:
        """lo <= terms <= hi, only when every enforcement literal holds (big-M)."""
        if not enforced:
            self.rows.append((lo, hi, terms))
            return
        act_lo, act_hi = self.activity(terms)
        for side, bound, slack in (
            ("lo", lo, bound_gap(lo, act_lo)),
            ("hi", hi, bound_gap(act_hi, hi)),
        ):
            if slack <= 0:
                continue  # this side can never be violated
            row = dict(terms)
            const = 0.0
            # terms >= lo - slack * (sum of (1 - e))   /   terms <= hi + slack * (...)
            sign = 1.0 if side == "lo" else -1.0
            for e in enforced:
                const += self.literal(e, -sign * slack, row)
            shift = slack * len(enforced)
            if side == "lo":
                self.rows.append((bound - shift - const, float("inf"), row))
            else:
                self.rows.append((float("-inf"), bound + shift - const, row))


def bound_gap(bound: float, activity: float) -> float:
    if bound in (float("inf"), float("-inf")):
        return 0.0
    return max(0.0, bound - activity)


def translate(proto: Any) -> tuple[list[tuple[int, int]], _Rows, dict[int, float], float]:
    rows = _Rows(proto)
    for ct in proto.constraints:
        enforced = list(ct.enforcement_literal)
        if ct.has_linear():
            lin = ct.linear
            terms = {v: float(c) for v, c in zip(lin.vars, lin.coeffs, strict=True)}
            domain = list(lin.domain)
            lo = float(domain[0]) if domain[0] > -(2**62) else float("-inf")
            hi = float(domain[-1]) if domain[-1] < 2**62 else float("inf")
            rows.add(lo, hi, terms, enforced)
        elif ct.has_bool_or():
            terms: dict[int, float] = {}
            const = sum(rows.literal(lit, 1.0, terms) for lit in ct.bool_or.literals)
            rows.add(1.0 - const, float("inf"), terms, enforced)
        elif ct.has_bool_and():
            for lit in ct.bool_and.literals:
                terms = {}
                const = rows.literal(lit, 1.0, terms)
                rows.add(1.0 - const, float("inf"), terms, enforced)
        elif ct.has_at_most_one() or ct.has_exactly_one():
            lits = ct.at_most_one.literals if ct.has_at_most_one() else ct.exactly_one.literals
            terms = {}
            const = sum(rows.literal(lit, 1.0, terms) for lit in lits)
            lo = float("-inf") if ct.has_at_most_one() else 1.0 - const
            rows.add(lo, 1.0 - const, terms, enforced)
        elif ct.has_lin_max():
            # target >= each expression. Enough here: every max target in the week model
            # is a deviation the objective pushes down, so the optimum makes it tight.
            target = ct.lin_max.target
            for expr in ct.lin_max.exprs:
                terms = {v: float(c) for v, c in zip(target.vars, target.coeffs, strict=True)}
                for v, c in zip(expr.vars, expr.coeffs, strict=True):
                    terms[v] = terms.get(v, 0) - c
                rows.add(float(expr.offset - target.offset), float("inf"), terms, enforced)
        else:
            raise NotImplementedError(f"constraint kind not translated: {ct}")
    obj = proto.objective
    cost = {v: float(c) for v, c in zip(obj.vars, obj.coeffs, strict=True)}
    bounds = [_bounds(proto, i) for i in range(len(proto.variables))]
    return bounds, rows, cost, float(obj.offset)


def solve_mip(proto: Any, time_limit: float = 60.0, threads: int = 1) -> MipResult:
    import highspy

    bounds, rows, cost, offset = translate(proto)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", threads)
    # the objective is integral: proven means no better integer, as CP-SAT's optimum (the
    # default relative gap of 1e-4 would stop early on a weighted order's large values)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.999)
    inf = highspy.kHighsInf

    def clip(x: float) -> float:
        return inf if x == float("inf") else -inf if x == float("-inf") else x

    for i, (lo, hi) in enumerate(bounds):
        h.addCol(cost.get(i, 0.0), float(lo), float(hi), 0, [], [])
        h.changeColIntegrality(i, highspy.HighsVarType.kInteger)
    for lo, hi, terms in rows.rows:
        idx = list(terms)
        h.addRow(clip(lo), clip(hi), len(idx), idx, [terms[i] for i in idx])
    began = time.perf_counter()  # solve time only, as CP-SAT's wall_time is
    h.run()
    seconds = time.perf_counter() - began
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kOptimal:
        value = h.getInfo().objective_function_value + offset
        return MipResult("optimal", round(value), seconds)
    if status == highspy.HighsModelStatus.kInfeasible:
        return MipResult("infeasible", None, seconds)
    return MipResult(str(status), None, seconds)
