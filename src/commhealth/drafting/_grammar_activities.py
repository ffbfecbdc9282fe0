"""The drafting grammar of targets that count activities: quotas, recurrences, deadlines.

A grammar module: it holds the Chinese patterns of such targets (不少于10次, 每月进行一次,
各一篇, 等9方面, 三个一, 每月10日, 六月底前 … 完成), so it is on the architecture test's
allow-list. Each recogniser takes a sentence and returns the readings it finds, with the
phrase that set each field; docs/drafting.md lists the patterns.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs

from .._periods import Cadence
from .._plan import Team
from ._grammar_periods import (
    HOLIDAYS,
    NUM,
    cadences,
    due_dates,
    holiday_windows,
    recurrences,
    value,
)
from ._model import FieldSource, Todo
from ._reading import Context, Reading, clause_at, near_term, terms_in

__all__ = ["ACTIVITY_RECOGNISERS"]

_UNITS = {
    "次": "count",
    "课时": "count",
    "节": "count",
    "回": "count",
    "场": "count",
    "篇": "count",
    "期": "count",
    "份": "count",
    "天": "days",
    "日": "days",
    "小时": "hours",
    "学时": "hours",
    "人次": "participants",
}
_MIN_WORDS = r"不少于|不低于|至少|最少|不得少于"
_MAX_WORDS = r"不超过|最多|不多于|不得超过"
_COUNT = re.compile(
    rf"(?:(?P<word>{_MIN_WORDS}|{_MAX_WORDS})(?P<gap>[^，,。；;0-9]{{0,4}}?))?\s*(?P<num>{NUM})\s*"
    rf"(?P<unit>人次|小时|学时|课时|次|回|场|篇|期|份|节|天|日)(?P<tail>以上|以下|以内|及以上)?"
)
_HOLDING = r"组织|开展|举办|召开|进行|出版|编印|发放|刊出|报送|撰写|更新|举行"
_CADENCE_VERB = re.compile(rf"(?:{_HOLDING}|编制|公开)")
_EACH_CHILD = re.compile(r"对各(?:个)?(社区|单位|村|居委会|学校|村\(居\)委|村（居）委)")
_EACH_MEMBER = re.compile(
    r"(班子成员|成员|干部|党员|每位[^，。]{0,4}|每名[^，。]{0,4}|每人)[和及、]?[^，。]{0,4}?(?=每半年|每季|每月|每年|每周)"
)
_BOTH_EACH = re.compile(
    rf"([^，,。、与和送向]{{1,8}})(?:与|和|、)([^，,。、与和]{{1,8}})各({NUM})(篇|次|期|份)"
)
_N_ONES = re.compile(r"([两二三四五六七八九十])个一(?:活动)?[:：](.+)")
_ITEM_SPLIT = re.compile(r"[；;]")
_LIST_ANCHOR = re.compile(
    rf"等?({NUM})(?:个|种|类|项)?([^，。、\s]{{0,2}}?)(方面|领域|岗位|岗|处|个地方)"
)
_LIST_START = re.compile(r"涉及|包括|参与|即|如|于|在")
_LIST_SPLIT = re.compile(r"[、.．,，]")
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
_DONE = re.compile(
    r"完成|建立|建成|召开|举办|制定|拟定|出台|印发|实现|达到|开展|落实|进行|考核|评比"
)
_ALL_DONE = re.compile(r"全部完成|全覆盖|全部建立")
_OBSERVANCE_LIST = re.compile(r"结合([^，,。]+?)等[^，,。]{0,4}?(?:活动|节日?|日|周|月)")
_WINDOW_WEEK = re.compile(r"([^，,。、的]{2,12}?(?:活动周|宣传周|宣传月|活动月))期间")


def _per(text: str, start: int, end: int) -> tuple[Cadence, str] | None:
    """The cadence an anchor at ``text[start:end]`` counts per: the nearest cadence word
    before it in its clause, else the nearest before it in the sentence, else after it in
    its clause."""
    left, right = clause_at(text, start, end)
    found = cadences(text)
    before = [c for c in found if c.end <= start]
    in_clause = [c for c in before if c.start >= left]
    if in_clause:
        return in_clause[-1].cadence, in_clause[-1].phrase
    if before:
        return before[-1].cadence, before[-1].phrase
    after = [c for c in found if c.start >= end and c.end <= right]
    if after:
        return after[0].cadence, after[0].phrase
    return None


def _select(
    ctx: Context, text: str, start: int, end: int
) -> tuple[dict[str, Any], list[FieldSource], list[Todo]]:
    select: dict[str, Any] = {}
    sources: list[FieldSource] = []
    todos: list[Todo] = []
    kind = near_term(ctx.vocabulary.kinds, text, start, end)
    if kind is None:
        choices = tuple(t.code for t in ctx.vocabulary.kinds)
        todos.append(
            Todo(
                field="select.kind",
                note="no activity noun the vocabulary knows; which kind of activity counts?",
                choices=choices,
            )
        )
    else:
        select["kind"] = [kind[0]]
        sources.append(FieldSource(field="select.kind", phrase=kind[1]))
    scope = text[: clause_at(text, start, end)[1]]
    tags = terms_in(ctx.vocabulary.tags, scope)
    if tags:
        select["tags"] = sorted({h[0] for h in tags})
        sources += [FieldSource(field="select.tags", phrase=h[1]) for h in tags]
    audiences = terms_in(ctx.vocabulary.audiences, scope)
    if audiences:
        select["audience"] = sorted({h[0] for h in audiences})
        sources += [FieldSource(field="select.audience", phrase=h[1]) for h in audiences]
    return select, sources, todos


def _title(text: str, start: int, end: int) -> str:
    left, right = clause_at(text, start, end)
    if right - left < 8 and left > 0:
        left, _ = clause_at(text, left - 1, left - 1)
    return text[left:right].strip()


def _stem(select: dict[str, Any], fallback: str) -> str:
    kinds = select.get("kind") or [fallback]
    return str(kinds[0])


def _quota(
    ctx: Context,
    text: str,
    start: int,
    end: int,
    *,
    bound: dict[str, float],
    bound_phrase: str,
    measure: str = "count",
    extra_sources: tuple[FieldSource, ...] = (),
    extra_todos: tuple[Todo, ...] = (),
) -> Reading:
    select, sources, todos = _select(ctx, text, start, end)
    fields: dict[str, Any] = {"select": select, "bound": bound}
    sources.insert(0, FieldSource(field="bound", phrase=bound_phrase))
    if measure != "count":
        fields["measure"] = measure
        sources.append(FieldSource(field="measure", phrase=bound_phrase))
    per = _per(text, start, end)
    if per is None:
        fields["per"] = Cadence.YEAR.value
        sources.append(FieldSource(field="per", phrase="(no period named: the plan's year)"))
    else:
        fields["per"] = per[0].value
        sources.append(FieldSource(field="per", phrase=per[1]))
    teams: tuple[Team, ...] = ()
    windows: tuple[tuple[str, str], ...] = ()
    holidays = holiday_windows(text)
    if holidays is not None:
        ids, phrase = holidays
        fields["within"] = list(ids)
        windows = tuple((i, HOLIDAYS[i][0]) for i in ids)
        sources.append(FieldSource(field="within", phrase=phrase))
    child = _EACH_CHILD.search(text, 0, end)
    member = _EACH_MEMBER.search(text, 0, end)
    if child is not None:
        fields["for_each"] = {"field": "audience", "children": True}
        sources.append(FieldSource(field="for_each", phrase=child.group(0)))
        todos.append(
            Todo(
                field="children",
                note="list the organisations under [[children]]: the quota applies to each",
            )
        )
    elif member is not None:
        name = member.group(0)
        fields["for_each"] = {"field": "people", "team": "members"}
        teams = (Team(id="members", name=name),)
        sources.append(FieldSource(field="for_each", phrase=name))
        todos.append(
            Todo(
                field="teams.members", note=f"list the members of {name}: the quota applies to each"
            )
        )
    return Reading(
        type="quota",
        fields=fields,
        title=_title(text, start, end),
        start=start,
        end=end,
        sources=(*sources, *extra_sources),
        todos=(*todos, *extra_todos),
        teams=teams,
        windows=windows,
        stem=_stem(select, "quota"),
    )


def counted_quotas(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """不少于10次, 两次以上, 每年不少于10天, 每月进行一次, 组织一次 (exactly one, no period)."""
    found = []
    for m in _COUNT.finditer(text):
        if set(range(m.start("num"), m.end("unit"))) & taken:
            continue
        if m.group("unit") == "日" and text[max(0, m.start("num") - 1) : m.start("num")] == "月":
            continue  # a date (6月15日), not a number of days
        n = value(m.group("num"))
        if n is None or n <= 0:
            continue
        word, tail = m.group("word"), m.group("tail")
        before = text[max(0, m.start("num") - 6) : m.start("num")]
        per = _per(text, m.start("num"), m.end())
        holding = re.search(rf"(?:{_HOLDING})[^，,。]{{0,3}}$", before) is not None
        if not (word or tail or per or holding):
            continue
        todos: list[Todo] = []
        if (word and re.fullmatch(_MAX_WORDS, word)) or tail in {"以下", "以内"}:
            bound = {"max": n}
        elif word or tail:
            bound = {"min": n}
        elif n == 1 and per is None:
            bound = {"min": 1.0, "max": 1.0}
        else:
            bound = {"min": n}
            if per is None:
                todos.append(
                    Todo(
                        field="bound",
                        note=f"at least {n:g}, or exactly {n:g}?",
                        choices=("min", "exactly"),
                    )
                )
        phrase = text[m.start() if word else m.start("num") : m.end()].strip()
        reading = _quota(
            ctx,
            text,
            m.start(),
            m.end(),
            bound=bound,
            bound_phrase=phrase,
            measure=_UNITS[m.group("unit")],
            extra_todos=tuple(todos),
        )
        taken.update(range(m.start(), m.end()))
        found.append(reading)
    return found


def cadence_quotas(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """按季召开通报会, 按月编制 … 轮流表: a cadence and a holding verb, no number: once each."""
    found = []
    for c in cadences(text):
        if c.cadence is Cadence.YEAR or set(range(c.start, c.end)) & taken:
            continue
        m = _CADENCE_VERB.match(text, c.end)
        if m is None:
            continue
        rest = text[m.end() : m.end() + 3]
        if re.match(NUM, rest):
            continue
        reading = _quota(
            ctx, text, c.end, m.end(), bound={"min": 1.0}, bound_phrase=f"{c.phrase}{m.group(0)}"
        )
        taken.update(range(c.start, m.end()))
        found.append(reading)
    return found


def both_each(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """送信息与舆情分析各一篇: one quota for each of the two things named."""
    found = []
    for m in _BOTH_EACH.finditer(text):
        n = value(m.group(3))
        if n is None:
            continue
        for group in (1, 2):
            part = m.group(group)
            start = m.start(group)
            reading = _quota(
                ctx,
                text,
                start,
                start + len(part),
                bound={"min": n},
                bound_phrase=f"{part}…各{m.group(3)}{m.group(4)}",
            )
            tags = terms_in(ctx.vocabulary.tags, part)
            fields = dict(reading.fields)
            select = dict(fields["select"])
            if tags:
                select["tags"] = [tags[-1][0]]
            fields["select"] = select
            found.append(
                Reading(
                    type="quota",
                    fields=fields,
                    title=f"{part}各{m.group(3)}{m.group(4)}",
                    start=start,
                    end=m.end(),
                    sources=reading.sources,
                    todos=reading.todos,
                    stem=_stem(select, "quota"),
                )
            )
        taken.update(range(m.start(), m.end()))
    return found


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
        reading = _quota(
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
        reading = _quota(ctx, text, m.start(), m.end(), bound={"min": 1.0}, bound_phrase=m.group(0))
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
                stem=_stem(fields["select"], "publicity"),
            )
        )
        taken.update(range(m.start(), m.end()))
    return found


def observance_windows(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """全民终身学习活动周期间: at least one activity within the week (a named window)."""
    m = _WINDOW_WEEK.search(text)
    if m is None or m.group(1) not in ctx.registry or set(range(m.start(), m.end())) & taken:
        return []
    reading = _quota(
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
            title=_title(text, m.start(), m.end()),
            start=m.start(),
            end=m.end(),
            sources=(*reading.sources, FieldSource(field="within", phrase=m.group(0))),
            todos=(*reading.todos, todo),
            windows=((f"observance:{m.group(1)}", m.group(1)),),
            stem=reading.stem,
        )
    ]


def rules(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """每月10日的通讯员例会, 周一干部学习: a recurrence, each occurrence to be matched."""
    found = []
    for r in recurrences(text):
        if set(range(r.start, r.end)) & taken:
            continue
        select, sources, todos = _select(ctx, text, r.start, r.end)
        todo = Todo(
            field="tolerance",
            note="how many days either side of each occurrence an activity may fall",
            choices=("0", "1", "2"),
        )
        found.append(
            Reading(
                type="recurrence",
                fields={"select": select, "rule": r.rule},
                title=_title(text, r.start, r.end),
                start=r.start,
                end=r.end,
                sources=(FieldSource(field="rule", phrase=r.phrase), *sources),
                todos=(*todos, todo),
                stem=_stem(select, "recurrence"),
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
        select, sources, todos = _select(ctx, text, done.start(), done.end())
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
                stem=_stem(select, "deadline"),
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
ACTIVITY_RECOGNISERS = (
    both_each,
    n_ones,
    rules,
    deadlines,
    observance_each,
    observance_windows,
    listed_each,
    counted_quotas,
    cadence_quotas,
)
