"""Evaluating observance days: a theme month's observances, and activities that mark one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .._labels import date_label, window_label
from .._periods import Window
from .._report import Finding
from .._requirements import Severity
from .._status import Status
from .._themes import ThemeCalendar
from ..calendar import Occurrence
from ._context import Context

__all__ = ["OBSERVANCE_DATES", "evaluate_activity_observances", "evaluate_theme_observances"]

#: The requirement id of the findings on activities that name an observance.
OBSERVANCE_DATES = "observance-dates"


def _name(occ: Occurrence, asked: str) -> str:
    return asked if asked == occ.name_zh else f"{asked}（{occ.name_zh}）"


def _span_words(occ: Occurrence, lang: str) -> str:
    first, last = occ.start, occ.last
    if first == last:
        return date_label(first, lang)  # type: ignore[arg-type]
    if lang == "zh":
        tail = f"{last.month}月{last.day}日" if last.year == first.year else date_label(last, "zh")
        return f"{date_label(first, 'zh')}至{tail}"
    return f"{date_label(first, 'en')} to {date_label(last, 'en')}"


def evaluate_theme_observances(calendar: ThemeCalendar, ctx: Context) -> Iterator[Finding]:
    """One finding per observance a themed month names: met when it falls in that month.

    «老人节（重阳节）2022年在10月4日，不在9月»: the Double Ninth is a lunar date.
    """
    span = ctx.plan.span
    for year in range(span.start.year, span.last.year + 1):
        for theme in calendar.months:
            month = Window.month(year, theme.month)
            if month.intersection(span) is None:
                continue
            for asked in theme.observances:
                observance = ctx.registry.get(asked)
                occs = observance.occurrences(year)
                inside = [o for o in occs if o.window.overlaps(month)]
                common = {
                    "requirement": calendar.id,
                    "severity": calendar.severity,
                    "window": month,
                    "key": asked,
                    "expected": {"observance": observance.id, "month": theme.month},
                    "source": calendar.source,
                }
                if inside:
                    occ = inside[0]
                    yield Finding(
                        status=Status.MET,
                        actual=occ.start.isoformat(),
                        message_zh=f"{_name(occ, asked)}：{year}年在{_span_words(occ, 'zh')}，在{theme.month}月",
                        message_en=f"{asked} ({occ.name_en or occ.name_zh}): {_span_words(occ, 'en')}, in {window_label(month, 'en')}",
                        **common,  # type: ignore[arg-type]
                    )
                elif occs:
                    occ = occs[0]
                    yield Finding(
                        status=Status.MISSED,
                        actual=occ.start.isoformat(),
                        message_zh=f"{_name(occ, asked)}{year}年在{_span_words(occ, 'zh').removeprefix(f'{year}年')}，不在{theme.month}月",
                        message_en=f"{asked} ({occ.name_en or occ.name_zh}) falls on {_span_words(occ, 'en')}, not in {window_label(month, 'en')}",
                        **common,  # type: ignore[arg-type]
                    )
                else:
                    yield Finding(
                        status=Status.NO_DATA,
                        message_zh=f"{asked}（{observance.name_zh}）：日历数据中没有{year}年的日期",
                        message_en=f"{asked} ({observance.name_en or observance.name_zh}): no date for {year} in the calendar data",
                        **common,  # type: ignore[arg-type]
                    )


def evaluate_activity_observances(ctx: Context) -> Iterator[Finding]:
    """A warning-level finding for each activity that names an observance: met when it is
    held within the observance's span, give or take the plan's ``observance_tolerance``."""
    tol = dt.timedelta(days=ctx.plan.observance_tolerance)
    for a in ctx.index.all_activities():
        if a.observance is None:
            continue
        common = {
            "requirement": OBSERVANCE_DATES,
            "severity": Severity.WARNING,
            "window": Window.day(a.date),
            "key": a.observance,
            "activities": (a.id,),
            "actual": a.date.isoformat(),
        }
        label = a.title or a.id
        if a.observance not in ctx.registry:
            yield Finding(
                status=Status.NO_DATA,
                expected={"observance": a.observance},
                message_zh=f"{label}：未知的宣传日「{a.observance}」",
                message_en=f"{label}: unknown observance {a.observance!r}",
                **common,  # type: ignore[arg-type]
            )
            continue
        observance = ctx.registry.get(a.observance)
        occs = [
            o
            for y in (a.date.year - 1, a.date.year, a.date.year + 1)
            for o in observance.occurrences(y)
        ]
        near = [o for o in occs if o.start - tol <= a.date <= o.last + tol]
        expected: dict[str, object] = {
            "observance": observance.id,
            "tolerance": ctx.plan.observance_tolerance,
        }
        if near:
            yield Finding(
                status=Status.MET,
                expected=expected,
                message_zh=f"{label}：{date_label(a.date, 'zh')}，在{_name(near[0], a.observance)}期间",
                message_en=f"{label}: {date_label(a.date, 'en')}, during {a.observance}",
                **common,  # type: ignore[arg-type]
            )
            continue
        this_year = [o for o in occs if o.start.year == a.date.year]
        if not this_year:
            yield Finding(
                status=Status.NO_DATA,
                expected=expected,
                message_zh=f"{label}：{a.observance}在{a.date.year}年没有日期，无法核对",
                message_en=f"{label}: {a.observance} has no date in {a.date.year} to check against",
                **common,  # type: ignore[arg-type]
            )
            continue
        when_zh = "、".join(_span_words(o, "zh") for o in this_year)
        when_en = ", ".join(_span_words(o, "en") for o in this_year)
        yield Finding(
            status=Status.MISSED,
            expected=expected,
            message_zh=f"{label}：{date_label(a.date, 'zh')}开展，但{a.observance}在{when_zh}",
            message_en=f"{label}: held on {date_label(a.date, 'en')}, but {a.observance} is on {when_en}",
            **common,  # type: ignore[arg-type]
        )
