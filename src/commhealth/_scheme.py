"""An assessors' scheme (考核细则): sections of criteria with points, a rule each, and grades."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Literal, TypeAlias

import attrs

from ._scoring import ScoringRule
from ._validators import finite, optional_not_negative, positive, unique
from .errors import FieldError

__all__ = [
    "NUMBER_FIELDS",
    "RECORD_FIELDS",
    "ActivitiesFigure",
    "Criterion",
    "Figure",
    "Grade",
    "ManualScore",
    "MetricFigure",
    "Part",
    "RecordsFigure",
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


#: The fields of an activity record a :class:`RecordsFigure` can ask to be filled in.
RECORD_FIELDS = (
    "title",
    "kind",
    "topics",
    "audience",
    "participants",
    "people",
    "hours",
    "organiser",
    "location",
)


def _record_fields(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    unknown = [f for f in value if f not in RECORD_FIELDS]
    if unknown:
        msg = f"unknown record field {unknown[0]!r}; a record has {', '.join(RECORD_FIELDS)}"
        raise FieldError(attribute.name, msg)


def _something_asked(instance: RecordsFigure, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value and not instance.fields:
        msg = "a records figure must ask for at least one field or evidence tag"
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class RecordsFigure:
    """How complete the records of a requirement's activities are (记录是否完整).

    Each activity that counted toward ``requirement`` must have every one of ``fields``
    filled in and carry every one of ``evidence`` among its tags (``photo``,
    ``sign-in``: the 照片 and 签到表 an assessor asks to see). ``measure`` is
    ``missing`` (the items missing, summed over the records: 每次讲座少1项扣0.8分) or
    ``incomplete`` (the records missing at least one: 1次不符合要求扣1分).
    """

    source: ClassVar[Literal["records"]] = "records"
    requirement: str = attrs.field(validator=attrs.validators.min_len(1))
    fields: tuple[str, ...] = attrs.field(default=(), validator=_record_fields)
    evidence: tuple[str, ...] = attrs.field(default=(), validator=_something_asked)
    measure: Literal["missing", "incomplete"] = attrs.field(
        default="missing", validator=attrs.validators.in_(("missing", "incomplete"))
    )


#: The number fields of an activity an :class:`ActivitiesFigure` can add up or average.
NUMBER_FIELDS = ("participants", "hours", "days")


def _field_for_measure(
    instance: ActivitiesFigure, attribute: attrs.Attribute[Any], value: Any
) -> None:
    from ._activities import ACTIVITY_FIELDS  # noqa: PLC0415 - the model's own list

    if instance.measure == "count":
        if value is not None:
            raise FieldError(attribute.name, "a count takes no 'field'")
        return
    allowed = NUMBER_FIELDS if instance.measure in ("sum", "mean") else ACTIVITY_FIELDS
    if value not in allowed:
        msg = f"a {instance.measure} needs 'field', one of {', '.join(allowed)} (got {value!r})"
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class ActivitiesFigure:
    """A figure worked out over the activities that counted toward ``requirement``.

    ``measure`` is ``count`` (how many), ``sum`` or ``mean`` of a number ``field``
    (``participants``, ``hours``, ``days``: 平均每次听讲座人数 is the mean of
    ``participants``), or ``distinct`` (how many different values of ``field``: 每次内容
    不同). An activity with no value for the field is left out of a sum or mean.
    """

    source: ClassVar[Literal["activities"]] = "activities"
    requirement: str = attrs.field(validator=attrs.validators.min_len(1))
    measure: Literal["count", "sum", "mean", "distinct"] = attrs.field(
        default="count", validator=attrs.validators.in_(("count", "sum", "mean", "distinct"))
    )
    field: str | None = attrs.field(default=None, validator=_field_for_measure)


#: Where a criterion's figure comes from.
Figure: TypeAlias = (
    RequirementFigure | MetricFigure | ManualScore | RecordsFigure | ActivitiesFigure
)

#: What a criterion with no figure earns: nothing, full points (未发生…的不扣分), or it is
#: left out of the maximum (not applicable).
NoData: TypeAlias = Literal["zero", "full", "not_applicable"]


def _levels(value: Mapping[str, ScoringRule]) -> Mapping[str, ScoringRule]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class Part:
    """One of several deductions inside one criterion, each on its own figure.

    巡查未达到规定户次数每下降2%扣0.5分，最高扣10分；巡查指导记录每缺1份扣0.1分，最高扣5分
    is a criterion of 15 points with two parts, one of 10 points and one of 5: each part
    deducts what its rule takes off its own points, and the criterion gives its points less
    every part's deduction, never below zero (扣完为止). Parts whose points add up to more
    than the criterion's share that floor (每少一次扣0.5分，每缺一个行业扣1分，扣完为止).

    A part scored by hand is given on the score sheet as ``criterion.part``.
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    points: float = attrs.field(validator=positive)
    figure: Figure
    rule: ScoringRule
    levels: Mapping[str, ScoringRule] = attrs.field(factory=dict, converter=_levels)

    def rule_for(self, level: str | None) -> ScoringRule:
        """The rule for an organisation of ``level`` (the part's own rule by default)."""
        return self.levels.get(level, self.rule) if level is not None else self.rule


def _figure_or_parts(instance: Criterion, attribute: attrs.Attribute[Any], value: Any) -> None:
    single = instance.figure is not None, instance.rule is not None
    if value and any(single):
        msg = "a criterion is scored on one figure and rule, or on parts, not both"
        raise FieldError(attribute.name, msg)
    if not value and not all(single):
        missing = "figure" if instance.figure is None else "rule"
        msg = f"a criterion needs a figure and a rule, or parts (no {missing!r} given)"
        raise FieldError(missing, msg)


def _most(rule: ScoringRule) -> float | None:
    """The most points a rule can give by itself, when it says (bands, ratings)."""
    from ._scoring import Bands, Ordinal  # noqa: PLC0415 - the same package's rules

    if isinstance(rule, Bands):
        return max(b.points for b in rule.bands)
    if isinstance(rule, Ordinal):
        return max(rule.points.values())
    return None


def _rules_fit(instance: Criterion, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A band or rating worth more than its item is a typo in the table's transcription;
    and an item cannot be both a bonus and a core item."""
    if instance.core and instance.bonus:
        raise FieldError("core", "a bonus item (附加分) cannot be a core item (核心指标)")
    scored = [("rule", instance.rule, instance.points)] if instance.rule is not None else []
    scored += [(f"levels.{k}", r, instance.points) for k, r in instance.levels.items()]
    for i, part in enumerate(instance.parts):
        scored += [(f"parts[{i}].rule", part.rule, part.points)]
        scored += [(f"parts[{i}].levels.{k}", r, part.points) for k, r in part.levels.items()]
    for where, rule, points in scored:
        most = _most(rule)
        if most is not None and most > points:
            msg = f"the rule gives up to {most:g} points, more than the item's {points:g}"
            raise FieldError(where, msg)


@attrs.frozen(kw_only=True)
class Criterion:
    """One scored item of a scheme (三级指标).

    Attributes:
        id: The criterion's id, unique in its scheme.
        title: Its words in the scheme (健康讲座).
        points: Its full points (分值).
        figure: Where its figure comes from.
        rule: How the figure becomes points.
        parts: Instead of one figure and rule, several deductions on figures of their own
            (see :class:`Part`).
        levels: A rule for each organisation level that is scored differently (a centre
            must hold 12 lectures, a station 6), keyed by the plan's organisation level.
        core: A core item (核心指标, marked with an asterisk): the assessment fails unless it earns its
            full points.
        veto: A veto (一票否决): the assessment fails if it earns no points.
        bonus: A bonus item (附加分): its points add to the total, up to the scheme's
            bonus cap, but not to the maximum.
        no_data: What it earns when it has no figure: ``zero`` (the default), ``full``
            (未发生突发公共卫生事件的不扣分: nothing happened, so nothing is deducted) or
            ``not_applicable`` (left out of the maximum).
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    points: float = attrs.field(validator=positive)
    figure: Figure | None = None
    rule: ScoringRule | None = None
    levels: Mapping[str, ScoringRule] = attrs.field(factory=dict, converter=_levels)
    parts: tuple[Part, ...] = attrs.field(
        default=(),
        validator=[unique(lambda p: p.id, describe=lambda i: f"part {i!r}"), _figure_or_parts],
    )
    core: bool = False
    veto: bool = False
    bonus: bool = False
    no_data: NoData = attrs.field(
        default="zero",
        validator=[attrs.validators.in_(("zero", "full", "not_applicable")), _rules_fit],
    )

    def rule_for(self, level: str | None) -> ScoringRule:
        """The rule for an organisation of ``level`` (the criterion's own rule by default).

        Raises:
            FieldError: The criterion is scored on parts; ask each part for its rule.
        """
        rule = self.levels.get(level, self.rule) if level is not None else self.rule
        if rule is None:
            raise FieldError("rule", f"criterion {self.id!r} is scored on parts, not one rule")
        return rule

    def figures(self) -> tuple[Figure, ...]:
        """The figures it is scored on: its own, or each part's."""
        return (self.figure,) if self.figure is not None else tuple(p.figure for p in self.parts)


@attrs.frozen(kw_only=True)
class Section:
    """A group of criteria (一级/二级指标), and the sections inside it.

    ``points`` and ``bonus_points`` are what the table declares the section is worth
    (信息报告（23分+10分）), when it says; :meth:`Scheme.discrepancies` compares them with
    what the section's items add up to. ``bonus_cap`` caps the bonus its items (and those
    of its sections) add (二、经费保障 附加分(20分)); the scheme's own cap applies after.
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    criteria: tuple[Criterion, ...] = ()
    sections: tuple[Section, ...] = ()
    points: float | None = attrs.field(default=None, validator=optional_not_negative)
    bonus_points: float | None = attrs.field(default=None, validator=optional_not_negative)
    bonus_cap: float | None = attrs.field(default=None, validator=optional_not_negative)

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

    ``assesses`` is ``plan`` when the scheme scores the organisation whose plan it is given,
    and ``children`` when it scores each organisation under it (a street office scoring
    its communities): then each criterion takes the findings of a requirement kept *for
    each child*, for the child it scores. ``evidence_required`` is the rule many tables
    state once for every item (均必须提供书面文字材料，否则该项不得分): a criterion the
    score sheet marks as having no evidence earns nothing. ``rescale`` grades a total on
    the scheme's full points when some criteria are not applicable
    (实得分 ÷ 应得分 × 100). ``declared_maximum`` is the total the table says it is worth
    (本考核表设应得分为100分), checked by :meth:`discrepancies`.
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
    bonus_cap: float | None = attrs.field(default=None, validator=optional_not_negative)
    assesses: Literal["plan", "children"] = attrs.field(
        default="plan", validator=attrs.validators.in_(("plan", "children"))
    )
    evidence_required: bool = False
    rescale: bool = False
    declared_maximum: float | None = attrs.field(default=None, validator=optional_not_negative)

    def discrepancies(self) -> tuple[tuple[str, str, float, float], ...]:
        """Where the points the table declares differ from what its items add up to: each
        as ``(path, what, declared, items)``, ``what`` being ``points`` or ``bonus_points``
        of a section, or ``declared_maximum`` or ``bonus_cap`` of the scheme (a bonus cap
        above the items' bonus can never be reached). A transcription that matches its table
        has none unless the table disagrees with itself — then say so in a comment."""
        found: list[tuple[str, str, float, float]] = []

        def walk(section: Section, path: str) -> None:
            items = list(section.all_criteria())
            base = round(sum(c.points for c in items if not c.bonus), 6)
            bonus = round(sum(c.points for c in items if c.bonus), 6)
            if section.points is not None and section.points != base:
                found.append((f"{path}.points", "points", section.points, base))
            if section.bonus_points is not None and section.bonus_points != bonus:
                found.append((f"{path}.bonus_points", "bonus_points", section.bonus_points, bonus))
            for k, inner in enumerate(section.sections):
                walk(inner, f"{path}.sections[{k}]")

        for i, section in enumerate(self.sections):
            walk(section, f"$.sections[{i}]")
        maximum = round(self.maximum(), 6)
        if self.declared_maximum is not None and self.declared_maximum != maximum:
            found.append(("$.declared_maximum", "declared_maximum", self.declared_maximum, maximum))
        bonus = round(sum(c.points for c in self.criteria() if c.bonus), 6)
        if self.bonus_cap is not None and bonus and self.bonus_cap > bonus:
            found.append(("$.bonus_cap", "bonus_cap", self.bonus_cap, bonus))
        return tuple(found)

    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion of the scheme, section by section."""
        return tuple(c for s in self.sections for c in s.all_criteria())

    def maximum(self) -> float:
        """The points of every criterion that is not a bonus (usually 100)."""
        return sum(c.points for c in self.criteria() if not c.bonus)

    def grade(self, total: float) -> str:
        """The grade a total earns; ``""`` when the scheme has no grades (many tables give
        points only)."""
        if not self.grades:
            return ""
        for g in self.grades:
            if total >= g.min:
                return g.name
        return self.fail_grade

    def passes(self, grade: str) -> bool:
        """Whether ``grade`` is the passing grade or a higher one."""
        names = [g.name for g in self.grades]
        if not names:
            return grade != self.fail_grade
        if self.passing is None:
            return grade != self.fail_grade
        return grade in names and names.index(grade) <= names.index(self.passing)
