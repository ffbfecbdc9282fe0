"""An assessor's score sheet (评分表): figures, ratings, discretionary adjustments, evidence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._validators import finite
from .errors import FieldError

__all__ = ["ScoreEntry", "ScoreSheet"]


def _some_content(instance: ScoreEntry, attribute: attrs.Attribute[Any], value: Any) -> None:
    if instance.figure is None and instance.adjust == 0 and instance.evidence is None:
        msg = f"the entry for {instance.criterion!r} gives no score, adjustment or evidence"
        raise FieldError("score", msg)


def _reason_for_adjustment(
    instance: ScoreEntry, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if instance.adjust != 0 and not instance.reason.strip():
        msg = f"an adjustment to {instance.criterion!r} needs its reason"
        raise FieldError("reason", msg)


@attrs.frozen(kw_only=True)
class ScoreEntry:
    """One row of a score sheet: what the assessor gives one criterion.

    Attributes:
        criterion: The criterion's id (``criterion.part`` for one part of a criterion).
        subject: The organisation scored (a community, when a street office scores its
            communities), or ``None`` when the sheet scores one organisation.
        figure: The assessor's figure (a number) or rating (``好``, ``有``), if any.
        adjust: Points added or taken off at the assessor's discretion (酌情扣分 is
            negative); the criterion's points stay between 0 and its full points.
        reason: Why the points were adjusted; required with an adjustment.
        evidence: Whether the written evidence (佐证材料) was shown; ``None`` when the sheet
            does not say.
        row: The row of the sheet it came from, for messages.
    """

    criterion: str = attrs.field(validator=attrs.validators.min_len(1))
    subject: str | None = None
    figure: float | str | None = None
    adjust: float = attrs.field(default=0.0, validator=[finite, _reason_for_adjustment])
    reason: str = ""
    evidence: bool | None = attrs.field(default=None, validator=_some_content)
    row: int | None = attrs.field(default=None, eq=False)


def _unique_entries(
    instance: ScoreSheet, attribute: attrs.Attribute[Any], value: tuple[ScoreEntry, ...]
) -> None:
    seen: dict[tuple[str | None, str], ScoreEntry] = {}
    for e in value:
        key = (e.subject, e.criterion)
        if key in seen:
            who = f" for {e.subject!r}" if e.subject else ""
            msg = f"criterion {e.criterion!r} is scored twice{who}"
            raise FieldError(attribute.name, msg)
        seen[key] = e


@attrs.frozen(kw_only=True)
class ScoreSheet:
    """Every entry an assessor made, for one organisation or for each of several.

    >>> sheet = ScoreSheet.of({"1.2": "有", "3.1": 4})
    >>> sheet.for_subject(None)["3.1"].figure
    4
    """

    entries: tuple[ScoreEntry, ...] = attrs.field(default=(), validator=_unique_entries)

    @classmethod
    def of(cls, scores: Mapping[str, float | str], *, subject: str | None = None) -> ScoreSheet:
        """A sheet that gives each criterion of ``scores`` its figure or rating."""
        return cls(
            entries=tuple(
                ScoreEntry(criterion=k, subject=subject, figure=v) for k, v in scores.items()
            )
        )

    def subjects(self) -> tuple[str, ...]:
        """The organisations the sheet scores, in the order it first names them."""
        return tuple(dict.fromkeys(e.subject for e in self.entries if e.subject is not None))

    def for_subject(self, subject: str | None) -> dict[str, ScoreEntry]:
        """The entries for ``subject`` by criterion id; entries that name no subject apply to
        every subject, unless the subject has its own."""
        found = {e.criterion: e for e in self.entries if e.subject is None}
        if subject is not None:
            found |= {e.criterion: e for e in self.entries if e.subject == subject}
        return found
