"""Words rendered on demand: findings hold figures, each language words them."""

from __future__ import annotations

import inspect

import attrs
import pytest

from commhealth import (
    Bound,
    Cadence,
    FieldError,
    Finding,
    Goal,
    Observation,
    Quota,
    Reason,
    Selector,
    Status,
    Window,
    check,
    examples,
)
from commhealth._wording import LANGUAGES, Wording, figure, sentence, words

from .helpers import D, make_plan, monthly

INSPECTION = Quota(
    id="insp",
    title="每月绿化卫生检查",
    select=Selector(kind="inspection"),
    bound=Bound(min=1),
    per=Cadence.MONTH,
)


class TestFindingsHoldFigures:
    def test_a_quota_finding_holds_its_figures(self) -> None:
        """A missed month holds its reason, title and figures, and words them on demand."""
        [july] = check(make_plan(INSPECTION), monthly("inspection", skip=(7,))).failing()
        assert (Reason.QUOTA, "每月绿化卫生检查", 0.0, {"min": 1, "measure": "count"}) == (
            july.reason,
            july.title,
            july.actual,
            dict(july.expected),
        )
        assert "每月绿化卫生检查（至少1次）：2022年7月 0次，缺1次" == july.message("zh")
        assert "每月绿化卫生检查 (at least 1): July 2022 had 0, 1 short" == july.message("en")

    def test_changing_a_figure_changes_the_sentence(self) -> None:
        """The sentence is made from the figures, not stored: evolving one rewords it."""
        [july] = check(make_plan(INSPECTION), monthly("inspection", skip=(7,))).failing()
        more = attrs.evolve(july, expected={"min": 3, "measure": "count"})
        assert "每月绿化卫生检查（至少3次）：2022年7月 0次，缺3次" == more.message("zh")

    def test_detail_gives_reason_and_facts(self) -> None:
        """The detailed JSON adds the reason code and the facts; the contract's keys stay."""
        goal = Goal(
            id="team", title="志愿者队伍", metric="volunteers", bound=Bound(min=26), unit="人"
        )
        report = check(
            make_plan(goal), [], [Observation(metric="volunteers", date=D(2022, 6, 30), value=24)]
        )
        data = report.to_dict("en", detail=True)["findings"][0]
        assert ("figure", {"metric": "volunteers", "observed": "2022-06-30"}) == (
            data["reason"],
            data["facts"],
        )
        assert (
            "志愿者队伍 (at least 26 people): 24 people on 30 June 2022, missed" == data["message"]
        )
        plain = report.to_dict("en")["findings"][0]
        assert {"requirement", "status", "window", "key", "expected", "actual", "message"} == set(
            plain
        )


class TestUnits:
    @pytest.mark.parametrize(
        ("unit", "zh", "en"),
        [
            ("人", "至少26人", "at least 26 people"),
            ("户", "至少26户", "at least 26 households"),
            ("%", "至少26%", "at least 26%"),
            ("万元", "至少26万元", "at least 26 × 10,000 yuan"),
            ("kg", "至少26kg", "at least 26 kg"),
            (None, "至少26", "at least 26"),
        ],
        ids=["people", "households", "percent", "ten-thousand-yuan", "latin-unit", "none"],
    )
    def test_units_follow_the_language(self, unit: str | None, zh: str, en: str) -> None:
        """A Chinese unit reads in English in an English report; a unit not listed stays as written."""
        assert zh == words("zh").bound(26, None, words("zh").unit(unit))
        assert en == words("en").bound(26, None, words("en").unit(unit))

    def test_the_seed_team_in_english(self) -> None:
        """篇2: the volunteer team of 26 is worded with people in English, 人 in Chinese."""
        example = examples.load("longyuan")
        report = check(example.plan, example.activities, example.observations)
        [team] = [f for f in report.failing() if "志愿者" in f.title]
        assert "健康社区志愿者队伍26人（至少26人）：2022年6月30日为24人，未达标" == team.message(
            "zh"
        )
        assert (
            "健康社区志愿者队伍26人 (at least 26 people): 24 people on 30 June 2022, missed"
            == team.message("en")
        )


class TestLanguages:
    def test_every_reason_is_worded_in_every_language(self) -> None:
        """Each language has a sentence for every reason a finding can have."""
        for lang, wording in LANGUAGES.items():
            for reason in Reason:
                method = getattr(type(wording), reason.value)
                assert not getattr(method, "__isabstractmethod__", False), (lang, reason)

    def test_a_language_must_word_everything(self) -> None:
        """A wording that leaves a sentence out cannot be made."""
        assert inspect.isabstract(Wording)

        class Partial(Wording):
            lang = "en"

        with pytest.raises(TypeError):
            Partial()  # type: ignore[abstract]

    def test_unknown_language(self) -> None:
        """Asking for a language with no wording names the ones there are."""
        finding = Finding(requirement="r", status=Status.MET, window=Window.year(2022), actual=1.0)
        with pytest.raises(FieldError) as e:
            sentence(finding, "fr")
        assert "'lang' must be one of 'zh', 'en' (got 'fr')" == str(e.value)

    @pytest.mark.parametrize(
        ("value", "text"),
        [(3.0, "3"), (99.996, "99.996"), (0.1 + 0.2, "0.3"), (1e-7, "0")],
        ids=["whole", "near-miss", "float-noise", "tiny"],
    )
    def test_figures_in_plain_digits(self, value: float, text: str) -> None:
        """Figures have no needless .0, no exponent and at most six decimals."""
        assert text == figure(value)
