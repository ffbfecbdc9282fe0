"""What every evaluator needs: the plan, the indexed schedule, observations and ``as_of``."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from .._activities import Activity
from .._observations import Observation
from .._resolve import ResolvedPlan
from .._selection import Selector
from ._index import ScheduleIndex, Series

if TYPE_CHECKING:
    import numpy.typing as npt

    from ..calendar import ObservanceRegistry, WorkCalendar

__all__ = ["Context"]


class Context:
    """The inputs of one check, indexed once and shared by every evaluator."""

    def __init__(
        self,
        resolved: ResolvedPlan,
        index: ScheduleIndex,
        observations: Iterable[Observation],
        as_of: dt.date | None,
    ) -> None:
        self.resolved = resolved
        self.plan = resolved.plan
        self.index = index
        self.as_of = as_of
        by_metric: dict[str, list[Observation]] = {}
        for o in observations:
            by_metric.setdefault(o.metric, []).append(o)
        for series in by_metric.values():
            # By value too, so that of two figures on one day the larger is the latest
            # whatever order they came in (the loaders refuse such pairs).
            series.sort(key=lambda o: (o.date, o.value))
        self._observations = by_metric
        self._workday_series: dict[Selector, Series] = {}
        self._workday_splits: dict[tuple[Selector, str], dict[str, Series]] = {}

    @property
    def registry(self) -> ObservanceRegistry:
        """The observances the plan can name: the shipped registry and the plan's own."""
        return self.resolved.registry

    @property
    def calendar(self) -> WorkCalendar:
        """Statutory holidays and working days, the plan's declarations first."""
        return self.resolved.calendar

    def series(self, select: Selector, *, workdays_only: bool = False) -> Series:
        """The activities ``select`` picks; with ``workdays_only``, those inside the span on
        working days (days outside the span cannot count, and need no holiday data)."""
        series = self.index.series(select)
        if not workdays_only:
            return series
        found = self._workday_series.get(select)
        if found is None:
            inside, workday = self._days_of(series)
            found = self._workday_series[select] = series.filter(inside & workday)
        return found

    def _days_of(self, series: Series) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        """For each activity of ``series``: whether it is inside the span, and whether it is
        on a working day (asked of the calendar once per distinct day inside the span)."""
        days = series.day_numbers()
        span = self.plan.span
        inside = (days >= span.start.toordinal()) & (days < span.end.toordinal())
        distinct, inverse = np.unique(days[inside], return_inverse=True)
        is_workday = self.calendar.is_workday
        works = np.fromiter(
            (is_workday(dt.date.fromordinal(d)) for d in distinct.tolist()),
            np.bool_,
            len(distinct),
        )
        workday = np.zeros(len(days), np.bool_)
        workday[inside] = works[inverse.reshape(-1)]
        return inside, workday

    def split(
        self, select: Selector, field: str, *, workdays_only: bool = False
    ) -> dict[str, Series]:
        """The activities ``select`` picks, split by each value of ``field``."""
        if not workdays_only:
            return self.index.split(select, field)
        key = (select, field)
        found = self._workday_splits.get(key)
        if found is None:
            series = self.series(select, workdays_only=True)
            found = self._workday_splits[key] = series.split(field)
        return found

    def off_days(self, select: Selector) -> list[Activity]:
        """The activities ``select`` picks inside the span that fall on a holiday or weekend."""
        series = self.index.series(select)
        inside, workday = self._days_of(series)
        return series.filter(inside & ~workday).activities

    def observations(self, metric: str) -> list[Observation]:
        """Every observation of ``metric`` known by ``as_of``, oldest first."""
        series = self._observations.get(metric, [])
        if self.as_of is None:
            return series
        return series[: bisect_right([o.date for o in series], self.as_of)]

    def latest(self, metric: str, *, on_or_before: dt.date | None = None) -> Observation | None:
        """The latest observation of ``metric`` known by ``as_of`` (and not after ``on_or_before``)."""
        series = self.observations(metric)
        if on_or_before is not None:
            series = [o for o in series if o.date <= on_or_before]
        return series[-1] if series else None

    def achieved_until(self, end: dt.date) -> dt.date:
        """The end (exclusive) of what counts as achieved for a window ending at ``end``."""
        if self.as_of is None or self.as_of >= end - dt.timedelta(days=1):
            return end  # also keeps as_of = 9999-12-31 from overflowing
        return self.as_of + dt.timedelta(days=1)

    def closed(self, last_day: dt.date) -> bool:
        """Whether a window whose last day is ``last_day`` is over (always, in a plan review)."""
        return self.as_of is None or self.as_of >= last_day
