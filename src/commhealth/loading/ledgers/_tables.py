"""Records and schedules from a table of text cells (a CSV file's or a spreadsheet's):
the header found and mapped, every row read or reported by the number the sheet shows."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TypeVar

import attrs

from ..._schedule import Schedule
from ...errors import Problem
from ._cells import (
    ACTIVITY_HEADERS,
    NO_DATE_COLUMN,
    OBSERVATION_HEADERS,
    cell_value,
    header_map,
    lookup,
    table_cell,
)
from ._columns import build_schedule, labels_of
from ._csv import Table, row_order
from ._fast_csv import Plain
from ._workbook import FORMULA_WITHOUT_VALUE
from ._zip_scan import column_name

__all__ = [
    "TableRead",
    "plain_header",
    "rows_from_table",
    "schedule_from_plain",
]

T = TypeVar("T")


def _row_record(
    line: int, cells: list[str], header: list[str], columns: Mapping[int, str]
) -> tuple[dict[str, object], list[Problem]]:
    """The record of one row, or the problems that keep it from being read."""
    problems: list[Problem] = []
    if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
        message = f"{len(cells)} cells for {len(header)} columns"
        return {}, [Problem(path=f"row {line}", message=message)]
    record: dict[str, object] = {}
    for i, cell in enumerate(cells):
        field = columns.get(i)
        if cell == FORMULA_WITHOUT_VALUE:
            where = f"row {line}, {header[i].strip() or f'column {i + 1}'}"
            msg = (
                f"cell {column_name(i + 1)}{line} holds a formula with no saved value; open "
                "the file in a spreadsheet program and save it, or type the value in"
            )
            problems.append(Problem(path=where, message=msg))
        elif not cell.strip():
            continue
        elif field is None:
            msg = (
                f"cell {column_name(i + 1)}{line} holds {cell.strip()[:40]!r} under a column "
                "with no header; give the column a header, or clear the cell"
            )
            problems.append(Problem(path=f"row {line}, column {i + 1}", message=msg))
        else:
            try:
                record[field] = cell_value(field, cell)
            except ValueError as e:
                problems.append(Problem(path=f"row {line}, {header[i].strip()}", message=str(e)))
    return record, problems


@attrs.frozen(kw_only=True)
class TableRead:
    rows: list[tuple[str, dict[str, object]]]
    problems: list[Problem]
    labels: dict[str, str]
    header_row: int | None = None
    data_rows: int = 0
    blank_rows: tuple[int, ...] = ()


def rows_from_table(reader: Iterator[list[str]], names: Mapping[str, tuple[str, ...]]) -> TableRead:
    """Records from rows of text cells (a CSV file's or a spreadsheet's), under the header."""
    known = lookup(names)
    what = "the figures file" if names is OBSERVATION_HEADERS else "the ledger"
    table = Table(reader, what, lambda name: name.lower() in known)
    if table.header is None:
        return TableRead(rows=[], problems=table.problems, labels={})
    header = table.header
    columns, problems = header_map(header, table.header_row, names)
    if "date" not in columns.values():
        problems.append(Problem(path=f"row {table.header_row}", message=NO_DATE_COLUMN))
    if problems:
        return TableRead(rows=[], problems=table.problems + problems, labels={})
    rows: list[tuple[str, dict[str, object]]] = []
    count = 0
    for line, cells in table.rows():
        count += 1
        record, bad = _row_record(line, cells, header, columns)
        problems += bad
        if not bad:  # a row with a bad cell is reported for its cells, and not read
            rows.append((f"row {line}", record))
    labels = {field: header[i].strip().lstrip("\ufeff") for i, field in columns.items()}
    return TableRead(
        rows=rows,
        problems=sorted(table.problems + problems, key=row_order),
        labels=labels,
        header_row=table.header_row,
        data_rows=count + len(table.blank_rows),
        blank_rows=tuple(table.blank_rows),
    )


def plain_header(header: list[str]) -> tuple[dict[int, str], list[Problem]] | None:
    """The fields of a plain file's first row, when it is a header without problems."""
    known = lookup(ACTIVITY_HEADERS)
    names = [c.strip().lstrip("\ufeff") for c in header if c.strip()]
    if not 2 * sum(1 for n in names if n.lower() in known) > len(names):
        return None
    columns, problems = header_map(header, 1, ACTIVITY_HEADERS)
    if problems or "date" not in columns.values():
        return None
    return columns, problems


def schedule_from_plain(plain: Plain) -> tuple[Schedule, TableRead]:
    """The schedule of a plain CSV file's columns, as polars read them."""
    problems: list[Problem] = []
    schedule = build_schedule(plain.columns, plain.lines, problems, table_cell)
    read = TableRead(
        rows=[],
        problems=sorted(problems, key=row_order),
        labels=labels_of(plain.columns),
        header_row=1,
        data_rows=len(plain.lines) + len(plain.blank_rows),
        blank_rows=tuple(plain.blank_rows),
    )
    return schedule, read
