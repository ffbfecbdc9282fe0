"""A plan as a FHIR R4 ``PlanDefinition`` with its goals, and a check as a ``MeasureReport``.

Both are written as plain JSON-ready dictionaries, without a FHIR library at run time; the
tests validate them with ``fhir.resources`` (its R4B models, the FHIR release closest to R4
that the package ships).

The ``MeasureReport`` has one group per requirement: its ``initial-population`` is the
windows (or *for each* values) checked, its ``numerator`` those met, its measure score the
share met, and a stratifier gives the same for each window.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .._goals import Goal, RatioGoal, TrendGoal
from .._requirements import Deadline, Quota, Recurrence
from .._status import Status

if TYPE_CHECKING:
    from .._periods import Window
    from .._plan import Plan
    from .._report import Finding, Report

__all__ = ["to_measure_report", "to_plan_definition"]

#: The code system of commhealth's requirement ids, and of its statuses.
REQUIREMENT_SYSTEM = "urn:commhealth:requirement"
STATUS_SYSTEM = "urn:commhealth:status"
_POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population"


def _canonical(plan_id: str) -> str:
    return f"urn:commhealth:plan:{plan_id}"


def _last_day(w: Window) -> str:
    return (w.end - dt.timedelta(days=1)).isoformat()


def _population(code: str, count: int) -> dict[str, Any]:
    return {"code": {"coding": [{"system": _POPULATION, "code": code}]}, "count": count}


def _score(met: int, of: int) -> dict[str, Any]:
    return {"value": round(met / of, 6) if of else 0}


def _group(requirement: str, title: str, findings: list[Finding]) -> dict[str, Any]:
    met = sum(f.status is Status.MET for f in findings)
    strata = []
    for f in findings:
        label = f.key if f.key is not None else (str(f.window) if f.window else requirement)
        one = int(f.status is Status.MET)
        strata.append(
            {
                "value": {
                    "text": label,
                    "coding": [{"system": STATUS_SYSTEM, "code": f.status.value}],
                },
                "population": [_population("initial-population", 1), _population("numerator", one)],
                "measureScore": _score(one, 1),
            }
        )
    return {
        "code": {"coding": [{"system": REQUIREMENT_SYSTEM, "code": requirement}], "text": title},
        "population": [
            _population("initial-population", len(findings)),
            _population("numerator", met),
        ],
        "measureScore": _score(met, len(findings)),
        "stratifier": [{"code": [{"text": "window"}], "stratum": strata}],
    }


def to_measure_report(report: Report, *, today: dt.date | None = None) -> dict[str, Any]:
    """The report as a FHIR ``MeasureReport`` (``summary``; ``complete`` for a plan review,
    ``pending`` for a progress check with windows still open)."""
    windows = [f.window for f in report.findings if f.window is not None]
    start = min((w.start for w in windows), default=report.as_of or dt.date.today())
    end = max((w.end for w in windows), default=start + dt.timedelta(days=1))
    groups = []
    seen: dict[str, list[Finding]] = {}
    for f in report.findings:
        seen.setdefault(f.requirement, []).append(f)
    for requirement, found in seen.items():
        groups.append(_group(requirement, report.title_of(requirement), found))
    open_ = any(f.status in (Status.ON_TRACK, Status.NOT_DUE) for f in report.findings)
    return {
        "resourceType": "MeasureReport",
        "id": f"{report.plan}-{'review' if report.as_of is None else report.as_of.isoformat()}",
        "status": "pending" if open_ else "complete",
        "type": "summary",
        "measure": _canonical(report.plan),
        "date": (today or report.as_of or dt.date.today()).isoformat(),
        "period": {"start": start.isoformat(), "end": (end - dt.timedelta(days=1)).isoformat()},
        "group": groups,
    }


def _target(requirement: object) -> dict[str, Any] | None:
    """A goal's target: what is measured, the amount or range asked, and when."""
    bound = getattr(requirement, "bound", None)
    detail: dict[str, Any] = {}
    if bound is not None:
        unit = getattr(requirement, "unit", None)

        def quantity(v: float) -> dict[str, Any]:
            return {"value": v, **({"unit": unit} if unit else {})}

        if bound.min is not None and bound.max is not None:
            detail = {"detailRange": {"low": quantity(bound.min), "high": quantity(bound.max)}}
        elif bound.min is not None:
            detail = {"detailQuantity": {**quantity(bound.min), "comparator": ">="}}
        elif bound.max is not None:
            detail = {"detailQuantity": {**quantity(bound.max), "comparator": "<="}}
    measure = getattr(requirement, "metric", None) or getattr(requirement, "id", "")
    target: dict[str, Any] = {"measure": {"text": measure}, **detail}
    return target


def to_plan_definition(plan: Plan) -> dict[str, Any]:
    """The plan as a FHIR ``PlanDefinition``: a goal per requirement, with its target and,
    where it has one, its due date as the time from the plan's start, and an action per
    requirement naming its goal (recurrences with their rule in the description)."""
    goals, actions = [], []
    for r in plan.requirements:
        title = r.title or r.id
        goal: dict[str, Any] = {"id": r.id, "description": {"text": title}}
        if isinstance(r, Quota | Goal | RatioGoal | TrendGoal | Deadline):
            target = _target(r)
            due = getattr(r, "due", None)
            if target is not None:
                if due is not None:
                    days = (due - plan.span.start).days
                    target["due"] = {
                        "value": days,
                        "unit": "d",
                        "system": "http://unitsofmeasure.org",
                        "code": "d",
                    }
                goal["target"] = [target]
        goals.append(goal)
        action: dict[str, Any] = {"title": title, "goalId": [r.id]}
        if isinstance(r, Recurrence):
            action["description"] = f"RRULE:{r.rule}"
        actions.append(action)
    return {
        "resourceType": "PlanDefinition",
        "id": plan.id,
        "url": _canonical(plan.id),
        "name": "".join(c for c in plan.id.title() if c.isalnum()) or "Plan",
        "title": plan.title or plan.id,
        "status": "active",
        "effectivePeriod": {"start": plan.span.start.isoformat(), "end": _last_day(plan.span)},
        "goal": goals,
        "action": actions,
    }
