"""Workbooks shaped the way health workers keep them: several sheets, title and filled-by
lines, a category row merged over the header, totals, sign-off lines, cells merged down,
extra columns. Rows in = rows loaded + rows reported + rows noted + blank rows."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth.cli import main
from commhealth.loading import read_activities

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")

EXTRA = ["备注", "负责人", "联系电话", "经费(元)", "签到表", "照片(张)"]
AUDIENCES = ["老年人", "孕产妇", "0-6岁儿童", "慢病患者", "青少年", "辖区居民"]

# One activity row: a day of the month, how the date and head count are typed, whether a
# cell is unreadable, and whether the row is merged down over the next one (its location).
ROW = st.fixed_dictionaries(
    {
        "day": st.integers(1, 28),
        "date_form": st.sampled_from(["iso", "dots", "chinese", "no-year", "datetime"]),
        "count_form": st.sampled_from(["plain", "about", "unit", "blank"]),
        "bad": st.booleans() | st.just(False),
        "audiences": st.lists(st.sampled_from(AUDIENCES), min_size=0, max_size=2, unique=True),
    }
)
SHEET = st.fixed_dictionaries(
    {
        "title": st.booleans(),
        "filled_by": st.booleans(),
        "category": st.booleans(),
        "extras": st.lists(st.sampled_from(EXTRA), max_size=3, unique=True),
        "rows": st.lists(ROW, max_size=6),
        "numbered_ahead": st.integers(0, 2),
        "total": st.booleans(),
        "sign_off": st.booleans(),
        "merge_location": st.booleans(),
    }
)


def _date(month: int, row: dict[str, Any]) -> Any:
    day = dt.date(2023, month, row["day"])
    if row["bad"]:
        return f"2023.{month}.{row['day'] + 40}"
    return {
        "iso": day.isoformat(),
        "dots": f"2023.{month}.{row['day']}",
        "chinese": f"{month}月{row['day']}日下午",
        "no-year": f"{month}月{row['day']}日",
        "datetime": dt.datetime(2023, month, row["day"], 9, 30),
    }[row["date_form"]]


def _count(n: int, form: str) -> Any:
    return {"plain": n, "about": f"约{n}人", "unit": f"{n}人", "blank": None}[form]


def _write(path: Path, sheets: list[dict[str, Any]]) -> tuple[int, int, int]:
    """Write the workbook; the activity rows (good, bad) and the rows that are neither."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    counts = [_sheet(book.create_sheet(f"{m}月"), m, spec) for m, spec in enumerate(sheets, 1)]
    book.save(path)
    return sum(c[0] for c in counts), sum(c[1] for c in counts), sum(c[2] for c in counts)


def _sheet(ws: Any, month: int, spec: dict[str, Any]) -> tuple[int, int, int]:
    good = bad = other = 0
    fields = [
        "序号",
        "活动日期",
        "活动名称",
        "参加对象",
        "参加人数",
        "活动地点",
        *spec["extras"],
    ]
    width = len(fields)
    r = 1
    if spec["title"]:
        ws.cell(r, 1, "幸福社区2023年健康教育活动台账")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r, other = r + 1, other + 1
    if spec["filled_by"]:
        ws.cell(r, 1, "填报单位：幸福社区卫生服务站")
        ws.cell(r, 4, "填报人：王丽")
        r, other = r + 1, other + 1
    if spec["category"]:
        ws.cell(r, 1, "序号")
        ws.cell(r, 2, "活动情况")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
        ws.cell(r, 4, "参加情况")
        ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=5)
        ws.merge_cells(start_row=r, start_column=1, end_row=r + 1, end_column=1)
        r, other = r + 1, other + 1
    for c, name in enumerate(fields, start=1):
        if not (spec["category"] and c == 1):
            ws.cell(r, c, name)
    r += 1
    for i, row in enumerate(spec["rows"], start=1):
        values = [i, _date(month, row), f"健康讲座{i}", "、".join(row["audiences"]) or None]
        values += [_count(20 + i, row["count_form"]), "社区活动室"]
        values += [f"{name}{i}" for name in spec["extras"]]
        for c, v in enumerate(values, start=1):
            if v is not None:
                ws.cell(r, c, v)
        if row["bad"]:
            bad += 1
        else:
            good += 1
        r += 1
    if spec["merge_location"] and len(spec["rows"]) >= 2:
        # Two activities at one place: the place merged down over both rows.
        first = r - len(spec["rows"])
        ws.cell(first + 1, 6).value = None
        ws.merge_cells(start_row=first, start_column=6, end_row=first + 1, end_column=6)
    for j in range(spec["numbered_ahead"]):
        ws.cell(r, 1, len(spec["rows"]) + j + 1)
        r, other = r + 1, other + 1
    if spec["total"]:
        ws.cell(r, 1, "合计")
        ws.cell(r, 5, sum(20 + i for i in range(1, len(spec["rows"]) + 1)))
        r, other = r + 1, other + 1
    if spec["sign_off"]:
        ws.cell(r, 1, "负责人签字：")
        ws.cell(r, 4, "审核人：")
        r, other = r + 1, other + 1
    return good, bad, other


@given(sheets=st.lists(SHEET, min_size=1, max_size=4))
def test_rows_in_are_rows_loaded_reported_or_noted(sheets: list[dict[str, Any]]) -> None:
    """Every activity row of every sheet is loaded or reported by sheet and row; every
    other non-blank row is noted, never loaded."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "台账.xlsx"
        good, bad, other = _write(path, sheets)
        ledger = read_activities(path, partial=True, year=2023)
    assert good == len(ledger.records)
    reported = {re.match(r"^(sheet '[^']*', )?row \d+", p.path).group(0) for p in ledger.problems}  # type: ignore[union-attr]
    assert bad == len(reported)
    noted = sum(len(s.noted) for s in ledger.sheets)
    header_rows = sum(len(s.header_rows) for s in ledger.sheets if s.ledger)
    category_in_header = sum(1 for s in sheets if s["category"])
    # The category row is both a header row and noted as one.
    assert other + len(sheets) + category_in_header == noted + header_rows
    assert all(a.location == "社区活动室" for a in ledger.records)
    assert {"2023"} == {a.date.strftime("%Y") for a in ledger.records} or not ledger.records


def _twelve_months(folder: Path) -> tuple[Path, Path]:
    """A workbook of twelve month sheets with a 备注 column and Chinese audiences, and its
    clean twin written as docs/format.md says."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    twin = ["date,title,kind,audience,participants,notes,status"]
    for month in range(1, 13):
        ws = book.create_sheet(f"{month}月")
        ws.append([f"龙苑社区2023年{month}月健康教育活动台账"])
        ws.merge_cells("A1:H1")
        ws.append(["序号", "日期", "活动名称", "活动类型", "参加对象", "参加人数", "状态", "备注"])
        rows = [
            (
                1,
                f"{month}月8日",
                "老年人健康讲座",
                "健康讲座",
                "老年人",
                f"约{30 + month}人",
                "已开展",
                "签到表已存档",
            ),
            (
                2,
                f"2023.{month}.20",
                "慢病随访宣传",
                "健康咨询",
                "慢病患者、老年人",
                f"{40 + month}人",
                "已完成",
                None,
            ),
        ]
        if month in (6, 11):
            rows = rows[:1]  # a thin month
        for row in rows:
            ws.append(list(row))
            day = dt.date(2023, month, 8 if row[0] == 1 else 20)
            count = 30 + month if row[0] == 1 else 40 + month
            audience = "老年人" if row[0] == 1 else "慢病患者|老年人"
            twin.append(f"{day},{row[2]},{row[3]},{audience},{count},{row[7] or ''},done")
        ws.append(["合计", None, None, None, None, None])
        ws.append(["负责人签字：", None, "审核人："])
    book.save(folder / "台账.xlsx")
    (folder / "twin.csv").write_text("\n".join(twin) + "\n", encoding="utf-8")
    plan = """schema = 1
id = "longyuan-2023"
title = "龙苑社区2023年健康教育计划"
language = "zh"
organisation = { id = "longyuan", name = "龙苑社区", level = "community" }
span = { start = 2023-01-01, end = 2024-01-01 }

[[requirements]]
type = "quota"
id = "elderly-monthly"
title = "每月为老年人开展健康教育活动不少于2次"
select = { audience = ["elderly"] }
per = "month"
bound = { min = 2 }

[[requirements]]
type = "quota"
id = "lectures"
title = "全年健康讲座不少于12次"
select = { kind = ["health-lecture"] }
bound = { min = 12 }
"""
    (folder / "plan.toml").write_text(plan, encoding="utf-8")
    return folder / "台账.xlsx", folder / "twin.csv"


def _check(*args: str) -> tuple[int, dict[str, Any], str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", *args, "--format", "json", "--lang", "zh"], out=out, err=err)
    return code, json.loads(out.getvalue()), err.getvalue()


def _comparable(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            f["requirement"],
            f["status"],
            json.dumps(f["window"]),
            f["expected"],
            f["actual"],
            f["message"],
        )
        for f in report["findings"]
    ]


def test_month_sheets_check_like_their_clean_twin(tmp_path: Path) -> None:
    """commhealth check on twelve month sheets with 备注 and Chinese audiences gives the
    report its clean twin gives, and says how it read the workbook in Chinese."""
    workbook, twin = _twelve_months(tmp_path)
    plan = str(tmp_path / "plan.toml")
    code, report, err = _check(plan, "--activities", str(workbook))
    twin_code, twin_report, _ = _check(plan, "--activities", str(twin))
    assert (twin_code, _comparable(twin_report)) == (code, _comparable(report))
    assert 1 == code  # June and November hold one activity for the elderly
    missed = {f["window"]["start"] for f in report["findings"] if f["status"] == "missed"}
    assert {"2023-06-01", "2023-11-01"} == missed
    notes = [line for line in err.splitlines() if line.startswith("commhealth: note:")]
    assert notes
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in line[17:]) for line in notes)
    assert any("读取了12个工作表" in line for line in notes)
    assert any("合计" in line for line in notes)
