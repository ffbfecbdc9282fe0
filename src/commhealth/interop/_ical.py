"""A plan and its schedule as iCalendar, for phone and desktop calendars (``icalendar``).

Each recurrence becomes one repeating event whose ``RRULE`` is the plan's own rule, ending
with the plan's span; each deadline an all-day event on its due day; each activity of the
schedule an all-day event over its days, ``TENTATIVE`` while planned and ``CANCELLED`` when
cancelled. Events carry stable ``UID``\\ s, so importing the file again updates them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .._activities import Activity, ActivityStatus
from .._neutral import ical_text as _t
from .._requirements import Deadline, Recurrence
from .._wording import Lang, words

if TYPE_CHECKING:
    from .._plan import Plan

__all__ = ["to_ics"]

_STATUS = {
    ActivityStatus.DONE: "CONFIRMED",
    ActivityStatus.PLANNED: "TENTATIVE",
    ActivityStatus.CANCELLED: "CANCELLED",
}


def _icalendar() -> Any:
    try:
        import icalendar  # noqa: PLC0415 - an optional extra
    except ImportError:
        msg = 'writing an iCalendar file needs icalendar: pip install "commhealth[ical]"'
        raise ImportError(msg) from None
    return icalendar


def _first(rule: str, plan: Plan) -> dt.date | None:
    from dateutil.rrule import rrulestr  # noqa: PLC0415

    start = dt.datetime.combine(plan.span.start, dt.time())
    first = rrulestr(rule, dtstart=start).after(start, inc=True)
    return None if first is None or first.date() >= plan.span.end else first.date()


def to_ics(plan: Plan, activities: Iterable[Activity] = (), lang: Lang | None = None) -> bytes:
    """The plan's recurrences and deadlines, and ``activities``, as an iCalendar file.

    Raises:
        ImportError: icalendar is not installed; the message names the extra.
    """
    ical = _icalendar()
    w = words(lang or ("en" if plan.language == "en" else "zh"))
    cal = ical.Calendar()
    cal.add("prodid", "-//commhealth//plan calendar//EN")
    cal.add("version", "2.0")
    # Added as TEXT: an unknown X- property is otherwise written raw, and a CR in the
    # title starts a property of its own.
    cal.add("x-wr-calname", ical.vText(_t(plan.title or plan.id)))
    stamp = dt.datetime.combine(plan.span.start, dt.time(), tzinfo=dt.UTC)
    for r in plan.requirements:
        event = ical.Event()
        event.add("uid", _t(f"{plan.id}.{r.id}@commhealth"))
        event.add("dtstamp", stamp)
        if isinstance(r, Recurrence):
            first = _first(r.rule, plan)
            if first is None:
                continue
            event.add("summary", _t(r.title or r.id))
            event.add("dtstart", first)
            event.add("dtend", first + dt.timedelta(days=1))
            rule = ical.vRecur.from_ical(r.rule)
            rule["UNTIL"] = [plan.span.end - dt.timedelta(days=1)]
            event.add("rrule", rule)
        elif isinstance(r, Deadline):
            event.add("summary", _t(w.due_event(r.title or r.id)))
            event.add("dtstart", r.due)
            event.add("dtend", r.due + dt.timedelta(days=1))
        else:
            continue
        cal.add_component(event)
    for a in activities:
        event = ical.Event()
        event.add("uid", _t(f"{plan.id}.activity.{a.id}@commhealth"))
        event.add("dtstamp", stamp)
        event.add("summary", _t(a.title or a.kind or a.id))
        event.add("dtstart", a.date)
        event.add("dtend", (a.end or a.date) + dt.timedelta(days=1))
        event.add("status", _STATUS[a.status])
        if a.location:
            event.add("location", _t(a.location))
        if a.kind:
            event.add("categories", [_t(a.kind)])
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
