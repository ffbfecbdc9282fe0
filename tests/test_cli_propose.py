"""`commhealth propose`: the activities to add, month by month, and what cannot be met."""

from __future__ import annotations

import json
from pathlib import Path

from commhealth import load_activities

from .test_cli import run


class TestPropose:
    def test_longyuan_as_of_june(self) -> None:
        """As of 30 June the July inspection and the third poster are proposed; everything
        schedulable is then met, so the exit status is 0."""
        code, out, err = run("propose", "--example", "longyuan", "--as-of", "2022-06-30")
        assert (0, "") == (code, err)
        assert (
            "龙苑社区2022年创建健康型社区工作计划 (longyuan-2022) — 排期建议（截至2022年6月30日）\n"
            "建议新增2项活动，可达成全部可排期的目标\n"
            "\n"
            "2022年7月\n"
            "  7月15日 每月绿化卫生检查（inspection） → 每月绿化卫生检查\n"
            "\n"
            "2022年9月\n"
            "  9月30日 增添健康教育宣传画及宣传标语牌（poster，龙苑新村门口东墙） → 增添健康教育宣传画及宣传标语牌\n"
            "\n"
            "需以测量数据达成、不能靠排期的目标：创建健康社区领导小组8人、健康社区志愿者队伍26人、六十岁以上老年人健康档案建档率100%\n"
        ) == out

    def test_held_only_proposes_the_summer_youth_session(self) -> None:
        """Counting only what was held by 30 June, a youth session in the summer holiday is
        proposed among the rest."""
        code, out, _ = run(
            "propose", "--example", "longyuan", "--as-of", "2022-06-30", "--held-only",
            "--lang", "en",
        )  # fmt: skip
        assert 0 == code
        assert (
            "(health-education, youth) → 全年健教活动不少于10次; 青少年寒暑假期健康行为教育活动不少于二次"
            in out
        )
        assert "\nJuly 2022\n  15 July 每月绿化卫生检查 (inspection) → 每月绿化卫生检查\n" in out

    def test_json_and_out_file(self, tmp_path: Path) -> None:
        """The JSON lists each activity with what it serves; --out writes a ledger that reads back."""
        path = tmp_path / "proposal.csv"
        code, out, _ = run(
            "propose", "--example", "longyuan", "--as-of", "2022-06-30", "--held-only",
            "--workdays-only", "--max-per-day", "1", "--format", "json", "--out", str(path),
        )  # fmt: skip
        data = json.loads(out)
        assert (0, True) == (code, data["ok"])
        back = load_activities(path)
        assert [a["id"] for a in data["activities"]] == [a.id for a in back]
        assert len({a.date for a in back}) == len(back)

    def test_infeasible_exits_1(self) -> None:
        """As of 31 August, the July inspection's month is over: reported, exit status 1."""
        code, out, _ = run(
            "propose", "--example", "longyuan", "--as-of", "2022-08-31", "--lang", "en"
        )
        assert 1 == code
        assert (
            "Cannot be met by scheduling:\n"
            "  ✗ 每月绿化卫生检查 (July 2022): the window is over, 1 short\n"
        ) in out

    def test_unreadable_input_exits_2(self, tmp_path: Path) -> None:
        """A plan file that does not exist is exit status 2, with the problem on stderr."""
        code, _, err = run("propose", str(tmp_path / "missing.toml"))
        assert 2 == code
        assert err.startswith("commhealth: ")

    def test_held_only_needs_as_of(self) -> None:
        """--held-only without --as-of is refused: there is no day to count up to."""
        code, _, err = run("propose", "--example", "longyuan", "--held-only")
        assert 2 == code
        assert "--held-only needs --as-of" in err
