"""Hostile and messy ledgers: no row lost without a word, no file that never ends, no
crash of the spreadsheet reader.

Each case comes from a fuzz run against the loaders. Cases that could hang or kill the
process run in a child process with a timeout, so that a regression fails the test instead
of stopping the run.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from commhealth import (
    CommhealthError,
    LedgerError,
    load_activities,
    load_observations,
    load_plan,
)
from commhealth.cli import main
from commhealth.loading import read_activities

from .helpers import SRC, TIMEOUT, run_child
from .spreadsheets import write_ods, write_xls, write_xlsx


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
            'not valid CSV: a quote (") opened in this row is never closed, so this row and '
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
        path = write(
            tmp_path, "a.csv", "日期,活动名称,\n2022-01-01,讲座,场地借用\n2022-01-02,义诊,\n"
        )
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
                "[[activities]]\ndate = 2022-01-01\nhours = inf\n",
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
            {
                1: ["龙苑社区台账"],
                3: ["日期", "活动名称"],
                4: ["2022-01-01", "讲座"],
                6: ["2022-02-30", "x"],
            },
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
    def test_two_figures_on_one_day(
        self, tmp_path: Path, name: str, text: str, second: str
    ) -> None:
        """Two figures of one metric on one day are refused, so order never decides."""
        first = "row 2" if second == "row 3" else "record 1"
        assert [
            f"metric 'm' on 2022-06-30 is also given at {first} (24 there, 26 here); keep one "
            f"figure per metric and day @ {second}"
        ] == refusal(write(tmp_path, name, text), load_observations)

    def test_cli_says_how_a_ledger_was_read(self, tmp_path: Path) -> None:
        """commhealth check notes on stderr a GB18030 ledger and its title row."""
        path = write(tmp_path, "a.csv", "台账,\n日期,活动名称\n2022-03-24,讲座\n", "gb18030")
        out, err = io.StringIO(), io.StringIO()
        args = ["check", "--example", "longyuan", "--activities", str(path)]
        main([*args, "--lang", "en"], out=out, err=err)
        assert (
            f"commhealth: note: {path}: read as GB18030 (not UTF-8)\n"
            f"commhealth: note: {path}: header found on row 2; rows above it skipped\n"
        ) == err.getvalue()
        err = io.StringIO()
        main(args, out=io.StringIO(), err=err)  # the plan's language
        assert (
            f"commhealth: note: {path}：按GB18030编码读取（不是UTF-8）\n"
            f"commhealth: note: {path}：表头在第2行，上方各行未读取\n"
        ) == err.getvalue()


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
            [
                sys.executable,
                "-m",
                "commhealth",
                "check",
                "--example",
                "longyuan",
                "--activities",
                "a.xls",
                "--lang",
                "en",
            ],
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
            p.message
            for p in e.value.problems  # type: ignore[attr-defined]
        ]

    def test_csv_past_the_size_limit(self, tmp_path: Path) -> None:
        """A ledger larger than the limit is refused before it is read."""
        path = tmp_path / "a.csv"
        with path.open("wb") as f:
            f.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
        assert ["the file is 200 MiB, more than the 128 MiB commhealth reads @ file"] == refusal(
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
        write_ods(
            tmp_path / "a.ods",
            [["日期", "活动名称"], ["2022-01-01", "x"]],
            repeat_last_row=2_000_000,
        )
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


class TestZipBounds:
    """A zipped workbook is bounded by what its parts inflate to, read from the archive's
    directory before any part is inflated, and by cells it holds whether or not they carry
    references."""

    def _workbook(self, tmp_path: Path) -> Path:
        return write_xlsx(tmp_path / "a.xlsx", {1: ["日期", "活动名称"], 2: ["2022-01-01", "讲座"]})

    def test_a_part_that_inflates_past_its_bound_is_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from commhealth.loading.ledgers import _zip_scan

        path = self._workbook(tmp_path)
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * 200_000 + b"</sst>")
        monkeypatch.setattr(_zip_scan, "_MAX_PART_BYTES", 100_000)
        with pytest.raises(LedgerError) as e:
            load_activities(path)
        assert "'xl/sharedStrings.xml' is 200,011 bytes uncompressed" in str(e.value)

    def test_parts_that_inflate_past_their_bound_together_are_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from commhealth.loading.ledgers import _zip_scan

        path = self._workbook(tmp_path)
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
            for i in range(3):
                z.writestr(f"xl/media/image{i}.bin", b"\0" * 60_000)
        monkeypatch.setattr(_zip_scan, "MAX_UNZIPPED_BYTES", 150_000)
        with pytest.raises(LedgerError, match="its parts add up to"):
            load_activities(path)

    def test_cells_without_references_count_toward_the_cell_bound(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A sheet whose cells carry no ``r`` reference cannot slip past the cell bound."""
        from commhealth.loading.ledgers import _zip_scan

        path = self._workbook(tmp_path)
        cells = "<c><v>1</v></c>" * 2_000
        sheet = (
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData><row>{cells}</row></sheetData></worksheet>"
        )
        data = {}
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                data[name] = z.read(name)
        data["xl/worksheets/sheet1.xml"] = sheet.encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, content in data.items():
                z.writestr(name, content)
        monkeypatch.setattr(_zip_scan, "MAX_SHEET_CELLS", 1_000)
        with pytest.raises(LedgerError, match="the first sheet reaches cell"):
            load_activities(path)
