"""The drafting grammar of numbers, periods and dates: 每月, 按季, 每半年, 六月底前, 年终 …

A grammar module: it holds the Chinese patterns a plan's sentences are read with, so it is
on the architecture test's allow-list of modules that may hold Chinese text. Each rule is a
regular expression and the value it stands for; docs/drafting.md lists them all.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

from .._periods import Cadence
from ._numbers import number

__all__ = [
    "HOLIDAYS",
    "NUM",
    "VAGUE",
    "CadenceMatch",
    "DateMatch",
    "RuleMatch",
    "cadences",
    "due_dates",
    "holiday_windows",
    "recurrences",
    "value",
]

#: A number as plans write it: 10, 1.5, 十, 二十六, 两, 46万 (the 万 read by cn2an).
NUM = r"(?:[0-9０-９]+(?:\.[0-9]+)?万?|[零〇一二两三四五六七八九十百千万]+)"

_CADENCES: tuple[tuple[str, Cadence], ...] = (
    # A semester (学期) is held as a half-year: 1 January and 1 July roughly split a school year.
    (r"每半年|半年[一]?次|每个半年|每学期|每个学期", Cadence.HALF_YEAR),
    (r"每季度?|按季度?|每个季度|逐季", Cadence.QUARTER),
    (r"每两个?月|隔月", Cadence.TWO_MONTHS),
    (r"每个?月|按月|逐月|月月", Cadence.MONTH),
    (r"每周|每星期|每个星期|周周", Cadence.WEEK),
    (r"全年|每年|每学年|年内|年度|一年", Cadence.YEAR),
)

#: Words that say "now and then" without saying how often: the sentence is listed as unread.
VAGUE = re.compile(r"定期|不定期|经常性|经常|及时|一系列|一批|适时|常态化")

_WEEKDAYS = {
    "一": "MO",
    "二": "TU",
    "三": "WE",
    "四": "TH",
    "五": "FR",
    "六": "SA",
    "日": "SU",
    "天": "SU",
}


@attrs.frozen
class CadenceMatch:
    """A cadence word found in a sentence, and where."""

    cadence: Cadence
    phrase: str
    start: int
    end: int


@attrs.frozen
class RuleMatch:
    """A recurrence found in a sentence: its RRULE and the phrase that set it."""

    rule: str
    phrase: str
    start: int
    end: int


@attrs.frozen
class DateMatch:
    """A due date found in a sentence, and the phrase that set it."""

    due: dt.date
    phrase: str
    start: int
    end: int


def value(text: str) -> float | None:
    """The value of a numeral; a full-width digit is read as its ASCII twin."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):
        return float(text)
    return number(text)


def cadences(text: str) -> list[CadenceMatch]:
    """Every cadence word in ``text``, in order, none overlapping another."""
    found: list[CadenceMatch] = []
    taken: set[int] = set()
    for pattern, cadence in _CADENCES:
        for m in re.finditer(pattern, text):
            span = set(range(m.start(), m.end()))
            if span & taken:
                continue
            taken |= span
            found.append(CadenceMatch(cadence, m.group(0), m.start(), m.end()))
    return sorted(found, key=lambda c: c.start)


_MONTHLY_DAY = re.compile(rf"每月({NUM})[日号]")
_WEEKLY_DAY = re.compile(r"(?:每周|每星期|周)([一二三四五六日天])(?![年月日])")
_YEARLY_DAY = re.compile(rf"每年({NUM})月({NUM})[日号]")


def recurrences(text: str) -> list[RuleMatch]:
    """The recurrences ``text`` names: 每月10日 (``FREQ=MONTHLY;BYMONTHDAY=10``), 周一
    (``FREQ=WEEKLY;BYDAY=MO``), 每年3月24日 (``FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=24``)."""
    found: list[RuleMatch] = []
    for m in _YEARLY_DAY.finditer(text):
        month, day = value(m.group(1)), value(m.group(2))
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            rule = f"FREQ=YEARLY;BYMONTH={month:g};BYMONTHDAY={day:g}"
            found.append(RuleMatch(rule, m.group(0), m.start(), m.end()))
    for m in _MONTHLY_DAY.finditer(text):
        day = value(m.group(1))
        if day and 1 <= day <= 31:
            rule = f"FREQ=MONTHLY;BYMONTHDAY={day:g}"
            found.append(RuleMatch(rule, m.group(0), m.start(), m.end()))
    for m in _WEEKLY_DAY.finditer(text):
        rule = f"FREQ=WEEKLY;BYDAY={_WEEKDAYS[m.group(1)]}"
        found.append(RuleMatch(rule, m.group(0), m.start(), m.end()))
    return found


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_BY_DAY = re.compile(rf"({NUM})月({NUM})[日号](?:之?前|以前)")
_BY_MONTH_END = re.compile(rf"({NUM})月(?:份)?(?:底|末|中旬)?(?:之?前|以前)")
_YEAR_END = re.compile(r"年终|年底|年末|岁末")
_HALF_END = re.compile(r"上半年")
_MONTH_DONE = re.compile(
    rf"(?<![0-9])({NUM})月(?:份)?(?![0-9日号])(?=.{{0,40}}?(?:拟定|制定|完成|建成|出台|印发))"
)


def due_dates(text: str, year: int) -> list[DateMatch]:
    """The due dates ``text`` names in ``year``: 六月底前 (30 June), 6月15日前, 年终 and 年底
    (31 December), 上半年 (30 June), and a month before a completion verb (11月 … 拟定: 30 November)."""
    found: list[DateMatch] = []
    taken: set[int] = set()

    def add(due: dt.date, m: re.Match[str]) -> None:
        span = set(range(m.start(), m.end()))
        if not span & taken:
            taken.update(span)
            found.append(DateMatch(due, m.group(0), m.start(), m.end()))

    for m in _BY_DAY.finditer(text):
        month, day = value(m.group(1)), value(m.group(2))
        if month and day and 1 <= month <= 12:
            try:
                add(dt.date(year, int(month), int(day)), m)
            except ValueError:
                continue
    for m in _BY_MONTH_END.finditer(text):
        month = value(m.group(1))
        if month and 1 <= month <= 12:
            add(_month_end(year, int(month)), m)
    for m in _YEAR_END.finditer(text):
        add(dt.date(year, 12, 31), m)
    for m in _HALF_END.finditer(text):
        add(dt.date(year, 6, 30), m)
    for m in _MONTH_DONE.finditer(text):
        month = value(m.group(1))
        if month and 1 <= month <= 12:
            add(_month_end(year, int(month)), m)
    return sorted(found, key=lambda d: d.start)


#: The school holidays: the named windows a 寒暑假 quota is restricted to. Their dates differ
#: by city and year, so a draft gives the usual ones and asks the user to confirm them.
HOLIDAYS = {
    "winter-holiday": ("寒假", (1, 15), (2, 21)),
    "summer-holiday": ("暑假", (7, 10), (9, 1)),
}

_HOLIDAY_WORDS = (
    (re.compile(r"寒暑假|寒、暑假|寒假和暑假|寒假、暑假"), ("winter-holiday", "summer-holiday")),
    (re.compile(r"寒假"), ("winter-holiday",)),
    (re.compile(r"暑假|暑期"), ("summer-holiday",)),
)


def holiday_windows(text: str) -> tuple[tuple[str, ...], str] | None:
    """The school-holiday windows ``text`` restricts to, and the phrase: 寒暑假期 → both."""
    for pattern, ids in _HOLIDAY_WORDS:
        m = pattern.search(text)
        if m:
            return ids, m.group(0)
    return None
