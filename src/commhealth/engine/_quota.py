"""Evaluating quotas: a measure of the selected activities, per window, against a bound."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .._periods import Window
from .._report import _NO_FACTS, Finding
from .._requirements import Measure, Quota
from .._status import Reason
from ._context import Context
from ._findings import finding, off_day_findings
from ._index import Series
from ._judge import judge

if TYPE_CHECKING:
    import numpy.typing as npt

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


def _pieces(quota: Quota, ctx: Context) -> list[tuple[Window, list[Window]]]:
    """Each window of the quota with the parts of it that count (the named windows it is
    limited to); windows that meet none of them are left out."""
    plan = ctx.plan
    windows = quota.per.windows(plan.span)
    if not quota.within:
        return [(w, [w]) for w in windows]
    restrict = _merged([plan.window(n) for n in quota.within])
    out = []
    for window in windows:
        pieces = [p for r in restrict if (p := window.intersection(r)) is not None]
        if pieces:
            out.append((window, pieces))
    return out


def evaluate_quota(quota: Quota, ctx: Context) -> Iterator[Finding]:
    """One finding per window of ``quota.per`` (and per *for each* value).

    The windows' figures are worked out together for each series: two binary searches
    over its runs for all the windows at once, then differences of prefix sums.
    """
    plan = ctx.plan
    only = quota.workdays_only
    if quota.for_each is None:
        targets: list[tuple[str | None, Series]] = [
            (None, ctx.series(quota.select, workdays_only=only))
        ]
    else:
        parts = ctx.split(quota.select, quota.for_each.field, workdays_only=only)
        empty = ctx.index.empty()
        targets = [(v, parts.get(v, empty)) for v in plan.for_each_values(quota.for_each)]
    names = (
        {c.id: c.name for c in plan.children if c.name}
        if quota.for_each and quota.for_each.children
        else {}
    )
    kept = _pieces(quota, ctx)
    flat = [(k, p) for k, (_, pieces) in enumerate(kept) for p in pieces]
    of_window = np.array([k for k, _ in flat], np.int64)
    starts = np.array([p.start.toordinal() for _, p in flat], np.int64)
    ends = np.array([p.end.toordinal() for _, p in flat], np.int64)
    cuts = np.maximum(starts, [ctx.achieved_until(p.end).toordinal() for _, p in flat])
    # A quota restricted to named windows is decided once the last of them is over.
    closed = [ctx.closed(max(p.last for p in pieces)) for _, pieces in kept]
    single = len(flat) == len(kept)
    pieces_of: list[list[int]] = [[] for _ in kept]
    for i, (k, _) in enumerate(flat):
        pieces_of[k].append(i)
    review = ctx.as_of is None
    measure = quota.measure
    expected = _bound_dict(quota)
    for key, series in targets:
        every = series.runs_between(starts, ends)
        done = (every[0], series.runs_between(starts, cuts)[1])
        achieved_of: list[float]
        total_of: list[float]
        if measure is Measure.DISTINCT:
            assert quota.of is not None  # guaranteed by the model's validator
            achieved_of = _distinct_per_window(series, quota.of, done, of_window, len(kept))
            total_of = _distinct_per_window(series, quota.of, every, of_window, len(kept))
        else:
            achieved = series.sum_runs(measure, *done)
            total = series.sum_runs(measure, *every)
            if not single:
                achieved = np.asarray(np.bincount(of_window, achieved, len(kept)), np.float64)
                total = np.asarray(np.bincount(of_window, total, len(kept)), np.float64)
            achieved_of, total_of = achieved.tolist(), total.tolist()
        shown = every if review else done
        ki, kj = series.run_positions(shown[0]), series.run_positions(shown[1])
        label = None if key is None else names.get(key, key)
        for k, (window, _) in enumerate(kept):
            yield quota_finding(
                quota,
                window=window,
                key=key,
                label=label,
                achieved=float(achieved_of[k]),
                total=float(total_of[k]),
                closed=closed[k],
                activities=series.ids([(ki[i], kj[i]) for i in pieces_of[k]]),
                expected=expected,
            )
    if only:
        yield from off_day_findings(quota, ctx)


def _distinct_per_window(
    series: Series,
    field: str,
    runs: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]],
    of_window: npt.NDArray[np.int64],
    windows: int,
) -> list[float]:
    """The number of distinct values of ``field`` in each window (over its pieces)."""
    ki, kj = runs[0].tolist(), runs[1].tolist()
    pieces: list[list[tuple[int, int]]] = [[] for _ in range(windows)]
    for i, k in enumerate(of_window.tolist()):
        pieces[k].append((ki[i], kj[i]))
    return [float(len(series.distinct_runs(field, p))) for p in pieces]


def quota_finding(
    quota: Quota,
    *,
    window: Window,
    key: str | None,
    label: str | None,
    achieved: float,
    total: float,
    closed: bool,
    activities: Sequence[str],
    expected: Mapping[str, object] | None = None,
) -> Finding:
    """The finding of one quota window from its figures (``label`` names ``key`` in words;
    ``expected`` is the quota's bound as a finding shows it, when worked out already)."""
    return finding(
        quota,
        judge(quota.bound, achieved, total, closed=closed),
        Reason.QUOTA,
        window=window,
        key=key,
        expected=_bound_dict(quota) if expected is None else dict(expected),
        actual=achieved,
        planned=None if closed else total,
        activities=activities,
        facts={"label": label} if label != key else _NO_FACTS,
    )


def _bound_dict(quota: Quota) -> dict[str, object]:
    data: dict[str, object] = {}
    if quota.bound.min is not None:
        data["min"] = quota.bound.min
    if quota.bound.max is not None:
        data["max"] = quota.bound.max
    data["measure"] = quota.measure.value if quota.of is None else f"distinct {quota.of}"
    return data
