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

from ..errors import Problem
from ._columns import Column

__all__ = ["ENABLED", "Plain", "plain_columns"]

#: Whether the fast reader is tried (the tests switch it off to compare).
ENABLED = True


class Plain:
    """A plain CSV file's header and columns, as polars read them."""

    def __init__(
        self, header: list[str], columns: list[Column], lines: list[int], blank_rows: list[int]
    ) -> None:
        self.header, self.columns, self.lines, self.blank_rows = header, columns, lines, blank_rows


def _plain_bytes(data: bytes) -> bool:
    """Whether a file has none of what only the standard reader reads right. Asked of its
    bytes: in UTF-8 and in GB18030 alike these bytes stand only for themselves."""
    if b'"' in data or b"\x00" in data or b"\n\n" in data or b"\n\r\n" in data:
        return False
    return b"\r" not in data or data.count(b"\r") == data.count(b"\r\n")


def plain_columns(
    text: str,
    data: bytes,
    fields: Callable[[list[str]], tuple[dict[int, str], list[Problem]] | None],
    *,
    utf8: bool,
) -> Plain | None:
    """The columns of ``text`` (decoded from ``data``; ``utf8`` when that is its encoding)
    read by polars, or ``None`` when polars is not installed or the file is not plain.
    ``fields(header)`` maps the header's columns to fields, or returns ``None`` when the
    first row is not a header."""
    if not ENABLED or not _plain_bytes(data):
        return None
    try:
        import polars as pl  # noqa: PLC0415 (an optional extra)
    except ImportError:
        return None
    start = 1 if text.startswith("\ufeff") else 0
    end = text.find("\n")
    header = text[start : len(text) if end < 0 else end].rstrip("\r").split(",")
    mapped = fields(header)
    if mapped is None:
        return None
    columns, _ = mapped
    try:
        frame = pl.read_csv(
            io.BytesIO(data if utf8 else text.encode("utf-8")),
            infer_schema=False,
            has_header=False,
            skip_rows=1,
            quote_char=None,
            new_columns=[f"c{i}" for i in range(len(header))],
        )
    except Exception:  # a ragged row, say: the standard reader words it
        return None
    if frame.width != len(header):
        return None
    n = frame.height
    blank = np.ones(n, np.bool_)
    encoded: list[tuple[Any, list[Any]] | list[str]] = []
    for i in range(len(header)):
        series = frame.get_column(f"c{i}").fill_null("")
        if columns.get(i) == "id":  # each id is met once: no use encoding them
            series = series.str.strip_chars()
            blank &= (series.str.len_chars() == 0).to_numpy()
            encoded.append(series.to_list())
            continue
        distinct = series.unique(maintain_order=True).to_list()
        codes = series.cast(pl.Enum(distinct)).to_physical().to_numpy()
        empty = np.fromiter((not d.strip() for d in distinct), np.bool_, len(distinct))
        blank &= empty[codes]
        encoded.append((codes, distinct))
    keep = np.flatnonzero(~blank)
    all_lines = np.arange(2, n + 2)
    blank_rows = all_lines[blank].tolist()
    made = []
    for i, cells in enumerate(encoded):
        field = columns.get(i)
        label = header[i].strip()  # the label the standard reader gives
        if isinstance(cells, list):
            ids = cells if not blank_rows else [cells[k] for k in keep.tolist()]
            made.append(Column(i, field, label, ids, stripped=True))
        else:
            codes, distinct = cells
            made.append(Column(i, field, label, encoded=(codes[keep], distinct)))
    return Plain(header, made, all_lines[keep].tolist(), blank_rows)
