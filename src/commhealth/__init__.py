"""commhealth: community health work plans as typed data, checked against a calendar.

A plan (:class:`Plan`) holds requirements — quotas, recurrences, deadlines, goals on
measured figures, a monthly theme calendar. :func:`check` takes a plan, a schedule of
:class:`Activity` and measured :class:`Observation` figures and returns a :class:`Report`
saying, for every requirement and window, whether it is met, on track, at risk or missed;
:func:`propose` gives the fewest new activities that would make the targets met.
"""

from typing import TYPE_CHECKING

from .errors import (
    CalendarDataError,
    CommhealthError,
    DraftError,
    FieldError,
    LedgerError,
    NotFoundError,
    PlanError,
    Problem,
    UnknownRequirementError,
    UnknownTeamError,
    UnknownWindowError,
)

if TYPE_CHECKING:
    from ._activities import ACTIVITY_FIELDS, Activity, ActivityStatus
    from ._goals import Baseline, Direction, Goal, RatioGoal, TrendGoal
    from ._includes import Include, Override
    from ._kinds import AudienceNames, KindNames
    from ._ledger_findings import LedgerFinding, LedgerReason
    from ._observations import Observation
    from ._periods import Cadence, NamedWindow, Window
    from ._plan import SCHEMA_VERSION, BudgetLine, Organisation, Plan, Requirement, Team
    from ._report import Finding, Report
    from ._requirements import Bound, Deadline, ForEach, Measure, Quota, Recurrence, Roll, Severity
    from ._resolve import ResolvedPlan, resolve
    from ._schedule import Schedule
    from ._selection import Selector
    from ._status import Reason, Status
    from ._themes import MonthlyTheme, ThemeCalendar
    from .batch import check_many
    from .drafting import Draft, draft
    from .engine import check, check_conformance
    from .loading import (
        activities_from_frame,
        dump_plan,
        dumps_plan,
        load_activities,
        load_observations,
        load_plan,
        loads_plan,
    )
    from .planner import Constraints, Proposal, propose

__version__ = "0.1.0.dev0"

__all__ = [
    "ACTIVITY_FIELDS",
    "SCHEMA_VERSION",
    "Activity",
    "ActivityStatus",
    "AudienceNames",
    "Baseline",
    "Bound",
    "BudgetLine",
    "Cadence",
    "CalendarDataError",
    "CommhealthError",
    "Constraints",
    "Deadline",
    "Direction",
    "Draft",
    "DraftError",
    "FieldError",
    "Finding",
    "ForEach",
    "Goal",
    "Include",
    "KindNames",
    "LedgerError",
    "LedgerFinding",
    "LedgerReason",
    "Measure",
    "MonthlyTheme",
    "NamedWindow",
    "NotFoundError",
    "Observation",
    "Organisation",
    "Override",
    "Plan",
    "PlanError",
    "Problem",
    "Proposal",
    "Quota",
    "RatioGoal",
    "Reason",
    "Recurrence",
    "Report",
    "Requirement",
    "ResolvedPlan",
    "Roll",
    "Schedule",
    "Selector",
    "Severity",
    "Status",
    "Team",
    "ThemeCalendar",
    "TrendGoal",
    "UnknownRequirementError",
    "UnknownTeamError",
    "UnknownWindowError",
    "Window",
    "activities_from_frame",
    "check",
    "check_conformance",
    "check_many",
    "draft",
    "dump_plan",
    "dumps_plan",
    "load_activities",
    "load_observations",
    "load_plan",
    "loads_plan",
    "propose",
    "resolve",
]


#: The names whose module is imported when first asked for, not with the package, so that
#: ``import commhealth`` (and ``commhealth --help``) costs almost nothing: each attrs class
#: builds its methods when its module is imported. The engine and the schedule import numpy, reading files builds the plan format's
#: converter, planning imports its solver's model, drafting
#: reads its grammar, and a program that only checks needs none of them.
_LAZY = {
    "ACTIVITY_FIELDS": "_activities",
    "Activity": "_activities",
    "ActivityStatus": "_activities",
    "Baseline": "_goals",
    "Direction": "_goals",
    "Goal": "_goals",
    "RatioGoal": "_goals",
    "TrendGoal": "_goals",
    "Include": "_includes",
    "Override": "_includes",
    "AudienceNames": "_kinds",
    "KindNames": "_kinds",
    "LedgerFinding": "_ledger_findings",
    "LedgerReason": "_ledger_findings",
    "Observation": "_observations",
    "Cadence": "_periods",
    "NamedWindow": "_periods",
    "Window": "_periods",
    "SCHEMA_VERSION": "_plan",
    "BudgetLine": "_plan",
    "Organisation": "_plan",
    "Plan": "_plan",
    "Requirement": "_plan",
    "Team": "_plan",
    "Finding": "_report",
    "Report": "_report",
    "Bound": "_requirements",
    "Deadline": "_requirements",
    "ForEach": "_requirements",
    "Measure": "_requirements",
    "Quota": "_requirements",
    "Recurrence": "_requirements",
    "Roll": "_requirements",
    "Severity": "_requirements",
    "ResolvedPlan": "_resolve",
    "resolve": "_resolve",
    "Selector": "_selection",
    "Reason": "_status",
    "Status": "_status",
    "MonthlyTheme": "_themes",
    "ThemeCalendar": "_themes",
    "Schedule": "_schedule",
    "check": "engine",
    "check_conformance": "engine",
    "activities_from_frame": "loading",
    "dump_plan": "loading",
    "dumps_plan": "loading",
    "load_activities": "loading",
    "load_observations": "loading",
    "load_plan": "loading",
    "loads_plan": "loading",
    "Constraints": "planner",
    "Proposal": "planner",
    "propose": "planner",
    "Draft": "drafting",
    "draft": "drafting",
    "check_many": "batch",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'commhealth' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib  # noqa: PLC0415

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # asked for once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
