"""The one cattrs converter behind every file format, and how its errors become problems.

It structures and unstructures the whole plan model, the observance tables of
``calendar/observances.toml`` included. The two tagged unions, requirements (tagged by
``type``) and observance rules (tagged by ``kind``), use cattrs' tagged-union strategy.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, cast

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from ..._activities import Activity, ActivityStatus
from ..._goals import Direction
from ..._periods import Cadence
from ..._plan import Plan, Requirement
from ..._requirements import Measure, Roll, Severity
from ..._scheme import Figure
from ..._scoring import ScoringRule
from ...calendar._rules import Announced, Rule
from ...errors import FieldError, PlanError, Problem, _ProblemsError
from ._observance_hooks import configure_observances, configure_rule_versions
from ._tags import (
    _FIGURE_TAGS,
    _RULE_TAGS,
    _SCORING_TAGS,
    REQUIREMENT_TYPES,
    _describe,
    _file_keys,
    _table,
    _unknown_key,
)

__all__ = ["REQUIREMENT_TYPES", "converter", "problems_from", "structure"]

T = TypeVar("T")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        msg = f"expected a date without a time of day (got {value.isoformat()})"
        raise ValueError(msg)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        # fromisoformat also reads week dates and compact forms; only YYYY-MM-DD is the format.
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    shown = repr(value) if isinstance(value, str) else _describe(value)
    msg = f"expected a date as YYYY-MM-DD (got {shown})"
    raise ValueError(msg)


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        msg = f"expected text (got {_describe(value)})"
        raise TypeError(msg)
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"expected a whole number (got {_describe(value)})"
        raise TypeError(msg)
    if isinstance(value, float) and not value.is_integer():
        msg = f"expected a whole number (got {value!r})"
        raise ValueError(msg)
    return int(value)


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"expected a number (got {_describe(value)})"
        raise TypeError(msg)
    # A whole number stays one: 2**53 + 1 as a float would come back as 2**53.
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        msg = f"expected true or false (got {_describe(value)})"
        raise TypeError(msg)
    return value


def _structure_strset(value: object, _: type) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset((value,))
    if not isinstance(value, list | tuple | set | frozenset):
        msg = f"expected a list of text (got {_describe(value)})"
        raise TypeError(msg)
    bad = [v for v in value if not isinstance(v, str)]
    if bad:
        msg = f"expected a list of text (got {_describe(bad[0])} in it)"
        raise TypeError(msg)
    return frozenset(value)


def _enum_hook(cls: type[enum.Enum]) -> Any:
    def structure(value: object, _: type) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(repr(m.value) for m in cls)
            msg = f"expected one of {choices} (got {value!r})"
            raise ValueError(msg) from None

    return structure


def _structure_cadence(value: object, _: type) -> Cadence:
    if not isinstance(value, str):
        msg = f"expected a cadence such as 'month' (got {_describe(value)})"
        raise TypeError(msg)
    try:
        return Cadence.parse(value)
    except FieldError as e:
        # Reported at the path of the field being read, which already names it.
        raise ValueError(e.message) from None


def _is_array(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _array_factory(c: cattrs.Converter) -> Callable[[Any], Any]:
    """Homogeneous tuples from arrays only: cattrs would read the text "ab" as ("a", "b")."""

    def factory(tp: Any) -> Any:
        items = homogenous_tuple_structure_factory(tp, c)

        def structure(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                msg = f"expected an array (got {_describe(value)})"
                raise TypeError(msg)
            result: tuple[Any, ...] = items(value, tp)
            return result

        return structure

    return factory


def _named(attribute: attrs.Attribute[Any]) -> Sequence[str] | None:
    """The names of a whole-number field's values (weekdays), from its ``names`` metadata."""
    names: Sequence[str] | None = attribute.metadata.get("names")
    return names


def _structure_named(names: Sequence[str], field: str) -> Any:
    """A whole number given as itself or by its name (``"Sunday"``, any case, is 6)."""

    def structure(value: object, _: type) -> int:
        if isinstance(value, str) and value.strip().lower() in names:
            return names.index(value.strip().lower())
        if isinstance(value, int) and not isinstance(value, bool):
            return value  # the field's validator checks the range
        first, last = names[0].title(), names[-1].title()
        msg = (
            f"{field!r} must be 0 ({first}) to {len(names) - 1} ({last}) or a name, "
            f"{', '.join(names)} (got {value!r})"
        )
        raise ValueError(msg)

    return structure


def _attrs_structure_factory(c: cattrs.Converter) -> Callable[[type], Any]:
    """Attrs classes from tables only, and named values read by name."""

    def factory(cls: type) -> Any:
        named: dict[str, Any] = {
            a.name: override(struct_hook=_structure_named(names, a.name))
            for a in attrs.fields(cls)
            if (names := _named(a)) is not None
        }
        fields: Callable[[Mapping[str, Any], Any], Any] = make_dict_structure_fn(cls, c, **named)

        def structure(value: object, _: type) -> Any:
            return fields(_table(value), cls)

        return structure

    return factory


def _has_named(cls: type) -> bool:
    return attrs.has(cls) and any(_named(a) is not None for a in attrs.fields(cls))


def _named_unstructure_factory(c: cattrs.Converter) -> Callable[[type], Any]:
    """Named values are written by name: ``weekday = "sunday"``."""

    def factory(cls: type) -> Any:
        named: dict[str, Any] = {
            a.name: override(unstruct_hook=names.__getitem__)
            for a in attrs.fields(cls)
            if (names := _named(a)) is not None
        }
        return make_dict_unstructure_fn(cls, c, _cattrs_omit_if_default=c.omit_if_default, **named)

    return factory


def _configure_tagged_union(
    c: cattrs.Converter, union: Any, key: str, tags: Mapping[type, str], what: str
) -> None:
    """Un/structure ``union`` with cattrs' tagged-union strategy, its tag under ``key``.

    The strategy's own error for a missing or unknown tag is a bare ``KeyError``, so the tag
    is checked first, and the message lists the valid tags. Written tables start with the tag.
    """
    configure_tagged_union(union, c, tag_generator=tags.__getitem__, tag_name=key)
    structure_tagged = c.get_structure_hook(union)
    unstructure_tagged = c.get_unstructure_hook(union)
    choices = ", ".join(repr(t) for t in tags.values())
    known = frozenset(tags.values())

    def structure(value: object, cl: type) -> Any:
        if not isinstance(value, Mapping):
            msg = f"expected a table with a {key!r} key (got {_describe(value)})"
            raise TypeError(msg)
        if key not in value:
            raise FieldError(key, f"required field missing; expected one of {choices}")
        tag = value[key]
        if not isinstance(tag, str) or tag not in known:
            raise FieldError(key, f"unknown {what} {tag!r}; expected one of {choices}")
        return structure_tagged(dict(value), cl)

    def unstructure(value: object) -> dict[str, Any]:
        data: dict[str, Any] = unstructure_tagged(value)
        return {key: data.pop(key), **data}

    c.register_structure_hook(union, structure)
    c.register_unstructure_hook(union, unstructure)
    # A field that may hold a member or nothing (a criterion scored on parts has no rule).
    c.register_structure_hook(
        union | None, lambda value, cl: None if value is None else structure(value, cl)
    )
    c.register_unstructure_hook(
        union | None, lambda value: None if value is None else unstructure(value)
    )


def _make_converter() -> cattrs.Converter:
    c = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True, detailed_validation=True)
    c.register_structure_hook(dt.date, _structure_date)
    c.register_unstructure_hook(dt.date, lambda d: d)
    c.register_structure_hook(str, _structure_str)
    c.register_structure_hook(int, _structure_int)
    c.register_structure_hook(float, _structure_float)
    c.register_structure_hook(bool, _structure_bool)
    c.register_structure_hook_func(lambda t: t == frozenset[str], _structure_strset)
    c.register_unstructure_hook_func(lambda t: t == frozenset[str], sorted)
    c.register_structure_hook_factory(_is_array, _array_factory(c))
    c.register_structure_hook_factory(attrs.has, _attrs_structure_factory(c))
    c.register_unstructure_hook_factory(_has_named, _named_unstructure_factory(c))
    # Whole numbers read back as the same float, and read better without ".0".
    c.register_unstructure_hook(float, lambda v: int(v) if float(v).is_integer() else v)
    enums: tuple[type[enum.Enum], ...] = (ActivityStatus, Direction, Measure, Roll, Severity)
    for enum_cls in enums:
        c.register_structure_hook(enum_cls, _enum_hook(enum_cls))
    c.register_structure_hook(Cadence, _structure_cadence)
    # An announced rule's dates are its one key; "dates = []" says that none are known.
    c.register_unstructure_hook(
        Announced,
        make_dict_unstructure_fn(
            Announced, c, _cattrs_omit_if_default=True, dates=override(omit_if_default=False)
        ),
    )
    # A hook made for a class takes its fields' hooks as they are when it is made: the unions
    # come after their members' fields' hooks, and the hooks below after the unions.
    _configure_tagged_union(c, Rule, "kind", _RULE_TAGS, "rule kind")
    configure_rule_versions(c)
    configure_observances(c)
    _configure_tagged_union(c, Requirement, "type", REQUIREMENT_TYPES, "requirement type")
    _configure_tagged_union(c, ScoringRule, "kind", _SCORING_TAGS, "scoring rule")
    _configure_tagged_union(c, Figure, "source", _FIGURE_TAGS, "figure source")
    # The schema version is written even though it equals its default: a reader needs it.
    c.register_unstructure_hook(
        Plan,
        make_dict_unstructure_fn(
            Plan, c, _cattrs_omit_if_default=True, schema=override(omit_if_default=False)
        ),
    )
    # An activity's status defaults to "done"; write it anyway so ledgers read plainly.
    c.register_unstructure_hook(
        Activity,
        make_dict_unstructure_fn(
            Activity, c, _cattrs_omit_if_default=True, status=override(omit_if_default=False)
        ),
    )
    return c


#: The converter shared by every loader and writer; built once, as its hooks cost to make.
class _Lazy:
    """The converter, built the first time it is used: its hooks cost about a tenth of a
    second to make, which ``import commhealth`` should not pay."""

    _built: cattrs.Converter | None = None

    def __getattr__(self, name: str) -> Any:
        if _Lazy._built is None:
            _Lazy._built = _make_converter()
        return getattr(_Lazy._built, name)


converter = cast("cattrs.Converter", _Lazy())


def structure(data: object, cls: type[T], *, source: str | None = None) -> T:
    """Structure ``data`` into ``cls``, raising one :class:`PlanError` with every problem."""
    try:
        return converter.structure(data, cls)
    except PlanError as e:
        raise PlanError(e.problems, source=source) from None
    except Exception as e:
        raise PlanError(list(problems_from(e)), source=source) from None


def problems_from(exc: BaseException, path: str = "$") -> Iterator[Problem]:
    """Walk a cattrs validation error and yield one :class:`Problem` per leaf, with its path."""
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from problems_from(sub, f"{path}[{note.index!r}]")
        for sub in without:
            yield from problems_from(sub, path)
    elif isinstance(exc, ClassValidationError):
        with_names, without = exc.group_exceptions()
        for sub, cnote in with_names:
            yield from problems_from(sub, f"{path}.{cnote.name}")
        for sub in without:
            yield from problems_from(sub, path)
    elif isinstance(exc, FieldError):
        yield Problem(path=f"{path}.{exc.field}", message=exc.message)
    elif isinstance(exc, _ProblemsError):
        for p in exc.problems:
            yield Problem(path=path + p.path[1:], message=p.message, line=p.line)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = _file_keys(exc.cl)
        for key in sorted(exc.extra_fields):
            yield Problem(path=f"{path}.{key}", message=_unknown_key(key, known))
    elif isinstance(exc, KeyError):
        yield Problem(path=path, message="required field missing")
    else:
        yield Problem(path=path, message=str(exc) or type(exc).__name__)
