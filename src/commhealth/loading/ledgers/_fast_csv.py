"""Reading a plain CSV ledger with polars (the ``fast`` extra), column by column.

polars parses the file in native code and encodes each column as its distinct cells and
each row's place among them, so no Python step runs per cell. The standard reader runs
instead whenever the file is anything but plain — quotes, a NUL, a carriage return without
its line feed, a header below row 1, a row longer than the header — so that every problem
is still found and worded by the one reader that knows them all, and a file reads the same
with or without polars (a property test compares the two).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import numpy as np

from ...errors import Problem
from ._columns import Column

__all__ = ["ENABLED", "PY_WHITESPACE", "Plain", "plain_columns"]

#: Whether the fast reader is tried (the tests switch it off to compare).
ENABLED = True

#: The characters Python's ``str.strip()`` takes for space, the separators U+001C to U+001F
#: among them, which polars' own ``strip_chars()`` keeps: an id is stripped of these so
#: that it reads the same by either reader (a test checks the list against ``isspace``).
PY_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


class Plain:
    """A plain CSV file's columns, as polars read them, with the row number of each of
    their cells and the blank rows left out."""

    def __init__(self, columns: list[Column], lines: list[int], blank_rows: list[int]) -> None:
        self.columns, self.lines, self.blank_rows = columns, lines, blank_rows


def _plain_bytes(data: bytes) -> bool:
    """Whether a file has none of what only the standard reader reads right: a quote, a
    NUL, a carriage return that does not end a line. (Blank lines polars keeps, as rows of
    nothing, which are counted as the standard reader counts them.)"""
    if b'"' in data or b"\x00" in data:
        return False
    return b"\r" not in data or data.count(b"\r") == data.count(b"\r\n")


def plain_columns(
    data: bytes,
    fields: Callable[[list[str]], tuple[dict[int, str], list[Problem]] | None],
) -> Plain | None:
    """The columns of a UTF-8 CSV file's bytes read by polars, or ``None`` when polars is
    not installed or the file is not plain (or not UTF-8). ``fields(header)`` maps the
    header's columns to fields, or returns ``None`` when the first row is not a header."""
    if not ENABLED or not _plain_bytes(data):
        return None
    try:
        import polars as pl  # noqa: PLC0415 (an optional extra)
    except ImportError:
        return None
    end = data.find(b"\n")
    try:
        first = data[: len(data) if end < 0 else end].decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    header = first.rstrip("\r").split(",")
    mapped = fields(header)
    if mapped is None:
        return None
    columns, _ = mapped
    names = [f"c{i}" for i in range(len(header))]
    try:
        frame = pl.read_csv(
            io.BytesIO(data),
            infer_schema=False,
            encoding="utf8",
            has_header=False,
            skip_rows=1,
            quote_char=None,
            new_columns=names,
        )
    except Exception:  # a ragged row, say: the standard reader words it
        return None
    if frame.width != len(header):
        return None
    n = frame.height
    blank = np.ones(n, np.bool_)
    unique_ids = False
    encoded: dict[int, tuple[Any, list[Any]] | list[str]] = {}
    coded = [c for i, c in enumerate(names) if columns.get(i) != "id"]
    # Each column's distinct cells, then each row's place among them: two passes over
    # all the columns at once, which polars runs side by side.
    filled = [pl.col(c).fill_null("") for c in coded]
    distinct_of = frame.select([f.unique().implode() for f in filled]).row(0) if coded else ()
    places = frame.select(
        [f.cast(pl.Enum(d)).to_physical() for f, d in zip(filled, distinct_of, strict=True)]
    )
    for name, distinct in zip(coded, distinct_of, strict=True):
        codes = places.get_column(name).to_numpy()
        empty = np.fromiter((not d.strip() for d in distinct), np.bool_, len(distinct))
        blank &= empty[codes]
        encoded[names.index(name)] = (codes, list(distinct))
    for i, name in enumerate(names):
        if columns.get(i) == "id":  # each id is met once: no use encoding them
            series = frame.get_column(name).fill_null("").str.strip_chars(PY_WHITESPACE)
            blank &= (series.str.len_chars() == 0).to_numpy()
            encoded[i] = series.to_list()
            unique_ids = series.n_unique() == n
    keep = np.flatnonzero(~blank)
    all_lines = np.arange(2, n + 2)
    blank_rows = all_lines[blank].tolist()
    made = []
    for i, cells in sorted(encoded.items()):
        field = columns.get(i)
        label = header[i].strip()  # the label the standard reader gives
        if isinstance(cells, list):
            ids = cells if not blank_rows else [cells[k] for k in keep.tolist()]
            made.append(Column(i, field, label, ids, stripped=True, unique=unique_ids))
        else:
            codes, distinct = cells
            made.append(Column(i, field, label, encoded=(codes[keep], distinct)))
    return Plain(made, all_lines[keep].tolist(), blank_rows)
