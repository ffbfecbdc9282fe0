"""Reading ledgers from spreadsheets (.xlsx, .xls, .ods) with python-calamine (extra ``excel``).

Cells come back typed — integers as floats, empty cells as ``''``, dates as dates — so each is
turned into the text a CSV cell would hold, and the CSV reader's rules apply unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ..errors import LedgerError, Problem

__all__ = ["SPREADSHEET_SUFFIXES", "spreadsheet_rows"]

#: The spreadsheet formats a ledger may come in.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def _text(cell: object) -> str:
    """A cell as the text a CSV would hold: whole floats without ``.0``, dates as ISO."""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return "" if cell is None else str(cell)


def spreadsheet_rows(path: Path) -> Iterator[list[str]]:
    """The rows of the first sheet of a spreadsheet, as text cells.

    Raises:
        LedgerError: python-calamine is not installed, or the file cannot be read.
    """
    try:
        from python_calamine import CalamineWorkbook  # noqa: PLC0415 - an optional extra
    except ImportError:
        msg = 'reading spreadsheets needs the excel extra: pip install "commhealth[excel]"'
        raise LedgerError([Problem(path="file", message=msg)], source=str(path)) from None
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = sheet.to_python()
    except Exception as e:
        raise LedgerError(
            [Problem(path="file", message=f"cannot read the spreadsheet: {e}")], source=str(path)
        ) from None
    for row in rows:
        yield [_text(cell) for cell in row]
