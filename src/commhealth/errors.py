"""The errors commhealth raises for input it cannot understand.

A finding about a plan (a target missed) is never an exception: it is a value in a
:class:`~commhealth.Report`. Exceptions are for files and values that cannot be read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "CalendarDataError",
    "CommhealthError",
    "DraftError",
    "FieldError",
    "LedgerError",
    "NotFoundError",
    "ObservanceDataError",
    "PlanError",
    "Problem",
    "UnknownExampleError",
    "UnknownObservance",
    "UnknownRequirementError",
    "UnknownSchemeError",
    "UnknownStandardError",
    "UnknownTeamError",
    "UnknownWindowError",
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

    #: The language :meth:`render` tells the problems in by default (``en``).
    lang: str = "en"

    def render(self, lang: str | None = None) -> str:
        """The error's text in ``lang``: ``zh`` words each place and problem in Chinese,
        naming values as the ledger writes them."""
        if (lang or self.lang) != "zh":
            return str(self)
        from ._wording._ledger import error_zh  # noqa: PLC0415 - only when asked

        return error_zh(self.source, self.problems)


class ObservanceDataError(_ProblemsError, ValueError):
    """Observance tables (the package's data file or a plan's) could not be read.

    ``problems`` lists every problem with its path, such as ``$.observances[3].rule.day``.
    """


class CalendarDataError(CommhealthError, LookupError):
    """The calendar data does not cover a date the plan needs (a year with no holiday data)."""


class DraftError(CommhealthError, ValueError):
    """A plan's text cannot be drafted from: an unreadable document, no year, a missing extra."""


class NotFoundError(CommhealthError, KeyError):
    """A look-up by name found nothing: a requirement, team, window, standard or observance.

    Attributes:
        key: The name looked up.
        known: The names there are, when they are few enough to list.
        suggestions: Close matches among them.
    """

    #: What is looked up, in the message: "requirement", "standard" ...
    what = "entry"

    def __init__(
        self,
        key: str,
        where: str | None = None,
        known: Sequence[str] = (),
        *,
        suggestions: Iterable[str] = (),
    ) -> None:
        self.key = key
        self.where = where
        self.known = tuple(known)
        self.suggestions = tuple(suggestions)
        super().__init__(key)

    def __str__(self) -> str:
        # KeyError would quote the whole message; say it plainly instead.
        where = f" in {self.where}" if self.where else ""
        msg = f"no {self.what} {self.key!r}{where}"
        if self.known:
            msg += f"; known: {', '.join(self.known)}"
        elif self.suggestions:
            msg += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        return msg


class _NotInPlanError(NotFoundError):
    """A look-up in one plan found nothing; the message names the plan and lists the ids."""

    def __init__(self, key: str, plan: str, known: Sequence[str] = ()) -> None:
        super().__init__(key, f"plan {plan!r}", known)


class UnknownRequirementError(_NotInPlanError):
    """No requirement of the plan has that id."""

    what = "requirement"


class UnknownTeamError(_NotInPlanError):
    """The plan has no team of that id."""

    what = "team"


class UnknownWindowError(_NotInPlanError):
    """The plan names no window of that id."""

    what = "window"


class UnknownStandardError(NotFoundError):
    """No shipped standard has that id; the message lists those there are."""

    what = "standard"

    def __init__(self, key: str, known: Sequence[str] = ()) -> None:
        super().__init__(key, None, known)


class UnknownObservance(NotFoundError):  # noqa: N818 - named for what it reports, as KeyError is
    """No observance has this id, name or alias; the message lists close matches."""

    def __init__(self, key: str, suggestions: Iterable[str] = ()) -> None:
        super().__init__(key, suggestions=tuple(suggestions))

    def __str__(self) -> str:
        msg = f"no observance is called {self.key!r} (looked up by id, Chinese or English name, or alias)"
        if self.suggestions:
            msg += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        return msg


class UnknownExampleError(NotFoundError):
    """No shipped example has that name."""

    def __init__(self, key: str, known: Sequence[str] = ()) -> None:
        super().__init__(key, None, known)

    def __str__(self) -> str:
        return f"no example named {self.key!r}; choose one of {', '.join(self.known)}"


class UnknownSchemeError(NotFoundError):
    """No shipped scheme has that name."""

    def __init__(self, key: str, known: Sequence[str] = ()) -> None:
        super().__init__(key, None, known)

    def __str__(self) -> str:
        return f"no shipped scheme named {self.key!r}; choose one of {', '.join(self.known)}, or give a scheme file"
