"""Requirements' invariants: bounds, quotas, for-each rules, recurrences and deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from commhealth import (
    Bound,
    Deadline,
    ForEach,
    Measure,
    Quota,
    Recurrence,
    Selector,
)

from .helpers import assert_refused, invalid_cases

D = dt.date

INVALID: list[tuple[str, Callable[[], object], str]] = [
    (
        "bound-min-above-max",
        lambda: Bound(min=5, max=2),
        "'min' must not exceed 'max' (got min 5, max 2)",
    ),
    ("bound-empty", Bound, "a bound needs 'min', 'max' or both (got neither)"),
    ("bound-nan", lambda: Bound(min=float("nan")), "'min' must be a finite number (got nan)"),
    (
        "rrule-garbage",
        lambda: Recurrence(id="r", rule="FREQ=SOMETIMES"),
        "'rule' must be an RFC 5545 RRULE such as 'FREQ=MONTHLY;BYMONTHDAY=10' (got 'FREQ=SOMETIMES': invalid 'FREQ': SOMETIMES)",
    ),
    (
        "distinct-without-of",
        lambda: Quota(id="q", measure=Measure.DISTINCT, bound=Bound(min=1)),
        "'of' must name an activity field when the measure is 'distinct' (got none)",
    ),
    (
        "of-without-distinct",
        lambda: Quota(id="q", of="topics", bound=Bound(min=1)),
        "'of' applies only to the 'distinct' measure (measure is 'count')",
    ),
    (
        "of-unknown-field",
        lambda: Quota(id="q", measure=Measure.DISTINCT, of="colour", bound=Bound(min=1)),
        "'of' must be an activity field (got 'colour'); expected one of audience, kind, location, observance, organiser, people, tags, title, topics",
    ),
    (
        "for-each-two-sources",
        lambda: ForEach(field="people", values=("a",), team="t"),
        "a for-each rule needs exactly one of 'values', 'team' or 'children' (got values, team)",
    ),
    (
        "for-each-no-source",
        lambda: ForEach(field="people"),
        "a for-each rule needs exactly one of 'values', 'team' or 'children' (got none)",
    ),
    (
        "deadline-both",
        lambda: Deadline(
            id="d", due=D(2022, 6, 30), select=Selector(), metric="m", bound=Bound(min=1)
        ),
        "a deadline needs either 'select' (a milestone activity) or 'metric' with 'bound' (a measured figure), not both",
    ),
    (
        "deadline-metric-without-bound",
        lambda: Deadline(id="d", due=D(2022, 6, 30), metric="m"),
        "'bound' is required when a deadline names a 'metric'",
    ),
    (
        "rrule-time-zone",
        lambda: Recurrence(
            id="r", rule="DTSTART;TZID=Asia/Shanghai:20220101T090000\nRRULE:FREQ=WEEKLY"
        ),
        "'rule' must not name a time zone (got 'DTSTART;TZID=Asia/Shanghai:20220101T090000\\nRRULE:FREQ=WEEKLY'); plans work in local dates, so write DTSTART:20220101 or UNTIL=20221231 without TZID or a trailing Z",
    ),
]


class TestInvariants:
    @pytest.mark.parametrize(("make", "message"), invalid_cases(INVALID))
    def test_refused_with_message(self, make: Callable[[], object], message: str) -> None:
        """Each broken invariant raises a FieldError naming the field, the rule and the value."""
        assert_refused(make, message)

    def test_field_error_is_a_value_error(self) -> None:
        """FieldError can be caught as the builtin ValueError."""
        with pytest.raises(ValueError, match="min"):
            Bound(min=2, max=1)
