"""The plan: who it belongs to, the span it covers, its teams, budget and requirements."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import attrs

from ._goals import Goal, RatioGoal, TrendGoal
from ._includes import Include
from ._kinds import AudienceNames, KindNames
from ._limits import (
    MAX_FINDINGS,
    MAX_FOR_EACH_VALUES,
    MAX_REQUIREMENTS,
    MAX_SPAN_YEARS,
    MAX_TOLERANCE_DAYS,
    MAX_YEAR,
    MIN_YEAR,
)
from ._periods import NamedWindow, Window
from ._requirements import Deadline, ForEach, Quota, Recurrence
from ._rrules import occurrence_dates
from ._themes import ThemeCalendar
from ._validators import at_most_items, between, optional_not_negative
from .calendar._observance import Observance
from .errors import (
    FieldError,
    PlanError,
    Problem,
    UnknownRequirementError,
    UnknownTeamError,
    UnknownWindowError,
)

__all__ = ["SCHEMA_VERSION", "BudgetLine", "Organisation", "Plan", "Requirement", "Team"]

#: The plan-file schema version this release reads and writes.
SCHEMA_VERSION = 1

#: Every kind of requirement a plan can hold (the theme calendar is held separately).
Requirement = Quota | Recurrence | Deadline | Goal | RatioGoal | TrendGoal


@attrs.frozen(kw_only=True)
class Organisation:
    """Who a plan belongs to: a town (镇), street office (街道), community (社区) or district (区)."""

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    name: str = ""
    level: str | None = None
    parent: str | None = None


def _size_holds_members(instance: Team, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value < len(instance.members):
        msg = f"'size' must be at least the number of members listed ({len(instance.members)}, got {value})"
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class Team:
    """A group of people a plan sets up: a leadership group of 8, a volunteer team of 26.

    ``members`` names them where a requirement applies to each (each cadre's talk).
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    name: str = ""
    members: tuple[str, ...] = attrs.field(default=(), validator=at_most_items(MAX_FOR_EACH_VALUES))
    size: int | None = attrs.field(
        default=None,
        validator=[attrs.validators.optional(attrs.validators.ge(0)), _size_holds_members],
    )


@attrs.frozen(kw_only=True)
class BudgetLine:
    """Money set aside: "下拨到社区的专项经费共计46万元"."""

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    amount: float = attrs.field(validator=optional_not_negative)
    unit: str = "元"


def _span_within_limits(instance: object, attribute: attrs.Attribute[Any], span: Any) -> None:
    if not isinstance(span, Window):
        return
    first, last = span.start.year, span.last.year
    if first < MIN_YEAR or last > MAX_YEAR:
        msg = (
            f"'span' must lie within the years {MIN_YEAR} to {MAX_YEAR} "
            f"(got {span.start.isoformat()} to {span.last.isoformat()})"
        )
        raise FieldError(attribute.name, msg)
    if last - first >= MAX_SPAN_YEARS:
        msg = (
            f"'span' may cover at most {MAX_SPAN_YEARS} calendar years "
            f"(got {last - first + 1}, {first} to {last})"
        )
        raise FieldError(attribute.name, msg)


def _supported_schema(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value != SCHEMA_VERSION:
        msg = f"'schema' must be {SCHEMA_VERSION}, the version this release reads (got {value})"
        raise FieldError(attribute.name, msg)


def _language(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in ("zh", "en"):
        msg = f"'language' must be 'zh' or 'en' (got {value!r})"
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class Plan:
    """A yearly work plan: its organisation, span, named windows, teams and requirements.

    Constructing a plan checks the rules that tie its parts together (unique ids, named
    windows and teams that exist, dates inside the span) and raises one
    :class:`~commhealth.PlanError` listing every problem found. It checks only what the
    plan holds: the standards it includes and the observances it names are looked up by
    :func:`~commhealth.resolve` (which :func:`~commhealth.load_plan` and
    :func:`~commhealth.check` call), so building or evolving a plan stays cheap.
    """

    schema: int = attrs.field(default=SCHEMA_VERSION, validator=_supported_schema)
    id: str = attrs.field(validator=attrs.validators.min_len(1))
    title: str = ""
    language: str = attrs.field(default="zh", validator=_language)
    organisation: Organisation
    span: Window = attrs.field(validator=_span_within_limits)
    parent: str | None = None
    windows: tuple[NamedWindow, ...] = ()
    teams: tuple[Team, ...] = ()
    children: tuple[Organisation, ...] = attrs.field(
        default=(), validator=at_most_items(MAX_FOR_EACH_VALUES)
    )
    budget: tuple[BudgetLine, ...] = ()
    requirements: tuple[Requirement, ...] = attrs.field(
        default=(), validator=at_most_items(MAX_REQUIREMENTS)
    )
    includes: tuple[Include, ...] = ()
    cascade: tuple[str, ...] = ()
    themes: ThemeCalendar | None = None
    observances: tuple[Observance, ...] = ()
    observance_tolerance: int = attrs.field(default=0, validator=between(0, MAX_TOLERANCE_DAYS))
    holidays: tuple[dt.date, ...] = ()
    workdays: tuple[dt.date, ...] = ()
    vocabulary: tuple[KindNames | AudienceNames, ...] = ()

    def __attrs_post_init__(self) -> None:
        problems = list(_plan_problems(self))
        if problems:
            raise PlanError(problems)

    def requirement(self, id: str) -> Requirement | ThemeCalendar:
        """The plan's own requirement (or theme calendar) with this ``id``.

        Included standards' requirements are found through :func:`~commhealth.resolve`.

        Raises:
            UnknownRequirementError: No requirement has that id; the message lists the ids
                there are.
        """
        themes = (self.themes,) if self.themes is not None else ()
        for req in self.requirements + themes:
            if req.id == id:
                return req
        raise UnknownRequirementError(id, self.id, [r.id for r in self.requirements + themes])

    def window(self, name: str) -> Window:
        """The named window ``name`` as a :class:`Window`.

        Raises:
            UnknownWindowError: The plan names no such window.
        """
        for w in self.windows:
            if w.id == name:
                return w.window
        raise UnknownWindowError(name, self.id, [w.id for w in self.windows])

    def for_each_values(self, rule: ForEach) -> tuple[str, ...]:
        """The values a *for each* rule runs over: its listed values, a team's members, or
        the ids of the plan's child organisations."""
        if rule.team is not None:
            return self.team(rule.team).members
        if rule.children:
            return tuple(c.id for c in self.children)
        return rule.values

    def team(self, id: str) -> Team:
        """The team with this ``id``.

        Raises:
            UnknownTeamError: The plan has no such team.
        """
        for t in self.teams:
            if t.id == id:
                return t
        raise UnknownTeamError(id, self.id, [t.id for t in self.teams])


def _duplicates(path: str, ids: list[str]) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if ident in first:
            yield Problem(
                path=f"{path}[{i}].id",
                message=f"'id' must be unique; {ident!r} is also used at {path}[{first[ident]}]",
            )
        else:
            first[ident] = i


def _date_in_span(plan: Plan, path: str, day: dt.date | None) -> Iterator[Problem]:
    if day is not None and day not in plan.span:
        yield Problem(
            path=path,
            message=f"date must lie inside the plan's span {plan.span} (got {day.isoformat()})",
        )


_RRULE_DATE = re.compile(r"\b(DTSTART|UNTIL)[=:](\d{8})", re.IGNORECASE)


def _plan_problems(plan: Plan) -> Iterator[Problem]:
    reqs = plan.requirements
    ids = [r.id for r in reqs]
    yield from _duplicates("$.requirements", ids)
    if plan.themes is not None and plan.themes.id in ids:
        yield Problem(
            path="$.themes.id",
            message=f"'id' must be unique; {plan.themes.id!r} is also a requirement's id",
        )
    yield from _duplicates("$.windows", [w.id for w in plan.windows])
    yield from _duplicates("$.teams", [t.id for t in plan.teams])
    yield from _duplicates("$.children", [c.id for c in plan.children])
    yield from _duplicates("$.budget", [b.id for b in plan.budget])
    named: dict[tuple[str, str], str] = {}
    for i, entry in enumerate(plan.vocabulary):
        what = "kind" if isinstance(entry, KindNames) else "audience"
        for name in sorted(entry.names):
            if named.setdefault((what, name), entry.code) != entry.code:
                yield Problem(
                    path=f"$.vocabulary[{i}].names",
                    message=(
                        f"{name!r} already names {what} {named[what, name]!r}; "
                        f"a name names one {what}"
                    ),
                )
    for i, w in enumerate(plan.windows):
        if not plan.span.covers(w.window):
            yield Problem(
                path=f"$.windows[{i}]",
                message=f"window {w.id!r} ({w.window}) must lie inside the plan's span {plan.span}",
            )
    window_ids = {w.id for w in plan.windows}
    team_ids = {t.id for t in plan.teams}
    for i, req in enumerate(reqs):
        here = f"$.requirements[{i}]"
        if isinstance(req, Quota):
            for j, name in enumerate(req.within):
                if name not in window_ids:
                    known = ", ".join(sorted(window_ids)) or "none"
                    yield Problem(
                        path=f"{here}.within[{j}]",
                        message=f"no named window {name!r} in the plan; known: {known}",
                    )
            fe = req.for_each
            if fe is not None and fe.team is not None and fe.team not in team_ids:
                known = ", ".join(sorted(team_ids)) or "none"
                yield Problem(
                    path=f"{here}.for_each.team",
                    message=f"no team {fe.team!r} in the plan; known: {known}",
                )
            if fe is not None and fe.children and not plan.children:
                yield Problem(
                    path=f"{here}.for_each.children",
                    message="'children' needs the plan to list its child organisations (got none)",
                )
        elif isinstance(req, Recurrence):
            outside_span = False
            for m in _RRULE_DATE.finditer(req.rule):
                day = dt.datetime.strptime(m.group(2), "%Y%m%d").date()
                key = m.group(1).upper()
                outside = day not in plan.span and not (key == "UNTIL" and day == plan.span.end)
                if outside:
                    outside_span = True
                    yield Problem(
                        path=f"{here}.rule",
                        message=(
                            f"the rule's {key} {day.isoformat()} must lie inside the plan's "
                            f"span {plan.span}"
                        ),
                    )
            if not outside_span and not occurrence_dates(
                req.rule, plan.span.start, plan.span.end, limit=1
            ):
                yield Problem(
                    path=f"{here}.rule",
                    message=f"the rule has no occurrence inside the plan's span {plan.span} (got {req.rule!r})",
                )
        elif isinstance(req, Deadline | Goal | RatioGoal):
            yield from _date_in_span(plan, f"{here}.due", req.due)
    yield from _day_problems(plan)
    yield from _size_problems(plan)


def _findings_asked(plan: Plan, req: Requirement, limit: int) -> int:
    """How many findings ``req`` asks for (more than ``limit`` is counted as ``limit + 1``)."""
    if isinstance(req, Quota):
        keys = 1
        if req.for_each is not None:
            try:
                keys = max(1, len(plan.for_each_values(req.for_each)))
            except UnknownTeamError:
                keys = 1  # reported above
        return req.per.count(plan.span) * keys
    if isinstance(req, Recurrence):
        try:
            return len(occurrence_dates(req.rule, plan.span.start, plan.span.end, limit=limit + 1))
        except (ValueError, TypeError, OverflowError):
            return 1  # a DTSTART outside the span, reported above
    if isinstance(req, TrendGoal):
        return req.per.count(plan.span)
    return 1


def _size_problems(plan: Plan) -> Iterator[Problem]:
    """The requirements together may ask for at most so many findings."""
    total = 12 * (plan.span.last.year - plan.span.start.year + 1) if plan.themes else 0
    for i, req in enumerate(plan.requirements):
        total += _findings_asked(plan, req, MAX_FINDINGS - total)
        if total > MAX_FINDINGS:
            yield Problem(
                path=f"$.requirements[{i}]",
                message=(
                    f"the plan asks for more than {MAX_FINDINGS:,} findings (every window of "
                    "every quota times its for-each values, every occurrence of every "
                    f"recurrence); it passes that here, at {req.id!r}: split the plan, or use "
                    "longer cadences"
                ),
            )
            return


def _day_problems(plan: Plan) -> Iterator[Problem]:
    """A day the plan declares cannot be both a holiday and a working day."""
    clash = sorted(set(plan.holidays) & set(plan.workdays))
    if clash:
        days = ", ".join(d.isoformat() for d in clash)
        yield Problem(
            path="$.workdays",
            message=f"a day cannot be both a holiday and a working day (got {days})",
        )
