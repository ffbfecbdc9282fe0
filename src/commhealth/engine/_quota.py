"""Evaluating quotas: a measure of the selected activities, per window, against a bound."""

from __future__ import annotations

from collections.abc import Iterator

from .._periods import Window
from .._report import Finding
from .._requirements import Measure, Quota
from .._status import Reason
from ._context import Context
from ._findings import finding, off_day_findings
from ._index import Series
from ._judge import judge

__all__ = ["evaluate_quota", "quota_finding"]


def _merged(windows: list[Window]) -> list[Window]:
    """Overlapping or touching windows merged, so no day is counted twice."""
    out: list[Window] = []
    for w in sorted(windows):
        if out and w.start <= out[-1].end:
            last = out[-1]
            out[-1] = Window(start=last.start, end=max(last.end, w.end))
        else:
            out.append(w)
    return out


def _measure(quota: Quota, series: Series, spans: list[tuple[int, int]]) -> float:
    if quota.measure is Measure.DISTINCT:
        assert quota.of is not None  # guaranteed by the model's validator
        return float(len(series.distinct(quota.of, spans)))
    return series.total(quota.measure, spans)


def evaluate_quota(quota: Quota, ctx: Context) -> Iterator[Finding]:
    """One finding per window of ``quota.per`` (and per *for each* value)."""
    plan = ctx.plan
    restrict = _merged([plan.window(n) for n in quota.within]) if quota.within else None
    only = quota.workdays_only
    if quota.for_each is None:
        targets: list[tuple[str | None, Series]] = [
            (None, ctx.series(quota.select, workdays_only=only))
        ]
    else:
        parts = ctx.split(quota.select, quota.for_each.field, workdays_only=only)
        empty = Series([])
        targets = [(v, parts.get(v, empty)) for v in plan.for_each_values(quota.for_each)]
    windows = quota.per.windows(plan.span)
    names = (
        {c.id: c.name for c in plan.children if c.name}
        if quota.for_each and quota.for_each.children
        else {}
    )
    for key, series in targets:
        for window in windows:
            pieces = (
                [window]
                if restrict is None
                else [p for r in restrict if (p := window.intersection(r)) is not None]
            )
            if restrict is not None and not pieces:
                continue
            cut = [ctx.achieved_until(p.end) for p in pieces]
            done = [
                series.bounds(p.start, max(c, p.start)) for p, c in zip(pieces, cut, strict=True)
            ]
            every = [series.bounds(p.start, p.end) for p in pieces]
            achieved = _measure(quota, series, done)
            total = _measure(quota, series, every)
            # A quota restricted to named windows is decided once the last of them is over.
            closed = ctx.closed(max(p.last for p in pieces))
            yield quota_finding(
                quota,
                window=window,
                key=key,
                label=None if key is None else names.get(key, key),
                achieved=achieved,
                total=total,
                closed=closed,
                activities=series.ids(every if ctx.as_of is None else done),
            )
    if only:
        yield from off_day_findings(quota, ctx)


def quota_finding(
    quota: Quota,
    *,
    window: Window,
    key: str | None,
    label: str | None,
    achieved: float,
    total: float,
    closed: bool,
    activities: tuple[str, ...],
) -> Finding:
    """The finding of one quota window from its figures (``label`` names ``key`` in words)."""
    return finding(
        quota,
        judge(quota.bound, achieved, total, closed=closed),
        Reason.QUOTA,
        window=window,
        key=key,
        expected=_bound_dict(quota),
        actual=achieved,
        planned=None if closed else total,
        activities=activities,
        facts={"label": label} if label != key else {},
    )


def _bound_dict(quota: Quota) -> dict[str, object]:
    data: dict[str, object] = {}
    if quota.bound.min is not None:
        data["min"] = quota.bound.min
    if quota.bound.max is not None:
        data["max"] = quota.bound.max
    data["measure"] = quota.measure.value if quota.of is None else f"distinct {quota.of}"
    return data
