"""A ledger's columns read into a :class:`~commhealth.Schedule`, every bad row reported.

Each column is read one *distinct* cell at a time — a ledger repeats its dates, kinds,
topics, places and statuses row after row — and the rows are then checked together, as
arrays. No activity object is made. The few rows a check flags are handed to the
converter, one by one, only to word what is wrong with them, so the messages are those of
every other way into the model.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Hashable, Iterable, Mapping, Sequence
from itertools import compress
from typing import TYPE_CHECKING, Any

import numpy as np

from ..._activities import Activity
from ..._limits import MAX_HOURS, MAX_PARTICIPANTS
from ..._schedule import STATUSES, Schedule
from ...errors import Problem
from ._cells import MISSING, SET_FIELDS
from ._records import build_records
from ._workbook import FORMULA_WITHOUT_VALUE
from ._zip_scan import column_name

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["Column", "build_schedule", "labels_of"]


_STATUS_CODE = {s.value: i for i, s in enumerate(STATUSES)}
_CODED = ("title", "people", "organiser", "location", "observance", "notes", "extras")
_TEMPLATE = ("kind", "tags", "topics", "audience")
_DEFAULTS: dict[str, Any] = {
    "title": "",
    "kind": "",
    "people": frozenset(),
    "tags": frozenset(),
    "topics": frozenset(),
    "audience": frozenset(),
    "organiser": None,
    "location": None,
    "observance": None,
    "notes": None,
    "extras": (),
}


class Column:
    """One column of a table: its place, its field (``None`` under a blank header), the
    label problems name it by, and its cells, one per row — given as they are, or
    *encoded*: the distinct cells and each row's place among them."""

    __slots__ = ("_codes", "_distinct", "cells", "field", "index", "label", "stripped", "unique")

    def __init__(
        self,
        index: int,
        field: str | None,
        label: str,
        cells: Sequence[Hashable] = (),
        *,
        encoded: tuple[npt.NDArray[np.integer[Any]], Sequence[Hashable]] | None = None,
        stripped: bool = False,
        unique: bool = False,
    ) -> None:
        # stripped: the cells are text with no space around them already; unique: no two
        # cells are the same.
        self.index, self.field, self.label, self.cells = index, field, label, cells
        self.stripped, self.unique = stripped, unique
        self._codes: npt.NDArray[np.integer[Any]] | None = None
        self._distinct: Sequence[Hashable] | None = None
        if encoded is not None:
            self._codes, self._distinct = encoded

    def distinct(self) -> Sequence[Hashable]:
        """The distinct cells, in the order they are first met."""
        if self._distinct is not None:
            return self._distinct
        return list(dict.fromkeys(self.cells))

    def cell(self, k: int) -> Hashable:
        """Row ``k``'s cell."""
        if self._codes is not None and self._distinct is not None:
            return self._distinct[int(self._codes[k])]
        return self.cells[k]

    def rows_with(self, wanted: Container[Hashable]) -> Iterable[int]:
        """The rows whose cell is one of ``wanted``."""
        if self._codes is not None and self._distinct is not None:
            hits = [c for c, raw in enumerate(self._distinct) if raw in wanted]
            return np.flatnonzero(np.isin(self._codes, hits)).tolist()
        return (k for k, c in enumerate(self.cells) if c in wanted)

    def spread(self, of: Mapping[Hashable, Any], dtype: type[np.generic], n: int) -> Any:
        """``of[cell]`` for each row's cell, as an array."""
        if self._codes is not None and self._distinct is not None:
            per = np.fromiter(map(of.__getitem__, self._distinct), dtype, len(self._distinct))
            return per[self._codes]
        return np.fromiter(map(of.__getitem__, self.cells), dtype, n)


class _Read:
    """A column's distinct cells read: each one's value, and the rows that failed."""

    def __init__(
        self, column: Column, distinct: Iterable[Hashable], convert: Callable[[str, Any], Any]
    ) -> None:
        field = column.field
        assert field is not None
        self.values: dict[Hashable, Any] = {}
        self.failed: dict[Hashable, str] = {}
        for raw in distinct:
            if raw == FORMULA_WITHOUT_VALUE:
                self.failed[raw] = ""
                continue
            try:
                value = convert(field, raw)
            except ValueError as e:
                self.failed[raw] = str(e)
                continue
            if value is not MISSING and field in SET_FIELDS:
                value = frozenset(value)
            self.values[raw] = value


def _cell_problems(
    columns: Sequence[Column],
    lines: Sequence[int],
    bad: set[int],
    problems: list[Problem],
    convert: Callable[[str, Any], Any],
) -> dict[str, tuple[Column, _Read]]:
    """Read each column's distinct cells; report a cell that does not read, a formula with
    no saved value and text under a blank header, by row; mark their rows bad."""
    found: list[tuple[int, int, Problem]] = []
    read: dict[str, tuple[Column, _Read]] = {}
    for column in columns:
        if column.field is None:
            text = {
                c
                for c in column.distinct()
                if isinstance(c, str) and c.strip() and c != FORMULA_WITHOUT_VALUE
            }
            for k in column.rows_with(text):
                c = str(column.cell(k))
                line = lines[k]
                msg = (
                    f"cell {column_name(column.index + 1)}{line} holds {c.strip()[:40]!r} "
                    "under a column with no header; give the column a header, or clear "
                    "the cell"
                )
                where = f"row {line}, column {column.index + 1}"
                found.append((k, column.index, Problem(path=where, message=msg)))
        distinct = column.distinct() if column.field != "id" else ()
        if FORMULA_WITHOUT_VALUE in distinct or (
            column.field == "id" and FORMULA_WITHOUT_VALUE in column.cells
        ):
            for k in column.rows_with({FORMULA_WITHOUT_VALUE}):
                line = lines[k]
                label = column.label or f"column {column.index + 1}"
                msg = (
                    f"cell {column_name(column.index + 1)}{line} holds a formula with no saved "
                    "value; open the file in a spreadsheet program and save it, or type the "
                    "value in"
                )
                found.append((k, column.index, Problem(path=f"row {line}, {label}", message=msg)))
        if column.field is None or column.field == "id":
            continue  # ids are read on their own: each is met once
        cells = _Read(column, distinct, convert)
        read[column.field] = (column, cells)
        failed = {raw: msg for raw, msg in cells.failed.items() if raw != FORMULA_WITHOUT_VALUE}
        if failed:
            for k in column.rows_with(failed):
                where = f"row {lines[k]}, {column.label}"
                found.append((k, column.index, Problem(path=where, message=failed[column.cell(k)])))
    found.sort(key=lambda f: (f[0], f[1]))  # a row's problems in the order of its cells
    for k, _, problem in found:
        bad.add(k)
        problems.append(problem)
    return read


def _codes(
    read: Mapping[str, tuple[Column, _Read]], field: str, n: int
) -> tuple[npt.NDArray[np.int32], list[Any]]:
    """A coded column: each row's code into the table of the field's distinct values."""
    default = _DEFAULTS[field]
    if field not in read:
        return np.zeros(n, np.int32), [default]
    column, cells = read[field]
    book: dict[Any, int] = {}
    code_of: dict[Hashable, int] = {}
    for raw, value in cells.values.items():
        v = default if value is MISSING else value
        code_of[raw] = book.setdefault(v, len(book))
    for raw in cells.failed:
        code_of[raw] = 0  # the row is bad, and left out
    codes = column.spread(code_of, np.int32, n)
    return codes, list(book) or [default]


def _numbers(
    read: Mapping[str, tuple[Column, _Read]],
    field: str,
    n: int,
    *,
    dtype: type[np.generic],
    missing: float,
    of: Callable[[Any], float],
) -> npt.NDArray[Any]:
    if field not in read:
        return np.full(n, missing, dtype)
    column, cells = read[field]
    number_of: dict[Hashable, float] = dict.fromkeys(cells.failed, missing)
    for raw, value in cells.values.items():
        number_of[raw] = missing if value is MISSING else of(value)
    found: npt.NDArray[Any] = column.spread(number_of, dtype, n)
    return found


def _templates(
    parts: list[tuple[npt.NDArray[np.int32], list[Any]]], good: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.int32], tuple[Any, ...]]:
    """The template column (kind, tags, topics, audience) of the good rows, coded."""
    key = np.zeros(int(good.sum()), np.int64)
    size = 1
    for codes, table in parts:
        if size * len(table) >= 2**62:  # renumber the combinations met so far
            distinct, key = np.unique(key, return_inverse=True)
            key, size = key.reshape(-1).astype(np.int64), len(distinct)
        key = key * len(table) + codes[good]
        size *= len(table)
    if size <= 4 * len(key) + 1024:
        # Few enough combinations to number them by a table of all: no sort.
        seen = np.zeros(size, np.bool_)
        seen[key] = True
        number = np.cumsum(seen) - 1
        inverse = number[key]
        first = np.zeros(int(seen.sum()), np.int64)
        first[inverse] = np.arange(len(key))  # a row of each: its key fixes its values
    else:
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    rows = np.flatnonzero(good)[first]
    templates = tuple(tuple(table[codes[r]] for codes, table in parts) for r in rows.tolist())
    return inverse.reshape(-1).astype(np.int32), templates


def _id_text(cell: Any) -> str:
    """An id cell's text, ``""`` when blank (a formula with no saved value is reported)."""
    if cell is None or cell is MISSING or (isinstance(cell, float) and math.isnan(cell)):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _ordinal(value: Any) -> int:
    return int(value.toordinal())


def _status_code(value: Any) -> float:
    return _STATUS_CODE.get(value if isinstance(value, str) else getattr(value, "value", ""), -2)


def _ids(
    columns: Sequence[Column], lines: Sequence[int], bad: set[int], problems: list[Problem]
) -> list[str]:
    """Each row's id: a blank one is r<line>; a repeated one is reported at its second row."""
    n = len(lines)
    id_column = next((c for c in columns if c.field == "id"), None)
    if id_column is not None:
        try:
            ids: list[str] = (
                list(id_column.cells)  # type: ignore[arg-type]
                if id_column.stripped
                else list(map(str.strip, id_column.cells))  # type: ignore[arg-type]
            )
        except TypeError:  # not all text: a DataFrame's column
            ids = list(map(_id_text, id_column.cells))
        if "" in ids:
            ids = [i or f"r{lines[k]}" for k, i in enumerate(ids)]
    else:
        ids = [f"r{line}" for line in lines]
    known_unique = id_column is not None and id_column.unique and "" not in id_column.cells
    if not known_unique and len(set(ids)) < n:
        first: dict[str, int] = {}
        for k, ident in enumerate(ids):
            if k in bad:
                continue
            if ident in first:
                where = f"row {lines[k]}"
                msg = f"id {ident!r} is also used at row {lines[first[ident]]}"
                problems.append(Problem(path=where, message=msg))
                bad.add(k)
            else:
                first[ident] = k
    return ids


def _flagged(
    read: Mapping[str, tuple[Column, _Read]],
    ids: Sequence[str],
    lines: Sequence[int],
    rows: npt.NDArray[np.intp],
) -> list[tuple[str, dict[str, object]]]:
    """The records of rows a check flagged, for the converter to word."""
    records = []
    for k in rows.tolist():
        record: dict[str, object] = {"id": ids[k]}
        for field, (column, cells) in read.items():
            value = cells.values.get(column.cell(k), MISSING)
            if value is not MISSING:
                record[field] = tuple(value) if field in SET_FIELDS else value
        records.append((f"row {lines[k]}", record))
    return records


def labels_of(columns: Iterable[Column]) -> dict[str, str]:
    """The label each field's column goes by in problems the converter words."""
    return {c.field: c.label.lstrip("\ufeff") for c in columns if c.field is not None}


def build_schedule(
    columns: Sequence[Column],
    lines: Sequence[int],
    problems: list[Problem],
    convert: Callable[[str, Any], Any],
    *,
    bad: set[int] | None = None,
) -> Schedule:
    """The schedule a table's columns make, every row that cannot be read added to
    ``problems`` by its line.

    ``convert(field, cell)`` reads one cell (``MISSING`` when blank; raises ``ValueError``).
    The rows a check flags are built through the converter, which words their problems
    under the columns' labels. ``bad`` holds the rows (by place) already reported.
    """
    n = len(lines)
    bad = set() if bad is None else bad
    read = _cell_problems(columns, lines, bad, problems, convert)
    ids = _ids(columns, lines, bad, problems)
    day = _numbers(read, "date", n, dtype=np.int64, missing=0, of=_ordinal)
    end = _numbers(read, "end", n, dtype=np.int64, missing=0, of=_ordinal)
    hours = _numbers(read, "hours", n, dtype=np.float64, missing=math.nan, of=float)
    participants = _numbers(read, "participants", n, dtype=np.float64, missing=math.nan, of=float)
    status = _numbers(
        read, "status", n, dtype=np.int64, missing=_STATUS_CODE["done"], of=_status_code
    )
    # What the model's validators would refuse, asked of every row at once.
    flagged = (
        (day == 0)
        | ((end != 0) & (end < day))
        | (hours < 0)
        | (hours > MAX_HOURS)
        | (participants < 0)
        | (participants > MAX_PARTICIPANTS)
        | (status < 0)
    )
    good = np.ones(n, np.bool_)
    if bad:
        good[list(bad)] = False
    to_word = np.flatnonzero(flagged & good)
    good &= ~flagged
    worded: list[Activity] = []
    if len(to_word):
        records = _flagged(read, ids, lines, to_word)
        built = build_records(records, Activity, problems, labels_of(columns), typed=True)
        worded = [a for _, a in built]
    coded: dict[str, tuple[npt.NDArray[np.int32], tuple[Any, ...]]] = {}
    for field in _CODED:
        codes, table = _codes(read, field, n)
        coded[field] = (codes[good], tuple(table))
    coded["template"] = _templates([_codes(read, f, n) for f in _TEMPLATE], good)
    schedule = Schedule._of(
        ids=ids if bool(good.all()) else list(compress(ids, good.tolist())),
        day=day[good].astype(np.int32),
        end=end[good].astype(np.int32),
        hours=hours[good],
        participants=np.nan_to_num(participants[good], nan=-1).astype(np.int64),
        status=status[good].astype(np.int8),
        coded=coded,
    )
    if worded:
        schedule = Schedule.concat([schedule, Schedule(worded)])
    return schedule
