"""What a scheme or a score sheet asks that a plan cannot give: every problem at once, each
with its path in the scheme or its row on the sheet."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .._plan import Plan
from .._resolve import ResolvedPlan, resolve
from .._scheme import (
    ActivitiesFigure,
    Figure,
    ManualScore,
    MetricFigure,
    RecordsFigure,
    RequirementFigure,
    Scheme,
    Section,
)
from .._scoresheet import ScoreSheet
from .._scoring import Ordinal, Penalty, ScoringRule
from ..errors import Problem

__all__ = ["scheme_problems", "sheet_problems"]


def _figures(scheme: Scheme) -> Iterator[tuple[str, Figure]]:
    """Every figure of the scheme with its path: each criterion's, or each of its parts'."""

    def walk(section: Section, path: str) -> Iterator[tuple[str, Figure]]:
        for j, c in enumerate(section.criteria):
            if c.figure is not None:
                yield f"{path}.criteria[{j}].figure", c.figure
            for k, part in enumerate(c.parts):
                yield f"{path}.criteria[{j}].parts[{k}].figure", part.figure
        for k, inner in enumerate(section.sections):
            yield from walk(inner, f"{path}.sections[{k}]")

    for i, section in enumerate(scheme.sections):
        yield from walk(section, f"$.sections[{i}]")


def _for_each_child(requirement: object) -> bool:
    for_each = getattr(requirement, "for_each", None)
    return bool(for_each is not None and for_each.children)


def scheme_problems(scheme: Scheme, plan: Plan | ResolvedPlan) -> list[Problem]:
    """Every figure of ``scheme`` that ``plan`` cannot give, with its path in the scheme
    (``$.sections[0].criteria[2].figure.requirement``): a requirement the plan does not
    have, and, in a scheme that scores each child organisation, a requirement not kept for
    each child or a measured figure (which is the street's, not a child's)."""
    resolved = resolve(plan)
    requirements = {r.id: r for r in resolved.all_requirements()}
    children = scheme.assesses == "children"
    found: list[Problem] = []
    if children and not resolved.plan.children:
        found.append(
            Problem(
                path="$.assesses",
                message=f"the scheme scores each child organisation, and plan {resolved.plan.id!r} lists none",
            )
        )
    for path, figure in _figures(scheme):
        if isinstance(figure, RequirementFigure | RecordsFigure | ActivitiesFigure):
            r = requirements.get(figure.requirement)
            if r is None:
                found.append(
                    Problem(
                        path=f"{path}.requirement",
                        message=f"no requirement {figure.requirement!r} in the plan; known: {', '.join(sorted(requirements))}",
                    )
                )
            elif children and not _for_each_child(r):
                found.append(
                    Problem(
                        path=f"{path}.requirement",
                        message=f"requirement {figure.requirement!r} is not kept for each child organisation (for_each.children), so it cannot score one",
                    )
                )
        elif children and isinstance(figure, MetricFigure):
            found.append(
                Problem(
                    path=f"{path}.source",
                    message="a measured figure is the plan's own, not a child's; give each child's figure on the score sheet (source = 'manual')",
                )
            )
    return found


def _manual_rules(scheme: Scheme, level: str | None) -> tuple[dict[str, ScoringRule], set[str]]:
    """The rules of the figures a score sheet gives, by the key it gives them under
    (``criterion`` or ``criterion.part``), and every criterion id."""
    rules: dict[str, ScoringRule] = {}
    ids: set[str] = set()
    for c in scheme.criteria():
        ids.add(c.id)
        if isinstance(c.figure, ManualScore):
            rules[c.id] = c.rule_for(level)
        for part in c.parts:
            if isinstance(part.figure, ManualScore):
                rules[f"{c.id}.{part.id}"] = part.rule_for(level)
    return rules, ids


def sheet_problems(
    scheme: Scheme, sheet: ScoreSheet, levels: Mapping[str | None, str | None]
) -> list[Problem]:
    """Every entry of ``sheet`` that ``scheme`` cannot take, by the sheet's row: a criterion
    (or part) the scheme does not have, a figure for a criterion that takes its figure from
    the ledger, a number where a rating is due or the other way round, a rating the rule
    does not know. ``levels`` gives each subject's organisation level."""
    found: list[Problem] = []
    for e in sheet.entries:
        rules, ids = _manual_rules(scheme, levels.get(e.subject, levels.get(None)))
        where = f"row {e.row}" if e.row is not None else f"$.scores.{e.criterion}"
        who = f" for {e.subject!r}" if e.subject else ""
        if e.criterion not in ids and e.criterion not in rules:
            known = ", ".join(sorted(rules)) or "none"
            msg = f"no criterion {e.criterion!r} in the scheme takes a score{who}; the sheet can score {known}"
            found.append(Problem(path=where, message=msg))
            continue
        if e.figure is None:
            continue
        rule = rules.get(e.criterion)
        if rule is None:
            msg = f"criterion {e.criterion!r} takes its figure from the ledger or the measured figures, not the score sheet; give it only an adjustment or evidence"
            found.append(Problem(path=where, message=msg))
        elif isinstance(rule, Ordinal) != isinstance(e.figure, str):
            kind = "a rating" if isinstance(rule, Ordinal) else "a number"
            msg = f"criterion {e.criterion!r} needs {kind}{who} (got {e.figure!r})"
            found.append(Problem(path=where, message=msg))
        elif isinstance(rule, Penalty) and isinstance(e.figure, float | int) and e.figure < 0:
            # Read as no defects, a count below 0 would give full points.
            msg = f"criterion {e.criterion!r} counts defects{who}; a count cannot be below 0 (got {e.figure:g})"
            found.append(Problem(path=where, message=msg))
        elif isinstance(rule, Ordinal) and e.figure not in rule.points:
            ratings = ", ".join(repr(k) for k in rule.points)
            msg = f"criterion {e.criterion!r} is rated {ratings}{who} (got {e.figure!r})"
            found.append(Problem(path=where, message=msg))
    return found
