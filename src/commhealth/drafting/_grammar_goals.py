"""The drafting grammar of targets on measured figures: goals, ratio goals and trend goals.

A grammar module: it holds the Chinese patterns of such targets (领导小组人员8人, 争创1—2个,
共计46万元, 百分之八十, 人人…, 1:1的名额比例, 人均1元, 发病率逐步下降), so it is on the
architecture test's allow-list.
"""

from __future__ import annotations

import re
from typing import Any

from .._plan import Team
from ._grammar_periods import NUM, due_dates, value
from ._model import FieldSource, Todo
from ._reading import Context, Reading, clause_at, terms_in

__all__ = ["GOAL_RECOGNISERS"]

_RANGE = rf"(?P<a>{NUM})\s*(?:[—\-－~～至到]+\s*(?P<b>{NUM}))?"
_TEAM_SIZE = re.compile(
    rf"(?:[，,]?(?:人员|成员|队员|组员)(?:不少于|至少|达到)?|(?:人员|成员)?)\s*(?P<num>{NUM})\s*(?:人|名)"
)
_TEAM_NAME = re.compile(r"(?:建立|组建|成立|建设)([^，,、（(]{0,12}?)$")
_COUNTED = re.compile(rf"{_RANGE}\s*(?P<unit>个|户|名|家|所)(?!一)")
_GOAL_VERB = re.compile(r"争创|被评为|评为|评选|加入|新增|达到|建成|创成|创建成")
#: A verb that governs a list of counts after it: 争创1—2个 …，3个 …，30—40户 ….
_LIST_VERB = re.compile(r"争创")
_MONEY = re.compile(rf"(?P<num>{NUM})\s*元")
_MONEY_WORD = re.compile(r"经费|资金|拨|共计|申请|投入|预算")
_PERCENT = re.compile(rf"百分之(?P<cn>{NUM})|(?P<num>{NUM})\s*[%％]")
_RATE = re.compile(r"[^，,。、和及]{2,12}?率")
_EVERYONE = re.compile(r"人人([\u4e00-\u9fff][^.．、，,。；;人”]{1,11})")
_EACH_HOME = re.compile(r"每(?:个|一个|户)?(家庭|户|居民|人)[^，,。]{0,6}?(拥有|建立|都有|享有)")
_RATIO = re.compile(rf"(?P<a>{NUM})\s*[:：比]\s*(?P<b>{NUM})(?=[^，,。]{{0,6}}比例)")
_PER_HEAD = re.compile(rf"人均(?P<num>{NUM})\s*元")
_TREND = re.compile(
    r"(?P<subjects>[^，,。和]{1,24}?)(?P<rate>发病率|患病率|死亡率|发生率|新发率|检出率|感染率|肥胖率|近视率)"
    r"(?:逐步|逐年|持续|明显|有所)?(?P<way>下降|降低|减少|上升|提高|增加)"
)
_FALL = {"下降", "降低", "减少"}


def _metric_todo(what: str) -> Todo:
    return Todo(
        field="metric", note=f"name the measured figure ({what}) as your observations name it"
    )


def _free(taken: set[int], start: int, end: int) -> bool:
    return not set(range(start, end)) & taken


def team_sizes(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """领导小组人员8人, 志愿者队伍26人: a team of that size, and a goal on its size."""
    found = []
    for code, word, at in terms_in(ctx.vocabulary.teams, text):
        m = _TEAM_SIZE.match(text, at + len(word))
        if m is None or not _free(taken, at, m.end()):
            continue
        n = value(m.group("num"))
        if n is None:
            continue
        named = _TEAM_NAME.search(text, 0, at)
        name = (named.group(1) + word) if named and named.group(1) else word
        if not (named and named.group(1)):
            for earlier in re.finditer(
                rf"(?:建立|组建|成立)([^，,、（(]{{0,12}}?{re.escape(word)})", text
            ):
                name = earlier.group(1)
        fields: dict[str, Any] = {"metric": f"team.{code}.size", "bound": {"min": n}, "unit": "人"}
        found.append(
            Reading(
                type="goal",
                fields=fields,
                title=f"{name}{n:g}人",
                start=at,
                end=m.end(),
                sources=(
                    FieldSource(field="bound", phrase=m.group(0).strip()),
                    FieldSource(field="metric", phrase=word),
                ),
                teams=(Team(id=code, name=name, size=int(n)),),
                stem=code,
            )
        )
        taken.update(range(at, m.end()))
    return found


def counted_goals(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """争创1—2个 … 先进, 30—40户健康家庭, 23个社区加入: a count to reach (or a range to fall in)."""
    found = []
    for m in _COUNTED.finditer(text):
        if not _free(taken, m.start(), m.end()):
            continue
        left, right = clause_at(text, m.start(), m.end())
        if (
            _GOAL_VERB.search(text, left, right) is None
            and _LIST_VERB.search(text, 0, m.start()) is None
        ):
            continue
        a = value(m.group("a"))
        b = value(m.group("b")) if m.group("b") else None
        if a is None:
            continue
        todos = [_metric_todo("a count")]
        if b is not None and b >= a:
            bound = {"min": a, "max": b}
        else:
            bound = {"min": a}
            todos.append(
                Todo(
                    field="bound",
                    note=f"at least {a:g}, or exactly {a:g}?",
                    choices=("min", "exactly"),
                )
            )
        title = text[left:right].strip()
        found.append(
            Reading(
                type="goal",
                fields={"metric": "count", "bound": bound, "unit": m.group("unit")},
                title=title,
                start=m.start(),
                end=m.end(),
                sources=(
                    FieldSource(field="bound", phrase=m.group(0).strip()),
                    FieldSource(field="unit", phrase=m.group("unit")),
                ),
                todos=tuple(todos),
                stem="goal",
            )
        )
        taken.update(range(m.start(), m.end()))
    return found


def money_goals(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """专项经费共计46万元, 申请了20万元: an amount to reach, in yuan."""
    found = []
    for m in _MONEY.finditer(text):
        if not _free(taken, m.start(), m.end()):
            continue
        left, right = clause_at(text, m.start(), m.end())
        if (
            _MONEY_WORD.search(text, left, right) is None
            and _MONEY_WORD.search(text, m.end(), min(len(text), m.end() + 12)) is None
        ):
            continue
        n = value(m.group("num"))
        if n is None:
            continue
        found.append(
            Reading(
                type="goal",
                fields={"metric": "fund", "bound": {"min": n}, "unit": "元"},
                title=text[left:right].strip(),
                start=m.start(),
                end=m.end(),
                sources=(FieldSource(field="bound", phrase=m.group(0)),),
                todos=(_metric_todo("an amount in yuan"),),
                stem="fund",
            )
        )
        taken.update(range(m.start(), m.end()))
    return found


def percent_goals(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """知晓率达到百分之八十, 建档率90%: a rate to reach, in %; by a date when the sentence
    names one before it (六月底前完成 … 建档率达到95%: a deadline on the figure)."""
    found = []
    for m in _PERCENT.finditer(text):
        if not _free(taken, m.start(), m.end()):
            continue
        n = value(m.group("cn") or m.group("num"))
        if n is None or not 0 <= n <= 100:
            continue
        left, _ = clause_at(text, m.start(), m.end())
        rates = list(_RATE.finditer(text, left, m.start()))
        what = rates[-1].group(0) if rates else "a rate"
        fields: dict[str, Any] = {"metric": "rate", "bound": {"min": n}, "unit": "%"}
        sources = [FieldSource(field="bound", phrase=m.group(0))]
        dates = [d for d in due_dates(text, ctx.year) if d.end <= m.start()]
        kind = "goal"
        if dates:
            kind = "deadline"
            fields["due"] = dates[-1].due
            sources.append(FieldSource(field="due", phrase=dates[-1].phrase))
        found.append(
            Reading(
                type=kind,
                fields=fields,
                title=text[left : m.end()].strip(),
                start=m.start(),
                end=m.end(),
                sources=tuple(sources),
                todos=(_metric_todo(what),),
                stem="rate",
            )
        )
        taken.update(range(m.start(), m.end()))
    return found


def everyone_goals(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """人人参加健身运动 … 人人养成健康行为 (two or more): each a coverage of everyone, 100 %."""
    items = [m for m in _EVERYONE.finditer(text) if _free(taken, m.start(), m.end())]
    if len(items) < 2:
        return []
    found = []
    for m in items:
        found.append(
            Reading(
                type="goal",
                fields={"metric": "coverage", "bound": {"min": 100.0}, "unit": "%"},
                title=m.group(0),
                start=m.start(),
                end=m.end(),
                sources=(FieldSource(field="bound", phrase="人人 (everyone: 100 %)"),),
                todos=(_metric_todo("the share of residents who do it"),),
                stem="everyone",
            )
        )
        taken.update(range(m.start(), m.end()))
    return found


def each_home_goals(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """每个家庭拥有一份健康宣传资料: a coverage of every household, 100 %."""
    m = _EACH_HOME.search(text)
    if m is None or not _free(taken, m.start(), m.end()):
        return []
    left, right = clause_at(text, m.start(), m.end())
    taken.update(range(m.start(), right))
    return [
        Reading(
            type="goal",
            fields={"metric": "coverage", "bound": {"min": 100.0}, "unit": "%"},
            title=text[left:right].strip(),
            start=m.start(),
            end=m.end(),
            sources=(FieldSource(field="bound", phrase=m.group(0)),),
            todos=(_metric_todo("the share of households"),),
            stem="coverage",
        )
    ]


def ratio_goals(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """按照1:1的名额比例 (exactly 1), 人均1元 (at least 1 yuan a head): a ratio of two figures."""
    found = []
    for m in _RATIO.finditer(text):
        a, b = value(m.group("a")), value(m.group("b"))
        if not a or not b or not _free(taken, m.start(), m.end()):
            continue
        left, right = clause_at(text, m.start(), m.end())
        found.append(
            Reading(
                type="ratio_goal",
                fields={
                    "numerator": "numerator",
                    "denominator": "denominator",
                    "bound": {"min": a / b, "max": a / b},
                },
                title=text[left:right].strip(),
                start=m.start(),
                end=m.end(),
                sources=(FieldSource(field="bound", phrase=m.group(0)),),
                todos=(
                    Todo(field="numerator", note="name the two measured figures the ratio divides"),
                ),
                stem="ratio",
            )
        )
        taken.update(range(m.start(), m.end()))
    for m in _PER_HEAD.finditer(text):
        n = value(m.group("num"))
        if n is None or not _free(taken, m.start(), m.end()):
            continue
        left, right = clause_at(text, m.start(), m.end())
        found.append(
            Reading(
                type="ratio_goal",
                fields={"numerator": "fund", "denominator": "population", "bound": {"min": n}},
                title=text[left:right].strip(),
                start=m.start(),
                end=m.end(),
                sources=(FieldSource(field="bound", phrase=m.group(0)),),
                todos=(
                    Todo(
                        field="numerator",
                        note="name the fund (元) and the population (人) figures the ratio divides",
                    ),
                ),
                stem="per-head",
            )
        )
        taken.update(range(m.start(), m.end()))
    return found


def trend_goals(text: str, ctx: Context, taken: set[int]) -> list[Reading]:
    """传染病、慢性病发病率逐步下降: each figure falling (or rising) year on year."""
    found = []
    for m in _TREND.finditer(text):
        if not _free(taken, m.start(), m.end()):
            continue
        subjects = [s.strip() for s in re.split(r"[、]", m.group("subjects")) if s.strip()]
        direction = "fall" if m.group("way") in _FALL else "rise"
        for subject in subjects:
            found.append(
                Reading(
                    type="trend_goal",
                    fields={"metric": "trend", "direction": direction, "per": "year"},
                    title=f"{subject}{m.group('rate')}{m.group('way')}",
                    start=m.start(),
                    end=m.end(),
                    sources=(
                        FieldSource(field="direction", phrase=m.group("way")),
                        FieldSource(field="per", phrase="(no period named: year on year)"),
                    ),
                    todos=(_metric_todo(f"{subject}{m.group('rate')}"),),
                    stem="trend",
                )
            )
        taken.update(range(m.start(), m.end()))
    return found


#: The recognisers of measured targets, in the order they run (after the activity ones).
GOAL_RECOGNISERS = (
    team_sizes,
    ratio_goals,
    trend_goals,
    everyone_goals,
    each_home_goals,
    money_goals,
    percent_goals,
    counted_goals,
)
