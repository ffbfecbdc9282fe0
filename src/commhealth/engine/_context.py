"""What every evaluator needs: the plan, the indexed schedule, observations and ``as_of``."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable

from .._observations import Observation
from .._plan import Plan
from ._index import ScheduleIndex

__all__ = ["Context"]


class Context:
    """The inputs of one check, indexed once and shared by every evaluator."""

    def __init__(
        self,
        plan: Plan,
        index: ScheduleIndex,
        observations: Iterable[Observation],
        as_of: dt.date | None,
    ) -> None:
        self.plan = plan
        self.index = index
        self.as_of = as_of
        by_metric: dict[str, list[Observation]] = {}
        for o in observations:
            by_metric.setdefault(o.metric, []).append(o)
        for series in by_metric.values():
            series.sort(key=lambda o: o.date)
        self._observations = by_metric

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
        if self.as_of is None:
            return end
        return min(end, self.as_of + dt.timedelta(days=1))

    def closed(self, last_day: dt.date) -> bool:
        """Whether a window whose last day is ``last_day`` is over (always, in a plan review)."""
        return self.as_of is None or self.as_of >= last_day
