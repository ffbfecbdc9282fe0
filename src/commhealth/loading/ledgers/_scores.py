"""Score sheets: an assessor's own figures, ratings, adjustments and evidence (评分表).

A CSV file or a spreadsheet whose header names a criterion column (``criterion``, ``指标``,
``指标编号``, ``项目``, ``编号``) and at least one of: a score column (``score``, ``得分``,
``评分``, ``评价``), an adjustment column (``adjust``, ``调整``, ``酌情``, ``酌情加减分``) with
its reason (``reason``, ``理由``, ``扣分原因``, ``说明``), an evidence column (``evidence``,
``佐证``, ``佐证材料``: 有/无). A subject column (``subject``, ``社区``, ``单位``, ``被考核单位``)
says which organisation a row scores, when a street office scores its communities on one
sheet. Every row that cannot be read is reported by the row number the spreadsheet shows;
blank rows are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..._limits import MAX_LEDGER_BYTES
from ..._scoresheet import ScoreEntry, ScoreSheet
from ...errors import CommhealthError, LedgerError, Problem
from .._files import LEDGER_ENCODINGS, FileProblem, decode_text, read_bytes
from ._csv import Table, csv_reader, row_order
from ._values import plain, read_number
from ._workbook import FORMULA_WITHOUT_VALUE, SPREADSHEET_SUFFIXES, spreadsheet_rows

__all__ = ["SCORE_HEADERS", "load_scores"]

#: The header names each column of a score sheet may go by.
SCORE_HEADERS: dict[str, tuple[str, ...]] = {
    "criterion": ("criterion", "id", "指标", "指标编号", "项目", "编号"),
    "score": ("score", "rating", "得分", "评分", "评价"),
    "subject": ("subject", "organisation", "社区", "单位", "被考核单位"),
    "adjust": ("adjust", "adjustment", "调整", "酌情", "酌情加减分"),
    "reason": ("reason", "理由", "扣分原因", "说明"),
    "evidence": ("evidence", "佐证", "佐证材料"),
}

#: The words an evidence cell may hold, and what they mean.
EVIDENCE_WORDS: dict[str, bool] = {
    "有": True,
    "是": True,
    "yes": True,
    "true": True,
    "1": True,
    "✓": True,
    "无": False,
    "否": False,
    "no": False,
    "false": False,
    "0": False,
    "✗": False,
}

_OPTIONAL = ("score", "subject", "adjust", "reason", "evidence")


# A cell made of digits, points, signs and separators is meant as a number, whatever its
# digits: 1_0 or ٩٠ must not pass as a rating, or be read as 10 and 90.
_NUMERIC = re.compile(r"[\d_.,+\-eE%％]+")


def _figure(text: str) -> float | str | None:
    """A number where the cell holds one (``92.5``, ``92.5%``, ``９２``), the rating as
    written where it holds words, ``None`` where it looks like a number but is not one as
    typed (``1_0``, ``٩٠``)."""
    number = plain(text).removesuffix("%").strip()
    value = read_number(number)
    if value is not None:
        return value
    return None if _NUMERIC.fullmatch(number) else text


def _known(name: str) -> bool:
    return any(name.lower() in names for names in SCORE_HEADERS.values())


def _columns(header: list[str], header_row: int) -> tuple[dict[str, int], list[Problem]]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = cell.strip().lstrip("\ufeff").lower()
        for field, names in SCORE_HEADERS.items():
            if name in names and field not in found:
                found[field] = i
    problems = []
    if "criterion" not in found:
        names = SCORE_HEADERS["criterion"]
        problems.append(
            Problem(
                path=f"row {header_row}",
                message=f"no criterion column ({' or '.join(names[:3])}, …)",
            )
        )
    if not {"score", "adjust", "evidence"} & found.keys():
        problems.append(
            Problem(
                path=f"row {header_row}",
                message="no score, adjustment or evidence column (score or 得分, adjust or 调整, evidence or 佐证)",
            )
        )
    return found, problems


def _entry(cells: dict[str, str], line: int) -> ScoreEntry | str:
    """The row's entry, or why it cannot be read."""
    ident = cells["criterion"]
    if not ident:
        return "no criterion named"
    adjust = 0.0
    if cells["adjust"]:
        value = _figure(cells["adjust"].lstrip("+"))
        if not isinstance(value, float):
            return f"the adjustment for {ident!r} is not a number (got {cells['adjust']!r})"
        adjust = value
    evidence = None
    if cells["evidence"]:
        if cells["evidence"].lower() not in EVIDENCE_WORDS:
            return f"evidence for {ident!r} must be 有 or 无 (got {cells['evidence']!r})"
        evidence = EVIDENCE_WORDS[cells["evidence"].lower()]
    if not cells["score"] and not adjust and evidence is None:
        return f"no score for {ident!r}"
    figure = _figure(cells["score"]) if cells["score"] else None
    if figure is None and cells["score"]:
        return f"the score for {ident!r} is not a number as typed (got {cells['score']!r}); write digits 0-9, as 90 or 92.5"
    try:
        return ScoreEntry(
            criterion=ident,
            subject=cells["subject"] or None,
            figure=figure,
            adjust=adjust,
            reason=cells["reason"],
            evidence=evidence,
            row=line,
        )
    except CommhealthError as e:
        return str(e)


def _scores(rows: Iterator[list[str]]) -> tuple[ScoreSheet, list[Problem]]:
    table = Table(rows, "the score sheet", _known)
    if table.header is None:
        return ScoreSheet(), table.problems
    header = table.header
    columns, problems = _columns(header, table.header_row)
    if problems:
        return ScoreSheet(), table.problems + problems
    entries: list[ScoreEntry] = []
    first_row: dict[tuple[str | None, str], int] = {}
    for line, cells in table.rows():
        padded = [*cells, *([""] * len(header))]
        named = {
            field: padded[columns[field]].strip() if field in columns else ""
            for field in ("criterion", *_OPTIONAL)
        }
        if FORMULA_WITHOUT_VALUE in named.values():
            msg = "a formula cell with no saved value; open the file in a spreadsheet program and save it"
            problems.append(Problem(path=f"row {line}", message=msg))
            continue
        entry = _entry(named, line)
        if isinstance(entry, str):
            problems.append(Problem(path=f"row {line}", message=entry))
            continue
        key = (entry.subject, entry.criterion)
        if key in first_row:
            who = f" for {entry.subject!r}" if entry.subject else ""
            problems.append(
                Problem(
                    path=f"row {line}",
                    message=f"criterion {entry.criterion!r} is scored twice{who}; first on row {first_row[key]}",
                )
            )
            continue
        first_row[key] = line
        entries.append(entry)
    return ScoreSheet(entries=tuple(entries)), sorted(table.problems + problems, key=row_order)


def load_scores(path: str | Path) -> ScoreSheet:
    """Read a score sheet: each criterion's figure or rating, adjustment and evidence.

    Raises:
        LedgerError: Every row that cannot be read, by its row number, all at once.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        rows: Iterator[list[str]] = spreadsheet_rows(path)
    elif suffix == ".csv":
        try:
            text, _ = decode_text(read_bytes(path, MAX_LEDGER_BYTES), LEDGER_ENCODINGS)
        except FileProblem as e:
            raise LedgerError([e.problem], source=str(path)) from None
        rows = csv_reader(text)
    else:
        allowed = ", ".join((".csv", *SPREADSHEET_SUFFIXES))
        msg = f"unknown file type {suffix or '(no suffix)'!r}; expected one of {allowed}"
        raise LedgerError([Problem(path="file", message=msg)], source=str(path))
    scores, problems = _scores(rows)
    if problems:
        raise LedgerError(problems, source=str(path))
    return scores
