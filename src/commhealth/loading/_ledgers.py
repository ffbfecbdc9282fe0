"""Activity and observation ledgers (台账): CSV with English or Chinese headers, JSON, TOML.

A row that cannot be read is never skipped: every bad row is reported, with its row number
(the header is row 1, as a spreadsheet shows it), in one :class:`~commhealth.LedgerError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from .._activities import Activity
from .._observations import Observation
from ..errors import LedgerError, PlanError, Problem
from ._converter import structure
from ._formats import Format, parse_text
from ._rows import header_row, numbered_rows
from ._spreadsheets import SPREADSHEET_SUFFIXES, spreadsheet_rows

__all__ = [
    "ACTIVITY_HEADERS",
    "OBSERVATION_HEADERS",
    "activities_from_rows",
    "load_activities",
    "load_observations",
    "observations_from_rows",
]

T = TypeVar("T")

#: Column names a ledger may use for each activity field (English, then Chinese).
ACTIVITY_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "编号", "序号"),
    "date": ("date", "日期", "活动日期", "开始日期", "时间"),
    "end": ("end", "结束日期", "截止日期"),
    "title": ("title", "活动名称", "名称", "活动内容", "内容"),
    "kind": ("kind", "活动类型", "类型", "类别"),
    "topics": ("topics", "主题", "活动主题"),
    "tags": ("tags", "标签"),
    "audience": ("audience", "对象", "参加对象", "服务对象"),
    "participants": ("participants", "参加人数", "人数", "参与人数"),
    "people": ("people", "参加人员", "人员", "谈话对象"),
    "hours": ("hours", "时长", "学时", "小时"),
    "organiser": ("organiser", "organizer", "组织者", "主办", "主办单位", "负责人"),
    "location": ("location", "地点", "活动地点"),
    "observance": ("observance", "宣传日", "纪念日"),
    "status": ("status", "状态"),
}

#: Column names a ledger may use for each observation field.
OBSERVATION_HEADERS: dict[str, tuple[str, ...]] = {
    "metric": ("metric", "指标"),
    "date": ("date", "日期"),
    "value": ("value", "数值", "值"),
    "unit": ("unit", "单位"),
    "source": ("source", "来源"),
}

_SET_FIELDS = {"topics", "tags", "audience", "people"}
_INT_FIELDS = {"participants"}
_FLOAT_FIELDS = {"hours", "value"}
_DATE_FIELDS = {"date", "end"}
_STATUS_WORDS = {
    "已完成": "done",
    "完成": "done",
    "已开展": "done",
    "计划": "planned",
    "计划中": "planned",
    "未开展": "planned",
    "待开展": "planned",
    "取消": "cancelled",
    "已取消": "cancelled",
    "canceled": "cancelled",
}
_LIST_SPLIT = re.compile(r"[;；、,，|]")
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


def parse_ledger_date(text: str) -> dt.date:
    """Read a ledger date: ``2022-06-30``, ``2022/6/30``, ``2022.6.30`` or ``2022年6月30日``."""
    text = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    msg = f"not a date: {text!r}; write 2022-06-30, 2022/6/30 or 2022年6月30日"
    raise ValueError(msg)


def _header_map(
    header: list[str], names: Mapping[str, tuple[str, ...]]
) -> tuple[dict[int, str], list[Problem]]:
    lookup = {alias.lower(): field for field, aliases in names.items() for alias in aliases}
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff")
        if not name:
            continue
        field = lookup.get(name.lower())
        if field is None:
            known = ", ".join(a for aliases in names.values() for a in aliases)
            problems.append(
                Problem(
                    path=f"row 1, column {i + 1}",
                    message=f"unknown column {name!r}; known: {known}",
                )
            )
        elif field in seen:
            problems.append(
                Problem(
                    path=f"row 1, column {i + 1}",
                    message=f"column {name!r} repeats column {seen[field] + 1}",
                )
            )
        else:
            columns[i] = field
            seen[field] = i
    return columns, problems


def _cell(field: str, text: str) -> object:
    text = text.strip()
    if field in _SET_FIELDS:
        return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]
    if field in _DATE_FIELDS:
        return parse_ledger_date(text)
    if field in _INT_FIELDS:
        try:
            value = float(text)
        except ValueError:
            msg = f"{field!r} must be a whole number (got {text!r})"
            raise ValueError(msg) from None
        if not value.is_integer():
            msg = f"{field!r} must be a whole number (got {text!r})"
            raise ValueError(msg)
        return int(value)
    if field in _FLOAT_FIELDS:
        try:
            return float(text.rstrip("%"))
        except ValueError:
            msg = f"{field!r} must be a number (got {text!r})"
            raise ValueError(msg) from None
    if field == "status":
        return _STATUS_WORDS.get(text, text.lower())
    return text


def _rows_from_table(
    reader: Iterator[list[str]], names: Mapping[str, tuple[str, ...]]
) -> tuple[list[tuple[str, dict[str, object]]], list[Problem], dict[str, str]]:
    """Records from rows of text cells (a CSV file's or a spreadsheet's), the first the header."""
    rows: list[tuple[str, dict[str, object]]] = []
    header, problems = header_row(reader, "the ledger")
    if header is None:
        return [], problems, {}
    columns, problems = _header_map(header, names)
    if "date" not in columns.values():
        problems.append(Problem(path="row 1", message="no date column (date or 日期)"))
    if problems:
        return [], problems, {}
    for line, cells in numbered_rows(reader, problems):
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            problems.append(
                Problem(path=f"row {line}", message=f"{len(cells)} cells for {len(header)} columns")
            )
            continue
        record: dict[str, object] = {}
        bad = False
        for i, cell in enumerate(cells):
            field = columns.get(i)
            if field is None or not cell.strip():
                continue
            try:
                record[field] = _cell(field, cell)
            except ValueError as e:
                problems.append(Problem(path=f"row {line}, {header[i].strip()}", message=str(e)))
                bad = True
        if not bad:  # a row with a bad cell is reported once, for that cell
            rows.append((f"row {line}", record))
    labels = {field: header[i].strip().lstrip("\ufeff") for i, field in columns.items()}
    return rows, problems, labels


def _build(
    rows: Iterable[tuple[str, dict[str, object]]],
    cls: type[T],
    problems: list[Problem],
    labels: Mapping[str, str] | None = None,
) -> list[T]:
    built: list[T] = []
    first_seen: dict[object, str] = {}
    for where, record in rows:
        ident = record.get("id")
        if ident is not None:
            if ident in first_seen:
                problems.append(
                    Problem(path=where, message=f"id {ident!r} is also used at {first_seen[ident]}")
                )
                continue
            first_seen[ident] = where
        try:
            built.append(structure(record, cls))
        except PlanError as e:
            for p in e.problems:
                field = p.path[2:] if p.path.startswith("$.") else ""
                field = (labels or {}).get(field, field)
                path = f"{where}, {field}" if field else where
                problems.append(Problem(path=path, message=p.message))
    return built


def activities_from_rows(
    rows: Iterable[Mapping[str, object]], *, source: str | None = None
) -> tuple[Activity, ...]:
    """Build activities from records keyed by field name; a record with no ``id`` gets ``r<n>``.

    Raises:
        LedgerError: Lists every record that cannot be read, by its number (from 1).
    """
    numbered = [(f"record {i}", {"id": f"r{i}", **dict(r)}) for i, r in enumerate(rows, start=1)]
    problems: list[Problem] = []
    acts = _build(numbered, Activity, problems)
    if problems:
        raise LedgerError(problems, source=source)
    return tuple(acts)


def observations_from_rows(
    rows: Iterable[Mapping[str, object]], *, source: str | None = None
) -> tuple[Observation, ...]:
    """Build observations from records keyed by field name.

    Raises:
        LedgerError: Lists every record that cannot be read, by its number (from 1).
    """
    numbered = [(f"record {i}", dict(r)) for i, r in enumerate(rows, start=1)]
    problems: list[Problem] = []
    obs = _build(numbered, Observation, problems)
    if problems:
        raise LedgerError(problems, source=source)
    return tuple(obs)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise LedgerError(
            [Problem(path="file", message=f"cannot read the file: {e}")], source=str(path)
        ) from None


def _records(path: Path, key: str, allowed: tuple[str, ...]) -> list[Mapping[str, object]]:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        msg = f"unknown file type {suffix or '(no suffix)'!r}; expected one of {', '.join(allowed)}"
        raise LedgerError([Problem(path="file", message=msg)], source=str(path))
    fmt: Format = "json" if suffix == ".json" else "toml"
    try:
        data: Any = parse_text(_read(path), fmt)
    except PlanError as e:
        raise LedgerError(e.problems, source=str(path)) from None
    if isinstance(data, dict) and key in data and len(data) == 1:
        data = data[key]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        msg = f"expected a list of records, or a table with one key {key!r} holding that list"
        raise LedgerError([Problem(path="$", message=msg)], source=str(path))
    return data


def _load(
    path: str | Path,
    *,
    key: str,
    allowed: tuple[str, ...],
    names: Mapping[str, tuple[str, ...]],
    cls: type[T],
    from_rows: Callable[..., tuple[T, ...]],
) -> tuple[T, ...]:
    path = Path(path)
    if path.suffix.lower() not in (".csv", *SPREADSHEET_SUFFIXES):
        records = _records(path, key, allowed)
        try:
            return from_rows(records, source=str(path))
        except LedgerError as e:
            raise LedgerError(e.problems, source=str(path)) from None
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        cells: Iterator[list[str]] = spreadsheet_rows(path)
    else:
        cells = csv.reader(io.StringIO(_read(path).lstrip("\ufeff")))
    rows, problems, labels = _rows_from_table(cells, names)
    if key == "activities":
        rows = [(where, {"id": f"r{where.split()[-1]}", **rec}) for where, rec in rows]
    built = _build(rows, cls, problems, labels)
    if problems:
        raise LedgerError(problems, source=str(path))
    return tuple(built)


def load_activities(path: str | Path) -> tuple[Activity, ...]:
    """Read an activity ledger: ``.csv`` or a spreadsheet (English or Chinese headers), ``.json``
    or ``.toml``. Spreadsheets (``.xlsx``, ``.xls``, ``.ods``; the first sheet) need the
    ``excel`` extra.

    CSV list cells (topics, tags, audience, people) split on ``、``, ``;`` or ``,``; dates may be
    written ``2022-06-30``, ``2022/6/30`` or ``2022年6月30日``; a missing id becomes ``r<row>``.

    Raises:
        LedgerError: Every row that cannot be read, by its row number, all at once.
    """
    return _load(
        path,
        key="activities",
        allowed=(".csv", ".json", ".toml", *SPREADSHEET_SUFFIXES),
        names=ACTIVITY_HEADERS,
        cls=Activity,
        from_rows=activities_from_rows,
    )


def load_observations(path: str | Path) -> tuple[Observation, ...]:
    """Read measured figures: ``.csv`` or a spreadsheet (English or Chinese headers), or ``.json``.

    Raises:
        LedgerError: Every row that cannot be read, by its row number, all at once.
    """
    return _load(
        path,
        key="observations",
        allowed=(".csv", ".json", *SPREADSHEET_SUFFIXES),
        names=OBSERVATION_HEADERS,
        cls=Observation,
        from_rows=observations_from_rows,
    )
