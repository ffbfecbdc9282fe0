"""Rows of a table of text cells (a CSV file's or a spreadsheet's), numbered as it shows them.

The header is the first row whose cells are mostly known column names, so a ledger template
with a title row above its header (``龙苑社区2022年健康教育活动台账``) reads as it is. Every
row keeps the number a spreadsheet shows it under; blank rows are counted and skipped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from ...errors import Problem

__all__ = ["HEADER_SEARCH_ROWS", "Table", "csv_reader", "row_order"]

#: How many non-blank rows from the top are looked at for the header.
HEADER_SEARCH_ROWS = 10

_NEVER_CLOSED = (
    'not valid CSV: a quote (") opened in this row is never closed, so this row and every '
    "line after it were read as one cell; close the quote, or remove it"
)


def csv_reader(text: str) -> Iterator[list[str]]:
    """A strict CSV reader of ``text``: a quote that is never closed is an error, not a cell
    that runs to the end of the file."""
    return csv.reader(io.StringIO(text, newline=""), strict=True)


def _blank(cells: list[str]) -> bool:
    return not any(c and not c.isspace() for c in cells)


class Table:
    """The header and the data rows of a table, read once, in order.

    Attributes:
        header: The header's cells, or ``None`` when the table has none.
        header_row: The header's row number (from 1).
        blank_rows: The blank rows after the header, filled in as :meth:`rows` runs.
        problems: Problems found while reading (rows that are not valid CSV).
    """

    def __init__(
        self, reader: Iterator[list[str]], what: str, known: Callable[[str], bool]
    ) -> None:
        self._reader = reader
        self._number = 0
        self._done = False
        self.problems: list[Problem] = []
        self.blank_rows: list[int] = []
        self.header: list[str] | None = None
        self.header_row = 1
        self._pending: list[tuple[int, list[str]]] = []
        self._find_header(what, known)

    def _next(self) -> tuple[int, list[str]] | None:
        """The next row and its number; a row that is not valid CSV is a problem."""
        while not self._done:
            try:
                cells = next(self._reader)
            except StopIteration:
                self._done = True
                return None
            except csv.Error as e:
                self._number += 1
                if self._csv_error(e):
                    return None
                continue
            self._number += 1
            return self._number, cells
        return None

    def _csv_error(self, e: csv.Error) -> bool:
        """Report row ``_number``, which is not valid CSV; whether reading must stop."""
        if "unexpected end of data" in str(e):
            self.problems.append(Problem(path=f"row {self._number}", message=_NEVER_CLOSED))
            self._done = True
            return True
        self.problems.append(Problem(path=f"row {self._number}", message=f"not valid CSV: {e}"))
        return False

    def _find_header(self, what: str, known: Callable[[str], bool]) -> None:
        looked: list[tuple[int, list[str]]] = []
        while len(looked) < HEADER_SEARCH_ROWS:
            row = self._next()
            if row is None:
                break
            if _blank(row[1]):
                continue  # a blank row above the header is not a data row
            looked.append(row)
            names = [c.strip().lstrip("\ufeff") for c in row[1] if c.strip()]
            if 2 * sum(1 for n in names if known(n)) > len(names):
                self.header_row, self.header = row
                return
        if not looked:
            if not self.problems:
                message = f"{what} is empty: expected a header row"
                self.problems.append(Problem(path="row 1", message=message))
            return
        # No row reads as a header: the first is taken, so that its unknown names are shown.
        (self.header_row, self.header), *self._pending = looked

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """The non-blank rows after the header, with their row numbers."""
        if self.header is None:
            return
        yield from self._pending
        blank_rows = self.blank_rows
        while not self._done:
            # The rows one after another, with no call per row; a row that is not valid
            # CSV is reported, and the loop goes on after it.
            number = self._number
            try:
                for cells in self._reader:
                    number += 1
                    if cells and cells[0] and not cells[0].isspace():
                        yield number, cells
                    elif _blank(cells):
                        blank_rows.append(number)
                    else:
                        yield number, cells
            except csv.Error as e:
                self._number = number + 1
                if self._csv_error(e):
                    return
                continue
            self._number = number
            self._done = True


def row_order(problem: Problem) -> int:
    """The row a problem's path names (``row 7``, ``row 7, 日期``), 0 for the file itself:
    the key that lists a sheet's problems in its own order."""
    number = problem.path.removeprefix("row ").split(",")[0]
    return int(number) if number.isdigit() else 0
