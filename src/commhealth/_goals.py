"""Goals on measured figures: a level to reach, a ratio to hold, a trend to follow."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from ._periods import Cadence
from ._requirements import Bound, Severity
from ._validators import finite, is_date, optional_date
from .errors import FieldError

__all__ = ["Baseline", "Direction", "Goal", "RatioGoal", "TrendGoal"]

#: Units whose values are shares: ``%`` runs from 0 to 100, ``rate`` from 0 to 1.
RATE_UNITS = {"%": 100.0, "rate": 1.0}


def _rate_within_range(instance: Goal, attribute: attrs.Attribute[Any], value: Any) -> None:
    top = RATE_UNITS.get(instance.unit or "")
    if top is None:
        return
    for name, limit in (("min", instance.bound.min), ("max", instance.bound.max)):
        if limit is not None and not 0 <= limit <= top:
            msg = (
                f"'bound.{name}' must be between 0 and {top:g} when the unit is "
                f"{instance.unit!r} (got {limit:g})"
            )
            raise FieldError(f"bound.{name}", msg)


@attrs.frozen(kw_only=True)
class Baseline:
    """Where a metric stood before the plan: ``value`` on ``date``."""

    value: float = attrs.field(validator=finite)
    date: dt.date = attrs.field(validator=is_date)


@attrs.frozen(kw_only=True)
class Goal:
    """A measured figure within a bound by a due date: "健康素养水平达到22%".

    The latest observation of ``metric`` decides it. Units ``%`` and ``rate`` are shares,
    so their bounds must lie within 0–100 and 0–1.
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    severity: Severity = Severity.ERROR
    source: str | None = None
    metric: str = attrs.field(validator=attrs.validators.min_len(1))
    bound: Bound
    unit: str | None = attrs.field(default=None, validator=_rate_within_range)
    baseline: Baseline | None = None
    due: dt.date | None = attrs.field(default=None, validator=optional_date)


def _different_metrics(instance: RatioGoal, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        raise FieldError(attribute.name, "'denominator' must name a metric (got an empty name)")
    if value == instance.numerator:
        msg = f"'denominator' must differ from 'numerator' (both are {value!r})"
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class RatioGoal:
    """A bound on one metric divided by another: "按常住人口年人均1元" (fund ÷ residents ≥ 1)."""

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    severity: Severity = Severity.ERROR
    source: str | None = None
    numerator: str = attrs.field(validator=attrs.validators.min_len(1))
    denominator: str = attrs.field(validator=_different_metrics)
    bound: Bound
    due: dt.date | None = attrs.field(default=None, validator=optional_date)


class Direction(enum.Enum):
    """Which way a trend goal's metric must move from period to period."""

    FALL = "fall"
    RISE = "rise"


@attrs.frozen(kw_only=True)
class TrendGoal:
    """A metric that must fall (or rise) from one period to the next: "发病率逐步下降".

    Each window of ``per`` takes the latest observation inside it; every window with a
    figure is compared with the previous window that has one.
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    severity: Severity = Severity.ERROR
    source: str | None = None
    metric: str = attrs.field(validator=attrs.validators.min_len(1))
    direction: Direction = Direction.FALL
    per: Cadence = Cadence.YEAR
