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
    on_time = series.in_window(window)
    done = [a for a in on_time if ctx.as_of is None or a.date <= ctx.as_of]
    act: Activity | None
    if done:
        status, act = Status.MET, done[0]
    elif not ctx.closed(deadline.due):
        status = Status.ON_TRACK if on_time else Status.AT_RISK
        act = on_time[0] if on_time else None
    else:
        status = Status.MISSED
        late = [a for a in series.activities if a.date > deadline.due]
        late = [a for a in late if ctx.as_of is None or a.date <= ctx.as_of]
        act = late[0] if late else None
    yield finding(
        deadline,
        status,
        Reason.MILESTONE,
        window=window,
        expected={"due": deadline.due},
        actual=None if act is None else act.date.isoformat(),
        activities=() if act is None else (act.id,),
    )
