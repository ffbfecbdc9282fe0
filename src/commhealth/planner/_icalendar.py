"""A proposal as an iCalendar file (RFC 5545) that a phone or Outlook calendar imports.

Needs ``icalendar`` (the ``planner`` extra). Activities of one kind of work that fall on
the same weekday every week, or the same day of every month, become one event with an
RRULE; the rest are single all-day events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._activities import Activity
from .._atomic import write_atomic
from .._neutral import ical_text as _t
from ..errors import LedgerError, Problem

if TYPE_CHECKING:
    from ._proposal import Proposal

__all__ = ["dump_icalendar", "icalendar_text"]

_ONE_DAY = dt.timedelta(days=1)
_PRODID = "-//commhealth//proposal//EN"


def _shape(a: Activity) -> tuple[Any, ...]:
    """What must be equal for activities to be one repeating event."""
    return (a.title, a.kind, a.topics, a.tags, a.audience, a.people, a.organiser, a.location)


def _rule(days: Sequence[dt.date]) -> dict[str, Any] | None:
    """An RRULE that gives exactly ``days`` (three or more), or ``None``."""
    if len(days) < 3:
        return None
    gaps = {(b - a).days for a, b in pairwise(days)}
    if gaps == {7}:
        return {"FREQ": "WEEKLY", "COUNT": len(days)}
    months = [(d.year * 12 + d.month) for d in days]
    steps = {b - a for a, b in pairwise(months)}
    if len({d.day for d in days}) == 1 and steps == {1}:
        return {"FREQ": "MONTHLY", "BYMONTHDAY": days[0].day, "COUNT": len(days)}
    return None


def _groups(activities: Sequence[Activity]) -> list[list[Activity]]:
    """Activities grouped into runs a rule can give; singles otherwise."""
    by_shape: dict[tuple[Any, ...], list[Activity]] = {}
    for a in activities:
        if a.end is None:
            by_shape.setdefault(_shape(a), []).append(a)
    out: list[list[Activity]] = []
    grouped: set[str] = set()
    for acts in by_shape.values():
        acts.sort(key=lambda a: a.date)
        if _rule([a.date for a in acts]) is not None:
            out.append(acts)
            grouped.update(a.id for a in acts)
    out += [[a] for a in activities if a.id not in grouped]
    out.sort(key=lambda g: g[0].date)
    return out


def icalendar_text(proposal: Proposal, *, stamp: dt.datetime | None = None) -> str:
    """The proposal's activities as iCalendar text, one all-day event (or series) each.

    ``stamp`` is the DTSTAMP of every event (default: now, in UTC).

    Raises:
        ImportError: ``icalendar`` is not installed; the message names the extra.
    """
    try:
        import icalendar  # noqa: PLC0415 - an optional extra
    except ImportError:
        msg = 'writing iCalendar files needs icalendar: pip install "commhealth[planner]"'
        raise ImportError(msg) from None
    stamp = stamp or dt.datetime.now(dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    # Added as TEXT: an unknown X- property is otherwise written raw, and a CR in the
    # title starts a property of its own.
    cal.add("x-wr-calname", icalendar.vText(_t(proposal.title or proposal.plan)))
    for group in _groups(proposal.activities):
        first = group[0]
        event = icalendar.Event()
        event.add("uid", _t(f"{first.id}@{proposal.plan}"))
        event.add("dtstamp", stamp)
        event.add("summary", _t(first.title or first.kind or first.id))
        event.add("dtstart", first.date)
        event.add("dtend", (first.end or first.date) + _ONE_DAY)
        if first.location:
            event.add("location", _t(first.location))
        serves = [proposal.titles.get(r, r) for r in proposal.serves.get(first.id, ())]
        if serves:
            event.add("description", _t("\n".join(serves)))
        if first.kind:
            event.add("categories", [_t(first.kind)])
        rule = _rule([a.date for a in group]) if len(group) > 1 else None
        if rule is not None:
            event.add("rrule", rule)
        cal.add_component(event)
    text: str = cal.to_ical().decode("utf-8")
    return text


def dump_icalendar(proposal: Proposal, path: str | Path) -> None:
    """Write the proposal as an ``.ics`` file, replacing it in one step.

    Raises:
        LedgerError: The file cannot be written.
        ImportError: ``icalendar`` is not installed.
    """
    path = Path(path)
    try:
        write_atomic(path, icalendar_text(proposal))
    except OSError as e:
        msg = f"cannot write the file: {e}"
        raise LedgerError([Problem(path="file", message=msg)], source=str(path)) from None
