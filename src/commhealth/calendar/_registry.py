"""The registry of observances: look one up by any of its names, list a year's occurrences."""

from __future__ import annotations

import difflib
import functools
import tomllib
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

import attrs

from .._limits import MAX_YEAR, MIN_YEAR
from ..errors import CalendarDataError, FieldError, UnknownObservance
from ._observance import Observance, Occurrence
from ._tables import observances_from_dicts

__all__ = ["ObservanceRegistry", "UnknownObservance", "default_registry"]

_DATA_FILE = "observances.toml"


def _normal(key: str) -> str:
    """Names match whatever their case and spacing: "World AIDS Day" is "world aids  day"."""
    return " ".join(key.split()).casefold()


def _names(observance: Observance) -> tuple[str, ...]:
    names = (observance.id, observance.name_zh, observance.name_en, *observance.aliases)
    return tuple(name for name in names if name)


def _index(observances: tuple[Observance, ...]) -> dict[str, Observance]:
    index: dict[str, Observance] = {}
    for observance in observances:
        for name in _names(observance):
            other = index.setdefault(_normal(name), observance)
            if other.id != observance.id:
                msg = (
                    f"the name {name!r} is used by both {other.id!r} and {observance.id!r}; "
                    "a name or alias must point to one observance"
                )
                raise FieldError("observances", msg)
    return index


def _covered(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        msg = (
            f"no observance dates for the year {year}: the calendar covers {MIN_YEAR} to {MAX_YEAR}"
        )
        raise CalendarDataError(msg)


def _unique_ids(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    seen: set[str] = set()
    for observance in value:
        if observance.id in seen:
            msg = f"'observances' lists the id {observance.id!r} twice; ids must be unique"
            raise FieldError(attribute.name, msg)
        seen.add(observance.id)


@attrs.frozen(kw_only=True)
class ObservanceRegistry:
    """A set of observances with unique ids, and unambiguous names and aliases.

    :func:`default_registry` holds the package's observances; a plan adds its own local
    days, or corrects a date, with :meth:`with_observances`.
    """

    observances: tuple[Observance, ...] = attrs.field(default=(), validator=_unique_ids)
    _by_name: dict[str, Observance] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Frozen: the index is computed once, and building it checks that names are unambiguous.
        object.__setattr__(self, "_by_name", _index(self.observances))

    def __iter__(self) -> Iterator[Observance]:
        return iter(self.observances)

    def __len__(self) -> int:
        return len(self.observances)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and _normal(key) in self._by_name

    def get(self, key: str) -> Observance:
        """The observance with this id, Chinese name, English name or alias.

        Case and spacing do not matter: ``"老人节"``, ``"double-ninth-festival"`` and
        ``"Double Ninth Festival"`` find the same observance.

        Raises:
            UnknownObservance: Nothing matches; the message suggests close names.
        """
        try:
            return self._by_name[_normal(key)]
        except KeyError:
            close = difflib.get_close_matches(_normal(key), list(self._by_name), n=3, cutoff=0.6)
            names = {_normal(n): n for o in self.observances for n in _names(o)}
            raise UnknownObservance(key, (names[c] for c in close)) from None

    def occurrence(self, key: str, year: int) -> Occurrence | None:
        """The first occurrence in ``year`` of the observance ``key``, or ``None``.

        ``None`` means the observance does not fall in that year: it was not held yet (or any
        more), its announced dates for the year are unknown, or its lunar date falls in a
        neighbouring solar year.

        Raises:
            UnknownObservance: No observance is called ``key``.
            CalendarDataError: The rule is a lunar date and ``lunar-python`` is missing, or
                ``year`` lies outside the years the calendar covers.
        """
        _covered(year)
        found = self.get(key).occurrences(year)
        return found[0] if found else None

    def occurrences(self, year: int) -> tuple[Occurrence, ...]:
        """Every occurrence that starts in ``year``, by first day and then by id.

        Raises:
            CalendarDataError: A rule is a lunar date and ``lunar-python`` is missing, or
                ``year`` lies outside the years the calendar covers.
        """
        _covered(year)
        return tuple(sorted(occ for o in self.observances for occ in o.occurrences(year)))

    def with_observances(self, extra: Iterable[Observance]) -> ObservanceRegistry:
        """A registry with ``extra`` added; an extra replaces the observance with its id.

        This is how a plan adds a local festival or gives the dates of an announced week.

        Raises:
            FieldError: ``extra`` repeats an id, or a name now points to two observances.
        """
        extra = tuple(extra)
        _unique_ids(None, attrs.fields(ObservanceRegistry).observances, extra)
        replaced = {o.id: o for o in extra}
        kept = tuple(replaced.pop(o.id, o) for o in self.observances)
        return ObservanceRegistry(observances=kept + tuple(replaced.values()))


@functools.cache
def default_registry() -> ObservanceRegistry:
    """The observances shipped with commhealth (``observances.toml``), read once.

    Raises:
        ObservanceDataError: The data file is broken; every problem is listed with the
            entry's index.
    """
    text = resources.files("commhealth.calendar").joinpath(_DATA_FILE).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    observances = observances_from_dicts(data.get("observances", []), source=_DATA_FILE)
    return ObservanceRegistry(observances=observances)
