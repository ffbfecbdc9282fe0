"""The one cattrs converter behind every file format, and how its errors become problems."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_unstructure_fn, override

from .._activities import Activity, ActivityStatus
from .._goals import Direction, Goal, RatioGoal, TrendGoal
from .._periods import Cadence
from .._plan import Plan, Requirement
from .._requirements import Deadline, Measure, Quota, Recurrence, Roll, Severity
from ..calendar import Observance, observance_from_dict, observance_to_dict
from ..errors import FieldError, PlanError, Problem, _ProblemsError

__all__ = ["REQUIREMENT_TYPES", "converter", "problems_from", "structure"]

T = TypeVar("T")

#: The ``type`` tag of each requirement kind in plan files.
REQUIREMENT_TYPES: dict[type, str] = {
    Quota: "quota",
    Recurrence: "recurrence",
    Deadline: "deadline",
    Goal: "goal",
    RatioGoal: "ratio_goal",
    TrendGoal: "trend_goal",
}


def _describe(value: object) -> str:
    return f"{type(value).__name__} {value!r}"


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
    return float(value)


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
    # Whole numbers read back as the same float, and read better without ".0".
    c.register_unstructure_hook(float, lambda v: int(v) if float(v).is_integer() else v)
    enums: tuple[type[enum.Enum], ...] = (ActivityStatus, Direction, Measure, Roll, Severity)
    for enum_cls in enums:
        c.register_structure_hook(enum_cls, _enum_hook(enum_cls))
    c.register_structure_hook(Cadence, _structure_cadence)
    # Observances have their own reader, shared with the shipped registry's data file.
    c.register_structure_hook(Observance, lambda d, _: observance_from_dict(d))
    c.register_unstructure_hook(Observance, observance_to_dict)
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
    c.register_structure_hook_func(lambda t: t == Requirement, _structure_requirement)
    for cls, tag in REQUIREMENT_TYPES.items():
        c.register_unstructure_hook(
            cls, _tagged(tag, make_dict_unstructure_fn(cls, c, _cattrs_omit_if_default=True))
        )
    return c


def _tagged(tag: str, body: Any) -> Any:
    def unstructure(value: object) -> dict[str, Any]:
        return {"type": tag, **body(value)}

    return unstructure


_TYPES_BY_TAG = {tag: cls for cls, tag in REQUIREMENT_TYPES.items()}


def _structure_requirement(value: object, _: object) -> Requirement:
    if not isinstance(value, dict):
        msg = f"expected a table with a 'type' key (got {_describe(value)})"
        raise TypeError(msg)
    choices = ", ".join(repr(t) for t in _TYPES_BY_TAG)
    if "type" not in value:
        raise FieldError("type", f"required field missing; expected one of {choices}")
    tag = value["type"]
    cls = _TYPES_BY_TAG.get(tag) if isinstance(tag, str) else None
    if cls is None:
        raise FieldError("type", f"unknown requirement type {tag!r}; expected one of {choices}")
    fields = {k: v for k, v in value.items() if k != "type"}
    result: Requirement = converter.structure(fields, cls)
    return result


#: The converter shared by every loader and writer; built once, as its hooks cost to make.
converter = _make_converter()


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
        known = ", ".join(a.name for a in attrs.fields(exc.cl)) if attrs.has(exc.cl) else ""
        for key in sorted(exc.extra_fields):
            yield Problem(path=f"{path}.{key}", message=f"unknown key {key!r}; known keys: {known}")
    elif isinstance(exc, KeyError):
        yield Problem(path=path, message="required field missing")
    else:
        yield Problem(path=path, message=str(exc) or type(exc).__name__)
