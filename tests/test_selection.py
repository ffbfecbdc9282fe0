"""Selectors: which activities a requirement counts."""

from __future__ import annotations

import datetime as dt

from commhealth import Activity, Selector

D = dt.date


class TestSelector:
    def test_and_across_fields_or_within(self) -> None:
        """Fields combine with AND; values within a field with OR; empty fields do not filter."""
        s = Selector(kind={"lecture", "talk"}, topics={"tb"})
        assert s.matches(Activity(id="a", date=D(2022, 1, 1), kind="talk", topics={"tb", "hiv"}))
        assert not s.matches(Activity(id="a", date=D(2022, 1, 1), kind="talk", topics={"hiv"}))
        assert not s.matches(Activity(id="a", date=D(2022, 1, 1), kind="visit", topics={"tb"}))
        assert Selector().matches(Activity(id="a", date=D(2022, 1, 1)))

    def test_organiser(self) -> None:
        """The organiser field matches any of the listed organisers."""
        s = Selector(organiser="street")
        assert s.matches(Activity(id="a", date=D(2022, 1, 1), organiser="street"))
        assert not s.matches(Activity(id="a", date=D(2022, 1, 1)))
