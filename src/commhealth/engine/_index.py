"""The schedule index: activities grouped once, sorted once, searched by bisection.

Built once per check, in passes over the schedule that run in C (``map``, ``attrgetter``,
``list.sort``) rather than a Python loop per activity, and with the schedule's own memory
order kept wherever a pass reads the activities themselves.

*Templates.* Activities are grouped by their *template*: the fields a selector reads
apart from the organiser (kind, tags, topics, audience). A city repeats a few hundred
templates a million times, so a selector is asked about each template, not each
activity; it is asked about each organiser of a template only when it names organisers.

*Canonical order.* Inside the index the activities lie template by template, each
template's in date order, so a template's activities on one day form a *run*, a
contiguous slice. A selector's :class:`Series` is the list of its templates' runs sorted
by day, so that the series reads in date order; on one day, in template order (kind,
tags, topics, audience), then by ``id``. The order the schedule came in never shows in a
report.

*Windows.* ``bounds`` is a binary search over the series' runs, which are day-aligned, so
a window ``[start, end)`` always cuts the series between runs. A measure over a window is
a difference of prefix sums kept per run, not per activity; a *distinct* count over a
template field is a union over the window's templates. Only the ids, the activities and
the other fields are laid out one per activity, and only when an evaluator asks.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain, compress, repeat
from operator import attrgetter, gt, is_not, sub
from typing import Any, TypeVar

import attrs

from .._activities import ACTIVITY_FIELDS, Activity, ActivityStatus
from .._periods import Window
from .._requirements import Measure
from .._selection import Selector

__all__ = ["ScheduleIndex", "Series"]

_T = TypeVar("_T")
_Template = tuple[str, frozenset[str], frozenset[str], frozenset[str]]
#: The fields a template fixes, by their place in ``_Template``.
_TEMPLATE_FIELDS = {"kind": 0, "tags": 1, "topics": 2, "audience": 3}
_template = attrgetter("kind", "tags", "topics", "audience")
_date = attrgetter("date")
_id = attrgetter("id")
_status = attrgetter("status")
_end = attrgetter("end")
_hours = attrgetter("hours")
_participants = attrgetter("participants")


class _Codes(dict[Any, int]):
    """Numbers keys in the order they are first met (0, 1, 2, …)."""

    __slots__ = ()

    def __missing__(self, key: Any) -> int:
        code = self[key] = len(self)
        return code


class _Ordinals(dict[dt.date, int]):
    """A date's ordinal, computed once per distinct day (a year has few of them)."""

    __slots__ = ()

    def __missing__(self, day: dt.date) -> int:
        o = self[day] = day.toordinal()
        return o


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


def _slices(values: list[_T], starts: Iterable[int], ends: Iterable[int]) -> Iterator[list[_T]]:
    """``values[start:end]`` for each pair of ``starts`` and ``ends``."""
    return map(values.__getitem__, map(slice, starts, ends))


def _template_key(t: _Template) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    kind, tags, topics, audience = t
    return (
        str(kind),
        tuple(sorted(map(str, tags))),
        tuple(sorted(map(str, topics))),
        tuple(sorted(map(str, audience))),
    )


class _Store:
    """Activities in the index's order and what is derived from them, shared by series."""

    __slots__ = ("_measures", "_raw", "acts", "ids", "ords")

    def __init__(self, acts: list[Activity], ords: list[int], ids: list[str]) -> None:
        self.acts = acts
        self.ords = ords
        self.ids = ids
        self._raw: dict[str, list[Any]] = {}
        self._measures: dict[Measure, list[float]] = {}

    def raw(self, field: str) -> list[Any]:
        """The value of ``field`` on each activity, as the activity holds it."""
        found = self._raw.get(field)
        if found is None:
            if field not in ACTIVITY_FIELDS:
                # The error Activity.values raises.
                msg = f"not an activity field: {field!r}; expected one of {', '.join(ACTIVITY_FIELDS)}"
                raise ValueError(msg)
            found = self._raw[field] = list(map(attrgetter(field), self.acts))
        return found

    def measure(self, measure: Measure) -> list[float]:
        """What each activity adds to ``measure`` (not for *count* or *distinct*)."""
        found = self._measures.get(measure)
        if found is None:
            acts = self.acts
            if measure is Measure.DAYS:
                found = [1.0] * len(acts)
                has_end = map(is_not, map(_end, acts), repeat(None))
                for i in compress(range(len(acts)), has_end):
                    found[i] = float(acts[i].days)
            elif measure is Measure.HOURS:
                found = [h or 0.0 for h in map(_hours, acts)]
            else:
                found = [float(p or 0) for p in map(_participants, acts)]
            self._measures[measure] = found
        return found


class Series:
    """The activities one selector picks, in date order, with prefix sums per measure.

    ``Series(activities)`` takes a list already in date order. The index builds its series
    as *runs*, slices of its own arrays each holding one template's activities of one day,
    and lays out ``activities``, ``ordinals`` and ids one per activity only when asked.
    """

    __slots__ = (
        "_acts",
        "_cum",
        "_days",
        "_ids",
        "_ords",
        "_raw",
        "_store",
        "_sums",
        "_templates",
        "_tmpl",
        "_xs",
        "_ys",
    )

    _acts: list[Activity] | None
    _ords: list[int] | None
    _ids: list[str] | None
    _sums: dict[Measure, list[float]]
    _raw: dict[str, list[Any]]

    def __init__(self, activities: list[Activity]) -> None:
        ords = [a.date.toordinal() for a in activities]
        store = _Store(activities, ords, [a.id for a in activities])
        self._setup(
            store,
            xs=list(range(len(activities))),
            ys=None,
            days=ords,
            tmpl=None,
            templates=None,
            cum=None,
        )
        self._acts = activities
        self._ords = ords

    def _setup(
        self,
        store: _Store,
        *,
        xs: list[int],
        ys: list[int] | None,
        days: list[int],
        tmpl: list[int] | None,
        templates: Sequence[_Template] | None,
        cum: list[int] | None,
    ) -> None:
        # A run k is store[xs[k]:ys[k]], all on day days[k]; ys is None when every run is
        # one activity long, and then cum (the position each run starts at) is too.
        self._store = store
        self._xs = xs
        self._ys = ys
        self._days = days
        self._tmpl = tmpl
        self._templates = templates
        self._cum = cum
        self._acts = None
        self._ords = None
        self._ids = None
        self._sums = {}
        self._raw = {}

    @classmethod
    def _of(
        cls,
        store: _Store,
        *,
        xs: list[int],
        ys: list[int] | None,
        days: list[int],
        tmpl: list[int] | None = None,
        templates: Sequence[_Template] | None = None,
    ) -> Series:
        self = cls.__new__(cls)
        cum = None if ys is None else list(accumulate(map(sub, ys, xs), initial=0))
        self._setup(store, xs=xs, ys=ys, days=days, tmpl=tmpl, templates=templates, cum=cum)
        return self

    def _spread(self, values: list[_T]) -> list[_T]:
        """``values`` (one per store activity) laid out in the order of the series."""
        if self._ys is None:
            return list(map(values.__getitem__, self._xs))
        return list(chain.from_iterable(_slices(values, self._xs, self._ys)))

    @property
    def activities(self) -> list[Activity]:
        """The activities of the series, in date order."""
        if self._acts is None:
            self._acts = self._spread(self._store.acts)
        return self._acts

    @property
    def ordinals(self) -> list[int]:
        """The date ordinal of each activity of the series."""
        if self._ords is None:
            self._ords = self._spread(self._store.ords)
        return self._ords

    def _id_list(self) -> list[str]:
        if self._ids is None:
            self._ids = self._spread(self._store.ids)
        return self._ids

    def _field(self, field: str) -> list[Any]:
        found = self._raw.get(field)
        if found is None:
            found = self._raw[field] = self._spread(self._store.raw(field))
        return found

    def _positions(self) -> list[int]:
        """The store index of each activity of the series, in the order of the series."""
        if self._ys is None:
            return self._xs
        return list(chain.from_iterable(map(range, self._xs, self._ys)))

    def __len__(self) -> int:
        return len(self._xs) if self._cum is None else self._cum[-1]

    def bounds(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """The slice ``[i, j)`` of activities dated in ``[start, end)``."""
        d = self._days
        i, j = bisect_left(d, start.toordinal()), bisect_left(d, end.toordinal())
        c = self._cum
        return (i, j) if c is None else (c[i], c[j])

    def _run(self, position: int) -> int | None:
        """The run that starts at ``position``, or None when a run straddles it."""
        c = self._cum
        if c is None:
            return position
        k = bisect_left(c, position)
        return k if k < len(c) and c[k] == position else None

    def _run_spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]] | None:
        out = []
        for i, j in spans:
            ki, kj = self._run(i), self._run(j)
            if ki is None or kj is None:
                return None
            out.append((ki, kj))
        return out

    def _run_sums(self, measure: Measure) -> list[float]:
        sums = self._sums.get(measure)
        if sums is None:
            values = self._store.measure(measure)
            if self._ys is None:
                each: Iterable[float] = map(values.__getitem__, self._xs)
            else:
                each = map(sum, map(values.__getitem__, map(slice, self._xs, self._ys)))
            sums = self._sums[measure] = [0.0, *accumulate(each)]
        return sums

    def total(self, measure: Measure, spans: Iterable[tuple[int, int]]) -> float:
        """The summed ``measure`` over slices of the series (not for *distinct*)."""
        spans = list(spans)
        if measure is Measure.COUNT:
            return float(sum(j - i for i, j in spans))
        runs = self._run_spans(spans)
        if runs is None:
            # Slices that cut through a run: add up their activities one by one.
            values = self._spread(self._store.measure(measure))
            return sum(sum(values[i:j]) for i, j in spans)
        sums = self._run_sums(measure)
        return sum(sums[j] - sums[i] for i, j in runs)

    def distinct(self, field: str, spans: Iterable[tuple[int, int]]) -> frozenset[str]:
        """The distinct values of ``field`` over slices of the series."""
        spans = list(spans)
        at = _TEMPLATE_FIELDS.get(field)
        if at is not None and self._tmpl is not None and self._templates is not None:
            runs = self._run_spans(spans)
            if runs is not None:
                # Every activity of a template holds the same value of the field.
                used = set(chain.from_iterable(self._tmpl[i:j] for i, j in runs))
                return frozenset(_values(self._templates[t][at] for t in used))
        raw = self._field(field)
        return frozenset(_values(chain.from_iterable(raw[i:j] for i, j in spans)))

    def ids(self, spans: Iterable[tuple[int, int]]) -> tuple[str, ...]:
        """The ids of the activities in slices of the series."""
        spans = list(spans)
        if self._ids is None and self._ys is not None:
            runs = self._run_spans(spans)
            if runs is not None:
                # Straight from the index's runs, without laying out the whole series.
                ids, xs, ys = self._store.ids, self._xs, self._ys
                pieces = chain.from_iterable(_slices(ids, xs[i:j], ys[i:j]) for i, j in runs)
                return tuple(chain.from_iterable(pieces))
        ids = self._id_list()
        if len(spans) == 1:
            i, j = spans[0]
            return tuple(ids[i:j])
        return tuple(chain.from_iterable(ids[i:j] for i, j in spans))

    def in_window(self, window: Window) -> list[Activity]:
        """The activities dated inside ``window``."""
        i, j = self.bounds(window.start, window.end)
        return self.activities[i:j]

    def _split(self, field: str) -> dict[str, Series]:
        """The series split by each value of ``field`` (an activity may be in many)."""
        by_raw: dict[Any, list[int]] = {}
        for k, v in enumerate(self._field(field)):
            group = by_raw.get(v)
            if group is None:
                by_raw[v] = [k]
            else:
                group.append(k)
        parts: dict[str, list[list[int]]] = {}
        for v, group in by_raw.items():
            for value in _values((v,)):
                parts.setdefault(value, []).append(group)
        where, ords = self._positions(), self.ordinals
        out: dict[str, Series] = {}
        for value, groups in parts.items():
            ks = _merge(groups)
            xs = list(map(where.__getitem__, ks))
            out[value] = Series._of(
                self._store, xs=xs, ys=None, days=list(map(ords.__getitem__, ks))
            )
        return out


def _merge(lists: Sequence[list[int]]) -> list[int]:
    """Ascending lists merged into one (``list.sort`` merges sorted runs)."""
    if len(lists) == 1:
        return lists[0]
    merged = list(chain.from_iterable(lists))
    merged.sort()
    return merged


class ScheduleIndex:
    """Every activity that counts (cancelled ones never do), indexed for selectors."""

    def __init__(self, activities: Iterable[Activity]) -> None:
        given = activities if isinstance(activities, list) else list(activities)
        # Activity.counts, asked of the whole list at once.
        live = list(
            compress(given, map(is_not, map(_status, given), repeat(ActivityStatus.CANCELLED)))
        )
        # One pass per field, in the schedule's own order (which follows memory).
        book = _Codes()
        codes = list(map(book.__getitem__, map(_template, live)))
        ordinal = _Ordinals()
        ords_in = list(map(ordinal.__getitem__, map(_date, live)))
        ids_in = list(map(_id, live))
        members: list[list[int]] = [[] for _ in book]
        append = [m.append for m in members]
        for i, code in enumerate(codes):
            append[code](i)
        found = list(book)
        ranked = sorted(range(len(found)), key=lambda c: _template_key(found[c]))
        layout: list[int] = []
        bounds: list[tuple[int, int]] = []
        for code in ranked:
            group = members[code]
            group.sort(key=ords_in.__getitem__)  # stable: a day's activities stay as given
            bounds.append((len(layout), len(layout) + len(group)))
            layout += group
        ords = list(map(ords_in.__getitem__, layout))
        ids = list(map(ids_in.__getitem__, layout))
        # The runs: each template's activities of one day. Their sort key is the day, then
        # the template's place, so that sorting a selector's runs puts them in date order.
        n_t = len(ranked)
        run_x: list[int] = []
        run_y: list[int] = []
        run_day: list[int] = []
        run_key: list[int] = []
        first_run: list[int] = []
        for t, (a, b) in enumerate(bounds):
            first_run.append(len(run_x))
            days = list(dict.fromkeys(ords[a:b]))
            starts = [bisect_left(ords, d, a, b) for d in days]
            run_x += starts
            run_y += starts[1:]
            run_y.append(b)
            run_day += days
            run_key += map(t.__add__, map(n_t.__mul__, days))
        first_run.append(len(run_x))
        # Inside a run, by id. Ledgers mostly come in that order already, so each run is
        # only checked, and the few that are not are sorted on their own.
        for x, y in zip(run_x, run_y, strict=True):
            if y - x > 1 and any(map(gt, ids[x : y - 1], ids[x + 1 : y])):
                order = sorted(range(x, y), key=ids.__getitem__)
                layout[x:y] = map(layout.__getitem__, order)
                ids[x:y] = map(ids_in.__getitem__, layout[x:y])
        store = _Store(list(map(live.__getitem__, layout)), ords, ids)
        self._store = store
        self._templates: list[_Template] = [found[c] for c in ranked]
        self._first_run = first_run
        self._run_x, self._run_y, self._run_day, self._run_key = run_x, run_y, run_day, run_key
        self._series: dict[Selector, Series] = {}
        self._split: dict[tuple[Selector, str], dict[str, Series]] = {}

    def all_activities(self) -> list[Activity]:
        """Every activity that counts, in date order (then template, then id)."""
        return self.series(Selector()).activities

    def _composite(self, picked: list[int]) -> Series:
        """The series of the activities of templates ``picked``, run by run in date order."""
        first = self._first_run
        runs = list(chain.from_iterable(range(first[t], first[t + 1]) for t in picked))
        if len(picked) > 1:
            runs.sort(key=self._run_key.__getitem__)
        n_t = len(self._templates)
        return Series._of(
            self._store,
            xs=list(map(self._run_x.__getitem__, runs)),
            ys=list(map(self._run_y.__getitem__, runs)),
            days=list(map(self._run_day.__getitem__, runs)),
            tmpl=[k % n_t for k in map(self._run_key.__getitem__, runs)],
            templates=self._templates,
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
            organisers = base._field("organiser")
            per_run = base._tmpl or []
            sizes = map(sub, base._ys or [], base._xs)
            tmpl = list(chain.from_iterable(map(repeat, per_run, sizes)))
            keep = {
                (t, o)
                for t, o in set(zip(tmpl, organisers, strict=True))
                if selector.matches_signature(*templates[t], o)
            }
            mask = list(map(keep.__contains__, zip(tmpl, organisers, strict=True)))
            found = Series._of(
                self._store,
                xs=list(compress(base._positions(), mask)),
                ys=None,
                days=list(compress(base.ordinals, mask)),
            )
        self._series[selector] = found
        return found

    def split(self, selector: Selector, field: str) -> dict[str, Series]:
        """The series of ``selector`` split by each value of ``field`` (an activity may be in many)."""
        key = (selector, field)
        found = self._split.get(key)
        if found is None:
            found = self._split[key] = self.series(selector)._split(field)
        return found
