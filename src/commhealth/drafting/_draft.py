"""``draft(text)``: a plan proposed from its Chinese text, section by section (篇)."""

from __future__ import annotations

import re

import attrs

from .._periods import NamedWindow, Window
from .._plan import Organisation, Plan, Team
from ..calendar import ObservanceRegistry, default_registry
from ..errors import DraftError
from ._assemble import assemble
from ._document import sections
from ._grammar_text import organisation_of, year_of
from ._model import DraftedRequirement, DraftedThemes, Todo, Unread
from ._reading import Context
from ._vocabulary import Vocabulary, default_vocabulary

__all__ = ["Draft", "DraftedSection", "draft"]

#: Stands in for the organisations a for-each-child quota needs until the user lists them.
STAND_IN_CHILD = Organisation(id="child-1", name="")


@attrs.frozen(kw_only=True)
class DraftedSection:
    """The plan drafted from one section (篇) of a document.

    Attributes:
        number: The section's number (篇N), from 1.
        title: Its heading.
        year: The plan's year.
        organisation: The organisation the text names first, or a stand-in to be named.
        requirements: Each drafted requirement, with its sentence, confidence and phrases.
        themes: The monthly theme calendar, when the section has 一月份 … lines.
        teams: Teams the requirements need (a team's size, each member's talk).
        windows: Named windows, each with a note when its dates are a stand-in.
        children: Child organisations a for-each quota needs (stand-ins to be named).
        unread: Sentences stating a target the draft could not read, and why.
        skipped: How many sentences state no target (aims, slogans) and were left out.
    """

    number: int
    title: str
    year: int
    organisation: Organisation
    requirements: tuple[DraftedRequirement, ...] = ()
    themes: DraftedThemes | None = None
    teams: tuple[Team, ...] = ()
    windows: tuple[tuple[NamedWindow, Todo | None], ...] = ()
    children: tuple[Organisation, ...] = ()
    unread: tuple[Unread, ...] = ()
    skipped: int = 0

    @property
    def plan_id(self) -> str:
        """The drafted plan's id: ``draft-2022-2`` for 篇2 of a 2022 document."""
        return f"draft-{self.year}-{self.number}"

    def plan(self) -> Plan:
        """The drafted plan, as :func:`~commhealth.load_plan` reads the file :meth:`to_toml` writes."""
        return Plan(
            id=self.plan_id,
            title=self.title,
            organisation=self.organisation,
            span=Window.year(self.year),
            windows=tuple(w for w, _ in self.windows),
            teams=self.teams,
            children=self.children,
            requirements=tuple(r.requirement for r in self.requirements),
            themes=self.themes.calendar if self.themes is not None else None,
        )

    def to_toml(self, *, source: str | None = None) -> str:
        """The plan file: a comment quoting each requirement's sentence, ``# TODO`` above each
        field left to decide, and the sentences not read listed at the end."""
        from ._toml import render  # noqa: PLC0415 - only writing a file needs the renderer

        return render(self, source=source)


@attrs.frozen(kw_only=True)
class Draft:
    """Plans drafted from a document, one per section (篇).

    Attributes:
        sections: The drafted sections, in the document's order.
        preface: How many sentences came before the first section and were left out.
    """

    sections: tuple[DraftedSection, ...]
    preface: int = 0

    def section(self, number: int) -> DraftedSection:
        """The section numbered ``number`` (篇N).

        Raises:
            DraftError: The document has no such section; the message lists those it has.
        """
        for s in self.sections:
            if s.number == number:
                return s
        known = ", ".join(str(s.number) for s in self.sections)
        raise DraftError(f"the document has no section {number}; it has {known}")


def _organisation(text: str) -> Organisation:
    found = organisation_of(text)
    if found is None:
        return Organisation(id="organisation", name="")
    name, level = found
    return Organisation(id="organisation", name=name, level=level)


def draft(
    text: str,
    *,
    year: int | None = None,
    vocabulary: Vocabulary | None = None,
    registry: ObservanceRegistry | None = None,
) -> Draft:
    """Propose a plan for each section (篇) of a plan's Chinese text.

    Args:
        text: The plan's text (plain text, or Markdown with its marks dropped).
        year: The plan's year; by default the first year the section, or else the
            document, names (2022年).
        vocabulary: The words kinds, tags, audiences and teams are read from; by default
            the shipped ``vocabulary.toml`` (:func:`load_vocabulary` extends it).
        registry: The observance days names are resolved through; by default the shipped ones.

    Raises:
        DraftError: No year is given and the text names none, or ``cn2an`` (the ``draft``
            extra) is not installed.
    """
    if not text.strip():
        raise DraftError("the plan's text is empty: nothing to draft from")
    found, preface = sections(text)
    document_year = year if year is not None else year_of(text)
    vocabulary = vocabulary or default_vocabulary()
    registry = registry or default_registry()
    drafted = []
    for section in found:
        body = " ".join(s.text for s in section.sentences[:2])
        section_year = (
            year if year is not None else (year_of(section.title + body) or document_year)
        )
        if section_year is None:
            msg = "the text names no year: give one, e.g. draft(text, year=2022) or --year 2022"
            raise DraftError(msg)
        ctx = Context(year=section_year, vocabulary=vocabulary, registry=registry)
        got = assemble(section, ctx)
        needs_children = any(
            getattr(r.requirement, "for_each", None) is not None and r.requirement.for_each.children  # type: ignore[union-attr]
            for r in got.requirements
        )
        drafted.append(
            DraftedSection(
                number=section.number,
                title=re.sub(r"\s+", " ", section.title) or f"section {section.number}",
                year=section_year,
                organisation=_organisation(body),
                requirements=got.requirements,
                themes=got.themes,
                teams=got.teams,
                windows=got.windows,
                children=(STAND_IN_CHILD,) if needs_children else (),
                unread=got.unread,
                skipped=got.skipped,
            )
        )
    return Draft(sections=tuple(drafted), preface=preface)
