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

from .._limits import MAX_LEDGER_BYTES, MAX_SHEET_CELLS
from ..errors import LedgerError, Problem
from ._files import FileProblem, read_bytes
from ._sheet_scan import SheetTooLarge, column_name, scan_sheet

__all__ = ["SPREADSHEET_SUFFIXES", "spreadsheet_rows"]

#: The spreadsheet formats a ledger may come in.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")

#: What a formula cell with no saved value reads as: a mark no real cell holds, so that the
#: row is reported instead of the cell read as empty.
FORMULA_WITHOUT_VALUE = "\x00formula"


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


def spreadsheet_rows(path: Path) -> Iterator[list[str]]:
    """The rows of the first sheet of a spreadsheet from A1, as text cells.

    A formula cell with no saved value reads as :data:`FORMULA_WITHOUT_VALUE`.

    Raises:
        LedgerError: python-calamine is not installed, the file is not a regular file, it
            is larger than :data:`~commhealth._limits.MAX_LEDGER_BYTES`, its first sheet
            spans more than :data:`~commhealth._limits.MAX_SHEET_CELLS` cells, or it
            cannot be read.
    """
    try:
        from python_calamine import CalamineWorkbook  # noqa: PLC0415 - an optional extra
    except ImportError:
        msg = 'reading spreadsheets needs the excel extra: pip install "commhealth[excel]"'
        raise _refuse(path, msg) from None
    try:
        data = read_bytes(path, MAX_LEDGER_BYTES)
        scan = scan_sheet(data, path.suffix.lower())
    except FileProblem as e:
        raise LedgerError([e.problem], source=str(path)) from None
    except SheetTooLarge as e:
        raise _refuse(path, f"cannot read the spreadsheet: {e}") from None
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        rows_high, columns_wide = sheet.end if sheet.end is not None else (0, 0)
        if (rows_high + 1) * (columns_wide + 1) > MAX_SHEET_CELLS:
            raise SheetTooLarge(
                f"the first sheet reaches row {rows_high + 1:,}, column "
                f"{column_name(columns_wide + 1)}, more than the {MAX_SHEET_CELLS:,} cells "
                "commhealth reads"
            )
        rows = sheet.to_python(skip_empty_area=False)
    except SheetTooLarge as e:
        raise _refuse(path, f"cannot read the spreadsheet: {e}") from None
    except BaseException as e:
        # The reader's Rust code reports a broken file as a PanicException, which is a
        # BaseException; only a real interruption is let through.
        if isinstance(e, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
            raise
        msg = (
            f"cannot read the spreadsheet: {str(e).splitlines()[0] if str(e) else type(e).__name__}"
        )
        raise _refuse(path, msg) from None
    formulas = set(scan.formulas)
    for r, row in enumerate(rows, start=1):
        cells = [_text(cell) for cell in row]
        for c in range(len(cells)):
            if not cells[c] and (r, c + 1) in formulas:
                cells[c] = FORMULA_WITHOUT_VALUE
        yield cells
