"""Windows, named windows and cadences."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth import Cadence, FieldError, NamedWindow, Window
from commhealth.strategies import windows

D = dt.date


class TestWindow:
    def test_month(self) -> None:
        """A month runs from its 1st to the 1st of the next month, half-open."""
        w = Window.month(2022, 12)
        assert (D(2022, 12, 1), D(2023, 1, 1)) == (w.start, w.end)
        assert D(2022, 12, 31) == w.last
        assert 31 == len(w)

    def test_named_constructors(self) -> None:
        """Year, half-year, quarter, week and day windows have the calendar's bounds."""
        assert Window(start=D(2022, 7, 1), end=D(2023, 1, 1)) == Window.half_year(2022, 2)
        assert Window(start=D(2022, 4, 1), end=D(2022, 7, 1)) == Window.quarter(2022, 2)
        assert Window(start=D(2022, 7, 4), end=D(2022, 7, 11)) == Window.week(D(2022, 7, 10))
        assert Window(start=D(2024, 2, 29), end=D(2024, 3, 1)) == Window.day(D(2024, 2, 29))
        assert 366 == len(Window.year(2024))

    def test_days_is_inclusive(self) -> None:
        """Window.days takes the first and the last day, both included."""
        w = Window.days(D(2022, 1, 15), D(2022, 2, 20))
        assert D(2022, 2, 21) == w.end
        assert D(2022, 2, 20) in w
        assert D(2022, 2, 21) not in w

    def test_end_must_follow_start(self) -> None:
        """An empty or reversed window is refused with both dates in the message."""
        with pytest.raises(FieldError) as e:
            Window(start=D(2022, 3, 1), end=D(2022, 3, 1))
        assert (
            "'end' must be after 'start' (got start 2022-03-01, end 2022-03-01); "
            "a window is half-open, [start, end)"
        ) == str(e.value)

    @pytest.mark.parametrize(
        ("call", "message"),
        [
            pytest.param(
                lambda: Window.month(2022, 13),
                "'month' must be between 1 and 12 (got 13)",
                id="month-13",
            ),
            pytest.param(
                lambda: Window.quarter(2022, 0),
                "'quarter' must be between 1 and 4 (got 0)",
                id="quarter-0",
            ),
            pytest.param(
                lambda: Window.half_year(2022, 3), "'half' must be 1 or 2 (got 3)", id="half-3"
            ),
        ],
    )
    def test_constructor_arguments_checked(self, call: object, message: str) -> None:
        """Named constructors name the argument and the value they refuse."""
        with pytest.raises(ValueError) as e:  # noqa: PT011 - the whole message is asserted below
            call()  # type: ignore[operator]
        assert message == str(e.value)

    def test_intersection_and_overlap(self) -> None:
        """Two windows share the days both hold; disjoint ones share none."""
        a, b = Window.month(2022, 7), Window.days(D(2022, 7, 20), D(2022, 8, 10))
        assert Window(start=D(2022, 7, 20), end=D(2022, 8, 1)) == a.intersection(b)
        assert a.overlaps(b)
        assert Window.month(2022, 6).intersection(a) is None

    def test_str(self) -> None:
        """A window prints as its first and last day."""
        assert "2022-07-01..2022-07-31" == str(Window.month(2022, 7))


class TestNamedWindow:
    def test_window(self) -> None:
        """A named window gives its span as a Window."""
        nw = NamedWindow(
            id="winter-holiday", title="寒假", start=D(2022, 1, 15), end=D(2022, 2, 21)
        )
        assert Window(start=D(2022, 1, 15), end=D(2022, 2, 21)) == nw.window


class TestCadence:
    @pytest.mark.parametrize(
        ("text", "cadence"),
        [
            ("month", Cadence.MONTH),
            ("monthly", Cadence.MONTH),
            ("every month", Cadence.MONTH),
            ("every 2 months", Cadence.TWO_MONTHS),
            ("every 3 months", Cadence.QUARTER),
            ("every 6 months", Cadence.HALF_YEAR),
            ("half-year", Cadence.HALF_YEAR),
            ("Quarterly", Cadence.QUARTER),
            ("每月", Cadence.MONTH),
            ("每半年", Cadence.HALF_YEAR),
            ("每季", Cadence.QUARTER),
            ("week", Cadence.WEEK),
            ("two_months", Cadence.TWO_MONTHS),
        ],
    )
    def test_parse(self, text: str, cadence: Cadence) -> None:
        """Cadence.parse reads plain words, 'every N months' and Chinese."""
        assert cadence == Cadence.parse(text)

    def test_parse_refuses_unknown(self) -> None:
        """An unknown cadence names the accepted ones."""
        with pytest.raises(ValueError, match="not a cadence") as e:
            Cadence.parse("fortnight")
        assert (
            "not a cadence: 'fortnight'; expected one of year, half_year, quarter, two_months, "
            "month, week or 'every 2 months'"
        ) == str(e.value)

    def test_months_of_a_year(self) -> None:
        """A year cut by month gives twelve calendar months."""
        assert [Window.month(2022, m) for m in range(1, 13)] == list(
            Cadence.MONTH.windows(Window.year(2022))
        )

    def test_two_months_align_to_january(self) -> None:
        """Two-month windows start in odd months: Jan–Feb, Mar–Apr, …"""
        ws = Cadence.TWO_MONTHS.windows(Window.year(2022))
        assert 6 == len(ws)
        assert Window(start=D(2022, 11, 1), end=D(2023, 1, 1)) == ws[-1]

    def test_clipped_to_span(self) -> None:
        """Windows are clipped where the span starts or ends mid-period."""
        span = Window(start=D(2022, 3, 15), end=D(2022, 8, 10))
        ws = Cadence.QUARTER.windows(span)
        assert [
            Window(start=D(2022, 3, 15), end=D(2022, 4, 1)),
            Window(start=D(2022, 4, 1), end=D(2022, 7, 1)),
            Window(start=D(2022, 7, 1), end=D(2022, 8, 10)),
        ] == list(ws)

    def test_weeks_start_on_monday(self) -> None:
        """Week windows run Monday to Sunday."""
        ws = Cadence.WEEK.windows(Window.year(2022))
        assert all(w.start.weekday() == 0 for w in ws[1:])
        assert D(2022, 1, 3) == ws[1].start

    @given(
        span=windows(Window(start=D(2019, 1, 1), end=D(2026, 1, 1))),
        cadence=st.sampled_from(list(Cadence)),
    )
    def test_windows_tile_the_span(self, span: Window, cadence: Cadence) -> None:
        """The windows of any cadence cover the span exactly: no gap, no overlap."""
        ws = cadence.windows(span)
        assert span.start == ws[0].start
        assert span.end == ws[-1].end
        assert all(a.end == b.start for a, b in itertools.pairwise(ws))
        assert len(span) == sum(len(w) for w in ws)
