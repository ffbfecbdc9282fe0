"""Spans of dates: windows, the cadences that cut a plan's span into them, named windows."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from ._validators import is_date
from .errors import FieldError

__all__ = ["Cadence", "NamedWindow", "Window"]

_ONE_DAY = dt.timedelta(days=1)


def _date(year: int, month: int, day: int = 1) -> dt.date:
    """``date(year, month, day)``, or a FieldError naming the years a date can have."""
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        msg = f"'year' must be between {dt.MINYEAR} and {dt.MAXYEAR} (got {year})"
        raise FieldError("year", msg)
    return dt.date(year, month, day)


def _shift(day: dt.date, step: relativedelta | dt.timedelta) -> dt.date:
    """``day + step``, or a FieldError when that leaves the years a date can have."""
    try:
        moved: dt.date = day + step
    except (OverflowError, ValueError):
        msg = f"a window from {day.isoformat()} would end after {dt.date.max.isoformat()}, the last day a date can have"
        raise FieldError("end", msg) from None
    return moved


def _start_before_end(instance: Window, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value <= instance.start:
        msg = (
            f"'end' must be after 'start' (got start {instance.start.isoformat()}, "
            f"end {value.isoformat()}); a window is half-open, [start, end)"
        )
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True, order=True)
class Window:
    """A half-open span of dates, ``[start, end)``: ``end`` is the first day *after* it.

    Build one with a named constructor: ``Window.month(2022, 7)`` is July 2022,
    ``Window.days(date(2022, 1, 15), date(2022, 2, 20))`` is an inclusive range of days.
    """

    start: dt.date = attrs.field(validator=is_date)
    end: dt.date = attrs.field(validator=[is_date, _start_before_end])

    @classmethod
    def year(cls, year: int) -> Window:
        """The calendar year ``year``."""
        return cls(start=_date(year, 1, 1), end=_shift(_date(year, 1, 1), relativedelta(years=1)))

    @classmethod
    def half_year(cls, year: int, half: int) -> Window:
        """The first (``half=1``) or second (``half=2``) half of ``year``."""
        if half not in (1, 2):
            msg = f"'half' must be 1 or 2 (got {half})"
            raise FieldError("half", msg)
        start = _date(year, 1 + 6 * (half - 1))
        return cls(start=start, end=_shift(start, relativedelta(months=6)))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Window:
        """Quarter ``quarter`` (1 to 4) of ``year``."""
        if not 1 <= quarter <= 4:
            msg = f"'quarter' must be between 1 and 4 (got {quarter})"
            raise FieldError("quarter", msg)
        start = _date(year, 1 + 3 * (quarter - 1))
        return cls(start=start, end=_shift(start, relativedelta(months=3)))

    @classmethod
    def month(cls, year: int, month: int) -> Window:
        """Month ``month`` (1 to 12) of ``year``."""
        if not 1 <= month <= 12:
            msg = f"'month' must be between 1 and 12 (got {month})"
            raise FieldError("month", msg)
        start = _date(year, month)
        return cls(start=start, end=_shift(start, relativedelta(months=1)))

    @classmethod
    def week(cls, day: dt.date) -> Window:
        """The Monday-to-Sunday week that contains ``day``."""
        start = day - dt.timedelta(days=day.weekday())  # 0001-01-01 was a Monday
        return cls(start=start, end=_shift(start, dt.timedelta(days=7)))

    @classmethod
    def day(cls, day: dt.date) -> Window:
        """The single day ``day``."""
        return cls(start=day, end=_shift(day, _ONE_DAY))

    @classmethod
    def days(cls, first: dt.date, last: dt.date) -> Window:
        """The days from ``first`` to ``last``, both included."""
        return cls(start=first, end=_shift(last, _ONE_DAY))

    @property
    def last(self) -> dt.date:
        """The last day inside the window."""
        return self.end - _ONE_DAY

    def __len__(self) -> int:
        """The number of days in the window."""
        return (self.end - self.start).days

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day < self.end

    def covers(self, other: Window) -> bool:
        """Whether ``other`` lies wholly inside this window."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Window) -> bool:
        """Whether the two windows share at least one day."""
        return self.start < other.end and other.start < self.end

    def intersection(self, other: Window) -> Window | None:
        """The days both windows share, or ``None`` when they share none."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Window(start=start, end=end) if start < end else None

    def __str__(self) -> str:
        """The window by its first and *last* day, both included: ``2022-07-01..2022-07-31``
        for July, whose ``end`` (in JSON too) is ``2022-08-01``."""
        return f"{self.start.isoformat()}..{self.last.isoformat()}"


@attrs.frozen(kw_only=True)
class NamedWindow:
    """A span a plan names itself, such as the winter school holiday (寒假).

    School holidays differ by city and year, so a plan states them rather than the library
    guessing. ``start`` is the first day and ``end`` the day after the last (half-open).
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    start: dt.date = attrs.field(validator=is_date)
    end: dt.date = attrs.field(validator=[is_date, _start_before_end])
    title: str | None = None

    @property
    def window(self) -> Window:
        """The span as a :class:`Window`."""
        return Window(start=self.start, end=self.end)


_CADENCE_WORDS = {
    "year": "year",
    "years": "year",
    "yearly": "year",
    "annually": "year",
    "half-year": "half_year",
    "half_year": "half_year",
    "half-yearly": "half_year",
    "half year": "half_year",
    "quarter": "quarter",
    "quarters": "quarter",
    "quarterly": "quarter",
    "month": "month",
    "months": "month",
    "monthly": "month",
    "week": "week",
    "weeks": "week",
    "weekly": "week",
    "每年": "year",
    "每半年": "half_year",
    "每季": "quarter",
    "每季度": "quarter",
    "每两月": "two_months",
    "每两个月": "two_months",
    "每月": "month",
    "每周": "week",
}


class Cadence(enum.Enum):
    """How a span is cut into windows: per year, half-year, quarter, two months, month, week.

    Windows follow the calendar (months start on the 1st, weeks on Monday, half-years on
    1 January and 1 July) and are clipped to the span, so they tile it with no gap and no
    overlap even when the span does not start on a boundary.
    """

    YEAR = "year"
    HALF_YEAR = "half_year"
    QUARTER = "quarter"
    TWO_MONTHS = "two_months"
    MONTH = "month"
    WEEK = "week"

    @classmethod
    def parse(cls, text: str) -> Cadence:
        """Read a cadence from words: ``"month"``, ``"every 2 months"``, ``"quarterly"``, ``"每月"``.

        Raises:
            FieldError: The text names no cadence; the message lists the accepted words.
        """
        key = text.strip().lower()
        m = re.fullmatch(r"(?:every|per)\s+(?:([0-9]+)\s+)?(.+)", key)
        if m:
            count, unit = int(m.group(1) or 1), m.group(2)
            unit = _CADENCE_WORDS.get(unit, unit)
            if count == 2 and unit == "month":
                return cls.TWO_MONTHS
            if count == 6 and unit == "month":
                return cls.HALF_YEAR
            if count == 3 and unit == "month":
                return cls.QUARTER
            if count == 1:
                key = unit
        key = _CADENCE_WORDS.get(key, key)
        try:
            return cls(key)
        except ValueError:
            choices = ", ".join(c.value for c in cls)
            msg = f"not a cadence: {text!r}; expected one of {choices} or 'every 2 months'"
            raise FieldError("cadence", msg) from None

    def _anchor(self, day: dt.date) -> dt.date:
        """The start of the calendar period of this cadence that contains ``day``."""
        if self is Cadence.WEEK:
            return day - dt.timedelta(days=day.weekday())
        months = self._months()
        month0 = (day.month - 1) // months * months
        return dt.date(day.year, month0 + 1, 1)

    def _months(self) -> int:
        return {
            Cadence.YEAR: 12,
            Cadence.HALF_YEAR: 6,
            Cadence.QUARTER: 3,
            Cadence.TWO_MONTHS: 2,
            Cadence.MONTH: 1,
        }[self]

    def _step(self) -> relativedelta:
        if self is Cadence.WEEK:
            return relativedelta(weeks=1)
        return relativedelta(months=self._months())

    def iter_windows(self, span: Window) -> Iterator[Window]:
        """Yield the windows of this cadence that tile ``span``, in order."""
        step = self._step()
        start = self._anchor(span.start)
        while start < span.end:
            try:
                end = start + step
            except (OverflowError, ValueError):  # a span that ends on the last day there is
                end = span.end
            yield Window(start=max(start, span.start), end=min(end, span.end))
            start = end

    def count(self, span: Window) -> int:
        """How many windows of this cadence tile ``span``, without making them."""
        first, last = self._anchor(span.start), self._anchor(span.last)
        if self is Cadence.WEEK:
            return (last - first).days // 7 + 1
        months = (last.year - first.year) * 12 + last.month - first.month
        return months // self._months() + 1

    def windows(self, span: Window) -> tuple[Window, ...]:
        """The windows of this cadence that tile ``span``, in order."""
        return tuple(self.iter_windows(span))
