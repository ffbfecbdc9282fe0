"""Evaluating deadlines: a milestone activity, or a measured figure, by a due date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .._labels import date_label
from .._periods import Window
from .._report import Finding
from .._requirements import Deadline
from .._status import Status
from ._context import Context
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
    title = deadline.title or deadline.id
    due_zh, due_en = date_label(deadline.due, "zh"), date_label(deadline.due, "en")
    if done:
        status, act = Status.MET, done[0]
        zh = f"{title}：{date_label(act.date, 'zh')}完成，未超过期限{due_zh}"
        en = f"{title}: done on {date_label(act.date, 'en')}, by {due_en}"
    elif not ctx.closed(deadline.due):
        if on_time:
            status, act = Status.ON_TRACK, on_time[0]
            zh = f"{title}：计划于{date_label(act.date, 'zh')}完成，期限{due_zh}"
            en = f"{title}: planned for {date_label(act.date, 'en')}, due {due_en}"
        else:
            status, act = Status.AT_RISK, None
            zh = f"{title}：期限{due_zh}前尚无安排"
            en = f"{title}: nothing scheduled before {due_en}"
    else:
        status = Status.MISSED
        late = [a for a in series.activities if a.date > deadline.due]
        late = [a for a in late if ctx.as_of is None or a.date <= ctx.as_of]
        act = late[0] if late else None
        if act is not None:
            zh = f"{title}：期限{due_zh}，逾期至{date_label(act.date, 'zh')}才完成"
            en = f"{title}: due {due_en}, done late on {date_label(act.date, 'en')}"
        else:
            zh = f"{title}：期限{due_zh}，未完成"
            en = f"{title}: due {due_en}, not done"
    yield Finding(
        requirement=deadline.id,
        status=status,
        severity=deadline.severity,
        window=window,
        expected={"due": deadline.due},
        actual=None if act is None else act.date.isoformat(),
        activities=() if act is None else (act.id,),
        source=deadline.source,
        message_zh=zh,
        message_en=en,
    )
