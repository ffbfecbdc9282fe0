"""A ledger that names its kinds in Chinese, checked against standards that select codes."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from commhealth import (
    Activity,
    AudienceNames,
    Bound,
    Cadence,
    ForEach,
    Include,
    KindNames,
    Plan,
    PlanError,
    Quota,
    Selector,
    check,
    dumps_plan,
    load_activities,
    load_plan,
    loads_plan,
    resolve,
)

from .helpers import D, make_plan

DATA = Path(__file__).parent / "data" / "centre"

#: How a 社区卫生服务中心's 台账 writes the kinds the 2017 standard selects.
CHINESE = {
    "health-lecture": "健康讲座",
    "health-consultation": "义诊咨询",
    "bulletin-board": "宣传栏更换",
    "printed-material": "发放印刷资料",
    "audio-visual": "播放音像资料",
}


@pytest.fixture(scope="module")
def english() -> list:
    return list(load_activities(DATA / "activities.csv"))


def _twin(activities: list, names: dict[str, str]) -> list:
    return [attrs.evolve(a, kind=names.get(a.kind, a.kind)) for a in activities]


class TestChineseLedger:
    def test_same_findings_as_its_english_twin(self, english: list, tmp_path: Path) -> None:
        """The centre's ledger with Chinese kinds, read from a CSV file as a worker writes
        it, gives the findings its English-kind twin gives, against the included standard."""
        plan = load_plan(DATA / "plan.toml")
        chinese = _twin(english, CHINESE)
        path = tmp_path / "台账.csv"
        lines = ["编号,日期,活动名称,活动类型,主题,参加人数,标签,状态"]
        lines += [
            f"{a.id},{a.date.isoformat()},{a.title},{a.kind},{'、'.join(sorted(a.topics))},"
            f"{'' if a.participants is None else a.participants},{'、'.join(sorted(a.tags))},已完成"
            for a in chinese
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        from_file = load_activities(path)
        assert {a.kind for a in from_file} == set(CHINESE.values())
        expected = check(plan, english)
        assert expected.findings == check(plan, from_file).findings
        assert expected.findings == check(plan, chinese).findings
        assert any(f.status.value == "missed" for f in expected.findings)

    def test_a_kind_selected_as_written_stays(self) -> None:
        """A plan that selects 讲座 itself counts activities of kind 讲座 as 讲座."""
        plan = loads_plan(
            """
schema = 1
id = "p"
span = { start = 2022-01-01, end = 2023-01-01 }
organisation = { id = "o" }
[[requirements]]
type = "quota"
id = "talks"
select = { kind = ["讲座"] }
bound = { min = 1 }
per = "year"
""",
            "toml",
        )
        import datetime as dt

        from commhealth import Activity

        [f] = check(plan, [Activity(id="a", date=dt.date(2022, 3, 1), kind="讲座")]).findings
        assert "met" == f.status.value


class TestUnusedKinds:
    def test_a_typo_is_named_with_its_close_match(self, english: list) -> None:
        """健康讲坐 is no name of health-lecture: the lectures are missed, and a warning says
        the ledger has 健康讲坐, which looks like it."""
        plan = load_plan(DATA / "plan.toml")
        typo = _twin(english, {**CHINESE, "health-lecture": "健康讲坐"})
        report = check(plan, typo)
        [warning] = [f for f in report.findings if f.requirement == "activity-kinds"]
        assert ("health-lecture", ["健康讲坐"]) == (warning.key, warning.facts["close"])
        assert warning.severity.value == "warning"
        assert not warning.failing
        assert "台账中相近的类型：健康讲坐" in warning.message("zh")
        assert "the ledger's kinds like it: 健康讲坐" in warning.message("en")

    def test_the_plan_names_its_own(self, english: list) -> None:
        """A plan's vocabulary adds 健康讲坐 as a name of health-lecture: no warning, and
        the lectures count."""
        plan = load_plan(DATA / "plan.toml")
        plan = attrs.evolve(
            plan, vocabulary=(KindNames(kind="health-lecture", names=("健康讲坐",)),)
        )
        typo = _twin(english, {**CHINESE, "health-lecture": "健康讲坐"})
        assert check(plan, _twin(english, CHINESE)).findings == check(plan, typo).findings

    def test_a_typo_among_many_kinds(self) -> None:
        """Among 5,000 kinds nobody selects, lectur is still named as like lecture, and the
        warning lists only the first 100 of them."""
        plan = make_plan(
            Quota(id="q", select=Selector(kind=frozenset({"lecture"})), bound=Bound(min=1))
        )
        many = [
            Activity(id=f"a{i}", date=D(2022, 1, 1), kind=f"kind-number-{i:05d}")
            for i in range(5_000)
        ]
        report = check(plan, [*many, Activity(id="t", date=D(2022, 2, 1), kind="lectur")])
        [warning] = [f for f in report.findings if f.requirement == "activity-kinds"]
        assert (["lectur"], 100) == (warning.facts["close"], len(warning.facts["unselected"]))

    def test_the_hint_looks_at_the_nearest_lengths(self) -> None:
        """A hint compares a name with at most 1,000 candidates, those nearest its length
        first, and with every one while there are no more."""
        from commhealth._kinds import Candidates

        names = [f"k{'x' * (i % 40)}{i}" for i in range(3_000)]
        nearest = Candidates(names).nearest("kxxxx", limit=1_000)
        assert 1_000 == len(nearest)
        assert max(abs(len(n) - 5) for n in nearest) <= min(
            abs(len(n) - 5) for n in set(names) - set(nearest)
        )
        assert sorted(names[:10]) == sorted(Candidates(names[:10]).nearest("k"))

    def test_a_name_names_one_kind(self) -> None:
        with pytest.raises(PlanError) as e:
            loads_plan(
                """
schema = 1
id = "p"
span = { start = 2022-01-01, end = 2023-01-01 }
organisation = { id = "o" }
[[vocabulary]]
kind = "health-lecture"
names = ["讲堂"]
[[vocabulary]]
kind = "training"
names = ["讲堂"]
""",
                "toml",
            )
        assert "$.vocabulary[1].names" == e.value.problems[0].path


class TestIncludeSome:
    BASE = """
schema = 1
id = "p"
span = { start = 2022-01-01, end = 2023-01-01 }
organisation = { id = "o" }
[[includes]]
standard = "bphs-2017/health-education/centre"
"""

    def test_only_and_exclude(self) -> None:
        only = resolve(loads_plan(self.BASE + 'only = ["bphs-he-lecture"]\n', "toml"))
        assert ["bphs-he-lecture"] == [r.id for r in only.included]
        but = resolve(loads_plan(self.BASE + 'exclude = ["bphs-he-audio-visual"]\n', "toml"))
        assert "bphs-he-audio-visual" not in {r.id for r in but.included}
        assert 4 == len(but.included)

    def test_unknown_ids_and_both(self) -> None:
        with pytest.raises(PlanError) as e:
            loads_plan(
                self.BASE + 'only = ["bphs-he-lecturez"]\nexclude = ["bphs-he-printed"]\n', "toml"
            )
        assert {"$.includes[0].only[0]", "$.includes[0].exclude"} == {
            p.path for p in e.value.problems
        }

    def test_override_of_what_is_not_taken(self) -> None:
        plan = Include(standard="bphs-2017/health-education/centre", only=("bphs-he-lecture",))
        assert plan.takes("bphs-he-lecture")
        assert not plan.takes("bphs-he-printed")
        with pytest.raises(PlanError) as e:
            loads_plan(
                self.BASE
                + 'only = ["bphs-he-lecture"]\n[[includes.overrides]]\nrequirement = "bphs-he-printed"\nbound = { min = 20 }\n',
                "toml",
            )
        assert "$.includes[0].overrides[0].requirement" == e.value.problems[0].path


def _audience_plan(*audiences: str, **kw: object) -> Plan:
    return make_plan(
        Quota(
            id="talks",
            select=Selector(audience=frozenset(audiences)),
            bound=Bound(min=1),
            per=Cadence.YEAR,
        ),
        **kw,
    )


def _counted(plan: Plan, *audiences: str) -> float | str | None:
    acts = [Activity(id=f"a{i}", date=D(2022, 3, 1), audience={a}) for i, a in enumerate(audiences)]
    [f] = [f for f in check(plan, acts).findings if f.requirement == "talks"]
    return f.actual


class TestAudiences:
    @pytest.mark.parametrize(
        ("selected", "ledger"),
        [
            ("elderly", "老年人"),
            ("老年人", "elderly"),
            ("elderly", "65岁以上老年人"),
            ("老年人", "老人"),
            ("residents", "辖区居民"),
            ("chronic-patients", "慢病患者"),
            ("children", "0-6岁儿童"),
        ],
        ids=[
            "code-name",
            "name-code",
            "code-alias",
            "name-name",
            "residents",
            "chronic",
            "children",
        ],
    )
    def test_a_code_and_its_names_are_one_audience(self, selected: str, ledger: str) -> None:
        """An audience the plan selects by its code or by one of its names counts the
        ledger's rows that write the other."""
        assert 1 == _counted(_audience_plan(selected), ledger)

    def test_a_plan_that_tells_names_apart(self) -> None:
        """A plan that selects two names of one code counts each as written, and a row
        that writes the code counts for neither."""
        plan = _audience_plan("老年人", "65岁以上老年人")
        assert 2 == _counted(plan, "老年人", "65岁以上老年人")
        assert 0 == _counted(plan, "elderly")

    def test_an_audience_not_in_the_vocabulary_is_as_written(self) -> None:
        """An audience no vocabulary names is compared as it is written."""
        assert 0 == _counted(_audience_plan("elderly"), "老干部")
        assert 1 == _counted(_audience_plan("老干部"), "老干部")

    def test_the_plan_names_its_own(self) -> None:
        """A plan's vocabulary adds 长者 as a name of elderly."""
        assert 0 == _counted(_audience_plan("elderly"), "长者")
        own = (AudienceNames(audience="elderly", names=("长者",)),)
        assert 1 == _counted(_audience_plan("elderly", vocabulary=own), "长者")

    def test_a_for_each_value_is_read_the_same_way(self) -> None:
        """A quota for each audience code counts rows that write its names."""
        plan = make_plan(
            Quota(
                id="talks",
                bound=Bound(min=1),
                per=Cadence.YEAR,
                for_each=ForEach(field="audience", values=("elderly", "youth")),
            )
        )
        acts = [
            Activity(id="a", date=D(2022, 3, 1), audience={"老年人"}),
            Activity(id="b", date=D(2022, 4, 1), audience={"青少年"}),
        ]
        assert [("elderly", 1), ("youth", 1)] == [(f.key, f.actual) for f in check(plan, acts)]

    def test_the_file_form(self) -> None:
        """A plan file's vocabulary takes audience entries beside kind entries, and writes
        them back as it read them."""
        text = """
schema = 1
id = "p"
span = { start = 2022-01-01, end = 2023-01-01 }
organisation = { id = "o" }
[[vocabulary]]
kind = "health-lecture"
names = ["大讲堂"]
[[vocabulary]]
audience = "elderly"
names = ["长者"]
"""
        plan = loads_plan(text, "toml")
        assert (
            KindNames(kind="health-lecture", names=("大讲堂",)),
            AudienceNames(audience="elderly", names=("长者",)),
        ) == plan.vocabulary
        assert plan == loads_plan(dumps_plan(plan, "toml"), "toml")

    def test_a_name_names_one_audience(self) -> None:
        """One name given to two audiences is refused; a kind and an audience may share it."""
        with pytest.raises(PlanError) as e:
            make_plan(
                vocabulary=(
                    AudienceNames(audience="elderly", names=("长者",)),
                    AudienceNames(audience="cadres", names=("长者",)),
                    KindNames(kind="visit", names=("长者",)),
                )
            )
        assert [
            "'长者' already names audience 'elderly'; a name names one audience @ $.vocabulary[1].names"
        ] == [str(p) for p in e.value.problems]

    def test_an_unknown_audience_is_named_with_its_close_match(self) -> None:
        """An audience code no vocabulary and no activity has gets a warning that names
        the codes like it; the requirement is missed as before."""
        report = check(
            _audience_plan("elderlys"),
            [Activity(id="a", date=D(2022, 3, 1), audience={"老年人"})],
        )
        [warning] = [f for f in report.findings if f.requirement == "activity-audiences"]
        assert ("elderlys", ["elderly"]) == (warning.key, warning.facts["close"])
        assert not warning.failing
        assert (
            "要求所选的活动对象「elderlys」在台账和词表中都没有；相近的对象：elderly"
            "（可在计划的vocabulary中注明）"
        ) == warning.message("zh")
        assert (
            "neither the ledger nor the vocabulary has the audience 'elderlys' a requirement "
            "selects; audiences like it: elderly (name them in the plan's vocabulary)"
        ) == warning.message("en")

    def test_a_known_audience_with_no_rows_is_no_naming_problem(self) -> None:
        """A vocabulary code no activity has this year is only missed: no warning."""
        report = check(
            _audience_plan("pregnant-women"),
            [Activity(id="a", date=D(2022, 3, 1), audience={"老年人"})],
        )
        assert ["talks"] == [f.requirement for f in report.findings]
