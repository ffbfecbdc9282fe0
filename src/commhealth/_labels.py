"""Words for dates, windows, statuses and units in Chinese and English."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ._periods import Window
from ._status import Status

__all__ = ["Lang", "date_label", "figure", "status_label", "window_label"]

Lang = Literal["zh", "en"]

_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_STATUS = {
    Status.MET: ("达标", "met"),
    Status.MISSED: ("未达标", "missed"),
    Status.EXCEEDED: ("超出上限", "exceeded"),
    Status.ON_TRACK: ("按计划推进", "on track"),
    Status.AT_RISK: ("有风险", "at risk"),
    Status.NOT_DUE: ("未到期", "not due"),
    Status.NO_DATA: ("缺少数据", "no data"),
}


def figure(value: float) -> str:
    """A figure in plain digits: no needless ``.0``, no exponent, up to six decimals.

    Plain digits keep a near miss visible: 99.996 against a minimum of 100 is not "100".
    """
    value = float(value)
    if value.is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def status_label(status: Status, lang: Lang) -> str:
    """A status in words: ``未达标`` / ``missed``."""
    zh, en = _STATUS[status]
    return zh if lang == "zh" else en


def date_label(day: dt.date, lang: Lang) -> str:
    """A date in words: ``2022年6月30日`` / ``30 June 2022``."""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def _month_span(w: Window) -> int | None:
    """The number of whole months a window covers, if it runs from a 1st to a 1st."""
    if w.start.day != 1 or w.end.day != 1:
        return None
    return (w.end.year - w.start.year) * 12 + w.end.month - w.start.month


def window_label(w: Window, lang: Lang) -> str:
    """A window in words: ``2022年7月`` / ``July 2022``, ``2022年上半年`` / ``first half of 2022``."""
    months = _month_span(w)
    s, last = w.start, w.last
    if months == 12 and s.month == 1:
        return f"{s.year}年" if lang == "zh" else str(s.year)
    if months == 6 and s.month in (1, 7):
        first = s.month == 1
        if lang == "zh":
            return f"{s.year}年{'上' if first else '下'}半年"
        return f"{'first' if first else 'second'} half of {s.year}"
    if months == 3 and s.month in (1, 4, 7, 10):
        q = (s.month - 1) // 3 + 1
        return f"{s.year}年第{q}季度" if lang == "zh" else f"Q{q} {s.year}"
    if months == 1:
        return f"{s.year}年{s.month}月" if lang == "zh" else f"{_MONTHS_EN[s.month - 1]} {s.year}"
    if months is not None and s.year == last.year:
        if lang == "zh":
            return f"{s.year}年{s.month}—{last.month}月"
        return f"{_MONTHS_EN[s.month - 1]}–{_MONTHS_EN[last.month - 1]} {s.year}"
    if len(w) == 1:
        return date_label(s, lang)
    if lang == "zh":
        tail = f"{last.month}月{last.day}日" if last.year == s.year else date_label(last, lang)
        return f"{date_label(s, lang)}至{tail}"
    return f"{date_label(s, lang)} to {date_label(last, lang)}"
