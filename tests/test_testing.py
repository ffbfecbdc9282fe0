"""The pytest helpers: assertions that explain themselves."""

from __future__ import annotations

import pytest

from commhealth import Bound, Cadence, Quota, Selector, Status
from commhealth.testing import assert_plan_met, assert_status

from .helpers import make_plan, monthly

INSPECTION = Quota(
    id="insp",
    title="每月检查",
    select=Selector(kind="inspection"),
    bound=Bound(min=1),
    per=Cadence.MONTH,
)


class TestAssertPlanMet:
    def test_passes_and_returns_the_report(self) -> None:
        """A met plan passes and gives back its report."""
        report = assert_plan_met(make_plan(INSPECTION), monthly("inspection"))
        assert 12 == report.summary()["met"]

    def test_failure_lists_what_is_missing(self) -> None:
        """A plan not met fails with the failing findings as text."""
        with pytest.raises(AssertionError) as e:
            assert_plan_met(make_plan(INSPECTION), monthly("inspection", skip=(7,)), lang="en")
        assert "✗ 每月检查 (at least 1): July 2022 had 0, 1 short" in str(e.value)


class TestAssertStatus:
    def test_every_finding(self) -> None:
        """assert_status names each finding that has another status."""
        report = assert_plan_met(make_plan(), [])
        with pytest.raises(AssertionError, match="no finding for requirement 'insp'"):
            assert_status(report, "insp", Status.MET)
        report = make_plan(INSPECTION)
        from commhealth import check

        r = check(report, monthly("inspection", skip=(7,)))
        with pytest.raises(AssertionError) as e:
            assert_status(r, "insp", "met")
        assert (
            "insp: expected every finding met, got:\n  missed: 每月检查（至少1次）：2022年7月 0次，缺1次"
            == str(e.value)
        )
        assert_status(r.in_window(make_plan().span.start), "insp", "met")
