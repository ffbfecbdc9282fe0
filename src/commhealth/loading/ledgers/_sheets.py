"""A ledger's sheets read one after another: which hold a ledger, and what each gave.

A workbook kept one sheet per month (1月…12月), or per half-year, with a 填表说明 or
汇总 sheet first or last: every sheet whose table has a ledger's header is read, and each
other sheet is named in a note with the reason it was skipped. A CSV file is one sheet.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from ..._schedule import Schedule
from ...errors import Problem
from ._cells import ACTIVITY_HEADERS, NO_DATE_COLUMN
from ._csv import _NEVER_CLOSED
from ._fields import read_laid
from ._layout import lay_out, sheet_year
from ._workbook import Sheet

__all__ = ["SheetSummary", "csv_sheet", "read_sheets"]


@attrs.frozen(kw_only=True)
class SheetSummary:
    """How one sheet of a ledger was read.

    Attributes:
        name: The sheet's name (``""`` for a CSV file).
        ledger: Whether the sheet holds a ledger table (others are skipped).
        header_rows: The rows its header stands on, from 1.
        activity_rows: The rows that hold an activity, read or reported.
        noted: The other non-blank rows and what each is (``title``, ``total``, …).
        blank_rows: The blank rows after the header.
        year: The year dates without one were given, when some were.
        why: Why a sheet was skipped (``no-header``, ``not-chosen``, ``empty``).
        undated: For a sheet skipped for want of a date column, the row its header
            seems to stand on.
    """

    name: str
    ledger: bool
    header_rows: tuple[int, ...] = ()
    activity_rows: int = 0
    noted: tuple[tuple[int, str], ...] = ()
    blank_rows: tuple[int, ...] = ()
    year: int | None = None
    why: str | None = None
    undated: int | None = None


def csv_sheet(reader: Iterator[list[str]], problems: list[Problem]) -> Sheet:
    """A CSV file's rows as one sheet; a row that is not valid CSV is a problem, and read
    as blank in its place."""
    rows: list[list[str]] = []
    while True:
        try:
            rows.append(next(reader))
        except StopIteration:
            break
        except csv.Error as e:
            line = len(rows) + 1
            if "unexpected end of data" in str(e):
                problems.append(Problem(path=f"row {line}", message=_NEVER_CLOSED))
                break
            problems.append(Problem(path=f"row {line}", message=f"not valid CSV: {e}"))
            rows.append([])
    return Sheet(name="", rows=rows)


def _where(sheet: str, path: str, qualify: bool) -> str:
    return f"sheet {sheet!r}, {path}" if qualify else path


def read_sheets(
    sheets: Sequence[Sheet],
    *,
    year: int | None = None,
    only: str | None = None,
    file_year: int | None = None,
) -> tuple[Schedule, list[Problem], list[tuple[str, dict[str, Any]]], list[SheetSummary]]:
    """The schedule of every ledger sheet, the rows that could not be read, notes, and a
    summary of each sheet.

    ``year`` is the plan's (for dates written without one, when no title gives one);
    ``only`` names the one sheet to read.
    """
    problems: list[Problem] = []
    notes: list[tuple[str, dict[str, Any]]] = []
    summaries: list[SheetSummary] = []
    names = [s.name for s in sheets]
    if only is not None and only not in names:
        msg = f"no sheet named {only!r}; the sheets are {', '.join(repr(n) for n in names)}"
        return Schedule(), [Problem(path="file", message=msg)], notes, summaries
    laid = []
    for sheet in sheets:
        if only is not None and sheet.name != only:
            summaries.append(SheetSummary(name=sheet.name, ledger=False, why="not-chosen"))
            continue
        table = lay_out(
            sheet.rows,
            ACTIVITY_HEADERS,
            merged=sheet.merged,
            skip_columns=sheet.hidden_columns,
            errors=sheet.errors,
        )
        if table.header is None:
            why = "empty" if not any(any(c.strip() for c in r) for r in sheet.rows) else "no-header"
            summaries.append(
                SheetSummary(name=sheet.name, ledger=False, why=why, undated=table.undated)
            )
            continue
        laid.append((sheet, table))
    qualify = len(sheets) > 1
    workbook_year = next(
        (y for s, t in laid if (y := sheet_year((*t.title, s.name))) is not None), None
    )
    parts: list[Schedule] = []
    for sheet, table in laid:
        own = sheet_year((*table.title, sheet.name))
        sheet_yr = own or workbook_year or file_year or year
        read = read_laid(table, year=sheet_yr, id_prefix=sheet.name if len(laid) > 1 else None)
        parts.append(read.schedule)
        for p in read.problems:
            problems.append(Problem(path=_where(sheet.name, p.path, qualify), message=p.message))
        for code, facts in read.notes:
            notes.append((code, {**facts, "sheet": sheet.name} if qualify else facts))
        summaries.append(
            SheetSummary(
                name=sheet.name,
                ledger=True,
                header_rows=table.header_rows,
                activity_rows=read.activity_rows,
                noted=tuple(table.notes),
                blank_rows=tuple(table.blank_rows),
                year=sheet_yr if any(c == "year-supplied" for c, _ in read.notes) else None,
            )
        )
    if not laid:
        for s in summaries:
            if s.undated is not None:
                where = _where(s.name, f"row {s.undated}", qualify)
                problems.append(Problem(path=where, message=NO_DATE_COLUMN))
    order = {name: i for i, name in enumerate(names)}
    summaries.sort(key=lambda s: order.get(s.name, 0))
    schedule = parts[0] if len(parts) == 1 else Schedule.concat(parts)  # none: empty
    return schedule, problems, notes, summaries
