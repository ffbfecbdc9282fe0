"""Statutory holidays, adjusted working days (调休) and the plan's own declarations."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth.calendar import WorkCalendar
from commhealth.errors import CalendarDataError, CommhealthError, FieldError

D = dt.date
PACKAGE = WorkCalendar()


class TestPackageData:
    @pytest.mark.parametrize(
        ("day", "holiday", "workday"),
        [
            pytest.param(D(2025, 9, 28), False, True, id="sunday-worked-before-national-day"),
            pytest.param(D(2025, 10, 1), True, False, id="national-day"),
            pytest.param(D(2025, 10, 4), True, False, id="saturday-inside-the-break"),
            pytest.param(D(2025, 10, 8), True, False, id="wednesday-last-day-of-break"),
            pytest.param(D(2025, 10, 9), False, True, id="thursday-after-the-break"),
            pytest.param(D(2025, 10, 11), False, True, id="saturday-worked-after-national-day"),
            pytest.param(D(2025, 3, 8), False, False, id="ordinary-saturday"),
            pytest.param(D(2025, 3, 10), False, True, id="ordinary-monday"),
            pytest.param(D(2024, 2, 10), True, False, id="spring-festival-2024"),
            pytest.param(D(2024, 2, 18), False, True, id="sunday-worked-after-spring-festival"),
            pytest.param(D(2022, 10, 4), True, False, id="double-ninth-2022-in-the-break"),
        ],
    )
    def test_days(self, day: dt.date, holiday: bool, workday: bool) -> None:
        """Holidays include the 调休 days off; adjusted weekends are working days; plain weekends neither."""
        assert (holiday, workday) == (PACKAGE.is_holiday(day), PACKAGE.is_workday(day))

    @pytest.mark.parametrize(
        ("day", "direction", "expected"),
        [
            (D(2025, 10, 1), "next", D(2025, 10, 9)),
            (D(2025, 10, 1), "previous", D(2025, 9, 30)),
            (D(2025, 9, 28), "next", D(2025, 9, 28)),
            (D(2025, 9, 28), "previous", D(2025, 9, 28)),
            (D(2025, 3, 8), "next", D(2025, 3, 10)),
            (D(2025, 3, 9), "previous", D(2025, 3, 7)),
        ],
    )
    def test_roll(self, day: dt.date, direction: str, expected: dt.date) -> None:
        """roll finds the nearest working day on or after, or on or before, the day."""
        assert expected == PACKAGE.roll(day, direction)  # type: ignore[arg-type]

    def test_roll_direction(self) -> None:
        """An unknown direction lists the two accepted ones."""
        with pytest.raises(
            ValueError, match=r"^'direction' must be 'next' or 'previous' \(got 'forward'\)$"
        ):
            PACKAGE.roll(D(2025, 10, 1), "forward")  # type: ignore[arg-type]

    def test_covers(self) -> None:
        """The package covers 2004 to at least 2026, not 1999."""
        assert (True, True, False) == (
            PACKAGE.covers(2004),
            PACKAGE.covers(2026),
            PACKAGE.covers(1999),
        )


class TestUncoveredYears:
    def test_future_year(self) -> None:
        """A year beyond the package's data asks for an upgrade or the plan's own dates."""
        with pytest.raises(CalendarDataError) as e:
            PACKAGE.is_workday(D(2100, 3, 1))
        assert isinstance(e.value, CommhealthError)
        assert isinstance(e.value, LookupError)
        assert (
            "no statutory holiday data for 2100: upgrade the chinesecalendar package "
            "(pip install -U chinesecalendar) once it covers 2100, or declare the year's holidays "
            "and working days in the plan file (holidays = [...], workdays = [...])"
        ) == str(e.value)

    def test_past_year(self) -> None:
        """A year before the package's data can only be declared by the plan."""
        with pytest.raises(CalendarDataError) as e:
            PACKAGE.is_holiday(D(1999, 10, 1))
        assert (
            "no statutory holiday data for 1999: the chinesecalendar package starts in 2004, so "
            "declare the year's holidays and working days in the plan file "
            "(holidays = [...], workdays = [...])"
        ) == str(e.value)

    def test_roll_into_an_uncovered_year(self) -> None:
        """Rolling back from 2004's New Year holiday reaches 2003, which no data covers."""
        with pytest.raises(CalendarDataError, match=r"^no statutory holiday data for 2003: "):
            PACKAGE.roll(D(2004, 1, 1), "previous")

    def test_missing_package(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without chinesecalendar, the error says how to install the extra."""
        monkeypatch.setitem(sys.modules, "chinese_calendar", None)
        with pytest.raises(CalendarDataError) as e:
            PACKAGE.is_workday(D(2025, 10, 8))
        assert (
            "statutory holidays and working days need the optional package chinesecalendar, "
            'which is not installed: pip install "commhealth[calendar]"'
        ) == str(e.value)


class TestPlanDeclarations:
    def test_declared_year_falls_back_to_weekdays(self) -> None:
        """Once the plan lists a date of an uncovered year, its other dates go by weekday."""
        cal = WorkCalendar(holidays={D(2100, 1, 1)}, workdays=[D(2100, 1, 9)])
        assert (True, False) == (cal.is_holiday(D(2100, 1, 1)), cal.is_workday(D(2100, 1, 1)))
        assert (False, True) == (cal.is_holiday(D(2100, 1, 4)), cal.is_workday(D(2100, 1, 4)))
        assert (False, False) == (cal.is_holiday(D(2100, 1, 2)), cal.is_workday(D(2100, 1, 2)))
        assert cal.is_workday(D(2100, 1, 9))
        assert D(2100, 1, 4) == cal.roll(D(2100, 1, 1))
        assert (True, False) == (cal.covers(2100), cal.covers(2101))
        assert frozenset({2100}) == cal.declared_years

    def test_plan_dates_come_before_package_data(self) -> None:
        """A plan's working day overrides a statutory holiday, and its holiday a working day."""
        cal = WorkCalendar(
            holidays=frozenset({D(2025, 3, 5)}), workdays=frozenset({D(2025, 10, 8)})
        )
        assert (False, True) == (cal.is_holiday(D(2025, 10, 8)), cal.is_workday(D(2025, 10, 8)))
        assert (True, False) == (cal.is_holiday(D(2025, 3, 5)), cal.is_workday(D(2025, 3, 5)))

    def test_covered_year_keeps_package_data(self) -> None:
        """Declaring one local holiday in a covered year keeps the package's 调休 days."""
        cal = WorkCalendar(holidays=frozenset({D(2025, 3, 5)}))
        assert (True, True, False) == (
            cal.is_holiday(D(2025, 10, 8)),
            cal.is_workday(D(2025, 9, 28)),
            cal.is_workday(D(2025, 10, 8)),
        )

    def test_a_date_cannot_be_both(self) -> None:
        """A date declared both a holiday and a working day is refused."""
        with pytest.raises(FieldError) as e:
            WorkCalendar(holidays={D(2025, 10, 8), D(2025, 10, 9)}, workdays={D(2025, 10, 8)})
        assert "a date cannot be both a holiday and a working day (got 2025-10-08 in both)" == str(
            e.value
        )


class TestLaws:
    @given(
        day=st.dates(min_value=D(2004, 1, 10), max_value=D(2026, 12, 20)),
        direction=st.sampled_from(["next", "previous"]),
    )
    def test_roll_lands_on_a_workday_on_the_right_side(self, day: dt.date, direction: str) -> None:
        """roll returns a working day, never before the day for 'next' nor after it for 'previous'."""
        rolled = PACKAGE.roll(day, direction)  # type: ignore[arg-type]
        assert PACKAGE.is_workday(rolled)
        assert (rolled >= day) if direction == "next" else (rolled <= day)
        assert (rolled == day) == PACKAGE.is_workday(day)

    @given(day=st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 12, 31)))
    def test_a_holiday_is_never_a_workday(self, day: dt.date) -> None:
        """No day is both a statutory holiday and a working day."""
        assert not (PACKAGE.is_holiday(day) and PACKAGE.is_workday(day))
