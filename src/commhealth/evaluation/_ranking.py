"""Many organisations scored against one scheme, ranked: who is 优秀, who 不合格, and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from .._wording import Lang, words
from ._assessment import Assessment

__all__ = ["Ranking", "rank"]


def rank(assessments: Iterable[Assessment]) -> list[dict[str, Any]]:
    """Many communities' assessments against one scheme, ranked: highest total first.

    Each row gives the plan, the organisation's name, its total, grade, whether it passed,
    the vetoes that fired, the core items short, the criterion that lost the most points
    and its rank; equal totals share a rank (1, 2, 2, 4), and are listed by plan id.
    """
    ordered = sorted(assessments, key=lambda a: (-a.total, a.plan))
    rows: list[dict[str, Any]] = []
    for i, a in enumerate(ordered):
        place = rows[-1]["rank"] if rows and rows[-1]["total"] == a.total else i + 1
        worst = a.to_do()
        rows.append(
            {
                "rank": place,
                "plan": a.plan,
                "name": a.name,
                "total": a.total,
                "maximum": a.maximum,
                "grade": a.grade,
                "passed": a.passed,
                "vetoes": list(a.vetoes),
                "core_missed": list(a.core_missed),
                "most_lost": worst[0].criterion if worst else None,
                "most_lost_title": worst[0].title if worst else None,
            }
        )
    return rows


@attrs.frozen(kw_only=True)
class Ranking:
    """The assessments of the organisations under one plan (a street office's
    communities), each against the same scheme.

    ``passed`` holds when every one of them passed.
    """

    scheme: str
    plan: str
    as_of: dt.date | None
    assessments: tuple[Assessment, ...]

    @property
    def passed(self) -> bool:
        """Whether every organisation's assessment passed."""
        return all(a.passed for a in self.assessments)

    @property
    def language(self) -> Lang:
        """The language of the plan the organisations were scored from."""
        return self.assessments[0].language if self.assessments else "zh"

    def assessment(self, plan: str) -> Assessment:
        """The assessment of the organisation ``plan``.

        Raises:
            KeyError: No organisation of that id was scored.
        """
        for a in self.assessments:
            if a.plan == plan:
                return a
        raise KeyError(plan)

    def rows(self) -> list[dict[str, Any]]:
        """The ranking table: see :func:`rank`."""
        return rank(self.assessments)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """The ranking as JSON-ready data: the table, then each assessment in full."""
        return {
            "scheme": self.scheme,
            "plan": self.plan,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "passed": self.passed,
            "ranking": self.rows(),
            "assessments": [a.to_dict(lang) for a in self.assessments],
        }

    def to_text(self, lang: Lang | None = None, *, detail: bool = True) -> str:
        """The table for a person, one line per organisation; with ``detail``, each
        organisation's criteria after it."""
        w = words(lang or self.language)
        lines = [w.ranking_heading(self), ""]
        lines += [w.ranking_row(row) for row in self.rows()]
        if detail:
            for a in sorted(self.assessments, key=lambda a: (-a.total, a.plan)):
                lines += ["", a.to_text(w.lang).rstrip("\n")]
        return "\n".join(lines) + "\n"

    def to_records(self, lang: Lang | None = None) -> list[dict[str, Any]]:
        """One flat row per organisation and criterion, for a table."""
        return [r for a in self.assessments for r in a.to_records(lang)]

    def to_html(self, lang: Lang | None = None, *, standalone: bool = True) -> str:
        """The ranking as HTML: the totals as bars, the table, and each organisation's
        assessment in a ``<details>``; a self-contained page unless ``standalone=False``."""
        from .._views import page, ranking_fragment  # noqa: PLC0415 - views import us

        lang = lang or self.language
        body = ranking_fragment(self, lang)
        return page(words(lang).ranking_heading(self), body, lang) if standalone else body

    def chart(self, lang: Lang | None = None) -> str:
        """Each organisation's total as an SVG bar, in rank order."""
        from .._views import bars  # noqa: PLC0415

        w = words(lang or self.language)
        rows = [(r["name"] or r["plan"], r["total"], r["maximum"], r["grade"]) for r in self.rows()]
        return bars(rows, w.ranking_heading(self))

    def _repr_html_(self) -> str:
        from .._views import ranking_fragment  # noqa: PLC0415

        return ranking_fragment(self, self.language)
