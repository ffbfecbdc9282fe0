"""Observance rules, rule versions and occurrences (commhealth.calendar's model)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth._periods import Window
from commhealth.calendar import (
    Announced,
    AnnouncedSpan,
    FixedDate,
    LunarDate,
    NthWeekday,
    Observance,
    Occurrence,
    RuleVersion,
    WholeMonth,
)
from commhealth.errors import CalendarDataError, FieldError

D = dt.date
SUNDAY, THURSDAY = 6, 3


def day(year: int, month: int, dom: int) -> Window:
    return Window.day(D(year, month, dom))


class TestFixedDate:
    def test_one_day(self) -> None:
        """A fixed date occurs once a year, on that day."""
        assert (day(2022, 3, 24),) == FixedDate(month=3, day=24).occurrence_windows(2022)
        assert day(2022, 3, 24) == FixedDate(month=3, day=24).occurrence_window(2022)

    def test_week(self) -> None:
        """'days' makes a span that starts on the date: 15 to 21 April."""
        week = FixedDate(month=4, day=15, days=7).occurrence_window(2022)
        assert Window.days(D(2022, 4, 15), D(2022, 4, 21)) == week

    def test_span_across_new_year_belongs_to_its_first_year(self) -> None:
        """A span from 31 December runs into January and counts for the year it starts in."""
        rule = FixedDate(month=12, day=31, days=3)
        assert Window.days(D(2022, 12, 31), D(2023, 1, 2)) == rule.occurrence_window(2022)
        assert Window.days(D(2023, 12, 31), D(2024, 1, 2)) == rule.occurrence_window(2023)

    def test_leap_day_occurs_in_leap_years_only(self) -> None:
        """29 February is accepted and occurs only in leap years."""
        rule = FixedDate(month=2, day=29)
        assert day(2024, 2, 29) == rule.occurrence_window(2024)
        assert day(2000, 2, 29) == rule.occurrence_window(2000)
        assert () == rule.occurrence_windows(2023)
        assert rule.occurrence_window(1900) is None

    @pytest.mark.parametrize(
        ("build", "field", "message"),
        [
            pytest.param(
                lambda: FixedDate(month=13, day=1),
                "month",
                "'month' must be between 1 and 12 (got 13)",
                id="month-13",
            ),
            pytest.param(
                lambda: FixedDate(month=0, day=1),
                "month",
                "'month' must be between 1 and 12 (got 0)",
                id="month-0",
            ),
            pytest.param(
                lambda: FixedDate(month=4, day=31),
                "day",
                "'day' must be between 1 and 30 for month 4 (got 31)",
                id="april-31",
            ),
            pytest.param(
                lambda: FixedDate(month=2, day=30),
                "day",
                "'day' must be between 1 and 29 for month 2 (got 30)",
                id="february-30",
            ),
            pytest.param(
                lambda: FixedDate(month=1, day=0),
                "day",
                "'day' must be between 1 and 31 for month 1 (got 0)",
                id="day-0",
            ),
            pytest.param(
                lambda: FixedDate(month=8, day=1, days=0),
                "days",
                "'days' must be between 1 and 366 (got 0)",
                id="days-0",
            ),
            pytest.param(
                lambda: FixedDate(month=8, day=1, days=400),
                "days",
                "'days' must be between 1 and 366 (got 400)",
                id="days-400",
            ),
        ],
    )
    def test_invalid(self, build: Callable[[], object], field: str, message: str) -> None:
        """Impossible dates are refused, naming the field, the rule and the value."""
        with pytest.raises(FieldError) as e:
            build()
        assert (field, message) == (e.value.field, str(e.value))


class TestNthWeekday:
    @pytest.mark.parametrize(
        ("rule", "year", "expected"),
        [
            pytest.param(
                NthWeekday(month=5, weekday=SUNDAY, n=3), 2022, D(2022, 5, 15), id="助残日-2022"
            ),
            pytest.param(
                NthWeekday(month=5, weekday=SUNDAY, n=3), 2025, D(2025, 5, 18), id="助残日-2025"
            ),
            pytest.param(
                NthWeekday(month=3, weekday=THURSDAY, n=2), 2022, D(2022, 3, 10), id="肾脏日-2022"
            ),
            pytest.param(
                NthWeekday(month=3, weekday=THURSDAY, n=2), 2023, D(2023, 3, 9), id="肾脏日-2023"
            ),
            pytest.param(
                NthWeekday(month=1, weekday=SUNDAY, n=-1), 2022, D(2022, 1, 30), id="麻风病日-2022"
            ),
            pytest.param(
                NthWeekday(month=1, weekday=SUNDAY, n=-1), 2023, D(2023, 1, 29), id="麻风病日-2023"
            ),
            pytest.param(
                NthWeekday(month=12, weekday=4, n=-1), 2022, D(2022, 12, 30), id="last-friday-dec"
            ),
            pytest.param(
                NthWeekday(month=1, weekday=6, n=1), 2023, D(2023, 1, 1), id="first-is-the-1st"
            ),
            pytest.param(NthWeekday(month=2, weekday=1, n=5), 2022, None, id="no-fifth-tuesday"),
            pytest.param(
                NthWeekday(month=2, weekday=3, n=5), 2024, D(2024, 2, 29), id="fifth-in-leap-feb"
            ),
        ],
    )
    def test_dates(self, rule: NthWeekday, year: int, expected: dt.date | None) -> None:
        """The n-th (or last) weekday of the month; none when the month has no n-th."""
        window = rule.occurrence_window(year)
        assert expected == (window.start if window else None)

    def test_span(self) -> None:
        """'days' stretches the occurrence from the weekday found."""
        rule = NthWeekday(month=12, weekday=SUNDAY, n=-1, days=7)
        assert Window.days(D(2022, 12, 25), D(2022, 12, 31)) == rule.occurrence_window(2022)

    @pytest.mark.parametrize(
        ("build", "message"),
        [
            pytest.param(
                lambda: NthWeekday(month=5, weekday=7, n=1),
                "'weekday' must be between 0 (Monday) and 6 (Sunday) (got 7)",
                id="weekday-7",
            ),
            pytest.param(
                lambda: NthWeekday(month=5, weekday=0, n=0),
                "'n' must be 1, 2, 3, 4, 5, or -1 for the last (got 0)",
                id="n-0",
            ),
            pytest.param(
                lambda: NthWeekday(month=5, weekday=0, n=-2),
                "'n' must be 1, 2, 3, 4, 5, or -1 for the last (got -2)",
                id="n-minus-2",
            ),
            pytest.param(
                lambda: NthWeekday(month=13, weekday=0, n=1),
                "'month' must be between 1 and 12 (got 13)",
                id="month-13",
            ),
        ],
    )
    def test_invalid(self, build: Callable[[], object], message: str) -> None:
        """Out-of-range weekdays, counts and months are refused with the value."""
        with pytest.raises(FieldError) as e:
            build()
        assert message == str(e.value)


class TestWholeMonth:
    def test_april(self) -> None:
        """爱国卫生月 covers all of April."""
        assert Window.month(2022, 4) == WholeMonth(month=4).occurrence_window(2022)

    def test_december_ends_on_new_year(self) -> None:
        """December's half-open window ends on 1 January of the next year."""
        (window,) = WholeMonth(month=12).occurrence_windows(2022)
        assert (D(2022, 12, 1), D(2023, 1, 1), 31) == (window.start, window.end, len(window))

    def test_february_in_a_leap_year(self) -> None:
        """February has 29 days in 2024."""
        assert 29 == len(WholeMonth(month=2).occurrence_windows(2024)[0])


class TestLunarDate:
    @pytest.mark.parametrize(
        ("year", "expected"),
        [
            (2022, D(2022, 10, 4)),
            (2023, D(2023, 10, 23)),
            (2024, D(2024, 10, 11)),
            (2025, D(2025, 10, 29)),
        ],
    )
    def test_double_ninth(self, year: int, expected: dt.date) -> None:
        """重阳节, lunar 9/9, falls in October in 2022-2025."""
        assert Window.day(expected) == LunarDate(month=9, day=9).occurrence_window(year)

    @pytest.mark.parametrize(
        ("year", "expected"),
        [(2022, D(2022, 2, 1)), (2023, D(2023, 1, 22)), (2024, D(2024, 2, 10))],
    )
    def test_spring_festival(self, year: int, expected: dt.date) -> None:
        """春节 is lunar 1/1."""
        assert Window.day(expected) == LunarDate(month=1, day=1).occurrence_window(year)

    def test_twelfth_month_can_fall_twice_or_never(self) -> None:
        """腊八 (12/8) fell twice in solar 2022 and not at all in 2023."""
        rule = LunarDate(month=12, day=8)
        assert (day(2022, 1, 10), day(2022, 12, 30)) == rule.occurrence_windows(2022)
        assert () == rule.occurrence_windows(2023)
        assert rule.occurrence_window(2023) is None
        assert day(2024, 1, 18) == rule.occurrence_window(2024)

    def test_day_30_of_a_short_month_does_not_occur(self) -> None:
        """Lunar 12/30 exists in lunar 2023 (2024-02-09) but not in lunar 2024."""
        assert (day(2024, 2, 9),) == LunarDate(month=12, day=30).occurrence_windows(2024)
        assert () == LunarDate(month=12, day=30).occurrence_windows(2025)

    def test_span(self) -> None:
        """'days' counts solar days from the lunar date."""
        week = LunarDate(month=1, day=1, days=7).occurrence_window(2024)
        assert Window.days(D(2024, 2, 10), D(2024, 2, 16)) == week

    def test_invalid_day(self) -> None:
        """A lunar month has at most 30 days."""
        with pytest.raises(FieldError) as e:
            LunarDate(month=9, day=31)
        assert "'day' must be between 1 and 30 for a lunar month (got 31)" == str(e.value)

    def test_missing_package(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without lunar-python, a lunar date says how to install the extra."""
        monkeypatch.setitem(sys.modules, "lunar_python", None)
        with pytest.raises(CalendarDataError) as e:
            LunarDate(month=3, day=3).occurrence_windows(1901)
        assert (
            "lunar dates need the optional package lunar-python, which is not installed: "
            'pip install "commhealth[calendar]"'
        ) == str(e.value)


class TestAnnounced:
    RULE = Announced(
        dates=(
            AnnouncedSpan(first=D(2012, 6, 11), last=D(2012, 6, 17)),
            AnnouncedSpan(first=D(2013, 6, 17), last=D(2013, 6, 27)),
        )
    )

    def test_known_year(self) -> None:
        """An announced year occurs on its dates, both ends included."""
        assert Window.days(D(2012, 6, 11), D(2012, 6, 17)) == self.RULE.occurrence_window(2012)
        assert (2012, 2013) == self.RULE.years

    def test_unknown_year(self) -> None:
        """A year with no announcement has no occurrence."""
        assert self.RULE.occurrence_window(2022) is None
        assert () == Announced().occurrence_windows(2022)

    def test_span_across_new_year(self) -> None:
        """A span that starts in December belongs to its first year."""
        rule = Announced(dates=(AnnouncedSpan(first=D(2022, 12, 30), last=D(2023, 1, 3)),))
        assert Window.days(D(2022, 12, 30), D(2023, 1, 3)) == rule.occurrence_window(2022)
        assert rule.occurrence_window(2023) is None

    @pytest.mark.parametrize(
        ("build", "message"),
        [
            pytest.param(
                lambda: AnnouncedSpan(first=D(2012, 6, 17), last=D(2012, 6, 11)),
                "'last' must not be before 'first' (got first 2012-06-17, last 2012-06-11)",
                id="reversed",
            ),
            pytest.param(
                lambda: Announced(
                    dates=(
                        AnnouncedSpan(first=D(2012, 6, 11), last=D(2012, 6, 17)),
                        AnnouncedSpan(first=D(2012, 11, 1), last=D(2012, 11, 7)),
                    )
                ),
                "'dates' must give at most one span a year (got 2 for 2012)",
                id="two-in-a-year",
            ),
            pytest.param(
                lambda: Announced(
                    dates=(
                        AnnouncedSpan(first=D(2013, 6, 17), last=D(2013, 6, 27)),
                        AnnouncedSpan(first=D(2012, 6, 11), last=D(2012, 6, 17)),
                    )
                ),
                "'dates' must be in date order (got years 2013, 2012)",
                id="out-of-order",
            ),
        ],
    )
    def test_invalid(self, build: Callable[[], object], message: str) -> None:
        """Reversed, doubled and unordered spans are refused."""
        with pytest.raises(FieldError) as e:
            build()
        assert message == str(e.value)


IODINE = Observance(
    id="iodine-deficiency-day",
    name_zh="全国防治碘缺乏病日",
    name_en="National Iodine Deficiency Disorders Prevention Day",
    rules=(
        RuleVersion(rule=FixedDate(month=5, day=5), valid_from=1994, valid_to=1999),
        RuleVersion(rule=FixedDate(month=5, day=15), valid_from=2000),
    ),
)


class TestObservance:
    @pytest.mark.parametrize(
        ("year", "expected"),
        [
            (1993, None),
            (1994, D(1994, 5, 5)),
            (1999, D(1999, 5, 5)),
            (2000, D(2000, 5, 15)),
            (2022, D(2022, 5, 15)),
        ],
    )
    def test_iodine_day_moved_in_2000(self, year: int, expected: dt.date | None) -> None:
        """One id, two dated rules: 5 May 1994-1999, 15 May since 2000, nothing before."""
        found = IODINE.occurrences(year)
        assert expected == (found[0].start if found else None)

    def test_validity_comes_from_the_rules(self) -> None:
        """valid_from is the first rule's, valid_to the last rule's."""
        assert (1994, None) == (IODINE.valid_from, IODINE.valid_to)
        assert FixedDate(month=5, day=5) == IODINE.rule_for(1999)
        assert IODINE.rule_for(1990) is None

    def test_a_single_rule_is_a_one_version_history(self) -> None:
        """'rules' accepts a bare rule, valid in every year."""
        o = Observance(id="arbor-day", name_zh="植树节", rules=FixedDate(month=3, day=12))
        assert (RuleVersion(rule=FixedDate(month=3, day=12)),) == o.rules
        assert (None, None) == (o.valid_from, o.valid_to)

    def test_occurrence(self) -> None:
        """An occurrence carries the observance's id and names."""
        o = Observance(
            id="spring-festival",
            name_zh="春节",
            name_en="Spring Festival",
            rules=LunarDate(month=1, day=1),
        )
        expected = Occurrence(
            window=day(2023, 1, 22),
            observance="spring-festival",
            name_zh="春节",
            name_en="Spring Festival",
        )
        assert (expected,) == o.occurrences(2023)
        assert "2023-01-22 春节 (spring-festival)" == str(expected)

    @pytest.mark.parametrize(
        ("kwargs", "field", "message"),
        [
            pytest.param(
                {"id": "World AIDS day"},
                "id",
                "'id' must be kebab-case: lower-case letters and digits joined by single hyphens, "
                "such as 'world-aids-day' (got 'World AIDS day')",
                id="id-not-kebab",
            ),
            pytest.param(
                {"name_zh": " "},
                "name_zh",
                "'name_zh' must not be blank (got ' ')",
                id="blank-name",
            ),
            pytest.param(
                {"aliases": ("老人节", "")},
                "aliases",
                "'aliases[1]' must not be blank (got '')",
                id="blank-alias",
            ),
            pytest.param(
                {"rules": ()},
                "rules",
                "'rules' must hold at least one rule (got none)",
                id="no-rules",
            ),
            pytest.param(
                {
                    "rules": (
                        RuleVersion(rule=FixedDate(month=5, day=5), valid_to=2000),
                        RuleVersion(rule=FixedDate(month=5, day=15), valid_from=2000),
                    )
                },
                "rules",
                "'rules' must follow one another without overlapping: rules[0] is valid …–2000 and "
                "rules[1] 2000–…; close the earlier one with 'valid_to' and start the later one after "
                "it with 'valid_from'",
                id="overlapping",
            ),
            pytest.param(
                {
                    "rules": (
                        RuleVersion(rule=FixedDate(month=5, day=15), valid_from=2000),
                        RuleVersion(rule=FixedDate(month=5, day=5), valid_to=1999),
                    )
                },
                "rules",
                "'rules' must follow one another without overlapping: rules[0] is valid 2000–… and "
                "rules[1] …–1999; close the earlier one with 'valid_to' and start the later one after "
                "it with 'valid_from'",
                id="out-of-order",
            ),
        ],
    )
    def test_invalid(self, kwargs: dict[str, Any], field: str, message: str) -> None:
        """Bad ids, blank names and overlapping rule versions are refused."""
        with pytest.raises(FieldError) as e:
            attrs.evolve(IODINE, **kwargs)
        assert (field, message) == (e.value.field, str(e.value))


class TestRuleVersion:
    def test_from_after_to(self) -> None:
        """valid_from must not come after valid_to; both years are in the message."""
        with pytest.raises(FieldError) as e:
            RuleVersion(rule=FixedDate(month=5, day=5), valid_from=2001, valid_to=1999)
        assert (
            "'valid_from' must not be after 'valid_to' (got valid_from 2001, valid_to 1999)"
            == str(e.value)
        )

    def test_single_year(self) -> None:
        """A version may hold for one year only."""
        version = RuleVersion(rule=FixedDate(month=5, day=5), valid_from=1999, valid_to=1999)
        assert (False, True, False) == tuple(version.applies(y) for y in (1998, 1999, 2000))

    def test_rule_must_be_a_rule(self) -> None:
        """Anything but one of the five rule kinds is a type error."""
        with pytest.raises(TypeError) as e:
            RuleVersion(rule="3.24")  # type: ignore[arg-type]
        assert (
            "'rule' must be one of FixedDate, NthWeekday, WholeMonth, LunarDate, Announced (got '3.24')"
            == str(e.value)
        )


class TestOccurrence:
    def test_sorted_by_start_then_id(self) -> None:
        """Occurrences sort by first day, then by id, whatever their length or names."""
        a = Occurrence(window=Window.month(2022, 4), observance="b", name_zh="乙", name_en="")
        b = Occurrence(window=day(2022, 4, 1), observance="c", name_zh="甲", name_en="")
        c = Occurrence(window=day(2022, 3, 31), observance="z", name_zh="丙", name_en="")
        assert [c, a, b] == sorted([b, a, c])

    def test_start_and_last(self) -> None:
        """start and last are the first and last days inside the window."""
        week = Occurrence(
            window=Window.days(D(2022, 8, 1), D(2022, 8, 7)),
            observance="w",
            name_zh="周",
            name_en="",
        )
        assert (D(2022, 8, 1), D(2022, 8, 7)) == (week.start, week.last)
        assert "2022-08-01..2022-08-07 周 (w)" == str(week)


months = st.integers(min_value=1, max_value=12)
years = st.integers(min_value=1901, max_value=2099)
fixed_dates = st.builds(
    lambda m, d, n: FixedDate(month=m, day=min(d, 28 if m == 2 else 30), days=n),
    months,
    st.integers(min_value=1, max_value=31),
    st.integers(min_value=1, max_value=40),
)
nth_weekdays = st.builds(
    NthWeekday,
    month=months,
    weekday=st.integers(min_value=0, max_value=6),
    n=st.sampled_from([1, 2, 3, 4, -1]),
    days=st.integers(min_value=1, max_value=10),
)


class TestLaws:
    @given(
        rule=st.one_of(fixed_dates, nth_weekdays, st.builds(WholeMonth, month=months)), year=years
    )
    def test_fixed_nth_and_month_rules_occur_once_in_their_year(
        self, rule: FixedDate | NthWeekday | WholeMonth, year: int
    ) -> None:
        """Fixed, n-th weekday (n ≤ 4 or last) and month rules start exactly once in each year, in its month."""
        (window,) = rule.occurrence_windows(year)
        assert (year, rule.month) == (window.start.year, window.start.month)

    @given(rule=nth_weekdays, year=years)
    def test_nth_weekday_lands_on_its_weekday(self, rule: NthWeekday, year: int) -> None:
        """The day found is the weekday asked for, and the n-th of it in the month."""
        (window,) = rule.occurrence_windows(year)
        assert rule.weekday == window.start.weekday()
        nth = (window.start.day - 1) // 7 + 1
        last = (window.start + dt.timedelta(days=7)).month != rule.month
        assert (last if rule.n == -1 else nth == rule.n) is True

    @given(month=months, dom=st.integers(min_value=1, max_value=29), year=years)
    def test_lunar_dates_start_in_their_solar_year(self, month: int, dom: int, year: int) -> None:
        """Lunar occurrences start in the solar year asked for; months 1-10 occur exactly once."""
        windows = LunarDate(month=month, day=dom).occurrence_windows(year)
        assert all(w.start.year == year for w in windows)
        if month <= 10:
            assert 1 == len(windows)


class TestOptionalImports:
    def test_import_loads_no_optional_dependency(self) -> None:
        """Importing commhealth.calendar imports neither lunar_python nor chinese_calendar."""
        code = (
            "import sys, commhealth.calendar; "
            "print(sorted({'lunar_python', 'chinese_calendar'} & set(sys.modules)))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]\n" == out.stdout
