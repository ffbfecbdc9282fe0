"""The schedule index: activities sorted once, grouped once, searched by bisection.

Built once per check, in a few passes over the schedule that run in C (``map``,
``attrgetter``, ``list.sort``) rather than in a Python loop per activity:

1. The activities that count are put in one canonical order, by date and then by ``id``,
   so that the order the schedule came in never shows in a report. Each activity is then
   known by its *rank* in that order, and the index keeps the activities, their date
   ordinals and their ids in three rank-ordered lists.
2. Activities are grouped by their *template*, the fields a selector reads apart from the
   organiser (kind, tags, topics, audience). A city repeats a few hundred templates a
   million times, so a selector is tested against each template, not each activity, and
   against each organiser of a template only when it names organisers.
3. A selector's :class:`Series` is the sorted list of the ranks it picks: one template's
   list as it is, or several merged by one ``list.sort`` (which merges sorted runs).

A window ``[start, end)`` of a series is then two binary searches: the day's first rank in
the whole schedule, then that rank in the series. Per-measure prefix sums, per-field values
and the ``Activity`` objects of a series are built only when an evaluator first asks.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain, compress, repeat
from operator import attrgetter, is_not, itemgetter
from typing import Any

from .._activities import ACTIVITY_FIELDS, Activity, ActivityStatus
from .._periods import Window
from .._requirements import Measure
from .._selection import Selector

__all__ = ["ScheduleIndex", "Series"]

_Template = tuple[str, frozenset[str], frozenset[str], frozenset[str]]
_template = attrgetter("kind", "tags", "topics", "audience")
_date = attrgetter("date")
_id = attrgetter("id")
_status = attrgetter("status")
_organiser = attrgetter("organiser")
_ends = attrgetter("end")
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


class _Store:
    """Date-sorted activities and what is derived from them, shared by many series."""

    __slots__ = ("_ids", "_measures", "_raw", "acts", "ords")

    def __init__(self, acts: list[Activity], ords: list[int] | None = None) -> None:
        self.acts = acts
        self.ords = ords if ords is not None else [a.date.toordinal() for a in acts]
        self._ids: list[str] | None = None
        self._raw: dict[str, list[Any]] = {}
        self._measures: dict[Measure, list[float]] = {}

    @property
    def ids(self) -> list[str]:
        if self._ids is None:
            self._ids = list(map(_id, self.acts))
        return self._ids

    def raw(self, field: str) -> list[Any]:
        """The value of ``field`` on each activity, as the activity holds it."""
        found = self._raw.get(field)
        if found is None:
            if field not in ACTIVITY_FIELDS:
                # The same error Activity.values raises.
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
                ends = list(map(_ends, acts))
                for i in compress(range(len(acts)), map(is_not, ends, repeat(None))):
                    found[i] = float(acts[i].days)
            elif measure is Measure.HOURS:
                found = [h or 0.0 for h in map(_hours, acts)]
            else:
                found = [float(p or 0) for p in map(_participants, acts)]
            self._measures[measure] = found
        return found


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


class Series:
    """The activities one selector picks, sorted by date, with prefix sums per measure.

    ``Series(activities)`` takes a list already in date order. The index builds its series
    as a list of ranks into its own date-sorted arrays instead, and makes ``activities``,
    ``ordinals``, prefix sums and field values only when asked.
    """

    __slots__ = ("_acts", "_ords", "_pos", "_prefix", "_raw", "_store")

    def __init__(self, activities: list[Activity]) -> None:
        self._store = _Store(activities)
        self._pos: list[int] | None = None
        self._acts: list[Activity] | None = activities
        self._ords: list[int] | None = self._store.ords
        self._prefix: dict[Measure, list[float]] = {}
        self._raw: dict[str, list[Any]] = {}

    @classmethod
    def _ranks(cls, store: _Store, positions: list[int] | None) -> Series:
        """The series of the activities at ``positions`` (ascending) of ``store``; all if None."""
        self = cls.__new__(cls)
        self._store = store
        self._pos = positions
        self._acts = store.acts if positions is None else None
        self._ords = store.ords if positions is None else None
        self._prefix = {}
        self._raw = {}
        return self

    @property
    def activities(self) -> list[Activity]:
        """The activities of the series, in date order."""
        if self._acts is None:
            assert self._pos is not None
            self._acts = list(map(self._store.acts.__getitem__, self._pos))
        return self._acts

    @property
    def ordinals(self) -> list[int]:
        """The date ordinal of each activity of the series."""
        if self._ords is None:
            assert self._pos is not None
            self._ords = list(map(self._store.ords.__getitem__, self._pos))
        return self._ords

    def __len__(self) -> int:
        return len(self._store.acts) if self._pos is None else len(self._pos)

    def bounds(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """The slice ``[i, j)`` of activities dated in ``[start, end)``."""
        o = self._store.ords
        lo, hi = bisect_left(o, start.toordinal()), bisect_left(o, end.toordinal())
        p = self._pos
        if p is None:
            return lo, hi
        return bisect_left(p, lo), bisect_left(p, hi)

    def _sums(self, measure: Measure) -> list[float]:
        sums = self._prefix.get(measure)
        if sums is None:
            values = self._store.measure(measure)
            each = values if self._pos is None else map(values.__getitem__, self._pos)
            sums = self._prefix[measure] = [0.0, *accumulate(each)]
        return sums

    def total(self, measure: Measure, spans: Iterable[tuple[int, int]]) -> float:
        """The summed ``measure`` over slices of the series (not for *distinct*)."""
        if measure is Measure.COUNT:
            return float(sum(j - i for i, j in spans))
        sums = self._sums(measure)
        return sum(sums[j] - sums[i] for i, j in spans)

    def _field(self, field: str) -> list[Any]:
        found = self._raw.get(field)
        if found is None:
            raw = self._store.raw(field)
            found = raw if self._pos is None else list(map(raw.__getitem__, self._pos))
            self._raw[field] = found
        return found

    def distinct(self, field: str, spans: Iterable[tuple[int, int]]) -> frozenset[str]:
        """The distinct values of ``field`` over slices of the series."""
        raw = self._field(field)
        return frozenset(_values(chain.from_iterable(raw[i:j] for i, j in spans)))

    def ids(self, spans: Iterable[tuple[int, int]]) -> tuple[str, ...]:
        """The ids of the activities in slices of the series."""
        ids = self._store.ids
        p = self._pos
        if p is None:
            return tuple(chain.from_iterable(ids[i:j] for i, j in spans))
        ranks = (
            [r for i, j in spans for r in p[i:j]]
            if len(spans := list(spans)) > 1
            else (p[spans[0][0] : spans[0][1]] if spans else [])
        )
        if len(ranks) < 2:
            return tuple(map(ids.__getitem__, ranks))
        # itemgetter builds the tuple at its final size in one C call.
        found: tuple[str, ...] = itemgetter(*ranks)(ids)
        return found

    def in_window(self, window: Window) -> list[Activity]:
        """The activities dated inside ``window``."""
        i, j = self.bounds(window.start, window.end)
        if self._acts is not None:
            return self._acts[i:j]
        assert self._pos is not None
        return list(map(self._store.acts.__getitem__, self._pos[i:j]))

    def _split(self, field: str) -> dict[str, Series]:
        """The series split by each value of ``field`` (an activity may be in many)."""
        by_raw: dict[Any, list[int]] = {}
        positions: Iterable[int] = range(len(self._store.acts)) if self._pos is None else self._pos
        for p, v in zip(positions, self._field(field), strict=True):
            group = by_raw.get(v)
            if group is None:
                by_raw[v] = [p]
            else:
                group.append(p)
        parts: dict[str, list[list[int]]] = {}
        for v, group in by_raw.items():
            for value in _values((v,)):
                parts.setdefault(value, []).append(group)
        return {
            value: Series._ranks(self._store, _merge(groups)) for value, groups in parts.items()
        }


def _merge(lists: Sequence[list[int]]) -> list[int]:
    """Ascending lists of ranks merged into one (``list.sort`` merges sorted runs)."""
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
        ordinal = _Ordinals()
        ords = list(map(ordinal.__getitem__, map(_date, live)))
        ids = list(map(_id, live))
        # By date, then by id: two stable sorts, the second one over ints.
        order = sorted(range(len(live)), key=ids.__getitem__)
        order.sort(key=ords.__getitem__)
        acts = list(map(live.__getitem__, order))
        store = _Store(acts, list(map(ords.__getitem__, order)))
        store._ids = list(map(ids.__getitem__, order))
        # Templates are numbered in the schedule's own order, which follows memory.
        book = _Codes()
        codes = list(map(book.__getitem__, map(_template, live)))
        ranked = list(map(codes.__getitem__, order))
        by_template: list[list[int]] = [[] for _ in book]
        append = [g.append for g in by_template]
        for rank, code in enumerate(ranked):
            append[code](rank)
        self._store = store
        self._templates: list[tuple[_Template, list[int]]] = list(
            zip(book, by_template, strict=True)
        )
        self._series: dict[Selector, Series] = {}
        self._split: dict[tuple[Selector, str], dict[str, Series]] = {}

    def all_activities(self) -> list[Activity]:
        """Every activity that counts, in date order (then by id)."""
        return self._store.acts

    def _picked(self, selector: Selector) -> Iterator[list[int]]:
        """The rank lists of the activities ``selector`` picks, one per template."""
        organisers = self._store.raw("organiser") if selector.organiser else None
        for template, ranks in self._templates:
            if organisers is None:
                if selector.matches_signature(*template, None):
                    yield ranks
                continue
            # The selector names organisers: ask it about each organiser of the template.
            keep = {
                o
                for o in set(map(organisers.__getitem__, ranks))
                if selector.matches_signature(*template, o)
            }
            if keep:
                yield list(
                    compress(ranks, map(keep.__contains__, map(organisers.__getitem__, ranks)))
                )

    def series(self, selector: Selector) -> Series:
        """The date-sorted series of activities ``selector`` picks."""
        found = self._series.get(selector)
        if found is None:
            picked = list(self._picked(selector))
            if len(picked) == len(self._templates) and not selector.organiser:
                found = Series._ranks(self._store, None)
            else:
                found = Series._ranks(self._store, _merge(picked) if picked else [])
            self._series[selector] = found
        return found

    def split(self, selector: Selector, field: str) -> dict[str, Series]:
        """The series of ``selector`` split by each value of ``field`` (an activity may be in many)."""
        key = (selector, field)
        found = self._split.get(key)
        if found is None:
            found = self._split[key] = self.series(selector)._split(field)
        return found
