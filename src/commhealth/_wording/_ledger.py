"""How a ledger was read, and what in it could not be, in the words of the ledger's keeper.

The loaders record what they passed over (a title row, a 合计 row, a sheet of
instructions) as codes and figures; the sentences are made here, in Chinese or English.
A problem found in a ledger is worded in English where it is found; :func:`problem_zh`
gives its Chinese, naming values as the ledger writes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

__all__ = ["error_zh", "ledger_notes", "missing_input_note", "problem_zh", "where_zh"]

_WHAT = {
    "en": {
        "title": "title",
        "filled-by": "filled-by line",
        "category-header": "category header",
        "total": "total",
        "sign-off": "sign-off",
        "instructions": "instructions",
        "numbered-empty": "numbered but empty",
        "merged-continuation": "merged with the row above",
        "section": "section heading, the kind of the rows under it",
    },
    "zh": {
        "title": "标题",
        "filled-by": "填报信息",
        "category-header": "分类表头",
        "total": "合计",
        "sign-off": "签字栏",
        "instructions": "说明",
        "numbered-empty": "只有序号的空行",
        "merged-continuation": "与上一行合并",
        "section": "分类标题（其下各行的活动类型）",
    },
}
_WHY = {
    "en": {
        "no-header": "no ledger table in it",
        "not-chosen": "not the sheet asked for",
        "empty": "empty",
    },
    "zh": {"no-header": "不是台账表格", "not-chosen": "未选择该工作表", "empty": "空白"},
}


class _Summary(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def ledger(self) -> bool: ...
    @property
    def header_rows(self) -> tuple[int, ...]: ...
    @property
    def noted(self) -> tuple[tuple[int, str], ...]: ...
    @property
    def blank_rows(self) -> tuple[int, ...]: ...
    @property
    def year(self) -> int | None: ...
    @property
    def why(self) -> str | None: ...


class _Ledger(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def encoding(self) -> str | None: ...
    @property
    def header_row(self) -> int | None: ...
    @property
    def blank_rows(self) -> tuple[int, ...]: ...
    @property
    def sheets(self) -> Sequence[_Summary]: ...
    @property
    def found(self) -> Sequence[tuple[str, Mapping[str, Any]]]: ...


def _rows(rows: Sequence[int], lang: str) -> str:
    shown = ", ".join(str(r) for r in rows[:10])
    more = ", …" if len(rows) > 10 else ""
    if lang == "zh":
        return f"第{shown}{more}行"
    return f"{'row' if len(rows) == 1 else 'rows'} {shown}{more}"


def _at_sheets(names: Sequence[str], lang: str) -> str:
    """Where a note stands: one sheet, or several that share it."""
    if lang == "zh":
        return f"工作表{'、'.join(names)}" if len(names) > 1 else f"工作表“{names[0]}”"
    return f"sheets {', '.join(names)}: " if len(names) > 1 else f"sheet {names[0]!r}, "


def _sheet_notes(sheets: Sequence[_Summary], source: str, lang: str) -> list[str]:
    notes: list[str] = []
    many = len(sheets) > 1
    read = [s for s in sheets if s.ledger]
    if many:
        names = "、".join(s.name for s in read) if lang == "zh" else ", ".join(s.name for s in read)
        notes.append(
            f"{source}：读取了{len(read)}个工作表（{names}）"
            if lang == "zh"
            else f"{source}: read {len(read)} sheets ({names})"
        )
    grouped: dict[tuple[str, tuple[int, ...] | int], list[str]] = {}
    for s in sheets:
        if not s.ledger:
            why = _WHY[lang].get(s.why or "", s.why or "")
            notes.append(
                f"{source}：跳过工作表“{s.name}”（{why}）"
                if lang == "zh"
                else f"{source}: sheet {s.name!r} skipped ({why})"
            )
            continue
        by_what: dict[str, list[int]] = {}
        for line, what in s.noted:
            if line > s.header_rows[-1]:  # the rows above the header are noted as a whole
                by_what.setdefault(what, []).append(line)
        for what, lines in by_what.items():
            grouped.setdefault((what, tuple(lines)), []).append(s.name)
        if s.year is not None:
            grouped.setdefault(("year", s.year), []).append(s.name)
    for (what, lines_or_year), sheet_names in grouped.items():
        at = _at_sheets(sheet_names, lang) if many or any(sheet_names) else ""
        if what == "year":
            notes.append(
                f"{source}：{at}未写年份的日期按{lines_or_year}年读取"
                if lang == "zh"
                else f"{source}: {at}dates written without a year read as {lines_or_year}"
            )
            continue
        assert isinstance(lines_or_year, tuple)
        label = _WHAT[lang].get(what, what)
        rows = _rows(lines_or_year, lang)
        notes.append(
            f"{source}：{at}{rows}是{label}，未作为活动读取"
            if lang == "zh"
            else f"{source}: {at}{rows} ({label}) not read as activities"
        )
    return notes


def _header_notes(sheets: Sequence[_Summary], source: str, lang: str) -> list[str]:
    """Where each sheet's header stands, when rows above it were passed over; sheets
    whose headers stand on the same rows are named together."""
    by_rows: dict[tuple[int, ...], list[str]] = {}
    for s in sheets:
        if s.ledger and s.header_rows and s.header_rows[0] != 1:
            by_rows.setdefault(s.header_rows, []).append(s.name)
    notes = []
    for rows, names in by_rows.items():
        on = "、".join(map(str, rows)) if lang == "zh" else " and ".join(map(str, rows))
        if len(sheets) == 1:
            notes.append(
                f"{source}：表头在第{on}行，上方各行未读取"
                if lang == "zh"
                else f"{source}: header found on row {on}; rows above it skipped"
            )
            continue
        listed = "、".join(names) if lang == "zh" else ", ".join(names)
        notes.append(
            f"{source}：工作表{listed}的表头在第{on}行，上方各行未读取"
            if lang == "zh"
            else f"{source}: sheets {listed}: header found on row {on}; rows above it skipped"
        )
    return notes


def _found_notes(
    found: Sequence[tuple[str, Mapping[str, Any]]], source: str, lang: str
) -> list[str]:
    notes: list[str] = []
    for code, facts in found:
        at = ""
        if "sheet" in facts:
            at = f"工作表“{facts['sheet']}”" if lang == "zh" else f"sheet {facts['sheet']!r}: "
        if code == "extra-columns":
            cols = facts["columns"]
            notes.append(
                f"{source}：{at}列{'、'.join(cols)}不对应任何字段，已作为附加信息保留"
                if lang == "zh"
                else f"{source}: {at}columns {', '.join(cols)} kept as extra values (no field reads them)"
            )
        elif code == "beside":
            notes.append(
                f"{source}：{at}列“{facts['column']}”与“{facts['chosen']}”含义相同，以“{facts['chosen']}”为准，前者作为附加信息保留"
                if lang == "zh"
                else f"{source}: {at}column {facts['column']!r} kept as an extra value beside {facts['chosen']!r}, which gives the {facts['field']}"
            )
    return notes


def ledger_notes(ledger: _Ledger, lang: str) -> list[str]:
    """The notes of a ledger as read, in ``lang``."""
    source = ledger.source
    notes: list[str] = []
    if ledger.encoding is not None and ledger.encoding != "UTF-8":
        notes.append(
            f"{source}：按{ledger.encoding}编码读取（不是UTF-8）"
            if lang == "zh"
            else f"{source}: read as {ledger.encoding} (not UTF-8)"
        )
    if not ledger.sheets:
        if ledger.header_row is not None and ledger.header_row != 1:
            notes.append(
                f"{source}：表头在第{ledger.header_row}行，上方各行未读取"
                if lang == "zh"
                else f"{source}: header found on row {ledger.header_row}; rows above it skipped"
            )
    else:
        notes += _header_notes(ledger.sheets, source, lang)
        notes += _sheet_notes(ledger.sheets, source, lang)
    if ledger.blank_rows:
        n = len(ledger.blank_rows)
        notes.append(
            f"{source}：跳过{n}个空行（{_rows(ledger.blank_rows, lang)}）"
            if lang == "zh"
            else f"{source}: {n} blank {'row' if n == 1 else 'rows'} skipped ({_rows(ledger.blank_rows, lang)})"
        )
    notes += _found_notes(ledger.found, source, lang)
    return notes


_WHERE = re.compile(r"^(?:sheet '(?P<sheet>[^']*)', )?(?:row (?P<row>\d+))?(?:, (?P<col>.*))?$")


def where_zh(path: str) -> str:
    """A problem's place in Chinese: ``sheet '3月', row 7, 日期`` is 工作表“3月”第7行“日期”列."""
    m = _WHERE.match(path)
    if m is None or not (m.group("row") or m.group("sheet")):
        return {"file": "文件"}.get(path, path)
    parts = []
    if m.group("sheet") is not None:
        parts.append(f"工作表“{m.group('sheet')}”")
    if m.group("row"):
        parts.append(f"第{m.group('row')}行")
    if m.group("col"):
        col = m.group("col")
        parts.append(f"第{col[7:]}列" if col.startswith("column ") else f"“{col}”列")
    return "".join(parts)


_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"^not a date: (?P<v>'.*'); write .*$"),
        lambda m: f"不是日期：{m['v']}；请写成 2022-06-30、2022/6/30 或 2022年6月30日",
    ),
    (
        re.compile(r"^(?P<v>'.*') is a range of days; .*$"),
        lambda m: f"{m['v']} 是一段日期；请在此写第一天，在“结束日期”列写最后一天",
    ),
    (
        re.compile(r"^'participants' must be a whole number \(got (?P<v>'.*')\)$"),
        lambda m: f"参加人数应为整数（实际为 {m['v']}）",
    ),
    (
        re.compile(r"^'hours' must be a finite number \(got (?P<v>'.*')\)$"),
        lambda m: f"时长应为数字（实际为 {m['v']}）",
    ),
    (
        re.compile(r"^id (?P<v>'.*') is also used at row (?P<r>\d+)$"),
        lambda m: f"编号 {m['v']} 已在第{m['r']}行使用",
    ),
    (
        re.compile(
            r"^'end' must not be before 'date' \(got date (?P<d>[\d-]+), end (?P<e>[\d-]+)\).*$"
        ),
        lambda m: f"结束日期不能早于开始日期（开始 {m['d']}，结束 {m['e']}）",
    ),
    (
        re.compile(r"^not a status: (?P<v>'.*?'); write [^;]*(?:; did you mean (?P<c>.*)\?)?$"),
        lambda m: (
            f"不是状态：{m['v']}；请写 已完成、计划 或 取消"
            + (f"；是否想写 {m['c'].replace(' or ', ' 或 ')}？" if m["c"] else "")
        ),
    ),
    (
        re.compile(r"^'status' must be one of .*\(got (?P<v>'.*')\)$"),
        lambda m: f"状态应为 已完成、计划 或 取消（实际为 {m['v']}）",
    ),
    (
        re.compile(r"^cell (?P<c>\w+) holds a formula with no saved value.*$"),
        lambda m: (
            f"单元格 {m['c']} 是公式但没有保存计算结果；请用表格软件打开并保存，或直接填入数值"
        ),
    ),
    (
        re.compile(r"^cell (?P<c>\w+) holds the spreadsheet error (?P<e>\S+), not a value.*$"),
        lambda m: f"单元格 {m['c']} 是表格错误值 {m['e']}，不是数值；请修正公式或直接填入数值",
    ),
    (
        re.compile(r"^cell (?P<c>\w+) holds (?P<v>'.*') under a column with no header.*$"),
        lambda m: f"单元格 {m['c']} 有内容 {m['v']}，但所在列没有表头；请加上表头或清空该单元格",
    ),
    (
        re.compile(
            r"^columns (?P<a>'.*?') \(column (?P<ca>\w+)\) and (?P<b>'.*?') \(column (?P<cb>\w+)\) both give the activity's (?P<f>\w+).*$"
        ),
        lambda m: (
            f"{m['a']}（{m['ca']}列）和 {m['b']}（{m['cb']}列）两列含义相同（{m['f']}）；请改名或删除其中一列"
        ),
    ),
    (
        re.compile(r"^not read: the header above cannot be read$"),
        lambda m: "未读取：上方表头无法识别",
    ),
    (
        re.compile(r"^no sheet named (?P<v>'.*'); the sheets are (?P<all>.*)$"),
        lambda m: f"没有名为 {m['v']} 的工作表；现有工作表：{m['all']}",
    ),
    (
        re.compile(r"^no date column.*$"),
        lambda m: "没有日期列（日期 或 date）",
    ),
    (
        re.compile(r"^no ledger table found.*$"),
        lambda m: (
            "没有找到台账表格：各工作表前15行中没有一行同时写有日期（日期、活动日期）和其他字段（活动名称、活动类型、参加人数等）"
        ),
    ),
    (
        re.compile(r"^cannot read the spreadsheet: (?P<why>.*)$"),
        lambda m: f"无法读取表格文件：{m['why']}",
    ),
    (
        re.compile(r"^reading spreadsheets needs the excel extra: (?P<how>.*)$"),
        lambda m: f"读取表格文件需要安装 excel 扩展：{m['how']}",
    ),
    (
        re.compile(r"^cannot read the file: (?P<why>.*)$"),
        lambda m: f"无法读取文件：{m['why']}",
    ),
    (
        re.compile(r"^(?P<p>'.*') is a folder, not a file; .*$"),
        lambda m: f"{m['p']} 是文件夹，不是文件；请写出其中的台账文件",
    ),
    (
        re.compile(r"^unknown file type (?P<s>'.*?'); expected one of (?P<all>.*)$"),
        lambda m: f"不认识的文件类型 {m['s']}；应为 {m['all']}",
    ),
    (
        re.compile(r"^the ledger is empty.*$"),
        lambda m: "台账是空的：应有一行表头",
    ),
    (
        re.compile(r"^(?P<n>\d+) cells for (?P<w>\d+) columns$"),
        lambda m: f"这一行有{m['n']}个单元格，但表头只有{m['w']}列",
    ),
]


def problem_zh(message: str) -> str:
    """A ledger problem's message in Chinese, or the message as it is when it has none."""
    for pattern, say in _RULES:
        m = pattern.match(message)
        if m is not None:
            return say(m)
    return message


def error_zh(source: str | None, problems: Sequence[Any]) -> str:
    """A ledger error's text in Chinese: each problem's place and words."""
    head = f"{source}：" if source else ""
    lines = [f"{head}{len(problems)}个问题："]
    lines.extend(f"  - {where_zh(p.path)}：{problem_zh(p.message)}" for p in problems)
    return "\n".join(lines)


def missing_input_note(what: str, lang: str) -> str:
    """The note for a check given no ledger (``activities``) or no figures (``figures``)."""
    if what == "activities":
        return (
            "未提供台账（--activities 文件）：按活动计算的要求都按0次计"
            if lang == "zh"
            else "no ledger given (--activities FILE): every target that counts activities counts none"
        )
    return (
        "未提供测量数据（--observations 文件）：按数据计算的目标都没有数据"
        if lang == "zh"
        else "no figures given (--observations FILE): every target on a measured figure has none"
    )
