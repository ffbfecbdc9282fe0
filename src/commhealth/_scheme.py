"""An assessors' scheme (考核细则): sections of criteria with points, a rule each, and grades."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Literal, TypeAlias

import attrs

from ._scoring import ScoringRule
from ._validators import finite, positive, unique
from .errors import FieldError

__all__ = [
    "Criterion",
    "Figure",
    "Grade",
    "ManualScore",
    "MetricFigure",
    "RequirementFigure",
    "Scheme",
    "Section",
]


#: What a requirement's findings can give a criterion as its figure.
Measure: TypeAlias = Literal["total", "windows_met", "windows_missed", "share_met"]


@attrs.frozen(kw_only=True)
class RequirementFigure:
    """A figure taken from a requirement's findings in the check.

    ``measure`` is ``total`` (what was counted or measured, summed over the windows: 全年
    讲座10次), ``windows_met`` or ``windows_missed`` (months, areas or cadres met or
    missed), or ``share_met`` (the share of them met, 0 to 1).
    """

    source: ClassVar[Literal["requirement"]] = "requirement"
    requirement: str = attrs.field(validator=attrs.validators.min_len(1))
    measure: Measure = attrs.field(
        default="total",
        validator=attrs.validators.in_(("total", "windows_met", "windows_missed", "share_met")),
    )


@attrs.frozen(kw_only=True)
class MetricFigure:
    """A measured figure: the latest observation of ``metric`` (知晓率 from a survey)."""

    source: ClassVar[Literal["metric"]] = "metric"
    metric: str = attrs.field(validator=attrs.validators.min_len(1))


@attrs.frozen(kw_only=True)
class ManualScore:
    """An assessor's own figure or rating, given on a score sheet by the criterion's id."""

    source: ClassVar[Literal["manual"]] = "manual"


#: Where a criterion's figure comes from.
Figure: TypeAlias = RequirementFigure | MetricFigure | ManualScore


def _levels(value: Mapping[str, ScoringRule]) -> Mapping[str, ScoringRule]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class Criterion:
    """One scored item of a scheme (三级指标).

    Attributes:
        id: The criterion's id, unique in its scheme.
        title: Its words in the scheme (健康讲座).
        points: Its full points (分值).
        figure: Where its figure comes from.
        rule: How the figure becomes points.
        levels: A rule for each organisation level that is scored differently (a centre
            must hold 12 lectures, a station 6), keyed by the plan's organisation level.
        core: A core item (核心指标, marked with an asterisk): the assessment fails unless it earns its
            full points.
        veto: A veto (一票否决): the assessment fails if it earns no points.
        bonus: A bonus item (附加分): its points add to the total, up to the scheme's
            bonus cap, but not to the maximum.
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    points: float = attrs.field(validator=positive)
    figure: Figure
    rule: ScoringRule
    levels: Mapping[str, ScoringRule] = attrs.field(factory=dict, converter=_levels)
    core: bool = False
    veto: bool = False
    bonus: bool = False

    def rule_for(self, level: str | None) -> ScoringRule:
        """The rule for an organisation of ``level`` (the criterion's own rule by default)."""
        return self.levels.get(level, self.rule) if level is not None else self.rule


@attrs.frozen(kw_only=True)
class Section:
    """A group of criteria (一级/二级指标), and the sections inside it."""

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    criteria: tuple[Criterion, ...] = ()
    sections: tuple[Section, ...] = ()

    def all_criteria(self) -> Iterator[Criterion]:
        """The section's criteria, then those of its sections, depth first."""
        yield from self.criteria
        for s in self.sections:
            yield from s.all_criteria()


@attrs.frozen(kw_only=True)
class Grade:
    """A grade and the least total that earns it: 优秀 from 90."""

    name: str = attrs.field(validator=attrs.validators.min_len(1))
    min: float = attrs.field(validator=finite)


def _unique_criteria(instance: Scheme, attribute: attrs.Attribute[Any], value: Any) -> None:
    seen: set[str] = set()
    for section in value:
        for c in section.all_criteria():
            if c.id in seen:
                msg = f"criterion id {c.id!r} is used twice; ids must be unique in a scheme"
                raise FieldError(attribute.name, msg)
            seen.add(c.id)


def _grades_descending(instance: Scheme, attribute: attrs.Attribute[Any], value: Any) -> None:
    mins = [g.min for g in value]
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
        msg = f"'grades' must run from the highest bar down, each lower than the one before (got {mins})"
        raise FieldError(attribute.name, msg)


def _pass_is_a_grade(instance: Scheme, attribute: attrs.Attribute[Any], value: Any) -> None:
    names = [g.name for g in instance.grades]
    if value is not None and value not in names:
        msg = f"'passing' must be one of the grades, {', '.join(names) or 'none'} (got {value!r})"
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class Scheme:
    """An assessors' scheme: sections of criteria, grades, the passing grade, a bonus cap.

    The grades are given from the highest bar down (优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60); a
    total below the lowest bar earns ``fail_grade``. ``passing`` is the lowest grade that
    passes.
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    source: str = ""
    sections: tuple[Section, ...] = attrs.field(
        default=(),
        validator=[unique(lambda s: s.id, describe=lambda i: f"section {i!r}"), _unique_criteria],
    )
    grades: tuple[Grade, ...] = attrs.field(default=(), validator=_grades_descending)
    fail_grade: str = "不合格"
    passing: str | None = attrs.field(default=None, validator=_pass_is_a_grade)
    bonus_cap: float | None = None

    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion of the scheme, section by section."""
        return tuple(c for s in self.sections for c in s.all_criteria())

    def maximum(self) -> float:
        """The points of every criterion that is not a bonus (usually 100)."""
        return sum(c.points for c in self.criteria() if not c.bonus)

    def grade(self, total: float) -> str:
        """The grade a total earns."""
        for g in self.grades:
            if total >= g.min:
                return g.name
        return self.fail_grade

    def passes(self, grade: str) -> bool:
        """Whether ``grade`` is the passing grade or a higher one."""
        names = [g.name for g in self.grades]
        if self.passing is None:
            return grade != self.fail_grade
        return grade in names and names.index(grade) <= names.index(self.passing)
