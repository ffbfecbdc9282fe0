"""Recurrences: each occurrence of an RRULE matched by its own activity."""

from __future__ import annotations

from commhealth import Recurrence, Selector, Status, check

from .helpers import D, act, make_plan, monthly

MEETING = Recurrence(
    id="correspondents",
    title="每月10日的通讯员例会",
    select=Selector(kind="meeting"),
    rule="FREQ=MONTHLY;BYMONTHDAY=10",
    tolerance=2,
)


class TestSeedStreetOffice:
    def test_meeting_on_the_tenth_missed_once(self) -> None:
        """篇4: the correspondents' meeting on the 10th of each month, missed in April."""
        acts = monthly("meeting", day=10, skip=(4,))
        report = check(make_plan(MEETING), acts)
        [missed] = report.failing()
        assert D(2022, 4, 10) == missed.expected["date"]
        assert "每月10日的通讯员例会：2022年4月10日，无相应活动（允许前后2天）" == missed.message(
            "zh"
        )
        assert (
            "每月10日的通讯员例会: 10 April 2022, nothing held (within 2 days)"
            == missed.message("en")
        )
        assert 12 == len(report)

    def test_tolerance(self) -> None:
        """An activity within the tolerance matches; one just outside does not."""
        acts = [
            act("in", D(2022, 1, 12), kind="meeting"),
            act("out", D(2022, 2, 13), kind="meeting"),
        ]
        report = check(make_plan(MEETING), acts)
        assert [Status.MET, Status.MISSED] == [f.status for f in report.findings[:2]]
        assert ("in",) == report.findings[0].activities

    def test_each_occurrence_needs_its_own_activity(self) -> None:
        """One activity cannot match two occurrences."""
        weekly = Recurrence(
            id="study", select=Selector(kind="study"), rule="FREQ=WEEKLY;BYDAY=MO", tolerance=3
        )
        report = check(make_plan(weekly), [act("a", D(2022, 1, 6), kind="study")])
        assert 52 == len(report)
        assert 1 == report.summary()["met"]

    def test_cadre_study_every_monday(self) -> None:
        """篇4: cadre study every Monday, all 52 in 2022 held."""
        weekly = Recurrence(id="study", select=Selector(kind="study"), rule="FREQ=WEEKLY;BYDAY=MO")
        mondays = [
            act(f"m{i}", D(2022, 1, 3) + (D(2022, 1, 10) - D(2022, 1, 3)) * i, kind="study")
            for i in range(52)
        ]
        assert check(make_plan(weekly), mondays).ok

    def test_progress(self) -> None:
        """As of a day, past occurrences are met or missed; future ones on track or at risk."""
        acts = [*monthly("meeting", day=10, skip=(4, 9))]
        report = check(make_plan(MEETING), acts, as_of=D(2022, 6, 30))
        assert [Status.MET] * 3 + [Status.MISSED] + [Status.MET] * 2 + [Status.ON_TRACK] * 2 + [
            Status.AT_RISK
        ] + [Status.ON_TRACK] * 3 == [f.status for f in report]

    def test_last_day_kept_with_a_time_of_day(self) -> None:
        """A rule with a time of day keeps its occurrence on the span's last day."""
        r = Recurrence(id="r", rule="DTSTART:20220101T090000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=31")
        days = [f.expected["date"] for f in check(make_plan(r), [])]
        assert (7, D(2022, 12, 31)) == (len(days), days[-1])

    def test_same_day_activities_match_whatever_their_order(self) -> None:
        """Two activities on one day: the same one is matched whatever the ledger's order."""
        a, b = act("b", D(2022, 1, 10), kind="meeting"), act("a", D(2022, 1, 10), kind="meeting")
        assert check(make_plan(MEETING), [a, b]) == check(make_plan(MEETING), [b, a])
        assert ("a",) == check(make_plan(MEETING), [a, b]).findings[0].activities

    def test_dtstart_in_the_rule(self) -> None:
        """A rule may start mid-span with its own DTSTART."""
        r = Recurrence(id="r", rule="DTSTART:20221001T000000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1")
        assert 3 == len(check(make_plan(r), []))
