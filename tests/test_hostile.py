"""Hostile and messy input: nothing lost without a word, nothing hangs, nothing crashes.

Each case comes from a fuzz run against the loaders and the engine. Cases that could hang or
kill the process run in a child process with a timeout, so that a regression fails the test
instead of stopping the run.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth import (
    Bound,
    Cadence,
    CommhealthError,
    Deadline,
    FieldError,
    Goal,
    LedgerError,
    Observation,
    PlanError,
    RatioGoal,
    Status,
    Window,
    check,
    load_activities,
    load_observations,
    load_plan,
)
from commhealth.cli import main
from commhealth.loading import dumps_plan, loads_plan, read_activities
from commhealth.loading._formats import Format
from commhealth.strategies import windows

from .helpers import make_plan, write_ods, write_xls, write_xlsx

SRC = Path(__file__).resolve().parent.parent / "src"

#: Seconds a case run in a child process may take before it counts as a hang.
TIMEOUT = 20


def run_child(code: str, *, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter that imports this checkout's commhealth."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def refusal(path: Path, load: object = load_activities) -> list[str]:
    """The problems a ledger loader reports for ``path``, each as ``message @ path``."""
    with pytest.raises(LedgerError) as e:
        load(path)  # type: ignore[operator]
    return [str(p) for p in e.value.problems]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


class TestNoRowLost:
    def test_unterminated_quote(self, tmp_path: Path) -> None:
        """A quote never closed is reported at its row, not read as one long title."""
        path = write(tmp_path, "a.csv", 'date,title\n2022-01-01,"abc\n2022-01-02,x\n2022-01-03,y\n')
        assert [
            "not valid CSV: a quote (\") opened in this row is never closed, so this row and "
            "every line after it were read as one cell; close the quote, or remove it @ row 2"
        ] == refusal(path)

    def test_stray_quote_is_reported_and_reading_goes_on(self, tmp_path: Path) -> None:
        """A quote in the middle of a cell is an error of its row; later rows are still read."""
        path = write(tmp_path, "a.csv", 'date,title\n2022-01-01,"x"y\n2022-13-01,z\n')
        assert [
            "not valid CSV: ',' expected after '\"' @ row 2",
            "not a date: '2022-13-01'; write 2022-06-30, 2022/6/30 or 2022年6月30日 @ row 3, date",
        ] == refusal(path)

    def test_cell_under_a_blank_header(self, tmp_path: Path) -> None:
        """A note in a column with no heading is reported, not dropped."""
        path = write(tmp_path, "a.csv", "日期,活动名称,\n2022-01-01,讲座,场地借用\n2022-01-02,义诊,\n")
        assert [
            "cell C2 holds '场地借用' under a column with no header; give the column a header, "
            "or clear the cell @ row 2, column 3"
        ] == refusal(path)

    @pytest.mark.parametrize("text", ["inf", "-inf", "nan", "Infinity", "1e400"])
    def test_non_finite_hours(self, tmp_path: Path, text: str) -> None:
        """Hours of infinity or not-a-number are refused."""
        path = write(tmp_path, "a.csv", f"date,hours\n2022-01-01,{text}\n")
        assert [f"'hours' must be a finite number (got {text!r}) @ row 2, hours"] == refusal(path)

    @pytest.mark.parametrize(
        ("name", "text", "load", "expected"),
        [
            (
                "a.toml",
                '[[activities]]\ndate = 2022-01-01\nhours = inf\n',
                load_activities,
                "'hours' must be a finite number (got inf) @ record 1, hours",
            ),
            (
                "a.json",
                '[{"date": "2022-01-01", "hours": Infinity}]',
                load_activities,
                "'hours' must be a finite number (got inf) @ record 1, hours",
            ),
            (
                "a.json",
                '[{"metric": "m", "date": "2022-01-01", "value": NaN}]',
                load_observations,
                "'value' must be a finite number (got nan) @ record 1, value",
            ),
        ],
        ids=["toml-hours", "json-hours", "json-value"],
    )
    def test_non_finite_in_records(
        self, tmp_path: Path, name: str, text: str, load: Any, expected: str
    ) -> None:
        """TOML's inf and JSON's Infinity and NaN are refused like a CSV's."""
        assert [expected] == refusal(write(tmp_path, name, text), load)

    def test_head_count_past_any_float(self, tmp_path: Path) -> None:
        """A head count of 10**400 in a JSON ledger is refused, not an OverflowError later
        when a report words it."""
        path = write(tmp_path, "a.json", f'[{{"date": "2022-01-01", "participants": {10**400}}}]')
        assert [
            "'participants' must be a finite number (got a whole number of 401 digits) "
            "@ record 1, participants"
        ] == refusal(path)

    def test_non_finite_participants(self, tmp_path: Path) -> None:
        """A head count of infinity is refused."""
        path = write(tmp_path, "a.csv", "date,participants\n2022-01-01,inf\n")
        expected = ["'participants' must be a whole number (got 'inf') @ row 2, participants"]
        assert expected == refusal(path)

    def test_formula_without_saved_value(self, tmp_path: Path) -> None:
        """A formula cell a program left without a value is reported, not read as empty."""
        path = write_xlsx(
            tmp_path / "a.xlsx",
            {1: ["日期", "活动名称", "人数"], 2: ["2022-01-01", "讲座", "=B1+1"]},
        )
        assert [
            "cell C2 holds a formula with no saved value; open the file in a spreadsheet "
            "program and save it, or type the value in @ row 2, 人数"
        ] == refusal(path)

    def test_ods_formula_without_saved_value(self, tmp_path: Path) -> None:
        """An .ods formula cell with no value is reported, not read as empty."""
        path = write_ods(
            tmp_path / "a.ods", [["日期", "活动名称", "人数"], ["2022-01-01", "讲座", "=[.A1]+1"]]
        )
        assert [
            "cell C2 holds a formula with no saved value; open the file in a spreadsheet "
            "program and save it, or type the value in @ row 2, 人数"
        ] == refusal(path)

    def test_xlsx_rows_keep_the_sheet_numbers(self, tmp_path: Path) -> None:
        """A ledger that starts on row 3, column B, is reported by the sheet's own numbers."""
        path = write_xlsx(
            tmp_path / "a.xlsx",
            {3: ["日期", "活动名称"], 4: ["2022-01-01", "讲座"], 5: ["2022-02-30", "义诊"]},
            first_column=2,
        )
        assert [
            "not a date: '2022-02-30'; write 2022-06-30, 2022/6/30 or 2022年6月30日 @ row 5, 日期"
        ] == refusal(path)

    def test_xls_rows_keep_the_sheet_numbers(self, tmp_path: Path) -> None:
        """An .xls ledger below a title row is reported by the sheet's own row numbers."""
        path = write_xls(
            tmp_path / "a.xls",
            {1: ["龙苑社区台账"], 3: ["日期", "活动名称"], 4: ["2022-01-01", "讲座"], 6: ["2022-02-30", "x"]},
        )
        assert [
            "not a date: '2022-02-30'; write 2022-06-30, 2022/6/30 or 2022年6月30日 @ row 6, 日期"
        ] == refusal(path)
        good = write_xls(
            tmp_path / "b.xls", {1: ["台账"], 3: ["日期"], 4: ["2022-01-01"], 6: ["2022-01-02"]}
        )
        ledger = read_activities(good)
        assert (3, ("r4", "r6"), (5,)) == (
            ledger.header_row,
            tuple(a.id for a in ledger.records),
            ledger.blank_rows,
        )

    def test_ods_rows_keep_the_sheet_numbers(self, tmp_path: Path) -> None:
        """An .ods ledger below a title and a blank row keeps the sheet's row numbers."""
        path = write_ods(
            tmp_path / "a.ods",
            [["龙苑社区台账"], [], ["日期", "活动名称"], ["2022-01-01", "讲座"], [], ["x", "y"]],
        )
        assert [
            "not a date: 'x'; write 2022-06-30, 2022/6/30 or 2022年6月30日 @ row 6, 日期"
        ] == refusal(path)

    def test_title_row_above_the_header(self, tmp_path: Path) -> None:
        """A ledger template's title row is skipped; the header's row is reported."""
        path = write(
            tmp_path,
            "a.csv",
            "龙苑社区2022年健康教育活动台账,,\n日期,活动名称,人数\n2022-03-24,讲座,48\n\n2022-04-07,义诊,30\n",
        )
        ledger = read_activities(path)
        assert (2, 2, 3, (4,)) == (
            len(ledger.records),
            ledger.header_row,
            ledger.data_rows,
            ledger.blank_rows,
        )
        assert ["r3", "r5"] == [a.id for a in ledger.records]
        assert [
            f"{path}: header found on row 2; rows above it skipped",
            f"{path}: 1 blank row skipped (row 4)",
        ] == ledger.notes()

    @pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
    def test_csv_saved_by_chinese_excel(self, tmp_path: Path, encoding: str) -> None:
        """A GBK or GB18030 ledger is read, and the report says which encoding was used."""
        path = write(tmp_path, "a.csv", "日期,活动名称\n2022-03-24,结核病防治讲座\n", encoding)
        ledger = read_activities(path)
        assert ("结核病防治讲座", "GB18030") == (ledger.records[0].title, ledger.encoding)
        assert [f"{path}: read as GB18030 (not UTF-8)"] == ledger.notes()

    def test_undecodable_csv(self, tmp_path: Path) -> None:
        """A file in no known encoding names the encodings tried and how to save as UTF-8."""
        path = tmp_path / "a.csv"
        path.write_bytes(b"date,title\n2022-01-01,\xff\xff\n")
        assert [
            "cannot read the file as UTF-8 or GB18030: byte 23 (0xff) is not valid text; save it "
            "as UTF-8 (in Excel: File > Save As > 'CSV UTF-8 (Comma delimited)'; in a text "
            "editor: choose the encoding UTF-8) @ file"
        ] == refusal(path)

    def test_ledger_id_that_is_a_table(self, tmp_path: Path) -> None:
        """A JSON ledger whose id is an object is a row problem, not a TypeError."""
        path = write(tmp_path, "a.json", '[{"id": {"a": 1}, "date": "2022-01-01"}]')
        assert ["expected text (got dict {'a': 1}) @ record 1, id"] == refusal(path)

    @pytest.mark.parametrize(
        ("name", "text", "second"),
        [
            ("a.csv", "metric,date,value\nm,2022-06-30,24\nm,2022-06-30,26\n", "row 3"),
            (
                "a.json",
                '[{"metric": "m", "date": "2022-06-30", "value": 24},'
                ' {"metric": "m", "date": "2022-06-30", "value": 26}]',
                "record 2",
            ),
        ],
        ids=["csv", "json"],
    )
    def test_two_figures_on_one_day(self, tmp_path: Path, name: str, text: str, second: str) -> None:
        """Two figures of one metric on one day are refused, so order never decides."""
        first = "row 2" if second == "row 3" else "record 1"
        assert [
            f"metric 'm' on 2022-06-30 is also given at {first} (24 there, 26 here); keep one "
            f"figure per metric and day @ {second}"
        ] == refusal(write(tmp_path, name, text), load_observations)


class TestReaderPanics:
    def test_xls_that_makes_the_reader_panic(self, tmp_path: Path) -> None:
        """A 5 KB .xls on which the reader's Rust code panics: the command prints the
        error alone, with no Python traceback and no Rust backtrace."""
        data = bytearray(
            write_xls(
                tmp_path / "good.xls",
                {1: ["日期", "活动名称"], 2: ["2022-01-01", "讲座"], 3: [44562.0, "n"]},
            ).read_bytes()
        )
        data[1003], data[1569] = 162, 242  # a sector number past the end, found by fuzzing
        (tmp_path / "a.xls").write_bytes(bytes(data))
        env = {**os.environ, "PYTHONPATH": str(SRC), "RUST_BACKTRACE": "1"}
        done = subprocess.run(
            [sys.executable, "-m", "commhealth", "check", "--example", "longyuan", "--activities", "a.xls"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        head, problem = done.stderr.splitlines()  # nothing else: no backtrace of any kind
        assert (2, "commhealth: a.xls: 1 problem:", True, True) == (
            done.returncode,
            head,
            problem.startswith("  - cannot read the spreadsheet: "),
            problem.endswith(" @ file"),
        )

    def test_panic_is_a_ledger_error(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The reader's Rust panics (a BaseException) become a LedgerError; Ctrl-C does not."""
        import python_calamine

        class PanicException(BaseException):
            pass

        def panic(*args: object) -> None:
            raise PanicException("called `Option::unwrap()` on a `None` value")

        monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", panic)
        path = tmp_path / "a.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0")
        assert [
            "cannot read the spreadsheet: called `Option::unwrap()` on a `None` value @ file"
        ] == refusal(path)

        def interrupt(*args: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", interrupt)
        with pytest.raises(KeyboardInterrupt):
            load_activities(path)


class TestFilesThatNeverEnd:
    def test_fifo_is_refused_without_blocking(self, tmp_path: Path) -> None:
        """A FIFO is refused before it is opened (opening one blocks until a writer comes)."""
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs on this system")
        os.mkfifo(tmp_path / "a.csv")
        done = run_child(
            "import commhealth as ch\n"
            "try:\n    ch.load_activities('a.csv')\n"
            "except ch.LedgerError as e:\n    print(e.problems[0].message)\n",
            cwd=tmp_path,
        )
        expected = "cannot read 'a.csv': it is not a regular file (a FIFO, device or socket is never read)\n"
        assert expected == done.stdout

    def test_link_to_dev_zero_is_refused(self, tmp_path: Path) -> None:
        """A link to an endless device is refused, for plans and ledgers alike."""
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero on this system")
        (tmp_path / "a.csv").symlink_to("/dev/zero")
        (tmp_path / "p.toml").symlink_to("/dev/zero")
        done = run_child(
            "import commhealth as ch\n"
            "for load, name in ((ch.load_activities, 'a.csv'), (ch.load_plan, 'p.toml')):\n"
            "    try:\n        load(name)\n"
            "    except ch.CommhealthError as e:\n        print(e.problems[0])\n",
            cwd=tmp_path,
        )
        assert (
            "cannot read 'a.csv': it is not a regular file (a FIFO, device or socket is never read) @ file\n"
            "cannot read 'p.toml': it is not a regular file (a FIFO, device or socket is never read) @ $\n"
        ) == done.stdout

    @pytest.mark.parametrize("load", [load_activities, load_plan], ids=["ledger", "plan"])
    def test_name_with_a_nul(self, load: Any) -> None:
        """A file name holding a NUL (an upload's name, passed on) is a library error."""
        name = "a\0.csv" if load is load_activities else "a\0.toml"
        with pytest.raises(CommhealthError) as e:
            load(name)
        assert ["cannot read the file: embedded null byte"] == [
            p.message for p in e.value.problems  # type: ignore[attr-defined]
        ]

    def test_csv_past_the_size_limit(self, tmp_path: Path) -> None:
        """A ledger larger than the limit is refused before it is read."""
        path = tmp_path / "a.csv"
        with path.open("wb") as f:
            f.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
        assert ["the file is 200 MiB, more than the 64 MiB commhealth reads @ file"] == refusal(
            path
        )

    def test_cell_at_xfd1048576(self, tmp_path: Path) -> None:
        """A tiny .xlsx that declares the whole sheet is refused before the reader allocates it."""
        write_xlsx(tmp_path / "a.xlsx", {1: ["日期"], 1048576: ["x"]}, dimension="A1:XFD1048576")
        done = run_child(
            "import commhealth as ch\n"
            "try:\n    ch.load_activities('a.xlsx')\n"
            "except ch.LedgerError as e:\n    print(e.problems[0].message)\n",
            cwd=tmp_path,
        )
        assert (
            "cannot read the spreadsheet: the first sheet reaches cell XFD1048576 (1,048,576 rows "
            "by 16,384 columns), more than the 2,000,000 cells commhealth reads; delete the empty "
            "rows and columns past the ledger, or copy the ledger to a new sheet\n"
        ) == done.stdout

    def test_ods_with_a_million_repeated_rows(self, tmp_path: Path) -> None:
        """An .ods row repeated past the cell limit is refused before it is read."""
        write_ods(tmp_path / "a.ods", [["日期", "活动名称"], ["2022-01-01", "x"]], repeat_last_row=2_000_000)
        done = run_child(
            "import commhealth as ch\n"
            "try:\n    ch.load_activities('a.ods')\n"
            "except ch.LedgerError as e:\n    print(e.problems[0].message.split(';')[0])\n",
            cwd=tmp_path,
        )
        assert (
            "cannot read the spreadsheet: the first sheet reaches cell B2000001 (2,000,001 rows "
            "by 2 columns), more than the 2,000,000 cells commhealth reads\n"
        ) == done.stdout

    def test_corrupted_xls(self, tmp_path: Path) -> None:
        """A broken .xls is a LedgerError, with no traceback."""
        path = tmp_path / "a.xls"
        # An OLE compound-file header followed by garbage, as a truncated download leaves it.
        path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(range(256)) * 16)
        done = run_child(
            "import commhealth as ch\n"
            "try:\n    ch.load_activities('a.xls')\n"
            "except ch.LedgerError as e:\n    print(e.problems[0].message.split(':')[0])\n",
            cwd=tmp_path,
        )
        assert ("cannot read the spreadsheet\n", "") == (done.stdout, done.stderr)


def _longyuan_text(fmt: Format) -> str:
    from commhealth import examples

    return dumps_plan(examples.load("longyuan").plan, fmt)


def _refused_plan(text: str, fmt: Format) -> list[str]:
    with pytest.raises(PlanError) as e:
        loads_plan(text, fmt)
    return [str(p) for p in e.value.problems]


class TestPlansLoseNothing:
    @pytest.mark.parametrize(
        ("fmt", "append", "lines"),
        [
            ("json", lambda t: t.rstrip()[:-1] + ',\n  "requirements": []\n}\n', (42, 175)),
            ("yaml", lambda t: t + "requirements: []\n", (29, 116)),
        ],
        ids=["json", "yaml"],
    )
    def test_duplicate_key(self, fmt: Format, append: Any, lines: tuple[int, int]) -> None:
        """Appending 'requirements: []' is refused with both lines, not a plan of none."""
        first, again = lines
        assert [
            f"key 'requirements' is given twice in the same table, on lines {first} and {again}; "
            f"a reader would keep only the last, so remove one @ $.requirements (line {again})"
        ] == _refused_plan(append(_longyuan_text(fmt)), fmt)

    def test_duplicate_key_deep_in_json(self) -> None:
        """A key repeated inside a requirement is reported at its path."""
        text = '{"schema": 1,\n "requirements": [{"id": "a",\n "id": "b"}]}'
        assert [
            "key 'id' is given twice in the same table, on lines 2 and 3; a reader would keep "
            "only the last, so remove one @ $.requirements[0].id (line 3)"
        ] == _refused_plan(text, "json")

    def test_duplicate_key_in_toml(self) -> None:
        """TOML refuses a repeated key itself."""
        expected = ["not valid TOML: Cannot overwrite a value (at line 3, column 9) @ $ (line 3)"]
        assert expected == _refused_plan('schema = 1\nid = "p"\nid = "q"\n', "toml")

    @pytest.mark.parametrize(
        ("fmt", "expected"),
        [
            (
                "json",
                "text must be valid Unicode; '\\udc80' holds a lone surrogate ('\\udc80'), "
                "which no file can store @ $.title",
            ),
            ("yaml", "not valid YAML: found invalid Unicode character escape code @ $ (line 14)"),
        ],
        ids=["json", "yaml"],
    )
    def test_lone_surrogate_is_refused_at_load(self, fmt: Format, expected: str) -> None:
        """A title holding a lone surrogate is refused when read, not when written."""
        text = _longyuan_text("json").replace(
            '"title": "龙苑社区2022年创建健康型社区工作计划"', '"title": "\\udc80"'
        )
        assert [expected] == _refused_plan(text, fmt)  # YAML is a superset of JSON

    def test_yaml_alias_bomb(self, tmp_path: Path) -> None:
        """Nine levels of aliases in a 1 KB file are refused at once, never expanded."""
        levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        for i in range(1, 10):
            refs = ", ".join([f"*a{i - 1}"] * 9)
            levels.append(f"a{i}: &a{i} [{refs}]")
        (tmp_path / "p.yaml").write_text("\n".join(levels) + "\n", encoding="utf-8")
        done = run_child(
            "import commhealth as ch\n"
            "try:\n    ch.load_plan('p.yaml')\n"
            "except ch.PlanError as e:\n    print(len(e.problems), e.problems[0])\n",
            cwd=tmp_path,
        )
        assert (
            "81 YAML aliases (an '&anchor' used again as '*anchor') are not allowed; write the "
            "value out in full @ $.a1[0] (line 1)\n"
        ) == done.stdout

    def test_yaml_anchor_without_alias_is_fine(self) -> None:
        """An anchor used once expands to nothing and is accepted."""
        text = _longyuan_text("yaml").replace("id: longyuan-2022", "id: &plan longyuan-2022")
        assert "longyuan-2022" == loads_plan(text, "yaml").id

    def test_lone_string_topics_is_one_topic(self) -> None:
        """A lone string where a set of topics belongs is one topic, never its characters."""
        text = (
            'schema = 1\nid = "p"\norganisation = { id = "o" }\n'
            'span = { start = 2022-01-01, end = 2023-01-01 }\n'
            '[[requirements]]\ntype = "quota"\nid = "q"\nbound = { min = 1 }\n'
            'select = { topics = "结核病防治" }\n'
        )
        plan = loads_plan(text, "toml")
        assert frozenset({"结核病防治"}) == plan.requirements[0].select.topics  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("snippet", "value", "path"),
        [
            ('[[teams]]\nid = "t"\nmembers = "张三李四"\n', "张三李四", "$.teams[0].members"),
            (
                '[[requirements]]\ntype = "quota"\nid = "q"\nbound = { min = 1 }\n'
                'for_each = { field = "location", values = "一二三" }\n',
                "一二三",
                "$.requirements[0].for_each.values",
            ),
        ],
        ids=["members", "for_each.values"],
    )
    def test_lone_string_list_is_refused(self, snippet: str, value: str, path: str) -> None:
        """A lone string where a list of names belongs is refused at its path."""
        text = (
            'schema = 1\nid = "p"\norganisation = { id = "o" }\n'
            'span = { start = 2022-01-01, end = 2023-01-01 }\n' + snippet
        )
        assert [f"expected an array (got str {value!r}) @ {path}"] == _refused_plan(text, "toml")

    def test_lone_surrogate_is_refused_at_dump(self, tmp_path: Path) -> None:
        """A plan built in code with a lone surrogate is refused by dump_plan, not half-written."""
        from commhealth import Organisation, Plan, Window, dump_plan

        plan = Plan(id="p", title="\udc80", organisation=Organisation(id="o"), span=Window.year(2022))
        with pytest.raises(PlanError) as e:
            dump_plan(plan, tmp_path / "p.toml")
        assert [
            "text must be valid Unicode; '\\udc80' holds a lone surrogate ('\\udc80'), which no "
            "file can store @ $.title"
        ] == [str(p) for p in e.value.problems]
        assert not (tmp_path / "p.toml").exists()


_PLAN = (
    'schema = 1\nid = "p"\norganisation = { id = "o" }\n'
    "span = { start = 2022-01-01, end = 2023-01-01 }\n"
)


def _recurrence(rule: str, extra: str = "") -> str:
    return _PLAN + f'[[requirements]]\ntype = "recurrence"\nid = "r"\nrule = "{rule}"\n{extra}'


#: Rules that would hang the check, and the problem each is refused with.
HANGING_RULES = [
    (
        "FREQ=SECONDLY",
        "'rule' must repeat daily or less often, as a plan counts days (FREQ=DAILY, "
        "WEEKLY, MONTHLY or YEARLY; got FREQ=SECONDLY)",
    ),
    (
        "FREQ=MINUTELY;COUNT=1000000000",
        "'rule' must repeat daily or less often, as a plan counts days (FREQ=DAILY, "
        "WEEKLY, MONTHLY or YEARLY; got FREQ=MINUTELY)",
    ),
    (
        "FREQ=HOURLY",
        "'rule' must repeat daily or less often, as a plan counts days (FREQ=DAILY, "
        "WEEKLY, MONTHLY or YEARLY; got FREQ=HOURLY)",
    ),
    ("FREQ=DAILY;INTERVAL=0", "'rule' must have an INTERVAL from 1 to 1000 (got INTERVAL=0)"),
    (
        "FREQ=DAILY;BYHOUR=9,10",
        "'rule' must not name a time of day, as a plan counts days (got BYHOUR)",
    ),
    (
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "the rule has no occurrence inside the plan's span 2022-01-01..2022-12-31 "
        "(got 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30')",
    ),
    (
        "FREQ=DAILY;BYSETPOS=2",
        "the rule has no occurrence inside the plan's span 2022-01-01..2022-12-31 "
        "(got 'FREQ=DAILY;BYSETPOS=2')",
    ),
]


class TestNothingHangs:
    def test_rules_that_never_end_or_never_occur(self, tmp_path: Path) -> None:
        """Each rule that would hang the check is refused when its plan is read."""
        for i, (rule, _) in enumerate(HANGING_RULES):
            (tmp_path / f"p{i}.toml").write_text(_recurrence(rule), encoding="utf-8")
        done = run_child(
            "import commhealth as ch\n"
            f"for i in range({len(HANGING_RULES)}):\n"
            "    try:\n        ch.load_plan(f'p{i}.toml')\n"
            "    except ch.PlanError as e:\n        print(e.problems[0])\n",
            cwd=tmp_path,
        )
        expected = [f"{message} @ $.requirements[0].rule" for _, message in HANGING_RULES]
        assert expected == done.stdout.splitlines()

    def test_count_of_a_billion_days_is_bounded_by_the_span(self) -> None:
        """COUNT past the span's end is harmless: only the span's days are enumerated."""
        from commhealth import check

        plan = loads_plan(_recurrence("FREQ=DAILY;COUNT=1000000000"), "toml")
        assert 365 == len(check(plan, []).findings)

    def test_huge_tolerance(self) -> None:
        """A tolerance of a billion days is refused at its path, not an OverflowError."""
        assert [
            "'tolerance' must be between 0 and 366 (got 1000000000) @ $.requirements[0].tolerance"
        ] == _refused_plan(_recurrence("FREQ=MONTHLY", "tolerance = 1000000000\n"), "toml")

    @pytest.mark.parametrize(
        ("span", "message"),
        [
            (
                "{ start = 0001-01-01, end = 9999-12-31 }",
                "'span' must lie within the years 1900 to 2100 (got 0001-01-01 to 9999-12-30)",
            ),
            (
                "{ start = 2022-01-01, end = 2122-01-01 }",
                "'span' must lie within the years 1900 to 2100 (got 2022-01-01 to 2121-12-31)",
            ),
            (
                "{ start = 2022-01-01, end = 2040-01-01 }",
                "'span' may cover at most 10 calendar years (got 18, 2022 to 2039)",
            ),
        ],
        ids=["all-of-time", "century", "eighteen-years"],
    )
    def test_span_limits(self, span: str, message: str) -> None:
        """A span past the documented years or length is refused at $.span."""
        text = _PLAN.replace("{ start = 2022-01-01, end = 2023-01-01 }", span)
        assert [f"{message} @ $.span"] == _refused_plan(text, "toml")

    def test_hundred_thousand_requirements(self, tmp_path: Path) -> None:
        """A plan file of 100,000 requirements is refused by its size, before it is parsed."""
        reqs = "".join(
            f'[[requirements]]\ntype = "quota"\nid = "q{i}"\nbound = {{ min = 1 }}\n'
            for i in range(100_000)
        )
        (tmp_path / "p.toml").write_text(_PLAN + reqs, encoding="utf-8")
        done = run_child(
            "import commhealth as ch\n"
            "try:\n    ch.load_plan('p.toml')\n"
            "except ch.PlanError as e:\n    print(e.problems[0])\n",
            cwd=tmp_path,
        )
        expected = "the file is 6.28 MiB, more than the 2 MiB commhealth reads @ $\n"
        assert expected == done.stdout

    def test_requirements_past_the_limit(self) -> None:
        """A compact plan of 10,001 requirements is refused before they are read."""
        reqs = [{"type": "quota", "id": f"q{i}", "bound": {"min": 1}} for i in range(10_001)]
        text = json.dumps(
            {
                "schema": 1,
                "id": "p",
                "organisation": {"id": "o"},
                "span": {"start": "2022-01-01", "end": "2023-01-01"},
                "requirements": reqs,
            }
        )
        assert [
            "'requirements' may hold at most 10,000 items (got 10,001) @ $.requirements"
        ] == _refused_plan(text, "json")

    def test_for_each_of_a_hundred_thousand_values(self) -> None:
        """A for-each rule past its limit is refused at its path."""
        values = ", ".join(f'"v{i}"' for i in range(100_000))
        text = (
            _PLAN + '[[requirements]]\ntype = "quota"\nid = "q"\nbound = { min = 1 }\n'
            f'for_each = {{ field = "location", values = [{values}] }}\n'
        )
        assert [
            "'values' may hold at most 1,000 items (got 100,000) @ $.requirements[0].for_each.values"
        ] == _refused_plan(text, "toml")

    def test_plan_file_past_the_size_limit(self, tmp_path: Path) -> None:
        """A plan file past its limit is refused before it is read."""
        path = tmp_path / "p.toml"
        with path.open("wb") as f:
            f.truncate(50 * 1024 * 1024)
        with pytest.raises(PlanError) as e:
            load_plan(path)
        expected = ["the file is 50 MiB, more than the 2 MiB commhealth reads @ $"]
        assert expected == [str(p) for p in e.value.problems]


class TestNoBareExceptions:
    def test_check_as_of_the_last_day(self) -> None:
        """as_of = 9999-12-31 is a progress check like any other, not an OverflowError."""
        from commhealth import check, examples

        ex = examples.load("longyuan")
        late = check(ex.plan, ex.activities, ex.observations, as_of=dt.date(9999, 12, 31))
        assert check(ex.plan, ex.activities, ex.observations).summary() == late.summary()

    @pytest.mark.parametrize(
        "make",
        [
            lambda: Window.year(9999),
            lambda: Window.year(10000),
            lambda: Window.month(0, 1),
            lambda: Window.day(dt.date.max),
            lambda: Window.days(dt.date(2022, 1, 1), dt.date.max),
        ],
        ids=["year-9999", "year-10000", "year-0", "day-max", "days-max"],
    )
    def test_windows_at_the_end_of_time(self, make: Any) -> None:
        """A window that cannot be represented is a FieldError, not a ValueError of datetime."""
        with pytest.raises(FieldError):
            make()

    def test_cadence_over_a_span_ending_in_9999(self) -> None:
        """A cadence cuts a span that ends on the last representable day."""
        span = Window(start=dt.date(9999, 11, 1), end=dt.date(9999, 12, 31))
        assert [dt.date(9999, 12, 1), dt.date(9999, 12, 31)] == [
            w.end for w in Cadence.MONTH.windows(span)
        ]

    @pytest.mark.parametrize("year", ["0", "1", "99999999999999999999"])
    def test_observances_outside_the_calendar(self, year: str) -> None:
        """commhealth observances outside the covered years exits 2 with the range."""
        out, err = io.StringIO(), io.StringIO()
        assert 2 == main(["observances", year], out=out, err=err)
        assert (
            f"commhealth: no observance dates for the year {year}: the calendar covers 1900 to 2100\n"
        ) == err.getvalue()

    def test_cli_says_how_a_ledger_was_read(self, tmp_path: Path) -> None:
        """commhealth check notes on stderr a GB18030 ledger and its title row."""
        path = write(tmp_path, "a.csv", "台账,\n日期,活动名称\n2022-03-24,讲座\n", "gb18030")
        out, err = io.StringIO(), io.StringIO()
        main(["check", "--example", "longyuan", "--activities", str(path)], out=out, err=err)
        assert (
            f"commhealth: note: {path}: read as GB18030 (not UTF-8)\n"
            f"commhealth: note: {path}: header found on row 2; rows above it skipped\n"
        ) == err.getvalue()

    def test_cli_check_as_of_the_last_day(self) -> None:
        """commhealth check --as-of 9999-12-31 reports, exit 1, with no traceback."""
        out, err = io.StringIO(), io.StringIO()
        assert 1 == main(["check", "--example", "longyuan", "--as-of", "9999-12-31"], out=out, err=err)
        assert "" == err.getvalue()


class TestSmallerPoints:
    @pytest.mark.parametrize(
        ("make", "value", "status"),
        [
            (lambda b: Goal(id="g", metric="m", bound=b), 42, Status.EXCEEDED),
            (lambda b: Goal(id="g", metric="m", bound=b), 20, Status.MISSED),
            (
                lambda b: Deadline(id="g", metric="m", bound=b, due=dt.date(2022, 12, 31)),
                42,
                Status.EXCEEDED,
            ),
        ],
        ids=["goal-above", "goal-below", "deadline-above"],
    )
    def test_figure_above_its_max_is_exceeded(self, make: Any, value: float, status: Status) -> None:
        """A figure above the bound's maximum is exceeded, as a quota over its max is."""
        plan = make_plan(make(Bound(min=30, max=40)))
        found = check(plan, [], [Observation(metric="m", date=dt.date(2022, 12, 1), value=value)])
        assert status == found.findings[0].status

    def test_ratio_above_its_max_is_exceeded(self) -> None:
        """A ratio above its maximum is exceeded."""
        goal = RatioGoal(id="r", numerator="a", denominator="b", bound=Bound(max=1))
        obs = [Observation(metric=m, date=dt.date(2022, 12, 1), value=v) for m, v in (("a", 3), ("b", 2))]
        assert Status.EXCEEDED == check(make_plan(goal), [], obs).findings[0].status

    def test_same_day_figures_in_either_order(self) -> None:
        """Two figures of one metric on one day give one status whatever their order."""
        goal = Goal(id="g", metric="m", bound=Bound(min=25))
        obs = [Observation(metric="m", date=dt.date(2022, 6, 30), value=v) for v in (24, 26)]
        plan = make_plan(goal)
        statuses = {check(plan, [], order).findings[0].status for order in (obs, obs[::-1])}
        assert {Status.MET} == statuses

    @pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
    def test_whole_number_past_float_precision_round_trips(self, fmt: Format) -> None:
        """A bound of 2**53 + 1 reads back as itself, not as the nearest float."""
        goal = Goal(id="g", metric="m", bound=Bound(min=2**53 + 1))
        plan = make_plan(goal)
        again = loads_plan(dumps_plan(plan, fmt), fmt)
        assert (plan, 2**53 + 1) == (again, again.requirements[0].bound.min)  # type: ignore[union-attr]

    def test_whole_number_past_float_range(self) -> None:
        """A bound of 10**400 is refused, not an OverflowError."""
        text = (
            _PLAN + '[[requirements]]\ntype = "goal"\nid = "g"\nmetric = "m"\n'
            f"bound = {{ min = {10**400} }}\n"
        )
        assert [
            "'min' must be a finite number (got a whole number of 401 digits) @ $.requirements[0].bound.min"
        ] == _refused_plan(text, "toml")


class TestSizesTogether:
    def test_windows_times_values_past_the_limit(self) -> None:
        """Bounds that hold alone cannot multiply into a check of hours."""
        values = ", ".join(f'"v{i}"' for i in range(1000))
        quota = (
            '[[requirements]]\ntype = "quota"\nid = "q{i}"\nbound = {{ min = 1 }}\nper = "week"\n'
            'for_each = {{ field = "location", values = [{values}] }}\n'
        )
        text = _PLAN.replace("end = 2023-01-01", "end = 2032-01-01") + "".join(
            quota.format(i=i, values=values) for i in range(3)
        )
        assert [
            "the plan asks for more than 200,000 findings (every window of every quota times "
            "its for-each values, every occurrence of every recurrence); it passes that here, "
            "at 'q0': split the plan, or use longer cadences @ $.requirements[0]"
        ] == _refused_plan(text, "toml")

    @given(
        cadence=st.sampled_from(list(Cadence)),
        span=windows(Window(start=dt.date(2022, 1, 1), end=dt.date(2032, 1, 1))),
    )
    def test_cadence_count_is_the_number_of_windows(self, cadence: Cadence, span: Window) -> None:
        """Counting a cadence's windows agrees with making them."""
        assert len(cadence.windows(span)) == cadence.count(span)
