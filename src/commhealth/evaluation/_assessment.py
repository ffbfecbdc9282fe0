"""An assessment: what each criterion earned, the total and the grade, as data and words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from .._wording import Lang, words

__all__ = ["Assessment", "CriterionScore", "SectionScore"]


@attrs.frozen(kw_only=True)
class CriterionScore:
    """What one criterion earned, and from what.

    Attributes:
        criterion: The criterion's id.
        title: Its title in the scheme.
        section: The id of the section it is in.
        points: The points it earned (0 when its figure is missing).
        out_of: Its full points.
        figure: The figure it was scored on, or ``None`` when there was none.
        rule: The ``kind`` of the rule that scored it.
        facts: The rule's arithmetic (``shortfall``, ``deducted``, ``band`` …).
        projected: In a progress evaluation, the points if everything planned is held.
        requirement: The requirement whose findings gave the figure, if any.
        bonus: Whether it is a bonus item (附加分).
        core: Whether it is a core item (核心指标).
        veto: Whether it is a veto (一票否决).
        applicable: ``False`` when it had no figure and its ``no_data`` is
            ``not_applicable``: then it counts toward neither the total nor the maximum.
    """

    criterion: str
    title: str
    section: str
    points: float
    out_of: float
    figure: float | str | None
    rule: str
    facts: Mapping[str, Any] = attrs.field(factory=dict)
    projected: float | None = None
    requirement: str | None = None
    bonus: bool = False
    core: bool = False
    veto: bool = False
    applicable: bool = True

    @property
    def lost(self) -> float:
        """The points it did not earn (none when it is not applicable)."""
        return round(self.out_of - self.points, 6) if self.applicable else 0.0

    def message(self, lang: Lang = "zh") -> str:
        """The arithmetic in words: «健康讲座：10，应12，少2，扣2分，得10分（满分12分）»."""
        return words(lang).criterion(self)


@attrs.frozen(kw_only=True)
class SectionScore:
    """What one top-level section (一级指标) earned: its points of its applicable items that
    are not bonuses, their full points, its bonus after its own cap, and its criteria's ids
    (those of its sections too) in order."""

    section: str
    title: str
    points: float
    out_of: float
    bonus: float
    criteria: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Assessment:
    """A plan's year scored against a scheme.

    ``total`` is the points of the criteria that are not bonuses, plus the bonuses up to
    the scheme's cap; ``maximum`` is what the applicable criteria that are not bonuses
    could earn. The assessment ``passed`` when its grade passes and no veto or core item
    failed. ``plan`` is the id of the organisation's plan, or of the child organisation
    when a street office scores its communities; ``name`` is the organisation's name.
    ``graded_on`` is the total the grade was given on when the scheme rescales a total
    whose maximum is short of the scheme's (some criteria not applicable). ``section`` of
    each criterion's score is the innermost section holding it. ``bonus_earned`` is what
    the bonus items earned before the caps; ``bonus`` what counts.
    """

    scheme: str
    plan: str
    name: str = ""
    as_of: dt.date | None
    language: Lang
    scores: tuple[CriterionScore, ...]
    total: float
    maximum: float
    bonus: float
    grade: str
    passed: bool
    vetoes: tuple[str, ...] = ()
    core_missed: tuple[str, ...] = ()
    projected_total: float | None = None
    graded_on: float | None = None
    bonus_earned: float = 0.0
    sections: tuple[SectionScore, ...] = ()

    def to_do(self) -> tuple[CriterionScore, ...]:
        """The criteria that lost points, most points lost first: the worker's to-do list."""
        losing = [s for s in self.scores if s.lost > 0 and not s.bonus]
        return tuple(sorted(losing, key=lambda s: (-s.lost, s.criterion)))

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """The assessment as JSON-ready data."""
        lang = lang or self.language
        return {
            "scheme": self.scheme,
            "plan": self.plan,
            "name": self.name,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "total": self.total,
            "maximum": self.maximum,
            "bonus": self.bonus,
            "bonus_earned": self.bonus_earned,
            "grade": self.grade,
            "passed": self.passed,
            "vetoes": list(self.vetoes),
            "core_missed": list(self.core_missed),
            "projected_total": self.projected_total,
            "graded_on": self.graded_on,
            "sections": [
                {
                    "section": s.section,
                    "title": s.title,
                    "points": s.points,
                    "out_of": s.out_of,
                    "bonus": s.bonus,
                }
                for s in self.sections
            ],
            "criteria": [
                {
                    "criterion": s.criterion,
                    "section": s.section,
                    "points": s.points,
                    "out_of": s.out_of,
                    "figure": s.figure,
                    "rule": s.rule,
                    "projected": s.projected,
                    "requirement": s.requirement,
                    "title": s.title,
                    "applicable": s.applicable,
                    "bonus": s.bonus,
                    "core": s.core,
                    "veto": s.veto,
                    "adjust": s.facts.get("adjust"),
                    "reason": s.facts.get("reason"),
                    "parts": [
                        {k: p[k] for k in ("part", "points", "out_of", "figure", "rule")}
                        for p in s.facts.get("parts", ())
                    ],
                    "message": s.message(lang),
                }
                for s in self.scores
            ],
        }

    def to_text(self, lang: Lang | None = None) -> str:
        """The assessment for a person: the total and grade, then each section's points and
        its criteria's arithmetic (a scheme of one section lists its criteria alone)."""
        w = words(lang or self.language)
        lines = [w.assessment_heading(self), ""]
        if len(self.sections) < 2:
            lines += [s.message(w.lang) for s in self.scores]
            return "\n".join(lines) + "\n"
        by_id = {s.criterion: s for s in self.scores}
        for i, section in enumerate(self.sections):
            if i:
                lines.append("")
            lines.append(w.section_heading(section))
            lines += [by_id[c].message(w.lang) for c in section.criteria]
        return "\n".join(lines) + "\n"

    def to_records(self, lang: Lang | None = None) -> list[dict[str, Any]]:
        """One flat row per criterion, for a table: the plan, the criterion and its section,
        points, full points, figure, rule, projected points and the sentence."""
        lang = lang or self.language
        return [
            {
                "plan": self.plan,
                "criterion": s.criterion,
                "title": s.title,
                "section": s.section,
                "points": s.points,
                "out_of": s.out_of,
                "lost": s.lost,
                "figure": s.figure,
                "rule": s.rule,
                "projected": s.projected,
                "message": s.message(lang),
            }
            for s in self.scores
        ]

    def to_dataframe(self, lang: Lang | None = None) -> Any:
        """The criteria as a :class:`pandas.DataFrame` (the ``notebook`` extra), one row each.

        Raises:
            ImportError: pandas is not installed; the message says which extra brings it.
        """
        try:
            import pandas as pd  # noqa: PLC0415 - an optional extra, heavy to import
        except ImportError:
            msg = 'Assessment.to_dataframe needs pandas: pip install "commhealth[notebook]"'
            raise ImportError(msg) from None
        return pd.DataFrame.from_records(self.to_records(lang))

    def to_html(self, lang: Lang | None = None, *, standalone: bool = True) -> str:
        """The assessment as HTML: a self-contained page (or, with ``standalone=False``,
        the fragment to embed) with the heading, the points lost as bars and every
        criterion's row."""
        from .._views import assessment_fragment, page  # noqa: PLC0415 - views import us

        lang = lang or self.language
        body = assessment_fragment(self, lang)
        return page(words(lang).assessment_heading(self), body, lang) if standalone else body

    def chart(self, lang: Lang | None = None) -> str:
        """The criteria that lost points, most first, as SVG bars."""
        from .._views import points_lost  # noqa: PLC0415

        return points_lost(self, lang or self.language)

    def _repr_html_(self) -> str:
        from .._views import assessment_fragment  # noqa: PLC0415

        return assessment_fragment(self, self.language)
