"""The schedule index: a schedule's columns grouped once, sorted once, searched by bisection.

Built once per check from a :class:`~commhealth.Schedule`'s columns with numpy, so that
no pass over a city's million activities runs a Python step per activity.

*Templates.* Activities are grouped by their *template*: the fields a selector reads
apart from the organiser (kind, tags, topics, audience), which the schedule holds as one
code per activity. A city repeats a few hundred templates a million times, so a selector
is asked about each template, not each activity; it is asked about each organiser of a
template only when it names organisers.

*Canonical order.* Inside the index the activities lie template by template, each
template's in date order, so a template's activities on one day form a *run*, a
contiguous slice. A selector's :class:`Series` is the list of its templates' runs sorted
by day, so that the series reads in date order; on one day, in template order (kind,
tags, topics, audience), then by ``id``. The order the schedule came in never shows in a
report.

*Windows.* ``bounds`` is a binary search over the series' runs, which are day-aligned, so
a window ``[start, end)`` always cuts the series between runs. A measure over a window is
a difference of prefix sums kept per run, not per activity; a *distinct* count over a
template field is a union over the window's templates. Ids and activities are made only
for what a finding or an evaluator asks for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from .._activities import ACTIVITY_FIELDS, Activity
from .._requirements import Measure
from .._schedule import Schedule, Template, as_schedule
from .._selection import Selector
from .._status_rules import counting as counting_in
from ._ids import ActivityIds

if TYPE_CHECKING:
    import numpy.typing as npt

    Ints = npt.NDArray[np.signedinteger[Any]]

__all__ = ["ScheduleIndex", "Series"]

#: The fields a template fixes, by their place in ``Template``.
_TEMPLATE_FIELDS = {"kind": 0, "tags": 1, "topics": 2, "audience": 3}
_NONE: Ints = np.zeros(0, np.int64)


def _values(raw: Iterable[Any]) -> set[str]:
    """The union of :meth:`Activity.values` over raw field values (frozenset, scalar, None)."""
    seen: set[str] = set()
    for v in set(raw):
        if v is None:
            continue
        if isinstance(v, frozenset):
            seen |= v
        else:
            seen.add(str(v))
    return seen


def _template_key(t: Template) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    kind, tags, topics, audience = t
    return (
        str(kind),
        tuple(sorted(map(str, tags))),
        tuple(sorted(map(str, topics))),
        tuple(sorted(map(str, audience))),
    )


def _spread(xs: Ints, ys: Ints) -> Ints:
    """The positions ``xs[k]…ys[k]-1`` of every run ``k``, one after another."""
    lengths = ys - xs
    total = int(lengths.sum())
    if total == len(xs):
        return xs
    starts = np.cumsum(lengths) - lengths
    return np.repeat(xs - starts, lengths) + np.arange(total, dtype=np.int64)


class _Store:
    """The counting activities in the index's order and what is derived from them."""

    __slots__ = ("_codes", "_measures", "ids", "ords", "positions", "schedule")

    def __init__(
        self, schedule: Schedule, positions: Ints, ords: Ints, ids: npt.NDArray[np.object_]
    ) -> None:
        self.schedule = schedule
        self.positions = positions  # each store activity's place in the schedule
        self.ords = ords
        self.ids = ids
        self._measures: dict[Measure, npt.NDArray[np.float64]] = {}
        self._codes: dict[str, tuple[Ints, tuple[Any, ...]]] = {}

    def activity(self, k: int) -> Activity:
        return self.schedule._activity(int(self.positions[k]))

    def codes(self, field: str) -> tuple[Ints, tuple[Any, ...]]:
        """For each store activity, a code into a table of the values of ``field``."""
        found = self._codes.get(field)
        if found is None:
            found = self._codes[field] = self._read_codes(field)
        return found

    def _read_codes(self, field: str) -> tuple[Ints, tuple[Any, ...]]:
        if field in _TEMPLATE_FIELDS:
            codes, table = self.schedule.codes("template")
            at = _TEMPLATE_FIELDS[field]
            return codes[self.positions], tuple(t[at] for t in table)
        if field == "title" or field in ("people", "organiser", "location", "observance"):
            codes, table = self.schedule.codes(field)
            return codes[self.positions], table
        # The error Activity.values raises.
        msg = f"not an activity field: {field!r}; expected one of {', '.join(ACTIVITY_FIELDS)}"
        raise ValueError(msg)

    def measure(self, measure: Measure) -> npt.NDArray[np.float64]:
        """What each store activity adds to ``measure`` (not for *count* or *distinct*)."""
        found = self._measures.get(measure)
        if found is None:
            s, at = self.schedule, self.positions
            if measure is Measure.DAYS:
                end = s.end_numbers[at].astype(np.int64)
                found = np.where(end > 0, end - self.ords + 1, 1).astype(np.float64)
            elif measure is Measure.HOURS:
                found = np.nan_to_num(s.hours[at], nan=0.0)
            else:
                found = np.maximum(s.participants[at], 0).astype(np.float64)
            self._measures[measure] = found
        return found


class Series:
    """The activities one selector picks, in date order, with prefix sums per measure.

    A series is a list of *runs*, slices ``xs[k]:ys[k]`` of the index's store each holding
    activities of one day (one template's, for a selector's series; one activity each, for
    a series cut from another).
    """

    __slots__ = (
        "_cum",
        "_days",
        "_ids",
        "_ords",
        "_run_sums",
        "_store",
        "_sums",
        "_templates",
        "_tmpl",
        "_xs",
        "_ys",
    )

    def __init__(
        self,
        store: _Store,
        *,
        xs: Ints,
        ys: Ints,
        days: Ints,
        tmpl: Ints | None = None,
        templates: Sequence[Template] | None = None,
        run_sums: Callable[[Measure], npt.NDArray[np.float64]] | None = None,
    ) -> None:
        # tmpl, when given, is each run's template, by its place in templates.
        self._store = store
        self._xs, self._ys, self._days, self._tmpl = xs, ys, days, tmpl
        self._templates = templates
        cum = np.zeros(len(xs) + 1, np.int64)
        np.cumsum(ys - xs, out=cum[1:])
        self._cum = cum
        self._ords: list[int] | None = None
        self._ids: Ints | None = None
        self._sums: dict[Measure, npt.NDArray[np.float64]] = {}
        self._run_sums = run_sums

    @classmethod
    def of_positions(cls, store: _Store, positions: Ints) -> Series:
        """The series of store activities ``positions`` (already in the series' order)."""
        return cls(store, xs=positions, ys=positions + 1, days=store.ords[positions])

    def _positions(self) -> Ints:
        """The store place of each activity of the series, in the order of the series."""
        if self._ids is None:
            self._ids = _spread(self._xs, self._ys)
        return self._ids

    def __len__(self) -> int:
        return int(self._cum[-1])

    def day_numbers(self) -> Ints:
        """The date ordinal of each activity of the series, as an array."""
        return self._store.ords[self._positions()]

    @property
    def ordinals(self) -> list[int]:
        """The date ordinal of each activity of the series."""
        if self._ords is None:
            self._ords = self._store.ords[self._positions()].tolist()
        return self._ords

    def activity(self, k: int) -> Activity:
        """The ``k``-th activity of the series."""
        return self._store.activity(int(self._positions()[k]))

    @property
    def activities(self) -> list[Activity]:
        """The activities of the series, in date order (made when asked)."""
        return list(map(self._store.activity, self._positions().tolist()))

    def bounds(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """The slice ``[i, j)`` of activities dated in ``[start, end)``."""
        return self.bounds_ordinal(start.toordinal(), end.toordinal())

    def bounds_ordinal(self, start: int, end: int) -> tuple[int, int]:
        """The slice ``[i, j)`` of activities whose date ordinal is in ``[start, end)``."""
        i, j = np.searchsorted(self._days, (start, end)).tolist()
        c = self._cum
        return int(c[i]), int(c[j])

    def runs_between(self, starts: Ints, ends: Ints) -> tuple[Ints, Ints]:
        """For each pair of day ordinals ``[starts[w], ends[w])``, the runs ``[ki, kj)``
        dated inside it."""
        days = self._days
        return np.searchsorted(days, starts), np.searchsorted(days, ends)

    def count_runs(self, ki: Ints, kj: Ints) -> Ints:
        """How many activities runs ``[ki, kj)`` hold, pair by pair."""
        return self._cum[kj] - self._cum[ki]

    def sum_runs(self, measure: Measure, ki: Ints, kj: Ints) -> npt.NDArray[np.float64]:
        """The summed ``measure`` of runs ``[ki, kj)``, pair by pair (not for *distinct*)."""
        if measure is Measure.COUNT:
            return self.count_runs(ki, kj).astype(np.float64)
        sums = self._run_measure(measure)
        return sums[kj] - sums[ki]

    def distinct_runs(self, field: str, runs: Sequence[tuple[int, int]]) -> frozenset[str]:
        """The distinct values of ``field`` over run slices of the series."""
        at = _TEMPLATE_FIELDS.get(field)
        if at is not None and self._tmpl is not None:
            # Every activity of a template holds the same value of the field.
            used = np.unique(np.concatenate([self._tmpl[i:j] for i, j in runs] or [_NONE]))
            templates = self._templates or ()
            return frozenset(_values(templates[t][at] for t in used.tolist()))
        c = self._cum
        return self._distinct_at(field, [(int(c[i]), int(c[j])) for i, j in runs])

    def run_positions(self, k: Ints) -> list[int]:
        """Where each run ``k`` starts among the activities of the series (``len`` past
        the last)."""
        found: list[int] = self._cum[k].tolist()
        return found

    def _run_spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]] | None:
        """Activity slices as run slices, or None when one cuts through a run."""
        c = self._cum
        flat = [p for span in spans for p in span]
        if not flat:
            return []
        ks = np.searchsorted(c, flat)
        if not np.array_equal(c[np.minimum(ks, len(c) - 1)], flat):
            return None
        it = iter(ks.tolist())
        return list(zip(it, it, strict=True))

    def _run_measure(self, measure: Measure) -> npt.NDArray[np.float64]:
        sums = self._sums.get(measure)
        if sums is None:
            xs, ys = self._xs, self._ys
            if self._run_sums is not None:
                each = self._run_sums(measure)
            elif not len(xs):
                each = np.zeros(0)
            else:
                values = self._store.measure(measure)
                if int(self._cum[-1]) == len(xs):  # runs of one activity each
                    each = values[xs]
                else:
                    each = np.add.reduceat(values[_spread(xs, ys)], self._cum[:-1])
            sums = np.zeros(len(each) + 1)
            np.cumsum(each, out=sums[1:])
            self._sums[measure] = sums
        return sums

    def distinct(self, field: str, spans: Iterable[tuple[int, int]]) -> frozenset[str]:
        """The distinct values of ``field`` over slices of the series."""
        spans = list(spans)
        runs = self._run_spans(spans)
        if runs is not None:
            return self.distinct_runs(field, runs)
        return self._distinct_at(field, spans)

    def _distinct_at(self, field: str, spans: Sequence[tuple[int, int]]) -> frozenset[str]:
        """The distinct values of ``field`` over activity slices, activity by activity."""
        codes, table = self._store.codes(field)
        where = self._positions()
        picked = np.concatenate([where[i:j] for i, j in spans] or [_NONE])
        return frozenset(_values(table[c] for c in np.unique(codes[picked]).tolist()))

    def ids(self, spans: Iterable[tuple[int, int]]) -> ActivityIds:
        """The ids of the activities in slices of the series (made when read)."""
        return ActivityIds(self._store.ids, self._positions, list(spans))

    def filter(self, keep: npt.NDArray[np.bool_]) -> Series:
        """The series of the activities where ``keep`` (one flag per activity) holds."""
        return Series.of_positions(self._store, self._positions()[keep])

    def split(self, field: str) -> dict[str, Series]:
        """The series split by each value of ``field`` (an activity may be in many)."""
        where = self._positions()
        codes, table = self._store.codes(field)
        mine = codes[where]
        order = np.argsort(mine, kind="stable")
        ranked = mine[order]
        cuts = np.flatnonzero(np.diff(ranked)) + 1
        parts: dict[str, list[Ints]] = {}
        for group in np.split(order, cuts) if len(order) else []:
            for value in _values((table[int(mine[group[0]])],)):
                parts.setdefault(value, []).append(group)
        out: dict[str, Series] = {}
        for value, groups in parts.items():
            ks = groups[0] if len(groups) == 1 else np.sort(np.concatenate(groups))
            out[value] = Series.of_positions(self._store, where[ks])
        return out


class ScheduleIndex:
    """Every activity that counts, indexed for selectors.

    ``counting`` says which activities of the schedule count, one flag each, as the status
    table works them out for the check (``_status_rules.counting``); without it, those of
    a plan review.
    """

    def __init__(
        self,
        activities: Schedule | Iterable[Activity],
        counting: npt.NDArray[np.bool_] | None = None,
    ) -> None:
        schedule = as_schedule(activities)
        if counting is None:
            counting = counting_in(schedule, None)
        live = np.flatnonzero(counting)
        tcodes, table = schedule.codes("template")
        ranked = sorted(range(len(table)), key=lambda c: _template_key(table[c]))
        rank = np.empty(len(table), np.int64)
        rank[ranked] = np.arange(len(table))
        tr = rank[tcodes[live]]
        day = schedule.day_numbers[live].astype(np.int64)
        order = np.lexsort((day, tr))  # stable: a run's activities stay as given
        layout = live[order]
        tr, day = tr[order], day[order]
        n = len(layout)
        n_t = max(len(table), 1)
        key = day * n_t + tr  # the runs' order in a series: by day, then template
        starts = np.flatnonzero(np.concatenate(([True], (key[1:] != key[:-1]))) if n else [])
        starts = starts.astype(np.int64)
        ends = np.append(starts[1:], n).astype(np.int64)
        # Ids as an array of objects: laid out, and compared, in C.
        all_ids = np.asarray(schedule.ids, dtype=object)
        ids = all_ids[layout]
        # Inside a run, by id. Ledgers mostly come in that order already, so each run is
        # only checked, and the few that are not are sorted on their own.
        if n > 1:
            out_of_order = (ids[:-1] > ids[1:]) & (key[1:] == key[:-1])
            for r in np.unique(np.searchsorted(starts, np.flatnonzero(out_of_order), "right") - 1):
                x, y = int(starts[r]), int(ends[r])
                by_id = np.argsort(ids[x:y], kind="stable")
                layout[x:y] = layout[x:y][by_id]
                ids[x:y] = all_ids[layout[x:y]]
        store = _Store(schedule, layout, day, ids)
        self._store = store
        self._templates: list[Template] = [table[c] for c in ranked]
        self._run_x, self._run_y = starts, ends
        self._run_day, self._run_t = day[starts], tr[starts]
        self._run_key = key[starts]
        self._first_run = np.searchsorted(self._run_t, np.arange(len(table) + 1))
        self._run_sums: dict[Measure, npt.NDArray[np.float64]] = {}
        self._series: dict[Selector, Series] = {}
        self._split: dict[tuple[Selector, str], dict[str, Series]] = {}

    def empty(self) -> Series:
        """A series of no activities."""
        return Series.of_positions(self._store, _NONE)

    def observed(self) -> Series:
        """Every counting activity that names an observance, in date order."""
        codes, table = self._store.codes("observance")
        named = np.fromiter((v is not None for v in table), np.bool_, len(table))
        return self.series(Selector()).filter(named[codes[self.series(Selector())._positions()]])

    def _index_run_sums(self, measure: Measure) -> npt.NDArray[np.float64]:
        found = self._run_sums.get(measure)
        if found is None:
            values = self._store.measure(measure)
            found = np.add.reduceat(values, self._run_x) if len(values) else values[:0]
            self._run_sums[measure] = found
        return found

    def _composite(self, picked: list[int]) -> Series:
        """The series of the activities of templates ``picked``, run by run in date order."""
        first = self._first_run
        runs = np.concatenate(
            [np.arange(first[t], first[t + 1], dtype=np.int64) for t in picked] or [_NONE]
        )
        if len(picked) > 1:
            runs = runs[np.argsort(self._run_key[runs], kind="stable")]

        def run_sums(measure: Measure) -> npt.NDArray[np.float64]:
            found: npt.NDArray[np.float64] = self._index_run_sums(measure)[runs]
            return found

        return Series(
            self._store,
            xs=self._run_x[runs],
            ys=self._run_y[runs],
            days=self._run_day[runs],
            tmpl=self._run_t[runs],
            templates=self._templates,
            run_sums=run_sums,
        )

    def series(self, selector: Selector) -> Series:
        """The date-sorted series of activities ``selector`` picks."""
        found = self._series.get(selector)
        if found is not None:
            return found
        templates = self._templates
        if not selector.organiser:
            picked = [
                t
                for t, template in enumerate(templates)
                if selector.matches_signature(*template, None)
            ]
            found = self._composite(picked)
        else:
            # The selector names organisers: ask it about each organiser of each template.
            base = self.series(attrs.evolve(selector, organiser=frozenset()))
            where = base._positions()
            codes, organisers = self._store.codes("organiser")
            per_run = base._tmpl if base._tmpl is not None else _NONE
            tmpl = np.repeat(per_run, base._ys - base._xs)
            pair = tmpl * max(len(organisers), 1) + codes[where]
            pairs, inverse = np.unique(pair, return_inverse=True)
            n_o = max(len(organisers), 1)
            keep = np.fromiter(
                (self._matches(selector, p // n_o, organisers[p % n_o]) for p in pairs.tolist()),
                np.bool_,
                len(pairs),
            )
            found = base.filter(keep[inverse.reshape(-1)] if len(pairs) else keep[:0])
        self._series[selector] = found
        return found

    def _matches(self, selector: Selector, template: int, organiser: str | None) -> bool:
        kind, tags, topics, audience = self._templates[template]
        return selector.matches_signature(kind, tags, topics, audience, organiser)

    def split(self, selector: Selector, field: str) -> dict[str, Series]:
        """The series of ``selector`` split by each value of ``field`` (an activity may be in many)."""
        key = (selector, field)
        found = self._split.get(key)
        if found is None:
            found = self._split[key] = self.series(selector).split(field)
        return found
