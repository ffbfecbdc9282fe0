"""What a draft holds: each proposed requirement with the sentence and phrases behind it."""

from __future__ import annotations

import attrs

from .._periods import NamedWindow
from .._plan import Requirement, Team
from .._themes import ThemeCalendar

__all__ = [
    "DraftedRequirement",
    "DraftedThemes",
    "FieldSource",
    "Sentence",
    "Todo",
    "Unread",
]


@attrs.frozen(kw_only=True)
class Sentence:
    """A sentence of the plan's text and where it stands.

    Attributes:
        text: The sentence as written.
        section: The number of the 篇 (section) it belongs to, from 1.
        line: Its line in the document, from 1.
        start: The offset of its first character in the document.
    """

    text: str
    section: int
    line: int
    start: int

    @property
    def end(self) -> int:
        """The offset just past its last character."""
        return self.start + len(self.text)


@attrs.frozen(kw_only=True)
class FieldSource:
    """The phrase of a sentence that set one field of a drafted requirement."""

    field: str
    phrase: str


@attrs.frozen(kw_only=True)
class Todo:
    """A field the draft could not decide: what to choose, and the choices there are."""

    field: str
    note: str
    choices: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class DraftedRequirement:
    """A requirement proposed from one sentence.

    Attributes:
        requirement: The requirement, valid as it stands.
        sentence: The sentence it was read from.
        confidence: How sure the reading is, from 0 to 1: lower for each field left to the
            user and each field filled from the context rather than the sentence.
        sources: The phrase that set each field.
        todos: The fields the user must decide.
    """

    requirement: Requirement
    sentence: Sentence
    confidence: float = attrs.field(validator=[attrs.validators.ge(0), attrs.validators.le(1)])
    sources: tuple[FieldSource, ...] = ()
    todos: tuple[Todo, ...] = ()


@attrs.frozen(kw_only=True)
class DraftedThemes:
    """The monthly theme calendar (时间安排) drafted from a section's 一月份 … 十二月份 lines.

    Attributes:
        calendar: The theme calendar, each month's topics and resolved observance names.
        sentences: The month lines, in order.
        months: The month each of ``sentences`` is about (a month may be written twice).
        notes: What the user should confirm: names read as a close observance, names the
            calendar does not know, observances that fall outside the month they are filed under.
    """

    calendar: ThemeCalendar
    sentences: tuple[Sentence, ...]
    months: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Unread:
    """A sentence that states a target the draft could not read, and why."""

    sentence: Sentence
    reason: str


@attrs.frozen(kw_only=True)
class Extras:
    """What a section's requirements need besides themselves: its teams and named windows."""

    teams: tuple[Team, ...] = ()
    windows: tuple[NamedWindow, ...] = ()
