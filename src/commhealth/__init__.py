"""commhealth: community health work plans as typed data, checked against a calendar.

A plan (:class:`Plan`) holds requirements — quotas, recurrences, deadlines, goals on
measured figures, a monthly theme calendar. :func:`check` takes a plan, a schedule of
:class:`Activity` and measured :class:`Observation` figures and returns a :class:`Report`
saying, for every requirement and window, whether it is met, on track, at risk or missed;
:func:`propose` gives the fewest new activities that would make the targets met.
"""

from ._activities import ACTIVITY_FIELDS, Activity, ActivityStatus
from ._goals import Baseline, Direction, Goal, RatioGoal, TrendGoal
from ._includes import Include, Override
from ._kinds import KindNames
from ._observations import Observation
from ._periods import Cadence, NamedWindow, Window
from ._plan import SCHEMA_VERSION, BudgetLine, Organisation, Plan, Requirement, Team
from ._report import Finding, Report
from ._requirements import Bound, Deadline, ForEach, Measure, Quota, Recurrence, Roll, Severity
from ._resolve import ResolvedPlan, resolve
from ._selection import Selector
from ._status import Reason, Status
from ._themes import MonthlyTheme, ThemeCalendar
from .engine import check, check_conformance
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
from .loading import (
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
    "check",
    "check_conformance",
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


def __getattr__(name: str) -> object:
    # Drafting reads its grammar and vocabulary when first asked for, not on import.
    if name in ("Draft", "draft"):
        from . import drafting  # noqa: PLC0415

        return getattr(drafting, name)
    msg = f"module 'commhealth' has no attribute {name!r}"
    raise AttributeError(msg)
