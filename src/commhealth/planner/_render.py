"""Rendering a proposal as text for a person and as HTML for a notebook."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from .._neutral import terminal_text, xml_text
from .._periods import Window
from .._wording import Lang, words

if TYPE_CHECKING:
    from ._proposal import Proposal

__all__ = ["render_html", "render_text"]


def _served(p: Proposal, activity_id: str) -> list[str]:
    return [p.titles.get(r, r) for r in p.serves.get(activity_id, ())]


def render_text(p: Proposal, lang: Lang) -> str:
    """The proposal as plain text: a heading, the verdict, the activities month by month,
    then the targets that cannot be met."""
    w = words(lang)
    out = [w.proposal_heading(p), w.proposal_verdict(p)]
    for (year, month), group in groupby(p.activities, key=lambda a: (a.date.year, a.date.month)):
        out += ["", w.window(Window.month(year, month))]
        out += [w.proposed(a, _served(p, a.id)) for a in group]
    if p.infeasible:
        out += ["", w.infeasible_heading()]
        out += [f"  ✗ {item.message(lang)}" for item in p.infeasible]
    if p.unschedulable:
        out += ["", w.unschedulable([p.titles.get(r, r) for r in p.unschedulable])]
    # A title's own line break or escape sequence must not draw a line of its own.
    return "\n".join(terminal_text(line, keep_newlines=False) for line in out) + "\n"


def render_html(p: Proposal, lang: Lang) -> str:
    """The proposal as an HTML table, then the targets that cannot be met, for notebooks."""
    w = words(lang)
    rows = []
    for a in p.activities:
        cells = (a.date.isoformat(), a.title, a.kind, w.join_titles(_served(p, a.id)))
        rows.append("<tr>" + "".join(f"<td>{xml_text(c)}</td>" for c in cells) + "</tr>")
    items = "".join(f"<li>{xml_text(i.message(lang))}</li>" for i in p.infeasible)
    tail = f"<p>{xml_text(w.infeasible_heading())}</p><ul>{items}</ul>" if items else ""
    return (
        f"<div><p><b>{xml_text(w.proposal_heading(p))}</b> — "
        f"{xml_text(w.proposal_verdict(p))}</p><table><thead><tr>"
        + "".join(f"<th>{xml_text(h)}</th>" for h in w.proposal_heads())
        + "</tr></thead><tbody>"
        + "".join(rows)
        + f"</tbody></table>{tail}</div>"
    )
