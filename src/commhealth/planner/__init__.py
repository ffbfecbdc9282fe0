"""The planner: the fewest new activities that make a plan's targets met.

:func:`propose` checks a plan against what is held and planned, turns what is short into
a 0-1 covering program and solves it exactly with HiGHS (the ``planner`` extra, imported
only when a proposal is made). The result, a :class:`Proposal`, holds the activities to add
— data the user edits and feeds back as a ledger — and the targets that cannot be met.
"""

from ._constraints import Constraints
from ._proposal import Infeasible, Proposal, Shortfall
from ._propose import propose

__all__ = ["Constraints", "Infeasible", "Proposal", "Shortfall", "propose"]
