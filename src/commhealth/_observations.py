"""Observations: measured figures (a rate, a count, an amount) with the date they hold for."""

from __future__ import annotations

import datetime as dt

import attrs

from ._validators import finite, is_date

__all__ = ["Observation"]


@attrs.frozen(kw_only=True)
class Observation:
    """One measured figure: ``metric`` had ``value`` on ``date``.

    Metrics are named by the plan (``health-literacy-rate``, ``elderly-records-coverage``);
    goals refer to them by name. ``unit`` is free text (``%``, ``人``, ``元``).
    """

    metric: str = attrs.field(validator=attrs.validators.min_len(1))
    date: dt.date = attrs.field(validator=is_date)
    value: float = attrs.field(validator=finite)
    unit: str | None = None
    source: str | None = None
