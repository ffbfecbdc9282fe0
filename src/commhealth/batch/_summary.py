"""A batch's summary: one row per community, as a table for a person or a file."""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .._atomic import atomic_path, write_atomic
from .._neutral import csv_cell, json_text, xlsx_cell
from .._wording import Lang, figure, words
from ..errors import PlanError, Problem
from ._outcome import Outcome

__all__ = ["summary_rows", "summary_text", "write_summary"]

#: The keys of a summary row in CSV and JSON, in the order of the wording's column heads.
_KEYS = (
    "community",
    "plan",
    "requirements",
    "met",
    "missed",
    "failing",
    "score",
    "grade",
    "result",
)
_SUFFIXES = (".csv", ".json", ".xlsx")


def _result(outcome: Outcome, lang: Lang) -> str:
    if outcome.failure is not None:
        return words(lang).batch_failure_result(outcome.failure)
    return words(lang).batch_result(outcome.ok, outcome.failed)


def _why(outcome: Outcome, lang: Lang) -> str | None:
    """The lines under an unchecked community's row: the library error (the file and
    every problem), or what broke off the check, in ``lang``."""
    if outcome.failure is not None:
        return words(lang).batch_failure(outcome.failure, outcome.failure_detail)
    return outcome.error


def summary_rows(outcomes: Iterable[Outcome], lang: Lang = "zh") -> list[dict[str, Any]]:
    """One row per community: the columns of :func:`summary_text`, keyed in English."""
    return [
        {
            "community": o.community,
            "plan": o.plan,
            "requirements": None if o.failed else o.requirements,
            "met": None if o.failed else o.met,
            "missed": None if o.failed else o.missed,
            "failing": None if o.failed else o.failing,
            "score": o.score,
            "grade": o.grade,
            "result": _result(o, lang),
        }
        for o in outcomes
    ]


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return figure(round(value, 1))
    return str(value)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def summary_text(outcomes: Sequence[Outcome], lang: Lang = "zh") -> str:
    """The summary as an aligned table, under each unreadable community the error that
    stopped it (the file and every problem) or what broke off its check, and a closing
    line counting the communities that failed."""
    w = words(lang)
    scored = any(o.score is not None or o.grade is not None for o in outcomes)
    keys = [k for k in _KEYS if scored or k not in ("score", "grade")]
    heads = dict(zip(_KEYS, w.batch_heads(), strict=True))
    rows = [[_cell(r[k]) for k in keys] for r in summary_rows(outcomes, lang)]
    widths = [max([_width(heads[k]), *(_width(r[i]) for r in rows)]) for i, k in enumerate(keys)]
    numeric = {"requirements", "met", "missed", "failing", "score"}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            _pad(c, widths[i], keys[i] in numeric) for i, c in enumerate(cells)
        ).rstrip()

    lines = [line([heads[k] for k in keys])]
    for o, cells in zip(outcomes, rows, strict=True):
        lines.append(line(cells))
        why = _why(o, lang)
        if why is not None:  # what could not be read, and in which file
            lines.extend(f"    {part}" for part in why.splitlines())
    failed = sum(1 for o in outcomes if not o.ok)
    unreadable = sum(1 for o in outcomes if o.failed)
    lines += ["", w.batch_verdict(len(outcomes), failed, unreadable)]
    return "\n".join(lines) + "\n"


def write_summary(
    path: str | os.PathLike[str], outcomes: Sequence[Outcome], lang: Lang = "zh"
) -> None:
    """Write the summary to ``path``: ``.csv`` (English keys as headers), ``.json`` (each
    outcome's :meth:`~Outcome.to_dict`, problems included) or ``.xlsx`` (headers in
    ``lang``; needs the ``excel`` extra).

    Raises:
        PlanError: The suffix is none of those, the ``excel`` extra is missing for
            ``.xlsx``, or the file cannot be written (the old one is then as it was).
        LedgerError: A cell is longer than a spreadsheet holds (``.xlsx``).
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in _SUFFIXES:
        msg = f"cannot write a summary as {suffix or 'a file with no suffix'!r}; use one of {', '.join(_SUFFIXES)}"
        raise PlanError([Problem(path=str(target), message=msg)])
    try:
        if suffix == ".json":
            write_atomic(target, json_text([o.to_dict() for o in outcomes]))
        elif suffix == ".csv":
            f = io.StringIO()
            writer = csv.DictWriter(f, fieldnames=_KEYS)
            writer.writeheader()
            writer.writerows(
                {k: csv_cell(v) for k, v in row.items()} for row in summary_rows(outcomes, lang)
            )
            write_atomic(target, f.getvalue(), encoding="utf-8-sig")
        else:
            _xlsx(target, outcomes, lang)
    except OSError as e:
        msg = f"cannot write the summary: {e.strerror or e}"
        raise PlanError([Problem(path=str(target), message=msg)]) from None


def _xlsx(target: Path, outcomes: Sequence[Outcome], lang: Lang) -> None:
    try:
        from openpyxl import Workbook  # noqa: PLC0415 - the excel extra, only when asked
    except ImportError:
        msg = "writing .xlsx needs the excel extra: pip install 'commhealth[excel]'"
        raise PlanError([Problem(path=str(target), message=msg)]) from None
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    heads = words(lang).batch_heads()
    table = [list(heads), *([row[k] for k in _KEYS] for row in summary_rows(outcomes, lang))]
    for r, values in enumerate(table, start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=xlsx_cell(value, f"row {r}"))
            if isinstance(cell.value, str):  # text stays text, never a formula
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    rows = summary_rows(outcomes, lang)
    for i, head in enumerate(heads):
        values = [head, *(_cell(r[_KEYS[i]]) for r in rows)]
        # Chinese characters are two columns wide, as in the text table.
        sheet.column_dimensions[get_column_letter(i + 1)].width = max(map(_width, values)) + 2
    with atomic_path(target) as tmp:
        book.save(tmp)
