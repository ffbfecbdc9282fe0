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
_DURING = re.compile(r"期间")
_SPAN_ENDINGS = ("周", "月")


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
        # The listed values are what each count is for, not what kind of activity counts:
        # 老年人安全 is a topic, not an audience, and 政策宣传岗 a post, not publicity.
        listed = starts[-1].end()
        masked = text[:listed] + "\u3000" * (m.start() - listed) + text[m.start() :]
        reading = quota_reading(
            ctx,
            masked,
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
            attrs.evolve(
                reading,
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
            attrs.evolve(
                reading,
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


def _observance_before(text: str, at: int, ctx: Context) -> str | None:
    """The longest observance week or month the calendar knows that ends at ``text[at]``."""
    head = text[max(0, at - 14) : at]
    for k in range(len(head) - 1):
        name = head[k:]
        if name.endswith(_SPAN_ENDINGS) and name in ctx.registry:
            return name
    return None


def observance_windows(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """全民终身学习活动周期间: at least one activity within the week (a named window)."""
    for during in _DURING.finditer(text):
        name = _observance_before(text, during.start(), ctx)
        start = during.start() - len(name) if name else 0
        if name is not None and not set(range(start, during.end())) & taken:
            return [_within_observance(text, ctx, taken, name=name, start=start, end=during.end())]
    return []


def _within_observance(
    text: str, ctx: Context, taken: set[int], *, name: str, start: int, end: int
) -> Reading:
    reading = quota_reading(ctx, text, start, end, bound={"min": 1.0}, bound_phrase=f"{name}期间")
    within = [*reading.fields.get("within", []), f"observance:{name}"]
    fields = {**reading.fields, "within": within, "per": "year"}
    taken.update(range(start, end))
    todo = Todo(
        field="bound", note="the sentence gives no number: at least one activity in the window"
    )
    return attrs.evolve(
        reading,
        fields=fields,
        title=title_at(text, start, end),
        start=start,
        end=end,
        sources=(*reading.sources, FieldSource(field="within", phrase=f"{name}期间")),
        todos=(*reading.todos, todo),
        windows=(*reading.windows, (f"observance:{name}", name)),
    )
