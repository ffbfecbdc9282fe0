"""The drafting grammar of dated targets: recurrences (每月10日, 周一), deadlines (六月底前 …
完成, 年终召开, 11月 … 拟定) and the milestones of a 三个一 list.

A grammar module: it holds Chinese patterns, so it is on the architecture test's allow-list.
"""

from __future__ import annotations

import datetime as dt
import re

from ._grammar_periods import due_dates, recurrences, value
from ._grammar_quotas import select_of, stem_of, title_at
from ._model import FieldSource, Todo
from ._reading import Context, Reading, clause_at

__all__ = ["deadlines", "n_ones", "rules"]

_N_ONES = re.compile(r"([两二三四五六七八九十])个一(?:活动)?[:：](.+)")
_ITEM_SPLIT = re.compile(r"[；;]")
_DONE = re.compile(
    r"完成|建立|建成|召开|举办|制定|拟定|出台|印发|实现|达到|开展|落实|进行|考核|评比"
)
_ALL_DONE = re.compile(r"全部完成|全覆盖|全部建立")


def _year_end(ctx: Context) -> dt.date:
    return dt.date(ctx.year, 12, 31)


def n_ones(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """三个一活动：一篇调研文章；培育一个示范点；…: one milestone for each item, by year end."""
    m = _N_ONES.search(text)
    if m is None:
        return []
    items = [i.strip(" 。，,") for i in _ITEM_SPLIT.split(m.group(2)) if i.strip(" 。，,")]
    n = value(m.group(1))
    if n is None or len(items) != int(n):
        return []
    found = []
    offset = m.start(2)
    for listed in items:
        start = text.find(listed, offset)
        item = re.split(r"[，,]", listed)[0]
        todo = Todo(
            field="due",
            note="the sentence gives no date: the plan's last day stands in",
            choices=("a date in the plan's span",),
        )
        found.append(
            Reading(
                type="deadline",
                fields={"select": {"kind": ["milestone"]}, "due": _year_end(ctx)},
                title=item,
                start=start,
                end=start + len(item),
                sources=(FieldSource(field="type", phrase=f"{m.group(1)}个一"),),
                todos=(todo,),
                stem="milestone",
            )
        )
        offset = start + len(listed)
    taken.update(range(m.start(), m.end()))
    return found


def rules(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """每月10日的通讯员例会, 周一干部学习: a recurrence, each occurrence to be matched."""
    found = []
    for r in recurrences(text):
        if set(range(r.start, r.end)) & taken:
            continue
        select, sources, todos = select_of(ctx, text, r.start, r.end)
        todo = Todo(
            field="tolerance",
            note="how many days either side of each occurrence an activity may fall",
            choices=("0", "1", "2"),
        )
        found.append(
            Reading(
                type="recurrence",
                fields={"select": select, "rule": r.rule},
                title=title_at(text, r.start, r.end),
                start=r.start,
                end=r.end,
                sources=(FieldSource(field="rule", phrase=r.phrase), *sources),
                todos=(*todos, todo),
                stem=stem_of(select, "recurrence"),
            )
        )
        taken.update(range(r.start, r.end))
    return found


def deadlines(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """六月底前 … 全部完成, 年终召开 … 会议, 11月 … 拟定: a milestone (and a coverage) by a date."""
    found = []
    for d in due_dates(text, ctx.year):
        if set(range(d.start, d.end)) & taken:
            continue
        done = _DONE.search(text, d.end)
        if done is None:
            continue
        select, sources, todos = select_of(ctx, text, done.start(), done.end())
        if "kind" not in select:
            select["kind"] = ["milestone"]
            todos = [t for t in todos if t.field != "select.kind"]
            sources.append(
                FieldSource(field="select.kind", phrase="(no activity noun: a milestone)")
            )
        title = text[d.start : _clause_end(text, done.end())].strip()
        base = (FieldSource(field="due", phrase=d.phrase), *sources)
        found.append(
            Reading(
                type="deadline",
                fields={"select": select, "due": d.due},
                title=title,
                start=d.start,
                end=done.end(),
                sources=base,
                todos=tuple(todos),
                stem=stem_of(select, "deadline"),
            )
        )
        every = _ALL_DONE.search(text, d.end)
        if every is not None:
            metric_todo = Todo(field="metric", note="name the measured figure (a coverage in %)")
            found.append(
                Reading(
                    type="deadline",
                    fields={
                        "metric": "coverage",
                        "bound": {"min": 100.0},
                        "unit": "%",
                        "due": d.due,
                    },
                    title=title,
                    start=every.start(),
                    end=every.end(),
                    sources=(
                        FieldSource(field="due", phrase=d.phrase),
                        FieldSource(field="bound", phrase=every.group(0)),
                    ),
                    todos=(metric_todo,),
                    stem="coverage",
                )
            )
        taken.update(range(d.start, d.end))
    return found


def _clause_end(text: str, at: int) -> int:
    return clause_at(text, at, at)[1]


#: The recognisers of activity targets, in the order they run; each marks the characters it
#: read so that a later one does not read them again.
