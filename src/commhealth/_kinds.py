"""Activity kinds by the names ledgers give them: 健康讲座 is ``health-lecture``.

National standards and most plans select activities by short English codes; a 台账 written
by hand names its kinds in Chinese. The shipped vocabulary (``commhealth/vocabulary.toml``)
lists the names of each code, and a plan adds its own (:class:`KindNames`). In a check, an
activity whose kind is such a name counts as the code — unless a requirement of the plan
selects the name as it is written, in which case it stays as it is.
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

from ._validators import frozen_strs
from .errors import FieldError

__all__ = ["KindNames", "close_kinds", "kind_names", "shipped_kind_names"]


def _names(instance: KindNames, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        raise FieldError(attribute.name, f"kind {instance.kind!r} needs at least one name")


@attrs.frozen(kw_only=True)
class KindNames:
    """The names a ledger may give an activity kind: ``health-lecture`` ← 健康大讲堂."""

    kind: str = attrs.field(validator=attrs.validators.min_len(1))
    names: frozenset[str] = attrs.field(converter=frozen_strs, validator=_names)


@functools.cache
def shipped_kind_names() -> Mapping[str, str]:
    """Each name of the shipped vocabulary and the kind it names, read once."""
    text = resources.files("commhealth").joinpath("vocabulary.toml").read_text("utf-8")
    names: dict[str, str] = {}
    for entry in tomllib.loads(text).get("kinds", []):
        for name in (*entry.get("words", ()), *entry.get("aliases", ())):
            names.setdefault(name, entry["kind"])
    return MappingProxyType(names)


def kind_names(own: Iterable[KindNames] = ()) -> dict[str, str]:
    """Each name and the kind it names: the plan's ``own`` first, then the shipped ones."""
    names = {n: entry.kind for entry in own for n in sorted(entry.names)}
    for name, kind in shipped_kind_names().items():
        names.setdefault(name, kind)
    return names


def close_kinds(kind: str, candidates: Sequence[str], names: Mapping[str, str]) -> list[str]:
    """The ledger kinds that look like ``kind``: by spelling, or by a name that looks like
    one of its names."""
    own = [n for n, k in names.items() if k == kind]
    found = difflib.get_close_matches(kind, candidates, n=3, cutoff=0.6)
    for name in own:
        found += difflib.get_close_matches(name, candidates, n=2, cutoff=0.5)
    return list(dict.fromkeys(found))[:3]
