"""The drafting grammar of for-each lists: 交通安全.工作场所安全 … 等9方面, "治安巡逻岗"、…
八种责任岗位, 结合植树节、世界水日等活动, and 全民终身学习活动周期间 (a named window).

A grammar module: it holds Chinese patterns, so it is on the architecture test's allow-list.
"""

from __future__ import annotations

import re

import attrs

from ._grammar_periods import NUM, value
from ._grammar_quotas import quota_reading, stem_of, title_at
from ._model import FieldSource, Todo
from ._reading import Context, Reading, near_term

__all__ = ["listed_each", "observance_each", "observance_windows"]

_LIST_SPLIT = re.compile(r"[、.．,，]")
_LIST_ANCHOR = re.compile(
    rf"等?({NUM})(?:个|种|类|项)?([^，。、\s]{{0,2}}?)(方面|领域|岗位|岗|处|个地方)"
)
_LIST_START = re.compile(r"涉及|包括|参与|即|如|于|在")
_QUOTES = re.compile(r"[“”\"‘’「」『』《》]")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
_ITEM_PREFIX = re.compile(r"^(?:市民|居民|群众|社区居民|全体)(?=.{2,})")
_LIST_FIELDS = {
    "方面": "topics",
    "领域": "topics",
    "岗位": "tags",
    "岗": "tags",
    "处": "location",
    "个地方": "location",
}
_OBSERVANCE_LIST = re.compile(r"结合([^，,。]+?)等[^，,。]{0,4}?(?:活动|节日?|日|周|月)")
_WINDOW_WEEK = re.compile(r"([^，,。、的]{2,12}?(?:活动周|宣传周|宣传月|活动月))期间")


def listed_each(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """交通安全.工作场所安全 … 等9方面, "治安巡逻岗"、… 八种责任岗位: a quota for each listed value."""
    found = []
    for m in _LIST_ANCHOR.finditer(text):
        n = value(m.group(1))
        if n is None or set(range(m.start(), m.end())) & taken:
            continue
        head = text[: m.start()]
        starts = list(_LIST_START.finditer(head))
        if not starts:
            continue
        body = head[starts[-1].end() :]
        body = _BRACKETED.sub("", _QUOTES.sub("", body))
        items = [_ITEM_PREFIX.sub("", i.strip()) for i in _LIST_SPLIT.split(body) if i.strip()]
        if len(items) != int(n) or any(len(i) > 12 for i in items):
            continue
        field = _LIST_FIELDS[m.group(3)]
        reading = quota_reading(
            ctx,
            text,
            m.start(),
            m.end(),
            bound={"min": 1.0},
            bound_phrase=m.group(0),
            extra_sources=(FieldSource(field="for_each", phrase=m.group(0)),),
        )
        fields = dict(reading.fields)
        fields["for_each"] = {"field": field, "values": items}
        fields["per"] = fields.get("per", "year")
        found.append(
            Reading(
                type="quota",
                fields=fields,
                title=text[starts[-1].end() : m.end()].strip()[:60],
                start=m.start(),
                end=m.end(),
                sources=reading.sources,
                todos=reading.todos,
                stem=reading.stem,
            )
        )
        taken.update(range(m.start(), m.end()))
    return found


def observance_each(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """结合爱国卫生月、植树节、世界环境日等活动 … 宣传: a quota for each observance named."""
    found = []
    for m in _OBSERVANCE_LIST.finditer(text):
        items = [i.strip() for i in _LIST_SPLIT.split(m.group(1)) if i.strip()]
        names = [i for i in items if i in ctx.registry]
        if len(names) < 2:
            continue
        reading = quota_reading(
            ctx, text, m.start(), m.end(), bound={"min": 1.0}, bound_phrase=m.group(0)
        )
        fields = dict(reading.fields)
        fields["for_each"] = {"field": "observance", "values": names}
        # An observance day comes once a year, whatever cadence the sentence names elsewhere.
        fields["per"] = "year"
        once = FieldSource(field="per", phrase="(each observance comes once a year)")
        reading = attrs.evolve(
            reading, sources=(*(x for x in reading.sources if x.field != "per"), once)
        )
        todos = reading.todos
        kind = near_term(ctx.vocabulary.kinds, text, m.end(), len(text))
        if kind is not None and "kind" not in fields["select"]:
            fields["select"] = {**fields["select"], "kind": [kind[0]]}
            todos = tuple(t for t in todos if t.field != "select.kind")
        skipped = [i for i in items if i not in names]
        if skipped:
            todos = (
                *todos,
                Todo(
                    field="for_each.values",
                    note=f"not observance days the calendar knows, left out: {', '.join(skipped)}",
                ),
            )
        found.append(
            Reading(
                type="quota",
                fields=fields,
                title=m.group(0),
                start=m.start(),
                end=m.end(),
                sources=(*reading.sources, FieldSource(field="for_each", phrase=m.group(1))),
                todos=todos,
                stem=stem_of(fields["select"], "publicity"),
            )
        )
        taken.update(range(m.start(), m.end()))
    return found


def observance_windows(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """全民终身学习活动周期间: at least one activity within the week (a named window)."""
    m = _WINDOW_WEEK.search(text)
    if m is None or m.group(1) not in ctx.registry or set(range(m.start(), m.end())) & taken:
        return []
    reading = quota_reading(
        ctx, text, m.start(), m.end(), bound={"min": 1.0}, bound_phrase=f"{m.group(1)}期间"
    )
    fields = {**reading.fields, "within": [f"observance:{m.group(1)}"], "per": "year"}
    taken.update(range(m.start(), m.end()))
    todo = Todo(
        field="bound", note="the sentence gives no number: at least one activity in the window"
    )
    return [
        Reading(
            type="quota",
            fields=fields,
            title=title_at(text, m.start(), m.end()),
            start=m.start(),
            end=m.end(),
            sources=(*reading.sources, FieldSource(field="within", phrase=m.group(0))),
            todos=(*reading.todos, todo),
            windows=((f"observance:{m.group(1)}", m.group(1)),),
            stem=reading.stem,
        )
    ]
