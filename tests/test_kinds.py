"""A ledger that names its kinds in Chinese, checked against standards that select codes."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from commhealth import (
    Include,
    KindNames,
    PlanError,
    check,
    load_activities,
    load_plan,
    loads_plan,
    resolve,
)

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
