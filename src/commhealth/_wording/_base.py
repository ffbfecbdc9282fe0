"""What every language's wording provides, and the figures they all read from a finding."""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .._periods import Window
from .._status import Status

if TYPE_CHECKING:
    from .._activities import Activity
    from .._ledger_findings import LedgerFinding
    from .._report import Finding, Report
    from ..evaluation import Assessment, CriterionScore, Ranking, SectionScore
    from ..planner import Infeasible, Proposal

__all__ = ["Lang", "Wording", "figure"]

#: A language the reports are worded in.
Lang = Literal["zh", "en"]


def figure(value: float) -> str:
    """A figure in plain digits: no needless ``.0``, no exponent, up to six decimals.

    Plain digits keep a near miss visible: 99.996 against a minimum of 100 is not "100".
    """
    value = float(value)
    if value.is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def month_span(w: Window) -> int | None:
    """The number of whole months a window covers, if it runs from a 1st to a 1st."""
    if w.start.day != 1 or w.end.day != 1:
        return None
    return (w.end.year - w.start.year) * 12 + w.end.month - w.start.month


#: What a window is, for its words: a calendar year, a half, a quarter, a month, a run of
#: whole months in one year, or a run of days.
WindowShape = Literal["year", "half", "quarter", "month", "months", "days"]


def window_shape(w: Window) -> WindowShape:
    """What ``w`` is, so every language names the same windows alike."""
    months = month_span(w)
    s = w.start
    if months == 12 and s.month == 1:
        return "year"
    if months == 6 and s.month in (1, 7):
        return "half"
    if months == 3 and s.month in (1, 4, 7, 10):
        return "quarter"
    if months == 1:
        return "month"
    if months is not None and s.year == w.last.year:
        return "months"
    return "days"


def day_of(value: object) -> dt.date | None:
    """A date held as ISO text in a finding's ``actual``, or ``None``."""
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def bound_of(expected: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """The ``min`` and ``max`` a finding's ``expected`` holds."""
    return expected.get("min"), expected.get("max")


class Counted(NamedTuple):
    """A counted finding's figures, as every language words them."""

    low: float | None
    high: float | None
    achieved: float
    total: float
    #: How much is planned beyond what is achieved.
    planned: float
    #: How far what is achieved falls short of ``low`` (missed) or passes ``high`` (exceeded).
    short: float
    over: float
    #: With what is planned: whether it still falls short (else it passes ``high``), and by how much.
    still_short: bool
    gap: float


def counted(f: Finding) -> Counted:
    """The figures of a quota's or a themed month's finding."""
    low, high = bound_of(f.expected)
    achieved = float(f.actual or 0)
    total = achieved if f.planned is None else f.planned
    still_short = low is not None and total < low
    return Counted(
        low=low,
        high=high,
        achieved=achieved,
        total=total,
        planned=total - achieved,
        short=(low or 0) - achieved,
        over=achieved - (high or 0),
        still_short=still_short,
        gap=(low or 0) - total if still_short else total - (high or 0),
    )


def label_of(f: Finding) -> str | None:
    """The for-each value of a finding in words: a child organisation's name, or the key."""
    label: str | None = f.facts.get("label", f.key)
    return label


def missing_terms(f: Finding) -> list[str]:
    """The metrics of a ratio finding that have no figure yet."""
    return [f.facts[k] for k in ("numerator", "denominator") if f.facts[k + "_value"] is None]


#: How many activity ids a sentence about the ledger lists before it says how many in all.
SHOWN_IDS = 5


def shown_ids(ids: Sequence[str]) -> tuple[list[str], int]:
    """The first ids a sentence lists, and how many it leaves out."""
    return list(ids[:SHOWN_IDS]), max(0, len(ids) - SHOWN_IDS)


class Wording(abc.ABC):
    """The sentences of one language: labels for dates, windows and statuses, a sentence per
    :class:`~commhealth.Reason` of finding, and the lines of a report.

    A new language is a subclass that fills in every abstract method, registered in
    ``LANGUAGES``; a reworded sentence is a change to one method.
    """

    lang: Lang

    # -- labels ------------------------------------------------------------------------
    @abc.abstractmethod
    def date(self, day: dt.date) -> str:
        """A date in words."""
        ...

    @abc.abstractmethod
    def window(self, w: Window) -> str:
        """A window in words: a year, a half, a quarter, a month or a run of days."""
        ...

    @abc.abstractmethod
    def status(self, status: Status) -> str:
        """A status in words."""
        ...

    @abc.abstractmethod
    def bound(self, low: float | None, high: float | None, unit: str = "") -> str:
        """A bound in words, ``unit`` after each number (already in this language)."""
        ...

    @abc.abstractmethod
    def unit(self, unit: str | None) -> str:
        """A plan's unit (``人``, ``%``, ``元``) as it follows a number in this language."""
        ...

    @abc.abstractmethod
    def measure_unit(self, measure: str) -> str:
        """The unit a quota's measure is counted in (``count``, ``days``, ``distinct kind`` …)."""
        ...

    # -- findings ----------------------------------------------------------------------
    def finding(self, f: Finding) -> str:
        """The finding as a sentence a community health worker can read."""
        say: Callable[[Finding], str] = getattr(self, f.reason.value)
        return say(f)

    @abc.abstractmethod
    def quota(self, f: Finding) -> str:
        """A quota window: ``每月绿化卫生检查（至少1次）：2022年7月 0次，缺1次``."""
        ...

    @abc.abstractmethod
    def unused_kind(self, f: Finding) -> str:
        """A selected kind no activity has, with the ledger's kinds that look like it."""
        ...

    @abc.abstractmethod
    def unused_audience(self, f: Finding) -> str:
        """An audience a requirement selects that neither the vocabulary nor the ledger has."""
        ...

    @abc.abstractmethod
    def off_day(self, f: Finding) -> str:
        """An activity on a holiday or weekend that a working-day rule does not count."""
        ...

    @abc.abstractmethod
    def occurrence(self, f: Finding) -> str:
        """One occurrence of a recurrence."""
        ...

    @abc.abstractmethod
    def milestone(self, f: Finding) -> str:
        """A milestone due by a date."""
        ...

    @abc.abstractmethod
    def figure(self, f: Finding) -> str:
        """A measured figure against a bound."""
        ...

    @abc.abstractmethod
    def ratio(self, f: Finding) -> str:
        """A ratio of two figures against a bound."""
        ...

    @abc.abstractmethod
    def trend(self, f: Finding) -> str:
        """A figure compared with the previous one."""
        ...

    @abc.abstractmethod
    def too_few_figures(self, f: Finding) -> str:
        """A trend with fewer than two figures."""
        ...

    @abc.abstractmethod
    def theme_topics(self, f: Finding) -> str:
        """A themed month's activities and the topics none carried."""
        ...

    @abc.abstractmethod
    def theme_observance(self, f: Finding) -> str:
        """An observance a themed month names."""
        ...

    @abc.abstractmethod
    def activity_observance(self, f: Finding) -> str:
        """An activity held for an observance."""
        ...

    @abc.abstractmethod
    def unknown_observance(self, f: Finding) -> str:
        """An activity naming an observance nobody knows."""
        ...

    @abc.abstractmethod
    def parent_link(self, f: Finding) -> str:
        """Whether a child plan names its parent."""
        ...

    @abc.abstractmethod
    def cascade(self, f: Finding) -> str:
        """Whether a child plan takes up a passed-down requirement."""
        ...

    # -- assessments -------------------------------------------------------------------
    @abc.abstractmethod
    def criterion(self, s: CriterionScore) -> str:
        """A criterion's points and the arithmetic behind them."""

    @abc.abstractmethod
    def assessment_heading(self, a: Assessment) -> str:
        """The total, the grade and whether the assessment passed."""

    @abc.abstractmethod
    def section_heading(self, s: SectionScore) -> str:
        """A section's title and points, above its criteria."""

    @abc.abstractmethod
    def discrepancy(self, path: str, what: str, declared: float, items: float) -> str:
        """Where a scheme's declared points differ from what its items add up to."""

    @abc.abstractmethod
    def ranking_heading(self, r: Ranking) -> str:
        """The plan whose organisations were scored, the scheme, and how many passed."""

    @abc.abstractmethod
    def ranking_row(self, row: Mapping[str, Any]) -> str:
        """One organisation's place, name, total, grade, and why it failed or lost most."""

    @abc.abstractmethod
    def ranking_heads(self) -> tuple[str, str, str, str, str]:
        """The columns of the ranking table: rank, organisation, points, grade, why."""

    @abc.abstractmethod
    def criterion_list(self, row: Mapping[str, Any]) -> str:
        """Why an organisation failed or lost the most points, in a few words."""

    # -- reports -----------------------------------------------------------------------
    @abc.abstractmethod
    def title(self, requirement: str) -> str | None:
        """The title of a requirement the engine adds itself (``observance-dates``), if any."""
        ...

    @abc.abstractmethod
    def ledger(self, f: LedgerFinding) -> str:
        """Rows of the ledger whose status contradicts their date, and what they count as."""
        ...

    @abc.abstractmethod
    def heading(self, report: Report) -> str:
        """One line naming the plan and the kind of check."""
        ...

    @abc.abstractmethod
    def verdict(self, ok: bool, failing: int) -> str:
        """Whether the report passes, and how many requirements fail."""
        ...

    @abc.abstractmethod
    def all_met(self, title: str, n: int, per_value: bool) -> str:
        """A requirement whose ``n`` windows (or for-each values) are all met."""
        ...

    @abc.abstractmethod
    def also(self, counts: list[tuple[Status, int]], per_value: bool, after: bool) -> str:
        """The findings not shown, counted by status (``after`` the ones shown, or alone)."""
        ...

    @abc.abstractmethod
    def source(self, source: str) -> str:
        """Which standard a requirement came from."""
        ...

    @abc.abstractmethod
    def total(self, counts: list[tuple[Status, int]]) -> str:
        """The closing line: how many findings have each status."""
        ...

    @abc.abstractmethod
    def label(self, key: str) -> str:
        """A label of the HTML views and pictures: ``failing``, ``all``, ``heatmap``,
        ``grid``, ``span``, ``points_lost``."""
        ...

    @abc.abstractmethod
    def due_event(self, title: str) -> str:
        """A calendar event's title on a deadline's due day."""
        ...

    @abc.abstractmethod
    def month_label(self, month: dt.date) -> str:
        """A month's column head in a picture (its year too, in January)."""
        ...

    @abc.abstractmethod
    def criterion_heads(self) -> tuple[str, str, str, str]:
        """The columns of an assessment's table: id, criterion, points, how."""
        ...

    @abc.abstractmethod
    def table_heads(self) -> tuple[str, str, str, str, str]:
        """The columns of the HTML table: requirement, status, window, for, message."""
        ...

    # -- proposals ---------------------------------------------------------------------
    @abc.abstractmethod
    def join_titles(self, titles: list[str]) -> str:
        """Requirement titles joined into one, as a proposed activity's title."""

    @abc.abstractmethod
    def proposal_heading(self, p: Proposal) -> str:
        """One line naming the plan and the day the proposal is made from."""

    @abc.abstractmethod
    def proposal_verdict(self, p: Proposal) -> str:
        """How many activities are proposed, and whether anything cannot be met."""

    @abc.abstractmethod
    def proposed(self, a: Activity, serves: list[str]) -> str:
        """One proposed activity: its day, what it is, and the targets it serves."""

    @abc.abstractmethod
    def infeasible(self, item: Infeasible) -> str:
        """Why a target cannot be met by adding activities."""

    @abc.abstractmethod
    def infeasible_heading(self) -> str:
        """The heading of the targets that cannot be met."""

    @abc.abstractmethod
    def unschedulable(self, titles: list[str]) -> str:
        """The requirements that activities cannot meet (measured figures)."""

    @abc.abstractmethod
    def proposal_heads(self) -> tuple[str, str, str, str]:
        """The columns of the HTML table: day, activity, kind, serves."""

    # -- many communities at once ------------------------------------------------------
    @abc.abstractmethod
    def batch_heads(self) -> tuple[str, ...]:
        """The columns of a batch's summary: community, plan, requirements, met, missed,
        failing findings, score, grade, result."""
        ...

    @abc.abstractmethod
    def batch_result(self, ok: bool, unreadable: bool) -> str:
        """One community's result in a batch: passed, not passed, or could not be read."""
        ...

    @abc.abstractmethod
    def batch_verdict(self, total: int, failed: int, unreadable: int) -> str:
        """The closing line of a batch: how many communities, how many failed, how many of
        those could not be read."""
        ...

    @abc.abstractmethod
    def batch_failure_result(self, kind: str) -> str:
        """The result of a community whose check broke off: ``kind`` is an exception,
        a worker that died, a time-out, or not checked (``Outcome.failure``)."""
        ...

    @abc.abstractmethod
    def batch_failure(self, kind: str, detail: str) -> str:
        """Why a community's check broke off, with ``detail``: the exception, the time-out
        in seconds, or how many times its worker died."""
        ...
