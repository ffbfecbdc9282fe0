"""Goals' invariants: rates within their unit's range, ratios of two different metrics."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from commhealth import Bound, Goal, RatioGoal

from .helpers import assert_refused, invalid_cases

INVALID: list[tuple[str, Callable[[], object], str]] = [
    (
        "rate-above-100-percent",
        lambda: Goal(id="g", metric="m", bound=Bound(min=120), unit="%"),
        "'bound.min' must be between 0 and 100 when the unit is '%' (got 120)",
    ),
    (
        "rate-above-1",
        lambda: Goal(id="g", metric="m", bound=Bound(max=1.5), unit="rate"),
        "'bound.max' must be between 0 and 1 when the unit is 'rate' (got 1.5)",
    ),
    (
        "ratio-same-metrics",
        lambda: RatioGoal(id="r", numerator="m", denominator="m", bound=Bound(min=1)),
        "'denominator' must differ from 'numerator' (both are 'm')",
    ),
]


class TestInvariants:
    @pytest.mark.parametrize(("make", "message"), invalid_cases(INVALID))
    def test_refused_with_message(self, make: Callable[[], object], message: str) -> None:
        """Each broken invariant raises a FieldError naming the field, the rule and the value."""
        assert_refused(make, message)
