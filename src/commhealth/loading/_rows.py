"""Rows of a table of text cells (a CSV file's or a spreadsheet's), numbered as it shows them."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from ..errors import Problem

__all__ = ["header_row", "numbered_rows"]


def header_row(reader: Iterator[list[str]], what: str) -> tuple[list[str] | None, list[Problem]]:
    """The first row, the header; ``None`` and the problem when ``what`` (a ledger, a score
    sheet) is empty or not valid CSV."""
    try:
        return next(reader), []
    except StopIteration:
        return None, [Problem(path="row 1", message=f"{what} is empty: expected a header row")]
    except csv.Error as e:
        return None, [Problem(path="row 1", message=f"not valid CSV: {e}")]


def numbered_rows(
    reader: Iterator[list[str]], problems: list[Problem]
) -> Iterator[tuple[int, list[str]]]:
    """The rows after the header with their row numbers (the header is row 1), blank rows
    skipped; a row that is not valid CSV is added to ``problems`` and ends the reading."""
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            problems.append(Problem(path=f"row {line + 1}", message=f"not valid CSV: {e}"))
            return
        line += 1
        if any(c.strip() for c in cells):
            yield line, cells
