"""commhealth: community health work plans as typed data, checked against a calendar.

A plan (:class:`Plan`) holds requirements — quotas, recurrences, deadlines, goals on
measured figures, a monthly theme calendar. :func:`check` takes a plan, a schedule of
:class:`Activity` and measured :class:`Observation` figures and returns a :class:`Report`
saying, for every requirement and window, whether it is met, on track, at risk or missed.
"""

from ._activities import ACTIVITY_FIELDS, Activity, ActivityStatus
from ._goals import Baseline, Direction, Goal, RatioGoal, TrendGoal
from ._includes import Include, Override
from ._observations import Observation
from ._periods import Cadence, NamedWindow, Window
from ._plan import SCHEMA_VERSION, BudgetLine, Organisation, Plan, Requirement, Team
from ._report import Finding, Report
from ._requirements import Bound, Deadline, ForEach, Measure, Quota, Recurrence, Roll, Severity
from ._resolve import ResolvedPlan, resolve
from ._selection import Selector
from ._status import Reason, Status
from ._themes import MonthlyTheme, ThemeCalendar
from .batch import check_many
from .drafting import Draft, draft
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
    "Deadline",
    "Direction",
    "Draft",
    "DraftError",
    "FieldError",
    "Finding",
    "ForEach",
    "Goal",
    "Include",
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
    "check_many",
    "draft",
    "dump_plan",
    "dumps_plan",
    "load_activities",
    "load_observations",
    "load_plan",
    "loads_plan",
    "resolve",
]
