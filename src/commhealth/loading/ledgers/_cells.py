"""A ledger's columns and cells: the header names of each field, and how a cell's text is
read (dates, numbers, lists, statuses), each distinct text once."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ._values import clean_text, read_count, read_date, read_number

__all__ = [
    "ACTIVITY_HEADERS",
    "DATE_FIELDS",
    "FLOAT_FIELDS",
    "INT_FIELDS",
    "MISSING",
    "NO_DATE_COLUMN",
    "OBSERVATION_HEADERS",
    "SET_FIELDS",
    "STATUS_WORDS",
    "cell_value",
    "header_map",
    "lookup",
    "parse_ledger_date",
    "table_cell",
]

#: Column names a ledger may use for each activity field (English, then Chinese).
ACTIVITY_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "编号", "序号", "期数"),
    "date": ("date", "日期", "活动日期", "开始日期", "时间", "活动时间", "更换日期", "培训日期"),
    "end": ("end", "结束日期", "截止日期"),
    "title": ("title", "活动名称", "名称", "活动内容", "内容", "宣传内容", "培训内容"),
    "kind": ("kind", "活动类型", "类型", "类别", "活动类别", "活动形式", "形式"),
    "topics": ("topics", "主题", "活动主题"),
    "tags": ("tags", "标签"),
    "audience": ("audience", "对象", "参加对象", "服务对象"),
    "participants": ("participants", "参加人数", "人数", "参与人数", "受益人数", "参加人次"),
    "people": ("people", "参加人员", "人员", "谈话对象", "主讲人", "讲师", "更换人"),
    "hours": ("hours", "时长", "学时", "小时"),
    "organiser": ("organiser", "organizer", "组织者", "组织单位", "主办", "主办单位", "承办单位"),
    "location": ("location", "地点", "活动地点", "宣传栏位置"),
    "observance": ("observance", "宣传日", "纪念日"),
    "status": ("status", "状态"),
}

#: Column names a ledger may use for each observation field.
OBSERVATION_HEADERS: dict[str, tuple[str, ...]] = {
    "metric": ("metric", "指标"),
    "date": ("date", "日期"),
    "value": ("value", "数值", "值"),
    "unit": ("unit", "单位"),
    "source": ("source", "来源"),
}

#: The problem of a ledger with no date column.
NO_DATE_COLUMN = "no date column (date or 日期)"


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


#: A cell with nothing in it.
MISSING: Any = _Missing()
#: The fields whose cells are lists, dates and numbers.
SET_FIELDS = frozenset(("topics", "tags", "audience", "people"))
DATE_FIELDS = frozenset(("date", "end"))
INT_FIELDS = frozenset(("participants",))
FLOAT_FIELDS = frozenset(("hours", "value"))
#: The statuses as workers write them, and the status each one is.
STATUS_WORDS: Mapping[str, str] = {
    "已完成": "done",
    "完成": "done",
    "已开展": "done",
    "已举办": "done",
    "已实施": "done",
    "已落实": "done",
    "是": "done",
    "√": "done",
    "计划": "planned",
    "计划中": "planned",
    "拟开展": "planned",
    "未开展": "planned",
    "待开展": "planned",
    "待定": "planned",
    "延期": "planned",
    "推迟": "planned",
    "进行中": "planned",
    "取消": "cancelled",
    "已取消": "cancelled",
    "作废": "cancelled",
    "canceled": "cancelled",
}
#: The name the ledger writer reads statuses back by.
_STATUS_WORDS = STATUS_WORDS
_LIST_SPLIT = re.compile(r"[;；、,，|/\n\r]")
_DATE_FORMS = "2022-06-30, 2022/6/30 or 2022年6月30日"


@functools.lru_cache(maxsize=4096)
def parse_ledger_date(text: str) -> dt.date:
    """Read a ledger date as a person writes it: ``2022-06-30``, ``2022/6/30``,
    ``2022.6.30``, ``2022年6月30日下午``, ``２０２２／６／３０``, a date and time, or an Excel
    serial number.

    A year holds at most 366 days, so each date a ledger writes is read once.
    """
    read = read_date(text)
    if read is None:
        msg = f"not a date: {text.strip()!r}; write {_DATE_FORMS}"
        raise ValueError(msg)
    if read.end is not None:
        msg = (
            f"{text.strip()!r} is a range of days; write its first day here and its last day "
            "under end (结束日期)"
        )
        raise ValueError(msg)
    return read.day


def lookup(names: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Each column name, lower-cased, and the field it names."""
    return {alias.lower(): field for field, aliases in names.items() for alias in aliases}


def header_map(
    header: list[str], header_row: int, names: Mapping[str, tuple[str, ...]]
) -> tuple[dict[int, str], list[Problem]]:
    """The field under each column of ``header`` (found on row ``header_row``), and a
    problem for each unknown or repeated column name."""
    fields_of = lookup(names)
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff")
        if not name:
            continue
        field = fields_of.get(name.lower())
        where = f"row {header_row}, column {i + 1}"
        if field is None:
            known = ", ".join(a for aliases in names.values() for a in aliases)
            problems.append(Problem(path=where, message=f"unknown column {name!r}; known: {known}"))
        elif field in seen:
            problems.append(
                Problem(path=where, message=f"column {name!r} repeats column {seen[field] + 1}")
            )
        else:
            columns[i] = field
            seen[field] = i
    return columns, problems


def _number(field: str, text: str, *, whole: bool) -> float:
    kind = "a whole number" if whole else "a finite number"
    value = read_number(text.rstrip("%％") if not whole else text)
    if value is None or (whole and not value.is_integer()):
        msg = f"{field!r} must be {kind} (got {text!r})"
        raise ValueError(msg)
    return value


_CODES = ("done", "planned", "cancelled")


def _status(text: str) -> str:
    """A status as a worker writes it (已开展, 计划, 作废) or as its code."""
    if text in STATUS_WORDS:
        return STATUS_WORDS[text]
    if text.lower() in _CODES:
        return text.lower()
    close = difflib.get_close_matches(text, list(STATUS_WORDS), n=2, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    msg = f"not a status: {text!r}; write 已完成, 计划 or 取消 (done, planned, cancelled){hint}"
    raise ValueError(msg)


def _unquoted(text: str) -> str:
    """A cell as written before a writer neutralised it: ``'=1+1`` (the quote a CSV writer
    puts before a formula character, as OWASP advises) reads back as ``=1+1``."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r\x00":
        return text[1:]
    return text


@functools.lru_cache(maxsize=65536)
def cell_value(field: str, text: str) -> object:
    """A cell's value for its field; the same text in the same column is read once (a
    ledger repeats its kinds, topics, places and statuses row after row)."""
    text = text.strip()
    if field in SET_FIELDS:
        return tuple(_unquoted(clean_text(p)) for p in _LIST_SPLIT.split(text) if p.strip())
    if field in DATE_FIELDS:
        return parse_ledger_date(text)
    if field in INT_FIELDS:
        count = read_count(text)
        return int(_number(field, text, whole=True)) if count is None else count
    if field in FLOAT_FIELDS:
        return _number(field, text, whole=False)
    if field == "status":
        return _status(text)
    if text.isprintable() and "  " not in text:  # no line break, U+3000 or run of spaces
        return _unquoted(text) if text[0] == "'" else text
    return _unquoted(clean_text(text))


def table_cell(field: str, raw: str) -> object:
    """A table cell's value for its field, ``MISSING`` when blank."""
    if not raw.strip():
        return MISSING
    return cell_value(field, raw)
