"""The check engine: one index of the schedule, one evaluator per requirement kind."""

from ._check import check

__all__ = ["check"]
