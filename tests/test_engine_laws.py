"""Laws the engine obeys on any plan and schedule."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from commhealth import (
    Activity,
    ActivityStatus,
    Bound,
    Cadence,
    Measure,
    Plan,
    Quota,
    Selector,
    Status,
    check,
)
from commhealth.strategies import activities, plans, schedules_meeting

from .helpers import make_plan

MIN_ONLY_QUOTAS = st.builds(
    Quota,
    id=st.just("q"),
    select=st.sampled_from([Selector(), Selector(kind="talk"), Selector(topics={"a", "b"})]),
    measure=st.sampled_from([Measure.COUNT, Measure.DAYS, Measure.PARTICIPANTS]),
    bound=st.integers(0, 6).map(lambda n: Bound(min=n)),
    per=st.sampled_from(list(Cadence)),
)


def statuses(plan: Plan, acts: tuple[Activity, ...]) -> list[Status]:
    return [f.status for f in check(plan, acts)]


class TestLaws:
    @given(plan=plans())
    def test_schedule_built_to_meet_a_plan_meets_it(self, plan: Plan) -> None:
        """A schedule generated to meet a plan is reported ok, with nothing failing."""
        acts, obs = schedules_meeting(plan)
        report = check(plan, acts, obs)
        assert report.ok, report.failing().to_text("en")

    @given(plan=plans(working_days=True))
    def test_schedule_built_to_meet_a_plan_with_working_day_rules_meets_it(
        self, plan: Plan
    ) -> None:
        """The law holds with working-day quotas and rolled recurrences too."""
        acts, obs = schedules_meeting(plan)
        report = check(plan, acts, obs)
        assert report.ok, report.failing().to_text("en")

    def test_schedule_built_to_meet_an_included_standard_meets_it(self) -> None:
        """schedules_meeting covers the requirements a plan includes from a standard."""
        from commhealth import Include

        plan = make_plan(includes=(Include(standard="bphs-2017/health-education/centre"),))
        acts, obs = schedules_meeting(plan)
        assert check(plan, acts, obs).ok

    @given(quota=MIN_ONLY_QUOTAS, acts=activities(), extra=activities(max_size=3))
    def test_adding_never_turns_met_into_missed(
        self, quota: Quota, acts: tuple[Activity, ...], extra: tuple[Activity, ...]
    ) -> None:
        """Adding activities never turns a min-only quota's window from met to missed."""
        plan = make_plan(quota)
        renamed = tuple(attrs.evolve(a, id=f"x{a.id}") for a in extra)
        before, after = statuses(plan, acts), statuses(plan, acts + renamed)
        assert not any(
            b is Status.MET and a is Status.MISSED for b, a in zip(before, after, strict=True)
        )

    @given(quota=MIN_ONLY_QUOTAS, acts=activities(), data=st.data())
    def test_removing_never_turns_missed_into_met(
        self, quota: Quota, acts: tuple[Activity, ...], data: st.DataObject
    ) -> None:
        """Removing an activity never turns a min-only quota's window from missed to met."""
        assume(acts)
        i = data.draw(st.integers(0, len(acts) - 1))
        plan = make_plan(quota)
        before, after = statuses(plan, acts), statuses(plan, acts[:i] + acts[i + 1 :])
        assert not any(
            b is Status.MISSED and a is Status.MET for b, a in zip(before, after, strict=True)
        )

    @given(plan=plans(), acts=activities())
    def test_cancelled_activities_never_count(self, plan: Plan, acts: tuple[Activity, ...]) -> None:
        """Cancelling activities gives the same report as leaving them out."""
        live = tuple(a for a in acts if a.status is not ActivityStatus.CANCELLED)
        cancelled = tuple(
            attrs.evolve(a, status=ActivityStatus.CANCELLED) for a in acts if a not in live
        )
        assert check(plan, live) == check(plan, live + cancelled)

    @given(plan=plans(), acts=activities())
    def test_order_does_not_matter(self, plan: Plan, acts: tuple[Activity, ...]) -> None:
        """The check is a pure function of the schedule, not of its order."""
        assert check(plan, acts) == check(plan, tuple(reversed(acts)))

    @given(plan=plans(), acts=activities())
    def test_progress_at_the_end_is_the_review(
        self, plan: Plan, acts: tuple[Activity, ...]
    ) -> None:
        """A progress check as of the span's last day gives the plan review's statuses."""
        end = plan.span.last
        review = [(f.requirement, f.status) for f in check(plan, acts)]
        progress = [(f.requirement, f.status) for f in check(plan, acts, as_of=end)]
        assert review == progress

    @given(
        plan=plans(), acts=activities(), day=st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31))
    )
    def test_progress_never_raises(
        self, plan: Plan, acts: tuple[Activity, ...], day: dt.date
    ) -> None:
        """Any as_of gives a report whose JSON form has one entry per finding."""
        report = check(plan, acts, as_of=day)
        assert len(report) == len(report.to_dict()["findings"])
