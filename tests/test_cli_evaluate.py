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
