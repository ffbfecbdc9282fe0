"""Rendering a report as text for a person and as HTML for a notebook."""

from __future__ import annotations

import html
from itertools import groupby
from typing import TYPE_CHECKING

from ._status import Status
from ._wording import Lang, Wording, words

if TYPE_CHECKING:
    from ._report import Finding, Report

__all__ = ["render_html", "render_text"]

_MARKS = {
    Status.MET: "✓",
    Status.EXCEEDED: "✗",
    Status.MISSED: "✗",
    Status.AT_RISK: "!",
    Status.NO_DATA: "?",
    Status.ON_TRACK: "…",
    Status.NOT_DUE: "·",
}

_COLOURS = {
    Status.MET: "#d7f5dd",
    Status.EXCEEDED: "#fbd5d5",
    Status.MISSED: "#fbd5d5",
    Status.AT_RISK: "#fde8c8",
    Status.NO_DATA: "#e8e8e8",
    Status.ON_TRACK: "#dbe9fb",
    Status.NOT_DUE: "#f2f2f2",
}


_QUIET = (Status.MET, Status.ON_TRACK, Status.NOT_DUE)


def _requirement_lines(title: str, findings: list[Finding], w: Wording, lang: Lang) -> list[str]:
    """A requirement's lines: each finding that needs attention, the rest counted."""
    source = [] if findings[0].source is None else [w.source(findings[0].source)]
    if len(findings) == 1:
        return [f"{_MARKS[findings[0].status]} {findings[0].message(lang)}", *source]
    shown = [f for f in findings if f.status not in _QUIET]
    quiet = [(s, n) for s in _QUIET if (n := sum(f.status is s for f in findings))]
    # Windows of a cadence are counted apart from values of a for-each rule (areas, cadres).
    per_value = all(f.key is not None for f in findings)
    if not shown and quiet == [(Status.MET, len(findings))]:
        return [w.all_met(title, len(findings), per_value), *source]
    lines = [f"{_MARKS[f.status]} {f.message(lang)}" for f in shown] or [
        f"{_MARKS[Status.ON_TRACK]} {title}"
    ]
    if quiet:
        lines.append(w.also(quiet, per_value, after=bool(shown)))
    return [*lines, *source]


def render_text(report: Report, lang: Lang) -> str:
    """The report as plain text: a heading, the verdict, then each requirement's findings."""
    w = words(lang)
    out = [report.heading(lang), w.verdict(report.ok, len(report.failing().requirements())), ""]
    for _, group in groupby(report.findings, key=lambda f: f.requirement):
        found = list(group)
        title = report.title_of(found[0].requirement, lang)
        out.extend(_requirement_lines(title, found, w, lang))
    counts = [(Status(s), n) for s, n in report.summary().items() if n]
    out += ["", w.total(counts)]
    return "\n".join(out) + "\n"


def render_html(report: Report, lang: Lang) -> str:
    """The report as an HTML table with statuses coloured, for notebooks."""
    w = words(lang)
    heads = w.table_heads()
    rows = []
    for f in report.findings:
        window = "" if f.window is None else str(f.window)
        cells = (f.requirement, w.status(f.status), window, f.key or "", f.message(lang))
        style = f' style="background:{_COLOURS[f.status]}"'
        rows.append("<tr>" + "".join(f"<td{style}>{html.escape(c)}</td>" for c in cells) + "</tr>")
    verdict = "ok" if report.ok else "not ok"
    return (
        f"<div><p><b>{html.escape(report.heading(lang))}</b> — {verdict}</p>"
        "<table><thead><tr>"
        + "".join(f"<th>{h}</th>" for h in heads)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )
