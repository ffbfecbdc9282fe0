"""Activity and observation ledgers (台账): CSV with English or Chinese headers, JSON, TOML.

A row that cannot be read is never skipped: every bad row is reported, with the row number
a spreadsheet shows it under, in one :class:`~commhealth.LedgerError`; every row of the file
is either read or reported, and blank rows are counted (:class:`LedgerFile`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

import attrs

from ..._activities import Activity
from ..._gc import no_cycle_collection
from ..._limits import MAX_LEDGER_BYTES, MAX_PLAN_BYTES, MAX_YEAR, MIN_YEAR
from ..._observations import Observation
from ..._schedule import Schedule
from ..._wording._ledger import ledger_notes
from ...errors import LedgerError, PlanError, Problem
from .._files import LEDGER_ENCODINGS, FileProblem, decode_text, read_bytes
from .._formats import Format, is_directory, parse_text
from ._cells import ACTIVITY_HEADERS, OBSERVATION_HEADERS
from ._csv import csv_reader, row_order
from ._fast_csv import plain_columns
from ._layout import sheet_year
from ._records import build_records
from ._sheets import SheetSummary, csv_sheet, read_sheets
from ._tables import (
    TableRead,
    plain_header,
    rows_from_table,
    schedule_from_plain,
)
from ._workbook import SPREADSHEET_SUFFIXES, spreadsheet_rows, workbook_sheets

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


def _ledger_file(
    schedule: Schedule, table: TableRead, path: Path, encoding: str | None
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


def activities_from_rows(
    rows: Iterable[Mapping[str, object]], *, source: str | None = None
) -> tuple[Activity, ...]:
    """Build activities from records keyed by field name; a record with no ``id`` gets ``r<n>``.

    Raises:
        LedgerError: Lists every record that cannot be read, by its number (from 1).
    """
    numbered = [(f"record {i}", {"id": f"r{i}", **dict(r)}) for i, r in enumerate(rows, start=1)]
    problems: list[Problem] = []
    acts = build_records(numbered, Activity, problems)
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
    obs = build_records(numbered, Observation, problems)
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
    problems: tuple[Problem, ...] = ()
    sheets: tuple[SheetSummary, ...] = ()
    found: tuple[tuple[str, Mapping[str, Any]], ...] = ()

    def notes(self, lang: str | None = None) -> list[str]:
        """What a person should know about how the file was read, if anything, in
        ``lang`` (``zh`` or ``en``, the default)."""
        return ledger_notes(self, "zh" if lang == "zh" else "en")


@attrs.frozen
class _Options:
    sheet: str | None = None
    year: int | None = None
    partial: bool = False


def _sheets_ledger(
    sheets: Sequence[Any],
    path: Path,
    encoding: str | None,
    options: _Options,
    problems: list[Problem] | None = None,
) -> LedgerFile[Activity]:
    """The ledger the sheets of a workbook (or a CSV file's one sheet) make."""
    problems = list(problems or ())
    if not any(any(c.strip() for c in row) for sheet in sheets for row in sheet.rows):
        message = "the ledger is empty: expected a header row"
        raise LedgerError([*problems, Problem(path="row 1", message=message)], source=str(path))
    schedule, found, notes, summaries = read_sheets(
        sheets,
        year=options.year,
        only=options.sheet,
        file_year=sheet_year((path.stem,)),
    )
    problems += found
    if not any(s.ledger for s in summaries):
        if options.sheet is None or not problems:
            problems.append(Problem(path="file", message=_NO_TABLE))
        raise LedgerError(problems, source=str(path))
    if problems and not options.partial:
        raise LedgerError(problems, source=str(path))
    ledger = [s for s in summaries if s.ledger]
    first = ledger[0]
    return LedgerFile(
        records=schedule,
        source=str(path),
        encoding=encoding,
        header_row=first.header_rows[-1] if first.header_rows else None,
        data_rows=sum(
            s.activity_rows
            + len(s.blank_rows)
            + sum(line > s.header_rows[-1] for line, _ in s.noted)
            for s in ledger
        ),
        blank_rows=tuple(r for s in ledger for r in s.blank_rows),
        problems=tuple(problems),
        sheets=tuple(summaries),
        found=tuple(notes),
    )


_NO_TABLE = (
    "no ledger table found: no row in the first 15 of any sheet names the date (日期, "
    "活动日期, date) and another field (活动名称, 活动类型, 参加人数…); see docs/format.md"
)


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
    """Two figures of one metric on one day would leave the check to the order of the rows;
    a figure dated outside the years a plan may span (year 1, say) is a slip of the pen that
    would otherwise meet any goal it comes before."""
    first: dict[tuple[str, dt.date], tuple[str, Observation]] = {}
    for where, o in built:
        if not MIN_YEAR <= o.date.year <= MAX_YEAR:
            msg = f"'date' must be in the years {MIN_YEAR} to {MAX_YEAR} (got {o.date.isoformat()})"
            problems.append(Problem(path=where, message=msg))
            continue
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
    options: _Options | None = None,
) -> LedgerFile[T]:
    path = Path(path)
    options = options or _Options()
    suffix = path.suffix.lower()
    if suffix not in allowed:
        msg = f"unknown file type {suffix or '(no suffix)'!r}; expected one of {', '.join(allowed)}"
        if is_directory(path):
            msg = (
                f"{str(path)!r} is a folder, not a file; name the file in it ({', '.join(allowed)})"
            )
        raise LedgerError([Problem(path="file", message=msg)], source=str(path))
    encoding: str | None = None
    if suffix in SPREADSHEET_SUFFIXES and cls is Activity:
        return _sheets_ledger(workbook_sheets(path), path, None, options)  # type: ignore[return-value]
    if suffix in SPREADSHEET_SUFFIXES:
        cells: Iterator[list[str]] = spreadsheet_rows(path)
    else:
        try:
            # TOML is parsed in pure Python, so it keeps to the bound of plan files.
            data = read_bytes(path, MAX_PLAN_BYTES if suffix == ".toml" else MAX_LEDGER_BYTES)
            plain = (
                plain_columns(data, plain_header) if suffix == ".csv" and cls is Activity else None
            )
            if plain is not None:
                # A plain UTF-8 file, read by polars: no text is needed. A file with a row
                # it cannot read goes the standard way, which reads dates without a year
                # and returns the rows it can when asked to.
                schedule, table = schedule_from_plain(plain)
                if not table.problems:
                    return _ledger_file(schedule, table, path, "UTF-8")
            if suffix == ".csv":
                text, encoding = decode_text(data, LEDGER_ENCODINGS)
        except FileProblem as e:
            raise LedgerError([e.problem], source=str(path)) from None
        if suffix == ".csv" and cls is Activity:
            invalid: list[Problem] = []
            sheet = csv_sheet(csv_reader(text), invalid)
            return _sheets_ledger([sheet], path, encoding, options, invalid)  # type: ignore[return-value]
        if suffix != ".csv":
            records = _records(data, path, key)
            numbered = [(f"record {i}", dict(r)) for i, r in enumerate(records, start=1)]
            if key == "activities":
                numbered = [(w, {"id": f"r{w.split()[-1]}", **r}) for w, r in numbered]
            problems: list[Problem] = []
            built = build_records(numbered, cls, problems)
            if cls is Observation:
                _same_day_figures(built, problems)  # type: ignore[arg-type]
            if problems:
                raise LedgerError(problems, source=str(path))
            found: Sequence[Any] = tuple(b for _, b in built)
            if cls is Activity:
                found = Schedule(found)
            return LedgerFile(records=found, source=str(path), data_rows=len(records))
    table = rows_from_table(cells if suffix != ".csv" else csv_reader(text), names)
    rows, problems = table.rows, list(table.problems)
    if key == "activities":
        rows = [(where, {"id": f"r{where.split()[-1]}", **rec}) for where, rec in rows]
    built = build_records(rows, cls, problems, table.labels, typed=True)
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


def read_activities(
    path: str | Path,
    *,
    sheet: str | None = None,
    year: int | None = None,
    partial: bool = False,
) -> LedgerFile[Activity]:
    """Read an activity ledger as :func:`load_activities` does, and say how it was read: the
    encoding, each sheet read or skipped and why, the header's rows, the title, total,
    sign-off and blank rows passed over, the extra columns kept.

    Args:
        sheet: Read only the sheet of this name (every sheet holding a ledger, by default).
        year: The year of dates written without one (``2月14日``), when neither a sheet's
            title nor the file's name gives one; a plan's span gives it.
        partial: Return the rows that could be read, with the others in
            :attr:`LedgerFile.problems`, instead of raising.

    Raises:
        LedgerError: The file cannot be read, no sheet holds a ledger, or (unless
            ``partial``) a row cannot be read — every such row, all at once.
    """
    with no_cycle_collection():
        return _read_ledger(
            path,
            key="activities",
            allowed=(".csv", ".json", ".toml", *SPREADSHEET_SUFFIXES),
            names=ACTIVITY_HEADERS,
            cls=Activity,
            options=_Options(sheet=sheet, year=year, partial=partial),
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
