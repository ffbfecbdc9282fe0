"""Helpers for test suites that check plans: assertions that explain themselves.

>>> import datetime as dt
>>> from commhealth import Activity, Bound, Organisation, Plan, Quota, Window
>>> from commhealth.testing import assert_plan_met
>>> plan = Plan(id="p", organisation=Organisation(id="o"), span=Window.year(2022),
...             requirements=(Quota(id="talks", bound=Bound(min=1)),))
>>> report = assert_plan_met(plan, [Activity(id="a", date=dt.date(2022, 5, 1))])
>>> assert_plan_met(plan, [], lang="en")
Traceback (most recent call last):
...
AssertionError: p — plan review
Result: not ok (1 requirement failing)
<BLANKLINE>
✗ talks (at least 1): 2022 had 0, 1 short
<BLANKLINE>
Total: missed 1
<BLANKLINE>
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ._activities import Activity
from ._observations import Observation
from ._plan import Plan
from ._report import Report
from ._status import Status
from ._wording import Lang
from .engine import check

__all__ = ["assert_plan_met", "assert_status"]


def assert_plan_met(
    plan: Plan,
    activities: Iterable[Activity],
    observations: Iterable[Observation] = (),
    *,
    as_of: dt.date | None = None,
    lang: Lang | None = None,
) -> Report:
    """Check the plan and fail, listing what is missing, unless the report is ok.

    Returns:
        The report, for further assertions.

    Raises:
        AssertionError: The report is not ok; the message is the failing findings as text.
    """
    report = check(plan, activities, observations, as_of=as_of)
    if not report.ok:
        raise AssertionError(report.failing().to_text(lang))
    return report


def assert_status(
    report: Report, requirement: str, status: Status | str, *, lang: Lang | None = None
) -> None:
    """Fail unless every finding of ``requirement`` has ``status``; the message lists the others.

    Raises:
        AssertionError: A finding has another status, or the requirement has no finding.
    """
    wanted = Status(status)
    findings = report.for_requirement(requirement)
    if not findings.findings:
        msg = f"no finding for requirement {requirement!r}; requirements: {', '.join(report.requirements())}"
        raise AssertionError(msg)
    others = [f for f in findings if f.status is not wanted]
    if others:
        lines = [f"{requirement}: expected every finding {wanted.value}, got:"]
        lines += [f"  {f.status.value}: {f.message(lang or report.language)}" for f in others]
        raise AssertionError("\n".join(lines))
