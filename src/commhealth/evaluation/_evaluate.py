"""Evaluating a plan's year against a scheme: points per criterion, total, grade, vetoes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .._activities import Activity
from .._observations import Observation
from .._plan import Plan
from .._report import Report
from .._resolve import ResolvedPlan, resolve
from .._schedule import as_schedule
from .._scheme import (
    ActivitiesFigure,
    Criterion,
    Figure,
    RecordsFigure,
    RequirementFigure,
    Scheme,
    Section,
)
from .._scoresheet import ScoreSheet
from .._scoring import Ordinal, Score, ScoringRule, clamp
from ..engine import check
from ..errors import PlanError, Problem
from ._assessment import Assessment, CriterionScore, SectionScore
from ._figures import Sources, figure_of
from ._problems import scheme_problems, sheet_problems
from ._ranking import Ranking

__all__ = ["evaluate", "evaluate_children"]

Scores = ScoreSheet | Mapping[str, float | str] | None


def _rule_score(rule: ScoringRule, figure: float | str, out_of: float, key: str) -> Score:
    if isinstance(rule, Ordinal) != isinstance(figure, str):
        kind = "a rating" if isinstance(rule, Ordinal) else "a number"
        msg = f"criterion {key!r} is scored on {kind} (got {figure!r})"
        raise PlanError([Problem(path=f"$.scores.{key}", message=msg)])
    return rule.score(figure, out_of)  # type: ignore[arg-type]


def _projectable(figure: Figure) -> bool:
    return isinstance(figure, RequirementFigure)


def _single(
    c: Criterion, level: str | None, sources: Sources, progress: bool
) -> tuple[float | None, float | str | None, dict[str, Any], float | None]:
    """Points, figure, facts and projected points of a criterion with one figure; the
    points are ``None`` when there is no figure."""
    assert c.figure is not None
    rule = c.rule_for(level)
    figure = figure_of(c.figure, c.id, sources)
    if figure is None:
        return None, None, {}, None
    score = _rule_score(rule, figure, c.points, c.id)
    projected = None
    if progress and _projectable(c.figure):
        planned = figure_of(c.figure, c.id, sources, planned=True)
        if planned is not None:
            projected = _rule_score(rule, planned, c.points, c.id).points
    return score.points, figure, dict(score.facts), projected


def _parts(
    c: Criterion, level: str | None, sources: Sources, progress: bool
) -> tuple[float | None, dict[str, Any], float | None]:
    """Points, facts and projected points of a criterion scored on parts: its points less
    every part's deduction, never below zero; ``None`` points when no part has a figure."""
    details: list[dict[str, Any]] = []
    deducted = projected_deducted = 0.0
    any_figure = False
    for p in c.parts:
        rule = p.rule_for(level)
        key = f"{c.id}.{p.id}"
        figure = figure_of(p.figure, key, sources)
        facts: dict[str, Any] = {"no_data": True}
        points = 0.0
        if figure is not None:
            any_figure = True
            score = _rule_score(rule, figure, p.points, key)
            points, facts = score.points, dict(score.facts)
        projected = points
        if progress and figure is not None and _projectable(p.figure):
            planned = figure_of(p.figure, key, sources, planned=True)
            if planned is not None:
                projected = _rule_score(rule, planned, p.points, key).points
        details.append(
            {
                "part": p.id,
                "title": p.title or p.id,
                "figure": figure,
                "points": points,
                "out_of": p.points,
                "rule": rule.kind,
                "facts": facts,
            }
        )
        deducted += p.points - points
        projected_deducted += p.points - projected
    if not any_figure:
        return None, {"parts": details}, None
    summary = {"parts": details, "deducted": clamp(deducted, c.points)}
    projected_total = clamp(c.points - projected_deducted, c.points) if progress else None
    return clamp(c.points - deducted, c.points), summary, projected_total


def _score(
    c: Criterion,
    *,
    section: str,
    level: str | None,
    sources: Sources,
    progress: bool,
    evidence_required: bool,
) -> CriterionScore:
    figure: float | str | None = None
    if c.parts:
        points, facts, projected = _parts(c, level, sources, progress)
        rule = "parts"
    else:
        points, figure, facts, projected = _single(c, level, sources, progress)
        rule = c.rule_for(level).kind
    requirement = (
        c.figure.requirement
        if isinstance(c.figure, RequirementFigure | RecordsFigure | ActivitiesFigure)
        else None
    )
    applicable = True
    if points is None:
        facts["no_data"] = True
        facts["no_data_rule"] = c.no_data
        points = c.points if c.no_data == "full" else 0.0
        applicable = c.no_data != "not_applicable"
    entry = sources.entries.get(c.id)
    if entry is not None and entry.adjust:
        facts["adjust"] = entry.adjust
        facts["reason"] = entry.reason
        points = clamp(points + entry.adjust, c.points)
        if projected is not None:
            projected = clamp(projected + entry.adjust, c.points)
    if evidence_required and entry is not None and entry.evidence is False:
        facts["no_evidence"] = True
        points = 0.0
        projected = None if projected is None else 0.0
    return CriterionScore(
        criterion=c.id,
        title=c.title or c.id,
        section=section,
        points=points,
        out_of=c.points,
        figure=figure,
        rule=rule,
        facts=facts,
        projected=projected,
        requirement=requirement,
        bonus=c.bonus,
        core=c.core,
        veto=c.veto,
        applicable=applicable,
    )


def _sheet(scores: Scores) -> ScoreSheet:
    if scores is None:
        return ScoreSheet()
    if isinstance(scores, ScoreSheet):
        return scores
    return ScoreSheet.of(scores)


def _assess(
    scheme: Scheme,
    sources: Sources,
    *,
    plan: str,
    name: str,
    level: str | None,
    as_of: dt.date | None,
) -> Assessment:
    progress = as_of is not None
    results: list[CriterionScore] = []

    def walk(section: Section) -> float:
        """Score the section's criteria into ``results``; return its bonus, capped."""
        bonus = 0.0
        for c in section.criteria:
            score = _score(
                c,
                section=section.id,
                level=level,
                sources=sources,
                progress=progress,
                evidence_required=scheme.evidence_required,
            )
            results.append(score)
            if score.bonus and score.applicable:
                bonus += score.points
        bonus += sum(walk(inner) for inner in section.sections)
        return bonus if section.bonus_cap is None else min(bonus, section.bonus_cap)

    earned_bonus = 0.0
    sections: list[SectionScore] = []
    for section in scheme.sections:
        first = len(results)
        section_bonus = walk(section)
        earned_bonus += section_bonus
        held = [s for s in results[first:] if s.applicable]
        sections.append(
            SectionScore(
                section=section.id,
                title=section.title or section.id,
                points=round(sum(s.points for s in held if not s.bonus), 6),
                out_of=round(sum(s.out_of for s in held if not s.bonus), 6),
                bonus=round(section_bonus, 6),
                criteria=tuple(s.criterion for s in results[first:]),
            )
        )
    counted = [s for s in results if s.applicable]
    base = sum(s.points for s in counted if not s.bonus)
    raw_bonus = round(sum(s.points for s in counted if s.bonus), 6)
    bonus = earned_bonus if scheme.bonus_cap is None else min(earned_bonus, scheme.bonus_cap)
    bonus = round(bonus, 6)
    maximum = sum(s.out_of for s in counted if not s.bonus)
    total = round(base + bonus, 6)
    graded = total
    if scheme.rescale and 0 < maximum < scheme.maximum():
        graded = round(total * scheme.maximum() / maximum, 6)
    vetoes = tuple(s.criterion for s in counted if s.veto and s.points == 0)
    core_missed = tuple(s.criterion for s in counted if s.core and s.points < s.out_of)
    grade = scheme.fail_grade if vetoes else scheme.grade(graded)
    projected_total = None
    if progress:
        projected_total = round(
            sum(
                (s.projected if s.projected is not None else s.points)
                for s in counted
                if not s.bonus
            )
            + bonus,
            6,
        )
    return Assessment(
        scheme=scheme.id,
        plan=plan,
        name=name,
        as_of=as_of,
        language=sources.report.language,
        scores=tuple(results),
        total=total,
        maximum=maximum,
        bonus=bonus,
        grade=grade,
        passed=not vetoes and not core_missed and scheme.passes(grade),
        vetoes=vetoes,
        core_missed=core_missed,
        projected_total=projected_total,
        graded_on=None if graded == total else graded,
        bonus_earned=raw_bonus,
        sections=tuple(sections),
    )


def _prepare(
    plan: Plan | ResolvedPlan,
    activities: Iterable[Activity],
    observations: Iterable[Observation],
    *,
    scheme: Scheme,
    as_of: dt.date | None,
    assesses: str,
) -> tuple[ResolvedPlan, Sources]:
    """The plan resolved and checked once, with what the criteria read their figures from.

    Raises:
        PlanError: The scheme's figures do not fit the plan, or the scheme scores another
            kind of organisation than ``assesses`` says.
    """
    resolved = resolve(plan)
    problems = scheme_problems(scheme, resolved)
    if scheme.assesses != assesses:
        use = "evaluate_children" if scheme.assesses == "children" else "evaluate"
        message = f"the scheme scores {'each child organisation' if scheme.assesses == 'children' else 'the plan its organisation'}; use {use}()"
        problems.insert(0, Problem(path="$.assesses", message=message))
    if problems:
        raise PlanError(problems, source=scheme.id)
    obs = list(observations)
    if as_of is not None:
        obs = [o for o in obs if o.date <= as_of]
    held = as_schedule(activities)
    report = check(resolved, held, obs, as_of=as_of)
    sources = Sources(report=report, observations=obs, activities=held.by_id(), entries={})
    return resolved, sources


def evaluate(
    plan: Plan | ResolvedPlan,
    activities: Iterable[Activity],
    observations: Iterable[Observation] = (),
    *,
    scheme: Scheme,
    scores: Scores = None,
    as_of: dt.date | None = None,
) -> Assessment:
    """Score ``plan``'s year against ``scheme``, the way its assessors do.

    The plan is checked first (:func:`~commhealth.check`, with ``as_of`` if given); each
    criterion takes its figure from a requirement's findings, the records of the
    activities that counted, a measured figure, or ``scores`` (an assessor's
    :class:`ScoreSheet`, or a mapping of criterion id to figure or rating), and its rule
    turns the figure into points. A criterion with no figure earns what its ``no_data``
    says (nothing, by default). The score sheet's adjustments and evidence marks apply
    last. With ``as_of``, each criterion that takes a requirement's figure also gets the
    points it would earn if everything planned is held, and the assessment a
    ``projected_total``.

    Raises:
        PlanError: A criterion names a requirement the plan does not have, the scheme
            scores each child organisation (use :func:`evaluate_children`), or a score
            sheet gives a number where a rating is due (or the other way round).
    """
    return checked_and_evaluated(
        plan, activities, observations, scheme=scheme, scores=scores, as_of=as_of
    )[1]


def checked_and_evaluated(
    plan: Plan | ResolvedPlan,
    activities: Iterable[Activity],
    observations: Iterable[Observation] = (),
    *,
    scheme: Scheme,
    scores: Scores = None,
    as_of: dt.date | None = None,
) -> tuple[Report, Assessment]:
    """:func:`evaluate`, with the report of the check it scored: for a caller that needs
    both (a district's summary), so that the plan is not checked twice.

    Raises:
        PlanError: As :func:`evaluate`.
    """
    resolved, sources = _prepare(
        plan, activities, observations, scheme=scheme, as_of=as_of, assesses="plan"
    )
    org = resolved.plan.organisation
    sheet = _sheet(scores)
    problems = sheet_problems(scheme, sheet, {None: org.level})
    if problems:
        raise PlanError(problems, source="the score sheet")
    entries = sheet.for_subject(None)
    assessment = _assess(
        scheme,
        attrs.evolve(sources, entries=entries),
        plan=resolved.plan.id,
        name=org.name or resolved.plan.title,
        level=org.level,
        as_of=as_of,
    )
    return sources.report, assessment


def evaluate_children(
    plan: Plan | ResolvedPlan,
    activities: Iterable[Activity],
    observations: Iterable[Observation] = (),
    *,
    scheme: Scheme,
    scores: Scores = None,
    as_of: dt.date | None = None,
) -> Ranking:
    """Score each organisation under ``plan`` (a street office's communities) against a
    scheme that ``assesses = "children"``, and rank them.

    The plan is checked once; each criterion takes, for each child, the findings its
    requirement keeps for that child (``for_each.children``) and the score sheet's entries
    for that child (its ``subject`` column). Each child is scored at its own level.

    Raises:
        PlanError: As :func:`evaluate`; also when the scheme scores the plan itself, a
            criterion's requirement is not kept for each child, or the plan has no children.
    """
    resolved, sources = _prepare(
        plan, activities, observations, scheme=scheme, as_of=as_of, assesses="children"
    )
    sheet = _sheet(scores)
    unknown = [s for s in sheet.subjects() if s not in {c.id for c in resolved.plan.children}]
    if unknown:
        known = ", ".join(c.id for c in resolved.plan.children)
        raise PlanError(
            [
                Problem(
                    path=f"$.scores.{s}",
                    message=f"the score sheet scores {s!r}, which is not a child of the plan; its children: {known}",
                )
                for s in unknown
            ],
            source=scheme.id,
        )
    levels: dict[str | None, str | None] = {c.id: c.level for c in resolved.plan.children}
    problems = sheet_problems(scheme, sheet, levels)
    if problems:
        raise PlanError(problems, source="the score sheet")
    assessments = [
        _assess(
            scheme,
            # A measured figure is the street's own: a child's come from its score sheet.
            attrs.evolve(
                sources, observations=(), entries=sheet.for_subject(child.id), subject=child.id
            ),
            plan=child.id,
            name=child.name or child.id,
            level=child.level,
            as_of=as_of,
        )
        for child in resolved.plan.children
    ]
    return Ranking(
        scheme=scheme.id, plan=resolved.plan.id, as_of=as_of, assessments=tuple(assessments)
    )
