"""Scoring rules against figures an assessor works out with a calculator."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import commhealth.evaluation
from commhealth import FieldError
from commhealth.evaluation import (
    RULE_KINDS,
    AllOrNothing,
    Band,
    Bands,
    Deduction,
    Linear,
    Ordinal,
    PerUnit,
    Proportional,
)


class TestRules:
    @pytest.mark.parametrize(
        ("figure", "points"), [(12, 4.0), (13, 4.0), (11, 0.0)], ids=["met", "over", "short"]
    )
    def test_all_or_nothing(self, figure: float, points: float) -> None:
        """达标得满分: 12 lectures asked, 4 points for reaching them, none for 11."""
        assert points == AllOrNothing(target=12).score(figure, out_of=4).points

    def test_per_shortfall(self) -> None:
        """每少1次扣1分: 10 lectures of 12 lose 2 of 12 points (健康讲座 全年10次，应12次)."""
        score = Deduction(target=12, deduct=1).score(10, out_of=12)
        assert (10.0, 2.0, 2, 2.0, False) == (
            score.points,
            score.facts["shortfall"],
            score.facts["steps"],
            score.facts["deducted"],
            score.facts["capped"],
        )

    def test_station_deducts_more_per_lecture(self) -> None:
        """A 站 loses 2 points a lecture short of its 6: 4 held of 6 leaves 6 of 10."""
        assert 6.0 == Deduction(target=6, deduct=2).score(4, out_of=10).points

    def test_cap(self) -> None:
        """最高扣5分: 9 lectures short at 1 point each lose only 5 of 10."""
        score = Deduction(target=12, deduct=1, cap=5).score(3, out_of=10)
        assert (5.0, 5.0, True) == (score.points, score.facts["deducted"], score.facts["capped"])

    def test_never_below_zero(self) -> None:
        """扣完为止: 12 points of deductions on a 5-point item leave 0, not -7."""
        score = Deduction(target=12, deduct=1).score(0, out_of=5)
        assert (0.0, 5.0) == (score.points, score.facts["deducted"])

    @pytest.mark.parametrize(
        ("rate", "partial", "points"),
        [(96.0, True, 9.0), (95.0, True, 8.5), (95.0, False, 9.0), (100.0, True, 10.0)],
        ids=["two-steps", "partial-step-counts", "partial-step-ignored", "at-target"],
    )
    def test_per_step_of_a_rate(self, rate: float, partial: bool, points: float) -> None:
        """每下降2%扣0.5分 from 100%: 96% is two steps, 95% two and a half."""
        rule = Deduction(target=100, step=2, deduct=0.5, partial_steps=partial)
        assert points == rule.score(rate, out_of=10).points

    def test_float_noise_is_not_a_step(self) -> None:
        """A shortfall of 0.1 + 0.2 percent against steps of 0.3 is one step, not two."""
        assert 9.0 == Deduction(target=1.0, step=0.3, deduct=1).score(1.0 - (0.1 + 0.2), 10).points

    @pytest.mark.parametrize(
        ("figure", "points"),
        [(9, 7.5), (12, 10.0), (20, 10.0), (0, 0.0)],
        ids=["part", "full", "over", "none"],
    )
    def test_proportional(self, figure: float, points: float) -> None:
        """实际/目标×分值: 9 of 12 earn three quarters of 10 points, never more than 10."""
        assert points == Proportional(target=12).score(figure, out_of=10).points

    @pytest.mark.parametrize(
        ("rate", "points"), [(60, 0.0), (70, 5.0), (80, 10.0), (95, 10.0), (10, 0.0)]
    )
    def test_linear(self, rate: float, points: float) -> None:
        """From 0 points at 60% to 10 points at 80%, straight between."""
        assert points == Linear(low=60, high=80).score(rate, out_of=10).points

    @pytest.mark.parametrize(
        ("rate", "points"),
        [(79.9, 0.0), (80, 6.0), (89, 6.0), (90, 8.0), (100, 10.0)],
        ids=["below", "first-band", "inside", "second-band", "top"],
    )
    def test_bands(self, rate: float, points: float) -> None:
        """80–89% → 6分, 90–99% → 8分, 100% → 10分."""
        rule = Bands(
            bands=(Band(min=80, points=6), Band(min=90, points=8), Band(min=100, points=10))
        )
        assert points == rule.score(rate, out_of=10).points

    @pytest.mark.parametrize(("count", "points"), [(2, 5.0), (4, 10.0), (7, 10.0)])
    def test_per_unit(self, count: float, points: float) -> None:
        """每次讲座2.5分 up to the item's 10 points."""
        assert points == PerUnit(each=2.5).score(count, out_of=10).points

    def test_ordinal(self) -> None:
        """An assessor's 好/中/差 maps to 5, 3 and 0 points."""
        rule = Ordinal(points={"好": 5, "中": 3, "差": 0})
        assert [5.0, 3.0, 0.0] == [rule.score(r, out_of=5).points for r in ("好", "中", "差")]

    def test_unknown_rating(self) -> None:
        """A rating the rule does not map names the ratings it does."""
        with pytest.raises(FieldError) as e:
            Ordinal(points={"有": 2, "无": 0}).score("部分", out_of=2)
        assert "rating '部分' is not one of '有', '无'" == str(e.value)

    def test_kinds(self) -> None:
        """Each rule has a kind tag, the key a scheme file will name it by."""
        assert [
            "all_or_nothing", "deduction", "proportional", "linear", "bands", "per_unit", "penalty", "ordinal",
        ] == list(RULE_KINDS)  # fmt: skip


class TestValidation:
    @pytest.mark.parametrize(
        ("build", "message"),
        [
            (lambda: Deduction(target=12, deduct=0), "'deduct' must be greater than 0 (got 0)"),
            (lambda: Deduction(target=12, deduct=1, cap=-1), "'cap' must not be negative (got -1)"),
            (lambda: Proportional(target=0), "'target' must be greater than 0 (got 0)"),
            (lambda: Linear(low=80, high=60), "'high' must be above 'low' (got low 80, high 60)"),
            (lambda: Bands(bands=()), "'bands' must hold at least one band (got none)"),
            (
                lambda: Bands(bands=(Band(min=90, points=8), Band(min=80, points=6))),
                "'bands' must rise: each band's 'min' above the one before and its points no fewer (got min 90 → 80, points 8 → 6)",
            ),
            (lambda: Ordinal(points={}), "'points' must map at least one rating (got none)"),
            (
                lambda: Deduction(target=float("nan"), deduct=1),
                "'target' must be a finite number (got nan)",
            ),
        ],
        ids=["zero-deduct", "negative-cap", "zero-target", "line-backwards", "no-bands",
             "bands-fall", "no-ratings", "nan-target"],
    )  # fmt: skip
    def test_invalid(self, build: object, message: str) -> None:
        """A rule that cannot score is refused with the field, the rule and the value."""
        with pytest.raises(FieldError) as e:
            build()  # type: ignore[operator]
        assert message == str(e.value)


figures = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
points = st.floats(min_value=0, max_value=1000, allow_nan=False)
positive = st.floats(min_value=0.01, max_value=1e4, allow_nan=False)
rules = st.one_of(
    st.builds(AllOrNothing, target=figures),
    st.builds(
        Deduction,
        target=figures,
        deduct=positive,
        step=positive,
        cap=st.none() | points,
        partial_steps=st.booleans(),
    ),
    st.builds(Proportional, target=positive),
    st.tuples(figures, positive).map(lambda t: Linear(low=t[0], high=t[0] + t[1])),
    st.lists(st.tuples(positive, points), min_size=1, max_size=5).map(
        lambda rows: Bands(
            bands=tuple(
                Band(min=sum(r[0] for r in rows[: i + 1]), points=sum(r[1] for r in rows[: i + 1]))
                for i in range(len(rows))
            )
        )
    ),
    st.builds(PerUnit, each=positive),
)


class TestLaws:
    @given(rules, figures, points)
    def test_score_within_the_points(self, rule: object, figure: float, out_of: float) -> None:
        """Every rule gives between 0 and the criterion's points, whatever the figure."""
        score = rule.score(figure, out_of)  # type: ignore[attr-defined]
        assert 0 <= score.points <= out_of

    @given(rules, figures, figures, points)
    def test_more_never_scores_less(self, rule: object, a: float, b: float, out_of: float) -> None:
        """A higher figure never earns fewer points: more activity never costs points."""
        low, high = sorted((a, b))
        assert rule.score(low, out_of).points <= rule.score(high, out_of).points  # type: ignore[attr-defined]


def test_module_examples() -> None:
    """The examples in commhealth.evaluation's docstring run."""
    assert 0 == doctest.testmod(commhealth.evaluation).failed


def test_the_docs_page_runs() -> None:
    """Every worked example of docs/evaluation.md runs and gives what the page says."""
    from pathlib import Path

    page = Path(__file__).resolve().parent.parent / "docs" / "evaluation.md"
    result = doctest.testfile(str(page), module_relative=False, raise_on_error=False)
    assert (0, True) == (result.failed, result.attempted > 10)


def test_the_docs_toml_examples_load() -> None:
    """Every TOML example of docs/evaluation.md is a scheme or plan that loads as written,
    and the scheme's declared totals match its items."""
    import re
    import textwrap

    from commhealth import loads_plan
    from commhealth.evaluation import loads_scheme

    page = (Path(__file__).parent.parent / "docs" / "evaluation.md").read_text(encoding="utf-8")
    blocks = [textwrap.dedent(b) for b in re.findall(r"```toml\n(.*?)\s*```", page, re.S)]
    assert len(blocks) >= 2
    for block in blocks:
        if block.startswith("schema = 1"):
            loads_plan(block, "toml")
        else:
            assert () == loads_scheme(block, "toml").discrepancies()
