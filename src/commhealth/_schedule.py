"""The schedule: a ledger's activities held as columns.

A :class:`Schedule` keeps one array per field — day numbers, codes into the few distinct
kinds, topic sets, organisers, places and statuses a ledger repeats row after row, the
measures as numbers, the ids — and makes an :class:`~commhealth.Activity` only when one is
asked for. The loaders build a schedule straight from a ledger's columns, and the engine
reads the columns; a city's year of a million rows never becomes a million objects.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from ._activities import Activity, ActivityStatus

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["STATUSES", "Schedule", "Template"]

#: An activity's *template*: the fields a selector reads apart from the organiser.
Template = tuple[str, frozenset[str], frozenset[str], frozenset[str]]
#: The statuses by their code in :attr:`Schedule.status_codes`.
STATUSES = (ActivityStatus.DONE, ActivityStatus.PLANNED, ActivityStatus.CANCELLED)
_STATUS_CODE = {s: i for i, s in enumerate(STATUSES)}
#: Fields held as codes into a table of their distinct values.
_CODED = (
    "template",
    "title",
    "people",
    "organiser",
    "location",
    "observance",
    "notes",
    "extras",
)

_template = attrgetter("kind", "tags", "topics", "audience")


class _Book(dict[Any, int]):
    """Numbers keys in the order they are first met (0, 1, 2, …)."""

    __slots__ = ()

    def __missing__(self, key: Any) -> int:
        code = self[key] = len(self)
        return code


class _Ordinals(dict[Any, int]):
    """A date's ordinal (0 for ``None``), computed once per distinct day."""

    __slots__ = ()

    def __missing__(self, day: Any) -> int:
        o = self[day] = 0 if day is None else day.toordinal()
        return o


def _coded(values: Iterable[Any], n: int) -> tuple[npt.NDArray[np.int32], tuple[Any, ...]]:
    book = _Book()
    codes = np.fromiter(map(book.__getitem__, values), np.int32, n)
    return codes, tuple(book)


class Schedule(Sequence[Activity]):
    """Activities held as columns: what the loaders build and :func:`~commhealth.check` reads.

    ``Schedule(activities)`` takes any iterable of :class:`~commhealth.Activity`, in any
    order; :func:`~commhealth.activities_from_frame` reads a pandas or polars DataFrame
    into one, and :func:`~commhealth.load_activities` a ledger file. A schedule is an
    immutable sequence: ``len``, indexing and iteration give :class:`Activity` values, made
    when asked, in the order the schedule was given; a slice is a schedule.

    >>> import datetime as dt
    >>> from commhealth import Activity, Schedule
    >>> s = Schedule([Activity(id="a1", date=dt.date(2025, 3, 24), kind="lecture")])
    >>> len(s), s[0].kind
    (1, 'lecture')
    """

    __slots__ = (
        "_codes",
        "_day",
        "_end",
        "_hours",
        "_ids",
        "_participants",
        "_status",
        "_tables",
    )

    _ids: list[str]
    _day: npt.NDArray[np.int32]
    _end: npt.NDArray[np.int32]
    _hours: npt.NDArray[np.float64]
    _participants: npt.NDArray[np.int64]
    _status: npt.NDArray[np.int8]
    _codes: dict[str, npt.NDArray[np.int32]]
    _tables: dict[str, tuple[Any, ...]]

    def __init__(self, activities: Iterable[Activity] = ()) -> None:
        if isinstance(activities, Schedule):
            self._adopt(activities)
            return
        acts = activities if isinstance(activities, list | tuple) else list(activities)
        for a in acts:
            if not isinstance(a, Activity):
                msg = f"a schedule holds Activity values, not {type(a).__name__}"
                raise TypeError(msg)
        n = len(acts)
        ordinal = _Ordinals()
        hours = map(attrgetter("hours"), acts)
        people = map(attrgetter("participants"), acts)
        self._fill(
            ids=list(map(attrgetter("id"), acts)),
            day=np.fromiter(map(ordinal.__getitem__, map(attrgetter("date"), acts)), np.int32, n),
            end=np.fromiter(map(ordinal.__getitem__, map(attrgetter("end"), acts)), np.int32, n),
            hours=np.fromiter((math.nan if h is None else h for h in hours), np.float64, n),
            participants=np.fromiter((-1 if p is None else p for p in people), np.int64, n),
            status=np.fromiter(
                map(_STATUS_CODE.__getitem__, map(attrgetter("status"), acts)), np.int8, n
            ),
            coded={
                "template": _coded(map(_template, acts), n),
                **{f: _coded(map(attrgetter(f), acts), n) for f in _CODED[1:]},
            },
        )

    def _adopt(self, other: Schedule) -> None:
        for name in Schedule.__slots__:
            setattr(self, name, getattr(other, name))

    def _fill(
        self,
        *,
        ids: list[str],
        day: npt.NDArray[np.int32],
        end: npt.NDArray[np.int32],
        hours: npt.NDArray[np.float64],
        participants: npt.NDArray[np.int64],
        status: npt.NDArray[np.int8],
        coded: Mapping[str, tuple[npt.NDArray[np.int32], tuple[Any, ...]]],
    ) -> None:
        self._ids = ids
        self._day = day
        self._end = end
        self._hours = hours
        self._participants = participants
        self._status = status
        self._codes = {f: coded[f][0] for f in _CODED}
        self._tables = {f: coded[f][1] for f in _CODED}
        arrays: list[npt.NDArray[Any]] = [day, end, hours, participants, status]
        for array in [*arrays, *self._codes.values()]:
            array.flags.writeable = False

    @classmethod
    def _of(cls, **columns: Any) -> Schedule:
        """A schedule from columns already read and checked (the loaders' way in)."""
        self = cls.__new__(cls)
        self._fill(**columns)
        return self

    # -- the sequence -------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, i: int) -> Activity: ...

    @overload
    def __getitem__(self, i: slice) -> Schedule: ...

    def __getitem__(self, i: int | slice) -> Activity | Schedule:
        if isinstance(i, slice):
            return self.take(range(len(self))[i])
        n = len(self._ids)
        if not -n <= i < n:
            msg = f"schedule index {i} out of range for {n} activities"
            raise IndexError(msg)
        return self._activity(i % n)

    def _activity(self, i: int) -> Activity:
        t = self._tables
        c = self._codes
        kind, tags, topics, audience = t["template"][c["template"][i]]
        end = int(self._end[i])
        hours = float(self._hours[i])
        participants = int(self._participants[i])
        return Activity(
            id=self._ids[i],
            date=dt.date.fromordinal(int(self._day[i])),
            title=t["title"][c["title"][i]],
            kind=kind,
            end=dt.date.fromordinal(end) if end else None,
            hours=None if math.isnan(hours) else hours,
            topics=topics,
            tags=tags,
            audience=audience,
            participants=None if participants < 0 else participants,
            people=t["people"][c["people"][i]],
            organiser=t["organiser"][c["organiser"][i]],
            location=t["location"][c["location"][i]],
            observance=t["observance"][c["observance"][i]],
            status=STATUSES[self._status[i]],
            notes=t["notes"][c["notes"][i]],
            extras=t["extras"][c["extras"][i]],
        )

    def __iter__(self) -> Iterator[Activity]:
        return map(self._activity, range(len(self._ids)))

    def __repr__(self) -> str:
        n = len(self)
        if not n:
            return "Schedule(0 activities)"
        first = dt.date.fromordinal(int(self._day.min())).isoformat()
        last = dt.date.fromordinal(int(self._day.max())).isoformat()
        return f"Schedule({n:,} {'activity' if n == 1 else 'activities'}, {first} … {last})"

    def __eq__(self, other: object) -> bool:
        """Equal to a schedule, or a tuple or list, of equal activities in the same order."""
        if not isinstance(other, Schedule | tuple | list):
            return NotImplemented
        return len(self) == len(other) and all(map(Activity.__eq__, self, other))

    __hash__ = None  # type: ignore[assignment]

    def __add__(self, other: object) -> Schedule:
        """The activities of both, one after the other: ``other`` is a schedule, or a
        tuple or list of activities (a proposal's, say)."""
        if isinstance(other, Schedule):
            return Schedule.concat([self, other])
        if isinstance(other, tuple | list):
            return Schedule.concat([self, Schedule(other)])
        return NotImplemented

    def __radd__(self, other: object) -> Schedule:
        if isinstance(other, tuple | list):
            return Schedule.concat([Schedule(other), self])
        return NotImplemented

    # -- building from schedules ----------------------------------------------------------

    def take(self, positions: Iterable[int] | npt.NDArray[np.intp]) -> Schedule:
        """The activities at ``positions``, in that order, as a schedule."""
        given = positions if isinstance(positions, np.ndarray | Sequence) else list(positions)
        at = np.asarray(given, dtype=np.intp)
        if at.size and (at.min() < -len(self) or at.max() >= len(self)):
            msg = f"schedule positions out of range for {len(self)} activities"
            raise IndexError(msg)
        ids = self._ids
        return Schedule._of(
            ids=list(map(ids.__getitem__, at.tolist())),
            day=self._day[at],
            end=self._end[at],
            hours=self._hours[at],
            participants=self._participants[at],
            status=self._status[at],
            coded={f: (self._codes[f][at], self._tables[f]) for f in _CODED},
        )

    @classmethod
    def concat(cls, schedules: Iterable[Schedule]) -> Schedule:
        """The activities of several schedules, one after another, as one schedule (the
        ledgers of a street office's communities, say). Ids are not checked for repeats."""
        parts = list(schedules)
        if not parts:
            return cls()
        coded: dict[str, tuple[npt.NDArray[np.int32], tuple[Any, ...]]] = {}
        for f in _CODED:
            book = _Book()
            pieces = []
            for s in parts:
                remap = np.fromiter(
                    map(book.__getitem__, s._tables[f]), np.int32, len(s._tables[f])
                )
                pieces.append(remap[s._codes[f]] if remap.size else s._codes[f])
            coded[f] = (np.concatenate(pieces).astype(np.int32), tuple(book))
        ids: list[str] = []
        for s in parts:
            ids += s._ids
        return cls._of(
            ids=ids,
            day=np.concatenate([s._day for s in parts]),
            end=np.concatenate([s._end for s in parts]),
            hours=np.concatenate([s._hours for s in parts]),
            participants=np.concatenate([s._participants for s in parts]),
            status=np.concatenate([s._status for s in parts]),
            coded=coded,
        )

    def with_kinds(self, kinds: Mapping[str, str]) -> Schedule:
        """The schedule with each kind in ``kinds`` renamed to its value."""
        templates = self._tables["template"]
        return self._retemplated([(kinds.get(k, k), *rest) for k, *rest in templates])

    def with_audiences(self, audiences: Mapping[str, str]) -> Schedule:
        """The schedule with each audience in ``audiences`` renamed to its value."""
        templates = self._tables["template"]
        return self._retemplated(
            [
                (kind, tags, topics, frozenset(audiences.get(a, a) for a in audience))
                for kind, tags, topics, audience in templates
            ]
        )

    def _retemplated(self, renamed: list[Any]) -> Schedule:
        """The schedule with template ``i`` made ``renamed[i]`` (equal ones merged)."""
        book = _Book()
        remap = np.fromiter(map(book.__getitem__, map(tuple, renamed)), np.int32, len(renamed))
        out = Schedule.__new__(Schedule)
        out._adopt(self)
        out._codes = {**self._codes, "template": remap[self._codes["template"]]}
        out._tables = {**self._tables, "template": tuple(book)}
        out._codes["template"].flags.writeable = False
        return out

    def by_id(self) -> Mapping[str, Activity]:
        """The activities by id, each made when looked up (of a repeated id, the last)."""
        return _ById(self)

    # -- the columns, for the engine --------------------------------------------------------

    @property
    def ids(self) -> Sequence[str]:
        """Each activity's id, in the schedule's order."""
        return self._ids

    @property
    def day_numbers(self) -> npt.NDArray[np.int32]:
        """Each activity's date as its proleptic ordinal (``date.toordinal()``)."""
        return self._day

    @property
    def end_numbers(self) -> npt.NDArray[np.int32]:
        """Each activity's last day as an ordinal, ``0`` for an activity of one day."""
        return self._end

    @property
    def hours(self) -> npt.NDArray[np.float64]:
        """Each activity's hours, ``NaN`` where the ledger does not say."""
        return self._hours

    @property
    def participants(self) -> npt.NDArray[np.int64]:
        """Each activity's head count, ``-1`` where the ledger does not say."""
        return self._participants

    @property
    def status_codes(self) -> npt.NDArray[np.int8]:
        """Each activity's status as its place in :data:`STATUSES`."""
        return self._status

    def codes(self, field: str) -> tuple[npt.NDArray[np.int32], tuple[Any, ...]]:
        """A coded column and its table: ``table[codes[i]]`` is activity ``i``'s value.

        ``field`` is ``template`` (kind, tags, topics, audience), ``title``, ``people``,
        ``organiser``, ``location`` or ``observance``.
        """
        if field not in self._codes:
            msg = f"not a coded column: {field!r}; expected one of {', '.join(_CODED)}"
            raise ValueError(msg)
        return self._codes[field], self._tables[field]

    def kinds(self, *, counting: bool = False) -> frozenset[str]:
        """The distinct kinds of the schedule; with ``counting``, of the activities that
        are not cancelled."""
        codes, templates = self.codes("template")
        if counting:
            codes = codes[self._status != _STATUS_CODE[ActivityStatus.CANCELLED]]
        return frozenset(templates[t][0] for t in np.unique(codes).tolist())


class _ById(Mapping[str, Activity]):
    """A schedule's activities by id: the ids are numbered when first looked up."""

    __slots__ = ("_at", "_schedule")

    def __init__(self, schedule: Schedule) -> None:
        self._schedule = schedule
        self._at: dict[str, int] | None = None

    def _places(self) -> dict[str, int]:
        if self._at is None:
            self._at = {ident: k for k, ident in enumerate(self._schedule.ids)}
        return self._at

    def __getitem__(self, ident: str) -> Activity:
        return self._schedule._activity(self._places()[ident])

    def __iter__(self) -> Iterator[str]:
        return iter(self._places())

    def __len__(self) -> int:
        return len(self._places())


def as_schedule(activities: Iterable[Activity]) -> Schedule:
    """``activities`` as a schedule (a schedule is returned as it is)."""
    return activities if isinstance(activities, Schedule) else Schedule(activities)
