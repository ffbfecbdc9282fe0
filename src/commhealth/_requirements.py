"""The requirement kinds that count activities: quotas, recurrences and deadlines.

Goals on measured figures live in :mod:`commhealth._goals`, the monthly theme calendar in
:mod:`commhealth._themes`. Every requirement has a plan-unique ``id``, a ``title`` (the
plan's own sentence, used in messages), a ``severity`` and an optional ``source`` (the
standard it came from).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Any

import attrs
from dateutil.rrule import rrulestr

from ._activities import ACTIVITY_FIELDS
from ._limits import MAX_FOR_EACH_VALUES, MAX_TOLERANCE_DAYS
from ._periods import Cadence
from ._rrules import rule_problem
from ._selection import Selector
from ._validators import at_most_items, between, is_date, optional_finite, unique
from .errors import FieldError

__all__ = [
    "Bound",
    "Deadline",
    "ForEach",
    "Measure",
    "Quota",
    "Recurrence",
    "Roll",
    "Severity",
]


class Severity(enum.Enum):
    """How much a failing requirement matters: an ``error`` fails the report, a ``warning`` not."""

    ERROR = "error"
    WARNING = "warning"


def _max_not_below_min(instance: Bound, attribute: attrs.Attribute[Any], value: Any) -> None:
    if instance.min is None and value is None:
        msg = "a bound needs 'min', 'max' or both (got neither)"
        raise FieldError(attribute.name, msg)
    if instance.min is not None and value is not None and value < instance.min:
        msg = f"'min' must not exceed 'max' (got min {instance.min:g}, max {value:g})"
        raise FieldError("min", msg)


@attrs.frozen(kw_only=True)
class Bound:
    """An inclusive range for a measured value: at least ``min``, at most ``max``.

    ``Bound(min=10)`` is "不少于10", ``Bound(min=30, max=40)`` is "30—40",
    ``Bound.exactly(1)`` is "exactly one".
    """

    min: float | None = attrs.field(default=None, validator=optional_finite)
    max: float | None = attrs.field(default=None, validator=[optional_finite, _max_not_below_min])

    @classmethod
    def exactly(cls, value: float) -> Bound:
        """A bound met only by ``value`` itself."""
        return cls(min=value, max=value)

    def contains(self, value: float) -> bool:
        """Whether ``value`` satisfies the bound."""
        if self.min is not None and value < self.min:
            return False
        return not (self.max is not None and value > self.max)

    def below(self, value: float) -> bool:
        """Whether ``value`` falls short of ``min``."""
        return self.min is not None and value < self.min

    def above(self, value: float) -> bool:
        """Whether ``value`` goes past ``max``."""
        return self.max is not None and value > self.max


class Measure(enum.Enum):
    """What a quota measures over the activities it selects."""

    COUNT = "count"
    DAYS = "days"
    HOURS = "hours"
    PARTICIPANTS = "participants"
    DISTINCT = "distinct"


def _activity_field(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value not in ACTIVITY_FIELDS:
        msg = (
            f"'{attribute.name}' must be an activity field (got {value!r}); "
            f"expected one of {', '.join(ACTIVITY_FIELDS)}"
        )
        raise FieldError(attribute.name, msg)


def _one_source_of_values(instance: ForEach, attribute: attrs.Attribute[Any], value: Any) -> None:
    given = [
        name
        for name, present in (
            ("values", bool(instance.values)),
            ("team", instance.team is not None),
            ("children", bool(value)),
        )
        if present
    ]
    if len(given) != 1:
        msg = (
            "a for-each rule needs exactly one of 'values', 'team' or 'children' "
            f"(got {', '.join(given) if given else 'none'})"
        )
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class ForEach:
    """Apply a quota once for each value of an activity field.

    The values are listed (``values``: the nine safety areas), or are the members of one of
    the plan's teams (``team``: each cadre), or the ids of the plan's child organisations
    (``children = true``: each community under a street office). An activity counts for a
    value when its ``field`` holds that value.
    """

    field: str = attrs.field(validator=_activity_field)
    values: tuple[str, ...] = attrs.field(default=(), validator=at_most_items(MAX_FOR_EACH_VALUES))
    team: str | None = None
    children: bool = attrs.field(default=False, validator=_one_source_of_values)


def _distinct_needs_of(instance: Quota, attribute: attrs.Attribute[Any], value: Any) -> None:
    if instance.measure is Measure.DISTINCT and value is None:
        msg = "'of' must name an activity field when the measure is 'distinct' (got none)"
        raise FieldError(attribute.name, msg)
    if instance.measure is not Measure.DISTINCT and value is not None:
        msg = f"'of' applies only to the 'distinct' measure (measure is {instance.measure.value!r})"
        raise FieldError(attribute.name, msg)
    _activity_field(instance, attribute, value)


@attrs.frozen(kw_only=True)
class Quota:
    """At least (or at most) so much activity per window: "全年健教活动不少于10次".

    The plan's span is cut into windows by ``per``; when ``within`` names some of the plan's
    named windows, only activities inside them count, and the quota is checked once for
    their union within each window of ``per``. With ``workdays_only``, activities on
    holidays and weekends do not count, and each gets a warning finding.
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    severity: Severity = Severity.ERROR
    source: str | None = None
    select: Selector = attrs.field(factory=Selector)
    measure: Measure = Measure.COUNT
    of: str | None = attrs.field(default=None, validator=_distinct_needs_of)
    bound: Bound
    per: Cadence = Cadence.YEAR
    within: tuple[str, ...] = attrs.field(default=(), validator=unique())
    for_each: ForEach | None = None
    workdays_only: bool = False


class Roll(enum.Enum):
    """What to do with an occurrence that falls on a holiday or a weekend."""

    NONE = "none"
    NEXT = "next"
    PREVIOUS = "previous"


_ZONED = re.compile(r"TZID=|\d{8}T\d{6}Z", re.IGNORECASE)


def _parses_as_rrule(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if _ZONED.search(value):
        msg = (
            f"'rule' must not name a time zone (got {value!r}); plans work in local dates, "
            "so write DTSTART:20220101 or UNTIL=20221231 without TZID or a trailing Z"
        )
        raise FieldError(attribute.name, msg)
    problem = rule_problem(value)
    if problem is not None:
        raise FieldError(attribute.name, f"'rule' {problem}")
    try:
        rrulestr(value, dtstart=dt.datetime(2000, 1, 1), forceset=True)
    except (ValueError, TypeError, OverflowError) as e:
        msg = f"'rule' must be an RFC 5545 RRULE such as 'FREQ=MONTHLY;BYMONTHDAY=10' (got {value!r}: {e})"
        raise FieldError(attribute.name, msg) from None


@attrs.frozen(kw_only=True)
class Recurrence:
    """Something that happens on a rule: "每月10日的通讯员例会".

    ``rule`` is an RFC 5545 RRULE (``FREQ=MONTHLY;BYMONTHDAY=10``) whose occurrences are
    taken inside the plan's span. Each occurrence must be matched by its own activity dated
    within ``tolerance`` days of it. With ``roll``, an occurrence on a holiday or a weekend
    moves to the next (or previous) working day first.
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    severity: Severity = Severity.ERROR
    source: str | None = None
    select: Selector = attrs.field(factory=Selector)
    rule: str = attrs.field(validator=_parses_as_rrule)
    tolerance: int = attrs.field(default=0, validator=between(0, MAX_TOLERANCE_DAYS))
    roll: Roll = Roll.NONE
    workdays_only: bool = False


def _milestone_or_metric(instance: Deadline, attribute: attrs.Attribute[Any], value: Any) -> None:
    has_select = instance.select is not None
    has_metric = instance.metric is not None
    if has_select == has_metric:
        msg = (
            "a deadline needs either 'select' (a milestone activity) or 'metric' with "
            f"'bound' (a measured figure), not {'both' if has_select else 'neither'}"
        )
        raise FieldError(attribute.name, msg)
    if has_metric and value is None:
        msg = "'bound' is required when a deadline names a 'metric'"
        raise FieldError(attribute.name, msg)
    if has_select and value is not None:
        msg = "'bound' applies only to a deadline on a 'metric'"
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class Deadline:
    """Something done by a date: a milestone activity, or a metric reaching a bound.

    "六月底前完成六十岁以上老年人健康档案" is ``Deadline(select=..., due=date(2022, 6, 30))``,
    or, measured, ``Deadline(metric="elderly-records-coverage", bound=Bound(min=100), ...)``.
    ``due`` is the last day on which it still counts as on time.
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    severity: Severity = Severity.ERROR
    source: str | None = None
    due: dt.date = attrs.field(validator=is_date)
    select: Selector | None = None
    metric: str | None = None
    bound: Bound | None = attrs.field(default=None, validator=_milestone_or_metric)
    unit: str | None = None
