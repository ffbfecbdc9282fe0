"""The drafting grammar of quotas: 不少于10次, 两次以上, 每月进行一次, 按季召开, 各一篇.

A grammar module: it holds the Chinese patterns of counted targets, so it is on the
architecture test's allow-list. Each recogniser takes a sentence and returns the readings
it finds, with the phrase that set each field; docs/drafting.md lists the patterns. The
helpers here (the period, the selector, the title of a reading) serve the other grammar
modules of activity targets too.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from .._periods import Cadence
from .._plan import Team
from ._grammar_periods import HOLIDAYS, NUM, cadences, holiday_windows, value
from ._model import FieldSource, Todo
from ._reading import Context, Reading, clause_at, near_term, terms_in

__all__ = [
    "both_each",
    "cadence_quotas",
    "counted_quotas",
    "per_of",
    "quota_reading",
    "select_of",
    "stem_of",
    "title_at",
]

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


def per_of(text: str, start: int, end: int) -> tuple[Cadence, str] | None:
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


def select_of(
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
    # Tags and audiences are read from the clause of the activity noun to the anchor's: 对社区
    # 干部进行 … 培训，每年不少于10天 is training for cadres, and a word further back in the
    # sentence belongs to another part of it.
    left, right = clause_at(text, start, end)
    if kind is not None:
        left = min(left, clause_at(text, kind[3], kind[3])[0])
    scope = text[left:right]
    tags = terms_in(ctx.vocabulary.tags, scope)
    if tags:
        select["tags"] = sorted({h[0] for h in tags})
        sources += [FieldSource(field="select.tags", phrase=h[1]) for h in tags]
    audiences = terms_in(ctx.vocabulary.audiences, scope)
    if audiences:
        select["audience"] = sorted({h[0] for h in audiences})
        sources += [FieldSource(field="select.audience", phrase=h[1]) for h in audiences]
    return select, sources, todos


def title_at(text: str, start: int, end: int) -> str:
    left, right = clause_at(text, start, end)
    if right - left < 8 and left > 0:
        left, _ = clause_at(text, left - 1, left - 1)
    return text[left:right].strip()


def stem_of(select: dict[str, Any], fallback: str) -> str:
    kinds = select.get("kind") or [fallback]
    return str(kinds[0])


def quota_reading(
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
    select, sources, todos = select_of(ctx, text, start, end)
    fields: dict[str, Any] = {"select": select, "bound": bound}
    sources.insert(0, FieldSource(field="bound", phrase=bound_phrase))
    if measure != "count":
        fields["measure"] = measure
        sources.append(FieldSource(field="measure", phrase=bound_phrase))
    per = per_of(text, start, end)
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
        title=title_at(text, start, end),
        start=start,
        end=end,
        sources=(*sources, *extra_sources),
        todos=(*todos, *extra_todos),
        teams=teams,
        windows=windows,
        stem=stem_of(select, "quota"),
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
        per = per_of(text, m.start("num"), m.end())
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
        reading = quota_reading(
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
        reading = quota_reading(
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
            reading = quota_reading(
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
                attrs.evolve(
                    reading,
                    fields=fields,
                    title=f"{part}各{m.group(3)}{m.group(4)}",
                    start=start,
                    end=m.end(),
                    sources=reading.sources,
                    todos=reading.todos,
                    stem=stem_of(select, "quota"),
                )
            )
        taken.update(range(m.start(), m.end()))
    return found
