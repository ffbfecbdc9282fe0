"""Looking inside a spreadsheet before it is read: how far each sheet reaches, which of
its formula cells have no saved value, which cells hold errors, which columns are hidden
and (in an .ods file) which cells are merged.

The spreadsheet reader allocates the whole rectangle from A1 to the furthest cell a sheet
declares, so one cell at XFD1048576 in a 1.6 KB file asks for half a terabyte. ``.xlsx``
and ``.ods`` files are zip archives of XML; each sheet's cells are streamed here,
within :data:`~commhealth._limits.MAX_SHEET_CELLS`, before the reader sees them. A formula
cell whose file holds no cached value (a file written by a program that does not compute
formulas) would read as empty, so each is reported instead.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO
from xml.etree import ElementTree as ET

import attrs

from ..._limits import MAX_SHEET_CELLS, MAX_UNZIPPED_BYTES, MAX_ZIP_PARTS

__all__ = ["SheetScan", "SheetTooLarge", "column_name", "scan_workbook"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
#: The most spanned cells of one sheet kept (a real ledger has dozens).
MAX_MERGED = 100_000
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")

#: The largest part of a spreadsheet read, uncompressed (a zip bomb is refused).
_MAX_PART_BYTES = 256 * 1024 * 1024


class SheetTooLarge(Exception):  # noqa: N818 - turned into a LedgerError by the caller
    """The first sheet reaches past the cell limit, or its XML is past the size limit."""


@attrs.frozen(kw_only=True)
class SheetScan:
    """What a look into the first sheet found.

    Attributes:
        formulas: The (row, column) of each formula cell with no saved value, from 1.
        hidden_columns: The columns the sheet hides, from 1 (.xlsx only).
        merged: The spanned cells of an .ods sheet, each ``(first row, first column, last
            row, last column)`` from 0, inclusive (the reader reports only .xlsx merges).
    """

    formulas: tuple[tuple[int, int], ...] = ()
    hidden_columns: frozenset[int] = frozenset()
    merged: tuple[tuple[int, int, int, int], ...] = ()
    errors: tuple[tuple[int, int, str], ...] = ()


def column_name(column: int) -> str:
    """The letters of a column number from 1: 1 is A, 27 is AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _too_large(rows: int, columns: int) -> SheetTooLarge:
    return SheetTooLarge(
        f"the first sheet reaches cell {column_name(columns)}{rows} ({rows:,} rows by "
        f"{columns:,} columns), more than the {MAX_SHEET_CELLS:,} cells commhealth reads; "
        "delete the empty rows and columns past the ledger, or copy the ledger to a new sheet"
    )


def _reach(rows: int, columns: int) -> None:
    if rows * columns > MAX_SHEET_CELLS:
        raise _too_large(rows, columns)


def _open_part(archive: zipfile.ZipFile, name: str) -> IO[bytes]:
    info = archive.getinfo(name)
    if info.file_size > _MAX_PART_BYTES:
        msg = f"its part {name!r} is {info.file_size:,} bytes uncompressed, too large to read"
        raise SheetTooLarge(msg)
    return archive.open(info)


def _xlsx_sheet_parts(archive: zipfile.ZipFile) -> list[str | None]:
    """The part of each sheet of an .xlsx, in the workbook's order (``None`` when missing)."""
    try:
        with _open_part(archive, "xl/workbook.xml") as f:
            book = ET.parse(f).getroot()
        with _open_part(archive, "xl/_rels/workbook.xml.rels") as f:
            rels = ET.parse(f).getroot()
    except (KeyError, ET.ParseError):
        return []
    targets: dict[str | None, str] = {}
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        targets[rel.get("Id")] = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join("xl", target))
        )
    sheets = book.find(f"{_MAIN}sheets")
    if sheets is None:
        return []
    return [targets.get(sheet.get(f"{_REL}id")) for sheet in sheets.iter(f"{_MAIN}sheet")]


def _events(f: IO[bytes]) -> Iterator[tuple[str, ET.Element]]:
    try:
        yield from ET.iterparse(f, events=("start", "end"))
    except ET.ParseError:
        return  # the reader reports a broken file in its own words


def _ends(f: IO[bytes]) -> Iterator[tuple[str, ET.Element]]:
    try:
        yield from ET.iterparse(f, events=("end",))
    except ET.ParseError:
        return  # the reader reports a broken file in its own words


def _hidden_columns(elem: ET.Element) -> set[int]:
    """The columns a ``<cols>`` element hides, from 1 (a hidden helper column)."""
    hidden: set[int] = set()
    for col in elem.iter(f"{_MAIN}col"):
        if col.get("hidden") in ("1", "true"):
            low, high = int(col.get("min", "0") or 0), int(col.get("max", "0") or 0)
            if 0 < low <= high <= 16384:
                hidden.update(range(low, high + 1))
    return hidden


def _scan_xlsx_sheet(archive: zipfile.ZipFile, name: str) -> SheetScan:
    formulas: list[tuple[int, int]] = []
    errors: list[tuple[int, int, str]] = []
    hidden: set[int] = set()
    numbers: dict[str, int] = {}  # each column's letters read once
    c_tag, row_tag, v_tag, f_tag = f"{_MAIN}c", f"{_MAIN}row", f"{_MAIN}v", f"{_MAIN}f"
    done = 0  # the number of the last row ended; a cell without a reference is in the next
    seen = 0  # the rows met
    column = 0
    with _open_part(archive, name) as f:
        for _event, elem in _ends(f):
            tag = elem.tag
            if tag == c_tag:
                m = _REF.fullmatch(elem.get("r") or "")
                if m is not None:
                    letters = m.group(1)
                    column = numbers.get(letters) or numbers.setdefault(
                        letters, _column_number(letters)
                    )
                    row = int(m.group(2))
                else:
                    row, column = done + 1, column + 1  # it follows the cell before it
                if row * column > MAX_SHEET_CELLS:
                    raise _too_large(row, column)
                if elem.get("t") == "e" and len(errors) < MAX_MERGED:
                    value = elem.find(v_tag)
                    text = (value.text if value is not None else "") or ""
                    errors.append((row, column, text[:20]))
                if elem.find(f_tag) is not None:
                    value = elem.find(v_tag)
                    if value is None or not (value.text or "").strip():
                        formulas.append((row, column))
            elif tag == row_tag:
                r = elem.get("r") or ""
                done = int(r) if r.isdigit() else done + 1
                seen += 1
                if max(done, seen) > MAX_SHEET_CELLS:  # rows with no cells count too
                    raise _too_large(max(done, seen), 1)
                column = 0
                elem.clear()
            elif tag == f"{_MAIN}dimension":
                refs = _REF.findall(elem.get("ref", ""))
                if refs:
                    letters, last = refs[-1]
                    _reach(int(last), _column_number(letters))
            elif tag == f"{_MAIN}cols":
                hidden |= _hidden_columns(elem)
    return SheetScan(
        formulas=tuple(formulas), hidden_columns=frozenset(hidden), errors=tuple(errors)
    )


def _scan_xlsx(archive: zipfile.ZipFile) -> list[SheetScan]:
    names = set(archive.namelist())
    scans = []
    for i, part in enumerate(_xlsx_sheet_parts(archive)):
        try:
            scans.append(
                _scan_xlsx_sheet(archive, part)
                if part is not None and part in names
                else SheetScan()
            )
        except SheetTooLarge as e:
            if i == 0:
                raise
            raise SheetTooLarge(str(e).replace("the first sheet", f"sheet {i + 1}")) from None
    return scans


class _OdsTable:
    """What a look into one table of an .ods file finds, as its XML streams past."""

    def __init__(self) -> None:
        self.formulas: list[tuple[int, int]] = []
        self.merged: list[tuple[int, int, int, int]] = []
        self.hidden: set[int] = set()
        self.declared = 0  # the columns declared so far by <table:table-column>
        self.row = self.column = 0
        self.furthest_row = self.furthest_column = 0

    def scan(self) -> SheetScan:
        return SheetScan(
            formulas=tuple(self.formulas),
            merged=tuple(self.merged),
            hidden_columns=frozenset(self.hidden),
        )

    def declare(self, elem: ET.Element) -> None:
        repeat = int(elem.get(f"{_TABLE}number-columns-repeated", "1") or 1)
        if elem.get(f"{_TABLE}visibility") == "collapse" and self.declared < 16384:
            self.hidden.update(range(self.declared + 1, min(self.declared + repeat, 16384) + 1))
        self.declared += repeat

    def end_row(self, elem: ET.Element) -> None:
        repeat = int(elem.get(f"{_TABLE}number-rows-repeated", "1") or 1)
        if any(_has_content(c) for c in elem):
            self.furthest_row = self.row + repeat
            _reach(self.furthest_row, max(self.furthest_column, 1))
        self.row += repeat
        elem.clear()

    def end_cell(self, elem: ET.Element) -> None:
        row, column = self.row, self.column
        repeat = int(elem.get(f"{_TABLE}number-columns-repeated", "1") or 1)
        rows_spanned = int(elem.get(f"{_TABLE}number-rows-spanned", "1") or 1)
        columns_spanned = int(elem.get(f"{_TABLE}number-columns-spanned", "1") or 1)
        if (rows_spanned > 1 or columns_spanned > 1) and len(self.merged) < MAX_MERGED:
            _reach(row + rows_spanned, column + columns_spanned)
            self.merged.append((row, column, row + rows_spanned - 1, column + columns_spanned - 1))
        if _has_content(elem):
            self.furthest_column = max(self.furthest_column, column + repeat)
            _reach(max(self.furthest_row, row + 1), self.furthest_column)
            if elem.get(f"{_TABLE}formula") and _no_value(elem):
                self.formulas.append((row + 1, column + 1))
        self.column += repeat


def _scan_ods(archive: zipfile.ZipFile) -> list[SheetScan]:
    if "content.xml" not in archive.namelist():
        return []
    scans: list[SheetScan] = []
    table = _OdsTable()
    depth = 0  # tables entered; a table inside a table is not a sheet
    cells = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")
    with _open_part(archive, "content.xml") as f:
        for event, elem in _events(f):
            if elem.tag == f"{_TABLE}table":
                depth += 1 if event == "start" else -1
                if event == "start" and depth == 1:
                    table = _OdsTable()
                elif event == "end" and depth == 0:
                    scans.append(table.scan())
                    elem.clear()
            elif depth != 1:
                continue
            elif elem.tag == f"{_TABLE}table-column" and event == "start":
                table.declare(elem)
            elif elem.tag == f"{_TABLE}table-row":
                if event == "start":
                    table.column = 0
                else:
                    table.end_row(elem)
            elif elem.tag in cells and event == "end":
                table.end_cell(elem)
    return scans


def _has_content(cell: ET.Element) -> bool:
    return bool(cell.get(f"{_OFFICE}value-type") or cell.get(f"{_TABLE}formula") or len(cell))


def _no_value(cell: ET.Element) -> bool:
    has_value = any(k.startswith(_OFFICE) and k.endswith("value") for k in cell.attrib)
    return not has_value and cell.find(f"{_TEXT}p") is None


def _check_parts(archive: zipfile.ZipFile) -> None:
    """Refuse a zip whose parts inflate past the bounds, before any part is read."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_PARTS:
        msg = f"it holds {len(infos):,} parts, more than the {MAX_ZIP_PARTS:,} commhealth reads"
        raise SheetTooLarge(msg)
    total = 0
    for info in infos:
        if info.file_size > _MAX_PART_BYTES:
            msg = (
                f"its part {info.filename!r} is {info.file_size:,} bytes uncompressed, more "
                f"than the {_MAX_PART_BYTES:,} commhealth reads"
            )
            raise SheetTooLarge(msg)
        total += info.file_size
    if total > MAX_UNZIPPED_BYTES:
        msg = (
            f"its parts add up to {total:,} bytes uncompressed, more than the "
            f"{MAX_UNZIPPED_BYTES:,} commhealth reads"
        )
        raise SheetTooLarge(msg)


def scan_workbook(data: bytes, suffix: str) -> list[SheetScan]:
    """Look into every sheet of an ``.xlsx``, ``.xlsm`` or ``.ods`` file, in the workbook's
    order (others give no scans).

    Raises:
        SheetTooLarge: A sheet reaches past :data:`~commhealth._limits.MAX_SHEET_CELLS`, or
            a part of the archive inflates past its bound.
    """
    if suffix not in (".xlsx", ".xlsm", ".ods"):
        return []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return []  # not a zip: the reader says so in its own words
    with archive:
        _check_parts(archive)
        try:
            return _scan_ods(archive) if suffix == ".ods" else _scan_xlsx(archive)
        except (
            zipfile.BadZipFile,
            zlib.error,
            KeyError,
            ValueError,
            OSError,
            EOFError,
            RuntimeError,
            NotImplementedError,
        ):
            return []
