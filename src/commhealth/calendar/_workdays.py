"""Statutory holidays and working days, with the adjusted weekends (调休) of China's calendar.

The State Council announces each year's holidays late in the year before, moving some
weekend days into working days to lengthen the breaks (2025-09-28, a Sunday, was a working
day so that 1-8 October could be one holiday). The ``chinesecalendar`` package carries those
announcements; a plan declares what it needs beyond them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from ..errors import CalendarDataError, FieldError
from ._extras import chinese_calendar

__all__ = ["WorkCalendar"]

_ONE_DAY = dt.timedelta(days=1)
_DECLARE = (
    "declare the year's holidays and working days in the plan file "
    "(holidays = [...], workdays = [...])"
)


def _dates(value: Iterable[dt.date]) -> frozenset[dt.date]:
    return frozenset(value)


def _disjoint(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    both = sorted(instance.holidays & value)
    if both:
        days = ", ".join(d.isoformat() for d in both)
        msg = f"a date cannot be both a holiday and a working day (got {days} in both)"
        raise FieldError(attribute.name, msg)


@functools.cache
def _package_range() -> tuple[int, int]:
    """The first and last years the installed ``chinesecalendar`` has data for."""
    cc = chinese_calendar()
    years = [d.year for d in cc.holidays]
    return min(years), max(years)


@attrs.frozen(kw_only=True)
class WorkCalendar:
    """Which days are statutory holidays and which are working days.

    A plan's own ``holidays`` and ``workdays`` come first: a local holiday, or a correction.
    Other dates are decided by the ``chinesecalendar`` package. For a year that package does
    not cover, the plan must declare the year (list at least one of its dates in
    ``holidays`` or ``workdays``); its other dates are then decided by the weekday, Monday
    to Friday being working days.
    """

    holidays: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_dates)
    workdays: frozenset[dt.date] = attrs.field(
        default=frozenset(), converter=_dates, validator=_disjoint
    )

    @property
    def declared_years(self) -> frozenset[int]:
        """The years the plan declares, by listing one of their dates."""
        return frozenset(d.year for d in self.holidays | self.workdays)

    def covers(self, year: int) -> bool:
        """Whether every date of ``year`` can be decided (from the package or the plan).

        Raises:
            CalendarDataError: ``chinesecalendar`` is not installed.
        """
        first, last = _package_range()
        return first <= year <= last or year in self.declared_years

    def is_holiday(self, day: dt.date) -> bool:
        """Whether ``day`` is a statutory holiday, or a day off of a holiday's 调休 block.

        Ordinary weekends are not holidays; 2025-10-08 (Wednesday, National Day break) is.

        Raises:
            CalendarDataError: No data covers ``day``'s year (the message says what to do),
                or ``chinesecalendar`` is not installed.
        """
        if day in self.holidays:
            return True
        if day in self.workdays:
            return False
        detail = self._package(day, "get_holiday_detail")
        if detail is None:
            return False
        on_holiday, name = detail
        return bool(on_holiday) and name is not None

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day: a weekday that is no holiday, or an adjusted weekend.

        2025-09-28 and 2025-10-11 (weekend days worked in exchange for the October break)
        are working days.

        Raises:
            CalendarDataError: No data covers ``day``'s year (the message says what to do),
                or ``chinesecalendar`` is not installed.
        """
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        worked = self._package(day, "is_workday")
        if worked is None:
            return day.weekday() < 5
        return bool(worked)

    def roll(self, day: dt.date, direction: Literal["next", "previous"] = "next") -> dt.date:
        """The nearest working day on or after (``"next"``) or on or before (``"previous"``) ``day``.

        Raises:
            ValueError: ``direction`` is neither ``"next"`` nor ``"previous"``.
            CalendarDataError: The search reaches a year no data covers.
        """
        if direction not in ("next", "previous"):
            msg = f"'direction' must be 'next' or 'previous' (got {direction!r})"
            raise ValueError(msg)
        step = _ONE_DAY if direction == "next" else -_ONE_DAY
        while not self.is_workday(day):
            day += step
        return day

    def _package(self, day: dt.date, function: str) -> Any:
        """Ask ``chinesecalendar``; ``None`` when it does not cover a year the plan declared."""
        cc = chinese_calendar()
        try:
            return getattr(cc, function)(day)
        except NotImplementedError:
            # chinesecalendar's way of saying it has no data for the year.
            if day.year in self.declared_years:
                return None
            raise CalendarDataError(_no_data(day.year)) from None


def _no_data(year: int) -> str:
    first, _ = _package_range()
    if year < first:
        return (
            f"no statutory holiday data for {year}: the chinesecalendar package starts in "
            f"{first}, so {_DECLARE}"
        )
    return (
        f"no statutory holiday data for {year}: upgrade the chinesecalendar package "
        f"(pip install -U chinesecalendar) once it covers {year}, or {_DECLARE}"
    )
