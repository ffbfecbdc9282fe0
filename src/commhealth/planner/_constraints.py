"""What a user can ask of a proposal: which days are free, how many activities a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from .._validators import optional_date
from ..errors import FieldError

__all__ = ["Constraints"]


def _weekdays(instance: object, attribute: attrs.Attribute[Any], value: frozenset[int]) -> None:
    bad = sorted(d for d in value if not 0 <= d <= 6)
    if bad:
        msg = f"'off_weekdays' holds weekday numbers, 0 (Monday) to 6 (Sunday) (got {bad[0]})"
        raise FieldError(attribute.name, msg)


def _optional_positive(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value < 1:
        msg = f"{attribute.name!r} must be at least 1 when given (got {value})"
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class Constraints:
    """The rules a proposal keeps.

    Every activity already in the schedule stays where it is; only new ones are proposed.

    Attributes:
        workdays_only: Propose activities on working days only: no weekends, no statutory
            holidays, and the adjusted working days (调休) allowed (the ``calendar`` extra).
        off_days: Days on which nothing may be proposed.
        off_weekdays: Weekdays on which nothing may be proposed, 0 (Monday) to 6 (Sunday).
        max_per_day: At most this many activities a day for one organiser, counting those
            already in the schedule.
        max_per_week: At most this many a Monday-to-Sunday week for one organiser.
        earliest: The first day a proposed activity may take; never before the day after
            ``as_of``.
        hours: How long each proposed activity is taken to last, for quotas on hours.
        participants: How many people each proposed activity is taken to draw, for quotas
            on participants.
    """

    workdays_only: bool = False
    off_days: frozenset[dt.date] = attrs.field(factory=frozenset, converter=frozenset)
    off_weekdays: frozenset[int] = attrs.field(
        factory=frozenset, converter=frozenset, validator=_weekdays
    )
    max_per_day: int | None = attrs.field(default=None, validator=_optional_positive)
    max_per_week: int | None = attrs.field(default=None, validator=_optional_positive)
    earliest: dt.date | None = attrs.field(default=None, validator=optional_date)
    hours: float = attrs.field(default=2.0, validator=attrs.validators.ge(0))
    participants: int = attrs.field(default=30, validator=attrs.validators.ge(0))
