"""Observations: measured figures (a rate, a count, an amount) with the date they hold for."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs

from ._periods import _is_date
from .errors import FieldError

__all__ = ["Observation"]


def _finite(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not math.isfinite(value):
        msg = f"'{attribute.name}' must be a finite number (got {value!r})"
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class Observation:
    """One measured figure: ``metric`` had ``value`` on ``date``.

    Metrics are named by the plan (``health-literacy-rate``, ``elderly-records-coverage``);
    goals refer to them by name. ``unit`` is free text (``%``, ``人``, ``元``).
    """

    metric: str = attrs.field(validator=attrs.validators.min_len(1))
    date: dt.date = attrs.field(validator=_is_date)
    value: float = attrs.field(validator=_finite)
    unit: str | None = None
    source: str | None = None
