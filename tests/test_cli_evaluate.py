"""`commhealth evaluate`: a scheme file and a score sheet in, points and a grade out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import run
from .test_loading_schemes import STREET


@pytest.fixture
def scheme(tmp_path: Path) -> Path:
    path = tmp_path / "scheme.toml"
    path.write_text(STREET, encoding="utf-8")
    return path


class TestEvaluate:
    def test_text(self, scheme: Path, tmp_path: Path) -> None:
        """The text gives the total, grade and verdict, then each criterion's arithmetic."""
        sheet = tmp_path / "scores.csv"
        sheet.write_text("指标编号,得分\nfiles,好\n", encoding="utf-8")
        code, out, err = run(
            "evaluate", "--example", "longyuan", "--scheme", str(scheme), "--scores", str(sheet)
        )
        assert (1, "") == (code, err)
        assert (
            "龙苑社区（longyuan-2022） — street-2022：58分，满分60分，不合格，未通过\n"
            "\n"
            "健康教育活动：11，应12，少1，扣2分，得38分（满分40分）\n"
            "台账资料：评为「好」，得20分（满分20分）\n"
        ) == out

    def test_json(self, scheme: Path) -> None:
        """The JSON gives the totals and every criterion, in the language asked for."""
        code, out, _ = run(
            "evaluate", "--example", "longyuan", "--scheme", str(scheme), "--format", "json",
            "--lang", "en",
        )  # fmt: skip
        data = json.loads(out)
        assert (1, 38.0, 60.0, "不合格", False) == (
            code,
            data["total"],
            data["maximum"],
            data["grade"],
            data["passed"],
        )
        assert "台账资料: no figure, 0 of 20 points" == data["criteria"][1]["message"]

    def test_bad_score_sheet_exits_2(self, scheme: Path, tmp_path: Path) -> None:
        """A score sheet with a bad row exits 2 and names the row on stderr."""
        sheet = tmp_path / "scores.csv"
        sheet.write_text("criterion,score\nfiles,\n", encoding="utf-8")
        code, out, err = run(
            "evaluate", "--example", "longyuan", "--scheme", str(scheme), "--scores", str(sheet)
        )
        assert (2, "") == (code, out)
        assert f"commhealth: {sheet}: 1 problem:\n  - no score for 'files' @ row 2\n" == err


class TestStreetExample:
    def test_each_community_with_its_score_and_grade(self) -> None:
        """The street office's own scheme and score sheet rank its four communities."""
        code, out, err = run("evaluate", "--example", "street")
        assert (1, "") == (code, err)  # 南苑社区 does not pass
        assert out.startswith(
            "street-office-2022 — street-communities-2022：4个单位，3个通过\n"
            "\n"
            "  1. 龙苑社区　101分　优秀　失分最多：活动记录、资料完整（第3.3项）\n"
            "  2. 东风社区　92分　优秀　失分最多：上级下发的健康教育资料及时张贴、分发（第2.2项）\n"
            "  3. 新华社区　80分　良好　失分最多：接受街道检查指导两次以上（第4.1项）\n"
            "  4. 南苑社区　59分　不合格　失分最多：活动记录、资料完整（第3.3项）\n"
        )
        assert "接受街道检查指导两次以上：1，应2，少1，扣10分，得10分（满分20分）" in out

    def test_criterion_is_named_as_an_item_not_a_figure(self) -> None:
        """The criterion that lost most reads as an item's number, never as points lost."""
        _, out, _ = run("evaluate", "--example", "street", "--lang", "en")
        assert (
            "  1. 龙苑社区  101 points  优秀  most points lost: 活动记录、资料完整 (item 3.3)\n"
            == out.splitlines(keepends=True)[2]
        )

    @pytest.mark.parametrize("example", ["street", "longyuan"])
    def test_json_follows_the_contract(self, example: str, scheme: Path) -> None:
        """The JSON of a ranking and of one assessment both follow the published schema."""
        jsonschema = pytest.importorskip("jsonschema")
        code, out, _ = run("schema", "--assessment")
        contract = json.loads(out)
        jsonschema.Draft202012Validator.check_schema(contract)
        extra = () if example == "street" else ("--scheme", str(scheme))
        code, out, _ = run("evaluate", "--example", example, "--format", "json", *extra)
        data = json.loads(out)
        jsonschema.validate(data, contract)
        assert code == (0 if data["passed"] else 1)
        key = "ranking" if example == "street" else "criteria"
        assert key in data

    def test_a_shipped_scheme_by_name(self, tmp_path: Path) -> None:
        """--scheme takes a shipped scheme's name; 'commhealth schemes' lists them."""
        code, out, _ = run("schemes")
        assert (0, "health-supervision-2013\n  市2013年度卫生监督协管服务项目质量考评表\n") == (
            code,
            out[: len("health-supervision-2013\n  市2013年度卫生监督协管服务项目质量考评表\n")],
        )
        sheet = Path(__file__).parent / "data" / "health-supervision-2013-scores.csv"
        code, out, err = run(
            "evaluate",
            "--example",
            "longyuan",
            "--scheme",
            "health-supervision-2013",
            "--scores",
            str(sheet),
        )
        assert 0 == code
        assert "78.5分（含附加分4.1分），满分100分，通过" in out.splitlines()[0]
        assert (
            "commhealth: note: health-supervision-2013: $.sections[5].bonus_points："
            "表中附加分为10分，各项合计7分\n"
        ) == err.splitlines(keepends=True)[0]

    def test_no_scheme(self) -> None:
        """An example that ships no scheme needs --scheme, and says so."""
        code, out, err = run("evaluate", "--example", "longyuan")
        assert (2, "") == (code, out)
        assert "no scheme to score by" in err

    def test_examples_are_evaluated(self) -> None:
        """'commhealth examples' shows the street's ranking under its plan."""
        code, out, _ = run("examples")
        assert (0, True) == (code, "  1. 龙苑社区　101分　优秀" in out)
