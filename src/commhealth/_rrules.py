"""Recurrence rules (RFC 5545 RRULEs) read for a plan: by the day, inside a span, bounded.

A plan's unit is the day, so rules that repeat more often than daily, or name an hour,
minute or second, are refused, and ``INTERVAL`` must be at least 1 (``INTERVAL=0`` never
advances). dateutil looks for a rule's next occurrence up to the year 9999, so a rule that
never occurs (``FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30``) takes seconds to say so; here the
search stops at the end of the plan's span.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Iterator
from typing import Any

from dateutil import rrule as _dateutil_rrule
from dateutil.rrule import rrulestr

from ._limits import MAX_OCCURRENCES

__all__ = ["MAX_INTERVAL", "occurrence_dates", "rule_problem"]

#: The largest ``INTERVAL`` a rule may have.
MAX_INTERVAL = 1000

_SHORTER_THAN_A_DAY = ("HOURLY", "MINUTELY", "SECONDLY")
_FREQ = re.compile(r"\bFREQ=([A-Z]*)", re.IGNORECASE)
_INTERVAL = re.compile(r"\bINTERVAL=([^;\s]*)", re.IGNORECASE)
_TIME_PARTS = re.compile(r"\b(BYHOUR|BYMINUTE|BYSECOND)=", re.IGNORECASE)


def rule_problem(rule: str) -> str | None:
    """What keeps ``rule`` from being a rule of days, as words that follow "'rule'"."""
    for m in _FREQ.finditer(rule):
        freq = m.group(1).upper()
        if freq in _SHORTER_THAN_A_DAY:
            return (
                "must repeat daily or less often, as a plan counts days "
                f"(FREQ=DAILY, WEEKLY, MONTHLY or YEARLY; got FREQ={m.group(1)})"
            )
    for m in _INTERVAL.finditer(rule):
        text = m.group(1)
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_INTERVAL:
            return f"must have an INTERVAL from 1 to {MAX_INTERVAL} (got INTERVAL={text})"
    part = _TIME_PARTS.search(rule)
    if part is not None:
        name = part.group(1).upper()
        return f"must not name a time of day, as a plan counts days (got {name})"
    return None


class _Calendar:
    """The ``datetime`` module as dateutil's search loop sees it, with an earlier last year."""

    def __init__(self, last_year: int) -> None:
        self.MAXYEAR = last_year

    def __getattr__(self, name: str) -> Any:
        return getattr(dt, name)


def _bound(ruleset: Any, last_year: int) -> None:
    """Make every rule of ``ruleset`` stop looking after ``last_year``.

    dateutil's loop gives up only past ``datetime.MAXYEAR``; it is run here with its module
    globals' ``datetime`` replaced, so that the search ends with the plan's span. Should a
    later dateutil lay its rules out differently, the rules are left as they are: slower on
    a rule that never occurs, never wrong.
    """
    code = getattr(_dateutil_rrule.rrule, "_iter", None)
    rules = getattr(ruleset, "_rrule", None)
    if code is None or not isinstance(rules, list):
        return
    scope = dict(vars(_dateutil_rrule))
    scope["datetime"] = _Calendar(last_year)
    bounded = types.FunctionType(code.__code__, scope, "_iter")
    for rule in [*rules, *getattr(ruleset, "_exrule", [])]:
        rule._iter = types.MethodType(bounded, rule)


def _dates(rule: str, start: dt.date, end: dt.date) -> Iterator[dt.date]:
    first = dt.datetime.combine(start, dt.time())
    ruleset = rrulestr(rule, dtstart=first, forceset=True, cache=False)
    _bound(ruleset, min(end.year + 1, dt.MAXYEAR))
    for moment in ruleset.xafter(first, inc=True):
        day = moment.date()
        if day >= end:
            return
        yield day


def occurrence_dates(
    rule: str, start: dt.date, end: dt.date, *, limit: int = MAX_OCCURRENCES
) -> list[dt.date]:
    """The days ``rule`` gives from ``start`` up to ``end`` (excluded), at most ``limit``
    (by default :data:`~commhealth._limits.MAX_OCCURRENCES`) of them, in order, each once.

    The rule starts on ``start`` unless it names its own ``DTSTART``; a rule with a time of
    day in its ``DTSTART`` keeps its occurrence on the last day.
    """
    days: list[dt.date] = []
    for day in _dates(rule, start, end):
        if not days or days[-1] != day:
            days.append(day)
        if len(days) >= limit:
            break
    return days
