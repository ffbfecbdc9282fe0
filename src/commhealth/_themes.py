"""The monthly theme calendar: each month's health topics and the observance days it marks."""

from __future__ import annotations

import attrs

from ._requirements import Severity
from ._selection import Selector
from ._validators import between, unique

__all__ = ["MonthlyTheme", "ThemeCalendar"]


_unique_months = unique(lambda theme: theme.month, describe=lambda m: f"month {m}")


@attrs.frozen(kw_only=True)
class MonthlyTheme:
    """One month of a theme calendar: "三月份：结合三八妇女节、3.24结核病防治宣传日 …".

    ``topics`` are the month's themes; at least ``min_activities`` activities carrying one
    of them must fall in the month. ``observances`` name the observance days the month is
    tied to (by id, Chinese name or alias); each must fall in this month in the plan's year.
    """

    month: int = attrs.field(validator=between(1, 12))
    topics: tuple[str, ...] = ()
    observances: tuple[str, ...] = ()
    min_activities: int = attrs.field(default=1, validator=attrs.validators.ge(0))


@attrs.frozen(kw_only=True)
class ThemeCalendar:
    """A plan's month-by-month themes (时间安排), checked as one requirement.

    ``select`` narrows which activities count toward the topics (health-education work,
    say); by default every activity does.
    """

    id: str = attrs.field(default="themes", validator=attrs.validators.min_len(1))
    title: str = ""
    severity: Severity = Severity.ERROR
    source: str | None = None
    select: Selector = attrs.field(factory=Selector)
    months: tuple[MonthlyTheme, ...] = attrs.field(default=(), validator=_unique_months)
