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
    Deadline,
    Finding,
    LedgerReason,
    Measure,
    Plan,
    Quota,
    Recurrence,
    Report,
    Selector,
    Status,
    check,
)
from commhealth.engine._kinds import ACTIVITY_AUDIENCES, ACTIVITY_KINDS
from commhealth.strategies import activities, plans, schedules_meeting

from .helpers import make_plan

ONE_DAY = dt.timedelta(days=1)

MIN_ONLY_QUOTAS = st.builds(
    Quota,
    id=st.just("q"),
    select=st.sampled_from([Selector(), Selector(kind="talk"), Selector(topics={"a", "b"})]),
    measure=st.sampled_from([Measure.COUNT, Measure.DAYS, Measure.PARTICIPANTS]),
    bound=st.integers(0, 6).map(lambda n: Bound(min=n)),
    per=st.sampled_from(list(Cadence)),
)


def vocabulary(plan: Plan) -> tuple[list[str], list[str]]:
    """The kinds and topics the plan's selectors name, and one kind and topic they do not."""
    selectors = [
        r.select for r in plan.requirements if isinstance(r, Quota | Recurrence | Deadline)
    ]
    topics = {"a"}
    if plan.themes is not None:
        selectors.append(plan.themes.select)
        topics.update(t for month in plan.themes.months for t in month.topics)
    kinds = {"talk"}.union(*(s.kind for s in selectors if s is not None))
    return sorted(kinds), sorted(topics)


@st.composite
def plans_with_schedules(draw: st.DrawFn) -> tuple[Plan, tuple[Activity, ...]]:
    """A plan, and a schedule in its span of the kinds and topics its selectors name.

    Drawn apart, no activity would ever count: each requirement of plans() selects a kind
    of its own, and plans fall in any year from 2020 to 2026.
    """
    plan = draw(plans())
    kinds, topics = vocabulary(plan)
    return plan, draw(activities(plan.span, kinds=kinds, topics=topics))


def statuses(plan: Plan, acts: tuple[Activity, ...]) -> list[Status]:
    """The statuses of the plan's requirements (not the warnings about the ledger's kinds,
    which come and go with the kinds the ledger holds)."""
    return [f.status for f in requirement_findings(check(plan, acts))]


def requirement_findings(report: Report) -> list[Finding]:
    """The findings of the plan's requirements, without the check's own about kinds and
    audiences."""
    return [f for f in report if f.requirement not in (ACTIVITY_KINDS, ACTIVITY_AUDIENCES)]


def edge_days(report: Report) -> set[dt.date]:
    """The first and last days of each window and each figure's due date, and the days before.

    A progress check as of one of these days is where an off-by-one would show.
    """
    edges: set[dt.date] = set()
    for f in report:
        due = f.expected.get("due")
        ends = [f.window.start, f.window.last] if f.window is not None else [due]
        for day in ends:
            if isinstance(day, dt.date):
                edges.update((day - ONE_DAY, day))
    return edges


def allowed_statuses(finding: Finding, day: dt.date, last: dt.date) -> set[Status]:
    """The statuses a progress check as of ``day`` may give ``finding``, from its window alone.

    A window over by ``day`` is decided; one not yet begun has achieved nothing, so it can
    be neither missed nor exceeded; a figure with no observation is not due or has no data.
    """
    if finding.window is None:
        due = finding.expected.get("due", last)
        assert isinstance(due, dt.date)
        return {Status.NOT_DUE} if day < due else {Status.NO_DATA}
    if day >= finding.window.last:
        return {Status.MET, Status.MISSED, Status.EXCEEDED}
    if day < finding.window.start:
        return {Status.MET, Status.ON_TRACK, Status.AT_RISK}
    return {Status.MET, Status.MISSED, Status.EXCEEDED, Status.ON_TRACK, Status.AT_RISK}


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

    @given(case=plans_with_schedules())
    def test_cancelled_activities_never_count(
        self, case: tuple[Plan, tuple[Activity, ...]]
    ) -> None:
        """Cancelling activities gives the same report as leaving them out."""
        plan, acts = case
        live = tuple(a for a in acts if a.status is not ActivityStatus.CANCELLED)
        cancelled = tuple(
            attrs.evolve(a, status=ActivityStatus.CANCELLED) for a in acts if a not in live
        )
        assert check(plan, live) == check(plan, live + cancelled)

    @given(case=plans_with_schedules())
    def test_order_does_not_matter(self, case: tuple[Plan, tuple[Activity, ...]]) -> None:
        """The check is a pure function of the schedule, not of its order."""
        plan, acts = case
        assert check(plan, acts) == check(plan, tuple(reversed(acts)))

    @given(case=plans_with_schedules())
    def test_progress_at_the_end_is_the_review(
        self, case: tuple[Plan, tuple[Activity, ...]]
    ) -> None:
        """With every activity done or cancelled, a progress check as of the span's last day
        gives the plan review's statuses."""
        plan, acts = case
        acts = tuple(
            attrs.evolve(a, status=ActivityStatus.DONE) if a.status is ActivityStatus.PLANNED else a
            for a in acts
        )
        end = plan.span.last
        review = [(f.requirement, f.status) for f in check(plan, acts)]
        progress = [(f.requirement, f.status) for f in check(plan, acts, as_of=end)]
        assert review == progress

    @given(case=plans_with_schedules(), data=st.data())
    def test_rows_planned_in_the_past_count_for_nothing(
        self, case: tuple[Plan, tuple[Activity, ...]], data: st.DataObject
    ) -> None:
        """As of a day, a row planned on or before it changes no requirement's finding; the
        report lists it about the ledger instead."""
        plan, acts = case
        day = data.draw(
            st.integers(0, len(plan.span) - 1).map(lambda n: plan.span.start + n * ONE_DAY)
        )
        kept = tuple(a for a in acts if not (a.status is ActivityStatus.PLANNED and a.date <= day))
        stale = tuple(a for a in acts if a not in kept)
        with_stale = check(plan, acts, as_of=day)
        assert requirement_findings(check(plan, kept, as_of=day)) == requirement_findings(
            with_stale
        )
        listed = [f for f in with_stale.ledger if f.reason is LedgerReason.PLANNED_IN_PAST]
        assert sorted(a.id for a in stale) == sorted(i for f in listed for i in f.activities)

    @given(case=plans_with_schedules(), data=st.data())
    def test_rows_done_in_the_future_count_as_planned(
        self, case: tuple[Plan, tuple[Activity, ...]], data: st.DataObject
    ) -> None:
        """As of a day, a row done after it counts exactly as the same row planned."""
        plan, acts = case
        day = data.draw(
            st.integers(0, len(plan.span) - 1).map(lambda n: plan.span.start + n * ONE_DAY)
        )
        planned = tuple(
            attrs.evolve(a, status=ActivityStatus.PLANNED)
            if a.status is ActivityStatus.DONE and a.date > day
            else a
            for a in acts
        )
        assert requirement_findings(check(plan, acts, as_of=day)) == requirement_findings(
            check(plan, planned, as_of=day)
        )

    @given(case=plans_with_schedules(), data=st.data())
    def test_progress_judges_every_window_by_the_day(
        self, case: tuple[Plan, tuple[Activity, ...]], data: st.DataObject
    ) -> None:
        """Any as_of judges the review's windows, each with a status its window allows that day."""
        plan, acts = case
        review = check(plan, acts)
        anywhere = st.integers(-10, len(plan.span) + 10).map(
            lambda n: plan.span.start + n * ONE_DAY
        )
        edges = sorted(edge_days(review))
        days = data.draw(
            st.lists(
                st.sampled_from(edges) | anywhere if edges else anywhere, min_size=1, max_size=3
            )
        )
        for day in days:
            progress = check(plan, acts, as_of=day)
            assert [(f.requirement, f.window, f.key) for f in requirement_findings(review)] == [
                (f.requirement, f.window, f.key) for f in requirement_findings(progress)
            ]
            for f in requirement_findings(progress):
                assert f.status in allowed_statuses(f, day, plan.span.last), (day, f)
            assert len(progress) == len(progress.to_dict()["findings"])
        themed = [] if plan.themes is None or not plan.themes.months else [plan.themes.id]
        assert [r.id for r in plan.requirements] + themed == list(
            dict.fromkeys(f.requirement for f in requirement_findings(review))
        )
