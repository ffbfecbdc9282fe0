"""Coded values by the names ledgers give them: 健康讲座 is the kind ``health-lecture``,
老年人 the audience ``elderly``.

National standards and most plans select activities by short English codes; a 台账 written
by hand names its kinds and audiences in Chinese. The shipped vocabulary
(``commhealth/vocabulary.toml``) lists the names of each code, and a plan adds its own
(:class:`KindNames`, :class:`AudienceNames`). In a check, a code and its names are one
value: an activity whose kind (or audience) is such a name counts as the code when the plan
selects the code, and the code or another of its names counts as the name when the plan
selects that one name — unless the plan selects the value as it is written, in which case
it stays as it is (a plan that selects two names of one code tells them apart).
"""

from __future__ import annotations

import difflib
import functools
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs

from ._limits import MAX_HINT_CANDIDATES
from ._validators import frozen_strs
from .errors import FieldError

__all__ = [
    "AudienceNames",
    "Candidates",
    "KindNames",
    "audience_names",
    "close_kinds",
    "kind_names",
    "readings",
    "shipped_audience_names",
    "shipped_kind_names",
]


def _names(
    instance: KindNames | AudienceNames, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if not value:
        what = "kind" if isinstance(instance, KindNames) else "audience"
        msg = f"{what} {instance.code!r} needs at least one name"
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class KindNames:
    """The names a ledger may give an activity kind: ``health-lecture`` ← 健康大讲堂."""

    kind: str = attrs.field(validator=attrs.validators.min_len(1))
    names: frozenset[str] = attrs.field(converter=frozen_strs, validator=_names)

    @property
    def code(self) -> str:
        """The kind the names name."""
        return self.kind


@attrs.frozen(kw_only=True)
class AudienceNames:
    """The names a ledger may give an audience: ``elderly`` ← 65岁以上老年人."""

    audience: str = attrs.field(validator=attrs.validators.min_len(1))
    names: frozenset[str] = attrs.field(converter=frozen_strs, validator=_names)

    @property
    def code(self) -> str:
        """The audience the names name."""
        return self.audience


def _shipped(section: str, key: str) -> Mapping[str, str]:
    text = resources.files("commhealth").joinpath("vocabulary.toml").read_text("utf-8")
    names: dict[str, str] = {}
    for entry in tomllib.loads(text).get(section, []):
        for name in (*entry.get("words", ()), *entry.get("aliases", ())):
            names.setdefault(name, entry[key])
    return MappingProxyType(names)


@functools.cache
def shipped_kind_names() -> Mapping[str, str]:
    """Each name of the shipped vocabulary and the kind it names, read once."""
    return _shipped("kinds", "kind")


@functools.cache
def shipped_audience_names() -> Mapping[str, str]:
    """Each name of the shipped vocabulary and the audience it names, read once."""
    return _shipped("audiences", "audience")


def _with_shipped(
    own: Iterable[KindNames | AudienceNames], shipped: Mapping[str, str]
) -> dict[str, str]:
    names = {n: entry.code for entry in own for n in sorted(entry.names)}
    for name, code in shipped.items():
        names.setdefault(name, code)
    return names


def kind_names(own: Iterable[KindNames | AudienceNames] = ()) -> dict[str, str]:
    """Each name and the kind it names: the plan's ``own`` first, then the shipped ones
    (entries of ``own`` that name audiences are left out)."""
    return _with_shipped((e for e in own if isinstance(e, KindNames)), shipped_kind_names())


def audience_names(own: Iterable[KindNames | AudienceNames] = ()) -> dict[str, str]:
    """Each name and the audience it names: the plan's ``own`` first, then the shipped ones
    (entries of ``own`` that name kinds are left out)."""
    return _with_shipped((e for e in own if isinstance(e, AudienceNames)), shipped_audience_names())


def readings(
    values: Iterable[str], selected: frozenset[str], names: Mapping[str, str]
) -> dict[str, str]:
    """The ledger's values that a plan selecting ``selected`` reads as another: each to the
    code it names, when the plan selects that code, or to the one name of its code the
    plan selects. A value the plan selects as it is written, or whose code the plan selects
    by several names, is left as it is."""
    codes = set(names.values())
    by_code: dict[str, list[str]] = {}
    for name, code in names.items():
        if name in selected:
            by_code.setdefault(code, []).append(name)
    out: dict[str, str] = {}
    for value in values:
        if value in selected:
            continue
        if value in names:
            code = names[value]
        elif value in codes:
            code = value
        else:
            continue
        if code in selected:
            if code != value:
                out[value] = code
            continue
        chosen = by_code.get(code, [])
        if len(chosen) == 1 and chosen[0] != value:
            out[value] = chosen[0]
    return out


class Candidates:
    """The names a hint looks among, kept by length: :func:`close_kinds` compares a name
    with at most :data:`~commhealth._limits.MAX_HINT_CANDIDATES` of them, those nearest its
    length first, so that a ledger of a million distinct kinds is hinted at as fast as one
    of a thousand. Nothing is left out while there are no more than that."""

    __slots__ = ("_by_length", "_widest")

    def __init__(self, names: Iterable[str]) -> None:
        self._by_length: dict[int, list[str]] = {}
        for name in names:
            self._by_length.setdefault(len(name), []).append(name)
        self._widest = max(self._by_length, default=0)

    def nearest(self, name: str, limit: int = MAX_HINT_CANDIDATES) -> list[str]:
        """At most ``limit`` names, those nearest ``name``'s length first: a name of far
        another length cannot look like it (difflib's ratio is at most 2·min/(sum))."""
        found: list[str] = []
        n = len(name)
        for gap in range(max(n, self._widest) + 1):
            for length in (n - gap, n + gap) if gap else (n,):
                found += self._by_length.get(length, ())
            if len(found) >= limit:
                return found[:limit]
        return found


def close_kinds(
    kind: str, candidates: Sequence[str] | Candidates, names: Mapping[str, str]
) -> list[str]:
    """The ledger kinds that look like ``kind``: by spelling, or by a name that looks like
    one of its names (an audience's the same way)."""
    among = candidates if isinstance(candidates, Candidates) else Candidates(candidates)
    own = [n for n, k in names.items() if k == kind]
    found = difflib.get_close_matches(kind, among.nearest(kind), n=3, cutoff=0.6)
    for name in own:
        found += difflib.get_close_matches(name, among.nearest(name), n=2, cutoff=0.5)
    return list(dict.fromkeys(found))[:3]
