"""The table in a sheet: which rows are its header, which hold activities, and which are
the other lines a worker's template carries.

A 台账 as kept in Excel or WPS puts a title over its table (``XX社区2023年健康教育活动台账``),
a 填报单位/填报人 line, sometimes a row of category cells merged over the field names
(活动情况 / 参加情况), and under the table a 合计 row, rows numbered ahead with nothing
filled, and a sign-off line (负责人签字：). Here each row of a sheet is given its part; only
activity rows go on to be read, and every other non-blank row is named in a note, so that
rows in = rows read + rows reported + rows noted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from ._cells import lookup
from ._values import read_date

__all__ = [
    "EVIDENCE_HEADERS",
    "EXTRA_HEADERS",
    "NOTES_HEADERS",
    "Laid",
    "header_key",
    "lay_out",
    "sheet_year",
]

#: How many non-blank rows from the top are looked at for the header.
HEADER_SEARCH_ROWS = 15

#: Columns that hold the evidence an assessor asks for, and the tag each one gives.
EVIDENCE_HEADERS: Mapping[str, tuple[str, ...]] = {
    "sign-in": ("签到表", "签到", "签到册", "签到记录", "sign-in"),
    "photo": ("照片", "图片", "影像资料", "照片资料", "photo", "photos"),
}
#: Columns that hold a remark: the activity's ``notes``.
NOTES_HEADERS = ("notes", "备注", "说明", "备注说明")
#: Columns a ledger commonly keeps that no target reads; they are kept as extra values.
EXTRA_HEADERS = (
    "负责人",
    "联系电话",
    "电话",
    "经费",
    "经费(元)",
    "活动经费",
    "资金",
    "记录人",
    "录入人",
    "效果评价",
    "活动效果",
)

_SPACE = re.compile(r"\s+")
#: A section row inside the table (一、健康知识讲座): it names the kind of the rows under it.
_SECTION = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*(?P<name>\S.*)$")
_UNIT = re.compile(r"[(（][^)）]*[)）]$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TOTAL = re.compile(r"^(?:合计|总计|小计|共计|累计|total)", re.IGNORECASE)
_NOTE_LINE = re.compile(r"^(?:注|说明|填表说明|备注)\s*[:：]|^注\s*\d|^\d\s*[.、]\s*本表")
_SIGN_OFF = re.compile(
    r"(?:签字|签名|签章|盖章|审核人|审批人|填表人|制表人|填报人|统计人|负责人\s*[:：]|"
    r"审核\s*[:：]|填表日期|报送日期|填报日期)"
)
_FILLED_BY = re.compile(
    r"(?:填报单位|填报人|填表人|填报日期|填表日期|单位名称|单位\s*[:：]|社区\s*[:：])"
)


def header_key(text: str) -> str:
    """A header cell as it is looked up: spaces and line breaks out, a unit in brackets
    (``经费(元)``, ``签到表(有/无)``) dropped, lower-cased."""
    name = _SPACE.sub("", text.lstrip("\ufeff"))
    bare = _UNIT.sub("", name)
    return (bare or name).lower()


def sheet_year(texts: Sequence[str]) -> int | None:
    """The year a sheet's title or name gives (``龙苑社区2023年健康教育活动台账``), if one."""
    for text in texts:
        m = _YEAR.search(text)
        if m is not None:
            return int(m.group(1))
    return None


@attrs.frozen(kw_only=True)
class Laid:
    """A sheet's rows, each given its part.

    Attributes:
        header: The name of each column (a category row merged over it combined in), or
            ``None`` when the sheet holds no ledger table.
        header_rows: The row numbers (from 1) the header stands on.
        rows: The activity rows: their number and their cells, a cell merged down over
            several rows given to each of them.
        notes: The other non-blank rows: their number and what they are (``title``,
            ``filled-by``, ``category-header``, ``total``, ``sign-off``, ``instructions``,
            ``numbered-empty``, ``merged-continuation``).
        blank_rows: The blank rows after the header.
        ends: For an activity whose date cell is merged with the row under it holding its
            last day (a two-day activity), that last day's text, by the activity's row.
        title: The text of the rows above the header.
        overlong: Rows with text past the header's last cell: their number, their cells
            and the header's (a CSV row with a comma too many).
        errors: Whether the sheet holds cells with spreadsheet errors (``#REF!``).
        sections: For an activity under a section row (一、健康知识讲座), the section's
            name, by the activity's row: the kind of a row that names none.
        undated: When no header names a date, the row that looks most like a header
            otherwise (its known names), from 1.
    """

    header: list[str] | None
    header_rows: tuple[int, ...] = ()
    rows: list[tuple[int, list[str]]] = attrs.field(factory=list)
    notes: list[tuple[int, str]] = attrs.field(factory=list)
    blank_rows: list[int] = attrs.field(factory=list)
    ends: dict[int, str] = attrs.field(factory=dict)
    title: tuple[str, ...] = ()
    overlong: list[tuple[int, int, int]] = attrs.field(factory=list)
    undated: int | None = None
    sections: dict[int, str] = attrs.field(factory=dict)
    errors: bool = False


def _blank(cells: Sequence[str]) -> bool:
    return not any(c and not c.isspace() for c in cells)


def _known_names(names: Mapping[str, tuple[str, ...]]) -> tuple[dict[str, str], set[str]]:
    fields = {header_key(k): v for k, v in lookup(names).items()}
    others = {
        header_key(n)
        for n in (
            *NOTES_HEADERS,
            *EXTRA_HEADERS,
            *(n for ns in EVIDENCE_HEADERS.values() for n in ns),
        )
    }
    return fields, others


def _score(cells: Sequence[str], fields: Mapping[str, str], others: set[str]) -> tuple[int, bool]:
    """How many cells of a row are known column names, and whether one names the date."""
    known = 0
    dated = False
    for c in cells:
        key = header_key(c)
        if not key:
            continue
        if key in fields:
            known += 1
            dated |= fields[key] == "date"
        elif key in others:
            known += 1
    return known, dated


def _fill(
    rows: list[list[str]], merged: Sequence[tuple[int, int, int, int]], width: int
) -> tuple[list[list[str]], dict[int, set[int]]]:
    """The rows with each merged range's value in every cell it covers, and for each row
    (from 0) the columns it got from a range that starts on a row above it."""
    filled = list(rows)  # a row is copied only when a merged range writes into it
    copied: set[int] = set()
    covered: dict[int, set[int]] = {}
    for r0, c0, r1, c1 in merged:
        if r0 >= len(filled) or c0 >= width or c0 >= len(filled[r0]):
            continue
        value = filled[r0][c0]
        # A category merged across columns names the first only: the rows under it get it.
        for r in range(r0 + 1, min(r1, len(filled) - 1) + 1):
            if r not in copied:
                filled[r] = list(filled[r]) + [""] * (width - len(filled[r]))
                copied.add(r)
            for c in range(c0, min(c1, width - 1) + 1):
                if not filled[r][c].strip():
                    filled[r][c] = value
                    covered.setdefault(r, set()).add(c)
    return filled, covered


def _find_header(
    rows: Sequence[Sequence[str]], fields: Mapping[str, str], others: set[str]
) -> tuple[int | None, int | None]:
    """Of the first non-blank rows, the one with the most known names that names a date
    (the first of equals); else the first that looks like a header without a date."""
    best: tuple[int, int] | None = None
    undated: int | None = None
    looked = 0
    for i, cells in enumerate(rows):
        if _blank(cells):
            continue
        looked += 1
        if looked > HEADER_SEARCH_ROWS:
            break
        known, dated = _score(cells, fields, others)
        named = sum(1 for c in cells if c.strip())
        if dated and (known >= 2 or 2 * known >= named) and (best is None or known > best[1]):
            best = (i, known)
        elif (known >= 2 or 2 * known > named) and undated is None:
            undated = i + 1
    return (None if best is None else best[0]), undated


def _category_rows(
    rows: Sequence[Sequence[str]],
    filled: Sequence[Sequence[str]],
    h: int,
    *,
    merged: Sequence[tuple[int, int, int, int]],
    known: tuple[Mapping[str, str], set[str]],
    header: list[str],
) -> tuple[list[str], list[int]]:
    """The header with a category row merged over its names (活动情况 / 参加情况) combined
    in, above or below the row ``h`` of field names, and the header's rows."""
    width = len(header)
    header_rows = [h]
    above = h - 1
    if above >= 0 and not _blank(rows[above]):
        spans = any(r0 == above and (c1 > c0 or r1 >= h) for r0, c0, r1, c1 in merged)
        known_above, _ = _score(rows[above], *known)
        # A title merged across the table is one cell; a category row names several.
        several = sum(1 for c in rows[above] if c.strip()) >= 2
        if (spans and several and known_above <= 1) or any(
            r0 == above and r1 >= h for r0, _c0, r1, _c1 in merged
        ):
            header = [header[k] if header[k].strip() else filled[above][k] for k in range(width)]
            header_rows.insert(0, above)
    below = h + 1
    if below < len(rows) and not _blank(rows[below]):
        known_below, dated_below = _score(rows[below], *known)
        merged_down = any(r0 == h and r1 >= below for r0, _c0, r1, _c1 in merged)
        across = any(r0 == h and c1 > c0 for r0, c0, _r1, c1 in merged)
        if known_below >= 1 and not dated_below and (merged_down or across):
            under = rows[below]
            header = [
                under[k] if k < len(under) and under[k].strip() else header[k] for k in range(width)
            ]
            header_rows.append(below)
    return header, header_rows


def _what(
    own: Sequence[str], mine: Sequence[int], date_column: int | None, id_columns: set[int]
) -> str | None:
    """What a non-blank row under the header is, when it is not an activity."""
    texts = [own[k].strip() for k in mine]
    first = _SPACE.sub("", texts[0])
    if _SIGN_OFF.search(" ".join(texts)) and not _dated(own, date_column):
        return "sign-off"
    if _TOTAL.match(first) or any(_TOTAL.match(_SPACE.sub("", t)) for t in texts[:2]):
        return "total"
    if _NOTE_LINE.match(first):
        return "instructions"
    if all(k in id_columns for k in mine):
        return "numbered-empty"
    return None


def _lay_body(
    laid: Laid,
    rows: list[list[str]],
    *,
    filled: list[list[str]],
    covered: Mapping[int, set[int]],
    h: int,
    date_column: int | None,
    id_columns: set[int],
    skip_columns: frozenset[int],
    notes: list[tuple[int, str]],
) -> None:
    """Give each row under the header its part: an activity, or a noted or blank row."""
    ended = False  # past a sign-off line, every row is part of it
    section: str | None = None
    header_width = len(rows[h])
    d = -1 if date_column is None else date_column
    for i in range(laid.header_rows[-1], len(rows)):
        own, line = rows[i], i + 1
        if (
            not ended
            and 0 <= d < len(own)
            and own[d]
            and i not in covered
            and (len(own) <= header_width or not any(c.strip() for c in own[header_width:]))
            and _dated(own, d)
        ):
            # The common row: its own date, nothing past the header. An activity.
            laid.rows.append((line, own if not skip_columns else _shown(own, skip_columns)))
            if section is not None:
                laid.sections[line] = section
            continue
        got = covered.get(i, set())
        mine = [k for k, c in enumerate(own) if c.strip() and k not in skip_columns]
        if not mine:
            if got and laid.rows and any(k not in id_columns for k in got):
                notes.append((line, "merged-continuation"))
            elif _blank(own):
                laid.blank_rows.append(line)
            else:
                notes.append((line, "instructions"))  # text only in hidden columns
            continue
        if len(own) > header_width and any(c.strip() for c in own[header_width:]):
            laid.overlong.append((line, len(own), header_width))
            continue
        what = "sign-off" if ended else _what(own, mine, date_column, id_columns)
        heading = _SECTION.match(_SPACE.sub("", own[mine[0]])) if len(mine) <= 2 else None
        if what in (None, "numbered-empty") and heading is not None:
            section = heading.group("name")
            what = "section"
        if what is not None:
            ended |= what == "sign-off"
            notes.append((line, what))
            continue
        if got and laid.rows and date_column in mine and set(mine) <= {date_column, *id_columns}:
            # A row whose every other cell is merged with the row above, holding a date of
            # its own: the last day of the activity above.
            laid.ends[laid.rows[-1][0]] = own[date_column]
            notes.append((line, "merged-continuation"))
            continue
        laid.rows.append((line, filled[i] if not skip_columns else _shown(filled[i], skip_columns)))
        if section is not None:
            laid.sections[line] = section


def lay_out(
    rows: list[list[str]],
    names: Mapping[str, tuple[str, ...]],
    *,
    merged: Sequence[tuple[int, int, int, int]] = (),
    skip_columns: frozenset[int] = frozenset(),
    errors: bool = False,
) -> Laid:
    """Find the table in a sheet's rows (from A1) and give each row its part; ``errors``
    says whether some of its cells hold spreadsheet errors."""
    fields, others = _known_names(names)
    width = max(map(len, rows), default=0)
    filled, covered = _fill(rows, merged, width)
    h, undated = _find_header(rows, fields, others)
    if h is None:
        return Laid(header=None, title=tuple(" ".join(r) for r in rows[:3]), undated=undated)
    padded = list(filled[h]) + [""] * (width - len(filled[h]))
    header = [c if k not in skip_columns else "" for k, c in enumerate(padded)]
    header, header_rows = _category_rows(
        rows, filled, h, merged=merged, known=(fields, others), header=header
    )
    header = [c if k not in skip_columns else "" for k, c in enumerate(header)]
    title = tuple(" ".join(c.strip() for c in rows[i] if c.strip()) for i in range(header_rows[0]))
    notes = [
        (i + 1, "filled-by" if _FILLED_BY.search(title[i]) else "title")
        for i in range(header_rows[0])
        if not _blank(rows[i])
    ]
    notes += [(r + 1, "category-header") for r in header_rows if r != h]
    lookup_field = {k: fields.get(header_key(c)) for k, c in enumerate(header)}
    id_columns = {k for k, f in lookup_field.items() if f == "id"}
    date_column = next((k for k, f in lookup_field.items() if f == "date"), None)
    laid = Laid(
        header=header,
        header_rows=tuple(r + 1 for r in header_rows),
        title=title,
        errors=errors,
    )
    _lay_body(
        laid,
        rows,
        filled=filled,
        covered=covered,
        h=h,
        date_column=date_column,
        id_columns=id_columns,
        skip_columns=skip_columns,
        notes=notes,
    )
    laid.notes.extend(sorted(notes))
    return laid


def _shown(cells: Sequence[str], hidden: frozenset[int]) -> list[str]:
    """A row's cells with those of hidden columns blanked."""
    return [c if k not in hidden else "" for k, c in enumerate(cells)]


def _dated(cells: Sequence[str], column: int | None) -> bool:
    if column is None or column >= len(cells) or not cells[column].strip():
        return False
    return read_date(cells[column], 2000) is not None
