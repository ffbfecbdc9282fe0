"""The errors commhealth raises for input it cannot understand.

A finding about a plan (a target missed) is never an exception: it is a value in a
:class:`~commhealth.Report`. Exceptions are for files and values that cannot be read.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "CalendarDataError",
    "CommhealthError",
    "FieldError",
    "LedgerError",
    "PlanError",
    "Problem",
]


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input, and where it is.

    Attributes:
        path: Where the problem is: a JSON-path such as ``$.requirements[2].bound.min``
            for a plan file, or ``row 7`` for a ledger row.
        message: What rule was broken, naming the value that broke it.
        line: The line in the source file, when known (syntax errors).
    """

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path} (line {self.line})"
        return f"{self.message} @ {where}"


class CommhealthError(Exception):
    """Base class of every error commhealth raises on purpose."""


class FieldError(CommhealthError, ValueError):
    """A value breaks a rule of the field that holds it (raised by the model's validators).

    Attributes:
        field: The field's name, relative to the object that holds it (``min``,
            ``bound.max``); loaders append it to the object's path.
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(message)


class _ProblemsError(CommhealthError):
    """An error that carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._render())

    def _render(self) -> str:
        head = f"{self.source}: " if self.source else ""
        n = len(self.problems)
        noun = "problem" if n == 1 else "problems"
        lines = [f"{head}{n} {noun}:"]
        lines.extend(f"  - {p}" for p in self.problems)
        return "\n".join(lines)


class PlanError(_ProblemsError, ValueError):
    """A plan (or a plan file) breaks one or more rules; ``problems`` lists them all."""


class LedgerError(_ProblemsError, ValueError):
    """Rows of an activity or observation ledger could not be read; ``problems`` lists them."""


class CalendarDataError(CommhealthError, LookupError):
    """The calendar data does not cover a date the plan needs (a year with no holiday data)."""
