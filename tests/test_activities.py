"""Activities: their invariants, their length in days and their field values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from commhealth import Activity

from .helpers import assert_refused, invalid_cases

D = dt.date

INVALID: list[tuple[str, Callable[[], object], str]] = [
    (
        "activity-end-before-date",
        lambda: Activity(id="a", date=D(2022, 3, 2), end=D(2022, 3, 1)),
        "'end' must not be before 'date' (got date 2022-03-02, end 2022-03-01); 'end' is the last day, included",
    ),
]


class TestInvariants:
    @pytest.mark.parametrize(("make", "message"), invalid_cases(INVALID))
    def test_refused_with_message(self, make: Callable[[], object], message: str) -> None:
        """Each broken invariant raises a FieldError naming the field, the rule and the value."""
        assert_refused(make, message)


class TestActivity:
    def test_days(self) -> None:
        """An activity lasts one day, or from its date to its end inclusive."""
        assert 1 == Activity(id="a", date=D(2022, 1, 1)).days
        assert 3 == Activity(id="a", date=D(2022, 1, 1), end=D(2022, 1, 3)).days

    def test_values(self) -> None:
        """values() gives a field's values as a set, for distinct and for-each rules."""
        a = Activity(id="a", date=D(2022, 1, 1), location="hall", people={"wang"})
        assert frozenset({"hall"}) == a.values("location")
        assert frozenset({"wang"}) == a.values("people")
        assert frozenset() == a.values("observance")
        with pytest.raises(ValueError, match="not an activity field: 'colour'"):
            a.values("colour")
