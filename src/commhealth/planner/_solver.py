"""The solver behind the planner: a 0-1 program, solved exactly, objective by objective.

The planner speaks to it through :class:`Program` and :func:`solve` only, so that another
exact solver can take HiGHS's place behind the same two names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

__all__ = ["Program", "SolverError", "solve"]

_INF = math.inf


class SolverError(RuntimeError):
    """The solver stopped without an optimal answer (it should not, on a covering program)."""


@attrs.define
class Program:
    """Integer variables between bounds, and rows ``lower <= sum(value * x) <= upper``.

    Objectives are minimised in turn: each later one only among the optima of those before.
    """

    upper: list[float] = attrs.field(factory=list)
    rows: list[tuple[list[int], list[float], float, float]] = attrs.field(factory=list)

    def variable(self, upper: float = 1.0) -> int:
        """A new integer variable from 0 to ``upper``; its index."""
        self.upper.append(upper)
        return len(self.upper) - 1

    def row(self, terms: dict[int, float], lower: float = -_INF, upper: float = _INF) -> None:
        """Add the row ``lower <= sum(value * x[index]) <= upper``."""
        indices = sorted(terms)
        self.rows.append((indices, [terms[i] for i in indices], lower, upper))


def solve(program: Program, objectives: Sequence[dict[int, float]]) -> list[float]:
    """The values of the variables at the lexicographic optimum of ``objectives``.

    Raises:
        ImportError: ``highspy`` is not installed; the message names the extra that brings it.
        SolverError: The program has no solution (the planner gives it slack so that it
            always has one).
    """
    try:
        import highspy  # noqa: PLC0415 - an optional extra, imported only to plan
        import numpy as np  # noqa: PLC0415 - comes with highspy
    except ImportError:
        msg = 'proposing activities needs HiGHS: pip install "commhealth[planner]"'
        raise ImportError(msg) from None

    n = len(program.upper)
    if n == 0:
        return []
    # The bare solver class: highspy.Highs() sets up callbacks, which print HiGHS's banner
    # before the output flag can be turned off.
    h = highspy._Highs()  # type: ignore[attr-defined]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    inf = highspy.kHighsInf
    h.addVars(n, np.zeros(n), np.array(program.upper, dtype=float))
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
    )
    rows = program.rows
    if rows:
        starts = np.zeros(len(rows), dtype=np.int32)
        index: list[int] = []
        value: list[float] = []
        for k, (ix, vs, _, _) in enumerate(rows):
            starts[k] = len(index)
            index += ix
            value += vs
        h.addRows(
            len(rows),
            np.array([max(r[2], -inf) for r in rows], dtype=float),
            np.array([min(r[3], inf) for r in rows], dtype=float),
            len(index),
            starts,
            np.array(index, dtype=np.int32),
            np.array(value, dtype=float),
        )
    solution: list[float] = [0.0] * n
    for k, objective in enumerate(objectives):
        cost = np.zeros(n)
        for i, c in objective.items():
            cost[i] = c
        h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
        h.run()
        status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            msg = f"the solver stopped with status {h.modelStatusToString(status)}"
            raise SolverError(msg)
        solution = list(h.getSolution().col_value)
        if k + 1 < len(objectives) and objective:
            best = sum(c * solution[i] for i, c in objective.items())
            cols = sorted(objective)
            h.addRow(
                -inf, best + 1e-6 + 1e-9 * abs(best), len(cols), np.array(cols, dtype=np.int32),
                np.array([objective[i] for i in cols], dtype=float),
            )  # fmt: skip
    return solution
