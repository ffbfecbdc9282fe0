"""Reports and assessments as Excel workbooks a 社区 worker recognises (the ``excel`` extra).

A report's workbook has a summary sheet (the heading, the verdict, the counts by status)
and a sheet of findings, one row each: its requirement's title, the status coloured as in
every view and written as a word, the window's first and last day as real Excel dates, the
key, the figure and the sentence; the header is frozen and the columns are as wide as their
Chinese text. An assessment's workbook has the criteria with their points instead.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import atomic_path
from .._neutral import sheet_titles, xlsx_cell
from .._status import Status
from .._views._groups import MARKS
from .._views._svg import FILL
from .._wording import Lang, figure, words

if TYPE_CHECKING:
    from .._report import Report
    from ..evaluation import Assessment, Ranking

__all__ = ["write_assessment_workbook", "write_workbook"]


def _openpyxl() -> Any:
    try:
        import openpyxl  # noqa: PLC0415 - an optional extra
    except ImportError:
        msg = 'writing an Excel workbook needs openpyxl: pip install "commhealth[excel]"'
        raise ImportError(msg) from None
    return openpyxl


def _width(value: object) -> float:
    text = value.isoformat() if isinstance(value, dt.date) else str(value or "")
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def put_row(ws: Any, row: int, values: list[Any]) -> None:
    """Write ``values`` into row ``row`` of ``ws``, text always as a string cell.

    openpyxl stores text starting with ``=`` as a formula; a title ``=HYPERLINK(…)`` must
    stay a title, so the cell's type is set back to a string (:mod:`commhealth._neutral`).
    """
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=xlsx_cell(value, f"{ws.title}!row {row}"))
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _sheet(
    book: Any, title: str, heads: list[str], rows: list[list[Any]], fills: list[str | None]
) -> Any:
    styles = _openpyxl().styles
    ws = book.create_sheet(title)
    put_row(ws, 1, heads)
    for cell in ws[1]:
        cell.font = styles.Font(bold=True)
    for row, fill in zip(rows, fills, strict=True):
        put_row(ws, ws.max_row + 1, row)
        if fill is not None:
            status_cell = ws.cell(row=ws.max_row, column=2)
            status_cell.fill = styles.PatternFill("solid", start_color=fill.lstrip("#").upper())
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    for i, head in enumerate(heads, start=1):
        widest = max([_width(head), *(_width(r[i - 1]) for r in rows)])
        letter = _openpyxl().utils.get_column_letter(i)
        ws.column_dimensions[letter].width = min(80, widest + 2)
    return ws


def write_workbook(report: Report, path: str | Path, lang: Lang | None = None) -> Path:
    """Write ``report`` as an Excel workbook at ``path``; return the path.

    The file is replaced in one step; text is stored as text, never as a formula.

    Raises:
        ImportError: openpyxl is not installed; the message names the extra.
        LedgerError: A cell's text is longer than Excel keeps (32,767 characters).
        OSError: The file cannot be written; the old one, if any, is as it was.
    """
    lang = lang or report.language
    w = words(lang)
    book = _openpyxl().Workbook()
    book.remove(book.active)
    counts = [[w.status(Status(s)), n] for s, n in report.summary().items() if n]
    failing = len(report.failing().requirements())
    summary = _sheet(
        book,
        w.label("summary"),
        [report.heading(lang), w.verdict(report.ok, failing)],
        counts,
        [None] * len(counts),
    )
    summary.freeze_panes = None
    heads = [
        *w.table_heads()[:1],
        w.table_heads()[1],
        *w.label("start_end").split("|"),
        *w.table_heads()[3:],
    ]
    rows: list[list[Any]] = []
    fills: list[str | None] = []
    for f in report.findings:
        last = None if f.window is None else f.window.end - dt.timedelta(days=1)
        rows.append(
            [
                report.title_of(f.requirement, lang),
                f"{MARKS[f.status]} {w.status(f.status)}",
                None if f.window is None else f.window.start,
                last,
                f.key or "",
                f.message(lang),
            ]
        )
        fills.append(FILL[f.status][0])
    _sheet(book, w.label("findings"), heads, rows, fills)
    target = Path(path)
    with atomic_path(target) as tmp:
        book.save(tmp)
    return target


def _criteria_sheet(book: Any, title: str, assessment: Assessment, lang: Lang) -> None:
    w = words(lang)
    heads = [
        *w.criterion_heads()[:2],
        w.criterion_heads()[2],
        w.label("lost"),
        w.criterion_heads()[3],
    ]
    rows = [
        [s.criterion, s.title, f"{figure(s.points)} / {figure(s.out_of)}", s.lost, s.message(lang)]
        for s in assessment.scores
    ]
    _sheet(book, title, heads, rows, [None] * len(rows))


def write_assessment_workbook(
    assessment: Assessment | Ranking, path: str | Path, lang: Lang | None = None
) -> Path:
    """Write an assessment as a workbook — a summary and one row per criterion with its
    points, full points, points lost and the sentence — or a ranking: the ranking table,
    then a sheet of criteria for each organisation; return the path.

    The file is replaced in one step; text is stored as text, never as a formula.

    Raises:
        ImportError: openpyxl is not installed; the message names the extra.
        LedgerError: A cell's text is longer than Excel keeps (32,767 characters).
        OSError: The file cannot be written; the old one, if any, is as it was.
    """
    from ..evaluation import Ranking  # noqa: PLC0415 - evaluation uses the views we use

    lang = lang or assessment.language
    w = words(lang)
    book = _openpyxl().Workbook()
    book.remove(book.active)
    if isinstance(assessment, Ranking):
        heads = list(w.ranking_heads())
        rows = [
            [
                r["rank"],
                r["name"] or r["plan"],
                r["total"],
                r["maximum"],
                r["grade"],
                w.criterion_list(r),
            ]
            for r in assessment.rows()
        ]
        heads = [heads[0], heads[1], heads[2], w.label("maximum"), heads[3], heads[4]]
        # Organisations' names become sheet titles: Excel's rules on those (31 characters,
        # no / \\ : [ ] * ?, no two alike) are met by sheet_titles, never by a traceback.
        names = sheet_titles(
            [w.label("ranking"), *(a.name or a.plan for a in assessment.assessments)]
        )
        _sheet(book, names[0], heads, rows, [None] * len(rows))
        for name, a in zip(names[1:], assessment.assessments, strict=True):
            _criteria_sheet(book, name, a, lang)
    else:
        _sheet(book, w.label("summary"), [w.assessment_heading(assessment)], [], [])
        _criteria_sheet(book, w.label("criteria"), assessment, lang)
    target = Path(path)
    with atomic_path(target) as tmp:
        book.save(tmp)
    return target
