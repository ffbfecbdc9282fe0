"""Goals on measured figures: levels, ratios and trends."""

from __future__ import annotations

import pytest

from commhealth import (
    Baseline,
    Bound,
    Cadence,
    Direction,
    Goal,
    Observation,
    RatioGoal,
    Status,
    TrendGoal,
    check,
)

from .helpers import D, make_plan

LITERACY = Goal(
    id="literacy",
    title="居民健康素养水平",
    metric="health-literacy",
    bound=Bound(min=22),
    unit="%",
    baseline=Baseline(value=19.2, date=D(2021, 12, 31)),
    due=D(2022, 12, 31),
)


def obs(metric: str, day: D, value: float) -> Observation:
    return Observation(metric=metric, date=day, value=value)


class TestGoal:
    def test_latest_figure_decides(self) -> None:
        """The latest figure decides, and the message names it and the baseline."""
        [f] = check(
            make_plan(LITERACY),
            [],
            [
                obs("health-literacy", D(2022, 3, 1), 25),
                obs("health-literacy", D(2022, 11, 1), 21.5),
            ],
        )
        assert (Status.MISSED, 21.5) == (f.status, f.actual)
        assert (
            "居民健康素养水平（至少22%）：2022年11月1日为21.5%，未达标（基线19.2%，2021年12月31日）"
            == f.message("zh")
        )

    @pytest.mark.parametrize(
        ("as_of", "figures", "status"),
        [
            pytest.param(D(2022, 6, 1), [], Status.NOT_DUE, id="not-due"),
            pytest.param(None, [], Status.NO_DATA, id="no-data"),
            pytest.param(
                D(2022, 6, 1), [(D(2022, 5, 1), 20)], Status.AT_RISK, id="short-before-due"
            ),
            pytest.param(D(2022, 6, 1), [(D(2022, 5, 1), 23)], Status.MET, id="met-early"),
            pytest.param(
                D(2022, 6, 1), [(D(2022, 7, 1), 23)], Status.NOT_DUE, id="future-figure-unknown"
            ),
        ],
    )
    def test_statuses(
        self, as_of: D | None, figures: list[tuple[D, float]], status: Status
    ) -> None:
        """not_due before the due date with no figure, no_data after, at_risk when short early."""
        [f] = check(
            make_plan(LITERACY), [], [obs("health-literacy", d, v) for d, v in figures], as_of=as_of
        )
        assert status == f.status

    def test_team_size_range(self) -> None:
        """篇1: 30–40 healthy households, a range goal: 42 is above it, exceeded."""
        g = Goal(id="households", metric="healthy-households", bound=Bound(min=30, max=40))
        assert (
            Status.EXCEEDED
            == check(make_plan(g), [], [obs("healthy-households", D(2022, 12, 1), 42)])
            .findings[0]
            .status
        )


class TestRatio:
    def test_one_yuan_per_resident(self) -> None:
        """篇5: a special fund of at least 1 yuan per resident."""
        g = RatioGoal(
            id="fund",
            title="按常住人口年人均1元",
            numerator="fund",
            denominator="residents",
            bound=Bound(min=1),
        )
        [f] = check(
            make_plan(g),
            [],
            [obs("fund", D(2022, 3, 1), 460000), obs("residents", D(2022, 1, 1), 520000)],
        )
        assert Status.MISSED == f.status
        assert "按常住人口年人均1元（至少1）：460000 ÷ 520000 = 0.884615，未达标" == f.message("zh")

    def test_zero_denominator_before_due(self) -> None:
        """A zero denominator is no data in a progress check too, as the docs say."""
        g = RatioGoal(id="r", numerator="a", denominator="b", bound=Bound(min=1))
        [f] = check(
            make_plan(g),
            [],
            [obs("a", D(2022, 3, 1), 1), obs("b", D(2022, 3, 1), 0)],
            as_of=D(2022, 6, 1),
        )
        assert Status.NO_DATA == f.status

    def test_near_miss_is_not_rounded_up(self) -> None:
        """99.996 against a minimum of 100 reads 99.996, not 100, and large figures keep their digits."""
        g = Goal(id="cov", metric="c", bound=Bound(min=100), unit="%")
        [f] = check(make_plan(g), [], [obs("c", D(2022, 6, 1), 99.996)])
        assert "cov（至少100%）：2022年6月1日为99.996%，未达标" == f.message("zh")
        fund = Goal(id="fund", metric="f", bound=Bound(min=1_000_000))
        [f] = check(make_plan(fund), [], [obs("f", D(2022, 6, 1), 12345.6)])
        assert "fund (at least 1000000): 12345.6 on 1 June 2022, missed" == f.message("en")

    def test_zero_denominator(self) -> None:
        """A zero denominator gives no ratio and says so."""
        g = RatioGoal(id="r", numerator="a", denominator="b", bound=Bound(min=1))
        [f] = check(make_plan(g), [], [obs("a", D(2022, 3, 1), 1), obs("b", D(2022, 3, 1), 0)])
        assert (Status.NO_DATA, "r (at least 1): b is 0, no ratio") == (f.status, f.message("en"))


class TestTrend:
    def test_incidence_must_fall(self) -> None:
        """篇4: incidence falling quarter over quarter; a rise is missed."""
        g = TrendGoal(
            id="incidence",
            title="传染病发病率逐步下降",
            metric="incidence",
            direction=Direction.FALL,
            per=Cadence.QUARTER,
        )
        figures = [
            obs("incidence", D(2021, 12, 1), 5.0),
            obs("incidence", D(2022, 3, 1), 4.8),
            obs("incidence", D(2022, 6, 1), 4.9),
            obs("incidence", D(2022, 9, 1), 4.1),
        ]
        report = check(make_plan(g), [], figures)
        assert [Status.MET, Status.MISSED, Status.MET] == [f.status for f in report]
        assert (
            "传染病发病率逐步下降（逐期下降）：2022年第2季度 4.9，上期 4.8，未下降"
            == report.findings[1].message("zh")
        )

    def test_open_window_is_at_risk_not_missed(self) -> None:
        """A rise inside a window not yet over is at risk, not missed."""
        g = TrendGoal(id="t", metric="m", per=Cadence.HALF_YEAR)
        figures = [obs("m", D(2022, 3, 1), 10), obs("m", D(2022, 7, 15), 10.5)]
        report = check(make_plan(g), [], figures, as_of=D(2022, 8, 1))
        assert [Status.AT_RISK] == [f.status for f in report]

    def test_too_few_figures(self) -> None:
        """Fewer than two figures cannot show a trend."""
        g = TrendGoal(id="t", metric="m", direction=Direction.RISE)
        assert (
            Status.NO_DATA
            == check(make_plan(g), [], [obs("m", D(2022, 3, 1), 1)]).findings[0].status
        )
