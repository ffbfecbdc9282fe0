"""Scoring rules: how an assessor turns a criterion's figure into points (评分方法).

Each rule is a frozen value with a ``kind`` tag and one method, :meth:`score`, which takes
the criterion's figure (a count, a rate, a shortfall, a rating) and the criterion's points
and returns a :class:`Score`: the points given and the arithmetic that led to them, as
figures that the wording module puts into words. Every rule gives between 0 and the
criterion's points, never less (扣完为止) and never more.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Literal, TypeAlias

import attrs

from ._validators import finite, optional_not_negative, positive
from .errors import FieldError

__all__ = [
    "RULE_KINDS",
    "AllOrNothing",
    "Band",
    "Bands",
    "Deduction",
    "Linear",
    "Ordinal",
    "Penalty",
    "PerUnit",
    "Proportional",
    "Score",
    "ScoringRule",
]


@attrs.frozen(kw_only=True)
class Score:
    """Points given for one figure, and how.

    Attributes:
        points: What the criterion earns, between 0 and ``out_of``.
        out_of: The criterion's points (满分).
        figure: The figure scored (a count, a rate, a rating).
        facts: The arithmetic, by name: ``shortfall``, ``steps``, ``deducted``, ``capped``,
            ``band`` … (which names depend on the rule).
    """

    points: float
    out_of: float
    figure: float | str | None
    facts: Mapping[str, Any] = attrs.field(factory=dict)


#: The most steps a shortfall is counted in: 2**53, past which a float no longer counts by one.
_MOST_STEPS = float(2**53)


def clamp(points: float, out_of: float) -> float:
    """``points`` between 0 and ``out_of``, to six decimals."""
    # Tables deduct in tenths and fifths; 1.5 - 3 × 0.1 must give 1.2, not 1.2000000000000002.
    return float(min(out_of, max(0.0, round(points, 6))))


@attrs.frozen(kw_only=True)
class AllOrNothing:
    """达标得满分: full points when the figure reaches ``target``, none otherwise."""

    kind: ClassVar[Literal["all_or_nothing"]] = "all_or_nothing"
    target: float = attrs.field(validator=finite)

    def score(self, figure: float, out_of: float) -> Score:
        """Full points at or above the target, else 0."""
        met = figure >= self.target
        return Score(
            points=float(out_of) if met else 0.0,
            out_of=out_of,
            figure=figure,
            facts={"target": self.target, "met": met},
        )


@attrs.frozen(kw_only=True)
class Deduction:
    """每少1次扣1分: ``deduct`` points for each ``step`` the figure falls short of ``target``,
    at most ``cap`` in all (最高扣N分), never below zero (扣完为止).

    ``step`` is how much shortfall one deduction stands for (2 for 每下降2%扣0.5分); a part
    of a step counts as a whole one unless ``partial_steps`` is ``False``.
    """

    kind: ClassVar[Literal["deduction"]] = "deduction"
    target: float = attrs.field(validator=finite)
    deduct: float = attrs.field(validator=positive)
    step: float = attrs.field(default=1.0, validator=positive)
    cap: float | None = attrs.field(default=None, validator=optional_not_negative)
    partial_steps: bool = True

    def score(self, figure: float, out_of: float) -> Score:
        """The criterion's points less the deductions, capped, and at least 0."""
        shortfall = float(max(0.0, self.target - figure))
        ratio = shortfall / self.step
        # A figure read back from a float must not make 2.0000001 steps out of 2.
        # A shortfall of 1e308 in steps of 0.1 is more steps than a float holds; past 2**53
        # steps every deduction has long taken the points to 0.
        ratio = min(round(ratio, 9), _MOST_STEPS)
        steps = math.ceil(ratio) if self.partial_steps else math.floor(ratio)
        deducted = float(steps * self.deduct)
        capped = self.cap is not None and deducted > self.cap
        if capped:
            assert self.cap is not None
            deducted = self.cap
        points = clamp(out_of - deducted, out_of)
        return Score(
            points=points,
            out_of=out_of,
            figure=figure,
            facts={
                "target": self.target,
                "shortfall": shortfall,
                "steps": steps,
                "step": self.step,
                "deduct": self.deduct,
                "deducted": round(min(deducted, out_of), 6),
                "capped": capped,
            },
        )


@attrs.frozen(kw_only=True)
class Proportional:
    """实际/目标×分值: the share of ``target`` reached, times the points, at most full."""

    kind: ClassVar[Literal["proportional"]] = "proportional"
    target: float = attrs.field(validator=positive)

    def score(self, figure: float, out_of: float) -> Score:
        """``out_of × figure / target``, between 0 and ``out_of``."""
        share = max(0.0, figure) / self.target
        return Score(
            points=clamp(out_of * share, out_of),
            out_of=out_of,
            figure=figure,
            facts={"target": self.target, "share": min(1.0, share)},
        )


def _low_below_high(instance: Linear, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value <= instance.low:
        msg = f"'high' must be above 'low' (got low {instance.low:g}, high {value:g})"
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class Linear:
    """No points at or below ``low``, full points at or above ``high``, a straight line between."""

    kind: ClassVar[Literal["linear"]] = "linear"
    low: float = attrs.field(validator=finite)
    high: float = attrs.field(validator=[finite, _low_below_high])

    def score(self, figure: float, out_of: float) -> Score:
        """The points on the line through (low, 0) and (high, out_of)."""
        share = (figure - self.low) / (self.high - self.low)
        return Score(
            points=clamp(out_of * share, out_of),
            out_of=out_of,
            figure=figure,
            facts={"low": self.low, "high": self.high},
        )


@attrs.frozen(kw_only=True)
class Band:
    """One band of a banded rule: a figure of at least ``min`` earns ``points``."""

    min: float = attrs.field(validator=finite)
    points: float = attrs.field(validator=optional_not_negative)


def _bands_ascending(instance: Bands, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        raise FieldError(attribute.name, "'bands' must hold at least one band (got none)")
    for before, after in itertools.pairwise(value):
        if after.min <= before.min or after.points < before.points:
            msg = (
                "'bands' must rise: each band's 'min' above the one before and its points no "
                f"fewer (got min {before.min:g} → {after.min:g}, points {before.points:g} → "
                f"{after.points:g})"
            )
            raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class Bands:
    """80–89% → 6分, ≥90% → 8分: the points of the highest band the figure reaches
    (none below the lowest band)."""

    kind: ClassVar[Literal["bands"]] = "bands"
    bands: tuple[Band, ...] = attrs.field(validator=_bands_ascending)

    def score(self, figure: float, out_of: float) -> Score:
        """The points of the highest band whose ``min`` the figure reaches, at most full."""
        reached = [b for b in self.bands if figure >= b.min]
        band = reached[-1] if reached else None
        return Score(
            points=0.0 if band is None else clamp(band.points, out_of),
            out_of=out_of,
            figure=figure,
            facts={"band": None if band is None else band.min},
        )


@attrs.frozen(kw_only=True)
class PerUnit:
    """每次讲座2.5分: ``each`` point per unit of the figure, up to the criterion's points.

    With ``above``, only the units beyond it count: 完成6条后每多报告一条奖励0.2分 is
    ``PerUnit(each=0.2, above=6)``.
    """

    kind: ClassVar[Literal["per_unit"]] = "per_unit"
    each: float = attrs.field(validator=positive)
    above: float = attrs.field(default=0.0, validator=finite)

    def score(self, figure: float, out_of: float) -> Score:
        """``(figure − above) × each``, between 0 and ``out_of``."""
        units = max(0.0, figure - self.above)
        return Score(
            points=clamp(units * self.each, out_of),
            out_of=out_of,
            figure=figure,
            facts={"each": self.each, "above": self.above, "units": units},
        )


@attrs.frozen(kw_only=True)
class Penalty:
    """每发现1次扣0.5分: ``each`` point off for every defect the figure counts (a late
    report, a misused payment, a record short of a field), at most ``cap`` in all, never
    below zero.

    The figure is a count of defects, so a higher figure never scores more; that is the
    one rule where more is worse.
    """

    kind: ClassVar[Literal["penalty"]] = "penalty"
    each: float = attrs.field(validator=positive)
    cap: float | None = attrs.field(default=None, validator=optional_not_negative)

    def score(self, figure: float, out_of: float) -> Score:
        """The criterion's points less ``each`` per defect, capped, and at least 0."""
        defects = max(0.0, figure)
        deducted = defects * self.each
        capped = self.cap is not None and deducted > self.cap
        if capped:
            assert self.cap is not None
            deducted = self.cap
        return Score(
            points=clamp(out_of - deducted, out_of),
            out_of=out_of,
            figure=figure,
            facts={
                "defects": defects,
                "each": self.each,
                "deducted": round(min(deducted, out_of), 6),
                "capped": capped,
            },
        )


def _ratings(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        raise FieldError(attribute.name, "'points' must map at least one rating (got none)")
    for rating, points in value.items():
        if not isinstance(points, int | float) or isinstance(points, bool) or points < 0:
            msg = f"'points' of rating {rating!r} must be a number of at least 0 (got {points!r})"
            raise FieldError(attribute.name, msg)


def _frozen_map(value: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class Ordinal:
    """An assessor's rating mapped to points: 好 → 5, 中 → 3, 差 → 0; 有 → 2, 无 → 0."""

    kind: ClassVar[Literal["ordinal"]] = "ordinal"
    points: Mapping[str, float] = attrs.field(converter=_frozen_map, validator=_ratings)

    def score(self, figure: str, out_of: float) -> Score:
        """The rating's points, at most full.

        Raises:
            FieldError: The rating is not one the rule maps; the message lists those it does.
        """
        if figure not in self.points:
            known = ", ".join(repr(k) for k in self.points)
            msg = f"rating {figure!r} is not one of {known}"
            raise FieldError("rating", msg)
        return Score(
            points=clamp(self.points[figure], out_of),
            out_of=out_of,
            figure=figure,
            facts={},
        )


#: Any scoring rule; tell them apart by their class or their ``kind``.
ScoringRule: TypeAlias = (
    AllOrNothing | Deduction | Proportional | Linear | Bands | PerUnit | Penalty | Ordinal
)

#: The scoring rule classes by their ``kind`` tag.
RULE_KINDS: Mapping[str, type[ScoringRule]] = MappingProxyType(
    {
        cls.kind: cls
        for cls in (
            AllOrNothing,
            Deduction,
            Proportional,
            Linear,
            Bands,
            PerUnit,
            Penalty,
            Ordinal,
        )
    }
)
