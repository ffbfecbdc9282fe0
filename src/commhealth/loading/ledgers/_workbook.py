"""Reading ledgers from spreadsheets (.xlsx, .xls, .ods) with python-calamine (extra ``excel``).

Cells come back typed — integers as floats, empty cells as ``''``, dates as dates — so each is
turned into the text a CSV cell would hold, and the CSV reader's rules apply unchanged. Rows
are read from A1, so row numbers are the sheet's own even when the ledger starts lower down.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ..._limits import MAX_LEDGER_BYTES, MAX_SHEET_CELLS
from ...errors import LedgerError, Problem
from .._files import FileProblem, read_bytes
from ._zip_scan import SheetScan, SheetTooLarge, column_name, scan_workbook

__all__ = [
    "CELL_ERROR",
    "FORMULA_WITHOUT_VALUE",
    "SPREADSHEET_SUFFIXES",
    "Sheet",
    "spreadsheet_rows",
    "workbook_sheets",
]

#: The spreadsheet formats a ledger may come in.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")

#: What a formula cell with no saved value reads as: a mark no real cell holds, so that the
#: row is reported instead of the cell read as empty.
FORMULA_WITHOUT_VALUE = "\x00formula"
#: What a cell holding a spreadsheet error (``#REF!``) reads as, its text after the mark.
CELL_ERROR = "\x00error:"


def _text(cell: object) -> str:
    """A cell as the text a CSV would hold: whole floats without ``.0``, dates as ISO."""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and math.isfinite(cell) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return "" if cell is None else str(cell)


def _refuse(path: Path, message: str) -> LedgerError:
    return LedgerError([Problem(path="file", message=message)], source=str(path))


@attrs.frozen(kw_only=True)
class Sheet:
    """One sheet of a workbook as text cells from A1, and what its layout says.

    Attributes:
        name: The sheet's name as its tab shows it (``""`` for a CSV file).
        rows: The rows from A1, each a list of text cells.
        merged: The merged ranges, each ``(first row, first column, last row, last
            column)`` from 0, inclusive; the value stands in the first cell only.
        hidden: Whether the sheet is hidden.
        hidden_columns: The hidden columns, from 0.
        errors: Whether some cells hold spreadsheet errors (``#REF!``), read as
            :data:`CELL_ERROR` and their text.
    """

    name: str
    rows: list[list[str]]
    merged: tuple[tuple[int, int, int, int], ...] = ()
    hidden: bool = False
    hidden_columns: frozenset[int] = frozenset()
    errors: bool = False


def _calamine(path: Path) -> Any:
    try:
        from python_calamine import CalamineWorkbook  # noqa: PLC0415 - an optional extra
    except ImportError:
        msg = 'reading spreadsheets needs the excel extra: pip install "commhealth[excel]"'
        raise _refuse(path, msg) from None
    return CalamineWorkbook


def _broken(path: Path, e: BaseException) -> LedgerError:
    # The reader's Rust code reports a broken file as a PanicException, which is a
    # BaseException; only a real interruption is let through.
    if isinstance(e, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
        raise e
    first = str(e).splitlines()[0] if str(e) else type(e).__name__
    return _refuse(path, f"cannot read the spreadsheet: {first}")


def _rows_of(sheet: Any, scan: SheetScan, which: str) -> list[list[str]]:
    rows_high, columns_wide = sheet.end if sheet.end is not None else (0, 0)
    if (rows_high + 1) * (columns_wide + 1) > MAX_SHEET_CELLS:
        raise SheetTooLarge(
            f"{which} reaches row {rows_high + 1:,}, column {column_name(columns_wide + 1)}, "
            f"more than the {MAX_SHEET_CELLS:,} cells commhealth reads"
        )
    formulas = set(scan.formulas)
    errors = {(r, c): text for r, c, text in scan.errors}
    rows = []
    for r, row in enumerate(sheet.to_python(skip_empty_area=False), start=1):
        cells = [_text(cell) for cell in row]
        if formulas or errors:
            for c in range(len(cells)):
                if not cells[c] and (r, c + 1) in formulas:
                    cells[c] = FORMULA_WITHOUT_VALUE
                elif not cells[c] and (r, c + 1) in errors:
                    cells[c] = CELL_ERROR + errors[r, c + 1]
        rows.append(cells)
    return rows


def _open(path: Path) -> tuple[Any, list[SheetScan]]:
    """The workbook at ``path``, opened, and a look into each of its sheets."""
    reader = _calamine(path)
    try:
        data = read_bytes(path, MAX_LEDGER_BYTES)
        scans = scan_workbook(data, path.suffix.lower())
    except FileProblem as e:
        raise LedgerError([e.problem], source=str(path)) from None
    except SheetTooLarge as e:
        raise _refuse(path, f"cannot read the spreadsheet: {e}") from None
    try:
        return reader.from_filelike(io.BytesIO(data)), scans
    except BaseException as e:
        raise _broken(path, e) from None


class _Meta:
    """A sheet's name, kind and visibility, where the reader is too old to say more."""

    typ = "WorkSheet"
    visible = ".Visible"

    def __init__(self, name: str) -> None:
        self.name = name


def _sheets_of(book: Any) -> list[Any]:
    """Each sheet's metadata (name, kind, visibility), in the workbook's order."""
    meta = getattr(book, "sheets_metadata", None)
    return list(meta) if meta is not None else [_Meta(n) for n in book.sheet_names]


def workbook_sheets(path: Path) -> list[Sheet]:
    """Every worksheet of a spreadsheet, in the workbook's order, as text cells.

    A formula cell with no saved value reads as :data:`FORMULA_WITHOUT_VALUE`. The cells of
    all sheets together are bounded by :data:`~commhealth._limits.MAX_SHEET_CELLS`.

    Raises:
        LedgerError: python-calamine is not installed, the file is not a regular file, it
            is larger than :data:`~commhealth._limits.MAX_LEDGER_BYTES`, a part of it
            inflates past its bound, its sheets span more than
            :data:`~commhealth._limits.MAX_SHEET_CELLS` cells, or it cannot be read.
    """
    book, scans = _open(path)
    sheets: list[Sheet] = []
    cells = 0
    try:
        for i, meta in enumerate(_sheets_of(book)):
            if "WorkSheet" not in str(meta.typ):
                continue  # a chart sheet holds no cells
            sheet = book.get_sheet_by_index(i)
            scan = scans[i] if i < len(scans) else SheetScan()
            rows = _rows_of(sheet, scan, f"sheet {meta.name!r}")
            cells += sum(map(len, rows))
            if cells > MAX_SHEET_CELLS:
                raise SheetTooLarge(
                    f"its sheets hold more than the {MAX_SHEET_CELLS:,} cells commhealth reads"
                )
            merged = (
                tuple(
                    (r0, c0, r1, c1)
                    for (r0, c0), (r1, c1) in (getattr(sheet, "merged_cell_ranges", None) or ())
                )
                or scan.merged
            )
            sheets.append(
                Sheet(
                    name=str(meta.name),
                    rows=rows,
                    merged=merged,
                    hidden=not str(meta.visible).endswith(".Visible"),
                    hidden_columns=frozenset(c - 1 for c in scan.hidden_columns),
                    errors=bool(scan.errors),
                )
            )
    except SheetTooLarge as e:
        raise _refuse(path, f"cannot read the spreadsheet: {e}") from None
    except LedgerError:
        raise
    except BaseException as e:
        raise _broken(path, e) from None
    return sheets


def spreadsheet_rows(path: Path) -> Iterator[list[str]]:
    """The rows of the first sheet of a spreadsheet from A1, as text cells.

    A formula cell with no saved value reads as :data:`FORMULA_WITHOUT_VALUE`.

    Raises:
        LedgerError: python-calamine is not installed, the file is not a regular file, it
            is larger than :data:`~commhealth._limits.MAX_LEDGER_BYTES`, its first sheet
            spans more than :data:`~commhealth._limits.MAX_SHEET_CELLS` cells, or it
            cannot be read.
    """
    book, scans = _open(path)
    try:
        rows = _rows_of(
            book.get_sheet_by_index(0), scans[0] if scans else SheetScan(), "the first sheet"
        )
    except SheetTooLarge as e:
        raise _refuse(path, f"cannot read the spreadsheet: {e}") from None
    except BaseException as e:
        raise _broken(path, e) from None
    yield from rows
