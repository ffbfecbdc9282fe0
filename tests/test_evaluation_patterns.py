"""The patterns real 考核 tables use beyond one figure and one rule: several deductions in one
item, defects counted per record, nothing to deduct, not applicable, the assessor's discretion,
the evidence rule, and a street office scoring each of its communities."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth import Activity, FieldError, PlanError, examples
from commhealth.evaluation import (
    AllOrNothing,
    Criterion,
    Deduction,
    Grade,
    ManualScore,
    MetricFigure,
    Ordinal,
    Part,
    Penalty,
    PerUnit,
    RecordsFigure,
    RequirementFigure,
    Scheme,
    ScoreEntry,
    ScoreSheet,
    Section,
    evaluate,
    evaluate_children,
    scheme_problems,
)

GRADES = (Grade(name="优秀", min=90), Grade(name="良好", min=80), Grade(name="合格", min=60))


def one(*criteria: Criterion, **options: object) -> Scheme:
    """A scheme of one section holding ``criteria``."""
    return Scheme(id="s", sections=(Section(id="a", criteria=criteria),), **options)  # type: ignore[arg-type]


@pytest.fixture
def longyuan() -> examples.Example:
    return examples.load("longyuan")


class TestNewRules:
    def test_penalty_per_defect(self) -> None:
        """每发现1次经费违规使用扣0.5分，扣完为止: 3 found take 1.5 off 1 point, leaving 0."""
        assert 0.0 == Penalty(each=0.5).score(3, 1).points
        assert 0.5 == Penalty(each=0.5).score(1, 1).points
        assert (1.0, 0.0) == (
            Penalty(each=0.5).score(0, 1).points,
            Penalty(each=0.5).score(0, 1).facts["deducted"],
        )

    def test_penalty_cap(self) -> None:
        """每缺1份扣0.1分，最高扣5分: 60 missing records take 5 off 15, not 6."""
        score = Penalty(each=0.1, cap=5).score(60, 15)
        assert (10.0, True) == (score.points, score.facts["capped"])

    def test_per_unit_above_a_target(self) -> None:
        """完成6条后每多报告一条奖励0.2分，最高奖励2分: 9 clues give 0.6, 20 give 2."""
        rule = PerUnit(each=0.2, above=6)
        assert (0.6, 2.0, 0.0) == (
            rule.score(9, 2).points,
            rule.score(20, 2).points,
            rule.score(4, 2).points,
        )

    def test_tenths_add_up(self) -> None:
        """1.5 points less three 制度 short at 0.1 each is 1.2, not 1.2000000000000002."""
        assert 1.2 == Deduction(target=10, deduct=0.1).score(7, 1.5).points


class TestParts:
    VISITS = Criterion(
        id="5.1",
        title="日常巡查",
        points=15,
        parts=(
            Part(
                id="visits",
                title="巡查户次完成率",
                points=10,
                figure=ManualScore(),
                rule=Deduction(target=100, step=2, deduct=0.5),
            ),
            Part(
                id="records",
                title="缺巡查指导记录",
                points=5,
                figure=ManualScore(),
                rule=Penalty(each=0.1),
            ),
        ),
    )

    def test_each_part_deducts_up_to_its_own_points(self, longyuan: examples.Example) -> None:
        """93% of the visits: 7 short, 4 steps of 2, 2 off; 12 records missing: 1.2 off;
        15 − 2 − 1.2 = 11.8."""
        a = evaluate(
            longyuan.plan,
            longyuan.activities,
            scheme=one(self.VISITS),
            scores={"5.1.visits": 93, "5.1.records": 12},
        )
        [s] = a.scores
        assert (11.8, 3.2) == (s.points, s.facts["deducted"])
        assert [(8.0, 10), (3.8, 5)] == [(p["points"], p["out_of"]) for p in s.facts["parts"]]
        assert (
            "日常巡查：巡查户次完成率93，应100，少7，每2扣0.5分，共扣2分；"
            "缺巡查指导记录12，每项扣0.1分，共扣1.2分；共扣3.2分，得11.8分（满分15分）"
        ) == s.message("zh")
        assert s.message("en").endswith("3.2 deducted in all, 11.8 of 15 points")

    def test_parts_share_one_floor(self, longyuan: examples.Example) -> None:
        """宣传培训每少一次扣0.5分，每缺一个行业扣1分，扣完为止 (4 points): 3 sessions and
        3 trades short take 1.5 + 3 = 4.5, and the item gives 0, not less."""
        training = Criterion(
            id="3.3",
            points=4,
            parts=(
                Part(
                    id="sessions",
                    points=4,
                    figure=ManualScore(),
                    rule=Deduction(target=8, deduct=0.5),
                ),
                Part(
                    id="trades", points=4, figure=ManualScore(), rule=Deduction(target=7, deduct=1)
                ),
            ),
        )
        a = evaluate(
            longyuan.plan,
            longyuan.activities,
            scheme=one(training),
            scores={"3.3.sessions": 5, "3.3.trades": 4},
        )
        assert (0.0, 4.0) == (a.scores[0].points, a.scores[0].facts["deducted"])

    def test_a_part_with_no_figure_loses_its_points(self, longyuan: examples.Example) -> None:
        """One part unscored deducts all its points; none scored is the criterion's no data."""
        a = evaluate(
            longyuan.plan, longyuan.activities, scheme=one(self.VISITS), scores={"5.1.visits": 100}
        )
        assert 10.0 == a.scores[0].points
        a = evaluate(longyuan.plan, longyuan.activities, scheme=one(self.VISITS))
        assert (0.0, True) == (a.scores[0].points, a.scores[0].facts["no_data"])

    @pytest.mark.parametrize(
        ("build", "message"),
        [
            (
                lambda: Criterion(id="x", points=1, figure=ManualScore()),
                "a criterion needs a figure and a rule, or parts (no 'rule' given)",
            ),
            (
                lambda: Criterion(
                    id="x",
                    points=1,
                    figure=ManualScore(),
                    rule=AllOrNothing(target=1),
                    parts=(
                        Part(id="p", points=1, figure=ManualScore(), rule=AllOrNothing(target=1)),
                    ),
                ),
                "a criterion is scored on one figure and rule, or on parts, not both",
            ),
        ],
    )
    def test_figure_or_parts(self, build: object, message: str) -> None:
        with pytest.raises(FieldError) as e:
            build()  # type: ignore[operator]
        assert message == str(e.value)


def _with_records(example: examples.Example) -> list[Activity]:
    """The example's ledger, where the first five talks have their photos and two have no
    head count."""
    photographed = {f"he-0{i}" for i in range(1, 6)}
    out = []
    for a in example.activities:
        record = attrs.evolve(a, tags=a.tags | {"photo"}) if a.id in photographed else a
        if a.id in {"he-03", "he-06"}:
            record = attrs.evolve(record, participants=None)
        out.append(record)
    return out


class TestRecords:
    def _criterion(self, measure: str, rule: object) -> Criterion:
        return Criterion(
            id="records",
            title="健康讲座记录",
            points=4,
            figure=RecordsFigure(
                requirement="health-education",
                fields=("participants",),
                evidence=("photo",),
                measure=measure,  # type: ignore[arg-type]
            ),
            rule=rule,  # type: ignore[arg-type]
        )

    def test_items_missing_per_record(self, longyuan: examples.Example) -> None:
        """Eleven talks count; six have no photo and two no head count: 8 items missing,
        at 0.4 each 3.2 off 4 (站、室每次讲座少1项扣0.4分)."""
        a = evaluate(
            longyuan.plan,
            _with_records(longyuan),
            scheme=one(self._criterion("missing", Penalty(each=0.4))),
        )
        assert (8.0, 0.8) == (a.scores[0].figure, a.scores[0].points)

    def test_records_incomplete(self, longyuan: examples.Example) -> None:
        """Seven of the eleven records miss something: 1次不符合要求扣1分 leaves nothing."""
        a = evaluate(
            longyuan.plan,
            _with_records(longyuan),
            scheme=one(self._criterion("incomplete", Penalty(each=1))),
        )
        assert (7.0, 0.0) == (a.scores[0].figure, a.scores[0].points)

    def test_unknown_field(self) -> None:
        with pytest.raises(FieldError) as e:
            RecordsFigure(requirement="r", fields=("photo",))
        assert str(e.value).startswith("unknown record field 'photo'; a record has title")


class TestNoDataAndDiscretion:
    EVENTS = Criterion(
        id="6.3",
        title="突发事件报告",
        points=5,
        figure=ManualScore(),
        rule=Penalty(each=2),
        no_data="full",
    )
    TASKS = Criterion(
        id="7.2",
        title="参与创建",
        points=20,
        figure=ManualScore(),
        rule=Ordinal(points={"是": 20, "否": 0}),
        no_data="not_applicable",
    )
    FILES = Criterion(
        id="files",
        title="台账资料",
        points=80,
        figure=ManualScore(),
        rule=Ordinal(points={"好": 80, "中": 60, "差": 0}),
    )

    def test_nothing_to_deduct_gives_full_points(self, longyuan: examples.Example) -> None:
        """未发生突发公共卫生事件的不扣分: no entry, full points, said as such."""
        a = evaluate(longyuan.plan, longyuan.activities, scheme=one(self.EVENTS))
        assert (5.0, 5.0) == (a.total, a.maximum)
        assert "突发事件报告：无应扣情形，不扣分，得5分（满分5分）" == a.scores[0].message("zh")

    def test_not_applicable_leaves_the_maximum(self, longyuan: examples.Example) -> None:
        """辖区无创建任务: the item counts toward neither total nor maximum; rescaled, 60 of
        80 grades as 75 of 100."""
        scheme = one(self.TASKS, self.FILES, grades=GRADES, passing="合格")
        a = evaluate(longyuan.plan, longyuan.activities, scheme=scheme, scores={"files": "中"})
        assert (60.0, 80.0, "合格", None) == (a.total, a.maximum, a.grade, a.graded_on)
        assert not a.scores[0].applicable
        rescaled = attrs.evolve(scheme, rescale=True)
        a = evaluate(longyuan.plan, longyuan.activities, scheme=rescaled, scores={"files": "中"})
        assert (60.0, 75.0, "合格") == (a.total, a.graded_on, a.grade)
        a = evaluate(
            longyuan.plan,
            longyuan.activities,
            scheme=rescaled,
            scores={"files": "中", "7.2": "是"},
        )
        assert (80.0, 100.0, None, "良好") == (a.total, a.maximum, a.graded_on, a.grade)

    def test_adjustment_with_its_reason(self, longyuan: examples.Example) -> None:
        """登记不全的，酌情扣分: the assessor takes 3 off, and the sentence says why."""
        sheet = ScoreSheet(
            entries=(ScoreEntry(criterion="files", figure="好", adjust=-3, reason="登记不全"),)
        )
        a = evaluate(longyuan.plan, longyuan.activities, scheme=one(self.FILES), scores=sheet)
        assert 77.0 == a.total
        assert "台账资料：评为「好」，酌情扣3分（登记不全），得77分（满分80分）" == a.scores[
            0
        ].message("zh")

    def test_adjustment_stays_within_the_points(self, longyuan: examples.Example) -> None:
        sheet = ScoreSheet(
            entries=(ScoreEntry(criterion="files", figure="好", adjust=5, reason="工作突出"),)
        )
        a = evaluate(longyuan.plan, longyuan.activities, scheme=one(self.FILES), scores=sheet)
        assert 80.0 == a.total

    def test_no_evidence_no_points(self, longyuan: examples.Example) -> None:
        """均必须提供书面文字材料，否则该项不得分: only where the scheme says so."""
        sheet = ScoreSheet(entries=(ScoreEntry(criterion="files", figure="好", evidence=False),))
        strict = one(self.FILES, evidence_required=True)
        a = evaluate(longyuan.plan, longyuan.activities, scheme=strict, scores=sheet)
        assert 0.0 == a.total
        assert "未提供佐证材料，该项不得分" in a.scores[0].message("zh")
        lax = one(self.FILES)
        assert 80.0 == evaluate(longyuan.plan, longyuan.activities, scheme=lax, scores=sheet).total

    def test_adjustment_needs_a_reason(self) -> None:
        with pytest.raises(FieldError) as e:
            ScoreEntry(criterion="files", adjust=-1)
        assert "an adjustment to 'files' needs its reason" == str(e.value)


STREET_SCHEME = Scheme(
    id="street-communities",
    assesses="children",
    sections=(
        Section(
            id="work",
            criteria=(
                Criterion(
                    id="plan",
                    title="社区健康教育计划",
                    points=40,
                    figure=RequirementFigure(requirement="community-plans"),
                    rule=AllOrNothing(target=1),
                ),
                Criterion(
                    id="guidance",
                    title="接受街道检查指导",
                    points=40,
                    figure=RequirementFigure(requirement="community-inspections"),
                    rule=Deduction(target=2, deduct=20),
                ),
                Criterion(
                    id="files",
                    title="台账资料",
                    points=20,
                    figure=ManualScore(),
                    rule=Ordinal(points={"好": 20, "中": 12, "差": 0}),
                ),
            ),
        ),
    ),
    grades=GRADES,
    passing="合格",
)


class TestChildren:
    @pytest.fixture
    def street(self) -> examples.Example:
        return examples.load("street")

    def test_each_community_scored_on_its_own_findings(self, street: examples.Example) -> None:
        """新华社区 had one inspection of two: 20 off; each community's sheet row is its own."""
        sheet = ScoreSheet(
            entries=tuple(
                ScoreEntry(criterion="files", subject=c, figure=r)
                for c, r in (
                    ("longyuan", "好"),
                    ("xinhua", "好"),
                    ("dongfeng", "中"),
                    ("nanyuan", "差"),
                )
            )
        )
        ranking = evaluate_children(
            street.plan, street.activities, street.observations, scheme=STREET_SCHEME, scores=sheet
        )
        assert [
            (1, "longyuan", 100.0, "优秀"),
            (2, "dongfeng", 92.0, "优秀"),
            (3, "nanyuan", 80.0, "良好"),
            (3, "xinhua", 80.0, "良好"),
        ] == [(r["rank"], r["plan"], r["total"], r["grade"]) for r in ranking.rows()]
        xinhua = ranking.assessment("xinhua")
        assert (1.0, "新华社区") == (xinhua.scores[1].figure, xinhua.name)
        assert ranking.passed
        assert ranking.to_text("zh").startswith(
            "street-office-2022 — street-communities：4个单位，4个通过\n\n  1. 龙苑社区　100分　优秀　全部得分\n"
        )

    def test_a_scheme_for_children_needs_for_each_child(self, street: examples.Example) -> None:
        """A requirement the street keeps for itself, or a measured figure, cannot score a
        community: both are file errors with their paths."""
        scheme = attrs.evolve(
            STREET_SCHEME,
            sections=(
                Section(
                    id="work",
                    criteria=(
                        Criterion(
                            id="news",
                            points=10,
                            figure=RequirementFigure(requirement="monthly-news"),
                            rule=AllOrNothing(target=12),
                        ),
                        Criterion(
                            id="rate",
                            points=10,
                            figure=MetricFigure(metric="health-knowledge-awareness-rate"),
                            rule=AllOrNothing(target=80),
                        ),
                    ),
                ),
            ),
        )
        assert [
            "$.sections[0].criteria[0].figure.requirement",
            "$.sections[0].criteria[1].figure.source",
        ] == [p.path for p in scheme_problems(scheme, street.plan)]

    def test_the_wrong_function(self, street: examples.Example) -> None:
        with pytest.raises(PlanError) as e:
            evaluate(street.plan, street.activities, scheme=STREET_SCHEME)
        assert "$.assesses" == e.value.problems[0].path
        assert "use evaluate_children()" in e.value.problems[0].message

    def test_a_sheet_for_a_stranger(self, street: examples.Example) -> None:
        sheet = ScoreSheet(
            entries=(ScoreEntry(criterion="files", subject="elsewhere", figure="好"),)
        )
        with pytest.raises(PlanError) as e:
            evaluate_children(street.plan, street.activities, scheme=STREET_SCHEME, scores=sheet)
        assert "$.scores.elsewhere" == e.value.problems[0].path


LECTURES = Criterion(
    id="lectures",
    points=12,
    figure=RequirementFigure(requirement="health-education"),
    rule=Deduction(target=12, deduct=1),
)


class TestLaws:
    @given(
        day=st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2022, 12, 31)),
        kind=st.sampled_from(["health-education", "inspection", "poster"]),
    )
    def test_an_activity_more_never_lowers_a_count(self, day: dt.date, kind: str) -> None:
        """Adding an activity to the ledger never lowers a count-based criterion's points."""
        example = examples.load("longyuan")
        scheme = one(LECTURES)
        before = evaluate(example.plan, example.activities, scheme=scheme).total
        extra = Activity(id="extra", date=day, title="加场", kind=kind)
        after = evaluate(example.plan, [*example.activities, extra], scheme=scheme).total
        assert after >= before

    @given(rating=st.sampled_from(["好", "中", "差"]), lectures=st.integers(0, 12))
    def test_a_veto_always_fails(self, rating: str, lectures: int) -> None:
        """Whatever else scores, a veto that earns nothing gives the failing grade."""
        example = examples.load("longyuan")
        veto = Criterion(
            id="safety",
            points=1,
            veto=True,
            figure=ManualScore(),
            rule=Ordinal(points={"好": 1, "中": 1, "差": 0}),
        )
        scheme = one(veto, LECTURES, grades=GRADES)
        talks = [a for a in example.activities if a.kind == "health-education"][:lectures]
        a = evaluate(example.plan, talks, scheme=scheme, scores={"safety": rating})
        assert (a.grade == scheme.fail_grade) if rating == "差" else ("safety" not in a.vetoes)


class TestActivitiesFigure:
    @pytest.mark.parametrize(
        ("options", "message"),
        [
            ({"measure": "count", "field": "participants"}, "a count takes no 'field'"),
            (
                {"measure": "mean", "field": "topics"},
                "a mean needs 'field', one of participants, hours, days (got 'topics')",
            ),
            ({"measure": "distinct"}, "a distinct needs 'field', one of "),
        ],
    )
    def test_refused(self, options: dict[str, str], message: str) -> None:
        from commhealth.evaluation import ActivitiesFigure

        with pytest.raises(FieldError) as e:
            ActivitiesFigure(requirement="r", **options)  # type: ignore[arg-type]
        assert str(e.value).startswith(message)

    def test_count_sum_mean_distinct(self, longyuan: examples.Example) -> None:
        """Over the eleven talks that count: 11 of them, 623 listeners, 56.6 a talk, and
        the distinct audiences they reached."""
        from commhealth.evaluation import ActivitiesFigure

        def figure(measure: str, field: str | None = None) -> object:
            c = Criterion(
                id="x",
                points=1,
                figure=ActivitiesFigure(
                    requirement="health-education",
                    measure=measure,  # type: ignore[arg-type]
                    field=field,
                ),
                rule=PerUnit(each=1),
            )
            return evaluate(longyuan.plan, longyuan.activities, scheme=one(c)).scores[0].figure

        talks = [a for a in longyuan.activities if a.kind == "health-education" and a.counts]
        listeners = sum(a.participants or 0 for a in talks)
        assert (11.0, float(listeners)) == (figure("count"), figure("sum", "participants"))
        assert listeners / 11 == pytest.approx(figure("mean", "participants"))
        assert float(len({x for a in talks for x in a.audience})) == figure("distinct", "audience")


class TestDeclaredTotals:
    def test_a_typo_in_a_transcription_shows(self) -> None:
        """A section declared 7 points whose items add up to 6.5 is named with both."""
        scheme = Scheme(
            id="s",
            declared_maximum=10,
            sections=(
                Section(
                    id="1",
                    points=7,
                    criteria=(
                        Criterion(id="a", points=6.5, figure=ManualScore(), rule=PerUnit(each=1)),
                    ),
                ),
            ),
        )
        assert (
            ("$.sections[0].points", "points", 7, 6.5),
            ("$.declared_maximum", "declared_maximum", 10, 6.5),
        ) == scheme.discrepancies()
        assert () == attrs.evolve(scheme, declared_maximum=None, sections=()).discrepancies()


class TestSectionBonusCaps:
    def test_a_section_caps_its_own_bonus(self, longyuan: examples.Example) -> None:
        """二、经费保障 附加分(20分): two bonus items of 20 in a section capped at 20 add 20;
        the heading says what the items earned and that the rest does not count."""
        bonus = [
            Criterion(
                id=f"b{i}", points=20, bonus=True, figure=ManualScore(), rule=PerUnit(each=20)
            )
            for i in (1, 2)
        ]
        base = Criterion(id="a", points=10, figure=ManualScore(), rule=PerUnit(each=1))
        scheme = Scheme(
            id="s",
            sections=(
                Section(id="1", criteria=(base,)),
                Section(id="2", criteria=tuple(bonus), bonus_cap=20),
            ),
        )
        a = evaluate(longyuan.plan, (), scheme=scheme, scores={"a": 10, "b1": 1, "b2": 1})
        assert (30.0, 20.0, 40.0) == (a.total, a.bonus, a.bonus_earned)
        assert "附加项合计40分，超出上限部分不计" in a.to_text("zh").splitlines()[0]
        assert ["1", "2", "2"] == [s.section for s in a.scores]

    def test_the_innermost_section(self, longyuan: examples.Example) -> None:
        """A criterion's section is the innermost one holding it."""
        inner = Section(
            id="1.1",
            criteria=(Criterion(id="a", points=1, figure=ManualScore(), rule=PerUnit(each=1)),),
        )
        scheme = Scheme(id="s", sections=(Section(id="1", sections=(inner,)),))
        assert "1.1" == evaluate(longyuan.plan, (), scheme=scheme).scores[0].section
