"""Score sheets: an assessor's own figures and ratings, by criterion (评分表).

A CSV file or a spreadsheet whose header names a criterion column (``criterion``, ``指标``,
``指标编号``, ``项目``, ``编号``) and a score column (``score``, ``得分``, ``评分``, ``评价``); each
row gives one criterion its figure (a number) or its rating (text such as ``好`` or ``有``).
Every row that cannot be read is reported by the row number the spreadsheet shows; blank
rows are skipped.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

from .._limits import MAX_LEDGER_BYTES
from ..errors import LedgerError, Problem
from ._files import LEDGER_ENCODINGS, FileProblem, decode_text, read_bytes
from ._rows import Table, csv_reader
from ._spreadsheets import FORMULA_WITHOUT_VALUE, SPREADSHEET_SUFFIXES, spreadsheet_rows

__all__ = ["SCORE_HEADERS", "load_scores"]

#: The header names each column of a score sheet may go by.
SCORE_HEADERS: dict[str, tuple[str, ...]] = {
    "criterion": ("criterion", "id", "指标", "指标编号", "项目", "编号"),
    "score": ("score", "rating", "得分", "评分", "评价"),
}


def _figure(text: str) -> float | str:
    """A number where the cell holds one, the rating as written otherwise."""
    try:
        value = float(text)
    except ValueError:
        return text
    return value if math.isfinite(value) else text


def _known(name: str) -> bool:
    return any(name.lower() in names for names in SCORE_HEADERS.values())


def _columns(header: list[str], header_row: int) -> tuple[dict[str, int], list[Problem]]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = cell.strip().lstrip("\ufeff").lower()
        for field, names in SCORE_HEADERS.items():
            if name in names and field not in found:
                found[field] = i
    problems = [
        Problem(path=f"row {header_row}", message=f"no {field} column ({' or '.join(names[:3])}, …)")
        for field, names in SCORE_HEADERS.items()
        if field not in found
    ]
    return found, problems


def _scores(rows: Iterator[list[str]]) -> tuple[dict[str, float | str], list[Problem]]:
    table = Table(rows, "the score sheet", _known)
    if table.header is None:
        return {}, table.problems
    header = table.header
    columns, problems = _columns(header, table.header_row)
    if problems:
        return {}, table.problems + problems
    scores: dict[str, float | str] = {}
    first_row: dict[str, int] = {}
    for line, cells in table.rows():
        padded = [*cells, *([""] * len(header))]
        ident = padded[columns["criterion"]].strip()
        score = padded[columns["score"]].strip()
        if FORMULA_WITHOUT_VALUE in (ident, score):
            msg = "a formula cell with no saved value; open the file in a spreadsheet program and save it"
            problems.append(Problem(path=f"row {line}", message=msg))
        elif not ident:
            problems.append(Problem(path=f"row {line}", message="no criterion named"))
        elif not score:
            problems.append(Problem(path=f"row {line}", message=f"no score for {ident!r}"))
        elif ident in first_row:
            problems.append(
                Problem(
                    path=f"row {line}",
                    message=f"criterion {ident!r} is scored twice; first on row {first_row[ident]}",
                )
            )
        else:
            first_row[ident] = line
            scores[ident] = _figure(score)
    return scores, sorted(table.problems + problems, key=_row_order)


def _row_order(problem: Problem) -> int:
    number = problem.path.removeprefix("row ").split(",")[0]
    return int(number) if number.isdigit() else 0


def load_scores(path: str | Path) -> dict[str, float | str]:
    """Read a score sheet: each criterion's figure or rating, by criterion id.

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
