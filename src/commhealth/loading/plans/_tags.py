"""The keys of the plan-file format: tags of the tagged unions, and each table's keys."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ..._goals import Goal, RatioGoal, TrendGoal
from ..._requirements import Deadline, Quota, Recurrence
from ..._scheme import (
    ActivitiesFigure,
    ManualScore,
    MetricFigure,
    RecordsFigure,
    RequirementFigure,
)
from ..._scoring import RULE_KINDS as SCORING_KINDS
from ...calendar._observance import Observance, RuleVersion
from ...calendar._rules import RULE_KINDS

__all__ = ["REQUIREMENT_TYPES"]

#: The ``type`` tag of each requirement kind in plan files.
REQUIREMENT_TYPES: dict[type, str] = {
    Quota: "quota",
    Recurrence: "recurrence",
    Deadline: "deadline",
    Goal: "goal",
    RatioGoal: "ratio_goal",
    TrendGoal: "trend_goal",
}

#: The ``kind`` tag of each observance rule class (``RULE_KINDS`` the other way round).
_RULE_TAGS: dict[type, str] = {cls: cls.kind for cls in RULE_KINDS.values()}

#: The ``kind`` tag of each scoring rule class of an assessors' scheme.
_SCORING_TAGS: dict[type, str] = {cls: cls.kind for cls in SCORING_KINDS.values()}

#: The ``source`` tag of each kind of figure a scheme's criterion is scored on.
_FIGURE_TAGS: dict[type, str] = {
    cls: cls.source
    for cls in (RequirementFigure, MetricFigure, ManualScore, RecordsFigure, ActivitiesFigure)
}

#: The key that holds the tag of each class that is a member of a tagged union.
_TAG_KEYS: dict[type, str] = (
    dict.fromkeys(REQUIREMENT_TYPES, "type")
    | dict.fromkeys(_RULE_TAGS, "kind")
    | dict.fromkeys(_SCORING_TAGS, "kind")
    | dict.fromkeys(_FIGURE_TAGS, "source")
)

#: A rule version's years; a file writes them beside the rule, not in a table of their own.
_YEAR_KEYS = tuple(a.name for a in attrs.fields(RuleVersion) if a.name != "rule")
#: An observance's keys that give its rule history: one ``rule``, or ``rules`` by year.
_HISTORY_KEYS = ("rule", "rules", *_YEAR_KEYS)
#: An observance's keys in a file, in the order they are written.
_OBSERVANCE_KEYS = tuple(
    key
    for a in attrs.fields(Observance)
    for key in (_HISTORY_KEYS if a.name == "rules" else (a.name,))
)


def _describe(value: object) -> str:
    return f"{type(value).__name__} {value!r}"


def _table(value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        msg = f"expected a table (got {_describe(value)})"
        raise TypeError(msg)
    return value


def _file_keys(cls: type) -> tuple[str, ...]:
    """The keys of ``cls``'s table in a file: its fields, after the tag of a union member."""
    if cls is Observance:
        return _OBSERVANCE_KEYS
    names = tuple(a.name for a in attrs.fields(cls)) if attrs.has(cls) else ()
    tag = _TAG_KEYS.get(cls)
    return names if tag is None else (tag, *names)


def _unknown_key(key: str, known: Sequence[str]) -> str:
    return f"unknown key {key!r}; known keys: {', '.join(known)}"
