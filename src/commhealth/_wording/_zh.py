"""The report's sentences in Chinese."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .._periods import Window
from .._status import Status
from ._base import (
    Lang,
    Wording,
    bound_of,
    counted,
    day_of,
    figure,
    label_of,
    missing_terms,
    shown_ids,
    window_shape,
)

#: The labels of the HTML views and pictures.
_LABELS = {
    # --out refused (the command line fills in the paths).
    "out_is_input": "--out {out} 就是本命令读入的 {given}，写出会覆盖它；请换一个文件",
    "out_is_folder": "--out {out} 是一个文件夹；请写出文件名，例如 {example}",
    "failing": "未达标的要求",
    "all": "全部要求",
    "heatmap": "全年一览",
    "grid": "各单位一览",
    "span": "全年",
    "summary": "汇总",
    "findings": "检查结果",
    "criteria": "评分",
    "lost": "失分",
    "start_end": "起始日|截止日",
    "ranking": "排名",
    "maximum": "满分",
    "points_lost": "失分",
}

#: Rules whose words already say how much they deducted.
_SAYS_DEDUCTED = ("deduction", "penalty")

if TYPE_CHECKING:
    from .._activities import Activity
    from .._ledger_findings import LedgerFinding
    from .._report import Finding, Report
    from ..evaluation import Assessment, CriterionScore, Ranking, SectionScore
    from ..planner import Infeasible, Proposal

__all__ = ["Chinese"]

_STATUS = {
    Status.MET: "达标",
    Status.MISSED: "未达标",
    Status.EXCEEDED: "超出上限",
    Status.ON_TRACK: "按计划推进",
    Status.AT_RISK: "有风险",
    Status.NOT_DUE: "未到期",
    Status.NO_DATA: "缺少数据",
}

_MEASURE_UNITS = {"count": "次", "days": "天", "hours": "小时", "participants": "人次"}

_TITLES = {
    "observance-dates": "活动与宣传日日期",
    "parent-link": "上级计划",
    "activity-kinds": "活动类型",
    "activity-audiences": "活动对象",
}


def _named(asked: str, name_zh: str) -> str:
    """An observance as the plan names it, with its registry name when that differs."""
    return asked if asked == name_zh else f"{asked}（{name_zh}）"


class Chinese(Wording):
    """简体中文."""

    lang: Lang = "zh"

    def date(self, day: dt.date) -> str:
        return f"{day.year}年{day.month}月{day.day}日"

    def window(self, w: Window) -> str:
        s, last = w.start, w.last
        shape = window_shape(w)
        if shape == "year":
            return f"{s.year}年"
        if shape == "half":
            return f"{s.year}年{'上' if s.month == 1 else '下'}半年"
        if shape == "quarter":
            return f"{s.year}年第{(s.month - 1) // 3 + 1}季度"
        if shape == "month":
            return f"{s.year}年{s.month}月"
        if shape == "months":
            return f"{s.year}年{s.month}—{last.month}月"
        return self._days(s, last)

    def _tail(self, first: dt.date, last: dt.date) -> str:
        return f"{last.month}月{last.day}日" if last.year == first.year else self.date(last)

    def _days(self, first: dt.date, last: dt.date) -> str:
        if first == last:
            return self.date(first)
        return f"{self.date(first)}至{self._tail(first, last)}"

    def status(self, status: Status) -> str:
        return _STATUS[status]

    def bound(self, low: float | None, high: float | None, unit: str = "") -> str:
        lo = None if low is None else figure(low) + unit
        hi = None if high is None else figure(high) + unit
        if lo is not None and lo == hi:
            return lo
        if lo is not None and hi is not None:
            return f"{lo}—{hi}"
        return f"至少{lo}" if lo is not None else f"至多{hi}"

    def unit(self, unit: str | None) -> str:
        return unit or ""

    def measure_unit(self, measure: str) -> str:
        return "种" if measure.startswith("distinct") else _MEASURE_UNITS[measure]

    # -- findings ----------------------------------------------------------------------
    def _where(self, f: Finding) -> str:
        where = "" if f.window is None else self.window(f.window)
        label = label_of(f)
        return where if label is None else f"{label}，{where}"

    def _counted(self, f: Finding, unit: str) -> str:
        c = counted(f)
        a = figure(c.achieved)
        head = f"{f.title}（{self.bound(c.low, c.high, unit)}）：{self._where(f)} "
        if f.status is Status.MET:
            return f"{head}{a}{unit}，达标"
        if f.status is Status.MISSED:
            return f"{head}{a}{unit}，缺{figure(c.short)}{unit}"
        if f.status is Status.EXCEEDED:
            return f"{head}{a}{unit}，超出{figure(c.over)}{unit}"
        if f.status is Status.ON_TRACK:
            return f"{head}已完成{a}{unit}，另有计划{figure(c.planned)}{unit}，可达标"
        gap = f"仍缺{figure(c.gap)}{unit}" if c.still_short else f"将超出{figure(c.gap)}{unit}"
        return f"{head}已完成{a}{unit}，连同计划共{figure(c.total)}{unit}，{gap}"

    def quota(self, f: Finding) -> str:
        return self._counted(f, self.measure_unit(str(f.expected.get("measure", "count"))))

    def theme_topics(self, f: Finding) -> str:
        text = self._counted(f, "次")
        missing: list[str] = f.facts.get("missing", [])
        return f"{text}；未涉及主题：{'、'.join(missing)}" if missing else text

    def unused_kind(self, f: Finding) -> str:
        kind, close = f.expected["kind"], f.facts["close"]
        text = f"要求所选的活动类型「{kind}」在台账中没有"
        if close:
            return text + f"；台账中相近的类型：{'、'.join(close)}（可在计划的vocabulary中注明）"
        listed = "、".join(f.facts["unselected"][:5])
        return text + f"；台账中未被任何要求选择的类型：{listed}"

    def unused_audience(self, f: Finding) -> str:
        audience, close = f.expected["audience"], f.facts["close"]
        text = f"要求所选的活动对象「{audience}」在台账和词表中都没有"
        if close:
            return text + f"；相近的对象：{'、'.join(close)}（可在计划的vocabulary中注明）"
        listed = "、".join(f.facts["unselected"][:5])
        return text + f"；台账中未被任何要求选择的对象：{listed}"

    def off_day(self, f: Finding) -> str:
        assert f.window is not None
        activity = f.facts.get("activity")
        name = f"「{activity}」" if activity else f.key
        return f"{f.title}：{self.date(f.window.start)}的活动{name}在节假日或周末，不计入"

    def occurrence(self, f: Finding) -> str:
        day = self.date(f.expected["date"])
        held = day_of(f.actual)
        if held is not None and f.status is not Status.MISSED:
            done = "已" if f.status is Status.MET else "计划"
            return f"{f.title}：{day}，{self.date(held)}{done}开展"
        tolerance = f.expected["tolerance"]
        within = f"（允许前后{tolerance}天）" if tolerance else ""
        return f"{f.title}：{day}，无相应活动{within}"

    def milestone(self, f: Finding) -> str:
        due = self.date(f.expected["due"])
        on = day_of(f.actual)
        if f.status is Status.MET and on is not None:
            return f"{f.title}：{self.date(on)}完成，未超过期限{due}"
        if f.status is Status.ON_TRACK and on is not None:
            return f"{f.title}：计划于{self.date(on)}完成，期限{due}"
        if f.status is Status.AT_RISK:
            return f"{f.title}：期限{due}前尚无安排"
        if on is not None:
            return f"{f.title}：期限{due}，逾期至{self.date(on)}才完成"
        return f"{f.title}：期限{due}，未完成"

    def figure(self, f: Finding) -> str:
        unit = self.unit(f.expected.get("unit"))
        low, high = bound_of(f.expected)
        head = f"{f.title}（{self.bound(low, high, unit)}）："
        due = self.date(f.expected["due"])
        metric = f.facts["metric"]
        if "observed_unit" in f.facts:
            seen = (
                f"{figure(float(f.facts['observed_value']))}{self.unit(f.facts['observed_unit'])}"
            )
            return (
                f"{head}{self.date(f.facts['observed'])}为{seen}，单位"
                f"{f.facts['observed_unit']}与目标的{f.expected.get('unit')}不同，未作比较"
            )
        if f.actual is None:
            tail = "" if f.status is Status.NOT_DUE else f"，应于{due}前提供"
            return f"{head}尚无{metric}的数据{tail}"
        verdict = {
            Status.MET: "达标",
            Status.MISSED: "未达标",
            Status.EXCEEDED: "超出上限",
            Status.AT_RISK: f"尚未达标，期限{due}",
        }[f.status]
        text = f"{head}{self.date(f.facts['observed'])}为{figure(float(f.actual))}{unit}，{verdict}"
        if "baseline" in f.facts:
            base = f"{figure(f.facts['baseline'])}{unit}"
            text += f"（基线{base}，{self.date(f.facts['baseline_date'])}）"
        return text

    def ratio(self, f: Finding) -> str:
        low, high = bound_of(f.expected)
        head = f"{f.title}（{self.bound(low, high)}）："
        facts: dict[str, Any] = dict(f.facts)
        missing = missing_terms(f)
        if missing:
            return f"{head}尚无{'、'.join(missing)}的数据"
        if facts["denominator_value"] == 0:
            return f"{head}{facts['denominator']}为0，无法计算比值"
        num, den = figure(facts["numerator_value"]), figure(facts["denominator_value"])
        suffix = {
            Status.MET: "，达标",
            Status.MISSED: "，未达标",
            Status.EXCEEDED: "，超出上限",
            Status.AT_RISK: "，尚未达标",
        }
        return f"{head}{num} ÷ {den} = {figure(float(f.actual or 0))}{suffix.get(f.status, '')}"

    def _direction(self, f: Finding) -> str:
        return "下降" if f.expected["direction"] == "fall" else "上升"

    def trend(self, f: Finding) -> str:
        assert f.window is not None
        word = self._direction(f)
        change = "达标" if f.status is Status.MET else f"未{word}"
        now, before = figure(float(f.actual or 0)), figure(f.expected["previous"])
        return f"{f.title}（逐期{word}）：{self.window(f.window)} {now}，上期 {before}，{change}"

    def too_few_figures(self, f: Finding) -> str:
        return f"{f.title}（逐期{self._direction(f)}）：{f.facts['metric']}的数据不足两期，无法比较"

    def theme_observance(self, f: Finding) -> str:
        assert f.window is not None
        assert f.key is not None
        year, month = f.window.start.year, f.expected["month"]
        name_zh = f.facts["name_zh"]
        if f.status is Status.NO_DATA:
            return f"{f.key}（{name_zh}）：日历数据中没有{year}年的日期"
        days = self._days(f.facts["first"], f.facts["last"])
        if f.status is Status.MET:
            return f"{_named(f.key, name_zh)}：{year}年在{days}，在{month}月"
        return f"{_named(f.key, name_zh)}{year}年在{days.removeprefix(f'{year}年')}，不在{month}月"

    def activity_observance(self, f: Finding) -> str:
        assert f.window is not None
        assert f.key is not None
        label, day = f.facts["activity"], f.window.start
        if f.status is Status.MET:
            return f"{label}：{self.date(day)}，在{_named(f.key, f.facts['name_zh'])}期间"
        spans: list[tuple[dt.date, dt.date]] = f.facts.get("dates", [])
        if not spans:
            return f"{label}：{f.key}在{day.year}年没有日期，无法核对"
        when = "、".join(self._days(first, last) for first, last in spans)
        return f"{label}：{self.date(day)}开展，但{f.key}在{when}"

    def unknown_observance(self, f: Finding) -> str:
        return f"{f.facts['activity']}：未知的宣传日「{f.key}」"

    def parent_link(self, f: Finding) -> str:
        linked = "已" if f.status is Status.MET else "未"
        return f"{f.facts['child']}：计划{linked}注明上级计划 {f.expected['parent']}"

    def cascade(self, f: Finding) -> str:
        child, why = f.facts["child"], f.facts.get("why")
        if why is None:
            return f"{child}：已采纳上级要求「{f.title}」"
        if why == "absent":
            return f"{child}：缺少上级要求「{f.title}」"
        reasons: dict[str, Callable[[], str]] = {
            "type": lambda: f"类型不同（上级为{f.facts['parent_type']}）",
            "months": lambda: f"{'、'.join(f'{m}月' for m in f.facts['months'])}的主题未全部采纳",
            "target": lambda: "所计指标或计量方式不同",
            "bound": lambda: f"要求低于上级（上级{self.bound(*f.facts['parent_bound'])}）",
            "rule": lambda: "周期规则不同",
            "later": lambda: f"期限晚于上级（{f.facts['parent_due'].isoformat()}）",
        }
        because = reasons[why]()
        return f"{child}：「{f.title}」{because}"

    # -- assessments -------------------------------------------------------------------
    def _rule_words(self, rule: str, f: Mapping[str, Any], rating: object) -> str:
        if rule == "deduction":
            if not f["steps"]:
                return f"应{figure(f['target'])}，未扣分"
            text = f"应{figure(f['target'])}，少{figure(f['shortfall'])}，"
            if f["step"] != 1:
                text += f"每{figure(f['step'])}扣{figure(f['deduct'])}分，共"
            text += f"扣{figure(f['deducted'])}分"
            return text + ("（已达扣分上限）" if f["capped"] else "")
        if rule == "penalty":
            if not f["defects"]:
                return "未发现问题，未扣分"
            text = f"每项扣{figure(f['each'])}分，共扣{figure(f['deducted'])}分"
            return text + ("（已达扣分上限）" if f["capped"] else "")
        if rule == "all_or_nothing":
            return f"{'达到' if f['met'] else '未达到'}{figure(f['target'])}"
        if rule == "proportional":
            return f"为目标{figure(f['target'])}的{figure(round(f['share'] * 100, 1))}%"
        if rule == "linear":
            return f"按{figure(f['low'])}至{figure(f['high'])}折算"
        if rule == "bands":
            return "未达最低档" if f["band"] is None else f"达到{figure(f['band'])}档"
        if rule == "per_unit":
            if f.get("above"):
                return (
                    f"超出{figure(f['above'])}的{figure(f['units'])}个，每个{figure(f['each'])}分"
                )
            return f"每个{figure(f['each'])}分"
        return f"评为「{rating}」"

    def _part(self, p: Mapping[str, Any]) -> str:
        if p["figure"] is None:
            return f"{p['title']}无数据，扣{figure(p['out_of'])}分"
        words = self._rule_words(p["rule"], p["facts"], p["figure"])
        lost = round(p["out_of"] - p["points"], 6)
        if lost and p["rule"] not in _SAYS_DEDUCTED:
            words += f"，扣{figure(lost)}分"
        if p["rule"] == "ordinal":
            return f"{p['title']}{words}"
        shown = p["figure"] if isinstance(p["figure"], str) else figure(p["figure"])
        return f"{p['title']}{shown}，{words}"

    def criterion(self, s: CriterionScore) -> str:
        head = f"{s.title}："
        tail = f"得{figure(s.points)}分（满分{figure(s.out_of)}分）"
        f = s.facts
        if s.projected is not None and s.projected != s.points:
            tail += f"，计划全部完成可得{figure(s.projected)}分"
        notes = ""
        if "adjust" in f:
            verb = "酌情加" if f["adjust"] > 0 else "酌情扣"
            notes += f"，{verb}{figure(abs(f['adjust']))}分（{f['reason']}）"
        if f.get("no_evidence"):
            notes += "，未提供佐证材料，该项不得分"
        if f.get("no_data"):
            if not s.applicable:
                return f"{head}无数据，不适用，不计入满分"
            if f.get("no_data_rule") == "full":
                return f"{head}无应扣情形，不扣分{notes}，{tail}"
            return f"{head}无数据{notes}，{tail}"
        if s.rule == "parts":
            body = "；".join(self._part(p) for p in f["parts"])
            total = f"共扣{figure(f['deducted'])}分" if f["deducted"] else "未扣分"
            return f"{head}{body}；{total}{notes}，{tail}"
        words = self._rule_words(s.rule, f, s.figure)
        if s.rule == "ordinal":
            return f"{head}{words}{notes}，{tail}"
        shown = s.figure if isinstance(s.figure, str) else figure(s.figure)  # type: ignore[arg-type]
        return f"{head}{shown}，{words}{notes}，{tail}"

    def assessment_heading(self, a: Assessment) -> str:
        bonus = f"（含附加分{figure(a.bonus)}分）" if a.bonus else ""
        if a.bonus_earned > a.bonus:
            bonus = f"（含附加分{figure(a.bonus)}分，附加项合计{figure(a.bonus_earned)}分，超出上限部分不计）"
        verdict = "通过" if a.passed else "未通过"
        who = f"{a.name}（{a.plan}）" if a.name and a.name != a.plan else a.plan
        grade = f"{a.grade}，" if a.grade else ""
        text = f"{who} — {a.scheme}：{figure(a.total)}分{bonus}，满分{figure(a.maximum)}分，{grade}{verdict}"
        if a.graded_on is not None:
            text += f"（折合{figure(a.graded_on)}分评定）"
        if a.vetoes:
            text += f"；一票否决：{'、'.join(a.vetoes)}"
        if a.core_missed:
            text += f"；核心指标未达标：{'、'.join(a.core_missed)}"
        if a.projected_total is not None:
            text += f"；计划全部完成可得{figure(a.projected_total)}分"
        return text

    def section_heading(self, s: SectionScore) -> str:
        bonus = f"，附加分{figure(s.bonus)}分" if s.bonus else ""
        return f"【{s.title}】{figure(s.points)}分（满分{figure(s.out_of)}分{bonus}）"

    def discrepancy(self, path: str, what: str, declared: float, items: float) -> str:
        names = {
            "points": "分值",
            "bonus_points": "附加分",
            "declared_maximum": "总分",
            "bonus_cap": "附加分上限",
        }
        return f"{path}：表中{names[what]}为{figure(declared)}分，各项合计{figure(items)}分"

    def ranking_heading(self, r: Ranking) -> str:
        passed = sum(a.passed for a in r.assessments)
        return f"{r.plan} — {r.scheme}：{len(r.assessments)}个单位，{passed}个通过"

    def ranking_row(self, row: Mapping[str, Any]) -> str:
        name = row["name"] or row["plan"]
        return f"{row['rank']:>3}. {name}　{figure(row['total'])}分　{row['grade']}　{self.criterion_list(row)}"

    def ranking_heads(self) -> tuple[str, str, str, str, str]:
        return ("名次", "单位", "得分", "等级", "说明")

    def criterion_list(self, row: Mapping[str, Any]) -> str:
        if row["vetoes"]:
            return f"一票否决：{'、'.join(row['vetoes'])}"
        if row["core_missed"]:
            return f"核心指标未达标：{'、'.join(row['core_missed'])}"
        if row["most_lost"]:
            return f"失分最多：{row['most_lost_title']}（第{row['most_lost']}项）"
        return "全部得分"

    # -- reports -----------------------------------------------------------------------
    def title(self, requirement: str) -> str | None:
        return _TITLES.get(requirement)

    def ledger(self, f: LedgerFinding) -> str:
        shown, more = shown_ids(f.activities)
        ids = "、".join(shown) + (f"等{len(f.activities)}项" if more else "")
        day = self.date(f.as_of)
        n = len(f.activities)
        if f.reason.value == "planned_in_past":
            return (
                f"台账：{n}项活动标为计划，日期却在{day}或之前（{ids}），"
                "既未计为已开展，也未计为计划"
            )
        return f"台账：{n}项活动标为已完成，日期却在{day}之后（{ids}），未计为已开展，只计为计划"

    def heading(self, report: Report) -> str:
        name = f"{report.title} ({report.plan})" if report.title else report.plan
        if report.kind == "conformance":
            kind = "下级计划符合性"
        elif report.as_of is None:
            kind = "计划审查"
        else:
            kind = f"截至{self.date(report.as_of)}的进度"
        return f"{name} — {kind}"

    def verdict(self, ok: bool, failing: int) -> str:
        return "结果：通过" if ok else f"结果：未通过（{failing}项要求未达标）"

    def all_met(self, title: str, n: int, per_value: bool) -> str:
        return f"✓ {title}：全部{n}{'项' if per_value else '个时段'}达标"

    def also(self, counts: list[tuple[Status, int]], per_value: bool, after: bool) -> str:
        unit = "项" if per_value else "个时段"
        listed = "，".join(f"{n}{unit}{self.status(s)}" for s, n in counts)
        return f"  （另有{listed}）" if after else f"  （{listed}）"

    def source(self, source: str) -> str:
        return f"  （来源：{source}）"

    def total(self, counts: list[tuple[Status, int]]) -> str:
        return "合计：" + "，".join(f"{self.status(s)} {n}" for s, n in counts)

    def table_heads(self) -> tuple[str, str, str, str, str]:
        return ("要求", "状态", "时段", "对象", "说明")

    def label(self, key: str) -> str:
        return _LABELS[key]

    def due_event(self, title: str) -> str:
        return f"截止：{title}"

    def month_label(self, month: dt.date) -> str:
        return f"{month.month}月"

    def criterion_heads(self) -> tuple[str, str, str, str]:
        return ("编号", "指标", "得分", "评分说明")

    # -- proposals ---------------------------------------------------------------------
    def join_titles(self, titles: list[str]) -> str:
        return "；".join(titles)

    def proposal_heading(self, p: Proposal) -> str:
        name = f"{p.title} ({p.plan})" if p.title else p.plan
        when = "计划审查" if p.as_of is None else f"截至{self.date(p.as_of)}"
        return f"{name} — 排期建议（{when}）"

    def proposal_verdict(self, p: Proposal) -> str:
        head = f"建议新增{len(p.activities)}项活动" if p.activities else "无需新增活动"
        if p.infeasible:
            return f"{head}；{len(p.infeasible)}项目标无法通过排期达成"
        return f"{head}，可达成全部可排期的目标"

    def proposed(self, a: Activity, serves: list[str]) -> str:
        what = [a.kind] if a.kind else []
        what += sorted(a.topics) + sorted(a.audience)
        if a.location:
            what.append(a.location)
        if a.organiser:
            what.append(a.organiser)
        detail = f"（{'，'.join(what)}）" if what else ""
        on = f"，{a.observance}" if a.observance else ""
        return f"  {a.date.month}月{a.date.day}日 {a.title}{detail}{on} → {'、'.join(serves)}"

    def infeasible(self, item: Infeasible) -> str:
        where = "" if item.window is None else self.window(item.window)
        if item.key is not None:
            where = f"{item.key}，{where}"
        missing = "" if item.missing is None else f"缺{figure(item.missing)}"
        head = f"{item.title}（{where}）" if where else item.title
        facts = item.facts
        text = {
            "closed": f"时段已结束，{missing}" if missing else "时段已结束",
            "exceeded": f"已有和已计划的活动共{figure(facts.get('total', 0))}，超过上限{figure(facts.get('max', 0))}",
            "no_days": "时段内已没有约束条件允许的日期",
            "too_small": f"时段内仅剩{facts.get('days', 0)}个可用日期，按每日（每周）上限排不下，{missing}",
            "overshoot": f"每项新活动计{figure(facts.get('step', 0))}，补足下限就会超过上限（上限仅余{figure(facts.get('room', 0))}），{missing}",
            "conflict": f"可用日期被其他目标、上限或每日（每周）上限占用，{missing}",
            "no_activity": "没有活动能同时满足该要求的筛选条件和对象",
            "observance_month": f"{facts.get('name_zh', item.key)}今年不在该月",
            "no_calendar": f"缺少{facts.get('name_zh', item.key)}的日期数据",
        }[item.reason.value]
        return f"{head}：{text}"

    def infeasible_heading(self) -> str:
        return "无法通过排期达成："

    def unschedulable(self, titles: list[str]) -> str:
        return f"需以测量数据达成、不能靠排期的目标：{'、'.join(titles)}"

    def proposal_heads(self) -> tuple[str, str, str, str]:
        return ("日期", "活动", "类型", "服务目标")

    # -- many communities at once ------------------------------------------------------
    def batch_heads(self) -> tuple[str, ...]:
        return ("社区", "计划", "要求", "达标", "未达标", "未达标项次", "得分", "等级", "结果")

    def batch_result(self, ok: bool, unreadable: bool) -> str:
        return "无法读取" if unreadable else "通过" if ok else "未通过"

    def batch_verdict(self, total: int, failed: int, unreadable: int) -> str:
        if not failed:
            return f"共{total}个社区，全部通过"
        tail = f"，其中{unreadable}个无法读取" if unreadable else ""
        return f"共{total}个社区，{failed}个未通过{tail}"

    def batch_failure_result(self, kind: str) -> str:
        return {"exception": "出错", "worker_died": "进程退出", "timed_out": "超时"}.get(
            kind, "未检查"
        )

    def batch_failure(self, kind: str, detail: str) -> str:
        if kind == "exception":
            return f"检查中途出错，不是输入文件的问题：{detail}"
        if kind == "worker_died":
            again = "，重试后仍然如此，不再重试" if detail != "1" else ""
            return f"检查它的进程意外退出（内存不足或被终止）{again}"
        if kind == "timed_out":
            return f"{detail}秒内未检查完，已停止"
        return "工作进程反复在检查前退出，未能检查"
