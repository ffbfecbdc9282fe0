"""Evaluating a plan's year against a scheme: points per criterion, total, grade, vetoes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from .._activities import Activity
from .._observations import Observation
from .._plan import Plan
from .._report import Finding, Report
from .._resolve import ResolvedPlan, resolve
from .._scheme import Criterion, ManualScore, MetricFigure, RequirementFigure, Scheme, Section
from .._scoring import Ordinal
from .._status import Reason, Status
from ..engine import check
from ..errors import PlanError, Problem
from ._assessment import Assessment, CriterionScore

__all__ = ["evaluate", "scheme_problems"]


def _findings(report: Report, requirement: str) -> list[Finding]:
    return [
        f
        for f in report.findings
        if f.requirement == requirement and f.reason is not Reason.OFF_DAY
    ]


def _requirement_figure(findings: list[Finding], measure: str, *, planned: bool) -> float | None:
    if not findings:
        return None
    # Projected, a window on track counts as met: what is planned for it is held.
    counted = (Status.MET, Status.ON_TRACK) if planned else (Status.MET,)
    met = sum(f.status in counted for f in findings)
    if measure == "windows_met":
        return float(met)
    if measure == "windows_missed":
        return (
            float(len(findings) - met)
            if planned
            else float(sum(f.status.failing for f in findings))
        )
    if measure == "share_met":
        return met / len(findings)
    total = 0.0
    for f in findings:
        value = f.planned if planned and f.planned is not None else f.actual
        if isinstance(value, int | float):
            total += value
        else:
            # An occurrence or a milestone counts once, when it is held (or, projected, planned).
            total += f.status in counted
    return total


def scheme_problems(scheme: Scheme, plan: Plan | ResolvedPlan) -> list[Problem]:
    """Every criterion of ``scheme`` that names a requirement ``plan`` does not have, with
    its path in the scheme (``$.sections[0].criteria[2].figure.requirement``)."""
    known = {r.id for r in resolve(plan).all_requirements()}
    found: list[Problem] = []

    def walk(section: Section, path: str) -> None:
        for j, c in enumerate(section.criteria):
            if isinstance(c.figure, RequirementFigure) and c.figure.requirement not in known:
                found.append(
                    Problem(
                        path=f"{path}.criteria[{j}].figure.requirement",
                        message=f"no requirement {c.figure.requirement!r} in the plan; known: {', '.join(sorted(known))}",
                    )
                )
        for k, inner in enumerate(section.sections):
            walk(inner, f"{path}.sections[{k}]")

    for i, section in enumerate(scheme.sections):
        walk(section, f"$.sections[{i}]")
    return found


def _score(
    c: Criterion,
    *,
    section: str,
    level: str | None,
    report: Report,
    observations: list[Observation],
    scores: Mapping[str, float | str],
    progress: bool,
) -> CriterionScore:
    rule = c.rule_for(level)
    figure: float | str | None
    projected_figure: float | str | None = None
    requirement = None
    if isinstance(c.figure, RequirementFigure):
        requirement = c.figure.requirement
        found = _findings(report, requirement)
        figure = _requirement_figure(found, c.figure.measure, planned=False)
        if progress:
            projected_figure = _requirement_figure(found, c.figure.measure, planned=True)
    elif isinstance(c.figure, MetricFigure):
        series = [o for o in observations if o.metric == c.figure.metric]
        figure = max(series, key=lambda o: o.date).value if series else None
    else:
        assert isinstance(c.figure, ManualScore)
        figure = scores.get(c.id)
    base: dict[str, Any] = {
        "criterion": c.id,
        "title": c.title or c.id,
        "section": section,
        "out_of": c.points,
        "rule": rule.kind,
        "requirement": requirement,
        "bonus": c.bonus,
        "core": c.core,
        "veto": c.veto,
    }
    if figure is None:
        return CriterionScore(points=0.0, figure=None, facts={"no_data": True}, **base)
    if isinstance(rule, Ordinal) != isinstance(figure, str):
        kind = "a rating" if isinstance(rule, Ordinal) else "a number"
        msg = f"criterion {c.id!r} is scored on {kind} (got {figure!r})"
        raise PlanError([Problem(path=f"$.scores.{c.id}", message=msg)])
    score = rule.score(figure, c.points)  # type: ignore[arg-type]
    projected = None
    if progress and projected_figure is not None:
        projected = rule.score(projected_figure, c.points).points  # type: ignore[arg-type]
    return CriterionScore(
        points=score.points,
        figure=figure,
        facts=score.facts,
        projected=projected,
        **base,
    )


def evaluate(
    plan: Plan | ResolvedPlan,
    activities: Iterable[Activity],
    observations: Iterable[Observation] = (),
    *,
    scheme: Scheme,
    scores: Mapping[str, float | str] | None = None,
    as_of: dt.date | None = None,
) -> Assessment:
    """Score ``plan``'s year against ``scheme``, the way its assessors do.

    The plan is checked first (:func:`~commhealth.check`, with ``as_of`` if given); each
    criterion takes its figure from a requirement's findings, a measured figure, or
    ``scores`` (an assessor's score sheet, by criterion id), and its rule turns the figure
    into points. A criterion with no figure earns nothing. With ``as_of``, each criterion
    that takes a requirement's figure also gets the points it would earn if everything
    planned is held, and the assessment a ``projected_total``.

    Raises:
        PlanError: A criterion names a requirement the plan does not have, or a score
            sheet gives a number where a rating is due (or the other way round).
    """
    resolved = resolve(plan)
    problems = scheme_problems(scheme, resolved)
    if problems:
        raise PlanError(problems, source=scheme.id)
    obs = list(observations)
    if as_of is not None:
        obs = [o for o in obs if o.date <= as_of]
    report = check(resolved, activities, obs, as_of=as_of)
    level = resolved.plan.organisation.level
    progress = as_of is not None
    given = scores or {}
    results = [
        _score(
            c,
            section=section.id,
            level=level,
            report=report,
            observations=obs,
            scores=given,
            progress=progress,
        )
        for section in scheme.sections
        for c in section.all_criteria()
    ]
    base = sum(s.points for s in results if not s.bonus)
    bonus = sum(s.points for s in results if s.bonus)
    if scheme.bonus_cap is not None:
        bonus = min(bonus, scheme.bonus_cap)
    total = base + bonus
    vetoes = tuple(s.criterion for s in results if s.veto and s.points == 0)
    core_missed = tuple(s.criterion for s in results if s.core and s.points < s.out_of)
    grade = scheme.fail_grade if vetoes else scheme.grade(total)
    projected_total = None
    if progress:
        projected_total = (
            sum(
                (s.projected if s.projected is not None else s.points)
                for s in results
                if not s.bonus
            )
            + bonus
        )
    return Assessment(
        scheme=scheme.id,
        plan=resolved.plan.id,
        as_of=as_of,
        language=report.language,
        scores=tuple(results),
        total=total,
        maximum=scheme.maximum(),
        bonus=bonus,
        grade=grade,
        passed=not vetoes and not core_missed and scheme.passes(grade),
        vetoes=vetoes,
        core_missed=core_missed,
        projected_total=projected_total,
    )
