"""The shipped schemes: a published instrument transcribed item by item, scored by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from commhealth import Organisation, Plan, Window, schemes
from commhealth.errors import UnknownSchemeError
from commhealth.evaluation import evaluate, load_scores

DATA = Path(__file__).parent / "data"

CENTRE = Plan(
    id="centre-2013",
    title="社区卫生服务中心2013年卫生监督协管服务",
    span=Window(start=dt.date(2013, 1, 1), end=dt.date(2014, 1, 1)),
    organisation=Organisation(id="centre", name="某社区卫生服务中心", level="centre"),
)

#: What an assessor with a calculator gives a centre whose 考核结果 are those of
#: tests/data/health-supervision-2013-scores.csv, item by item, and how.
BY_HAND = {
    "1.1": 1.5,  # 协管信息员 missing: 2 − 0.5
    "1.2": 3.0,  # nothing missing
    "1.3": 0.5,  # 公示: 有
    "1.4": 1.2,  # signs shown; 7 of 10 制度: 1.5 − 3 × 0.1
    "2.1": 1.5,  # training held, 酌情扣0.5
    "2.2": 3.0,  # 3 of 4 督导: 4 − 1
    "2.3": 1.0,
    "2.4": 1.0,
    "2.5": 0.0,  # 3 violations × 0.5 > 1 point: 扣完为止
    "3.1": 1.0,  # one report short: 2 − 1
    "3.2": 2.0,
    "3.3": 1.0,  # 6 of 8 sessions (−1), 5 of 7 trades (−2): 4 − 3
    "4.1": 0.0,  # no written evidence: 该项不得分
    "4.2": 6.0,  # nothing missing, 酌情扣2: 8 − 2
    "4.3": 2.0,  # one shop unlicensed (−1); 90 % of 98 %: 8 short, 2 steps of 5 (−1)
    "5.1": 11.8,  # 93 %: 7 short, 4 steps of 2 (−2); 12 records (−1.2): 15 − 3.2
    "5.2": 1.0,  # 85 %: 15 short, 2 steps of 10 (−1)
    "5.3": 3.0,
    "5.4": 2.5,  # 5 of 6: −0.5
    "5.5": 1.4,  # 52 of 60: 8 × 0.2 = 1.6 off 3
    "5.6": 5.0,  # 22 of 24 visits: −1
    "6.1": 4.0,  # 2 late (−1), 1 missed (−1)
    "6.2": 12.0,  # 9 clues, 6 asked
    "6.2+": 0.6,  # 3 beyond 6 at 0.2
    "6.2*": 1.0,  # 2 valuable at 0.5
    "6.3": 5.0,  # nothing happened: 不扣分
    "7.1": 2.0,  # nothing happened: 不扣分
    "7.2": 2.0,
    "7.2+": 1.0,  # 卫生村 0.5 + 示范店 0.5
    "7.3": 1.5,  # awarded at discretion
}


class TestHealthSupervision2013:
    @pytest.fixture
    def scheme(self) -> object:
        return schemes.load("health-supervision-2013")

    def test_its_totals_are_the_tables(self, scheme: object) -> None:
        """100 points in seven sections as the 注 says; its items' bonus adds up to 12."""
        criteria = scheme.criteria()  # type: ignore[attr-defined]
        assert 100 == scheme.maximum()  # type: ignore[attr-defined]
        assert 12 == sum(c.points for c in criteria if c.bonus)
        assert 15 == scheme.bonus_cap  # type: ignore[attr-defined]
        assert ["1", "2", "3", "4", "5", "6", "7"] == [s.id for s in scheme.sections]  # type: ignore[attr-defined]
        assert [7, 9, 8, 17, 32, 23, 4] == [
            sum(c.points for c in s.all_criteria() if not c.bonus)
            for s in scheme.sections  # type: ignore[attr-defined]
        ]

    def test_item_by_item_as_by_hand(self, scheme: object) -> None:
        """Scored from the assessor's form, each item gives what the calculator gives."""
        sheet = load_scores(DATA / "health-supervision-2013-scores.csv")
        a = evaluate(CENTRE, (), scheme=scheme, scores=sheet)  # type: ignore[arg-type]
        assert BY_HAND == {s.criterion: s.points for s in a.scores}
        assert (74.4, 4.1, 78.5) == (round(a.total - a.bonus, 6), a.bonus, a.total)
        assert a.passed  # the table sets no pass line

    def test_where_the_table_disagrees_with_itself(self, scheme: object) -> None:
        """Section 六 declares 10 bonus points and its items give 7; the 注 declares 15 and
        the items give 12. Every other declared total matches its items."""
        assert (
            ("$.sections[5].bonus_points", "bonus_points", 10, 7),
            ("$.bonus_cap", "bonus_cap", 15, 12),
        ) == scheme.discrepancies()  # type: ignore[attr-defined]

    def test_the_source_is_named(self, scheme: object) -> None:
        assert "2013年度卫生监督协管服务项目质量考评表" in scheme.source  # type: ignore[attr-defined]

    def test_unknown_name(self) -> None:
        with pytest.raises(UnknownSchemeError) as e:
            schemes.load("nowhere")
        assert str(e.value).startswith("no shipped scheme named 'nowhere'; choose one of ")
