"""A laid-out sheet's columns given their fields, and its activity rows read into a schedule.

The header's names are looked up (``日期`` is the date); a column no field reads is kept as
an extra value of each activity, a remark column as its ``notes``, an evidence column
(签到表, 照片) as a tag an assessor's criterion reads (``sign-in``, ``photo``). A date cell
that writes a range gives the activity's last day too; one that writes no year takes the
ledger's. Then every cell goes through the same readers as a CSV file's, column by column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ..._schedule import Schedule
from ...errors import Problem
from ._cells import ACTIVITY_HEADERS, MISSING, NO_DATE_COLUMN, lookup, table_cell
from ._columns import Column, build_schedule
from ._csv import row_order
from ._layout import EVIDENCE_HEADERS, EXTRA_HEADERS, NOTES_HEADERS, Laid, header_key
from ._values import clean_text, read_count, read_date
from ._workbook import CELL_ERROR, FORMULA_WITHOUT_VALUE
from ._zip_scan import column_name

__all__ = ["SECONDARY_HEADERS", "SheetRead", "read_laid"]

#: Header names that give a field only when no column gives it by a primary name: beside
#: 活动名称, a 活动内容 column is a description, kept as an extra value; beside 组织者, a
#: 主办单位 is kept too.
SECONDARY_HEADERS = frozenset(
    {
        "时间",
        "活动时间",
        "内容",
        "活动内容",
        "名称",
        "类别",
        "人数",
        "对象",
        "服务对象",
        "人员",
        "主办",
        "主办单位",
        "承办单位",
        "组织单位",
        "纪念日",
        "活动形式",
        "形式",
        "更换日期",
        "培训日期",
        "宣传内容",
        "培训内容",
        "主讲人",
        "讲师",
        "更换人",
        "序号",
    }
)
#: A theme column names the activity when no column gives its title (活动主题 as the
#: only name of what was held); beside a title, it gives the topics.
_THEME_AS_TITLE = frozenset({"活动主题"})
_NO = frozenset({"无", "没有", "否", "0", "×", "x", "X", "no", "n", "false", "-", "—", "/"})
_EXTRA_KEYS = frozenset(header_key(n) for n in EXTRA_HEADERS)


@attrs.frozen(kw_only=True)
class SheetRead:
    """What one sheet gave: its schedule, its problems, and what was noted about it.

    Attributes:
        schedule: The activities read.
        problems: The rows that could not be read, by row (and column).
        notes: What a person should know: ``(code, facts)`` pairs worded by the caller.
        activity_rows: How many rows held an activity (read or reported).
    """

    schedule: Schedule
    problems: list[Problem]
    notes: list[tuple[str, dict[str, Any]]]
    activity_rows: int


def _evidence(tag: str, text: str) -> bool:
    """Whether an evidence cell says the evidence exists: 有, √, a number above 0."""
    t = clean_text(text)
    if not t or t in _NO:
        return False
    count = read_count(t.rstrip("张份页"))
    return count is None or count > 0


def _map_header(
    header: Sequence[str], line: int
) -> tuple[
    dict[int, str], dict[int, str], dict[int, str], list[Problem], list[tuple[str, dict[str, Any]]]
]:
    """Each column's field, the extra columns, the evidence columns; ambiguous columns are
    problems."""
    fields_of = {header_key(name): field for name, field in lookup(ACTIVITY_HEADERS).items()}
    evidence_of = {header_key(n): tag for tag, ns in EVIDENCE_HEADERS.items() for n in ns}
    notes_keys = {header_key(n) for n in NOTES_HEADERS}
    secondary = {header_key(n) for n in SECONDARY_HEADERS}
    candidates: dict[str, list[int]] = {}
    extras: dict[int, str] = {}
    evidence: dict[int, str] = {}
    notes: list[tuple[str, dict[str, Any]]] = []
    for k, raw in enumerate(header):
        key = header_key(raw)
        if not key:
            continue
        if key in notes_keys:
            candidates.setdefault("notes", []).append(k)
        elif key in evidence_of:
            evidence[k] = evidence_of[key]
        elif key in fields_of:
            candidates.setdefault(fields_of[key], []).append(k)
        else:
            extras[k] = clean_text(raw)
    themes = [k for k in candidates.get("topics", []) if header_key(header[k]) in _THEME_AS_TITLE]
    if "title" not in candidates and themes:
        candidates["title"] = themes[:1]
        candidates["topics"] = [k for k in candidates["topics"] if k != themes[0]]
        if not candidates["topics"]:
            del candidates["topics"]
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    for field, ks in candidates.items():
        primary = [k for k in ks if header_key(header[k]) not in secondary]
        chosen = primary or ks
        if len(chosen) > 1:
            both = " and ".join(
                f"{clean_text(header[k])!r} (column {column_name(k + 1)})" for k in chosen
            )
            msg = f"columns {both} both give the activity's {field}; rename or delete one of them"
            problems.append(Problem(path=f"row {line}", message=msg))
            continue
        columns[chosen[0]] = field
        for k in ks:
            if k != chosen[0]:
                extras[k] = clean_text(header[k])
                notes.append(
                    ("beside", {"column": clean_text(header[k]), "field": field,
                                "chosen": clean_text(header[chosen[0]])})
                )  # fmt: skip
    unknown = [name for k, name in sorted(extras.items()) if header_key(name) not in _EXTRA_KEYS]
    if unknown:
        notes.append(("extra-columns", {"columns": unknown}))
    return columns, extras, evidence, problems, notes


def _convert(field: str, raw: Any) -> object:
    if field == "extras":
        return raw if raw else MISSING
    return table_cell(field, raw)


def _read_dates(
    dates: list[str], ends: list[str], continued: Mapping[int, str], year: int | None
) -> int:
    """Write each readable date cell as ISO, and its range's last day under ``ends``; how
    many took ``year`` for want of their own. ``continued`` holds, by place, the last day
    a merged row below gives an activity."""
    supplied = 0
    iso: dict[str, tuple[str, str | None, bool] | None] = {}  # each distinct cell read once
    for i, text in enumerate(dates):
        if text not in iso:
            read = read_date(text, year) if text.strip() else None
            iso[text] = (
                None
                if read is None
                else (
                    read.day.isoformat(),
                    None if read.end is None else read.end.isoformat(),
                    read.year_supplied,
                )
            )
        found = iso[text]
        if found is None:
            continue  # blank, or reported by the date column's reader in its words
        day, last, from_year = found
        supplied += from_year
        dates[i] = day
        if i in continued:
            extra = read_date(continued[i], int(day[:4]))
            if extra is not None and extra.day.isoformat() > day:
                last = (extra.end or extra.day).isoformat()
        if last is not None and not ends[i].strip():
            ends[i] = last
        elif ends[i].strip():
            read_end = read_date(ends[i], int(day[:4]))
            if read_end is not None and read_end.end is None:
                ends[i] = read_end.day.isoformat()
    return supplied


def _kept(
    cells_of: Mapping[int, list[str]],
    extras: Mapping[int, str],
    evidence: Mapping[int, str],
    tags_k: int | None,
    n: int,
) -> list[Column]:
    """The tags column with each row's evidence tags joined in, and the extra values."""
    made = []
    if evidence:
        tags = [cells_of[tags_k][i] if tags_k is not None else "" for i in range(n)]
        for k, tag in evidence.items():
            for i, text in enumerate(cells_of[k]):
                if _evidence(tag, text):
                    tags[i] = f"{tags[i]}|{tag}" if tags[i].strip() else tag
        made.append(Column(tags_k if tags_k is not None else min(evidence), "tags", "tags", tags))
    if extras:
        pairs = [
            tuple(
                (name, clean_text(cells_of[k][i]))
                for k, name in extras.items()
                if cells_of[k][i].strip()
                and cells_of[k][i] != FORMULA_WITHOUT_VALUE
                and not cells_of[k][i].startswith(CELL_ERROR)
            )
            for i in range(n)
        ]
        made.append(Column(min(extras), "extras", "extras", pairs))
    return made


def _section_kinds(
    laid: Laid,
    lines: Sequence[int],
    *,
    cells_of: dict[int, list[str]],
    columns: dict[int, str],
    at: dict[str, int],
) -> None:
    """Give each row under a section heading (一、健康知识讲座) that names no kind the
    section's name, in a kind column added after the others when the table has none."""
    kind_k = at.get("kind")
    kinds = cells_of[kind_k] if kind_k is not None else [""] * len(lines)
    for i, ln in enumerate(lines):
        if not kinds[i].strip() and ln in laid.sections:
            kinds[i] = laid.sections[ln]
    if kind_k is None:
        added = len(cells_of)
        cells_of[added], columns[added], at["kind"] = kinds, "kind", added


def _columns_of(rows: Sequence[tuple[int, list[str]]], width: int) -> dict[int, list[str]]:
    """The rows' cells column by column, a short row's missing cells blank."""
    if rows and all(len(cells) == width for _, cells in rows):
        return dict(enumerate(map(list, zip(*(cells for _, cells in rows), strict=True))))
    return {k: [cells[k] if k < len(cells) else "" for _, cells in rows] for k in range(width)}


def _error_cells(columns: Sequence[Column], lines: Sequence[int], found: list[Problem]) -> set[int]:
    """Report each cell holding a spreadsheet error (``#REF!``) under a field, and blank it;
    the rows (by place) reported."""
    bad: set[int] = set()
    for column in columns:
        if column.field in (None, "extras") or not isinstance(column.cells, list):
            continue
        for k, cell in enumerate(column.cells):
            if isinstance(cell, str) and cell.startswith(CELL_ERROR):
                error = cell.removeprefix(CELL_ERROR) or "#ERROR"
                msg = (
                    f"cell {column_name(column.index + 1)}{lines[k]} holds the spreadsheet "
                    f"error {error}, not a value; correct its formula or type the value in"
                )
                found.append(Problem(path=f"row {lines[k]}, {column.label}", message=msg))
                column.cells[k] = ""
                bad.add(k)
    return bad


def read_laid(
    laid: Laid,
    *,
    year: int | None,
    id_prefix: str | None = None,
) -> SheetRead:
    """The schedule of a laid-out sheet's activity rows, every row read or reported.

    ``year`` is the ledger's, for date cells that write none; ``id_prefix`` qualifies ids
    (a workbook of one sheet per month numbers each sheet's rows from 1).
    """
    assert laid.header is not None
    header = laid.header
    width = len(header)
    line = laid.header_rows[-1] if laid.header_rows else 1
    columns, extras, evidence, problems, notes = _map_header(header, line)
    if "date" not in columns.values() and not problems:
        problems.append(Problem(path=f"row {line}", message=NO_DATE_COLUMN))
    if problems:
        # The table cannot be read: every activity row is reported with it.
        for row_line, _ in laid.rows:
            msg = "not read: the header above cannot be read"
            problems.append(Problem(path=f"row {row_line}", message=msg))
        return SheetRead(
            schedule=Schedule(), problems=problems, notes=notes, activity_rows=len(laid.rows)
        )
    at = {field: k for k, field in columns.items()}
    lines = [ln for ln, _ in laid.rows]
    n = len(lines)
    cells_of = _columns_of(laid.rows, width)
    date_k = at["date"]
    end_k = at.get("end")
    dates = cells_of[date_k]
    ends = cells_of[end_k] if end_k is not None else [""] * n
    if laid.sections:
        _section_kinds(laid, lines, cells_of=cells_of, columns=columns, at=at)
        header, width = [*header, "kind"][: len(cells_of)], len(cells_of)
    supplied = _read_dates(
        dates, ends, {i: laid.ends[ln] for i, ln in enumerate(lines) if ln in laid.ends}, year
    )
    if supplied and year is not None:
        notes.append(("year-supplied", {"count": supplied, "year": year}))
    made: list[Column] = []
    for k in range(width):
        field = columns.get(k)
        if k in extras or k in evidence:
            continue
        label = clean_text(header[k])
        if field == "date":
            made.append(Column(k, "date", label, dates))
        elif field == "end":
            made.append(Column(k, "end", label, ends))
        elif field == "id" and id_prefix is not None:
            ids = [
                f"{id_prefix}-{c.strip() or f'r{ln}'}"
                for c, ln in zip(cells_of[k], lines, strict=True)
            ]
            made.append(Column(k, "id", label, ids))
        elif field == "tags" and evidence:
            continue  # joined with the evidence below
        else:
            made.append(Column(k, field, label, cells_of[k]))
    if end_k is None and any(e.strip() for e in ends):
        made.append(Column(date_k, "end", clean_text(header[date_k]), ends))
    if id_prefix is not None and "id" not in at:
        made.append(Column(0, "id", "id", [f"{id_prefix}-r{ln}" for ln in lines]))
    made += _kept(cells_of, extras, evidence, at.get("tags"), n)
    made.sort(key=lambda c: c.index)
    found = [
        Problem(path=f"row {line}", message=f"{cells} cells for {wide} columns")
        for line, cells, wide in laid.overlong
    ]
    bad = _error_cells(made, lines, found) if laid.errors else set()
    schedule = build_schedule(made, lines, found, _convert, bad=bad)
    return SheetRead(
        schedule=schedule,
        problems=sorted(found, key=row_order),
        notes=notes,
        activity_rows=n + len(laid.overlong),
    )
