"""Records built into the model's types, each bad one reported at its place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from ..._activities import Activity, ActivityStatus
from ...errors import CommhealthError, PlanError, Problem
from ..plans._converter import structure

__all__ = ["build_records"]

T = TypeVar("T")


def _direct(record: Mapping[str, object], cls: type[T]) -> T | None:
    """The activity a table's record makes, built directly: its cells are read into their
    fields' types already, so the converter is needed only to word a problem. ``None``
    when the record does not build (the converter then says why)."""
    if cls is not Activity:
        return None
    fields = dict(record)
    try:
        if "status" in fields:
            fields["status"] = ActivityStatus(fields["status"])
        built: T = cls(**fields)
    except (CommhealthError, ValueError, TypeError):
        return None
    return built


def build_records(
    rows: Iterable[tuple[str, dict[str, object]]],
    cls: type[T],
    problems: list[Problem],
    labels: Mapping[str, str] | None = None,
    *,
    typed: bool = False,
) -> list[tuple[str, T]]:
    """The records built into ``cls``, each bad one reported at its place. ``typed``
    records come from a table whose cells are already read into their fields' types."""
    built: list[tuple[str, T]] = []
    first_seen: dict[object, str] = {}
    for where, record in rows:
        ident = record.get("id")
        if isinstance(ident, str | int) and not isinstance(ident, bool):
            if ident in first_seen:
                problems.append(
                    Problem(path=where, message=f"id {ident!r} is also used at {first_seen[ident]}")
                )
                continue
            first_seen[ident] = where
        fast = _direct(record, cls) if typed else None
        if fast is not None:
            built.append((where, fast))
            continue
        try:
            built.append((where, structure(record, cls)))
        except PlanError as e:
            for p in e.problems:
                field = p.path[2:] if p.path.startswith("$.") else ""
                field = (labels or {}).get(field, field)
                path = f"{where}, {field}" if field else where
                problems.append(Problem(path=path, message=p.message))
    return built
