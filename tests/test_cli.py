"""The command line: check, examples, schema; exit statuses 0, 1 and 2."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from commhealth.cli import main
from commhealth.cli._reference import display_width


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


class TestCheck:
    def test_example_json(self) -> None:
        """check --example longyuan --format json prints the contract and exits 1 (targets missed)."""
        code, out, _ = run("check", "--example", "longyuan", "--format", "json")
        data = json.loads(out)
        assert 1 == code
        assert ("longyuan-2022", False) == (data["plan"], data["ok"])
        assert {"met": 19, "missed": 3} == dict(Counter(f["status"] for f in data["findings"]))

    def test_example_text_in_both_languages(self) -> None:
        """The text report reads in Chinese by default and in English with --lang en."""
        _, zh, _ = run("check", "--example", "longyuan")
        _, en, _ = run("check", "--example", "longyuan", "--lang", "en")
        assert "✗ 每月绿化卫生检查（至少1次）：2022年7月 0次，缺1次" in zh
        assert "✗ 每月绿化卫生检查 (at least 1): July 2022 had 0, 1 short" in en

    def test_files_and_as_of(self, longyuan_dir: Path) -> None:
        """A plan file with its ledgers checks as of a day."""
        code, out, _ = run(
            "check",
            str(longyuan_dir / "plan.toml"),
            "--activities",
            str(longyuan_dir / "activities.csv"),
            "--observations",
            str(longyuan_dir / "observations.csv"),
            "--as-of",
            "2022-06-30",
            "--format",
            "json",
        )
        assert (1, "2022-06-30") == (code, json.loads(out)["as_of"])

    def test_ok_plan_exits_zero(self, tmp_path: Path) -> None:
        """A plan whose targets all hold exits 0."""
        plan = tmp_path / "plan.toml"
        plan.write_text(
            'schema = 1\nid = "p"\nspan = { start = 2022-01-01, end = 2023-01-01 }\n[organisation]\nid = "o"\n'
        )
        assert 0 == run("check", str(plan))[0]

    def test_unreadable_plan_exits_two_with_path(self, tmp_path: Path) -> None:
        """An unreadable plan exits 2 with the problem's $.path on stderr and no traceback."""
        plan = tmp_path / "plan.toml"
        plan.write_text(
            'schema = 1\nid = "p"\nspan = { start = 2022-01-01, end = 2023-01-01 }\n[organisation]\nid = 3\n'
        )
        code, out, err = run("check", str(plan))
        assert (2, "") == (code, out)
        assert (
            f"commhealth: {plan}: 1 problem:\n  - expected text (got int 3) @ $.organisation.id\n"
            == err
        )
        assert "Traceback" not in err

    def test_bad_ledger_exits_two_with_row(self, tmp_path: Path) -> None:
        """A ledger with a bad row exits 2 naming the row."""
        ledger = tmp_path / "a.csv"
        ledger.write_text("日期\n2022-02-30\n")
        code, _, err = run(
            "check", "--example", "longyuan", "--activities", str(ledger), "--lang", "en"
        )
        assert 2 == code
        assert (
            f"commhealth: {ledger}: 1 problem:\n"
            "  - not a date: '2022-02-30'; write 2022-06-30, 2022/6/30 or 2022年6月30日 @ row 2, 日期\n"
        ) == err

    def test_bad_ledger_is_told_in_the_plans_language(self, tmp_path: Path) -> None:
        """A plan written in Chinese hears of its ledger's problems in Chinese, the values
        named as the ledger writes them."""
        ledger = tmp_path / "a.csv"
        ledger.write_text("日期\n2022-02-30\n")
        code, _, err = run("check", "--example", "longyuan", "--activities", str(ledger))
        assert 2 == code
        assert (
            f"commhealth: {ledger}：1个问题：\n"
            "  - 第2行“日期”列：不是日期：'2022-02-30'；请写成 2022-06-30、2022/6/30 或 2022年6月30日\n"
        ) == err

    def test_unknown_example(self) -> None:
        """An unknown example exits 2 and lists the known ones."""
        code, _, err = run("check", "--example", "nowhere")
        assert 2 == code
        assert (
            "commhealth: no example named 'nowhere'; "
            "choose one of liubeiqiao, longyuan, qingxiu, street, town\n"
        ) == err

    def test_bad_date_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A malformed --as-of is refused by the argument parser with exit 2."""
        with pytest.raises(SystemExit) as e:
            main(["check", "--example", "longyuan", "--as-of", "30/6/2022"])
        assert 2 == e.value.code
        assert "not a date: '30/6/2022'; write YYYY-MM-DD" in capsys.readouterr().err


class TestOther:
    def test_examples_lists_longyuan(self) -> None:
        """'commhealth examples' lists each shipped plan with its title."""
        code, out, _ = run("examples")
        assert 0 == code
        assert "longyuan     龙苑社区2022年创建健康型社区工作计划\n" in out

    def test_schema(self) -> None:
        """'commhealth schema' prints a JSON Schema for plan files."""
        code, out, _ = run("schema")
        assert 0 == code
        assert "commhealth plan file" == json.loads(out)["title"]

    def test_module_entry_point(self) -> None:
        """'python -m commhealth' runs the same command."""
        done = subprocess.run(
            [sys.executable, "-m", "commhealth", "examples"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (0, run("examples")[1]) == (done.returncode, done.stdout)


class TestObservances:
    def test_json_2022(self) -> None:
        """'observances 2022 --format json' lists at least 45, with 重阳 on 4 October and the iodine day on 15 May."""
        code, out, _ = run("observances", "2022", "--format", "json")
        rows = {r["id"]: r for r in json.loads(out)["observances"]}
        assert 0 == code
        assert len(rows) >= 45
        assert ("2022-10-04", "重阳节") == (
            rows["double-ninth-festival"]["start"],
            rows["double-ninth-festival"]["name_zh"],
        )
        assert ("2022-05-15", "2022-05-16", "2022-05-15") == tuple(
            rows["iodine-deficiency-day"][k] for k in ("start", "end", "last")
        )

    def test_iodine_day_before_2000(self) -> None:
        """In 1999 the iodine deficiency day was 5 May."""
        _, out, _ = run("observances", "1999")
        assert re.search(
            r"^1999-05-05 {13}全国防治碘缺乏病日 +\(iodine-deficiency-day\)$", out, re.M
        )

    def test_english_and_spans(self) -> None:
        """--lang en prints English names; weeks print as a span."""
        _, out, _ = run("observances", "2022", "--lang", "en")
        assert re.search(
            r"^2022-08-01\.\.2022-08-07 World Breastfeeding Week +\(world-breastfeeding-week\)$",
            out,
            re.M,
        )

    def test_plan_observances(self, tmp_path: Path) -> None:
        """--plan adds the observances a plan declares."""
        plan = tmp_path / "plan.toml"
        plan.write_text(
            'schema = 1\nid = "p"\nspan = { start = 2022-01-01, end = 2023-01-01 }\n[organisation]\nid = "o"\n'
            '[[observances]]\nid = "fest"\nname_zh = "社区健康节"\nrule = { kind = "fixed", month = 5, day = 20 }\n',
            encoding="utf-8",
        )
        _, out, _ = run("observances", "2022", "--plan", str(plan))
        assert re.search(r"^2022-05-20 {13}社区健康节 +\(fest\)$", out, re.M)

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_ids_line_up_in_chinese(self, lang: str) -> None:
        """Each id starts at the same terminal column, a Chinese character counting two."""
        _, out, _ = run("observances", "2022", "--lang", lang)
        columns = {display_width(line.split("  (")[0]) for line in out.splitlines()}
        assert 1 == len(columns)


class TestCliSaysWhatItDid:
    def test_a_misspelled_option_is_named_with_the_closest(self) -> None:
        """An unknown option is named itself, not blamed on the argument its value was
        taken for."""
        code, _, err = run("check", "--example", "longyuan", "--as-off", "2022-06-30")
        assert 2 == code
        assert (
            "commhealth check: error: unknown option --as-off; did you mean --as-of? "
            "(see commhealth check --help)\n"
        ) == err

    @pytest.mark.parametrize("written", ["2022/06/30", "2022.6.30", "2022年6月30日"])
    def test_as_of_takes_the_forms_a_ledger_takes(self, written: str) -> None:
        _, iso, _ = run("check", "--example", "longyuan", "--as-of", "2022-06-30")
        code, out, _ = run("check", "--example", "longyuan", "--as-of", written)
        assert (1, iso) == (code, out)

    def test_no_ledger_given_is_said(self, tmp_path: Path) -> None:
        from commhealth import examples
        from commhealth.loading import dump_plan

        plan = tmp_path / "plan.toml"
        dump_plan(examples.load("longyuan").plan, plan)
        _, _, err = run("check", str(plan), "--lang", "en")
        assert (
            "commhealth: note: no ledger given (--activities FILE): every target that counts "
            "activities counts none\n"
        ) in err

    def test_a_folder_is_called_a_folder(self, tmp_path: Path) -> None:
        code, _, err = run("check", str(tmp_path))
        assert 2 == code
        assert "is a folder, not a file; name the file in it" in err
