"""Evaluating deadlines: a milestone activity, or a measured figure, by a due date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .._activities import Activity
from .._periods import Window
from .._report import Finding
from .._requirements import Deadline
from .._status import Reason, Status
from ._context import Context
from ._findings import finding
from ._measured import judge_figure

__all__ = ["evaluate_deadline"]


def evaluate_deadline(deadline: Deadline, ctx: Context) -> Iterator[Finding]:
    """One finding: met when the milestone is done (or the figure reached) by the due date."""
    if deadline.metric is not None:
        assert deadline.bound is not None  # guaranteed by the model's validator
        yield judge_figure(
            ctx,
            requirement=deadline,
            metric=deadline.metric,
            bound=deadline.bound,
            unit=deadline.unit,
            due=deadline.due,
        )
        return
    assert deadline.select is not None  # guaranteed by the model's validator
    series = ctx.index.series(deadline.select)
    span_start = min(ctx.plan.span.start, deadline.due)
    window = Window(start=span_start, end=deadline.due + dt.timedelta(days=1))
    due = deadline.due.toordinal()
    # What is known by as_of: activities dated up to it (every one, in a plan review).
    known = dt.date.max.toordinal() + 1 if ctx.as_of is None else ctx.as_of.toordinal() + 1
    i, j = series.bounds_ordinal(window.start.toordinal(), due + 1)
    done = series.bounds_ordinal(window.start.toordinal(), min(due + 1, known))
    act: Activity | None
    if done[1] > done[0]:
        status, act = Status.MET, series.activity(done[0])
    elif not ctx.closed(deadline.due):
        status = Status.ON_TRACK if j > i else Status.AT_RISK
        act = series.activity(i) if j > i else None
    else:
        status = Status.MISSED
        late = series.bounds_ordinal(due + 1, max(due + 1, known))
        act = series.activity(late[0]) if late[1] > late[0] else None
    yield finding(
        deadline,
        status,
        Reason.MILESTONE,
        window=window,
        expected={"due": deadline.due},
        actual=None if act is None else act.date.isoformat(),
        activities=() if act is None else (act.id,),
    )
