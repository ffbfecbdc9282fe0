"""The schedule index: activities sorted by date, grouped once, searched by bisection.

Built once per check. Activities are grouped by their *signature* (kind, tags, topics,
audience, organiser); a selector is tested against each distinct signature rather than each
activity, and the matching groups are merged into one date-sorted :class:`Series` with
prefix sums, so a window's count, days, hours or participants cost two binary searches.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate
from operator import attrgetter

from .._activities import Activity
from .._periods import Window
from .._requirements import Measure
from .._selection import Selector

__all__ = ["ScheduleIndex", "Series"]

_Signature = tuple[str, frozenset[str], frozenset[str], frozenset[str], str | None]
_by_date = attrgetter("date")


class Series:
    """The activities one selector picks, sorted by date, with prefix sums per measure."""

    __slots__ = ("_prefix", "activities", "ordinals")

    def __init__(self, activities: list[Activity]) -> None:
        self.activities = activities
        self.ordinals = [a.date.toordinal() for a in activities]
        self._prefix: dict[Measure, list[float]] = {}

    def __len__(self) -> int:
        return len(self.activities)

    def bounds(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """The slice ``[i, j)`` of activities dated in ``[start, end)``."""
        o = self.ordinals
        return bisect_left(o, start.toordinal()), bisect_left(o, end.toordinal())

    def _sums(self, measure: Measure) -> list[float]:
        sums = self._prefix.get(measure)
        if sums is None:
            acts = self.activities
            if measure is Measure.COUNT:
                values: Iterable[float] = (1.0 for _ in acts)
            elif measure is Measure.DAYS:
                values = (float(a.days) for a in acts)
            elif measure is Measure.HOURS:
                values = (a.hours or 0.0 for a in acts)
            else:
                values = (float(a.participants or 0) for a in acts)
            sums = [0.0, *accumulate(values)]
            self._prefix[measure] = sums
        return sums

    def total(self, measure: Measure, spans: Iterable[tuple[int, int]]) -> float:
        """The summed ``measure`` over slices of the series (not for *distinct*)."""
        sums = self._sums(measure)
        return sum(sums[j] - sums[i] for i, j in spans)

    def distinct(self, field: str, spans: Iterable[tuple[int, int]]) -> frozenset[str]:
        """The distinct values of ``field`` over slices of the series."""
        seen: set[str] = set()
        for i, j in spans:
            for a in self.activities[i:j]:
                seen.update(a.values(field))
        return frozenset(seen)

    def ids(self, spans: Iterable[tuple[int, int]]) -> tuple[str, ...]:
        """The ids of the activities in slices of the series."""
        return tuple(a.id for i, j in spans for a in self.activities[i:j])

    def in_window(self, window: Window) -> list[Activity]:
        """The activities dated inside ``window``."""
        i, j = self.bounds(window.start, window.end)
        return self.activities[i:j]


class ScheduleIndex:
    """Every activity that counts (cancelled ones never do), indexed for selectors."""

    def __init__(self, activities: Iterable[Activity]) -> None:
        groups: dict[_Signature, list[Activity]] = {}
        for a in activities:
            if not a.counts:
                continue
            key = (a.kind, a.tags, a.topics, a.audience, a.organiser)
            group = groups.get(key)
            if group is None:
                groups[key] = [a]
            else:
                group.append(a)
        self._groups = groups
        self._series: dict[Selector, Series] = {}
        self._split: dict[tuple[Selector, str], dict[str, Series]] = {}

    def all_activities(self) -> list[Activity]:
        """Every activity that counts, grouped by signature (not in date order)."""
        return [a for acts in self._groups.values() for a in acts]

    def series(self, selector: Selector) -> Series:
        """The date-sorted series of activities ``selector`` picks."""
        found = self._series.get(selector)
        if found is None:
            picked: list[Activity] = []
            for signature, acts in self._groups.items():
                if selector.matches_signature(*signature):
                    picked.extend(acts)
            picked.sort(key=_by_date)
            found = self._series[selector] = Series(picked)
        return found

    def split(self, selector: Selector, field: str) -> dict[str, Series]:
        """The series of ``selector`` split by each value of ``field`` (an activity may be in many)."""
        key = (selector, field)
        found = self._split.get(key)
        if found is None:
            parts: dict[str, list[Activity]] = {}
            for a in self.series(selector).activities:
                for value in a.values(field):
                    parts.setdefault(value, []).append(a)
            found = self._split[key] = {v: Series(acts) for v, acts in parts.items()}
        return found
