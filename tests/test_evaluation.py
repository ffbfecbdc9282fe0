"""Evaluating a year against a scheme: points item by item, total, grade, vetoes, bonuses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth import FieldError, PlanError, examples
from commhealth.evaluation import (
    AllOrNothing,
    Assessment,
    Criterion,
    Deduction,
    Grade,
    ManualScore,
    MetricFigure,
    Ordinal,
    PerUnit,
    Proportional,
    RequirementFigure,
    Scheme,
    Section,
    evaluate,
    load_scores,
)

GRADES = (Grade(name="优秀", min=90), Grade(name="良好", min=80), Grade(name="合格", min=60))

LECTURES = Criterion(
    id="lectures",
    title="健康教育活动",
    points=40,
    figure=RequirementFigure(requirement="health-education"),
    rule=Deduction(target=12, deduct=2),
)
INSPECTIONS = Criterion(
    id="inspections",
    title="每月卫生检查",
    points=30,
    figure=RequirementFigure(requirement="sanitation-inspection", measure="windows_met"),
    rule=Proportional(target=12),
)
VOLUNTEERS = Criterion(
    id="volunteers",
    title="志愿者队伍",
    points=10,
    figure=MetricFigure(metric="team.volunteers.size"),
    rule=AllOrNothing(target=26),
)
FILES = Criterion(
    id="files",
    title="台账资料",
    points=20,
    figure=ManualScore(),
    rule=Ordinal(points={"好": 20, "中": 12, "差": 0}),
)
SCHEME = Scheme(
    id="street-2022",
    title="街道社区健康教育工作考核",
    sections=(
        Section(id="activities", title="活动开展", criteria=(LECTURES, INSPECTIONS)),
        Section(id="organisation", title="组织与资料", criteria=(VOLUNTEERS, FILES)),
    ),
    grades=GRADES,
    passing="合格",
)


@pytest.fixture
def longyuan() -> examples.Example:
    return examples.load("longyuan")


def assess(example: examples.Example, **options: Any) -> Assessment:
    """The example's year, with its activities and figures, scored with ``options``."""
    return evaluate(example.plan, example.activities, example.observations, **options)


class TestLongyuan:
    def test_points_item_by_item(self, longyuan: examples.Example) -> None:
        """篇2 scored by hand: 11 of 12 activities lose 2 of 40; 11 of 12 inspected months
        earn 27.5 of 30; a team of 24 of 26 earns nothing; files rated 中 earn 12."""
        a = assess(longyuan, scheme=SCHEME, scores={"files": "中"})
        assert [
            ("lectures", 38.0),
            ("inspections", 27.5),
            ("volunteers", 0.0),
            ("files", 12.0),
        ] == [(s.criterion, s.points) for s in a.scores]
        assert (77.5, 100, "合格", True) == (a.total, a.maximum, a.grade, a.passed)

    def test_the_arithmetic_in_words(self, longyuan: examples.Example) -> None:
        """Each criterion's sentence shows the figure, the rule's arithmetic and the points."""
        a = assess(longyuan, scheme=SCHEME, scores={})
        assert [
            "健康教育活动：11，应12，少1，扣2分，得38分（满分40分）",
            "每月卫生检查：11，为目标12的91.7%，得27.5分（满分30分）",
            "志愿者队伍：24，未达到26，得0分（满分10分）",
            "台账资料：无数据，得0分（满分20分）",
        ] == [s.message("zh") for s in a.scores]
        assert "健康教育活动: 11, 12 asked, 1 short, 2 deducted, 38 of 40 points" == (
            a.scores[0].message("en")
        )
        assert a.to_text("zh").startswith(
            "龙苑社区（longyuan-2022） — street-2022：65.5分，满分100分，合格，通过\n"
        )

    def test_to_do_orders_by_points_lost(self, longyuan: examples.Example) -> None:
        """The to-do list puts the criteria losing most points first."""
        a = assess(longyuan, scheme=SCHEME, scores={"files": "好"})
        assert [("volunteers", 10.0), ("inspections", 2.5), ("lectures", 2.0)] == [
            (s.criterion, s.lost) for s in a.to_do()
        ]

    def test_projection(self, longyuan: examples.Example) -> None:
        """As of 30 June, the projected total counts what is planned for the rest of the year."""
        a = assess(longyuan, scheme=SCHEME, scores={"files": "好"}, as_of=dt.date(2022, 6, 30))
        assert [
            ("lectures", 26.0, 38.0),
            ("inspections", 15.0, 27.5),
            ("volunteers", 0.0, None),
            ("files", 20.0, None),
        ] == [(s.criterion, s.points, s.projected) for s in a.scores]
        assert (61.0, 85.5) == (a.total, a.projected_total)

    def test_json(self, longyuan: examples.Example) -> None:
        """The JSON gives the totals and each criterion with its message."""
        data = assess(longyuan, scheme=SCHEME, scores={"files": "中"}).to_dict("en")
        assert (77.5, "合格", True) == (data["total"], data["grade"], data["passed"])
        assert {
            "criterion": "lectures",
            "section": "activities",
            "points": 38.0,
            "out_of": 40,
            "figure": 11.0,
            "rule": "deduction",
            "projected": None,
            "requirement": "health-education",
            "title": "健康教育活动",
            "applicable": True,
            "bonus": False,
            "core": False,
            "veto": False,
            "adjust": None,
            "reason": None,
            "parts": [],
            "message": "健康教育活动: 11, 12 asked, 1 short, 2 deducted, 38 of 40 points",
        } == data["criteria"][0]


class TestSchemeRules:
    def test_veto_fails_whatever_the_points(self, longyuan: examples.Example) -> None:
        """一票否决: a veto item with no points fails the assessment, whatever the total."""
        vetoed = attrs.evolve(VOLUNTEERS, veto=True)
        scheme = attrs.evolve(
            SCHEME,
            sections=(
                SCHEME.sections[0],
                Section(id="organisation", criteria=(vetoed, FILES)),
            ),
        )
        a = assess(longyuan, scheme=scheme, scores={"files": "好"})
        assert (85.5, "不合格", False, ("volunteers",)) == (a.total, a.grade, a.passed, a.vetoes)

    def test_core_item_must_be_full(self, longyuan: examples.Example) -> None:
        """A core item (*) short of its full points fails the assessment, grade kept."""
        core = attrs.evolve(LECTURES, core=True)
        scheme = attrs.evolve(
            SCHEME,
            sections=(Section(id="activities", criteria=(core, INSPECTIONS)), SCHEME.sections[1]),
        )
        a = assess(longyuan, scheme=scheme, scores={"files": "好"})
        assert ("良好", False, ("lectures",)) == (a.grade, a.passed, a.core_missed)

    def test_bonus_is_capped_and_outside_the_maximum(self, longyuan: examples.Example) -> None:
        """附加分: bonus points add to the total up to the cap, and not to the maximum."""
        bonus = Criterion(
            id="posters-bonus",
            points=5,
            bonus=True,
            figure=RequirementFigure(requirement="posters", measure="windows_met"),
            rule=PerUnit(each=2),
        )
        scheme = attrs.evolve(
            SCHEME,
            sections=(*SCHEME.sections, Section(id="bonus", criteria=(bonus,))),
            bonus_cap=3,
        )
        a = assess(longyuan, scheme=scheme, scores={"files": "中"})
        assert (3, 80.5, 100, "良好") == (a.bonus, a.total, a.maximum, a.grade)

    def test_levels_score_differently(self, longyuan: examples.Example) -> None:
        """A station (站) is held to 6 activities where a centre is held to 12."""
        by_level = attrs.evolve(LECTURES, levels={"community": Deduction(target=6, deduct=2)})
        scheme = attrs.evolve(SCHEME, sections=(Section(id="activities", criteria=(by_level,)),))
        a = evaluate(longyuan.plan, longyuan.activities, scheme=scheme)
        assert 40.0 == a.scores[0].points

    def test_unknown_requirement_is_a_scheme_error(self, longyuan: examples.Example) -> None:
        """A criterion naming a requirement the plan lacks is refused with its path."""
        wrong = attrs.evolve(LECTURES, figure=RequirementFigure(requirement="lectures"))
        scheme = attrs.evolve(SCHEME, sections=(Section(id="a", criteria=(INSPECTIONS, wrong)),))
        with pytest.raises(PlanError) as e:
            evaluate(longyuan.plan, longyuan.activities, scheme=scheme)
        [problem] = e.value.problems
        assert "$.sections[0].criteria[1].figure.requirement" == problem.path

    def test_rating_where_a_number_is_due(self, longyuan: examples.Example) -> None:
        """A score sheet giving a number for a rated item is refused, naming the item."""
        with pytest.raises(PlanError) as e:
            evaluate(longyuan.plan, longyuan.activities, scheme=SCHEME, scores={"files": 3})
        assert "criterion 'files' needs a rating (got 3) @ $.scores.files" == str(
            e.value.problems[0]
        )

    def test_every_bad_entry_at_once_by_row(
        self, longyuan: examples.Example, tmp_path: Path
    ) -> None:
        """A typo in a criterion id, a figure for an item scored from the ledger, an unknown
        rating: all reported together, each on the sheet's own row."""
        sheet = tmp_path / "scores.csv"
        sheet.write_text(
            "指标编号,得分\nfile,好\nlectures,11\nfiles,优\nvolunteers,20\n", encoding="utf-8"
        )
        with pytest.raises(PlanError) as e:
            evaluate(longyuan.plan, longyuan.activities, scheme=SCHEME, scores=load_scores(sheet))
        assert [
            ("row 2", "no criterion 'file' in the scheme takes a score; the sheet can score files"),
            (
                "row 3",
                "criterion 'lectures' takes its figure from the ledger or the measured figures, "
                "not the score sheet; give it only an adjustment or evidence",
            ),
            ("row 4", "criterion 'files' is rated '好', '中', '差' (got '优')"),
            (
                "row 5",
                "criterion 'volunteers' takes its figure from the ledger or the measured figures, "
                "not the score sheet; give it only an adjustment or evidence",
            ),
        ] == [(p.path, p.message) for p in e.value.problems]

    @pytest.mark.parametrize(
        ("build", "message"),
        [
            (
                lambda: Scheme(
                    id="s", grades=(Grade(name="合格", min=60), Grade(name="优秀", min=90))
                ),
                "'grades' must run from the highest bar down, each lower than the one before (got [60, 90])",
            ),
            (
                lambda: Scheme(id="s", grades=GRADES, passing="及格"),
                "'passing' must be one of the grades, 优秀, 良好, 合格 (got '及格')",
            ),
            (
                lambda: Scheme(id="s", sections=(Section(id="a", criteria=(LECTURES, LECTURES)),)),
                "criterion id 'lectures' is used twice; ids must be unique in a scheme",
            ),
            (
                lambda: attrs.evolve(LECTURES, points=0),
                "'points' must be greater than 0 (got 0)",
            ),
        ],
        ids=["grades-rising", "unknown-pass", "duplicate-criterion", "no-points"],
    )
    def test_invalid_schemes(self, build: object, message: str) -> None:
        """A scheme that cannot grade is refused with the field, the rule and the value."""
        with pytest.raises(FieldError) as e:
            build()  # type: ignore[operator]
        assert message == str(e.value)


class TestLaws:
    @given(
        extra=st.integers(min_value=0, max_value=5),
        rating=st.sampled_from(["好", "中", "差"]),
    )
    def test_total_is_the_sum_of_its_parts(self, extra: int, rating: str) -> None:
        """The total is the criteria's points plus the capped bonus, within 0 and the
        maximum plus the cap; every criterion within 0 and its points."""
        example = examples.load("longyuan")
        bonus = Criterion(
            id="extra", points=10, bonus=True, figure=ManualScore(), rule=PerUnit(each=1)
        )
        scheme = attrs.evolve(
            SCHEME, sections=(*SCHEME.sections, Section(id="b", criteria=(bonus,))), bonus_cap=4
        )
        a = evaluate(
            example.plan,
            example.activities,
            example.observations,
            scheme=scheme,
            scores={"files": rating, "extra": extra},
        )
        assert all(0 <= s.points <= s.out_of for s in a.scores)
        base = sum(s.points for s in a.scores if not s.bonus)
        assert base + min(4, extra) == a.total
        assert 0 <= a.total <= a.maximum + 4


class TestWording:
    def test_steps_of_a_rate(self) -> None:
        """每下降2%扣0.5分 is worded with its step and the total deducted."""
        example = examples.load("longyuan")
        rate = Criterion(
            id="coverage",
            title="档案覆盖率",
            points=10,
            figure=MetricFigure(metric="elderly-records-coverage"),
            rule=Deduction(target=100, step=2, deduct=0.5),
        )
        scheme = Scheme(id="s", sections=(Section(id="a", criteria=(rate,)),))
        a = evaluate(
            example.plan,
            example.activities,
            example.observations,
            scheme=scheme,
            as_of=dt.date(2022, 4, 30),
        )
        [score] = a.scores
        assert (
            "档案覆盖率：62，应100，少38，每2扣0.5分，共扣9.5分，得0.5分（满分10分）"
            == score.message("zh")
        )
        assert (
            "档案覆盖率: 62, 100 asked, 38 short, 0.5 off per 2, 9.5 deducted, 0.5 of 10 points"
            == score.message("en")
        )


class TestTablesAndRanking:
    def test_records_and_dataframe(self, longyuan: examples.Example) -> None:
        """One row per criterion, with points lost, in records and in a DataFrame."""
        a = assess(longyuan, scheme=SCHEME, scores={"files": "中"})
        rows = a.to_records("en")
        assert [("lectures", 38.0, 2.0), ("inspections", 27.5, 2.5)] == [
            (r["criterion"], r["points"], r["lost"]) for r in rows[:2]
        ]
        frame = a.to_dataframe("en")
        assert (4, 77.5) == (len(frame), frame["points"].sum())

    def test_html(self, longyuan: examples.Example) -> None:
        """The notebook view heads with the total and grade and lists every criterion."""
        a = evaluate(longyuan.plan, longyuan.activities, scheme=SCHEME, scores={"files": "好"})
        page = a._repr_html_()
        assert '<p class="verdict pass">龙苑社区（longyuan-2022） — street-2022：' in page
        assert 5 == page.count("<tr>")  # the head and the four criteria
        assert 'role="img"' in page  # the points lost, as bars

    def test_rank(self, longyuan: examples.Example) -> None:
        """Communities rank by total, equal totals sharing a place, then by plan id."""
        from commhealth.evaluation import rank

        plans = [attrs.evolve(longyuan.plan, id=name) for name in ("b", "a", "c")]
        ratings = {"b": "好", "a": "好", "c": "差"}
        assessments = [
            evaluate(
                p,
                longyuan.activities,
                longyuan.observations,
                scheme=SCHEME,
                scores={"files": ratings[p.id]},
            )
            for p in plans
        ]
        assert [(1, "a", 85.5, "良好"), (1, "b", 85.5, "良好"), (3, "c", 65.5, "合格")] == [
            (r["rank"], r["plan"], r["total"], r["grade"]) for r in rank(assessments)
        ]
