"""Which activities a requirement counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ._validators import frozen_strs

if TYPE_CHECKING:
    from ._activities import Activity

__all__ = ["Selector"]


@attrs.frozen(kw_only=True)
class Selector:
    """A filter on activities: kind, tags, topics, audience and organiser.

    Fields combine with AND; within one field any of the listed values matches (OR).
    An empty field does not filter, so ``Selector()`` matches every activity.

    ``Selector(kind={"inspection"}, tags={"greening-sanitation"})`` counts inspections
    tagged as greening and sanitation work.
    """

    kind: frozenset[str] = attrs.field(factory=frozenset, converter=frozen_strs)
    tags: frozenset[str] = attrs.field(factory=frozenset, converter=frozen_strs)
    topics: frozenset[str] = attrs.field(factory=frozenset, converter=frozen_strs)
    audience: frozenset[str] = attrs.field(factory=frozenset, converter=frozen_strs)
    organiser: frozenset[str] = attrs.field(factory=frozenset, converter=frozen_strs)

    def matches(self, activity: Activity) -> bool:
        """Whether ``activity`` passes every non-empty field of the selector."""
        a = activity
        return self.matches_signature(a.kind, a.tags, a.topics, a.audience, a.organiser)

    def matches_signature(
        self,
        kind: str,
        tags: frozenset[str],
        topics: frozenset[str],
        audience: frozenset[str],
        organiser: str | None,
    ) -> bool:
        """Whether activities with these field values pass the selector."""
        if self.kind and kind not in self.kind:
            return False
        if self.tags and self.tags.isdisjoint(tags):
            return False
        if self.topics and self.topics.isdisjoint(topics):
            return False
        if self.audience and self.audience.isdisjoint(audience):
            return False
        return not (self.organiser and organiser not in self.organiser)

    @property
    def is_empty(self) -> bool:
        """Whether the selector matches every activity."""
        return not (self.kind or self.tags or self.topics or self.audience or self.organiser)
