"""The check engine: one index of the schedule, one evaluator per requirement kind."""

from ._check import check
from ._conformance import check_conformance

__all__ = ["check", "check_conformance"]
