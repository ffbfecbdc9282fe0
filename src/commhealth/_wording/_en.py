"""The report's sentences in English."""

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
    "out_is_input": "--out {out} is {given}, an input of this command: writing would "
    "destroy it; choose another file",
    "out_is_folder": "--out {out} is a folder; name a file, e.g. {example}",
    "failing": "Requirements not met",
    "all": "All requirements",
    "heatmap": "The year at a glance",
    "grid": "Every organisation at a glance",
    "span": "Year",
    "summary": "Summary",
    "findings": "Findings",
    "criteria": "Criteria",
    "lost": "lost",
    "start_end": "first day|last day",
    "ranking": "Ranking",
    "maximum": "out of",
    "points_lost": "points lost",
}

#: Rules whose words already say how much they deducted.
_SAYS_DEDUCTED = ("deduction", "penalty")

if TYPE_CHECKING:
    from .._activities import Activity
    from .._ledger_findings import LedgerFinding
    from .._report import Finding, Report
    from ..evaluation import Assessment, CriterionScore, Ranking, SectionScore
    from ..planner import Infeasible, Proposal

__all__ = ["English"]

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_STATUS = {
    Status.MET: "met",
    Status.MISSED: "missed",
    Status.EXCEEDED: "exceeded",
    Status.ON_TRACK: "on track",
    Status.AT_RISK: "at risk",
    Status.NOT_DUE: "not due",
    Status.NO_DATA: "no data",
}

_MEASURE_UNITS = {"count": "", "days": " days", "hours": " hours", "participants": " participants"}

#: The units plans write in Chinese, as they follow a number in English. A unit not listed
#: is kept as the plan writes it.
_UNITS = {
    "人": " people",
    "名": " people",
    "位": " people",
    "人次": " participants",
    "户": " households",
    "家": " households",
    "次": " times",
    "场": " sessions",
    "期": " issues",
    "天": " days",
    "日": " days",
    "小时": " hours",
    "个": "",
    "种": " kinds",
    "所": " institutions",
    "元": " yuan",
    "万元": " × 10,000 yuan",
    "元/人": " yuan per person",
    "%": "%",
    "‰": "‰",
}

_TITLES = {
    "observance-dates": "Activities on observance days",
    "parent-link": "Parent plan",
    "activity-kinds": "Activity kinds",
    "activity-audiences": "Activity audiences",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _communities(n: int) -> str:
    return f"{n} {'community' if n == 1 else 'communities'}"


class English(Wording):
    """English."""

    lang: Lang = "en"

    def date(self, day: dt.date) -> str:
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"

    def window(self, w: Window) -> str:
        s, last = w.start, w.last
        shape = window_shape(w)
        if shape == "year":
            return str(s.year)
        if shape == "half":
            return f"{'first' if s.month == 1 else 'second'} half of {s.year}"
        if shape == "quarter":
            return f"Q{(s.month - 1) // 3 + 1} {s.year}"
        if shape == "month":
            return f"{_MONTHS[s.month - 1]} {s.year}"
        if shape == "months":
            return f"{_MONTHS[s.month - 1]}–{_MONTHS[last.month - 1]} {s.year}"
        return self._days(s, last)

    def _days(self, first: dt.date, last: dt.date) -> str:
        if first == last:
            return self.date(first)
        return f"{self.date(first)} to {self.date(last)}"

    def status(self, status: Status) -> str:
        return _STATUS[status]

    def bound(self, low: float | None, high: float | None, unit: str = "") -> str:
        lo = None if low is None else figure(low) + unit
        hi = None if high is None else figure(high) + unit
        if lo is not None and lo == hi:
            return f"exactly {lo}"
        if lo is not None and hi is not None:
            return f"{lo} to {hi}"
        return f"at least {lo}" if lo is not None else f"at most {hi}"

    def unit(self, unit: str | None) -> str:
        if not unit:
            return ""
        return _UNITS.get(unit, unit if not unit.isascii() or not unit[0].isalpha() else f" {unit}")

    def measure_unit(self, measure: str) -> str:
        return " kinds" if measure.startswith("distinct") else _MEASURE_UNITS[measure]

    # -- findings ----------------------------------------------------------------------
    def _where(self, f: Finding) -> str:
        where = "" if f.window is None else self.window(f.window)
        label = label_of(f)
        return where if label is None else f"{label}, {where}"

    def _counted(self, f: Finding, unit: str) -> str:
        c = counted(f)
        a = figure(c.achieved)
        head = f"{f.title} ({self.bound(c.low, c.high, unit)}): {self._where(f)} "
        if f.status is Status.MET:
            return f"{head}had {a}{unit}, met"
        if f.status is Status.MISSED:
            return f"{head}had {a}{unit}, {figure(c.short)}{unit} short"
        if f.status is Status.EXCEEDED:
            return f"{head}had {a}{unit}, {figure(c.over)}{unit} over"
        planned = figure(c.planned)
        if f.status is Status.ON_TRACK:
            return f"{head}has {a}{unit} done and {planned}{unit} planned, on track"
        gap = f"{figure(c.gap)}{unit} {'short' if c.still_short else 'over'}"
        return f"{head}has {a}{unit} done and {planned}{unit} planned, {gap}"

    def quota(self, f: Finding) -> str:
        return self._counted(f, self.measure_unit(str(f.expected.get("measure", "count"))))

    def theme_topics(self, f: Finding) -> str:
        text = self._counted(f, "")
        missing: list[str] = f.facts.get("missing", [])
        return f"{text}; topics not covered: {', '.join(missing)}" if missing else text

    def unused_kind(self, f: Finding) -> str:
        kind, close = f.expected["kind"], f.facts["close"]
        text = f"no activity of the ledger has the kind {kind!r} a requirement selects"
        if close:
            return (
                text
                + f"; the ledger's kinds like it: {', '.join(close)} (name them in the plan's vocabulary)"
            )
        listed = ", ".join(f.facts["unselected"][:5])
        return text + f"; kinds of the ledger no requirement selects: {listed}"

    def unused_audience(self, f: Finding) -> str:
        audience, close = f.expected["audience"], f.facts["close"]
        text = (
            f"neither the ledger nor the vocabulary has the audience {audience!r} "
            "a requirement selects"
        )
        if close:
            return (
                text
                + f"; audiences like it: {', '.join(close)} (name them in the plan's vocabulary)"
            )
        listed = ", ".join(f.facts["unselected"][:5])
        return text + f"; audiences of the ledger no requirement selects: {listed}"

    def off_day(self, f: Finding) -> str:
        assert f.window is not None
        name = f.facts.get("activity") or f.key
        day = self.date(f.window.start)
        return f"{f.title}: {name} on {day} falls on a holiday or weekend and does not count"

    def occurrence(self, f: Finding) -> str:
        day = self.date(f.expected["date"])
        held = day_of(f.actual)
        if held is not None and f.status is not Status.MISSED:
            done = "held" if f.status is Status.MET else "planned"
            return f"{f.title}: {day}, {done} on {self.date(held)}"
        tolerance = f.expected["tolerance"]
        within = f" (within {_plural(tolerance, 'day')})" if tolerance else ""
        return f"{f.title}: {day}, nothing held{within}"

    def milestone(self, f: Finding) -> str:
        due = self.date(f.expected["due"])
        on = day_of(f.actual)
        if f.status is Status.MET and on is not None:
            return f"{f.title}: done on {self.date(on)}, by {due}"
        if f.status is Status.ON_TRACK and on is not None:
            return f"{f.title}: planned for {self.date(on)}, due {due}"
        if f.status is Status.AT_RISK:
            return f"{f.title}: nothing scheduled before {due}"
        if on is not None:
            return f"{f.title}: due {due}, done late on {self.date(on)}"
        return f"{f.title}: due {due}, not done"

    def figure(self, f: Finding) -> str:
        unit = self.unit(f.expected.get("unit"))
        low, high = bound_of(f.expected)
        head = f"{f.title} ({self.bound(low, high, unit)}): "
        due = self.date(f.expected["due"])
        metric = f.facts["metric"]
        if "observed_unit" in f.facts:
            seen = (
                f"{figure(float(f.facts['observed_value']))}{self.unit(f.facts['observed_unit'])}"
            )
            return (
                f"{head}{seen} on {self.date(f.facts['observed'])} is in "
                f"{f.facts['observed_unit']}, not {f.expected.get('unit')}; not compared"
            )
        if f.actual is None:
            tail = "" if f.status is Status.NOT_DUE else f", due by {due}"
            return f"{head}no figure for {metric} yet{tail}"
        verdict = {
            Status.MET: "met",
            Status.MISSED: "missed",
            Status.EXCEEDED: "exceeded",
            Status.AT_RISK: f"not yet, due {due}",
        }
        value = f"{figure(float(f.actual))}{unit}"
        text = f"{head}{value} on {self.date(f.facts['observed'])}, {verdict[f.status]}"
        if "baseline" in f.facts:
            base = f"{figure(f.facts['baseline'])}{unit}"
            text += f" (baseline {base} on {self.date(f.facts['baseline_date'])})"
        return text

    def ratio(self, f: Finding) -> str:
        low, high = bound_of(f.expected)
        head = f"{f.title} ({self.bound(low, high)}): "
        facts: dict[str, Any] = dict(f.facts)
        missing = missing_terms(f)
        if missing:
            return f"{head}no figure for {', '.join(missing)} yet"
        if facts["denominator_value"] == 0:
            return f"{head}{facts['denominator']} is 0, no ratio"
        num, den = figure(facts["numerator_value"]), figure(facts["denominator_value"])
        suffix = {
            Status.MET: ", met",
            Status.MISSED: ", missed",
            Status.EXCEEDED: ", exceeded",
            Status.AT_RISK: ", not yet",
        }
        return f"{head}{num} / {den} = {figure(float(f.actual or 0))}{suffix.get(f.status, '')}"

    def _direction(self, f: Finding) -> str:
        return "fall" if f.expected["direction"] == "fall" else "rise"

    def trend(self, f: Finding) -> str:
        assert f.window is not None
        word = self._direction(f)
        change = "met" if f.status is Status.MET else f"did not {word}"
        now, before = figure(float(f.actual or 0)), figure(f.expected["previous"])
        window = self.window(f.window)
        return f"{f.title} (must {word}): {window} {now}, previously {before}, {change}"

    def too_few_figures(self, f: Finding) -> str:
        return f"{f.title} (must {self._direction(f)}): fewer than two figures for {f.facts['metric']} to compare"

    def theme_observance(self, f: Finding) -> str:
        assert f.window is not None
        assert f.key is not None
        name = f.facts.get("name_en") or f.facts["name_zh"]
        if f.status is Status.NO_DATA:
            return f"{f.key} ({name}): no date for {f.window.start.year} in the calendar data"
        days = self._days(f.facts["first"], f.facts["last"])
        if f.status is Status.MET:
            return f"{f.key} ({name}): {days}, in {self.window(f.window)}"
        return f"{f.key} ({name}) falls on {days}, not in {self.window(f.window)}"

    def activity_observance(self, f: Finding) -> str:
        assert f.window is not None
        assert f.key is not None
        label, day = f.facts["activity"], f.window.start
        if f.status is Status.MET:
            return f"{label}: {self.date(day)}, during {f.key}"
        spans: list[tuple[dt.date, dt.date]] = f.facts.get("dates", [])
        if not spans:
            return f"{label}: {f.key} has no date in {day.year} to check against"
        when = ", ".join(self._days(first, last) for first, last in spans)
        return f"{label}: held on {self.date(day)}, but {f.key} is on {when}"

    def unknown_observance(self, f: Finding) -> str:
        return f"{f.facts['activity']}: unknown observance {f.key!r}"

    def parent_link(self, f: Finding) -> str:
        names = "names" if f.status is Status.MET else "does not name"
        return f"{f.facts['child']}: the plan {names} its parent plan {f.expected['parent']}"

    def cascade(self, f: Finding) -> str:
        child, why = f.facts["child"], f.facts.get("why")
        if why is None:
            return f"{child}: takes up the parent's {f.title!r}"
        if why == "absent":
            return f"{child}: lacks the parent's {f.title!r}"
        reasons: dict[str, Callable[[], str]] = {
            "type": lambda: f"is a {f.facts['child_type']}, not a {f.facts['parent_type']}",
            "months": lambda: (
                f"does not take up the themes of month {', '.join(map(str, f.facts['months']))}"
            ),
            "target": lambda: (
                "measures something else (another metric, measure, cadence or milestone)"
            ),
            "bound": lambda: (
                f"asks for less than the parent ({self.bound(*f.facts['parent_bound'])})"
            ),
            "rule": lambda: "follows another rule or a looser tolerance",
            "later": lambda: f"is due later than the parent's {f.facts['parent_due'].isoformat()}",
        }
        because = reasons[why]()
        return f"{child}: {f.title!r} {because}"

    # -- assessments -------------------------------------------------------------------
    def _rule_words(self, rule: str, f: Mapping[str, Any], rating: object) -> str:
        if rule == "deduction":
            if not f["steps"]:
                return f"{figure(f['target'])} asked, nothing deducted"
            text = f"{figure(f['target'])} asked, {figure(f['shortfall'])} short, "
            if f["step"] != 1:
                text += f"{figure(f['deduct'])} off per {figure(f['step'])}, "
            text += f"{figure(f['deducted'])} deducted"
            return text + (" (the most the item deducts)" if f["capped"] else "")
        if rule == "penalty":
            if not f["defects"]:
                return "nothing found, nothing deducted"
            text = f"{figure(f['each'])} off each, {figure(f['deducted'])} deducted"
            return text + (" (the most the item deducts)" if f["capped"] else "")
        if rule == "all_or_nothing":
            return f"{'reaches' if f['met'] else 'short of'} {figure(f['target'])}"
        if rule == "proportional":
            return f"{figure(round(f['share'] * 100, 1))}% of the target {figure(f['target'])}"
        if rule == "linear":
            return f"scaled between {figure(f['low'])} and {figure(f['high'])}"
        if rule == "bands":
            return (
                "below the lowest band"
                if f["band"] is None
                else f"in the band from {figure(f['band'])}"
            )
        if rule == "per_unit":
            if f.get("above"):
                return f"{figure(f['units'])} beyond {figure(f['above'])}, {figure(f['each'])} each"
            return f"{figure(f['each'])} a unit"
        return f"rated {rating!r}"

    def _part(self, p: Mapping[str, Any]) -> str:
        if p["figure"] is None:
            return f"{p['title']}: no figure, {figure(p['out_of'])} deducted"
        words = self._rule_words(p["rule"], p["facts"], p["figure"])
        lost = round(p["out_of"] - p["points"], 6)
        if lost and p["rule"] not in _SAYS_DEDUCTED:
            words += f", {figure(lost)} deducted"
        if p["rule"] == "ordinal":
            return f"{p['title']}: {words}"
        shown = p["figure"] if isinstance(p["figure"], str) else figure(p["figure"])
        return f"{p['title']}: {shown}, {words}"

    def criterion(self, s: CriterionScore) -> str:
        head = f"{s.title}: "
        tail = f"{figure(s.points)} of {figure(s.out_of)} points"
        f = s.facts
        if s.projected is not None and s.projected != s.points:
            tail += f", {figure(s.projected)} if everything planned is held"
        notes = ""
        if "adjust" in f:
            verb = "added" if f["adjust"] > 0 else "taken off"
            notes += (
                f", {figure(abs(f['adjust']))} {verb} at the assessor's discretion ({f['reason']})"
            )
        if f.get("no_evidence"):
            notes += ", no written evidence shown, so nothing earned"
        if f.get("no_data"):
            if not s.applicable:
                return f"{head}no figure, not applicable, left out of the maximum"
            if f.get("no_data_rule") == "full":
                return f"{head}nothing to deduct{notes}, {tail}"
            return f"{head}no figure{notes}, {tail}"
        if s.rule == "parts":
            body = "; ".join(self._part(p) for p in f["parts"])
            total = (
                f"{figure(f['deducted'])} deducted in all" if f["deducted"] else "nothing deducted"
            )
            return f"{head}{body}; {total}{notes}, {tail}"
        words = self._rule_words(s.rule, f, s.figure)
        if s.rule == "ordinal":
            return f"{head}{words}{notes}, {tail}"
        shown = s.figure if isinstance(s.figure, str) else figure(s.figure)  # type: ignore[arg-type]
        return f"{head}{shown}, {words}{notes}, {tail}"

    def assessment_heading(self, a: Assessment) -> str:
        bonus = f" (bonus {figure(a.bonus)} included)" if a.bonus else ""
        if a.bonus_earned > a.bonus:
            bonus = f" (bonus {figure(a.bonus)} included: the bonus items earned {figure(a.bonus_earned)}, above the cap)"
        verdict = "passed" if a.passed else "not passed"
        who = f"{a.name} ({a.plan})" if a.name and a.name != a.plan else a.plan
        grade = f"{a.grade}, " if a.grade else ""
        text = f"{who} — {a.scheme}: {figure(a.total)}{bonus} of {figure(a.maximum)} points, {grade}{verdict}"
        if a.graded_on is not None:
            text += f" (graded on {figure(a.graded_on)})"
        if a.vetoes:
            text += f"; vetoed by {', '.join(a.vetoes)}"
        if a.core_missed:
            text += f"; core items short: {', '.join(a.core_missed)}"
        if a.projected_total is not None:
            text += f"; {figure(a.projected_total)} if everything planned is held"
        return text

    def section_heading(self, s: SectionScore) -> str:
        bonus = f", bonus {figure(s.bonus)}" if s.bonus else ""
        return f"[{s.title}] {figure(s.points)} of {figure(s.out_of)} points{bonus}"

    def discrepancy(self, path: str, what: str, declared: float, items: float) -> str:
        names = {
            "points": "points",
            "bonus_points": "bonus points",
            "declared_maximum": "total",
            "bonus_cap": "bonus cap",
        }
        return f"{path}: the table declares {names[what]} of {figure(declared)}, its items add up to {figure(items)}"

    def ranking_heading(self, r: Ranking) -> str:
        passed = sum(a.passed for a in r.assessments)
        return f"{r.plan} — {r.scheme}: {len(r.assessments)} scored, {passed} passed"

    def ranking_row(self, row: Mapping[str, Any]) -> str:
        name = row["name"] or row["plan"]
        return f"{row['rank']:>3}. {name}  {figure(row['total'])} points  {row['grade']}  {self.criterion_list(row)}"

    def ranking_heads(self) -> tuple[str, str, str, str, str]:
        return ("rank", "organisation", "points", "grade", "why")

    def criterion_list(self, row: Mapping[str, Any]) -> str:
        if row["vetoes"]:
            return f"vetoed by {', '.join(row['vetoes'])}"
        if row["core_missed"]:
            return f"core items short: {', '.join(row['core_missed'])}"
        if row["most_lost"]:
            return f"most points lost: {row['most_lost_title']} (item {row['most_lost']})"
        return "every point earned"

    # -- reports -----------------------------------------------------------------------
    def title(self, requirement: str) -> str | None:
        return _TITLES.get(requirement)

    def ledger(self, f: LedgerFinding) -> str:
        shown, more = shown_ids(f.activities)
        ids = ", ".join(shown) + (f", … ({len(f.activities)} in all)" if more else "")
        day = self.date(f.as_of)
        n = len(f.activities)
        are = "1 activity is" if n == 1 else f"{n} activities are"
        if f.reason.value == "planned_in_past":
            return (
                f"Ledger: {are} marked planned but dated on or before {day} ({ids}); "
                "counted neither as held nor as planned"
            )
        return (
            f"Ledger: {are} marked done but dated after {day} ({ids}); "
            "not counted as held, only as planned"
        )

    def heading(self, report: Report) -> str:
        name = f"{report.title} ({report.plan})" if report.title else report.plan
        if report.kind == "conformance":
            kind = "conformance of child plans"
        elif report.as_of is None:
            kind = "plan review"
        else:
            kind = f"progress as of {self.date(report.as_of)}"
        return f"{name} — {kind}"

    def verdict(self, ok: bool, failing: int) -> str:
        return "Result: ok" if ok else f"Result: not ok ({_plural(failing, 'requirement')} failing)"

    def all_met(self, title: str, n: int, per_value: bool) -> str:
        return f"✓ {title}: all {n}{'' if per_value else ' windows'} met"

    def also(self, counts: list[tuple[Status, int]], per_value: bool, after: bool) -> str:
        listed = ", ".join(f"{n} {self.status(s)}" for s, n in counts)
        return f"  ({'and ' if after else ''}{listed})"

    def source(self, source: str) -> str:
        return f"  (from {source})"

    def total(self, counts: list[tuple[Status, int]]) -> str:
        return "Total: " + ", ".join(f"{self.status(s)} {n}" for s, n in counts)

    def table_heads(self) -> tuple[str, str, str, str, str]:
        return ("requirement", "status", "window", "for", "message")

    def label(self, key: str) -> str:
        return _LABELS[key]

    def due_event(self, title: str) -> str:
        return f"Due: {title}"

    def month_label(self, month: dt.date) -> str:
        return month.strftime("%b")

    def criterion_heads(self) -> tuple[str, str, str, str]:
        return ("id", "criterion", "points", "how")

    # -- proposals ---------------------------------------------------------------------
    def join_titles(self, titles: list[str]) -> str:
        return "; ".join(titles)

    def proposal_heading(self, p: Proposal) -> str:
        name = f"{p.title} ({p.plan})" if p.title else p.plan
        when = "plan review" if p.as_of is None else f"as of {self.date(p.as_of)}"
        return f"{name} — proposed schedule ({when})"

    def proposal_verdict(self, p: Proposal) -> str:
        n = len(p.activities)
        head = f"{n} {'activity' if n == 1 else 'activities'} to add" if n else "Nothing to add"
        if p.infeasible:
            return f"{head}; {_plural(len(p.infeasible), 'target')} cannot be met by scheduling"
        return f"{head}, meeting every target that scheduling can meet"

    def proposed(self, a: Activity, serves: list[str]) -> str:
        what = [a.kind] if a.kind else []
        what += sorted(a.topics) + sorted(a.audience)
        if a.location:
            what.append(a.location)
        if a.organiser:
            what.append(a.organiser)
        detail = f" ({', '.join(what)})" if what else ""
        on = f", {a.observance}" if a.observance else ""
        return f"  {a.date.day} {_MONTHS[a.date.month - 1]} {a.title}{detail}{on} → {'; '.join(serves)}"

    def infeasible(self, item: Infeasible) -> str:
        where = "" if item.window is None else self.window(item.window)
        if item.key is not None:
            where = f"{item.key}, {where}"
        missing = "" if item.missing is None else f"{figure(item.missing)} short"
        head = f"{item.title} ({where})" if where else item.title
        facts = item.facts
        name = facts.get("name_en", item.key)
        text = {
            "closed": f"the window is over, {missing}" if missing else "the window is over",
            "exceeded": f"held and planned activities come to {figure(facts.get('total', 0))}, past the maximum of {figure(facts.get('max', 0))}",
            "no_days": "no day the constraints allow is left in the window",
            "too_small": f"only {_plural(int(facts.get('days', 0)), 'free day')} left in the window, too few at the day (or week) cap, {missing}",
            "overshoot": f"each new activity adds {figure(facts.get('step', 0))}, so reaching the minimum would pass the maximum ({figure(facts.get('room', 0))} left), {missing}",
            "conflict": f"the free days are taken by other targets, a maximum or the day (or week) cap, {missing}",
            "no_activity": "no activity can pass the requirement's selector together with the value it is counted for",
            "observance_month": f"{name} does not fall in that month this year",
            "no_calendar": f"no calendar data dates {name}",
        }[item.reason.value]
        return f"{head}: {text}"

    def infeasible_heading(self) -> str:
        return "Cannot be met by scheduling:"

    def unschedulable(self, titles: list[str]) -> str:
        return f"Met by measured figures, not by scheduling: {'; '.join(titles)}"

    def proposal_heads(self) -> tuple[str, str, str, str]:
        return ("Day", "Activity", "Kind", "Serves")

    # -- many communities at once ------------------------------------------------------
    def batch_heads(self) -> tuple[str, ...]:
        return (
            "community",
            "plan",
            "requirements",
            "met",
            "missed",
            "failing",
            "score",
            "grade",
            "result",
        )

    def batch_result(self, ok: bool, unreadable: bool) -> str:
        return "unreadable" if unreadable else "ok" if ok else "not ok"

    def batch_verdict(self, total: int, failed: int, unreadable: int) -> str:
        if not failed:
            return f"{_communities(total)}, all ok"
        tail = f", {unreadable} of them unreadable" if unreadable else ""
        return f"{_communities(total)}, {failed} not ok{tail}"

    def batch_failure_result(self, kind: str) -> str:
        return {"exception": "error", "worker_died": "worker died", "timed_out": "timed out"}.get(
            kind, "not checked"
        )

    def batch_failure(self, kind: str, detail: str) -> str:
        if kind == "exception":
            return f"the check broke off with an error that is not about the input: {detail}"
        if kind == "worker_died":
            again = "; it did again when tried on its own, and was not tried more"
            return "the process checking it died (out of memory, or killed)" + (
                again if detail != "1" else ""
            )
        if kind == "timed_out":
            return f"not checked within the time-out of {detail} s; its process was stopped"
        return "not checked: the worker processes kept dying before it was reached"
