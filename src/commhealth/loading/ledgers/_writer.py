"""Writing activities as a ledger that :func:`~commhealth.load_activities` reads back.

CSV and spreadsheets get the Chinese column names a community office's 台账 uses (the
first Chinese name :data:`ACTIVITY_HEADERS` lists for each field) and Chinese status words;
TOML and JSON get the field names.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..._activities import Activity
from ..._atomic import atomic_path, write_atomic
from ..._neutral import csv_cell, json_text, xlsx_cell
from ...errors import LedgerError, Problem
from ._cells import _STATUS_WORDS, ACTIVITY_HEADERS, SET_FIELDS

__all__ = ["LEDGER_SUFFIXES", "activity_record", "dump_activities", "ledger_rows"]

#: The files :func:`dump_activities` writes, by suffix.
LEDGER_SUFFIXES = (".csv", ".xlsx", ".toml", ".json")

_HAN = re.compile(r"[\u4e00-\u9fff]")
_COLUMNS = (
    "id", "date", "end", "title", "kind", "topics", "tags", "audience", "participants",
    "people", "hours", "organiser", "location", "observance", "status",
)  # fmt: skip
#: Lists in a cell are split on any of several marks when read; this one is plain ASCII.
_LIST_MARK = ";"


def _chinese(field: str) -> str:
    return next(a for a in ACTIVITY_HEADERS[field] if _HAN.search(a))


def _status_word(value: str) -> str:
    return next(w for w, v in _STATUS_WORDS.items() if v == value and _HAN.search(w))


def activity_record(a: Activity) -> dict[str, Any]:
    """An activity as a record of plain values (lists sorted, empty fields left out)."""
    out: dict[str, Any] = {}
    for field in _COLUMNS:
        value = getattr(a, field)
        if field in SET_FIELDS:
            if value:
                out[field] = sorted(value)
        elif field == "status":
            out[field] = value.value
        elif value is not None and value != "":
            out[field] = value
    return out


def ledger_rows(activities: Iterable[Activity]) -> tuple[list[str], list[list[Any]]]:
    """The Chinese header and one row of cells per activity, for a CSV file or a sheet."""
    header = [_chinese(f) for f in _COLUMNS]
    rows = []
    for a in activities:
        record = activity_record(a)
        cells: list[Any] = []
        for field in _COLUMNS:
            value = record.get(field)
            if value is None:
                cells.append("")
            elif field in SET_FIELDS:
                cells.append(_LIST_MARK.join(value))
            elif field == "status":
                cells.append(_status_word(value))
            elif hasattr(value, "isoformat"):
                cells.append(value.isoformat())
            else:
                cells.append(value)
        rows.append(cells)
    return header, rows


def _csv(activities: Sequence[Activity]) -> str:
    header, rows = ledger_rows(activities)
    out = io.StringIO()
    # CRLF, as RFC 4180 has it: a cell holding a lone CR is then quoted too.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_cell(c) for c in row] for row in rows)
    return out.getvalue()


def _xlsx(activities: Sequence[Activity], path: Path) -> None:
    try:
        import xlsxwriter  # noqa: PLC0415 - an optional extra
    except ImportError:
        msg = 'writing .xlsx ledgers needs XlsxWriter: pip install "commhealth[excel]"'
        raise ImportError(msg) from None
    header, rows = ledger_rows(activities)
    cells = [
        [xlsx_cell(c, f"row {i}, column {header[j]}") for j, c in enumerate(row)]
        for i, row in enumerate(rows, start=2)
    ]
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp))
        sheet = book.add_worksheet()
        for j, head in enumerate(header):
            sheet.write_string(0, j, head)
        for i, row in enumerate(cells, start=1):
            for j, cell in enumerate(row):
                # Text is always a string cell: write() would store '=1+1' as a formula.
                if cell == "":
                    continue  # an empty field is an empty cell, as before
                if isinstance(cell, str):
                    sheet.write_string(i, j, cell)
                else:
                    sheet.write(i, j, cell)
        book.close()


def _jsonable(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in record.items()}


def dump_activities(activities: Iterable[Activity], path: str | Path) -> None:
    """Write activities as a ledger, its format chosen by the suffix: ``.csv`` or ``.xlsx``
    (Chinese headers; ``.xlsx`` needs the ``excel`` extra), ``.toml`` or ``.json``.

    The file is replaced in one step (:func:`~commhealth._atomic.write_atomic`): a failed
    write leaves the old file as it was. Text that a spreadsheet would run as a formula is
    written as text: a string cell in ``.xlsx``, behind a ``'`` in ``.csv``
    (:mod:`commhealth._neutral`).

    Raises:
        LedgerError: The suffix is none of those, a cell is longer than a spreadsheet
            holds (``.xlsx``), or the file cannot be written.
    """
    path = Path(path)
    acts = list(activities)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            # With a byte-order mark, so that Excel opens the Chinese headers right.
            write_atomic(path, _csv(acts), encoding="utf-8-sig")
        elif suffix == ".xlsx":
            _xlsx(acts, path)
        elif suffix == ".toml":
            import tomli_w  # noqa: PLC0415 - only writing TOML needs it

            records = [activity_record(a) for a in acts]
            write_atomic(path, tomli_w.dumps({"activities": records}))
        elif suffix == ".json":
            records = [_jsonable(activity_record(a)) for a in acts]
            write_atomic(path, json_text({"activities": records}))
        else:
            msg = f"unknown ledger type {suffix or '(no suffix)'!r}; expected one of {', '.join(LEDGER_SUFFIXES)}"
            raise LedgerError([Problem(path="file", message=msg)], source=str(path))
    except LedgerError as e:
        raise LedgerError(e.problems, source=str(path)) from None
    except OSError as e:
        msg = f"cannot write the file: {e}"
        raise LedgerError([Problem(path="file", message=msg)], source=str(path)) from None
