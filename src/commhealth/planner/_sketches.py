"""Sketches of activities: what a proposed activity must carry to count for some targets.

A requirement's selector says which activities count; a sketch is the set of those rules
one proposed activity must pass, so that merging two sketches gives an activity that
counts for both (a lecture on tuberculosis in March counts for the March theme and for the
year's health-education quota). Whether a drawn activity really counts is never taken
from the sketch: the planner asks each requirement's own selector about it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import attrs

from .._activities import Activity, ActivityStatus
from .._selection import Selector

__all__ = ["SCALAR_FIELDS", "SET_FIELDS", "Sketch"]

#: Activity fields that hold one value, and those that hold a set.
SCALAR_FIELDS = ("kind", "organiser", "location", "observance", "title")
SET_FIELDS = ("tags", "topics", "audience", "people")
_PLACEHOLDER_DAY = dt.date(2000, 1, 1)


@attrs.frozen(kw_only=True)
class Sketch:
    """What one proposed activity must carry.

    Attributes:
        kinds: The kinds it may have (``None``: any).
        organisers: The organisers it may have (``None``: any).
        needs: For set fields, the value sets it must meet (hold at least one of each).
        fixed: Field values it must hold: a *for each* value, a new *distinct* value.
        origins: The requirement ids the sketch was made for, in the plan's order.
    """

    kinds: frozenset[str] | None = None
    organisers: frozenset[str] | None = None
    needs: frozenset[tuple[str, frozenset[str]]] = frozenset()
    fixed: frozenset[tuple[str, str]] = frozenset()
    origins: tuple[str, ...] = ()

    @classmethod
    def of(cls, select: Selector, origin: str, fixed: Iterable[tuple[str, str]] = ()) -> Sketch:
        """The sketch of an activity ``select`` passes, holding the ``fixed`` values."""
        needs = frozenset(
            (name, values)
            for name, values in (
                ("tags", select.tags),
                ("topics", select.topics),
                ("audience", select.audience),
            )
            if values
        )
        return cls(
            kinds=select.kind or None,
            organisers=select.organiser or None,
            needs=needs,
            fixed=frozenset(fixed),
            origins=(origin,),
        )

    def merge(self, other: Sketch, order: Callable[[str], int]) -> Sketch | None:
        """One sketch asking for what both ask, or ``None`` when no activity can."""
        kinds = _meet(self.kinds, other.kinds)
        organisers = _meet(self.organisers, other.organisers)
        if kinds == frozenset() or organisers == frozenset():
            return None
        fixed = self.fixed | other.fixed
        scalars: dict[str, str] = {}
        for name, value in sorted(fixed):
            if name in SCALAR_FIELDS and scalars.setdefault(name, value) != value:
                return None
        if "kind" in scalars and kinds is not None and scalars["kind"] not in kinds:
            return None
        if (
            "organiser" in scalars
            and organisers is not None
            and scalars["organiser"] not in organisers
        ):
            return None
        origins = tuple(sorted(set(self.origins) | set(other.origins), key=order))
        return Sketch(
            kinds=kinds,
            organisers=organisers,
            needs=self.needs | other.needs,
            fixed=fixed,
            origins=origins,
        )

    def draw(self, title: str) -> Activity | None:
        """An activity with what the sketch asks for (``title`` unless it fixes one), or
        ``None`` when the fixed values contradict the allowed kinds or organisers."""
        scalars: dict[str, str] = {}
        sets: dict[str, set[str]] = {name: set() for name in SET_FIELDS}
        for name, value in sorted(self.fixed):
            if name in SCALAR_FIELDS:
                if scalars.setdefault(name, value) != value:
                    return None
            else:
                sets[name].add(value)
        kind = scalars.get("kind")
        if kind is None:
            kind = min(self.kinds) if self.kinds else ""
        elif self.kinds is not None and kind not in self.kinds:
            return None
        organiser = scalars.get("organiser")
        if organiser is None:
            organiser = min(self.organisers) if self.organisers else None
        elif self.organisers is not None and organiser not in self.organisers:
            return None
        # Smallest sets first: a value one need must have often meets a wider need too.
        for name, values in sorted(self.needs, key=lambda n: (len(n[1]), n[0], sorted(n[1]))):
            if sets[name].isdisjoint(values):
                sets[name].add(min(values))
        return Activity(
            id="proposed",
            date=_PLACEHOLDER_DAY,
            title=scalars.get("title", title),
            kind=kind,
            topics=frozenset(sets["topics"]),
            tags=frozenset(sets["tags"]),
            audience=frozenset(sets["audience"]),
            people=frozenset(sets["people"]),
            organiser=organiser,
            location=scalars.get("location"),
            observance=scalars.get("observance"),
            status=ActivityStatus.PLANNED,
        )


def _meet(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None:
        return b
    if b is None:
        return a
    return a & b
