"""A pandas or polars DataFrame read into a :class:`~commhealth.Schedule`, column by column."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Sequence
from typing import Any

from ..._schedule import Schedule
from ...errors import LedgerError, Problem
from ._cells import (
    ACTIVITY_HEADERS,
    DATE_FIELDS,
    FLOAT_FIELDS,
    INT_FIELDS,
    MISSING,
    NO_DATE_COLUMN,
    SET_FIELDS,
    cell_value,
    header_map,
)
from ._columns import Column, build_schedule
from ._csv import row_order

__all__ = ["activities_from_frame"]

_NUMBER_FIELDS = INT_FIELDS | FLOAT_FIELDS


def _columns_of(frame: Any) -> tuple[list[str], list[list[Any]]]:
    """The names and the cells of a DataFrame's columns, as Python values; a polars
    LazyFrame is collected first."""
    module = type(frame).__module__.split(".")[0]
    if module == "pandas" and hasattr(frame, "iloc") and hasattr(frame, "columns"):
        names = [str(c) for c in frame.columns]
        # By place, not by name: two columns of one name would give a frame, not a column.
        return names, [frame.iloc[:, i].tolist() for i in range(len(names))]
    if module == "polars" and type(frame).__name__ == "LazyFrame":
        frame = frame.collect()
    if module == "polars" and hasattr(frame, "get_column"):
        names = list(frame.columns)
        return names, [frame.get_column(c).to_list() for c in names]
    msg = f"expected a pandas or polars DataFrame, not {type(frame).__name__}"
    raise TypeError(msg)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    # pandas' NaT and NA are neither None nor a float NaN.
    return type(value).__name__ in ("NaTType", "NAType")


class _Unhashable:
    """A cell no key can be made of (a dict, say): kept by identity, so that it is reported
    as the cell it is."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return repr(self.value)


def _hashable(value: Any) -> Hashable:
    """A cell as a key: lists (of topics, say) as tuples, a missing value (``NA``, ``NaT``,
    ``NaN``) as ``None``, which compare with nothing as booleans."""
    if _missing(value):
        return None
    if isinstance(value, list | set | frozenset):
        return tuple(value)
    tolist = getattr(value, "tolist", None)  # a numpy array in a cell
    if tolist is not None and not isinstance(value, str):
        found = tolist()
        value = tuple(found) if isinstance(found, list) else found
    try:
        hash(value)
    except TypeError:
        return _Unhashable(value)
    return value  # type: ignore[no-any-return]


def _frame_cell(field: str, value: Any) -> object:
    """A DataFrame cell's value for its field: text is read as a ledger's is."""
    if _missing(value):
        return MISSING
    if isinstance(value, str):
        return MISSING if not value.strip() else cell_value(field, value)
    if field in DATE_FIELDS:
        if isinstance(value, dt.datetime) or hasattr(value, "to_pydatetime"):
            return value.date()
        if isinstance(value, dt.date):
            return value
    elif field in SET_FIELDS and isinstance(value, tuple):
        parts = [str(v).strip() for v in value if not _missing(v) and str(v).strip()]
        return tuple(parts)
    elif field in _NUMBER_FIELDS and isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            msg = f"{field!r} must be a finite number (got {value!r})"
            raise ValueError(msg)
        if field == "participants":
            if not float(value).is_integer():
                msg = f"{field!r} must be a whole number (got {value!r})"
                raise ValueError(msg)
            return int(value)
        return float(value)
    elif field not in DATE_FIELDS | SET_FIELDS | _NUMBER_FIELDS and isinstance(value, int):
        return str(value)  # an id or a place written as a number
    if isinstance(value, _Unhashable):
        value = value.value
    shown = repr(value) if len(repr(value)) <= 60 else f"{repr(value)[:57]}..."
    msg = f"{field!r} cannot be {type(value).__name__} {shown}"
    raise ValueError(msg)


def activities_from_frame(frame: Any) -> Schedule:
    """The schedule of a pandas or polars DataFrame whose columns are named as a ledger's
    are (``id``, ``date``, ``kind``… or ``编号``, ``日期``, ``活动类型``…).

    Cells may be text, as in a CSV file, or typed values: dates and timestamps, numbers,
    lists for topics, tags, audience and people; a missing cell (``None``, ``NaN``,
    ``NaT``) is left out. A row with no ``id`` gets ``r<n>``, ``n`` counting the frame's
    rows from 1, and problems name rows the same way.

    >>> import pandas as pd
    >>> from commhealth import activities_from_frame
    >>> frame = pd.DataFrame({"日期": ["2022-03-24", "2022/5/31"], "活动类型": ["lecture"] * 2})
    >>> activities_from_frame(frame)
    Schedule(2 activities, 2022-03-24 … 2022-05-31)

    Raises:
        LedgerError: Every row that cannot be read, by its number, all at once; or a column
            whose name is not a ledger's.
        TypeError: ``frame`` is neither a pandas nor a polars DataFrame.
    """
    names, cells = _columns_of(frame)
    columns, problems = header_map(names, 0, ACTIVITY_HEADERS)
    problems = [
        Problem(path=f"column {p.path.split('column ')[-1]}", message=p.message) for p in problems
    ]
    if "date" not in columns.values():
        problems.append(Problem(path="columns", message=NO_DATE_COLUMN))
    if problems:
        raise LedgerError(problems, source="the DataFrame")
    n = len(cells[0]) if cells else 0
    lines = list(range(1, n + 1))
    found: list[Problem] = []

    table: Sequence[Column] = [
        Column(i, field, names[i], [_hashable(v) for v in cells[i]])
        for i, field in sorted(columns.items())
    ]
    schedule = build_schedule(table, lines, found, _frame_cell)
    if found:
        raise LedgerError(sorted(found, key=row_order), source="the DataFrame")
    return schedule
