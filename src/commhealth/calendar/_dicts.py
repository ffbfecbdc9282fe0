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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from ..errors import FieldError, Problem, _ProblemsError
from ._observance import Observance, RuleVersion
from ._rules import (
    RULE_KINDS,
    WEEKDAYS,
    Announced,
    AnnouncedSpan,
    FixedDate,
    LunarDate,
    NthWeekday,
    Rule,
    WholeMonth,
)

__all__ = [
    "ObservanceDataError",
    "observance_from_dict",
    "observance_to_dict",
    "observances_from_dicts",
    "rule_from_dict",
    "rule_to_dict",
]


_T = TypeVar("_T")


class ObservanceDataError(_ProblemsError, ValueError):
    """Observance tables (the package's data file or a plan's) could not be read.

    ``problems`` lists every problem with its path, such as ``$.observances[3].rule.day``.
    """


_RULE_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (required keys besides 'kind', optional keys)
    "fixed": (("month", "day"), ("days",)),
    "nth_weekday": (("month", "weekday", "n"), ("days",)),
    "month": (("month",), ()),
    "lunar": (("month", "day"), ("days",)),
    "announced": (("dates",), ()),
}
_VERSION_KEYS = ("valid_from", "valid_to")
_OBSERVANCE_REQUIRED = ("id", "name_zh")
_OBSERVANCE_OPTIONAL = (
    "name_en",
    "rule",
    "rules",
    "valid_from",
    "valid_to",
    "aliases",
    "source",
    "topics",
)


class _Reader:
    """Reads typed values out of tables, noting every problem instead of stopping at one."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def note(self, path: str, message: str) -> None:
        self.problems.append(Problem(path=path, message=message))

    def table(self, value: object, path: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.note(path, f"must be a table (got {_kind_of(value)})")
        return None

    def keys(
        self, data: Mapping[str, Any], path: str, required: Sequence[str], optional: Sequence[str]
    ) -> None:
        """Note unknown and missing keys; reading goes on, to find the other problems too."""
        allowed = (*required, *optional)
        for key in data:
            if key not in allowed:
                self.note(
                    f"{path}.{key}", f"unknown key {key!r}; expected one of {', '.join(allowed)}"
                )
        for key in required:
            if key not in data:
                self.note(f"{path}.{key}", f"missing required key {key!r}")

    def integer(self, data: Mapping[str, Any], key: str, path: str) -> int | None:
        value = data.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        self.note(f"{path}.{key}", f"{key!r} must be a whole number (got {value!r})")
        return None

    def text(self, data: Mapping[str, Any], key: str, path: str) -> str | None:
        value = data.get(key)
        if value is None or isinstance(value, str):
            return value
        self.note(f"{path}.{key}", f"{key!r} must be text (got {value!r})")
        return None

    def texts(self, data: Mapping[str, Any], key: str, path: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.note(f"{path}.{key}", f"{key!r} must be a list of text (got {value!r})")
        return ()

    def date(self, data: Mapping[str, Any], key: str, path: str) -> dt.date | None:
        value = data.get(key)
        if value is None:  # a missing key is reported as such
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.note(f"{path}.{key}", f"{key!r} must be a date such as 2022-06-11 (got {value!r})")
        return None

    def build(self, path: str, cls: Callable[..., _T], **kwargs: Any) -> _T | None:
        """``cls(**kwargs)``, with a validator's failure noted at the field's path."""
        try:
            return cls(**kwargs)
        except FieldError as e:
            self.note(f"{path}.{e.field}", e.message)
            return None


def _kind_of(value: object) -> str:
    return "nothing" if value is None else f"{type(value).__name__} {value!r}"


def _weekday(reader: _Reader, data: Mapping[str, Any], path: str) -> int | None:
    value = data["weekday"]
    if isinstance(value, str) and value.strip().lower() in WEEKDAYS:
        return WEEKDAYS.index(value.strip().lower())
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    msg = f"'weekday' must be 0 (Monday) to 6 (Sunday) or a name, {', '.join(WEEKDAYS)} (got {value!r})"
    reader.note(f"{path}.weekday", msg)
    return None


def _make_rule(kind: str, **fields: Any) -> Rule:
    return RULE_KINDS[kind](**fields)


def _read_rule(reader: _Reader, value: object, path: str, extra: Sequence[str] = ()) -> Rule | None:
    data = reader.table(value, path)
    if data is None:
        return None
    kind = data.get("kind")
    if kind not in _RULE_KEYS:
        reader.note(f"{path}.kind", f"'kind' must be one of {', '.join(RULE_KINDS)} (got {kind!r})")
        return None
    required, optional = _RULE_KEYS[kind]
    before = len(reader.problems)
    reader.keys(data, path, ("kind", *required), (*optional, *extra))
    if kind == "announced":
        spans = data.get("dates", [])
        if not isinstance(spans, list | tuple):
            reader.note(f"{path}.dates", f"'dates' must be an array of tables (got {spans!r})")
            return None
        built = []
        for i, item in enumerate(spans):
            item_path = f"{path}.dates[{i}]"
            span = reader.table(item, item_path)
            if span is None:
                continue
            reader.keys(span, item_path, ("first", "last"), ())
            first, last = (
                reader.date(span, "first", item_path),
                reader.date(span, "last", item_path),
            )
            if first is not None and last is not None:
                built.append(reader.build(item_path, AnnouncedSpan, first=first, last=last))
        if len(reader.problems) > before:
            return None
        return reader.build(path, Announced, dates=tuple(built))
    fields: dict[str, Any] = {}
    for key in (*required, *optional):
        if key == "weekday" and key in data:
            fields[key] = _weekday(reader, data, path)
        elif key in data:
            fields[key] = reader.integer(data, key, path)
    if len(reader.problems) > before:
        return None
    return reader.build(path, _make_rule, kind=kind, **fields)


def _read_observance(reader: _Reader, value: object, path: str) -> Observance | None:
    data = reader.table(value, path)
    if data is None:
        return None
    before = len(reader.problems)
    reader.keys(data, path, _OBSERVANCE_REQUIRED, _OBSERVANCE_OPTIONAL)
    fields: dict[str, Any] = {
        "id": reader.text(data, "id", path),
        "name_zh": reader.text(data, "name_zh", path),
        "name_en": reader.text(data, "name_en", path) or "",
        "source": reader.text(data, "source", path) or "",
        "aliases": reader.texts(data, "aliases", path),
        "topics": reader.texts(data, "topics", path),
    }
    versions: list[RuleVersion | None] = []
    if ("rule" in data) == ("rules" in data):
        reader.note(
            path, "give either 'rule' (one rule) or 'rules' (rules by year), not both or neither"
        )
    elif "rule" in data:
        rule = _read_rule(reader, data["rule"], f"{path}.rule")
        years = {k: reader.integer(data, k, path) for k in _VERSION_KEYS}
        if rule is not None:
            versions.append(reader.build(path, RuleVersion, rule=rule, **years))
    else:
        if any(k in data for k in _VERSION_KEYS):
            reader.note(path, "with 'rules', give 'valid_from' and 'valid_to' inside each rule")
        items = data["rules"]
        if not isinstance(items, list | tuple):
            reader.note(f"{path}.rules", f"'rules' must be an array of tables (got {items!r})")
            items = []
        for i, item in enumerate(items):
            item_path = f"{path}.rules[{i}]"
            rule = _read_rule(reader, item, item_path, extra=_VERSION_KEYS)
            if rule is not None:
                years = {k: reader.integer(item, k, item_path) for k in _VERSION_KEYS}
                versions.append(reader.build(item_path, RuleVersion, rule=rule, **years))
    if len(reader.problems) > before:
        return None
    return reader.build(path, Observance, rules=tuple(versions), **fields)


def observance_from_dict(data: Mapping[str, Any], *, path: str = "$") -> Observance:
    """Read one observance from its table (as ``tomllib`` or a JSON/YAML reader gives it).

    Args:
        data: The table.
        path: Where the table is, to prefix the problems' paths (``$.observances[2]``).

    Raises:
        ObservanceDataError: Every problem found, each with its path.
    """
    reader = _Reader()
    observance = _read_observance(reader, data, path)
    if observance is None or reader.problems:
        raise ObservanceDataError(reader.problems)
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
    reader = _Reader()
    found: list[Observance] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        observance = _read_observance(reader, item, f"{path}[{i}]")
        if observance is None:
            continue
        if observance.id in seen:
            reader.note(
                f"{path}[{i}].id",
                f"id {observance.id!r} is already used by {path}[{seen[observance.id]}]",
            )
        seen.setdefault(observance.id, i)
        found.append(observance)
    if reader.problems:
        raise ObservanceDataError(reader.problems, source=source)
    return tuple(found)


def rule_from_dict(data: Mapping[str, Any], *, path: str = "$") -> Rule:
    """Read one rule from its table: ``{kind = "fixed", month = 3, day = 24}``.

    Raises:
        ObservanceDataError: Every problem found, each with its path.
    """
    reader = _Reader()
    rule = _read_rule(reader, data, path)
    if rule is None or reader.problems:
        raise ObservanceDataError(reader.problems)
    return rule


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    """The table of a rule, as :func:`rule_from_dict` reads it; defaults are left out."""
    out: dict[str, Any] = {"kind": rule.kind}
    if isinstance(rule, FixedDate | LunarDate):
        out |= {"month": rule.month, "day": rule.day}
    elif isinstance(rule, NthWeekday):
        out |= {"month": rule.month, "weekday": WEEKDAYS[rule.weekday], "n": rule.n}
    elif isinstance(rule, WholeMonth):
        out["month"] = rule.month
    else:
        out["dates"] = [{"first": span.first, "last": span.last} for span in rule.dates]
    if isinstance(rule, FixedDate | LunarDate | NthWeekday) and rule.days != 1:
        out["days"] = rule.days
    return out


def _version_years(version: RuleVersion) -> dict[str, int]:
    years = {"valid_from": version.valid_from, "valid_to": version.valid_to}
    return {k: v for k, v in years.items() if v is not None}


def observance_to_dict(observance: Observance) -> dict[str, Any]:
    """The table of an observance, as :func:`observance_from_dict` reads it.

    Defaults (an empty English name, no aliases, no source, no topics) are left out; one
    rule is written as ``rule`` with its years beside it, several as ``rules``. Dates of
    announced spans stay :class:`datetime.date` objects, which TOML writes natively.
    """
    out: dict[str, Any] = {"id": observance.id, "name_zh": observance.name_zh}
    if observance.name_en:
        out["name_en"] = observance.name_en
    if len(observance.rules) == 1:
        out["rule"] = rule_to_dict(observance.rules[0].rule)
        out |= _version_years(observance.rules[0])
    else:
        out["rules"] = [rule_to_dict(v.rule) | _version_years(v) for v in observance.rules]
    if observance.aliases:
        out["aliases"] = list(observance.aliases)
    if observance.source:
        out["source"] = observance.source
    if observance.topics:
        out["topics"] = list(observance.topics)
    return out
