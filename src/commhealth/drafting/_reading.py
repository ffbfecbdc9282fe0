"""A reading: one target found in a sentence, before it becomes a requirement.

The grammar modules produce readings; :mod:`._assemble` turns them into requirements with
ids, checks that each is valid and works out its confidence.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from .._plan import Team
from ..calendar import ObservanceRegistry
from ._model import FieldSource, Todo
from ._vocabulary import Term, Vocabulary, find

__all__ = ["Context", "Reading", "clause_at", "near_term", "terms_in"]

_CLAUSE_BREAK = re.compile(r"[，,：:；;（）()]")


@attrs.frozen(kw_only=True)
class Context:
    """What every recogniser needs: the plan's year, the vocabulary and the observances."""

    year: int
    vocabulary: Vocabulary
    registry: ObservanceRegistry = attrs.field(eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Reading:
    """A target read from a sentence, in the plan file's own field names.

    Attributes:
        type: The requirement's ``type`` in a plan file (``quota``, ``deadline`` …).
        fields: Its fields as a plan file writes them (``{"bound": {"min": 10}, "per": "year"}``).
        title: The words of the sentence it was read from.
        start: Where the phrase that anchors it starts in the sentence.
        end: Where that phrase ends.
        sources: The phrase that set each field.
        todos: Fields left for the user.
        teams: Teams the requirement refers to.
        windows: Named windows it is restricted to: ``(id, title)``.
        stem: A word for the requirement's id (its kind, or its type).
    """

    type: str
    fields: dict[str, Any] = attrs.field(eq=False)
    title: str
    start: int
    end: int
    sources: tuple[FieldSource, ...] = ()
    todos: tuple[Todo, ...] = ()
    teams: tuple[Team, ...] = ()
    windows: tuple[tuple[str, str], ...] = ()
    stem: str = ""


def clause_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause (between commas, colons, brackets) holding ``text[start:end]``."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_BREAK.finditer(text, end)), len(text))
    return left, right


def terms_in(terms: tuple[Term, ...], text: str) -> list[tuple[str, str, int]]:
    """The terms ``text`` names: ``(code, word, position)``."""
    return find(terms, text)


def near_term(
    terms: tuple[Term, ...], text: str, start: int, end: int
) -> tuple[str, str, bool, int] | None:
    """The term naming what an anchor at ``text[start:end]`` counts:
    ``(code, word, same_clause, position)``.

    A word right after the anchor (一次全面检查) wins; then the nearest before it in the
    sentence (健教活动不少于10次, 培训，每年不少于10天); then the nearest after it in its clause.
    """
    hits = find(terms, text)
    left, right = clause_at(text, start, end)
    after = [h for h in hits if end <= h[2] <= end + 2 and h[2] < right]
    if after:
        return after[0][0], after[0][1], True, after[0][2]
    before = [h for h in hits if h[2] < end]
    if before:
        code, word, at = before[-1]
        return code, word, at >= left, at
    later = [h for h in hits if end <= h[2] < right]
    if later:
        return later[0][0], later[0][1], True, later[0][2]
    return None
