"""The drafting grammar of a document's shape: sections (篇), sentence ends, the plan's year.

A grammar module: its patterns are Chinese, so it is on the architecture test's allow-list.
"""

from __future__ import annotations

import re

from ._grammar_periods import value

__all__ = [
    "SECTION_HEADING",
    "SENTENCE_END",
    "heading_of",
    "is_ideology",
    "organisation_of",
    "section_number",
    "unread_reason",
    "year_of",
]

#: A line that starts a section: "健康社区工作计划篇1", "第二篇", "篇三".
SECTION_HEADING = re.compile(
    r"(?:篇\s*([0-9一二三四五六七八九十]+)|第([0-9一二三四五六七八九十]+)篇)$"
)

#: Where a sentence ends: a full stop, exclamation or question mark. Not a semicolon: plans
#: list the parts of one target with it (三个一活动：一篇调研文章；培育一个示范点；…).
SENTENCE_END = re.compile(r"[。！!？?]+")

_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")


def section_number(heading: str) -> int | None:
    """The number a section heading gives itself: 篇1 → 1, 第三篇 → 3."""
    m = SECTION_HEADING.search(heading)
    if m is None:
        return None
    found = value(m.group(1) or m.group(2))
    return int(found) if found else None


def year_of(text: str) -> int | None:
    """The first year a text names (2022年), or ``None``; 20__年 names none."""
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


#: Organisations' names by their endings, the institutions first: 和平街道社区卫生服务中心 is
#: a health centre, not 和平街道.
_ORGANISATIONS = (
    re.compile(r"([\u4e00-\u9fff]{2,12}?(?:社区卫生服务中心|卫生院|社区党委|小学|中学|学校))"),
    re.compile(r"([\u4e00-\u9fff]{2,10}?(?:社区|街道办事处|街道|镇|乡|村委会|村|区))"),
)
_LEVELS = (
    ("社区卫生服务中心", "health-centre"),
    ("卫生院", "health-centre"),
    ("社区党委", "community"),
    ("街道", "street"),
    ("社区", "community"),
    ("镇", "town"),
    ("乡", "town"),
    ("村", "village"),
    ("学校", "school"),
    ("小学", "school"),
    ("中学", "school"),
    ("区", "district"),
)


#: Words that make a match a description (建设健康社区, 健康型社区), not an organisation's name.
_GENERIC = re.compile(r"健康|建设|创建|型社区|强化|全|各|本|该|我|让|使|积极|配合|开展|推进")


def organisation_of(text: str) -> tuple[str, str | None] | None:
    """The first organisation a text names (龙苑社区, 青秀区) and its level, or ``None``."""
    for pattern in _ORGANISATIONS:
        for m in pattern.finditer(text):
            name = re.sub(r"^.*年", "", m.group(1))
            if len(name) < 3 or _GENERIC.search(name):
                continue
            level = next((lv for suffix, lv in _LEVELS if name.endswith(suffix)), None)
            return name, level
    return None


_SIGN_VAGUE = re.compile(r"定期|不定期|经常性|一系列|一批|适时")
_SIGN_RATE = re.compile(
    r"率[^，,。]{0,6}(?:提高|达到|下降|上升)|(?:提高|达到|降低)[^，,。]{0,16}率"
)
_SIGN_FIGURE = re.compile(
    r"[0-9]+\s*(?:次|天|人|个|户|元|篇|期|%|％|名|所)|[两二三四五六七八九十百千万]+\s*(?:次|天|人|户|元|篇|期|名)"
    r"|每(?:月|年|季|周|半年)|按(?:月|季)"
)


def unread_reason(text: str) -> str | None:
    """Why a sentence no recogniser read still looks like a target, or ``None`` if it does not."""
    m = _SIGN_VAGUE.search(text)
    if m:
        return f"'{m.group(0)}' gives no number or frequency"
    m = _SIGN_RATE.search(text)
    if m:
        return "a rate to reach with no level given"
    m = _SIGN_FIGURE.search(text)
    if m:
        return f"a figure or period ('{m.group(0)}') the draft could not place"
    return None


_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+|[0-9]+)\s*[、.．]\s*([^，,。；;：:]{2,14})\s*$"
)
_IDEOLOGY = re.compile(r"指导思想|总体思路|基本原则|工作原则")


def heading_of(text: str) -> str | None:
    """The words of a numbered heading line (一、指导思想 → 指导思想), or ``None``."""
    m = _HEADING.match(text)
    return m.group(1) if m else None


def is_ideology(heading: str) -> bool:
    """Whether a heading opens a part that states ideas, not targets (指导思想, 基本原则)."""
    return _IDEOLOGY.search(heading) is not None
