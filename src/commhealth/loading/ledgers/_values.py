"""Values the way a health worker types them: dates, date ranges, head counts, statuses.

A 台账 kept by hand writes one date a dozen ways — ``2023.3.24``, ``2023年3月14日下午``,
``２０２３／３／５``, an Excel serial number, ``3月17日-18日`` for two days, ``2月14日`` with
the year only in the sheet's title — and a head count as ``约60人``, ``30余人``, ``六十`` or
``86（人次）``. Each form is read here, as a person reads it; what no person could read
(``2023.13.45``, ``若干``) is left to the caller to report.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re

__all__ = [
    "DateRead",
    "chinese_number",
    "clean_text",
    "plain",
    "read_count",
    "read_date",
    "read_number",
]

# Full-width digits and the punctuation typed with them (１２，／．－：), and the other
# spaces a spreadsheet holds, as their plain forms.
_WIDE = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "／": "/",
        "．": ".",
        "－": "-",
        "—": "-",
        "–": "-",
        "～": "-",
        "~": "-",
        "：": ":",
        "％": "%",
        "\u3000": " ",
        "\xa0": " ",
    }
)

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}  # fmt: skip
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def clean_text(text: str) -> str:
    """A cell's text with every run of spaces, U+3000 and line breaks made one space."""
    return " ".join(text.split())


def plain(text: str) -> str:
    """Full-width digits and punctuation as ASCII, and the text stripped."""
    return text.translate(_WIDE).strip()


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral up to 九万九千九百九十九 (``六十``, ``一百二十``,
    ``两千零五``), or ``None`` when ``text`` is not one."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    total = 0
    digit: int | None = None
    last_unit = 100_000
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                return None  # two digits in a row (一二) are not a numeral
            digit = _DIGITS[ch] if _DIGITS[ch] else None
        else:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


_COUNT = re.compile(
    r"^(?:约|大约|近|共|计|共计|合计)?\s*(?P<n>[0-9]+|[零〇一二两三四五六七八九十百千万]+)\s*"
    r"(?:余|多)?\s*(?:人次|人|名|户|位)?\s*(?:余|多)?\s*(?:[(（]\s*(?:人次|人)\s*[)）])?$"
)


@functools.lru_cache(maxsize=4096)
def read_count(text: str) -> int | None:
    """A head count as written: ``60``, ``约60人``, ``45人``, ``30余人``, ``六十``,
    ``一百二十人``, ``86（人次）``; ``None`` when it is not one. ``30余人`` (more than 30) is
    read as 30, the figure the ledger vouches for."""
    m = _COUNT.match(plain(text))
    if m is None:
        return None
    n = m.group("n")
    return int(n) if n.isascii() else chinese_number(n)


# A number as a person types it: digits, a point, an exponent. Python's float() also reads
# 1_0 as 10, and Arabic-Indic or other scripts' digits as their values, which no ledger
# means; only ASCII digits (full-width ones made ASCII by plain()) are read.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def read_number(text: str) -> float | None:
    """A number as typed: ``12``, ``-3.5``, ``１２``, ``1e3``; ``None`` for anything else,
    ``1_0``, ``١٢``, ``inf`` and ``nan`` among them."""
    s = plain(text)
    if _NUMBER.fullmatch(s) is None:
        return None
    value = float(s)
    return value if math.isfinite(value) else None


# A day as a person writes it: year (optional), month, day, in any of the usual separators.
_YMD = r"(?:(?P<y>[0-9]{4})\s*[-/.年]\s*)?(?P<m>[0-9]{1,2})\s*[-/.月]\s*(?P<d>[0-9]{1,2})\s*[日号]?"
# What may follow a day and is no part of it: a time of day, a weekday, a half-day.
_TAIL = (
    r"(?:\s*(?:上午|下午|晚上|早上|中午|全天|\(.*?\)|（.*?）|星期.|周.|"
    r"[0-9]{1,2}\s*[:：点时]\s*(?:[0-9]{1,2})?\s*分?(?:\s*:\s*[0-9]{1,2}(?:\.[0-9]+)?)?|"
    r"T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?))*"
)
_DAY = re.compile(rf"^{_YMD}{_TAIL}$")
# The end of a range: a full day, a month and day, or a day alone (``3月17日-18日``).
_RANGE = re.compile(
    rf"^(?P<first>{_YMD}){_TAIL}\s*(?:-|至|到)\s*"
    r"(?:(?P<y2>[0-9]{4})\s*[-/.年]\s*)?(?:(?P<m2>[0-9]{1,2})\s*[-/.月]\s*)?(?P<d2>[0-9]{1,2})\s*[日号]?"
    rf"{_TAIL}$"
)
# Excel counts days from 1899-12-30; a serial number in a date column is a day.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL = re.compile(r"^(?P<n>[0-9]{5})(?:\.[0-9]+)?$")
_SERIAL_RANGE = (20000, 80000)  # 1954-10-03 to 2119-01-10


class DateRead:
    """A date cell as read: the day, the last day of a range, and whether the year was
    supplied by the caller (the cell had none)."""

    __slots__ = ("day", "end", "year_supplied")

    def __init__(self, day: dt.date, end: dt.date | None, year_supplied: bool) -> None:
        self.day, self.end, self.year_supplied = day, end, year_supplied

    def __repr__(self) -> str:
        return f"DateRead({self.day!r}, {self.end!r}, {self.year_supplied!r})"


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@functools.lru_cache(maxsize=8192)
def read_date(text: str, year: int | None = None) -> DateRead | None:
    """A date cell as a person reads it, or ``None``.

    ``year`` is the ledger's year (from a sheet's title or the plan's span), used when the
    cell writes none (``2月14日``); without it such a cell is not read.
    """
    s = plain(text)
    if not s:
        return None
    serial = _SERIAL.match(s)
    if serial is not None:
        n = int(serial.group("n"))
        if _SERIAL_RANGE[0] <= n <= _SERIAL_RANGE[1]:
            return DateRead(_EXCEL_EPOCH + dt.timedelta(days=n), None, False)
        return None
    m = _DAY.match(s)
    if m is not None:
        y = m.group("y")
        if y is None and year is None:
            return None
        day = _day(int(y) if y else year or 0, int(m.group("m")), int(m.group("d")))
        return None if day is None else DateRead(day, None, y is None)
    r = _RANGE.match(s)
    if r is None:
        return None
    y = r.group("y")
    if y is None and year is None:
        return None
    first_year = int(y) if y else year or 0
    first = _day(first_year, int(r.group("m")), int(r.group("d")))
    if first is None:
        return None
    y2, m2 = r.group("y2"), r.group("m2")
    last = _day(
        int(y2) if y2 else first.year,
        int(m2) if m2 else first.month,
        int(r.group("d2")),
    )
    if last is None or last < first:
        return None
    return DateRead(first, None if last == first else last, y is None)
