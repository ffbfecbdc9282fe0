"""National standards as requirement sets a plan includes, with local overrides."""

from __future__ import annotations

import pytest

from commhealth import (
    Bound,
    Include,
    Observation,
    Override,
    PlanError,
    Quota,
    Severity,
    Status,
    check,
    dumps_plan,
    loads_plan,
    resolve,
)
from commhealth import standards as std
from commhealth.cli import main

from .helpers import D, act, make_plan

CENTRE = "bphs-2017/health-education/centre"


class TestRegistry:
    def test_sets(self) -> None:
        """The shipped sets are listed by id."""
        assert (
            CENTRE,
            "bphs-2017/health-education/station",
            "healthy-china/2022",
            "healthy-china/2030",
        ) == std.names()

    def test_centre_amounts(self) -> None:
        """The centre set holds the 2017 specification's yearly amounts."""
        reqs = {r.id: r for r in std.get(CENTRE).requirements}
        assert 12 == reqs["bphs-he-printed"].bound.min  # type: ignore[union-attr]
        assert "distinct" == reqs["bphs-he-printed"].measure.value  # type: ignore[union-attr]
        assert 6 == reqs["bphs-he-audio-visual"].bound.min  # type: ignore[union-attr]
        assert "two_months" == reqs["bphs-he-bulletin-board"].per.value  # type: ignore[union-attr]
        assert "month" == reqs["bphs-he-lecture"].per.value  # type: ignore[union-attr]
        assert 9 == reqs["bphs-he-consultation"].bound.min  # type: ignore[union-attr]

    def test_station_lectures_every_two_months(self) -> None:
        """Stations and village clinics lecture at least once every two months."""
        reqs = {r.id: r for r in std.get("bphs-2017/health-education/station").requirements}
        assert "two_months" == reqs["bphs-he-lecture"].per.value  # type: ignore[union-attr]

    def test_unknown(self) -> None:
        """An unknown id names the known sets."""
        with pytest.raises(KeyError, match="no standard 'who'; known: bphs-2017"):
            std.get("who")


class TestInclude:
    def test_eleven_lectures_one_month_missed(self) -> None:
        """A plan including the centre set with no lecture in May has exactly May missed for lectures."""
        plan = make_plan(includes=(Include(standard=CENTRE),))
        lectures = [
            act(f"l{m}", D(2022, m, 8), kind="health-lecture") for m in range(1, 13) if m != 5
        ]
        report = check(plan, lectures).for_requirement("bphs-he-lecture")
        [missed] = report.with_status("missed")
        assert (D(2022, 5, 1), CENTRE) == (missed.window.start, missed.source)  # type: ignore[union-attr]
        assert 11 == len(report.with_status("met"))
        assert "  （来源：bphs-2017/health-education/centre）" in report.to_text()

    def test_override_a_bound(self) -> None:
        """A city asks for 10 audio-visual kinds instead of 6: the included requirement follows it."""
        plan = make_plan(
            includes=(
                Include(
                    standard=CENTRE,
                    overrides=(Override(requirement="bphs-he-audio-visual", bound=Bound(min=10)),),
                ),
            )
        )
        shows = [
            act(f"v{i}", D(2022, 3, 1 + i), kind="audio-visual", title=f"片{i}") for i in range(8)
        ]
        [f] = check(plan, shows).for_requirement("bphs-he-audio-visual")
        assert (Status.MISSED, 8, {"min": 10, "measure": "distinct title"}) == (
            f.status,
            f.actual,
            f.expected,
        )

    def test_override_severity(self) -> None:
        """An override can make an included requirement a warning."""
        plan = make_plan(
            includes=(
                Include(
                    standard=CENTRE,
                    overrides=(
                        Override(requirement="bphs-he-consultation", severity=Severity.WARNING),
                    ),
                ),
            )
        )
        [r] = [r for r in resolve(plan).included if r.id == "bphs-he-consultation"]
        assert Severity.WARNING == r.severity

    def test_healthy_china_goals(self) -> None:
        """The Healthy China 2022 targets judge the plan's measured figures."""
        plan = make_plan(includes=(Include(standard="healthy-china/2022"),))
        obs = [
            Observation(metric="health-literacy-rate", date=D(2022, 12, 1), value=23.2),
            Observation(metric="smoking-rate-15-plus", date=D(2022, 12, 1), value=25.1),
        ]
        report = check(plan, [], obs)
        assert Status.MET == report.for_requirement("hc-health-literacy").findings[0].status
        assert Status.EXCEEDED == report.for_requirement("hc-smoking").findings[0].status
        assert Status.NO_DATA == report.for_requirement("hc-infant-mortality").findings[0].status

    def test_problems(self) -> None:
        """Unknown sets, unknown overrides, overrides that do not apply and clashing ids are all
        reported when the plan is resolved."""
        with pytest.raises(PlanError) as e:
            resolve(
                make_plan(
                    Quota(id="bphs-he-lecture", bound=Bound(min=1)),
                    includes=(
                        Include(standard="bphs-2017/nowhere"),
                        Include(
                            standard=CENTRE,
                            overrides=(Override(requirement="lectures", bound=Bound(min=2)),),
                        ),
                        Include(
                            standard="healthy-china/2022",
                            overrides=(
                                Override(requirement="hc-health-literacy", bound=Bound(min=120)),
                            ),
                        ),
                    ),
                )
            )
        assert [
            (
                "$.includes[0].standard",
                "no standard 'bphs-2017/nowhere'; known: bphs-2017/health-education/centre, bphs-2017/health-education/station, healthy-china/2022, healthy-china/2030",
            ),
            (
                "$.includes[1].overrides[0].requirement",
                "no requirement 'lectures' in standard 'bphs-2017/health-education/centre'; known: bphs-he-printed, bphs-he-audio-visual, bphs-he-bulletin-board, bphs-he-lecture, bphs-he-consultation",
            ),
            (
                "$.includes[1].standard",
                "requirement id 'bphs-he-lecture' from 'bphs-2017/health-education/centre' is also in the plan's own requirements",
            ),
            (
                "$.includes[2].overrides[0]",
                "'bound.min' must be between 0 and 100 when the unit is '%' (got 120)",
            ),
        ] == [(p.path, p.message) for p in e.value.problems]

    @pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
    def test_round_trip(self, fmt: str) -> None:
        """A plan with includes and overrides round-trips through every format."""
        plan = make_plan(
            includes=(
                Include(
                    standard=CENTRE,
                    overrides=(Override(requirement="bphs-he-audio-visual", bound=Bound(min=10)),),
                ),
            )
        )
        assert plan == loads_plan(dumps_plan(plan, fmt), fmt)  # type: ignore[arg-type]

    def test_file_form(self) -> None:
        """In a plan file, includes read as the docs show."""
        text = """
schema = 1
id = "p"
span = { start = 2022-01-01, end = 2023-01-01 }
organisation = { id = "o" }

[[includes]]
standard = "bphs-2017/health-education/centre"
overrides = [{ requirement = "bphs-he-audio-visual", bound = { min = 10 } }]
"""
        plan = loads_plan(text, "toml")
        assert 5 == len(resolve(plan).included)


class TestCommand:
    def test_lists_sets(self, capsys: pytest.CaptureFixture[str]) -> None:
        """'commhealth standards' lists every set with its requirements."""
        assert 0 == main(["standards"])
        out = capsys.readouterr().out
        assert (
            "bphs-2017/health-education/centre\n  国家基本公共卫生服务规范（第三版）健康教育：社区卫生服务中心、乡镇卫生院\n"
            in out
        )
        assert "healthy-china/2030" in out
