"""Theme calendars' invariants: months in 1..12, each listed once."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from commhealth import MonthlyTheme, ThemeCalendar

from .helpers import assert_refused, invalid_cases

INVALID: list[tuple[str, Callable[[], object], str]] = [
    ("theme-month-13", lambda: MonthlyTheme(month=13), "'month' must be between 1 and 12 (got 13)"),
    ("theme-month-0", lambda: MonthlyTheme(month=0), "'month' must be between 1 and 12 (got 0)"),
    (
        "theme-month-twice",
        lambda: ThemeCalendar(months=(MonthlyTheme(month=3), MonthlyTheme(month=3))),
        "'months' lists month 3 twice",
    ),
]


class TestInvariants:
    @pytest.mark.parametrize(("make", "message"), invalid_cases(INVALID))
    def test_refused_with_message(self, make: Callable[[], object], message: str) -> None:
        """Each broken invariant raises a FieldError naming the field, the rule and the value."""
        assert_refused(make, message)
