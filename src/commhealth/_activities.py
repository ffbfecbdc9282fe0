"""Activities: the dated events of a schedule (a community's 台账)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ._limits import MAX_HOURS, MAX_PARTICIPANTS
from ._validators import (
    frozen_strs,
    is_date,
    optional_at_most,
    optional_date,
    optional_not_negative,
)
from .errors import FieldError

__all__ = ["ACTIVITY_FIELDS", "Activity", "ActivityStatus"]


class ActivityStatus(enum.Enum):
    """Where an activity stands: planned, done, or cancelled (never counts)."""

    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


def _extras(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """A ledger's extra columns as sorted (header, text) pairs, from a mapping or pairs."""
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), str(v)) for k, v in pairs))


def _end_not_before_date(instance: Activity, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and isinstance(value, dt.date) and value < instance.date:
        msg = (
            f"'end' must not be before 'date' (got date {instance.date.isoformat()}, "
            f"end {value.isoformat()}); 'end' is the last day, included"
        )
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class Activity:
    """One dated event in a schedule.

    An activity belongs to the window that holds its ``date`` (its first day). ``end`` is
    its last day, included, for events that last several days (a three-day training); the
    ``days`` measure counts them. ``hours`` is its length in hours, when the ledger says.
    ``people`` names the individuals involved (the cadre who had a talk); ``participants``
    is a head count. ``notes`` is the ledger's remark (备注); ``extras`` keeps the columns
    of a ledger that no field reads (负责人, 联系电话, 经费…) as (header, text) pairs, read
    back with :meth:`extra`.
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    date: dt.date = attrs.field(validator=is_date)
    title: str = ""
    kind: str = ""
    end: dt.date | None = attrs.field(default=None, validator=[optional_date, _end_not_before_date])
    hours: float | None = attrs.field(
        default=None, validator=[optional_not_negative, optional_at_most(MAX_HOURS)]
    )
    topics: frozenset[str] = attrs.field(factory=frozenset, converter=frozen_strs)
    tags: frozenset[str] = attrs.field(factory=frozenset, converter=frozen_strs)
    audience: frozenset[str] = attrs.field(factory=frozenset, converter=frozen_strs)
    participants: int | None = attrs.field(
        default=None, validator=[optional_not_negative, optional_at_most(MAX_PARTICIPANTS)]
    )
    people: frozenset[str] = attrs.field(factory=frozenset, converter=frozen_strs)
    organiser: str | None = None
    location: str | None = None
    observance: str | None = None
    status: ActivityStatus = ActivityStatus.DONE
    notes: str | None = None
    extras: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_extras)

    @property
    def days(self) -> int:
        """How many days the activity lasts (1 unless it has an ``end``)."""
        return 1 if self.end is None else (self.end - self.date).days + 1

    @property
    def counts(self) -> bool:
        """Whether the activity can count toward a target (it is not cancelled)."""
        return self.status is not ActivityStatus.CANCELLED

    def extra(self, name: str) -> str | None:
        """The text of the ledger's extra column ``name`` (负责人, 联系电话…), if it has one."""
        return next((v for k, v in self.extras if k == name), None)

    def values(self, field: str) -> frozenset[str]:
        """The values of a field as a set, for *distinct* measures and *for each* rules.

        Raises:
            FieldError: ``field`` is not one of :data:`ACTIVITY_FIELDS`.
        """
        if field not in ACTIVITY_FIELDS:
            msg = f"not an activity field: {field!r}; expected one of {', '.join(ACTIVITY_FIELDS)}"
            raise FieldError("field", msg)
        value = getattr(self, field)
        if value is None:
            return frozenset()
        if isinstance(value, frozenset):
            return value
        return frozenset((str(value),))


#: Fields whose values a *distinct* measure or a *for each* rule can use.
ACTIVITY_FIELDS = (
    "audience",
    "kind",
    "location",
    "observance",
    "organiser",
    "people",
    "tags",
    "title",
    "topics",
)
