"""Reports, assessments and rankings as HTML: a fragment for notebooks, a page to open.

Both come from the same view as the text report: the verdict and the counts first, then the
requirements that fail with what is missing, then every requirement collapsed in a
``<details>`` that opens on a click, with no script. A page is one self-contained file —
inline CSS and SVG, nothing fetched — that prints on A4.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._neutral import xml_text
from .._status import Status
from .._wording import Lang, figure, words
from ._groups import MARKS, SEVERITY, RequirementView, requirement_views
from ._svg import FILL, FONTS, bars, heatmap, points_lost
from ._text import requirement_lines

if TYPE_CHECKING:
    from .._report import Report
    from ..evaluation import Assessment, Ranking

__all__ = [
    "assessment_fragment",
    "page",
    "ranking_fragment",
    "report_fragment",
]

_CSS = f"""
.ch {{ font-family: {FONTS}; line-height: 1.5; color: #1f1f1f; max-width: 60rem; }}
.ch h1 {{ font-size: 1.25rem; margin: 0 0 .25rem; }}
.ch h2 {{ font-size: 1.05rem; margin: 1rem 0 .4rem; }}
.ch .verdict {{ font-weight: bold; margin: .25rem 0; }}
.ch .verdict.fail {{ color: #a12622; }} .ch .verdict.pass {{ color: #1d6b34; }}
.ch .counts {{ display: flex; flex-wrap: wrap; gap: .35rem; margin: .4rem 0; padding: 0; }}
.ch .chip {{ list-style: none; border-radius: .8rem; padding: .05rem .6rem; font-size: .9rem; }}
.ch ul.failing {{ padding-left: 0; margin: .3rem 0; }}
.ch ul.failing > li {{ list-style: none; margin: .35rem 0; }}
.ch .title {{ font-weight: bold; }}
.ch .line {{ margin-left: 1.4rem; }}
.ch .mark {{ display: inline-block; width: 1.4rem; text-align: center; border-radius: .2rem; }}
.ch details {{ margin: .15rem 0; }}
.ch summary {{ cursor: pointer; }}
.ch table {{ border-collapse: collapse; margin: .3rem 0 .6rem 1.4rem; font-size: .9rem; }}
.ch td, .ch th {{ border: 1px solid #ddd; padding: .15rem .4rem; text-align: left; vertical-align: top; }}
.ch .figure {{ overflow-x: auto; }}
@media print {{
  @page {{ size: A4; margin: 14mm; }}
  .ch {{ max-width: none; font-size: 10.5pt; }}
  .ch summary {{ list-style: none; }}
}}
"""


def _e(text: object) -> str:
    return xml_text(str(text))


def _mark(status: Status) -> str:
    fill, ink = FILL[status]
    return f'<span class="mark" style="background:{fill};color:{ink}">{MARKS[status]}</span>'


def _counts(report: Report, lang: Lang) -> str:
    w = words(lang)
    chips = []
    for s in SEVERITY:
        n = report.summary()[s.value]
        if n:
            fill, ink = FILL[s]
            chips.append(
                f'<li class="chip {s.value}" style="background:{fill};color:{ink}">'
                f"{MARKS[s]} {_e(w.status(s))} {n}</li>"
            )
    return f'<ul class="counts">{"".join(chips)}</ul>'


def _numbered(label: str, n: int, lang: Lang) -> str:
    return f"{label}（{n}）" if lang == "zh" else f"{label} ({n})"


def _short(message: str, title: str) -> str:
    """A finding's sentence under its requirement's title, without the title again."""
    rest = message.removeprefix(title)
    if rest == message or not ("：" in rest or ": " in rest):
        return message
    for colon in ("：", ": "):
        if rest.startswith(colon):
            return rest[len(colon) :]
    return rest


def _failing(views: list[RequirementView], lang: Lang) -> str:
    w = words(lang)
    items = []
    for v in views:
        if not v.failing:
            continue
        lines = "".join(
            f'<div class="line">{_mark(f.status)} {_e(_short(f.message(lang), v.title))}</div>'
            for f in v.shown
            if f.status.failing
        )
        source = (
            "" if v.source is None else f'<div class="line">{_e(w.source(v.source).strip())}</div>'
        )
        items.append(
            f'<li class="requirement" data-requirement="{_e(v.requirement)}">'
            f'{_mark(v.status)} <span class="title">{_e(v.title)}</span>{lines}{source}</li>'
        )
    if not items:
        return ""
    heading = _numbered(w.label("failing"), len(items), lang)
    return f'<h2>{_e(heading)}</h2><ul class="failing">{"".join(items)}</ul>'


def _findings_table(v: RequirementView, lang: Lang) -> str:
    w = words(lang)
    heads = w.table_heads()
    rows = "".join(
        "<tr>"
        + f"<td>{_mark(f.status)} {_e(w.status(f.status))}</td>"
        + f"<td>{_e('' if f.window is None else f.window)}</td>"
        + f"<td>{_e(f.key or '')}</td>"
        + f"<td>{_e(f.message(lang))}</td>"
        + "</tr>"
        for f in v.findings
    )
    head = "".join(f"<th>{_e(h)}</th>" for h in heads[1:])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _all(views: list[RequirementView], lang: Lang) -> str:
    w = words(lang)
    items = []
    for v in views:
        summary = " ".join(requirement_lines(v, w, lang)[:1])
        items.append(
            f'<details data-requirement="{_e(v.requirement)}"><summary>{_e(summary)}</summary>'
            f"{_findings_table(v, lang)}</details>"
        )
    return (
        f'<details class="all"><summary><b>{_e(_numbered(w.label("all"), len(views), lang))}'
        "</b></summary>" + "".join(items) + "</details>"
    )


def report_fragment(report: Report, lang: Lang, *, picture: str = "details") -> str:
    """The report as HTML for a notebook or a page: verdict, counts, failing requirements,
    the heatmap (``picture``: ``shown``, in a ``details``, or ``none``), every requirement."""
    w = words(lang)
    views = requirement_views(report, lang)
    failing = len(report.failing().requirements())
    verdict = "pass" if report.ok else "fail"
    parts = [
        f"<h1>{_e(report.heading(lang))}</h1>",
        f'<p class="verdict {verdict}">{_e(w.verdict(report.ok, failing))}</p>',
        _counts(report, lang),
        _failing(views, lang),
    ]
    svg = heatmap(report, lang)
    if picture == "shown":
        parts.append(f'<h2>{_e(w.label("heatmap"))}</h2><div class="figure">{svg}</div>')
    elif picture == "details":
        parts.append(
            f"<details><summary><b>{_e(w.label('heatmap'))}</b></summary>"
            f'<div class="figure">{svg}</div></details>'
        )
    parts.append(_all(views, lang))
    return f'<div class="ch"><style>{_CSS}</style>{"".join(parts)}</div>'


def assessment_fragment(assessment: Assessment, lang: Lang, *, picture: bool = True) -> str:
    """An assessment as HTML: its heading, the points lost as bars, each criterion's row."""
    w = words(lang)
    verdict = "pass" if assessment.passed else "fail"
    rows = "".join(
        "<tr>"
        + f"<td>{_e(s.criterion)}</td><td>{_e(s.title)}</td>"
        + f"<td>{_e(figure(s.points))} / {_e(figure(s.out_of))}</td>"
        + f"<td>{_e(s.message(lang))}</td></tr>"
        for s in assessment.scores
    )
    heads = "".join(f"<th>{_e(h)}</th>" for h in w.criterion_heads())
    chart = ""
    if picture and assessment.to_do():
        chart = f'<div class="figure">{points_lost(assessment, lang)}</div>'
    return (
        f'<div class="ch"><style>{_CSS}</style>'
        f'<p class="verdict {verdict}">{_e(w.assessment_heading(assessment))}</p>{chart}'
        f"<table><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def ranking_fragment(ranking: Ranking, lang: Lang) -> str:
    """A ranking as HTML: the totals as bars, the table, each assessment in a ``details``."""
    w = words(lang)
    table_rows = ranking.rows()
    chart = bars(
        [(r["name"] or r["plan"], r["total"], r["maximum"], r["grade"]) for r in table_rows],
        w.ranking_heading(ranking),
    )
    heads = "".join(f"<th>{_e(h)}</th>" for h in w.ranking_heads())
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{_e(c)}</td>"
            for c in (
                r["rank"],
                r["name"] or r["plan"],
                f"{figure(r['total'])} / {figure(r['maximum'])}",
                r["grade"],
                w.criterion_list(r),
            )
        )
        + "</tr>"
        for r in table_rows
    )
    order = {r["plan"]: i for i, r in enumerate(table_rows)}
    details = "".join(
        f"<details><summary>{_e(w.assessment_heading(a))}</summary>"
        f"{assessment_fragment(a, lang, picture=False)}</details>"
        for a in sorted(ranking.assessments, key=lambda a: order[a.plan])
    )
    return (
        f'<div class="ch"><style>{_CSS}</style><h1>{_e(w.ranking_heading(ranking))}</h1>'
        f'<div class="figure">{chart}</div>'
        f"<table><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>{details}</div>"
    )


def page(title: str, body: str, lang: Lang) -> str:
    """A self-contained HTML page around ``body``: no script, nothing fetched."""
    code = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{code}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title>"
        "<style>body { margin: 1rem; background: #fff; }</style></head>"
        f"<body>{body}</body></html>\n"
    )
