"""The output sanitisers, one per format: over arbitrary text (controls and lone surrogates
included), what each writes is well-formed in its format and reads back equal, or changed
in exactly the documented way."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from commhealth import LedgerError
from commhealth._neutral import (
    FORMULA_LEADS,
    XLSX_CELL_MAX,
    csv_cell,
    finite,
    ical_text,
    json_text,
    sheet_titles,
    terminal_text,
    xlsx_cell,
    xml_attr,
    xml_name_problem,
    xml_safe,
    xml_text,
)

#: Any text: every code point, controls, bidi marks and lone surrogates too.
ANY = st.text(st.characters(codec=None, categories=None))
HOSTILE = st.text(
    st.sampled_from(
        ["\x00", "\x01", "\x1b", "\r", "\n", "\t", "\x7f", "\x85", "\x9b", "\u202e", "\u2066",
         "\ud800", "\udfff", "\ufffe", "\uffff", "=", "+", "-", "@", "'", "<", "&", '"', "a", "长"]
    )
)  # fmt: skip
TEXT = ANY | HOSTILE


def _xml_expected(text: str) -> str:
    """What :func:`xml_safe` documents: each character XML cannot carry becomes U+FFFD."""
    bad = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
    return bad.sub("\ufffd", text)


class TestXml:
    @given(TEXT, TEXT)
    @example("a\x00b", "\r\n\t")
    def test_text_and_attribute_parse_back(self, text: str, attr: str) -> None:
        """An element with the text and the attribute is well-formed XML and reads back as
        the text with unencodable characters as U+FFFD (an XML reader turns a CR LF or a
        lone CR in text into LF; in an attribute they are kept as references)."""
        doc = f"<r a={xml_attr(attr)}>{xml_text(text)}</r>".encode()
        root = ET.fromstring(doc)
        assert _xml_expected(attr) == root.get("a")
        wanted = _xml_expected(text).replace("\r\n", "\n").replace("\r", "\n")
        assert wanted == (root.text or "")

    @given(TEXT)
    def test_safe_is_idempotent(self, text: str) -> None:
        """Sanitising twice changes nothing more."""
        assert xml_safe(text) == xml_safe(xml_safe(text))

    @given(TEXT)
    def test_a_name_is_an_attribute_name(self, name: str) -> None:
        """A name xml_name_problem accepts works as an attribute's name; one it refuses
        comes with a reason."""
        problem = xml_name_problem(name, reserved=("value",))
        if problem is None:
            root = ET.fromstring(f'<r {name}="1" value="2"/>'.encode())
            assert "1" == root.get(name)
        else:
            assert problem

    @pytest.mark.parametrize(
        ("name", "ok"),
        [("key", True), ("类别", True), ("_a-1.b", True), ("a:b", False), ("1a", False),
         ("", False), ("a b", False), ("value", False), ("XMLfoo", False)],
    )  # fmt: skip
    def test_names(self, name: str, *, ok: bool) -> None:
        """Some names accepted and refused."""
        assert ok == (xml_name_problem(name, reserved=("value",)) is None)


class TestSpreadsheet:
    @given(TEXT)
    def test_cell_reads_back_as_text(self, text: str) -> None:
        """A cell written through xlsx_cell as a string is no formula, and reads back as the
        text with CR LF and CR as LF and the XML-unsafe characters as U+FFFD."""
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        ws = book.active
        for col, value in enumerate([text, -5, 2.5], start=1):
            cell = ws.cell(row=1, column=col, value=xlsx_cell(value))
            if isinstance(cell.value, str):  # as every writer does: text is a string cell
                cell.data_type = "s"
        buffer = io.BytesIO()
        book.save(buffer)
        buffer.seek(0)
        back = openpyxl.load_workbook(buffer).active
        cell = back["A1"]
        assert "f" != cell.data_type
        wanted = _xml_expected(text.replace("\r\n", "\n").replace("\r", "\n"))
        assert (wanted or None, -5, 2.5) == (
            cell.value,
            back["B1"].value,
            back["C1"].value,
        )

    @given(st.integers(0, 3))
    def test_length(self, over: int) -> None:
        """Text of at most 32,767 characters is kept whole; longer is refused."""
        text = "x" * (XLSX_CELL_MAX - 1 + over)
        if len(text) <= XLSX_CELL_MAX:
            assert text == xlsx_cell(text)
        else:
            with pytest.raises(LedgerError, match="at most 32,767 characters"):
                xlsx_cell(text, "row 9")

    @given(st.lists(TEXT, max_size=8))
    @example(names=["0" * 30 + "'0"])  # cut to 31, it would end in a quote
    def test_sheet_titles(self, names: list[str]) -> None:
        """Sheet titles are what Excel takes: 1 to 31 characters, none of / \\ : [ ] * ?
        or a control, no ' at either end, no two alike ignoring case; a name that is
        already one is kept."""
        titles = sheet_titles(names)
        assert len(names) == len(titles)
        for name, title in zip(names, titles, strict=True):
            assert 1 <= len(title) <= 31
            assert not re.search(r"[\x00-\x1f\x7f-\x9f/\\:\[\]*?\ud800-\udfff]", title)
            assert not title.startswith("'")
            assert not title.endswith("'")
            del name
        assert len({t.casefold() for t in titles}) == len(titles)
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        for t in titles:
            book.create_sheet(t)

    def test_sheet_titles_examples(self) -> None:
        """Cleaned, cut and told apart as documented."""
        assert ["a_b", "A_B (2)", "Sheet", "y" * 31, "y" * 27 + " (2)"] == sheet_titles(
            ["a/b", "A:B", "''", "y" * 40, "y" * 35]
        )


class TestCsv:
    @given(TEXT)
    @example("=1+1")
    @example("-5")
    def test_cell(self, text: str) -> None:
        """A cell reads back as the text (surrogates as U+FFFD), behind a ' when it starts
        like a formula and is not a plain number."""
        value = csv_cell(text)
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow([value, "end"])
        back = next(csv.reader(io.StringIO(out.getvalue(), newline="")))
        clean = re.sub("[\ud800-\udfff]", "\ufffd", text)
        number = re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", clean)
        quoted = clean.startswith(FORMULA_LEADS) and number is None
        assert [("'" if quoted else "") + clean, "end"] == back
        out.getvalue().encode("utf-8")

    @pytest.mark.parametrize("value", [-5, -2.5, 0, None])
    def test_numbers_stay(self, value: object) -> None:
        """Numbers are no text: they are written as they are."""
        assert value == csv_cell(value)


class TestICalendar:
    @given(TEXT)
    @example("a\rX-EVIL:1")
    @example("a\r\nb\nc")
    def test_text_parses_back(self, text: str) -> None:
        """A calendar name and a summary holding the text are one property each, parse,
        and read back as the text with CR LF and CR as LF and other controls as U+FFFD."""
        icalendar = pytest.importorskip("icalendar")
        cal = icalendar.Calendar()
        cal.add("prodid", "-//t//t//EN")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", icalendar.vText(ical_text(text)))
        event = icalendar.Event()
        event.add("summary", ical_text(text))
        cal.add_component(event)
        data = cal.to_ical()
        back = icalendar.Calendar.from_ical(data)
        wanted = re.sub(
            "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]",
            "\ufffd",
            text.replace("\r\n", "\n").replace("\r", "\n"),
        )
        assert wanted == str(back.walk("VEVENT")[0]["summary"])
        lines = data.decode().split("\r\n")
        assert all("\r" not in line and "\n" not in line for line in lines)
        names = [line.split(":")[0] for line in lines if line and not line.startswith(" ")]
        assert sorted(
            ["BEGIN", "PRODID", "VERSION", "X-WR-CALNAME", "BEGIN", "SUMMARY", "END", "END"]
        ) == sorted(names)


class TestTerminal:
    @given(TEXT)
    @example("\x1b[2K\r✓")
    def test_nothing_acts(self, text: str) -> None:
        """What terminal_text gives holds no control, bidi override or surrogate but LF and
        tab, and each one it replaced is a \\u escape of it."""
        out = terminal_text(text)
        assert not re.search(
            "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]", out
        )
        undone = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), out)
        redone = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), text)
        assert redone == undone
        assert "\n" not in terminal_text(text, keep_newlines=False)


class TestJson:
    @given(
        st.recursive(
            st.none() | st.booleans() | st.floats() | st.integers() | TEXT,
            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
            max_leaves=12,
        )
    )
    def test_valid_and_equal(self, data: object) -> None:
        """json_text is valid JSON (no NaN, no Infinity, encodable as UTF-8) and reads back
        as the data with non-finite floats as null."""
        text = json_text(data)
        back = json.loads(text.encode("utf-8"), parse_constant=pytest.fail)
        clean, _ = finite(data)
        assert _same(clean, back)
        assert not re.search("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]", text)


def _same(a: object, b: object) -> bool:
    """Equal, but for a lone surrogate in ``a`` that ``b`` holds as U+FFFD."""
    if isinstance(a, str):
        return re.sub("[\ud800-\udfff]", "\ufffd", a) == b
    if isinstance(a, dict) and isinstance(b, dict):
        keys = {re.sub("[\ud800-\udfff]", "\ufffd", k): v for k, v in a.items()}
        return keys.keys() == b.keys() and all(_same(v, b[k]) for k, v in keys.items())
    if isinstance(a, list | tuple) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


class TestAtomic:
    def test_replaces_in_one_step(self, tmp_path: Path) -> None:
        """write_atomic replaces the file and leaves nothing else beside it."""
        from commhealth._atomic import write_atomic

        path = tmp_path / "f.txt"
        path.write_text("old", encoding="utf-8")
        write_atomic(path, "新\r\n")
        assert (b"\xe6\x96\xb0\r\n", ["f.txt"]) == (
            path.read_bytes(),
            [p.name for p in tmp_path.iterdir()],
        )

    def test_failure_removes_the_temporary(self, tmp_path: Path) -> None:
        """An error inside atomic_path leaves the old file and no temporary."""
        from commhealth._atomic import atomic_path

        path = tmp_path / "f.txt"
        path.write_text("old", encoding="utf-8")

        def half() -> None:
            with atomic_path(path) as tmp:
                tmp.write_text("half", encoding="utf-8")
                raise RuntimeError

        with pytest.raises(RuntimeError):
            half()
        assert ("old", ["f.txt"]) == (path.read_text("utf-8"), [p.name for p in tmp_path.iterdir()])

    def test_error_names_the_file(self, tmp_path: Path) -> None:
        """An error names the file asked for, not the temporary beside it."""
        from commhealth._atomic import write_atomic

        path = tmp_path / "no such folder" / "f.txt"
        with pytest.raises(FileNotFoundError) as e:
            write_atomic(path, "x")
        assert str(path) == e.value.filename

    def test_folder(self, tmp_path: Path) -> None:
        """A folder is not written over."""
        from commhealth._atomic import write_atomic

        with pytest.raises(IsADirectoryError):
            write_atomic(tmp_path, "x")
