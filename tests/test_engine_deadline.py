"""Deadlines: a milestone, or a measured figure, by a due date."""

from __future__ import annotations

import pytest

from commhealth import Bound, Deadline, Observation, Selector, Status, check

from .helpers import D, act, make_plan

RECORDS = Deadline(
    id="elderly-records",
    title="六月底前完成老年人健康档案",
    select=Selector(kind="milestone"),
    due=D(2022, 6, 30),
)
COVERAGE = Deadline(
    id="coverage",
    title="建档率100%",
    metric="coverage",
    bound=Bound(min=100),
    unit="%",
    due=D(2022, 6, 30),
)


class TestMilestone:
    @pytest.mark.parametrize(
        ("day", "status", "zh"),
        [
            pytest.param(
                D(2022, 6, 30),
                Status.MET,
                "六月底前完成老年人健康档案：2022年6月30日完成，未超过期限2022年6月30日",
                id="on-the-day",
            ),
            pytest.param(
                D(2022, 7, 2),
                Status.MISSED,
                "六月底前完成老年人健康档案：期限2022年6月30日，逾期至2022年7月2日才完成",
                id="late",
            ),
            pytest.param(
                None,
                Status.MISSED,
                "六月底前完成老年人健康档案：期限2022年6月30日，未完成",
                id="never",
            ),
        ],
    )
    def test_plan_review(self, day: D | None, status: Status, zh: str) -> None:
        """篇2: health records for everyone over 60 by 30 June."""
        acts = [] if day is None else [act("m", day, kind="milestone")]
        [f] = check(make_plan(RECORDS), acts)
        assert (status, zh) == (f.status, f.message("zh"))

    @pytest.mark.parametrize(
        ("as_of", "day", "status"),
        [
            pytest.param(D(2022, 5, 1), D(2022, 6, 20), Status.ON_TRACK, id="planned"),
            pytest.param(D(2022, 5, 1), None, Status.AT_RISK, id="nothing-planned"),
            pytest.param(D(2022, 6, 25), D(2022, 6, 20), Status.MET, id="done"),
            pytest.param(D(2022, 7, 1), D(2022, 7, 5), Status.MISSED, id="due-passed"),
        ],
    )
    def test_progress(self, as_of: D, day: D | None, status: Status) -> None:
        """As of a day before the due date, a planned milestone is on track."""
        acts = [] if day is None else [act("m", day, kind="milestone")]
        [f] = check(make_plan(RECORDS), acts, as_of=as_of)
        assert status == f.status


class TestMetric:
    def test_figure_reached_by_due_date(self) -> None:
        """A metric deadline is met by the latest figure on or before the due date."""
        obs = [
            Observation(metric="coverage", date=D(2022, 3, 31), value=62),
            Observation(metric="coverage", date=D(2022, 6, 28), value=100),
        ]
        [f] = check(make_plan(COVERAGE), [], obs)
        assert (Status.MET, 100) == (f.status, f.actual)
        assert "建档率100%（至少100%）：2022年6月28日为100%，达标" == f.message("zh")

    def test_figure_after_due_date_does_not_count(self) -> None:
        """A figure measured after the due date does not rescue the deadline."""
        obs = [
            Observation(metric="coverage", date=D(2022, 3, 31), value=62),
            Observation(metric="coverage", date=D(2022, 7, 5), value=100),
        ]
        [f] = check(make_plan(COVERAGE), [], obs)
        assert (Status.MISSED, 62) == (f.status, f.actual)

    def test_no_figure(self) -> None:
        """No figure: not due before the date in a progress check, no data otherwise."""
        assert (
            Status.NOT_DUE == check(make_plan(COVERAGE), [], as_of=D(2022, 6, 1)).findings[0].status
        )
        assert Status.NO_DATA == check(make_plan(COVERAGE), []).findings[0].status
