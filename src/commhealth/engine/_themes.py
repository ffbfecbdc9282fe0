"""Evaluating the theme calendar: each month's activities carry its topics."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from .._periods import Window
from .._report import Finding
from .._requirements import Bound
from .._status import Reason
from .._themes import ThemeCalendar
from ._context import Context
from ._findings import finding
from ._judge import judge

__all__ = ["evaluate_topics"]


def evaluate_topics(calendar: ThemeCalendar, ctx: Context) -> Iterator[Finding]:
    """One finding per themed month of each year in the span: enough activities on its topics.

    An activity counts for a month when it passes the calendar's selector and carries one
    of the month's topics (the month's topics take the place of the selector's own; any
    activity the selector passes counts when the month lists none). The message names the
    topics no activity carried.
    """
    span = ctx.plan.span
    for year in range(span.start.year, span.last.year + 1):
        for theme in calendar.months:
            window = Window.month(year, theme.month).intersection(span)
            if window is None:
                continue
            select = calendar.select
            if theme.topics:
                select = attrs.evolve(select, topics=frozenset(theme.topics))
            series = ctx.index.series(select)
            every = series.bounds(window.start, window.end)
            done = series.bounds(window.start, max(window.start, ctx.achieved_until(window.end)))
            achieved, total = float(done[1] - done[0]), float(every[1] - every[0])
            bound = Bound(min=theme.min_activities)
            closed = ctx.closed(window.last)
            status = judge(bound, achieved, total, closed=closed)
            span_used = every if ctx.as_of is None else done
            carried = series.distinct("topics", [span_used])
            missing = [t for t in theme.topics if t not in carried]
            yield finding(
                calendar,
                status,
                Reason.THEME_TOPICS,
                window=window,
                expected={"min": theme.min_activities, "topics": list(theme.topics)},
                actual=achieved,
                planned=None if closed else total,
                activities=series.ids([span_used]),
                facts={"missing": missing} if missing else {},
            )
