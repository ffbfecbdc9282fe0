"""The drafting grammar of a theme calendar (时间安排): 一月份：教育重点是 …, 三月份：结合 …

A grammar module: it holds the Chinese patterns of month lines, so it is on the
architecture test's allow-list. A month line gives the month, the observance days it is
tied to (结合三八妇女节、3.24结核病防治宣传日) and its topics (重点宣传生殖健康知识、结核病防治知识).
"""

from __future__ import annotations

import re

import attrs

from ._grammar_periods import value

__all__ = ["MonthLine", "month_line"]

_MONTH = re.compile(
    r"^\s*(?P<m>十[一二]|[一二三四五六七八九十]|1[0-2]|[1-9])\s*月份?\s*[:：]\s*(?P<rest>.*)$"
)
_TIED = re.compile(r"结合(?P<names>[^，,]+?)(?=[，,]|开展|重点|进行)")
_FOCUS = re.compile(r"(?:教育重点是|重点是|重点宣传|重点开展|重点|开展|宣传|进行)(?P<topics>.+)$")
_NAME_SPLIT = re.compile(r"[、和及与]")
_TOPIC_SPLIT = re.compile(r"[、，,和及]")
_DATE_PREFIX = re.compile(r"^[0-9]{1,2}[.．][0-9]{1,2}(?:的)?")
#: Words that close a topic without being part of it: 生殖健康知识, 吸烟危害等知识教育,
#: 体育健身方面的宣传教育. A bare 教育 stays: 安全教育 is a topic.
_TOPIC_TAILS = ("的宣传教育", "宣传教育", "知识教育", "的知识", "知识", "方面", "的", "等")
_FORMS = re.compile(r"^通过.+?等形式[，,]?")


@attrs.frozen(kw_only=True)
class MonthLine:
    """What one month line says: its month, the observance names and the topics."""

    month: int
    observances: tuple[str, ...]
    topics: tuple[str, ...]


def _clean_topic(topic: str) -> str:
    topic = topic.strip(" 。.，,")
    previous = None
    while previous != topic:
        previous = topic
        for tail in _TOPIC_TAILS:
            if topic.endswith(tail) and len(topic) > len(tail) + 1:
                topic = topic[: -len(tail)]
                break
    return topic


def month_line(text: str) -> MonthLine | None:
    """The month, observances and topics of a line such as 三月份：结合三八妇女节 …, or ``None``."""
    m = _MONTH.match(text)
    if m is None:
        return None
    month = value(m.group("m"))
    if month is None or not 1 <= month <= 12:
        return None
    rest = _FORMS.sub("", m.group("rest").strip())
    names: list[str] = []
    tied = _TIED.search(rest)
    if tied is not None:
        names = [
            _DATE_PREFIX.sub("", n.strip())
            for n in _NAME_SPLIT.split(tied.group("names"))
            if n.strip()
        ]
        rest = rest[tied.end() :].lstrip("，, ")
    focus = _FOCUS.search(rest)
    body = focus.group("topics") if focus else rest
    topics = [t for t in (_clean_topic(t) for t in _TOPIC_SPLIT.split(body)) if t]
    return MonthLine(
        month=int(month), observances=tuple(n for n in names if n), topics=tuple(topics)
    )
