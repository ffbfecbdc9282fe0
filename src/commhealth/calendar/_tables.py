"""Observances as plain tables: the format of ``observances.toml`` and of a plan's ``[[observances]]``.

An observance is a table with ``id``, ``name_zh``, optional ``name_en``, ``aliases``,
``source`` and ``topics``, and either one ``rule`` (a table, with optional ``valid_from``
and ``valid_to`` beside it) or ``rules`` (an array of rule tables, each carrying its own
``valid_from``/``valid_to``). A rule table has a ``kind`` and the keys of that kind:

=============== ===============================================================
kind            keys
=============== ===============================================================
``fixed``       ``month``, ``day``, optional ``days`` (default 1)
``nth_weekday`` ``month``, ``weekday`` (0-6 or "monday"…"sunday"), ``n`` (1-5 or -1),
                optional ``days``
``month``       ``month``
``lunar``       ``month``, ``day`` (lunar), optional ``days``
``announced``   ``dates``: an array of ``{first = date, last = date}`` (both included)
=============== ===============================================================

Reading reports every problem at once, each with its path (``$.observances[3].rule.day``).
The tables are read and written by the plan files' converter
(:mod:`commhealth.loading.plans._converter`); these functions are its observance-sized doors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import ObservanceDataError, Problem
from ._observance import Observance
from ._rules import Rule

__all__ = [
    "ObservanceDataError",
    "observance_from_dict",
    "observance_to_dict",
    "observances_from_dicts",
    "rule_from_dict",
    "rule_to_dict",
]

# The converter is imported where it is used, as commhealth.loading imports this package.


def _read(data: object, cls: Any, path: str) -> Any:
    from ..loading.plans._converter import converter, problems_from  # noqa: PLC0415 - see above

    try:
        return converter.structure(data, cls)
    except Exception as e:
        raise ObservanceDataError(problems_from(e, path)) from None


def observance_from_dict(data: Mapping[str, Any], *, path: str = "$") -> Observance:
    """Read one observance from its table (as ``tomllib`` or a JSON/YAML reader gives it).

    Args:
        data: The table.
        path: Where the table is, to prefix the problems' paths (``$.observances[2]``).

    Raises:
        ObservanceDataError: Every problem found, each with its path.
    """
    observance: Observance = _read(data, Observance, path)
    return observance


def observances_from_dicts(
    items: Iterable[object], *, path: str = "$.observances", source: str | None = None
) -> tuple[Observance, ...]:
    """Read an array of observance tables, reporting every problem of every entry at once.

    Ids must be unique within the array.

    Args:
        items: The tables.
        path: Where the array is; entry ``i`` is reported at ``{path}[i]``.
        source: The file name, to start the error message with.

    Raises:
        ObservanceDataError: Every problem found, each with its entry's index.
    """
    problems: list[Problem] = []
    found: list[Observance] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        try:
            observance: Observance = _read(item, Observance, f"{path}[{i}]")
        except ObservanceDataError as e:
            problems += e.problems
            continue
        if observance.id in seen:
            msg = f"id {observance.id!r} is already used by {path}[{seen[observance.id]}]"
            problems.append(Problem(path=f"{path}[{i}].id", message=msg))
        seen.setdefault(observance.id, i)
        found.append(observance)
    if problems:
        raise ObservanceDataError(problems, source=source)
    return tuple(found)


def rule_from_dict(data: Mapping[str, Any], *, path: str = "$") -> Rule:
    """Read one rule from its table: ``{kind = "fixed", month = 3, day = 24}``.

    Raises:
        ObservanceDataError: Every problem found, each with its path.
    """
    rule: Rule = _read(data, Rule, path)
    return rule


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    """The table of a rule, as :func:`rule_from_dict` reads it; defaults are left out."""
    from ..loading.plans._converter import converter  # noqa: PLC0415 - see above

    table: dict[str, Any] = converter.unstructure(rule, Rule)
    return table


def observance_to_dict(observance: Observance) -> dict[str, Any]:
    """The table of an observance, as :func:`observance_from_dict` reads it.

    Defaults (an empty English name, no aliases, no source, no topics) are left out; one
    rule is written as ``rule`` with its years beside it, several as ``rules``. Dates of
    announced spans stay :class:`datetime.date` objects, which TOML writes natively.
    """
    from ..loading.plans._converter import converter  # noqa: PLC0415 - see above

    table: dict[str, Any] = converter.unstructure(observance, Observance)
    return table
