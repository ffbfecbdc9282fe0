"""How an observance's date is found each year: the five rule kinds.

Every rule answers one question, :meth:`occurrence_windows`: the spans the observance
covers that *start* in a given solar year. A span that starts on 28 December and runs into
January belongs to the year it starts in. Each rule kind has a class-level ``kind`` tag
("fixed", "nth_weekday", "month", "lunar", "announced"), the ``kind`` key of the rule in a
data file.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Literal, TypeAlias

import attrs

from .._periods import Window
from .._validators import is_date
from ..errors import FieldError
from ._extras import lunar_python

__all__ = [
    "RULE_KINDS",
    "WEEKDAYS",
    "Announced",
    "AnnouncedSpan",
    "FixedDate",
    "LunarDate",
    "NthWeekday",
    "Rule",
    "WholeMonth",
]

#: Weekday names in the order of :meth:`datetime.date.weekday`: 0 is Monday, 6 is Sunday.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_ONE_DAY = dt.timedelta(days=1)


def _month(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not 1 <= value <= 12:
        msg = f"'{attribute.name}' must be between 1 and 12 (got {value})"
        raise FieldError(attribute.name, msg)


def _day_of_month(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    # Leap-year bound: 29 February is a valid rule that occurs in leap years only.
    last = calendar.monthrange(2000, instance.month)[1]
    if not 1 <= value <= last:
        msg = f"'day' must be between 1 and {last} for month {instance.month} (got {value})"
        raise FieldError(attribute.name, msg)


def _lunar_day(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not 1 <= value <= 30:
        msg = f"'day' must be between 1 and 30 for a lunar month (got {value})"
        raise FieldError(attribute.name, msg)


def _weekday(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not 0 <= value <= 6:
        msg = f"'weekday' must be between 0 (Monday) and 6 (Sunday) (got {value})"
        raise FieldError(attribute.name, msg)


def _nth(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in (1, 2, 3, 4, 5, -1):
        msg = f"'n' must be 1, 2, 3, 4, 5, or -1 for the last (got {value})"
        raise FieldError(attribute.name, msg)


def _days(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not 1 <= value <= 366:
        msg = f"'days' must be between 1 and 366 (got {value})"
        raise FieldError(attribute.name, msg)


def _span(first: dt.date, days: int) -> Window:
    return Window(start=first, end=first + dt.timedelta(days=days))


@attrs.frozen(kw_only=True)
class FixedDate:
    """The same day every year, such as 24 March; ``days`` > 1 makes a span from that day.

    A rule for 29 February is valid and occurs in leap years only.
    """

    kind: ClassVar[Literal["fixed"]] = "fixed"

    month: int = attrs.field(validator=_month)
    day: int = attrs.field(validator=_day_of_month)
    days: int = attrs.field(default=1, validator=_days)

    def occurrence_windows(self, year: int) -> tuple[Window, ...]:
        """The span that starts in ``year``: one, or none for 29 February in a common year."""
        if not calendar.isleap(year) and (self.month, self.day) == (2, 29):
            return ()
        return (_span(dt.date(year, self.month, self.day), self.days),)

    def occurrence_window(self, year: int) -> Window | None:
        """The first span that starts in ``year``, or ``None`` when none does."""
        return _first(self.occurrence_windows(year))


@attrs.frozen(kw_only=True)
class NthWeekday:
    """The ``n``-th given weekday of a month, or the last when ``n`` is -1.

    ``weekday`` counts from 0 (Monday) to 6 (Sunday), as :meth:`datetime.date.weekday` does:
    the third Sunday of May is ``NthWeekday(month=5, weekday=6, n=3)``. A month without a
    fifth such weekday has no occurrence that year.
    """

    kind: ClassVar[Literal["nth_weekday"]] = "nth_weekday"

    month: int = attrs.field(validator=_month)
    # Files may give the weekday by name; the converter and the JSON Schema read "names".
    weekday: int = attrs.field(validator=_weekday, metadata={"names": WEEKDAYS})
    n: int = attrs.field(validator=_nth)
    days: int = attrs.field(default=1, validator=_days)

    def occurrence_windows(self, year: int) -> tuple[Window, ...]:
        """The span that starts in ``year``: one, or none when the month has no such day."""
        length = calendar.monthrange(year, self.month)[1]
        if self.n == -1:
            last = dt.date(year, self.month, length)
            first = last - dt.timedelta(days=(last.weekday() - self.weekday) % 7)
        else:
            start = dt.date(year, self.month, 1)
            offset = (self.weekday - start.weekday()) % 7 + 7 * (self.n - 1)
            if offset >= length:
                return ()
            first = start + dt.timedelta(days=offset)
        return (_span(first, self.days),)

    def occurrence_window(self, year: int) -> Window | None:
        """The first span that starts in ``year``, or ``None`` when none does."""
        return _first(self.occurrence_windows(year))


@attrs.frozen(kw_only=True)
class WholeMonth:
    """A whole calendar month every year, such as April for 爱国卫生月."""

    kind: ClassVar[Literal["month"]] = "month"

    month: int = attrs.field(validator=_month)

    def occurrence_windows(self, year: int) -> tuple[Window, ...]:
        """The month of ``year``."""
        return (Window.month(year, self.month),)

    def occurrence_window(self, year: int) -> Window | None:
        """The month of ``year``."""
        return Window.month(year, self.month)


@functools.cache
def _lunar_to_solar(lunar_year: int, month: int, day: int) -> dt.date | None:
    """The solar date of a day of an ordinary (not leap) lunar month, if the month has it."""
    lp = lunar_python()
    if day > lp.LunarYear.fromYear(lunar_year).getMonth(month).getDayCount():
        return None
    solar = lp.Lunar.fromYmd(lunar_year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


@attrs.frozen(kw_only=True)
class LunarDate:
    """A day of the Chinese lunar calendar, such as 9/9 for the Double Ninth (重阳节).

    ``month`` is an ordinary lunar month (a leap month, 闰月, never matches). Dates in lunar
    months 1 to 10 fall once in every solar year. A day of months 11 or 12 can fall in
    January of the next solar year, so a solar year may hold two of them or none (腊八,
    12/8, fell on 2022-01-10 and 2022-12-30, and not at all in 2023). Day 30 does not occur
    in a lunar year whose month has only 29 days. Needs the optional ``lunar-python``.
    """

    kind: ClassVar[Literal["lunar"]] = "lunar"

    month: int = attrs.field(validator=_month)
    day: int = attrs.field(validator=_lunar_day)
    days: int = attrs.field(default=1, validator=_days)

    def occurrence_windows(self, year: int) -> tuple[Window, ...]:
        """The spans that start in solar year ``year``, earliest first.

        Raises:
            CalendarDataError: ``lunar-python`` is not installed.
        """
        # A solar year can only hold days of lunar years year - 1 (months 11-12) and year.
        firsts = (_lunar_to_solar(y, self.month, self.day) for y in (year - 1, year))
        return tuple(_span(d, self.days) for d in firsts if d is not None and d.year == year)

    def occurrence_window(self, year: int) -> Window | None:
        """The first span that starts in solar year ``year``, or ``None`` when none does.

        Raises:
            CalendarDataError: ``lunar-python`` is not installed.
        """
        return _first(self.occurrence_windows(year))


def _last_not_before_first(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value < instance.first:
        msg = (
            f"'last' must not be before 'first' (got first {instance.first.isoformat()}, "
            f"last {value.isoformat()})"
        )
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True, order=True)
class AnnouncedSpan:
    """The dates announced for one year: ``first`` to ``last``, both included."""

    first: dt.date = attrs.field(validator=is_date)
    last: dt.date = attrs.field(validator=[is_date, _last_not_before_first])

    @property
    def year(self) -> int:
        """The year the span belongs to (the year of its first day)."""
        return self.first.year

    @property
    def window(self) -> Window:
        """The span as a half-open :class:`~commhealth.Window`."""
        return Window.days(self.first, self.last)


def _one_span_a_year(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    years = [span.year for span in value]
    for year in years:
        if years.count(year) > 1:
            msg = f"'dates' must give at most one span a year (got {years.count(year)} for {year})"
            raise FieldError(attribute.name, msg)
    if years != sorted(years):
        msg = f"'dates' must be in date order (got years {', '.join(map(str, years))})"
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class Announced:
    """Dates announced afresh each year, such as 全国食品安全宣传周.

    ``dates`` holds the years whose dates are known. A year not in it has no occurrence:
    the library does not guess, and a plan that needs the year declares the dates itself
    (see :meth:`ObservanceRegistry.with_observances`).
    """

    kind: ClassVar[Literal["announced"]] = "announced"

    dates: tuple[AnnouncedSpan, ...] = attrs.field(default=(), validator=_one_span_a_year)

    @property
    def years(self) -> tuple[int, ...]:
        """The years whose dates are known."""
        return tuple(span.year for span in self.dates)

    def occurrence_windows(self, year: int) -> tuple[Window, ...]:
        """The announced span of ``year``, or nothing when none was announced."""
        return tuple(span.window for span in self.dates if span.year == year)

    def occurrence_window(self, year: int) -> Window | None:
        """The announced span of ``year``, or ``None`` when none was announced."""
        return _first(self.occurrence_windows(year))


def _first(windows: tuple[Window, ...]) -> Window | None:
    return windows[0] if windows else None


#: Any rule; tell them apart by their class or their ``kind``.
Rule: TypeAlias = FixedDate | NthWeekday | WholeMonth | LunarDate | Announced

#: The rule classes by their ``kind`` tag.
RULE_KINDS: Mapping[str, type[Rule]] = MappingProxyType(
    {cls.kind: cls for cls in (FixedDate, NthWeekday, WholeMonth, LunarDate, Announced)}
)
