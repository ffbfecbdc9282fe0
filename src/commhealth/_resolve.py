"""Resolving what a plan refers to: the standards it includes, the observances it names.

A :class:`~commhealth.Plan` is pure data and validates only what it holds. What it refers
to by name lives elsewhere — the shipped standards, the observance registry, the statutory
calendar — and is looked up here, once, by :func:`resolve`. :func:`~commhealth.load_plan`
and :func:`~commhealth.check` resolve the plans they are given, so every problem of a plan
file is still reported when it is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from ._includes import Include, Override
from ._plan import Plan, Requirement
from ._themes import ThemeCalendar
from .calendar import ObservanceRegistry, WorkCalendar, default_registry
from .errors import CommhealthError, PlanError, Problem, UnknownRequirementError
from .standards import Standard, get

__all__ = ["ResolvedPlan", "expand", "resolution_problems", "resolve"]


@attrs.frozen(kw_only=True)
class ResolvedPlan:
    """A plan with everything it refers to looked up, ready to be checked.

    Attributes:
        plan: The plan as written.
        included: The requirements its ``includes`` bring in, overrides applied, each
            carrying its standard's id as ``source`` (unless it names its own).
        registry: The observances the plan can name: the shipped ones, with the plan's
            own added or replacing shipped ones of the same id.
        calendar: Statutory holidays and working days, the plan's declarations first.
    """

    plan: Plan
    included: tuple[Requirement, ...] = ()
    registry: ObservanceRegistry = attrs.field(eq=False, repr=False)
    calendar: WorkCalendar = attrs.field(eq=False, repr=False)

    @property
    def requirements(self) -> tuple[Requirement, ...]:
        """The plan's own requirements, then the included ones."""
        return self.plan.requirements + self.included

    def all_requirements(self) -> tuple[Requirement | ThemeCalendar, ...]:
        """The plan's own requirements, then the included ones, then the theme calendar."""
        themes = (self.plan.themes,) if self.plan.themes is not None else ()
        return self.requirements + themes

    def requirement(self, id: str) -> Requirement | ThemeCalendar:
        """The requirement (own, included, or the theme calendar) with this ``id``.

        Raises:
            UnknownRequirementError: No requirement has that id; the message lists those
                there are.
        """
        every = self.all_requirements()
        for req in every:
            if req.id == id:
                return req
        raise UnknownRequirementError(id, self.plan.id, [r.id for r in every])


def _apply(req: Requirement, override: Override | None, source: str) -> Requirement:
    changes: dict[str, object] = {}
    if req.source is None:
        changes["source"] = source
    if override is not None:
        for name in ("bound", "severity", "title"):
            value = getattr(override, name)
            if value is not None:
                changes[name] = value
    return attrs.evolve(req, **changes)  # type: ignore[arg-type]


def expand(include: Include) -> tuple[Requirement, ...]:
    """The requirements of the included standard, with the plan's overrides applied.

    Raises:
        UnknownStandardError: No shipped standard has the included id.
    """
    standard = get(include.standard)
    by_id = {o.requirement: o for o in include.overrides}
    return tuple(
        _apply(r, by_id.get(r.id), standard.id)
        for r in standard.requirements
        if include.takes(r.id)
    )


def _include_problems(includes: Iterable[Include], own_ids: set[str]) -> Iterator[Problem]:
    """Every problem with a plan's includes: unknown standards, overrides that do not apply,
    ids that clash with the plan's own requirements or another include's."""
    seen = dict.fromkeys(own_ids, "the plan's own requirements")
    for i, inc in enumerate(includes):
        here = f"$.includes[{i}]"
        try:
            standard: Standard = get(inc.standard)
        except CommhealthError as e:
            yield Problem(path=f"{here}.standard", message=str(e))
            continue
        reqs = {r.id: r for r in standard.requirements}
        if inc.only and inc.exclude:
            yield Problem(
                path=f"{here}.exclude",
                message="give 'only' or 'exclude', not both",
            )
        for key in ("only", "exclude"):
            for j, rid in enumerate(getattr(inc, key)):
                if rid not in reqs:
                    yield Problem(
                        path=f"{here}.{key}[{j}]",
                        message=f"no requirement {rid!r} in standard {inc.standard!r}; known: {', '.join(reqs)}",
                    )
        taken = {rid: r for rid, r in reqs.items() if inc.takes(rid)}
        for j, o in enumerate(inc.overrides):
            if o.requirement not in reqs:
                yield Problem(
                    path=f"{here}.overrides[{j}].requirement",
                    message=f"no requirement {o.requirement!r} in standard {inc.standard!r}; known: {', '.join(reqs)}",
                )
                continue
            if o.bound is not None and getattr(reqs[o.requirement], "bound", None) is None:
                yield Problem(
                    path=f"{here}.overrides[{j}].bound",
                    message=f"requirement {o.requirement!r} has no bound to override",
                )
                continue
            try:
                _apply(reqs[o.requirement], o, standard.id)
            except (CommhealthError, ValueError, TypeError) as e:
                yield Problem(path=f"{here}.overrides[{j}]", message=str(e))
        for j, o in enumerate(inc.overrides):
            if o.requirement in reqs and o.requirement not in taken:
                yield Problem(
                    path=f"{here}.overrides[{j}].requirement",
                    message=f"requirement {o.requirement!r} is not taken from {inc.standard!r} (see 'only' and 'exclude')",
                )
        for rid in taken:
            if rid in seen:
                yield Problem(
                    path=f"{here}.standard",
                    message=f"requirement id {rid!r} from {inc.standard!r} is also in {seen[rid]}",
                )
            else:
                seen[rid] = repr(inc.standard)


def _registry(plan: Plan) -> ObservanceRegistry:
    shipped = default_registry()
    return shipped.with_observances(plan.observances) if plan.observances else shipped


def _observance_problems(plan: Plan, registry: ObservanceRegistry) -> Iterator[Problem]:
    """The observances the plan's themes name, and the values of a quota counted *for
    each* observance, must be in its registry (the message names the closest names)."""
    named: list[tuple[str, str]] = []
    if plan.themes is not None:
        for i, theme in enumerate(plan.themes.months):
            named += [
                (f"$.themes.months[{i}].observances[{j}]", name)
                for j, name in enumerate(theme.observances)
            ]
    for i, req in enumerate(plan.requirements):
        for_each = getattr(req, "for_each", None)
        if for_each is not None and for_each.field == "observance":
            named += [
                (f"$.requirements[{i}].for_each.values[{j}]", name)
                for j, name in enumerate(for_each.values)
            ]
    for path, name in named:
        try:
            registry.get(name)
        except CommhealthError as e:
            yield Problem(path=path, message=str(e))


def _resolution(
    plan: Plan,
) -> tuple[list[Problem], tuple[Requirement, ...], ObservanceRegistry | None]:
    """The problems of what ``plan`` refers to, its included requirements and its registry,
    each looked up once (``None`` for a registry the plan's own observances break)."""
    own = {r.id for r in plan.requirements}
    found = list(_include_problems(plan.includes, own))
    try:
        included = tuple(req for inc in plan.includes for req in expand(inc))
    except (CommhealthError, ValueError, TypeError):
        included = ()  # each broken include is reported above, with its path
    cascadable = own | {r.id for r in included}
    if plan.themes is not None:
        cascadable.add(plan.themes.id)
    for i, rid in enumerate(plan.cascade):
        if rid not in cascadable:
            choices = ", ".join(sorted(cascadable)) or "none"
            found.append(
                Problem(
                    path=f"$.cascade[{i}]",
                    message=f"no requirement {rid!r} in the plan to pass down; known: {choices}",
                )
            )
    registry: ObservanceRegistry | None
    try:
        registry = _registry(plan)
    except (CommhealthError, ValueError) as e:
        registry = None
        found.append(Problem(path="$.observances", message=str(e)))
    else:
        found.extend(_observance_problems(plan, registry))
    return found, included, registry


def resolution_problems(plan: Plan) -> list[Problem]:
    """Every problem with what ``plan`` refers to, each with its ``$.path``: included
    standards and their overrides, observance names, the ids a parent passes down."""
    return _resolution(plan)[0]


def resolve(plan: Plan | ResolvedPlan) -> ResolvedPlan:
    """Look up what ``plan`` refers to: included standards, observances, the work calendar.

    A plan already resolved is returned as it is.

    Raises:
        PlanError: Lists every problem found, each with its ``$.path``.
    """
    if isinstance(plan, ResolvedPlan):
        return plan
    problems, included, registry = _resolution(plan)
    if problems:
        raise PlanError(problems, source=plan.id)
    assert registry is not None  # a registry that could not be built is a problem above
    return ResolvedPlan(
        plan=plan,
        included=included,
        registry=registry,
        calendar=WorkCalendar(holidays=plan.holidays, workdays=plan.workdays),
    )
