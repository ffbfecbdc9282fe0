"""A report as plain text for a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._neutral import terminal_text
from .._status import Status
from .._wording import Lang, Wording, words
from ._groups import MARKS, RequirementView, requirement_views

if TYPE_CHECKING:
    from .._report import Report

__all__ = ["render_text", "requirement_lines"]


def requirement_lines(view: RequirementView, w: Wording, lang: Lang) -> list[str]:
    """A requirement's lines: each finding that needs attention, the rest counted."""
    source = [] if view.source is None else [w.source(view.source)]
    if len(view.findings) == 1:
        only = view.findings[0]
        return [f"{MARKS[only.status]} {only.message(lang)}", *source]
    if not view.shown and view.quiet == ((Status.MET, len(view.findings)),):
        return [w.all_met(view.title, len(view.findings), view.per_value), *source]
    lines = [f"{MARKS[f.status]} {f.message(lang)}" for f in view.shown] or [
        f"{MARKS[Status.ON_TRACK]} {view.title}"
    ]
    if view.quiet:
        lines.append(w.also(list(view.quiet), view.per_value, after=bool(view.shown)))
    return [*lines, *source]


def render_text(report: Report, lang: Lang) -> str:
    """The report as plain text: a heading, the verdict, then each requirement's findings."""
    w = words(lang)
    out = [report.heading(lang), w.verdict(report.ok, len(report.failing().requirements())), ""]
    for view in requirement_views(report, lang):
        out.extend(requirement_lines(view, w, lang))
    out += [f"! {f.message(lang)}" for f in report.ledger]
    counts = [(Status(s), n) for s, n in report.summary().items() if n]
    out += ["", w.total(counts)]
    # A title's own line break or escape sequence must not draw a line of its own.
    return "\n".join(terminal_text(line, keep_newlines=False) for line in out) + "\n"
