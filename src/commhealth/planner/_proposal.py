"""A proposal: the activities to add, what each serves, and what cannot be met."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .._activities import Activity
from .._periods import Window
from .._wording import Lang, words

__all__ = ["Infeasible", "Proposal", "Shortfall"]


class Shortfall(enum.Enum):
    """Why a target cannot be met by adding activities."""

    #: The window is over and the target was not met in it.
    CLOSED = "closed"
    #: The activities already held or planned pass the maximum.
    EXCEEDED = "exceeded"
    #: No day left in the window that the constraints allow.
    NO_DAYS = "no_days"
    #: Too few days left in the window for what is missing, at the day or week cap.
    TOO_SMALL = "too_small"
    #: Each proposed activity adds so much that reaching the minimum would pass the maximum.
    OVERSHOOT = "overshoot"
    #: Enough days, but other targets, a maximum or the caps take them.
    CONFLICT = "conflict"
    #: No activity can pass the requirement's selector with the value it is counted for.
    NO_ACTIVITY = "no_activity"
    #: A themed month names an observance that does not fall in that month this year.
    OBSERVANCE_MONTH = "observance_month"
    #: No calendar data dates an observance a themed month names.
    NO_CALENDAR = "no_calendar"


@attrs.frozen(kw_only=True)
class Infeasible:
    """A target the proposal cannot meet, and why.

    Attributes:
        requirement: The requirement's id.
        title: Its title as the plan writes it (its id when it has none).
        window: The window the target is judged in, if any.
        key: The *for each* value (a safety area, a cadre, a community), if any.
        reason: Why it cannot be met.
        missing: How much is missing (in the requirement's measure), when that is a figure.
        facts: Other figures the sentence needs (the observance's name, the days left).
    """

    requirement: str
    title: str
    window: Window | None = None
    key: str | None = None
    reason: Shortfall
    missing: float | None = None
    facts: Mapping[str, Any] = attrs.field(factory=dict)

    def message(self, lang: Lang = "zh") -> str:
        """Why the target cannot be met, as a sentence in ``lang``."""
        return words(lang).infeasible(self)

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """The item as JSON-ready data."""
        return {
            "requirement": self.requirement,
            "window": _window_dict(self.window),
            "key": self.key,
            "reason": self.reason.value,
            "missing": _number(self.missing),
            "message": self.message(lang),
        }


def _window_dict(w: Window | None) -> dict[str, str] | None:
    return None if w is None else {"start": w.start.isoformat(), "end": w.end.isoformat()}


def _number(value: float | None) -> float | int | None:
    if value is not None and float(value).is_integer():
        return int(value)
    return value


@attrs.frozen(kw_only=True)
class Proposal:
    """The fewest new activities that meet every target that can still be met.

    Attributes:
        plan: The plan's id.
        title: The plan's title.
        as_of: The day the proposal was made from, if any.
        language: The language the plan's reports are worded in.
        activities: The proposed activities, in date order, each ``planned``.
        serves: For each proposed activity's id, the ids of the requirements it counts for.
        infeasible: The targets no proposal can meet, each with its reason.
        unschedulable: The requirements activities cannot meet (goals on measured figures).
        titles: Each requirement's title as the plan writes it (its id when it has none).
    """

    plan: str
    title: str = ""
    as_of: dt.date | None = None
    language: Lang = "zh"
    activities: tuple[Activity, ...] = ()
    serves: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    infeasible: tuple[Infeasible, ...] = ()
    unschedulable: tuple[str, ...] = ()
    titles: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def ok(self) -> bool:
        """Whether every target that activities can meet is met with the proposal."""
        return not self.infeasible

    def __len__(self) -> int:
        return len(self.activities)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """The proposal as JSON-ready data: ``{"plan", "as_of", "ok", "activities": [...],
        "infeasible": [...], "unschedulable": [...]}``."""
        lang = lang or self.language
        return {
            "plan": self.plan,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "ok": self.ok,
            "activities": [
                {
                    "id": a.id,
                    "date": a.date.isoformat(),
                    "title": a.title,
                    "kind": a.kind,
                    "topics": sorted(a.topics),
                    "tags": sorted(a.tags),
                    "audience": sorted(a.audience),
                    "people": sorted(a.people),
                    "organiser": a.organiser,
                    "location": a.location,
                    "observance": a.observance,
                    "serves": list(self.serves.get(a.id, ())),
                }
                for a in self.activities
            ],
            "infeasible": [i.to_dict(lang) for i in self.infeasible],
            "unschedulable": list(self.unschedulable),
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per proposed activity, for a table: its fields and what it serves."""
        return [
            {
                "plan": self.plan,
                "id": a.id,
                "date": a.date,
                "title": a.title,
                "kind": a.kind,
                "topics": ";".join(sorted(a.topics)),
                "tags": ";".join(sorted(a.tags)),
                "audience": ";".join(sorted(a.audience)),
                "people": ";".join(sorted(a.people)),
                "organiser": a.organiser,
                "location": a.location,
                "observance": a.observance,
                "serves": ", ".join(self.serves.get(a.id, ())),
            }
            for a in self.activities
        ]

    def to_text(self, lang: Lang | None = None) -> str:
        """The proposal as plain text: the activities month by month, then what cannot be met."""
        from ._render import render_text  # noqa: PLC0415 - only text output needs it

        return render_text(self, lang or self.language)

    def dump(self, path: str | Path) -> None:
        """Write the proposed activities to ``path``, the format chosen by its suffix: a
        ledger (``.csv`` or ``.xlsx`` with Chinese headers, ``.toml``, ``.json``) that
        :func:`~commhealth.load_activities` reads back, or an iCalendar file (``.ics``).

        Raises:
            LedgerError: The suffix is none of those, or the file cannot be written.
            ImportError: ``.ics`` needs the ``planner`` extra, ``.xlsx`` the ``excel`` one.
        """
        if Path(path).suffix.lower() == ".ics":
            from ._icalendar import dump_icalendar  # noqa: PLC0415 - an optional extra

            dump_icalendar(self, path)
            return
        from ..loading import dump_activities  # noqa: PLC0415

        dump_activities(self.activities, path)

    def to_html(self, lang: Lang | None = None, *, standalone: bool = True) -> str:
        """The proposal as HTML: a self-contained page to open or print (no script, nothing
        fetched), or with ``standalone=False`` the fragment to embed."""
        from .._views import page  # noqa: PLC0415
        from .._wording import words  # noqa: PLC0415
        from ._render import render_html  # noqa: PLC0415

        lang = lang or self.language
        body = render_html(self, lang)
        return page(words(lang).proposal_heading(self), body, lang) if standalone else body

    def _repr_html_(self) -> str:
        from ._render import render_html  # noqa: PLC0415

        return render_html(self, self.language)
