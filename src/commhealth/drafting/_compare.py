"""How close a draft comes to the plan a person wrote: recall and precision of its targets.

A target of the expected plan is *found* when a drafted requirement of the same type was
read from a sentence that shares a phrase with the target's own quoted sentence, and *right*
when that requirement also has the same bound, measure, cadence or rule, due date, named
windows and for-each list. Ids, titles and selectors are not compared: they are codes a
person picks. The theme calendar is one target, right when it files the same observances
under the same months.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

import attrs

from .._goals import Goal, RatioGoal, TrendGoal
from .._plan import Plan, Requirement
from .._requirements import Deadline, Quota, Recurrence
from .._themes import ThemeCalendar
from ..calendar import ObservanceRegistry, default_registry
from ._draft import DraftedSection
from ._model import DraftedRequirement

__all__ = ["Comparison", "TargetMatch", "compare", "quotes_from_plan_file"]

#: The shortest phrase two sentences must share for a draft to be read from a target's sentence.
MIN_SHARED = 4


@attrs.frozen(kw_only=True)
class TargetMatch:
    """One target of the expected plan and what the draft made of it.

    Attributes:
        target: The expected requirement's id (``themes`` for the theme calendar).
        status: ``right`` (every compared field equal), ``wrong`` (found, some field differs)
            or ``missed`` (no drafted requirement of its type from its sentence).
        drafted: The id of the drafted requirement it was matched with, if any.
        differs: The compared fields that differ, when ``wrong``.
    """

    target: str
    status: str
    drafted: str | None = None
    differs: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Comparison:
    """A draft against an expected plan: each target's match, and the figures."""

    matches: tuple[TargetMatch, ...]
    drafted: int

    @property
    def targets(self) -> int:
        """How many targets the expected plan holds."""
        return len(self.matches)

    @property
    def right(self) -> int:
        """Targets drafted with every compared field right."""
        return sum(1 for m in self.matches if m.status == "right")

    @property
    def found(self) -> int:
        """Targets drafted with the right type from the right sentence, fields right or not."""
        return sum(1 for m in self.matches if m.status != "missed")

    @property
    def recall(self) -> float:
        """The share of targets drafted with every field right."""
        return self.right / self.targets if self.targets else 1.0

    @property
    def precision(self) -> float:
        """The share of drafted requirements that are an expected target with every field right."""
        return self.right / self.drafted if self.drafted else 1.0


def _shared(a: str, b: str) -> int:
    m = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size


def _signature(req: Requirement) -> dict[str, Any]:
    sig: dict[str, Any] = {"type": type(req).__name__}
    if isinstance(req, Quota):
        fe = req.for_each
        sig |= {
            "bound": (req.bound.min, req.bound.max),
            "measure": req.measure.value,
            "per": req.per.value,
            "within": tuple(sorted(req.within)),
            "for_each": None
            if fe is None
            else (fe.field, tuple(sorted(fe.values)), fe.team is not None, fe.children),
        }
    elif isinstance(req, Recurrence):
        sig["rule"] = req.rule
    elif isinstance(req, Deadline):
        sig |= {
            "due": req.due,
            "bound": None if req.bound is None else (req.bound.min, req.bound.max),
        }
    elif isinstance(req, Goal):
        sig |= {"bound": (req.bound.min, req.bound.max), "unit": req.unit}
    elif isinstance(req, RatioGoal):
        sig["bound"] = (req.bound.min, req.bound.max)
    elif isinstance(req, TrendGoal):
        sig |= {"direction": req.direction.value, "per": req.per.value}
    return sig


def _theme_signature(calendar: ThemeCalendar, registry: ObservanceRegistry) -> dict[str, Any]:
    def ids(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(registry.get(n).id if n in registry else n for n in names))

    return {
        "months": tuple(sorted(m.month for m in calendar.months)),
        "observances": tuple(
            (m.month, ids(m.observances)) for m in sorted(calendar.months, key=lambda m: m.month)
        ),
    }


def _candidates(
    pool: list[DraftedRequirement], req: Requirement, quotes: Mapping[str, str]
) -> list[DraftedRequirement]:
    """The drafted requirements of the target's type read from a sentence like its own."""
    quote = quotes.get(req.id, "") + " " + req.title
    kind = _signature(req)["type"]
    return [
        d
        for d in pool
        if _signature(d.requirement)["type"] == kind
        and _shared(d.sentence.text, quote) >= MIN_SHARED
    ]


def _differs(a: dict[str, Any], b: dict[str, Any]) -> tuple[str, ...]:
    return tuple(k for k in a if a.get(k) != b.get(k))


def compare(
    drafted: DraftedSection,
    expected: Plan,
    quotes: Mapping[str, str],
    *,
    registry: ObservanceRegistry | None = None,
) -> Comparison:
    """Compare a drafted section with the plan a person wrote from the same text.

    Args:
        drafted: The drafted section.
        expected: The hand-written plan.
        quotes: For each of the expected plan's requirement ids (and ``themes``), the
            sentence it was written from, as the plan file's comment quotes it.
        registry: Resolves observance names in the theme calendars.
    """
    registry = registry or default_registry()
    pool = list(drafted.requirements)
    targets = list(expected.requirements)
    right: dict[str, TargetMatch] = {}
    # Right matches first, over every target, so that a target found with a wrong field does
    # not take the requirement another target is drafted right by.
    for req in targets:
        want = _signature(req)
        exact = [d for d in _candidates(pool, req, quotes) if _signature(d.requirement) == want]
        if exact:
            pool.remove(exact[0])
            right[req.id] = TargetMatch(
                target=req.id, status="right", drafted=exact[0].requirement.id
            )
    matches = []
    for req in targets:
        if req.id in right:
            matches.append(right[req.id])
            continue
        candidates = _candidates(pool, req, quotes)
        if candidates:
            best = candidates[0]
            differs = _differs(_signature(req), _signature(best.requirement))
            matches.append(
                TargetMatch(
                    target=req.id, status="wrong", drafted=best.requirement.id, differs=differs
                )
            )
        else:
            matches.append(TargetMatch(target=req.id, status="missed"))
    drafted_count = len(drafted.requirements)
    if expected.themes is not None:
        got = drafted.themes
        if got is None:
            matches.append(TargetMatch(target=expected.themes.id, status="missed"))
        else:
            want_t = _theme_signature(expected.themes, registry)
            have_t = _theme_signature(got.calendar, registry)
            status = "right" if want_t == have_t else "wrong"
            matches.append(
                TargetMatch(
                    target=expected.themes.id,
                    status=status,
                    drafted="themes",
                    differs=_differs(want_t, have_t),
                )
            )
    if drafted.themes is not None:
        drafted_count += 1
    return Comparison(matches=tuple(matches), drafted=drafted_count)


_ID_LINE = re.compile(r'^id\s*=\s*"([^"]+)"')


def quotes_from_plan_file(text: str) -> dict[str, str]:
    """The sentence each requirement of a plan file quotes in the comments above it, by id;
    the theme calendar's month comments together under ``themes``."""
    quotes: dict[str, str] = {}
    comments: list[str] = []
    pending: str | None = None
    themes: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if line.startswith("#"):
            comments.append(line.lstrip("# "))
            continue
        if line == "[[requirements]]":
            pending = " ".join(comments)
        elif line == "[[themes.months]]":
            themes.append(" ".join(comments))
        elif pending is not None and (m := _ID_LINE.match(line)):
            quotes[m.group(1)] = pending
            pending = None
        if line:
            comments = []
    quotes["themes"] = " ".join(themes)
    return quotes
