"""Hostile text through every writer: what a plan's titles, a ledger's cells or a mapping's
codes hold never becomes a live formula, a broken XML or iCalendar file, invalid JSON or a
terminal escape, and ``--out`` never destroys a file (an input, or the old output when the
write fails)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from commhealth import Activity, FieldError, LedgerError, PlanError, check, examples
from commhealth._neutral import ical_text, xlsx_cell, xml_safe
from commhealth.evaluation import evaluate_children
from commhealth.interop import (
    Dhis2Mapping,
    load_dhis2_mapping,
    to_dhis2,
    to_ics,
    write_assessment_workbook,
    write_workbook,
)
from commhealth.loading import dump_activities, load_activities

from .test_cli import run

D = dt.date

#: Cells a spreadsheet would run, as the auditor wrote them.
FORMULAS = ["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]  # fmt: skip


def _acts(*titles: str) -> list[Activity]:
    return [Activity(id=f"a{i}", date=D(2022, 3, 1 + i), title=t) for i, t in enumerate(titles)]


@pytest.fixture(scope="module")
def street() -> examples.Example:
    return examples.load("street")


def _hostile_plan(title: str) -> examples.Example:
    """The 龙苑 example with ``title`` as the plan's and every requirement's title."""
    e = examples.load("longyuan")
    plan = attrs.evolve(
        e.plan,
        title=title,
        requirements=tuple(attrs.evolve(r, title=title) for r in e.plan.requirements),
    )
    return attrs.evolve(e, plan=plan)


class TestLedgerSpreadsheet:
    @pytest.mark.parametrize("title", FORMULAS)
    def test_formula_title_reads_back_equal(self, title: str, tmp_path: Path) -> None:
        """A title that starts like a formula is a string cell: it reads back as written."""
        pytest.importorskip("xlsxwriter")
        pytest.importorskip("python_calamine")
        path = tmp_path / "t.xlsx"
        dump_activities(_acts(title, "plain"), path)
        back = load_activities(path)
        expected = title.replace("\r", "\n") if title.startswith("\r") else title
        assert [expected.strip(), "plain"] == [a.title.strip() for a in back]

    def test_no_formula_cells(self, tmp_path: Path) -> None:
        """Re-read with openpyxl, no cell of the ledger is a formula."""
        openpyxl = pytest.importorskip("openpyxl")
        path = tmp_path / "t.xlsx"
        dump_activities(_acts(*FORMULAS), path)
        cells = [c for row in openpyxl.load_workbook(path).active.iter_rows() for c in row]
        assert [] == [c.coordinate for c in cells if c.data_type == "f"]

    @given(st.text(st.characters(codec="utf-8")) | st.sampled_from(FORMULAS))
    @settings(max_examples=20)
    def test_any_title(self, title: str) -> None:
        """Any title is a string cell, never a formula, and reads back as written but for
        line breaks (LF) and the characters XML cannot hold, which become U+FFFD."""
        openpyxl = pytest.importorskip("openpyxl")
        pytest.importorskip("xlsxwriter")
        try:
            acts = _acts(title)
        except FieldError:
            assume(False)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "t.xlsx"
            dump_activities(acts, path)
            cell = openpyxl.load_workbook(path).active["D2"]
        assert "f" != cell.data_type
        assert (xml_safe(title.replace("\r\n", "\n").replace("\r", "\n")) or None) == cell.value

    def test_over_long_cell_is_refused(self, tmp_path: Path) -> None:
        """A title longer than Excel keeps is refused, naming the cell; nothing is cut."""
        pytest.importorskip("xlsxwriter")
        path = tmp_path / "t.xlsx"
        path.write_bytes(b"old")
        with pytest.raises(LedgerError) as e:
            dump_activities(_acts("x" * 32_768), path)
        assert e.value.problems[0].path == "row 2, column 活动名称"
        assert "at most 32,767 characters and this one has 32,768" in str(e.value)
        assert (b"old", ["t.xlsx"]) == (path.read_bytes(), os.listdir(tmp_path))

    def test_longest_cell_is_kept(self, tmp_path: Path) -> None:
        """A title of exactly 32,767 characters reads back whole."""
        pytest.importorskip("xlsxwriter")
        path = tmp_path / "t.xlsx"
        dump_activities(_acts("长" * 32_767), path)
        assert "长" * 32_767 == load_activities(path)[0].title


class TestLedgerCsv:
    @pytest.mark.parametrize("title", FORMULAS)
    def test_formula_title_gets_a_quote(self, title: str, tmp_path: Path) -> None:
        """A CSV cell that starts like a formula is written behind a ' (OWASP)."""
        path = tmp_path / "t.csv"
        dump_activities(_acts(title), path)
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert f"'{title}" == rows[1][3]

    def test_numbers_stay_numbers(self, tmp_path: Path) -> None:
        """A number, negative or not, is written as a number, with no quote."""
        path = tmp_path / "t.csv"
        dump_activities([Activity(id="a", date=D(2022, 3, 1), title="-5", participants=3)], path)
        row = path.read_text(encoding="utf-8-sig").splitlines()[1]
        assert row.startswith("a,2022-03-01,,-5,")
        assert "'" not in row


class TestLoneSurrogates:
    @pytest.mark.parametrize("suffix", [".csv", ".json", ".toml", ".xlsx"])
    def test_written_as_replacement(self, suffix: str, tmp_path: Path) -> None:
        """A title with a lone surrogate (a JSON ledger's "\\ud800" reads in as one) is
        written as U+FFFD in every ledger format, never an encoding error."""
        pytest.importorskip("xlsxwriter")
        path = tmp_path / f"t{suffix}"
        dump_activities(_acts("x\ud800y"), path)
        assert "x\ufffdy" == load_activities(path)[0].title


class TestReportWorkbooks:
    def test_report_has_no_formula_cells(self, tmp_path: Path) -> None:
        """A report whose titles are formulas writes them as text, read back equal."""
        openpyxl = pytest.importorskip("openpyxl")
        e = _hostile_plan("=cmd|' /C calc'!A0")
        report = check(e.plan, e.activities, e.observations)
        book = openpyxl.load_workbook(write_workbook(report, tmp_path / "r.xlsx"))
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
        assert [] == [c.coordinate for c in cells if c.data_type == "f"]
        assert "=cmd|' /C calc'!A0" == book.worksheets[1]["A2"].value

    def test_control_characters_in_titles(self, tmp_path: Path) -> None:
        """Controls that XML cannot hold become U+FFFD instead of a traceback."""
        openpyxl = pytest.importorskip("openpyxl")
        e = _hostile_plan("a\x01b\x1b[2K")
        report = check(e.plan, e.activities, e.observations)
        book = openpyxl.load_workbook(write_workbook(report, tmp_path / "r.xlsx"))
        assert "a\ufffdb\ufffd[2K" == book.worksheets[1]["A2"].value

    def test_ranking_sheet_names(self, street: examples.Example, tmp_path: Path) -> None:
        """Organisations' names that Excel refuses as sheet titles are cleaned, cut to 31
        characters and told apart, never a traceback."""
        openpyxl = pytest.importorskip("openpyxl")
        ranking = evaluate_children(
            street.plan, street.activities, street.observations, scheme=street.scheme,
            scores=street.scores,
        )  # fmt: skip
        names = ["a/b:c", "A/B:C", "x" * 40, "[*?]\x07"]
        ranking = attrs.evolve(
            ranking,
            assessments=tuple(
                attrs.evolve(a, name=n) for a, n in zip(ranking.assessments, names, strict=True)
            ),
        )
        path = write_assessment_workbook(ranking, tmp_path / "r.xlsx")
        assert ["排名", "a_b_c", "A_B_C (2)", "x" * 31, "_____"] == (
            openpyxl.load_workbook(path).sheetnames
        )


class TestSummary:
    def test_summary_files(self, tmp_path: Path) -> None:
        """A community named like a formula is text in the summary's .xlsx and quoted in
        its .csv."""
        openpyxl = pytest.importorskip("openpyxl")
        from commhealth.batch import Outcome, write_summary

        outcomes = [Outcome(community="=1+1", plan="p", ok=True)]
        write_summary(tmp_path / "s.xlsx", outcomes)
        write_summary(tmp_path / "s.csv", outcomes)
        cell = openpyxl.load_workbook(tmp_path / "s.xlsx").active["A2"]
        assert ("=1+1", "s") == (cell.value, cell.data_type)
        assert "\n'=1+1," in (tmp_path / "s.csv").read_text(encoding="utf-8-sig")


class TestJson:
    @pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
    def test_non_finite_figures_are_null(
        self, value: float, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Infinite and NaN figures are written as null, with a note: the JSON is valid."""
        import io

        from commhealth.cli._common import write_json

        out = io.StringIO()
        write_json(out, {"actual": value, "findings": [{"expected": {"min": value}}]})
        data = json.loads(out.getvalue(), parse_constant=pytest.fail)
        assert {"actual": None, "findings": [{"expected": {"min": None}}]} == data
        assert "2 figures too large or undefined for JSON" in capsys.readouterr().err

    def test_ratio_past_the_float_max(self, tmp_path: Path) -> None:
        """A ratio of 1e308 to 1e-308 is infinite: the command writes valid JSON, the
        figure as null, and says so on stderr."""
        from commhealth._goals import RatioGoal
        from commhealth._requirements import Bound
        from commhealth.loading import dump_plan

        from .helpers import make_plan

        goal = RatioGoal(id="r", numerator="a", denominator="b", bound=Bound(min=1))
        dump_plan(make_plan(goal), tmp_path / "plan.toml")
        figures = tmp_path / "figures.csv"
        figures.write_text("metric,date,value\na,2022-06-01,1e308\nb,2022-06-01,1e-308\n", "utf-8")
        argv = ["check", str(tmp_path / "plan.toml"), "--observations", str(figures)]
        _, out, err = run(*argv, "--format", "json")
        assert None is json.loads(out, parse_constant=pytest.fail)["findings"][0]["actual"]
        note = "commhealth: note: 1 figure too large or undefined for JSON (infinite or NaN) written as null\n"
        assert note in err
        _, _, err = run(*argv, "--out", str(tmp_path / "r.json"))
        json.loads((tmp_path / "r.json").read_text("utf-8"), parse_constant=pytest.fail)
        assert note in err
        for fmt in ("fhir", "dhis2"):
            _, out, _ = run(*argv, "--format", fmt)
            json.loads(out, parse_constant=pytest.fail)

    def test_json_text(self) -> None:
        """json_text writes non-finite figures as null, never Infinity or NaN."""
        from commhealth._neutral import json_text

        text = json_text({"ratio": 1e308 / 1e-308, "near": [1.7976931348623157e308 * 10]})
        assert {"ratio": None, "near": [None]} == json.loads(text, parse_constant=pytest.fail)


class TestXml:
    def test_adx_control_characters(self, street: examples.Example) -> None:
        """Controls in keys and codes become U+FFFD: the ADX message is well-formed."""
        report = check(street.plan, street.activities, street.observations)
        mapping = Dhis2Mapping(org_unit="o\x01u", data_elements={"monday-study": "d\x0be"})
        export = to_dhis2(report, mapping, org_unit="x")
        root = ET.fromstring(export.to_adx())
        units = {g.get("orgUnit") for g in root}
        assert {"o\ufffdu"} == units

    @pytest.mark.parametrize(
        "name", ["bad name", "a:b", "1st", 'x="1" y', "", "value", "dataElement", "xmlns"]
    )
    def test_adx_category_must_be_a_name(self, name: str, tmp_path: Path) -> None:
        """A mapping's adx_category is an attribute's name; anything else is refused."""
        with pytest.raises(FieldError):
            Dhis2Mapping(adx_category=name)
        path = tmp_path / "m.toml"
        path.write_text(f"adx_category = {json.dumps(name)}\n", encoding="utf-8")
        with pytest.raises(PlanError, match="adx_category"):
            load_dhis2_mapping(path)

    def test_svg_control_characters(self) -> None:
        """Controls in titles become U+FFFD: the heatmap is well-formed XML."""
        e = _hostile_plan("a\x01\x1bb\ud800")
        svg = check(e.plan, e.activities, e.observations).heatmap()
        ET.fromstring(svg.encode("utf-8"))


def _unescape(m: re.Match[str]) -> str:
    return "\n" if m.group(1) in "nN" else m.group(1)


class TestICalendar:
    @pytest.mark.parametrize("title", ["a\nb", "a\rX-EVIL:1", "a\r\nb", "a\x01b"])
    def test_calendar_name_and_summaries(self, title: str) -> None:
        """A title's line breaks stay inside its value: no property is injected, nothing
        raises, and it reads back with its line breaks as LF."""
        icalendar = pytest.importorskip("icalendar")
        e = _hostile_plan(title)
        data = to_ics(e.plan, e.activities)
        assert b"\nX-EVIL" not in data
        assert b"\rX-EVIL" not in data
        cal = icalendar.Calendar.from_ical(data)
        expected = title.replace("\r\n", "\n").replace("\r", "\n").replace("\x01", "\ufffd")
        name = re.sub(r"\\(.)", _unescape, cal["x-wr-calname"].to_ical().decode())
        assert expected == name
        summaries = [str(ev["summary"]) for ev in cal.walk("VEVENT")]
        assert any(expected in s for s in summaries)
        assert [] == [p for p in cal.property_items() if p[0].startswith("X-EVIL")]


class TestTerminal:
    def test_escape_cannot_redraw_a_line(self) -> None:
        """A title's ANSI escape, CR and bidi override are printed visibly, not acted on."""
        e = _hostile_plan("\x1b[2K\r✓ fine\u202e")
        text = check(e.plan, e.activities, e.observations).to_text()
        assert not any(c in text for c in "\x1b\r\u202e")
        assert "\\u001b[2K\\u000d✓ fine\\u202e" in text

    def test_line_break_in_a_title_is_no_new_line(self) -> None:
        """A title's line break cannot start a line of its own in the report."""
        e = _hostile_plan("x\n✓ all met")
        text = check(e.plan, e.activities, e.observations).to_text()
        assert not any(line.startswith("✓ all met") for line in text.splitlines())

    def test_command_output(self, tmp_path: Path) -> None:
        """What the command prints holds no terminal controls, whatever the format."""
        e = _hostile_plan("\x1b]0;pwned\x07\u2066")
        from commhealth.loading import dump_plan

        plan = tmp_path / "p.toml"
        dump_plan(e.plan, plan)
        for fmt in ("text", "json", "html", "svg"):
            _, out, _ = run("check", str(plan), "--format", fmt)
            assert not any(c in out for c in "\x1b\x07\u2066"), fmt
        _, out, _ = run("check", str(plan), "--format", "json")
        assert json.loads(out)["findings"][0]["message"].startswith("\x1b]0;pwned\x07\u2066")


class TestAtomic:
    @pytest.mark.parametrize("name", ["t.csv", "t.json", "t.toml", "t.xlsx"])
    def test_failed_ledger_write_keeps_the_old_file(
        self, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A write that fails midway leaves the old file whole and no temporary behind."""
        pytest.importorskip("xlsxwriter")
        path = tmp_path / name
        path.write_bytes(b"the old ledger")
        import commhealth._atomic as atomic

        def broken(tmp: Path, target: Path) -> None:
            tmp.write_bytes(tmp.read_bytes()[:10])
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(atomic, "_finish", broken)
        with pytest.raises(LedgerError, match="No space left on device"):
            dump_activities(_acts("x"), path)
        assert (b"the old ledger", [name]) == (path.read_bytes(), os.listdir(tmp_path))

    def test_failed_write_midway(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The write itself raising (a full disk) leaves the old file and no temporary."""
        import commhealth._atomic as atomic

        path = tmp_path / "r.json"
        path.write_text("old", encoding="utf-8")
        real = atomic._write_all

        def half(fd: int, data: bytes) -> None:
            real(fd, data[: len(data) // 2])
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(atomic, "_write_all", half)
        code, _, err = run("check", "--example", "longyuan", "--out", str(path))
        monkeypatch.undo()
        assert (2, "old", ["r.json"]) == (code, path.read_text("utf-8"), os.listdir(tmp_path))
        assert "No space left on device" in err

    def test_permissions_kept(self, tmp_path: Path) -> None:
        """Replacing a file keeps its permissions."""
        path = tmp_path / "t.csv"
        path.write_text("old", encoding="utf-8")
        path.chmod(0o640)
        dump_activities(_acts("x"), path)
        assert 0o640 == path.stat().st_mode & 0o777

    def test_symlink_kept(self, tmp_path: Path) -> None:
        """Writing through a symbolic link updates the file it names and keeps the link."""
        real = tmp_path / "real.csv"
        real.write_text("old", encoding="utf-8")
        link = tmp_path / "link.csv"
        link.symlink_to(real)
        dump_activities(_acts("x"), link)
        assert link.is_symlink()
        assert "x" in real.read_text(encoding="utf-8-sig")


class TestOutOverInput:
    @pytest.mark.parametrize(
        ("argv", "victim"),
        [
            (["check", "{d}/plan.toml", "--out", "{d}/plan.toml"], "plan.toml"),
            (
                ["check", "{d}/plan.toml", "--activities", "{d}/a.csv", "--out", "{d}/a.csv"],
                "a.csv",
            ),
            (["check", "{d}/plan.toml", "--out", "{d}/./sub/../plan.toml"], "plan.toml"),
            (["check", "{d}/plan.toml", "--out", "{d}/hard.toml"], "plan.toml"),
            (["check", "{d}/plan.toml", "--out", "{d}/soft.json"], "soft.json"),
            (
                ["propose", "{d}/plan.toml", "--activities", "{d}/a.csv", "--out", "{d}/a.csv"],
                "a.csv",
            ),
            (
                ["evaluate", "{d}/plan.toml", "--scheme", "{d}/s.json", "--out", "{d}/s.json"],
                "s.json",
            ),
            (["draft", "{d}/t.txt", "--out", "{d}/t.txt"], "t.txt"),
        ],
        ids=["plan", "ledger", "dotted", "hard-link", "symlink", "propose", "evaluate", "draft"],
    )
    def test_refused(self, argv: list[str], victim: str, tmp_path: Path) -> None:
        """--out naming one of the command's inputs is refused, exit 2, the input untouched."""
        e = examples.load("longyuan")
        from commhealth.loading import dump_plan

        dump_plan(e.plan, tmp_path / "plan.toml")
        dump_activities(e.activities, tmp_path / "a.csv")
        (tmp_path / "sub").mkdir()
        os.link(tmp_path / "plan.toml", tmp_path / "hard.toml")
        (tmp_path / "s.json").write_text("{}", encoding="utf-8")
        (tmp_path / "soft.json").symlink_to(tmp_path / "plan.toml")
        (tmp_path / "t.txt").write_text("2022年龙苑社区健康教育工作计划\n", encoding="utf-8")
        before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        code, _, err = run(*(a.format(d=tmp_path) for a in argv))
        after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        assert (2, before) == (code, after)
        assert "an input of this command" in err, err

    def test_refused_in_chinese(self, tmp_path: Path) -> None:
        """With --lang zh the refusal is in Chinese."""
        from commhealth.loading import dump_plan

        dump_plan(examples.load("longyuan").plan, tmp_path / "plan.toml")
        path = str(tmp_path / "plan.toml")
        code, _, err = run("check", path, "--lang", "zh", "--out", path)
        assert 2 == code
        assert f"--out {path} 就是本命令读入的 {path}，写出会覆盖它；请换一个文件" in err

    @pytest.mark.parametrize("command", ["check", "evaluate", "propose"])
    def test_folder(self, command: str, tmp_path: Path) -> None:
        """--out naming a folder is a clear error, exit 2, no traceback."""
        code, out, err = run(command, "--example", "longyuan", "--out", str(tmp_path))
        assert (2, "") == (code, out)
        assert f"--out {tmp_path} is a folder; name a file" in err


#: Titles and codes of any text a file can hold (lone surrogates come from no file).
ANY_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40) | st.sampled_from(
    ["\x1b[2K\r✓", "a\rX-EVIL:1", "\u202eabc", "=cmd|' /C calc'!A0", "\x00\x0b\x7f\x85"]
)


@pytest.fixture(scope="module")
def longyuan() -> examples.Example:
    return examples.load("longyuan")


class TestEveryWriterOverAnyText:
    @given(ANY_TEXT, ANY_TEXT)
    @settings(max_examples=25)
    def test_adx(self, street: examples.Example, key: str, code: str) -> None:
        """ADX with any organisation unit, data element and key is well-formed and reads
        back as the text with XML-unsafe characters as U+FFFD."""
        report = check(street.plan, street.activities, street.observations)
        mapping = Dhis2Mapping(org_unit=code, data_elements=dict.fromkeys(
            (f.requirement for f in report.findings), key
        ))  # fmt: skip
        root = ET.fromstring(to_dhis2(report, mapping, org_unit="x").to_adx().encode("utf-8"))
        assert {xml_safe(code)} == {g.get("orgUnit") for g in root}
        elements = {v.get("dataElement") for g in root for v in g}
        assert {xml_safe(key)} == elements

    @given(ANY_TEXT)
    @settings(max_examples=25)
    def test_svg_and_calendar(self, longyuan: examples.Example, title: str) -> None:
        """The heatmap with any requirement title parses as XML; the calendar with any plan
        title parses as iCalendar and names itself with the title (line breaks as LF,
        controls as U+FFFD)."""
        icalendar = pytest.importorskip("icalendar")
        plan = attrs.evolve(
            longyuan.plan,
            title=title,
            requirements=tuple(attrs.evolve(r, title=title) for r in longyuan.plan.requirements),
        )
        report = check(plan, longyuan.activities, longyuan.observations)
        ET.fromstring(report.heatmap().encode("utf-8"))
        cal = icalendar.Calendar.from_ical(to_ics(plan, longyuan.activities))
        name = re.sub(r"\\(.)", _unescape, cal["x-wr-calname"].to_ical().decode())
        assert ical_text(title) == name

    @given(ANY_TEXT)
    @settings(max_examples=25)
    def test_report_workbook(self, longyuan: examples.Example, title: str) -> None:
        """The report's workbook with any title has no formula cell and holds the title."""
        openpyxl = pytest.importorskip("openpyxl")
        plan = attrs.evolve(
            longyuan.plan,
            requirements=tuple(attrs.evolve(r, title=title) for r in longyuan.plan.requirements),
        )
        report = check(plan, longyuan.activities, longyuan.observations)
        with tempfile.TemporaryDirectory() as folder:
            book = openpyxl.load_workbook(write_workbook(report, Path(folder) / "r.xlsx"))
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
        assert [] == [c.coordinate for c in cells if c.data_type == "f"]
        assert xlsx_cell(title) == book.worksheets[1]["A2"].value

    @given(ANY_TEXT)
    @settings(max_examples=25)
    def test_text_report(self, longyuan: examples.Example, title: str) -> None:
        """The text report with any title holds nothing a terminal acts on but line breaks,
        and no more lines than with a plain title."""

        def text(t: str) -> str:
            plan = attrs.evolve(
                longyuan.plan,
                requirements=tuple(attrs.evolve(r, title=t) for r in longyuan.plan.requirements),
            )
            return check(plan, longyuan.activities, longyuan.observations).to_text()

        out = text(title)
        assert not re.search(
            "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", out
        )
        assert len(text("plain").splitlines()) == len(out.splitlines())
