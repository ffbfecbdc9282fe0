"""The public surface: exactly the documented names, and a light import."""

from __future__ import annotations

import subprocess
import sys

import commhealth

PUBLIC = {
    "ACTIVITY_FIELDS", "SCHEMA_VERSION", "Activity", "ActivityStatus", "Baseline", "Bound", "BudgetLine",
    "Cadence", "CalendarDataError", "CommhealthError", "Deadline", "Direction", "FieldError", "Finding",
    "ForEach", "Goal", "Include", "LedgerError", "Measure", "MonthlyTheme", "NamedWindow", "Observation",
    "Organisation", "Override", "Plan", "PlanError", "Problem", "Quota", "RatioGoal", "Recurrence", "Report",
    "Requirement", "Roll", "Schedule", "Selector", "Severity", "Status", "Team", "ThemeCalendar", "TrendGoal",
    "Window", "activities_from_frame", "check", "check_conformance", "dump_plan", "dumps_plan", "load_activities", "load_observations", "load_plan",
    "loads_plan", "NotFoundError", "Reason", "ResolvedPlan", "UnknownRequirementError", "UnknownTeamError",
    "UnknownWindowError", "resolve", "Draft", "DraftError", "draft", "KindNames",
    "Constraints", "Proposal", "propose",
    "check_many", "LedgerFinding", "LedgerReason", "AudienceNames",
}  # fmt: skip


class TestPublicApi:
    def test_all_is_exactly_the_public_api(self) -> None:
        """commhealth.__all__ is exactly the documented public names, each once."""
        assert PUBLIC == set(commhealth.__all__)
        assert len(PUBLIC) == len(commhealth.__all__)

    def test_every_name_exists(self) -> None:
        """Every name in __all__ is importable from commhealth."""
        for name in commhealth.__all__:
            assert getattr(commhealth, name) is not None

    def test_import_is_light(self) -> None:
        """Importing commhealth loads no YAML, TOML writer, calendar, Excel, pandas or plotting module."""
        code = (
            "import sys, commhealth; "
            "heavy = {'yaml', 'tomli_w', 'lunar_python', 'chinese_calendar', 'pandas', 'matplotlib', "
            "'openpyxl', 'python_calamine', 'icalendar', 'hypothesis', 'cn2an', 'docx', 'highspy', 'numpy', 'xlsxwriter'}; "
            "print(sorted(heavy & set(sys.modules)))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]" == done.stdout.strip()
