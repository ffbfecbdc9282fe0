"""Validators and converters the model's classes share.

Each validator raises :class:`~commhealth.FieldError` naming the field, the rule and the
value, so that loaders can report it at the field's ``$.path``.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import attrs

from .errors import FieldError

__all__ = [
    "at_most_items",
    "between",
    "finite",
    "frozen_strs",
    "is_date",
    "optional_at_most",
    "optional_date",
    "optional_finite",
    "optional_not_negative",
    "positive",
    "unique",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

#: The largest whole number that a float can stand beside (about 1.8e308).
_LARGEST = int(sys.float_info.max)


def is_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The value is a :class:`datetime.date` (not a datetime, which carries a time of day)."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        msg = f"'{attribute.name}' must be a date (got {value!r})"
        raise FieldError(attribute.name, msg)


def optional_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The value is ``None`` or a date."""
    if value is not None:
        is_date(instance, attribute, value)


def finite(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The value is a finite number: not infinite, not NaN, not a whole number too large
    to compare with a fraction."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _LARGEST:
        msg = f"'{attribute.name}' must be a finite number (got a whole number of {len(str(abs(value)))} digits)"
        raise FieldError(attribute.name, msg)
    if isinstance(value, bool) or not (isinstance(value, int | float) and math.isfinite(value)):
        msg = f"'{attribute.name}' must be a finite number (got {value!r})"
        raise FieldError(attribute.name, msg)


def optional_finite(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The value is ``None`` or a finite number."""
    if value is not None:
        finite(instance, attribute, value)


def positive(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The value is a finite number greater than 0."""
    finite(instance, attribute, value)
    if value <= 0:
        msg = f"'{attribute.name}' must be greater than 0 (got {value})"
        raise FieldError(attribute.name, msg)


def optional_not_negative(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The value is ``None`` or a finite number of at least 0."""
    if value is None:
        return
    finite(instance, attribute, value)
    if value < 0:
        msg = f"'{attribute.name}' must not be negative (got {value})"
        raise FieldError(attribute.name, msg)


def optional_at_most(limit: int) -> Validator:
    """A validator: the value is ``None`` or a number of at most ``limit``."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and value > limit:
            shown: object = value
            if isinstance(value, int) and value >= 10**20:
                shown = f"a number of {len(str(value))} digits"
            elif isinstance(value, float):
                shown = f"{value:g}"
            msg = f"'{attribute.name}' must be at most {limit:,} (got {shown})"
            raise FieldError(attribute.name, msg)

    return validate


def between(low: int, high: int) -> Validator:
    """A validator: the value lies in ``low..high``, both included."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not low <= value <= high:
            msg = f"'{attribute.name}' must be between {low} and {high} (got {value})"
            raise FieldError(attribute.name, msg)

    return validate


def at_most_items(limit: int) -> Validator:
    """A validator: the collection holds at most ``limit`` items."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if len(value) > limit:
            msg = f"'{attribute.name}' may hold at most {limit:,} items (got {len(value):,})"
            raise FieldError(attribute.name, msg)

    return validate


def unique(
    key: Callable[[Any], Hashable] | None = None, *, describe: Callable[[Any], str] = repr
) -> Validator:
    """A validator: no two items of the collection are the same (or have the same ``key``).

    ``describe`` words the repeated key in the message: ``'months' lists month 3 twice``.
    """

    def validate(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        seen: set[Hashable] = set()
        for item in value:
            k = item if key is None else key(item)
            if k in seen:
                msg = f"'{attribute.name}' lists {describe(k)} twice"
                raise FieldError(attribute.name, msg)
            seen.add(k)

    return validate


def frozen_strs(value: str | Iterable[str]) -> frozenset[str]:
    """A converter: one text, or any collection of texts, as a frozen set."""
    if isinstance(value, str):
        return frozenset((value,))
    return frozenset(value)
