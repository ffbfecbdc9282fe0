"""Pictures as SVG: a requirement × month grid of one report, a community × requirement grid
of many, and bar charts of totals and points lost.

Every cell carries its status's symbol as well as its colour, and a ``<title>`` with the
sentences behind it. Text stays text: the browser picks a CJK font from the font stack, so
Chinese renders without fonts installed for the purpose.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .._neutral import xml_text
from .._status import Status
from .._wording import Lang, figure, words
from ._groups import MARKS, SEVERITY, requirement_views, worst

if TYPE_CHECKING:
    from .._report import Finding, Report
    from ..evaluation import Assessment

__all__ = ["FILL", "FONTS", "bars", "grid", "heatmap", "points_lost"]

#: The font stack: common CJK fonts of each system first, then any sans-serif.
FONTS = (
    "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', "
    "'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Hiragino Sans GB', sans-serif"
)

#: Each status's fill, and the colour of the symbol on it.
FILL = {
    Status.MET: ("#9fd4a9", "#124d22"),
    Status.MISSED: ("#d9534f", "#ffffff"),
    Status.EXCEEDED: ("#d9534f", "#ffffff"),
    Status.AT_RISK: ("#f0ad4e", "#4a2c00"),
    Status.NO_DATA: ("#b0b0b0", "#1f1f1f"),
    Status.ON_TRACK: ("#8fbce6", "#0d3558"),
    Status.NOT_DUE: ("#e6e6e6", "#555555"),
}

_CELL = 26
_GAP = 2
_PAD = 8
_FONT = 12
#: A window longer than this is shown in the span's own column, not across its months.
_MONTHLY = dt.timedelta(days=92)
#: The most months a grid shows; later months go to the span's column.
_MAX_MONTHS = 36


def _width(text: str) -> float:
    """The width of ``text`` at the chart's font size: CJK characters are twice as wide."""
    return sum(_FONT if unicodedata.east_asian_width(c) in "WF" else _FONT * 0.6 for c in text)


def _clip(text: str, most: float) -> str:
    """``text`` cut to ``most`` pixels wide, with an ellipsis when cut."""
    if _width(text) <= most:
        return text
    out = ""
    for c in text:
        if _width(out + c + "…") > most:
            break
        out += c
    return out + "…"


def _esc(text: str) -> str:
    return xml_text(text)


def _svg(width: float, height: float, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{_esc(label)}" '
        f'font-family="{FONTS}" font-size="{_FONT}">' + "".join(body) + "</svg>"
    )


def _cell(x: float, y: float, status: Status | None, tip: str, kind: str = "cell") -> str:
    if status is None:
        return (
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{_CELL}" height="{_CELL}" fill="#fafafa" '
            'stroke="#e0e0e0"/>'
        )
    fill, ink = FILL[status]
    return (
        f'<g class="{kind} {status.value}"><title>{_esc(tip)}</title>'
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{_CELL}" height="{_CELL}" rx="3" fill="{fill}"/>'
        f'<text x="{x + _CELL / 2:.0f}" y="{y + _CELL / 2 + 4:.0f}" text-anchor="middle" '
        f'fill="{ink}" font-weight="bold">{MARKS[status]}</text></g>'
    )


def _legend(statuses: Iterable[Status], x: float, y: float, lang: Lang) -> tuple[list[str], float]:
    """The legend of the statuses shown, from ``x``; and how wide it is."""
    w = words(lang)
    parts, at = [], x
    for s in SEVERITY:
        if s not in statuses:
            continue
        parts.append(_cell(at, y, s, w.status(s), kind="key"))
        label = w.status(s)
        parts.append(
            f'<text x="{at + _CELL + 4:.0f}" y="{y + _CELL / 2 + 4:.0f}">{_esc(label)}</text>'
        )
        at += _CELL + 4 + _width(label) + 14
    return parts, at - x


def _months(findings: Sequence[Finding]) -> list[dt.date]:
    """The first day of every month the findings' windows cover, at most ``_MAX_MONTHS``."""
    windows = [f.window for f in findings if f.window is not None]
    if not windows:
        return []
    first = min(w.start for w in windows)
    last = max(w.end for w in windows) - dt.timedelta(days=1)
    months: list[dt.date] = []
    day = first.replace(day=1)
    while day <= last and len(months) < _MAX_MONTHS:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def _placed(f: Finding, months: list[dt.date]) -> list[int]:
    """The columns a finding colours: the months of a short window, else the span column."""
    if f.window is None or f.window.end - f.window.start > _MONTHLY or not months:
        return [len(months)]
    cols = []
    for i, m in enumerate(months):
        nxt = (m + dt.timedelta(days=32)).replace(day=1)
        if f.window.start < nxt and m < f.window.end:
            cols.append(i)
    return cols or [len(months)]


def heatmap(report: Report, lang: Lang | None = None) -> str:
    """A requirement × month grid of ``report``, each cell coloured by its worst status.

    A finding whose window is a quarter or shorter colours the months it covers; a longer
    one (a yearly quota, a goal, a deadline) the last column, the whole span. Each cell's
    ``<title>`` holds the sentences of its findings.
    """
    lang = lang or report.language
    w = words(lang)
    views = requirement_views(report, lang)
    months = _months(report.findings)
    labels = [_clip(v.title, 220) for v in views]
    left = _PAD + max((_width(t) for t in labels), default=0) + 10
    top = _PAD + _FONT + 10
    columns = [w.month_label(m) for m in months] + [w.label("span")]
    step = _CELL + _GAP
    body: list[str] = []
    for i, label in enumerate(columns):
        x = left + i * step + _CELL / 2
        body.append(
            f'<text x="{x:.0f}" y="{top - 8:.0f}" text-anchor="middle">{_esc(label)}</text>'
        )
    seen: set[Status] = set()
    for r, (view, label) in enumerate(zip(views, labels, strict=True)):
        y = top + r * step
        weight = ' font-weight="bold"' if view.failing else ""
        body.append(
            f'<g class="row" data-requirement="{_esc(view.requirement)}">'
            f'<text x="{left - 10:.0f}" y="{y + _CELL / 2 + 4:.0f}" text-anchor="end"{weight}>'
            f"<title>{_esc(view.title)}</title>{_esc(label)}</text>"
        )
        cells: dict[int, list[Finding]] = {}
        for f in view.findings:
            for col in _placed(f, months):
                cells.setdefault(col, []).append(f)
        for col in range(len(columns)):
            found = cells.get(col, [])
            status = worst([f.status for f in found]) if found else None
            if status is not None:
                seen.add(status)
            tip = "\n".join(f.message(lang) for f in found if f.status not in (Status.MET,)) or (
                "\n".join(f.message(lang) for f in found[:3])
            )
            body.append(_cell(left + col * step, y, status, tip))
        body.append("</g>")
    bottom = top + len(views) * step + 10
    legend, legend_width = _legend(seen, _PAD, bottom, lang)
    body += legend
    width = max(left + len(columns) * step + _PAD, _PAD * 2 + legend_width)
    return _svg(
        width, bottom + _CELL + _PAD, body, f"{report.heading(lang)} — {w.label('heatmap')}"
    )


def grid(reports: Sequence[Report], lang: Lang | None = None) -> str:
    """A community × requirement grid of many reports, each cell the requirement's worst
    status in that community's report; the communities in the order given."""
    lang = lang or (reports[0].language if reports else "zh")
    w = words(lang)
    requirements: dict[str, str] = {}
    for report in reports:
        for v in requirement_views(report, lang):
            requirements.setdefault(v.requirement, v.title)
    names = [_clip(r.title or r.plan, 200) for r in reports]
    left = _PAD + max((_width(n) for n in names), default=0) + 10
    heads = [_clip(t, 150) for t in requirements.values()]
    top = _PAD + max((_width(h) for h in heads), default=0) * 0.72 + _FONT + 6
    step = _CELL + _GAP
    body: list[str] = []
    for i, (rid, head) in enumerate(zip(requirements, heads, strict=True)):
        x, y = left + i * step + _CELL / 2, top - 6
        body.append(
            f'<text transform="translate({x:.0f},{y:.0f}) rotate(-45)"><title>{_esc(rid)}</title>'
            f"{_esc(head)}</text>"
        )
    seen: set[Status] = set()
    for r, (report, name) in enumerate(zip(reports, names, strict=True)):
        y = top + r * step
        body.append(
            f'<g class="row" data-plan="{_esc(report.plan)}">'
            f'<text x="{left - 10:.0f}" y="{y + _CELL / 2 + 4:.0f}" text-anchor="end">{_esc(name)}</text>'
        )
        views = {v.requirement: v for v in requirement_views(report, lang)}
        for i, rid in enumerate(requirements):
            view = views.get(rid)
            status = None if view is None else view.status
            if status is not None:
                seen.add(status)
            tip = "" if view is None else "\n".join(f.message(lang) for f in view.shown[:5])
            body.append(_cell(left + i * step, y, status, tip or (view.title if view else "")))
        body.append("</g>")
    bottom = top + len(reports) * step + 10
    legend, legend_width = _legend(seen, _PAD, bottom, lang)
    body += legend
    width = max(left + len(requirements) * step + 120, _PAD * 2 + legend_width)
    return _svg(width, bottom + _CELL + _PAD, body, w.label("grid"))


def bars(
    rows: Sequence[tuple[str, float, float, str]], title: str, *, colour: str = "#4a7fb5"
) -> str:
    """A horizontal bar chart: each row's ``(label, value, most, note)``, its bar ``value``
    of ``most`` long, the value and the note written after it; ``title`` above, if any."""
    labels = [_clip(r[0], 220) for r in rows]
    left = _PAD + max((_width(t) for t in labels), default=0) + 10
    span = 320
    top = _PAD + (_FONT + 12 if title else 0)
    step = _CELL + _GAP
    body = (
        [f'<text x="{_PAD}" y="{_PAD + _FONT:.0f}" font-weight="bold">{_esc(title)}</text>']
        if title
        else []
    )
    most = max((r[2] for r in rows), default=1) or 1
    for i, ((_, value, out_of, note), label) in enumerate(zip(rows, labels, strict=True)):
        y = top + i * step
        # A bonus can take a total past its most (101 of 100): the bar stops at the end of
        # its track, and the figure after it still says 101.
        length = span * min(max(0.0, value), out_of) / most
        body.append(
            f'<text x="{left - 10:.0f}" y="{y + _CELL / 2 + 4:.0f}" text-anchor="end">{_esc(label)}</text>'
            f'<rect x="{left:.0f}" y="{y + 3:.0f}" width="{span * out_of / most:.0f}" '
            f'height="{_CELL - 6}" fill="#eeeeee"/>'
            f'<rect x="{left:.0f}" y="{y + 3:.0f}" width="{length:.0f}" height="{_CELL - 6}" '
            f'fill="{colour}"/>'
            f'<text x="{left + span * out_of / most + 8:.0f}" y="{y + _CELL / 2 + 4:.0f}">'
            f"{_esc(figure(value))} {_esc(note)}</text>"
        )
    width = left + span + 200
    return _svg(width, top + len(rows) * step + _PAD, body, title)


def points_lost(assessment: Assessment, lang: Lang | None = None) -> str:
    """The criteria that lost points, most first, as bars of the points lost."""
    lang = lang or assessment.language
    w = words(lang)
    rows = [(s.title, s.lost, s.out_of, f"/ {figure(s.out_of)}") for s in assessment.to_do()]
    return bars(
        rows, f"{assessment.name or assessment.plan} — {w.label('points_lost')}", colour="#d9534f"
    )
