"""Activity and observation ledgers (台账): CSV with English or Chinese headers, JSON, TOML.

A row that cannot be read is never skipped: every bad row is reported, with the row number
a spreadsheet shows it under, in one :class:`~commhealth.LedgerError`; every row of the file
is either read or reported, and blank rows are counted (:class:`LedgerFile`).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

import attrs

from .._activities import Activity, ActivityStatus
from .._gc import no_cycle_collection
from .._limits import MAX_LEDGER_BYTES, MAX_PLAN_BYTES
from .._observations import Observation
from .._schedule import Schedule
from ..errors import CommhealthError, LedgerError, PlanError, Problem
from ._columns import MISSING, Column, build_schedule
from ._converter import structure
from ._fast_csv import Plain, plain_columns
from ._files import LEDGER_ENCODINGS, FileProblem, decode_text, read_bytes
from ._formats import Format, parse_text
from ._rows import Table, csv_reader, row_order
from ._sheet_scan import column_name
from ._spreadsheets import FORMULA_WITHOUT_VALUE, SPREADSHEET_SUFFIXES, spreadsheet_rows

__all__ = [
    "ACTIVITY_HEADERS",
    "OBSERVATION_HEADERS",
    "LedgerFile",
    "activities_from_rows",
    "load_activities",
    "load_observations",
    "observations_from_rows",
    "read_activities",
    "read_observations",
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

#: The problem of a ledger with no date column.
NO_DATE_COLUMN = "no date column (date or 日期)"
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


@functools.lru_cache(maxsize=4096)
def parse_ledger_date(text: str) -> dt.date:
    """Read a ledger date: ``2022-06-30``, ``2022/6/30``, ``2022.6.30`` or ``2022年6月30日``.

    A year holds at most 366 days, so each date a ledger writes is read once.
    """
    text = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    msg = f"not a date: {text!r}; write 2022-06-30, 2022/6/30 or 2022年6月30日"
    raise ValueError(msg)


def _lookup(names: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {alias.lower(): field for field, aliases in names.items() for alias in aliases}


def _header_map(
    header: list[str], header_row: int, names: Mapping[str, tuple[str, ...]]
) -> tuple[dict[int, str], list[Problem]]:
    lookup = _lookup(names)
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff")
        if not name:
            continue
        field = lookup.get(name.lower())
        where = f"row {header_row}, column {i + 1}"
        if field is None:
            known = ", ".join(a for aliases in names.values() for a in aliases)
            problems.append(Problem(path=where, message=f"unknown column {name!r}; known: {known}"))
        elif field in seen:
            problems.append(
                Problem(path=where, message=f"column {name!r} repeats column {seen[field] + 1}")
            )
        else:
            columns[i] = field
            seen[field] = i
    return columns, problems


def _number(field: str, text: str, *, whole: bool) -> float:
    kind = "a whole number" if whole else "a finite number"
    try:
        value = float(text.rstrip("%") if not whole else text)
    except ValueError:
        msg = f"{field!r} must be {kind} (got {text!r})"
        raise ValueError(msg) from None
    if not math.isfinite(value) or (whole and not value.is_integer()):
        msg = f"{field!r} must be {kind} (got {text!r})"
        raise ValueError(msg)
    return value


@functools.lru_cache(maxsize=65536)
def _cell(field: str, text: str) -> object:
    """A cell's value for its field; the same text in the same column is read once (a
    ledger repeats its kinds, topics, places and statuses row after row)."""
    text = text.strip()
    if field in _SET_FIELDS:
        return tuple(part.strip() for part in _LIST_SPLIT.split(text) if part.strip())
    if field in _DATE_FIELDS:
        return parse_ledger_date(text)
    if field in _INT_FIELDS:
        return int(_number(field, text, whole=True))
    if field in _FLOAT_FIELDS:
        return _number(field, text, whole=False)
    if field == "status":
        return _STATUS_WORDS.get(text, text.lower())
    return text


def _row_record(
    line: int, cells: list[str], header: list[str], columns: Mapping[int, str]
) -> tuple[dict[str, object], list[Problem]]:
    """The record of one row, or the problems that keep it from being read."""
    problems: list[Problem] = []
    if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
        message = f"{len(cells)} cells for {len(header)} columns"
        return {}, [Problem(path=f"row {line}", message=message)]
    record: dict[str, object] = {}
    for i, cell in enumerate(cells):
        field = columns.get(i)
        if cell == FORMULA_WITHOUT_VALUE:
            where = f"row {line}, {header[i].strip() or f'column {i + 1}'}"
            msg = (
                f"cell {column_name(i + 1)}{line} holds a formula with no saved value; open "
                "the file in a spreadsheet program and save it, or type the value in"
            )
            problems.append(Problem(path=where, message=msg))
        elif not cell.strip():
            continue
        elif field is None:
            msg = (
                f"cell {column_name(i + 1)}{line} holds {cell.strip()[:40]!r} under a column "
                "with no header; give the column a header, or clear the cell"
            )
            problems.append(Problem(path=f"row {line}, column {i + 1}", message=msg))
        else:
            try:
                record[field] = _cell(field, cell)
            except ValueError as e:
                problems.append(Problem(path=f"row {line}, {header[i].strip()}", message=str(e)))
    return record, problems


@attrs.frozen(kw_only=True)
class _TableRead:
    rows: list[tuple[str, dict[str, object]]]
    problems: list[Problem]
    labels: dict[str, str]
    header_row: int | None = None
    data_rows: int = 0
    blank_rows: tuple[int, ...] = ()


def _rows_from_table(
    reader: Iterator[list[str]], names: Mapping[str, tuple[str, ...]]
) -> _TableRead:
    """Records from rows of text cells (a CSV file's or a spreadsheet's), under the header."""
    lookup = _lookup(names)
    table = Table(reader, "the ledger", lambda name: name.lower() in lookup)
    if table.header is None:
        return _TableRead(rows=[], problems=table.problems, labels={})
    header = table.header
    columns, problems = _header_map(header, table.header_row, names)
    if "date" not in columns.values():
        problems.append(Problem(path=f"row {table.header_row}", message=NO_DATE_COLUMN))
    if problems:
        return _TableRead(rows=[], problems=table.problems + problems, labels={})
    rows: list[tuple[str, dict[str, object]]] = []
    count = 0
    for line, cells in table.rows():
        count += 1
        record, bad = _row_record(line, cells, header, columns)
        problems += bad
        if not bad:  # a row with a bad cell is reported for its cells, and not read
            rows.append((f"row {line}", record))
    labels = {field: header[i].strip().lstrip("\ufeff") for i, field in columns.items()}
    return _TableRead(
        rows=rows,
        problems=sorted(table.problems + problems, key=row_order),
        labels=labels,
        header_row=table.header_row,
        data_rows=count + len(table.blank_rows),
        blank_rows=tuple(table.blank_rows),
    )


def _table_cell(field: str, raw: str) -> object:
    """A table cell's value for its field, ``MISSING`` when blank."""
    if not raw.strip():
        return MISSING
    return _cell(field, raw)


def _schedule_from_table(reader: Iterator[list[str]]) -> tuple[Schedule, _TableRead]:
    """The schedule a table of text cells (a CSV file's or a spreadsheet's) makes, read
    column by column, and how it was read; every row that cannot be read is a problem."""
    names = ACTIVITY_HEADERS
    lookup = _lookup(names)
    table = Table(reader, "the ledger", lambda name: name.lower() in lookup)
    empty = Schedule()
    if table.header is None:
        return empty, _TableRead(rows=[], problems=table.problems, labels={})
    header = table.header
    columns, problems = _header_map(header, table.header_row, names)
    if "date" not in columns.values():
        problems.append(Problem(path=f"row {table.header_row}", message=NO_DATE_COLUMN))
    if problems:
        return empty, _TableRead(rows=[], problems=table.problems + problems, labels={})
    width = len(header)
    lines: list[int] = []
    rows: list[list[str]] = []
    bad: set[int] = set()
    blank = [""] * width
    for line, given in table.rows():
        cells = given
        if len(given) != width:
            if len(given) > width and any(c.strip() for c in given[width:]):
                message = f"{len(given)} cells for {width} columns"
                problems.append(Problem(path=f"row {line}", message=message))
                bad.add(len(lines))
                cells = blank  # nothing of the row is read
            else:
                cells = (given + blank)[:width]
        lines.append(line)
        rows.append(cells)
    cells_of = list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]
    del rows
    labels = {field: header[i].strip().lstrip("\ufeff") for i, field in columns.items()}

    def word(records: list[tuple[str, dict[str, object]]]) -> list[Activity]:
        return [a for _, a in _build(records, Activity, problems, labels, typed=True)]

    schedule = build_schedule(
        [Column(i, columns.get(i), header[i].strip(), cells_of[i]) for i in range(width)],
        lines,
        problems,
        _table_cell,
        word,
        bad=bad,
    )
    read = _TableRead(
        rows=[],
        problems=sorted(table.problems + problems, key=row_order),
        labels=labels,
        header_row=table.header_row,
        data_rows=len(lines) + len(table.blank_rows),
        blank_rows=tuple(table.blank_rows),
    )
    return schedule, read


def _plain_header(header: list[str]) -> tuple[dict[int, str], list[Problem]] | None:
    """The fields of a plain file's first row, when it is a header without problems."""
    lookup = _lookup(ACTIVITY_HEADERS)
    names = [c.strip().lstrip("\ufeff") for c in header if c.strip()]
    if not 2 * sum(1 for n in names if n.lower() in lookup) > len(names):
        return None
    columns, problems = _header_map(header, 1, ACTIVITY_HEADERS)
    if problems or "date" not in columns.values():
        return None
    return columns, problems


def _ledger_file(
    schedule: Schedule, table: _TableRead, path: Path, encoding: str | None
) -> LedgerFile[Any]:
    """The ledger a table's schedule makes, or its problems raised."""
    if table.problems:
        raise LedgerError(table.problems, source=str(path))
    return LedgerFile(
        records=schedule,
        source=str(path),
        encoding=encoding,
        header_row=table.header_row,
        data_rows=table.data_rows,
        blank_rows=table.blank_rows,
    )


def _schedule_from_plain(plain: Plain) -> tuple[Schedule, _TableRead]:
    """The schedule of a plain CSV file's columns, as polars read them."""
    header = plain.header
    columns, _ = _header_map(header, 1, ACTIVITY_HEADERS)
    labels = {field: header[i].strip().lstrip("\ufeff") for i, field in columns.items()}
    problems: list[Problem] = []

    def word(records: list[tuple[str, dict[str, object]]]) -> list[Activity]:
        return [a for _, a in _build(records, Activity, problems, labels, typed=True)]

    schedule = build_schedule(plain.columns, plain.lines, problems, _table_cell, word)
    read = _TableRead(
        rows=[],
        problems=sorted(problems, key=row_order),
        labels=labels,
        header_row=1,
        data_rows=len(plain.lines) + len(plain.blank_rows),
        blank_rows=tuple(plain.blank_rows),
    )
    return schedule, read


def _direct(record: Mapping[str, object], cls: type[T]) -> T | None:
    """The activity a table's record makes, built directly: its cells are read into their
    fields' types already, so the converter is needed only to word a problem. ``None``
    when the record does not build (the converter then says why)."""
    if cls is not Activity:
        return None
    fields = dict(record)
    try:
        if "status" in fields:
            fields["status"] = ActivityStatus(fields["status"])
        built: T = cls(**fields)
    except (CommhealthError, ValueError, TypeError):
        return None
    return built


def _build(
    rows: Iterable[tuple[str, dict[str, object]]],
    cls: type[T],
    problems: list[Problem],
    labels: Mapping[str, str] | None = None,
    *,
    typed: bool = False,
) -> list[tuple[str, T]]:
    """The records built into ``cls``, each bad one reported at its place. ``typed``
    records come from a table whose cells are already read into their fields' types."""
    built: list[tuple[str, T]] = []
    first_seen: dict[object, str] = {}
    for where, record in rows:
        ident = record.get("id")
        if isinstance(ident, str | int) and not isinstance(ident, bool):
            if ident in first_seen:
                problems.append(
                    Problem(path=where, message=f"id {ident!r} is also used at {first_seen[ident]}")
                )
                continue
            first_seen[ident] = where
        fast = _direct(record, cls) if typed else None
        if fast is not None:
            built.append((where, fast))
            continue
        try:
            built.append((where, structure(record, cls)))
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
    return tuple(a for _, a in acts)


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
    _same_day_figures(obs, problems)
    if problems:
        raise LedgerError(problems, source=source)
    return tuple(o for _, o in obs)


@attrs.frozen(kw_only=True)
class LedgerFile(Generic[T]):
    """A ledger as read, and how it was read: what a person checks the numbers against.

    Attributes:
        records: The activities (a :class:`~commhealth.Schedule`) or the observations (a
            tuple), in the file's order.
        source: The file's path.
        encoding: The encoding a CSV file was read in (``UTF-8`` or ``GB18030``); ``None``
            for spreadsheets, JSON and TOML.
        header_row: The row the header was found on, from 1 (more than 1 when title rows
            or blank rows stand above it); ``None`` for JSON and TOML.
        data_rows: The rows after the header, blank ones included (the records of a JSON
            or TOML file).
        blank_rows: The blank rows after the header, skipped.
    """

    records: Sequence[T]
    source: str
    encoding: str | None = None
    header_row: int | None = None
    data_rows: int = 0
    blank_rows: tuple[int, ...] = ()

    def notes(self) -> list[str]:
        """What a person should know about how the file was read, if anything."""
        found = []
        if self.encoding is not None and self.encoding != "UTF-8":
            found.append(f"{self.source}: read as {self.encoding} (not UTF-8)")
        if self.header_row is not None and self.header_row != 1:
            found.append(
                f"{self.source}: header found on row {self.header_row}; rows above it skipped"
            )
        if self.blank_rows:
            shown = ", ".join(str(r) for r in self.blank_rows[:10])
            more = ", …" if len(self.blank_rows) > 10 else ""
            rows = "row" if len(self.blank_rows) == 1 else "rows"
            found.append(
                f"{self.source}: {len(self.blank_rows)} blank {rows} skipped ({rows} {shown}{more})"
            )
        return found


def _records(data_bytes: bytes, path: Path, key: str) -> list[Mapping[str, object]]:
    fmt: Format = "json" if path.suffix.lower() == ".json" else "toml"
    try:
        text, _ = decode_text(data_bytes)
        data: Any = parse_text(text, fmt)
    except FileProblem as e:
        raise LedgerError([e.problem], source=str(path)) from None
    except PlanError as e:
        raise LedgerError(e.problems, source=str(path)) from None
    if isinstance(data, dict) and key in data and len(data) == 1:
        data = data[key]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        msg = f"expected a list of records, or a table with one key {key!r} holding that list"
        raise LedgerError([Problem(path="$", message=msg)], source=str(path))
    return data


def _same_day_figures(built: list[tuple[str, Observation]], problems: list[Problem]) -> None:
    """Two figures of one metric on one day would leave the check to the order of the rows."""
    first: dict[tuple[str, dt.date], tuple[str, Observation]] = {}
    for where, o in built:
        key = (o.metric, o.date)
        if key in first:
            there, other = first[key]
            msg = (
                f"metric {o.metric!r} on {o.date.isoformat()} is also given at {there} "
                f"({other.value:g} there, {o.value:g} here); keep one figure per metric and day"
            )
            problems.append(Problem(path=where, message=msg))
        else:
            first[key] = (where, o)


def _read_ledger(
    path: str | Path,
    *,
    key: str,
    allowed: tuple[str, ...],
    names: Mapping[str, tuple[str, ...]],
    cls: type[T],
) -> LedgerFile[T]:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in allowed:
        msg = f"unknown file type {suffix or '(no suffix)'!r}; expected one of {', '.join(allowed)}"
        raise LedgerError([Problem(path="file", message=msg)], source=str(path))
    encoding: str | None = None
    if suffix in SPREADSHEET_SUFFIXES:
        cells: Iterator[list[str]] = spreadsheet_rows(path)
    else:
        try:
            # TOML is parsed in pure Python, so it keeps to the bound of plan files.
            data = read_bytes(path, MAX_PLAN_BYTES if suffix == ".toml" else MAX_LEDGER_BYTES)
            plain = (
                plain_columns(data, _plain_header) if suffix == ".csv" and cls is Activity else None
            )
            if plain is not None:
                # A plain UTF-8 file, read by polars: no text is needed.
                schedule, table = _schedule_from_plain(plain)
                return _ledger_file(schedule, table, path, "UTF-8")
            if suffix == ".csv":
                text, encoding = decode_text(data, LEDGER_ENCODINGS)
        except FileProblem as e:
            raise LedgerError([e.problem], source=str(path)) from None
        if suffix != ".csv":
            records = _records(data, path, key)
            numbered = [(f"record {i}", dict(r)) for i, r in enumerate(records, start=1)]
            if key == "activities":
                numbered = [(w, {"id": f"r{w.split()[-1]}", **r}) for w, r in numbered]
            problems: list[Problem] = []
            built = _build(numbered, cls, problems)
            if cls is Observation:
                _same_day_figures(built, problems)  # type: ignore[arg-type]
            if problems:
                raise LedgerError(problems, source=str(path))
            found: Sequence[Any] = tuple(b for _, b in built)
            if cls is Activity:
                found = Schedule(found)
            return LedgerFile(records=found, source=str(path), data_rows=len(records))
    if cls is Activity:
        schedule, table = _schedule_from_table(cells if suffix != ".csv" else csv_reader(text))
        return _ledger_file(schedule, table, path, encoding)
    table = _rows_from_table(cells if suffix != ".csv" else csv_reader(text), names)
    rows, problems = table.rows, list(table.problems)
    if key == "activities":
        rows = [(where, {"id": f"r{where.split()[-1]}", **rec}) for where, rec in rows]
    built = _build(rows, cls, problems, table.labels, typed=True)
    if cls is Observation:
        _same_day_figures(built, problems)  # type: ignore[arg-type]
    if problems:
        raise LedgerError(sorted(problems, key=row_order), source=str(path))
    return LedgerFile(
        records=tuple(b for _, b in built),
        source=str(path),
        encoding=encoding,
        header_row=table.header_row,
        data_rows=table.data_rows,
        blank_rows=table.blank_rows,
    )


def read_activities(path: str | Path) -> LedgerFile[Activity]:
    """Read an activity ledger as :func:`load_activities` does, and say how it was read: the
    encoding, the header's row, the blank rows skipped."""
    with no_cycle_collection():
        return _read_ledger(
            path,
            key="activities",
            allowed=(".csv", ".json", ".toml", *SPREADSHEET_SUFFIXES),
            names=ACTIVITY_HEADERS,
            cls=Activity,
        )


def read_observations(path: str | Path) -> LedgerFile[Observation]:
    """Read measured figures as :func:`load_observations` does, and say how they were read."""
    with no_cycle_collection():
        return _read_ledger(
            path,
            key="observations",
            allowed=(".csv", ".json", *SPREADSHEET_SUFFIXES),
            names=OBSERVATION_HEADERS,
            cls=Observation,
        )


def load_activities(path: str | Path) -> Schedule:
    """Read an activity ledger: ``.csv`` or a spreadsheet (English or Chinese headers), ``.json``
    or ``.toml``. Spreadsheets (``.xlsx``, ``.xls``, ``.ods``; the first sheet) need the
    ``excel`` extra.

    The header is the first row whose cells are mostly known column names (title rows above
    it are skipped) and rows keep the numbers the file shows. A CSV file is read as UTF-8,
    or as GB18030 (Excel on a Chinese Windows) when it is not UTF-8. CSV list cells (topics,
    tags, audience, people) split on ``、``, ``;`` or ``,``; dates may be written
    ``2022-06-30``, ``2022/6/30`` or ``2022年6月30日``; a missing id becomes ``r<row>``.

    Raises:
        LedgerError: Every row that cannot be read, by its row number, all at once; or the
            file is not a regular file, or is past its size limit (see ``docs/limits.md``).
    """
    return read_activities(path).records  # type: ignore[return-value]


def load_observations(path: str | Path) -> tuple[Observation, ...]:
    """Read measured figures: ``.csv`` or a spreadsheet (English or Chinese headers), or ``.json``.

    Two figures of one metric on one day are refused, so that no result depends on the
    order of the rows.

    Raises:
        LedgerError: Every row that cannot be read, by its row number, all at once.
    """
    return tuple(read_observations(path).records)
