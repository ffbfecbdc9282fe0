"""Requirement sets from national standards, which any plan can include by id.

>>> from commhealth import standards
>>> "bphs-2017/health-education/centre" in standards.names()
True
>>> [r.id for r in standards.get("bphs-2017/health-education/station").requirements]
['bphs-he-printed', 'bphs-he-bulletin-board', 'bphs-he-lecture']
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

import attrs

from .._plan import Requirement
from ..errors import CommhealthError, PlanError, UnknownStandardError

__all__ = ["Standard", "UnknownStandardError", "get", "names", "standards"]


@attrs.frozen(kw_only=True)
class Standard:
    """A named set of requirements taken from a national standard, with its source."""

    id: str
    title: str
    source: str
    requirements: tuple[Requirement, ...]


@functools.cache
def standards() -> tuple[Standard, ...]:
    """Every shipped standard set, in the order of their data files."""
    from ..loading.plans._converter import structure  # noqa: PLC0415 - the converter imports the model

    found: list[Standard] = []
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        for i, raw in enumerate(data.get("sets", [])):
            try:
                found.append(structure(raw, Standard, source=f"{entry.name} sets[{i}]"))
            except PlanError as e:  # pragma: no cover - shipped data is tested
                raise CommhealthError(str(e)) from None
    return tuple(found)


def names() -> tuple[str, ...]:
    """The ids of the shipped standard sets."""
    return tuple(s.id for s in standards())


def get(standard_id: str) -> Standard:
    """The standard set with this id.

    Raises:
        UnknownStandardError: No set has that id; the message lists those there are.
    """
    for s in standards():
        if s.id == standard_id:
            return s
    raise UnknownStandardError(standard_id, names())
