"""Rendering a report as text for a person and as HTML for a notebook."""

from __future__ import annotations

import html
from itertools import groupby
from typing import TYPE_CHECKING

from ._labels import Lang, status_label
from ._status import Status

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


def _source_line(finding: Finding, lang: Lang) -> list[str]:
    """Where a requirement came from, when a standard brought it in."""
    if finding.source is None:
        return []
    return [f"  （来源：{finding.source}）" if lang == "zh" else f"  (from {finding.source})"]


def _requirement_lines(title: str, findings: list[Finding], lang: Lang) -> list[str]:
    """A requirement's lines: each finding that needs attention, the rest counted."""
    source = _source_line(findings[0], lang)
    if len(findings) == 1:
        return [f"{_MARKS[findings[0].status]} {findings[0].message(lang)}", *source]
    shown = [f for f in findings if f.status not in _QUIET]
    quiet = [(s, n) for s in _QUIET if (n := sum(f.status is s for f in findings))]
    # Windows of a cadence are 时段; values of a for-each rule (areas, cadres) are 项.
    per_value = all(f.key is not None for f in findings)
    unit_zh, unit_en = ("项", "") if per_value else ("个时段", " windows")
    colon = "：" if lang == "zh" else ": "
    if not shown and quiet == [(Status.MET, len(findings))]:
        tail = (
            f"全部{len(findings)}{unit_zh}达标"
            if lang == "zh"
            else f"all {len(findings)}{unit_en} met"
        )
        return [f"✓ {title}{colon}{tail}", *source]
    lines = [f"{_MARKS[f.status]} {f.message(lang)}" for f in shown] or [
        f"{_MARKS[Status.ON_TRACK]} {title}"
    ]
    if not quiet:
        return [*lines, *source]
    if lang == "zh":
        counts = "，".join(f"{n}{unit_zh}{status_label(s, lang)}" for s, n in quiet)
        lines.append(f"  （另有{counts}）" if shown else f"  （{counts}）")
    else:
        counts = ", ".join(f"{n} {status_label(s, lang)}" for s, n in quiet)
        lines.append(f"  ({'and ' if shown else ''}{counts})")
    return [*lines, *source]


def render_text(report: Report, lang: Lang) -> str:
    """The report as plain text: a heading, the verdict, then each requirement's findings."""
    out = [report.heading(lang)]
    failing = report.failing()
    if lang == "zh":
        verdict = (
            "结果：通过"
            if report.ok
            else f"结果：未通过（{len(failing.requirements())}项要求未达标）"
        )
    else:
        n = len(failing.requirements())
        verdict = (
            "Result: ok"
            if report.ok
            else f"Result: not ok ({n} requirement{'s' if n != 1 else ''} failing)"
        )
    out += [verdict, ""]
    for _, group in groupby(report.findings, key=lambda f: f.requirement):
        found = list(group)
        out.extend(_requirement_lines(report.title_of(found[0].requirement, lang), found, lang))
    counts = [(s, n) for s, n in report.summary().items() if n]
    sep = "，" if lang == "zh" else ", "
    label = "合计：" if lang == "zh" else "Total: "
    out += ["", label + sep.join(f"{status_label(Status(s), lang)} {n}" for s, n in counts)]
    return "\n".join(out) + "\n"


def render_html(report: Report, lang: Lang) -> str:
    """The report as an HTML table with statuses coloured, for notebooks."""
    heads = ("要求", "状态", "时段", "对象", "说明") if lang == "zh" else (
        "requirement", "status", "window", "for", "message",
    )  # fmt: skip
    rows = []
    for f in report.findings:
        window = "" if f.window is None else str(f.window)
        cells = (f.requirement, status_label(f.status, lang), window, f.key or "", f.message(lang))
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
