"""Write the ledger corpus: real-shaped 台账 workbooks, their twins and expectations.

Run from anywhere with a Python that has openpyxl, xlwt and odfpy:

    python tests/data/ledgers/build.py

The tests never run this script; the files it writes are committed.  Each ledger is
described first as what a careful reader finds in it (an ``Act`` per activity: the
date, the title, the head count as a number ...), then written out the way a health
worker types it (``2023.3.24``, ``约60人``, merged cells, a title row ...).  Every cell
that is typed in an odd way carries its reading beside it, by hand, in this file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
D = dt.date
TWIN_HEADER = [
    "sheet",
    "row",
    "date",
    "end",
    "title",
    "kind",
    "topics",
    "audience",
    "participants",
    "people",
    "hours",
    "organiser",
    "location",
    "observance",
    "status",
    "notes",
    "tags",
    "extras",
]


# ---------------------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------------------


@dataclass
class Formula:
    expr: str  # Excel syntax without "=", A1 references on the same or another sheet
    cached: float
    ods: str = ""  # OpenFormula text for .ods


@dataclass
class Err:
    code: str  # "#REF!"


@dataclass
class TextNum:
    """A number stored in a text-formatted ('@') cell, as when dates are pasted as serials."""

    value: float


@dataclass
class Fmt:
    """A value with a number format (a date cell shown 2023年3月5日, say)."""

    value: object
    fmt: str


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u3000", " ")).strip()


def cell_text(v) -> str:
    """The text a person sees in a plain text or whole-number cell."""
    if v is None:
        return ""
    if isinstance(v, Fmt):
        v = v.value
    if isinstance(v, bool):
        raise TypeError(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v == int(v) else repr(v)
    if isinstance(v, str):
        return v
    raise TypeError(f"no plain text for {v!r}")


def serial(d: dt.date) -> int:
    return (d - D(1899, 12, 30)).days


# ---------------------------------------------------------------------------------------
# What a careful reader finds: one Act per activity
# ---------------------------------------------------------------------------------------


@dataclass
class Act:
    date: dt.date
    k: str  # lecture | consult | board | leaflet | day | training
    title: str
    topics: list = field(default_factory=list)
    audience: list = field(default_factory=list)
    n: int | None = None
    location: str = ""
    organiser: str = ""
    host: str = ""  # 主办单位 when a ledger also has 组织者
    observance: str = ""
    status: str = "done"
    word: str | None = None  # the status as written; None: the ledger's default word
    notes: str = ""
    people: list = field(default_factory=list)
    hours: str = ""
    end: dt.date | None = None
    tags: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # header -> raw cell for extra columns
    raw: dict = field(default_factory=dict)  # field -> raw cell, typed by the worker
    join: str | None = None  # how the list cells of this row are joined
    bad: tuple | None = None  # (field, why): a cell nobody can read, typed in a.raw[field]


LECTURES = [
    ("高血压防治知识讲座", ["高血压"], ["慢病患者", "老年人"]),
    ("糖尿病饮食与运动指导讲座", ["糖尿病", "合理膳食"], ["慢病患者"]),
    ("冬季呼吸道传染病防治讲座", ["呼吸道传染病"], ["辖区居民"]),
    ("孕期保健与母乳喂养讲座", ["孕产妇保健", "母乳喂养"], ["孕产妇"]),
    ("0-6岁儿童营养与喂养讲座", ["儿童保健"], ["0-6岁儿童家长"]),
    ("青少年近视防控讲座", ["近视防治"], ["青少年"]),
    ("老年人防跌倒知识讲座", ["伤害预防"], ["老年人"]),
    ("中医养生保健讲座", ["中医药健康"], ["老年人", "辖区居民"]),
    ("青少年心理健康讲座", ["心理卫生"], ["青少年"]),
    ("合理膳食与营养讲座", ["合理膳食"], ["辖区居民"]),
    ("夏秋季肠道传染病防治讲座", ["肠道传染病"], ["辖区居民"]),
    ("家庭急救与护理知识讲座", ["家庭急救"], ["辖区居民"]),
    ("脑卒中早期识别讲座", ["心脑血管疾病"], ["慢病患者", "老年人"]),
    ("控烟与戒烟知识讲座", ["控烟"], ["辖区居民"]),
]


def in_season(title: str, month: int) -> bool:
    if title.startswith("冬季"):
        return month in (1, 2, 11, 12)
    if title.startswith("夏秋季"):
        return month in (6, 7, 8, 9)
    return True


CONSULTS = [
    ("健康咨询义诊活动", ["慢性病防治"], ["辖区居民"]),
    ("免费测血压血糖义诊", ["高血压", "糖尿病"], ["老年人", "慢病患者"]),
    ("家庭医生签约服务咨询", ["家庭医生签约"], ["辖区居民"]),
    ("中医体质辨识咨询", ["中医药健康"], ["老年人"]),
]
BOARD_TOPICS = {
    1: "冬季保健",
    2: "节日食品卫生",
    3: "结核病防治",
    4: "爱国卫生运动",
    5: "控烟",
    6: "近视防治",
    7: "肠道传染病防治",
    8: "科学育儿",
    9: "口腔保健",
    10: "高血压防治",
    11: "糖尿病防治",
    12: "艾滋病防治",
}
DAYS_2023 = [
    (D(2023, 3, 24), "世界防治结核病日", "结核病防治", ["辖区居民"]),
    (D(2023, 4, 7), "世界卫生日", "人人享有健康", ["辖区居民"]),
    (D(2023, 4, 25), "全国儿童预防接种日", "预防接种", ["0-6岁儿童家长"]),
    (D(2023, 5, 15), "全国防治碘缺乏病日", "科学补碘", ["孕产妇", "辖区居民"]),
    (D(2023, 5, 31), "世界无烟日", "控烟", ["辖区居民"]),
    (D(2023, 6, 6), "全国爱眼日", "近视防治", ["青少年"]),
    (D(2023, 9, 20), "全国爱牙日", "口腔保健", ["0-6岁儿童", "老年人"]),
    (D(2023, 10, 8), "全国高血压日", "高血压", ["慢病患者", "老年人"]),
    (D(2023, 10, 10), "世界精神卫生日", "心理卫生", ["辖区居民"]),
    (D(2023, 11, 14), "联合国糖尿病日", "糖尿病", ["慢病患者"]),
    (D(2023, 12, 1), "世界艾滋病日", "艾滋病防治", ["青少年", "辖区居民"]),
]
TRAININGS = [
    ("社区健康教育志愿者培训", ["健康素养"], ["志愿者"]),
    ("家庭医生团队业务培训", ["基本公共卫生服务"], ["医务人员"]),
    ("心肺复苏急救技能培训", ["家庭急救"], ["网格员", "志愿者"]),
]
STAFF = ["王丽", "李建国", "张敏", "刘洋", "陈芳", "赵红梅", "周强", "吴静", "孙伟"]


def year_acts(
    seed: int,
    year: int,
    months,
    per_month=(2, 3),
    *,
    locations,
    organisers,
    days=True,
    boards=True,
    leaflets=True,
    trainings=True,
) -> list[Act]:
    """Plain activities for a ledger; the odd rows are added by hand by each ledger."""
    rng = random.Random(seed)
    acts: list[Act] = []
    board_no = 1
    for m in months:
        count = rng.randint(*per_month)
        used = set()
        for _ in range(count):
            day = rng.randint(3, 27)
            while day in used:
                day = rng.randint(3, 27)
            used.add(day)
            pick = rng.random()
            if pick < 0.55:
                t, tp, au = rng.choice([x for x in LECTURES if in_season(x[0], m)])
                acts.append(
                    Act(
                        D(year, m, day),
                        "lecture",
                        t,
                        list(tp),
                        list(au),
                        rng.randint(18, 65),
                        rng.choice(locations[:3]),
                        rng.choice(organisers),
                        people=[rng.choice(STAFF)],
                        hours=rng.choice(["1", "1.5", "2"]),
                    )
                )
            elif pick < 0.8 or not leaflets:
                t, tp, au = rng.choice(CONSULTS)
                acts.append(
                    Act(
                        D(year, m, day),
                        "consult",
                        t,
                        list(tp),
                        list(au),
                        rng.randint(40, 150),
                        rng.choice(locations),
                        rng.choice(organisers),
                        people=rng.sample(STAFF, 2),
                        hours="2",
                    )
                )
            else:
                acts.append(
                    Act(
                        D(year, m, day),
                        "leaflet",
                        "发放健康教育宣传资料",
                        [BOARD_TOPICS[m]],
                        ["辖区居民"],
                        rng.randint(50, 200),
                        rng.choice(locations),
                        rng.choice(organisers),
                        people=[rng.choice(STAFF)],
                        hours="1",
                    )
                )
        if boards and m % 2 == 1:
            acts.append(
                Act(
                    D(year, m, rng.randint(1, 8)),
                    "board",
                    f"更换健康教育宣传栏（第{board_no}期）",
                    [BOARD_TOPICS[m]],
                    ["辖区居民"],
                    None,
                    locations[-1],
                    organisers[0],
                    people=[rng.choice(STAFF)],
                )
            )
            board_no += 1
        if trainings and m in (3, 9):
            t, tp, au = TRAININGS[0 if m == 3 else 2]
            acts.append(
                Act(
                    D(year, m, 28),
                    "training",
                    t,
                    list(tp),
                    list(au),
                    rng.randint(12, 30),
                    locations[0],
                    organisers[-1],
                    people=[rng.choice(STAFF)],
                    hours="3",
                )
            )
    if days:
        for d, name, topic, au in DAYS_2023:
            if d.month in months:
                acts.append(
                    Act(
                        d.replace(year=year),
                        "day",
                        f"{name}主题宣传活动",
                        [topic],
                        list(au),
                        rng.randint(60, 200),
                        locations[-2],
                        organisers[-1],
                        observance=name,
                        people=rng.sample(STAFF, 2),
                        hours="3",
                    )
                )
    acts.sort(key=lambda a: a.date)
    for a in acts:  # every activity held has a sign-in sheet or photos, most both
        if a.k != "board":
            a.tags = ["sign-in", "photo"] if rng.random() < 0.8 else ["photo"]
        else:
            a.tags = ["photo"]
    return acts


def place(acts: list[Act], *extra: Act) -> list[Act]:
    out = list(acts) + list(extra)
    out.sort(key=lambda a: a.date)
    return out


# ---------------------------------------------------------------------------------------
# Writing a sheet: columns, rows and what each row is
# ---------------------------------------------------------------------------------------


@dataclass(eq=False)
class Col:
    header: str
    field: str  # seq date title kind topics audience participants people hours organiser
    #             host location observance status notes signin photo extra hidden
    style: str = ""
    cat: str = ""  # the merged category above it in a two-row header
    join: str = "、"


class SheetB:
    def __init__(
        self,
        name: str,
        cols: list[Col],
        *,
        kinds: dict | None = None,
        done_word: str = "已开展",
        year: int = 2023,
    ):
        self.name = name
        self.cols = cols
        self.kinds = kinds or {}
        self.done_word = done_word
        self.year = year
        self.grid: dict[tuple[int, int], object] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.hidden = [i + 1 for i, c in enumerate(cols) if c.field == "hidden"]
        self.header_rows: list[int] = []
        self.twin: list[dict] = []
        self.reported: list[dict] = []
        self.noted: list[dict] = []
        self.r = 0
        self.seq = 0
        self.section_kind = ""
        self.first_act = None
        self.last_act = None
        self.ledger = True
        self.why = ""
        self.col_widths = {}

    # -- layout rows -------------------------------------------------------------------
    def width(self):
        return len([c for c in self.cols if c.field != "hidden"]) or len(self.cols)

    def title(self, text: str, merge=True):
        self.r += 1
        self.grid[(self.r, 1)] = text
        if merge:
            self.merges.append((self.r, 1, self.r, self.width()))
        self.noted.append({"row": self.r, "what": "title"})

    def line(self, cells: dict[int, object], what: str):
        self.r += 1
        for c, v in cells.items():
            self.grid[(self.r, c)] = v
        self.noted.append({"row": self.r, "what": what})

    def blank(self):
        self.r += 1

    def header(self):
        cats = [c.cat for c in self.cols]
        if any(cats):
            top, sub = self.r + 1, self.r + 2
            i = 0
            while i < len(self.cols):
                c = self.cols[i]
                if not c.cat:
                    self.grid[(top, i + 1)] = c.header
                    self.merges.append((top, i + 1, sub, i + 1))
                    i += 1
                    continue
                j = i
                while j + 1 < len(self.cols) and self.cols[j + 1].cat == c.cat:
                    j += 1
                self.grid[(top, i + 1)] = c.cat
                if j > i:
                    self.merges.append((top, i + 1, top, j + 1))
                for k in range(i, j + 1):
                    self.grid[(sub, k + 1)] = self.cols[k].header
                i = j + 1
            self.header_rows += [top, sub]
            self.r = sub
        else:
            self.r += 1
            for i, c in enumerate(self.cols):
                self.grid[(self.r, i + 1)] = c.header
            self.header_rows.append(self.r)

    def category(self, text: str, kind: str):
        """A row naming the group below it (一、健康知识讲座); it gives those rows their kind."""
        self.r += 1
        self.grid[(self.r, 1)] = text
        self.merges.append((self.r, 1, self.r, self.width()))
        self.noted.append({"row": self.r, "what": "category-header"})
        self.section_kind = kind

    def numbered_empty(self, k: int):
        ci = self._col("seq")
        for _ in range(k):
            self.r += 1
            self.seq += 1
            self.grid[(self.r, ci)] = self.seq
            self.noted.append({"row": self.r, "what": "numbered-empty"})

    def total(
        self,
        label="合计",
        *,
        label_field="seq",
        sum_field="participants",
        value=None,
        formula=False,
    ):
        self.r += 1
        self.grid[(self.r, self._col(label_field))] = label
        if sum_field and value is not None:
            ci = self._col(sum_field)
            if formula:
                col = letter(ci)
                value = sum(
                    v
                    for (rr, cc), v in self.grid.items()
                    if cc == ci
                    and self.first_act <= rr <= self.last_act
                    and isinstance(v, (int, float))
                    and not isinstance(v, bool)
                )
                self.grid[(self.r, ci)] = Formula(
                    f"SUM({col}{self.first_act}:{col}{self.last_act})",
                    value,
                    f"of:=SUM([.{col}{self.first_act}:.{col}{self.last_act}])",
                )
            else:
                self.grid[(self.r, ci)] = value
        self.noted.append({"row": self.r, "what": "total"})

    def signoff(self, text_or_cells):
        if isinstance(text_or_cells, str):
            self.line({1: text_or_cells}, "sign-off")
        else:
            self.line(text_or_cells, "sign-off")

    def _col(self, fld: str) -> int:
        for i, c in enumerate(self.cols):
            if c.field == fld:
                return i + 1
        raise KeyError(fld)

    def has(self, fld: str) -> bool:
        return any(c.field == fld for c in self.cols)

    # -- activity rows -------------------------------------------------------------------
    def render(self, a: Act, c: Col, seq: int):
        f = c.field
        if f in a.raw:
            return a.raw[f]
        if f == "seq":
            return seq
        if f == "date":
            return render_date(a.date, a.end, c.style)
        if f == "title":
            return a.title
        if f == "kind":
            return self.kinds[a.k]
        if f in ("topics", "audience", "people"):
            items = getattr(a, f)
            return (a.join or c.join).join(items) if items else None
        if f == "participants":
            if a.n is None or a.status != "done":
                return None
            return f"{a.n}人" if c.style == "ren" else a.n
        if f == "hours":
            if a.status != "done" or not a.hours:
                return None
            return float(a.hours) if c.style == "num" else a.hours
        if f in ("organiser", "location", "observance", "notes", "host"):
            return getattr(a, f) or None
        if f == "status":
            return (
                a.word if a.word is not None else (self.done_word if a.status == "done" else None)
            )
        if f == "signin":
            if a.status != "done":
                return None
            yes, no = (c.style or "有/无").split("/")
            return yes if "sign-in" in a.tags else (no or None)
        if f == "photo":
            if a.status != "done":
                return None
            if c.style == "有":
                return "有" if "photo" in a.tags else None
            return (2 + (a.date.day % 4)) if "photo" in a.tags else 0
        if f == "extra":
            return a.extra.get(c.header)
        if f == "hidden":
            return None  # filled by the caller (a formula on this row)
        raise KeyError(f)

    def _write_row(self, a: Act, seq: int, row: int, skip_fields=()):
        cells = {}
        for i, c in enumerate(self.cols):
            if c.field in skip_fields:
                continue
            v = self.render(a, c, seq)
            if c.field == "hidden" and c.style == "MONTH":
                dcol = letter(self._col("date"))
                dv = self.grid.get((row, self._col("date")))
                if isinstance(dv, Fmt):
                    dv = dv.value
                if isinstance(dv, dt.date):  # copied down only where a date cell is
                    v = Formula(f"MONTH({dcol}{row})", dv.month, f"of:=MONTH([.{dcol}{row}])")
            elif c.field == "hidden" and c.style.startswith("const:"):
                v = c.style[6:]
            if v is not None and v != "":
                self.grid[(row, i + 1)] = v
                cells[c] = v
        return cells

    def _twin(self, a: Act, row: int, cells: dict, inherited: dict | None = None):
        cells = dict(cells)
        if inherited:
            for c, v in inherited.items():
                cells.setdefault(c, v)
        by = {}
        for c, v in cells.items():
            by.setdefault(c.field, (c, v))

        def text(fld):
            if fld not in by:
                return ""
            return collapse(cell_text(by[fld][1]))

        kind = text("kind") if self.has("kind") else self.section_kind
        organiser = text("organiser") if self.has("organiser") else text("host")
        extras = {}
        for c, v in cells.items():
            if c.field == "extra" or (c.field == "host" and self.has("organiser")):
                extras[collapse(c.header)] = cell_text(v).strip()
        tags = []
        if "signin" in by and cell_text(by["signin"][1]).strip() in ("有", "√", "是"):
            tags.append("sign-in")
        if "photo" in by:
            pv = by["photo"][1]
            if (isinstance(pv, int) and pv > 0) or pv == "有":
                tags.append("photo")
        n = a.n if (a.status == "done" and "participants" in by) else None
        self.twin.append(
            {
                "sheet": self.name,
                "row": row,
                "date": a.date.isoformat(),
                "end": a.end.isoformat() if a.end else "",
                "title": text("title"),
                "kind": kind,
                "topics": "|".join(a.topics) if "topics" in by else "",
                "audience": "|".join(a.audience) if "audience" in by else "",
                "participants": "" if n is None else str(n),
                "people": "|".join(a.people) if "people" in by else "",
                "hours": text("hours"),
                "organiser": organiser,
                "location": text("location"),
                "observance": text("observance"),
                "status": a.status,
                "notes": text("notes"),
                "tags": "|".join(tags),
                "extras": json.dumps(extras, ensure_ascii=False, sort_keys=True),
            }
        )

    def act(self, a: Act):
        self.r += 1
        self.seq += 1
        self.first_act = self.first_act or self.r
        self.last_act = self.r
        cells = self._write_row(a, self.seq, self.r)
        self._twin(a, self.r, cells)

    def report(self, a: Act, fld: str, why: str):
        """A row a careful reader cannot read: ``a.raw[fld]`` holds the cell as typed."""
        self.r += 1
        self.seq += 1
        self.last_act = self.r
        self._write_row(a, self.seq, self.r)
        self.reported.append(
            {"row": self.r, "column": self.cols[self._col(fld) - 1].header, "why": why}
        )

    def two_day(self, a: Act, day2):
        """A two-day activity on two rows: the date column holds each day, the rest is merged."""
        assert a.end is not None
        self.r += 1
        self.seq += 1
        top = self.r
        self.first_act = self.first_act or top
        dci = self._col("date")
        cells = self._write_row(a, self.seq, top)
        if "date" not in a.raw:  # the top row shows the first day only
            first = render_date(a.date, None, self.cols[dci - 1].style)
            self.grid[(top, dci)] = first
            cells = {c: (first if c.field == "date" else v) for c, v in cells.items()}
        self.r += 1
        self.last_act = self.r
        self.grid[(self.r, dci)] = day2
        for i, c in enumerate(self.cols):
            if i + 1 != dci and c.field != "hidden" and (top, i + 1) in self.grid:
                self.merges.append((top, i + 1, self.r, i + 1))
        self._twin(a, top, cells)
        self.noted.append({"row": self.r, "what": "merged-continuation"})

    def shared(self, a: Act, b: Act, fld: str = "location"):
        """Two activities on two rows with one cell (the place, say) merged down over both."""
        ci = self._col(fld)
        self.r += 1
        self.seq += 1
        self.first_act = self.first_act or self.r
        ca = self._write_row(a, self.seq, self.r)
        self._twin(a, self.r, ca)
        self.r += 1
        self.seq += 1
        self.last_act = self.r
        cb = self._write_row(b, self.seq, self.r, skip_fields=(fld,))
        self.merges.append((self.r - 1, ci, self.r, ci))
        inherited = {c: v for c, v in ca.items() if c.field == fld}
        self._twin(b, self.r, cb, inherited)


def fill(sb: SheetB, items):
    """Write rows in order: an Act, ("two_day", act, day2 cell), ("shared", a, b),
    ("cat", text, kind); an Act with ``bad`` set becomes a reported row."""
    for it in items:
        if isinstance(it, Act):
            if it.bad:
                sb.report(it, *it.bad)
            else:
                sb.act(it)
        elif it[0] == "two_day":
            sb.two_day(it[1], it[2])
        elif it[0] == "shared":
            sb.shared(it[1], it[2])
        elif it[0] == "cat":
            sb.category(it[1], it[2])
        else:
            raise ValueError(it)


def letter(ci: int) -> str:
    s = ""
    while ci:
        ci, rem = divmod(ci - 1, 26)
        s = chr(65 + rem) + s
    return s


def render_date(d: dt.date, end, style: str):
    if style == "date":
        return (
            Fmt(d, "yyyy-mm-dd")
            if not end
            else f"{d.year}-{d.month:02d}-{d.day:02d}至{end.month:02d}-{end.day:02d}"
        )
    if style == "cndate":
        return (
            Fmt(d, 'yyyy"年"m"月"d"日"')
            if not end
            else f"{d.year}年{d.month}月{d.day}日-{end.day}日"
        )
    if style == "dot":
        return f"{d.year}.{d.month}.{d.day}" + (f"-{end.month}.{end.day}" if end else "")
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}" + (f"-{end.month}/{end.day}" if end else "")
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日" + (f"-{end.day}日" if end else "")
    if style == "md":  # year only in the sheet or file title
        return f"{d.month}月{d.day}日" + (f"-{end.day}日" if end else "")
    if style == "serial":
        return TextNum(serial(d)) if not end else f"{d.month}月{d.day}日-{end.day}日"
    raise KeyError(style)


@dataclass
class Ledger:
    name: str  # file stem
    ext: str
    year: int
    sheets: list  # SheetB (ledger) or Plain (instructions, summary)
    shapes: list


@dataclass
class Plain:
    name: str
    why: str
    grid: dict
    merges: list = field(default_factory=list)
    ledger: bool = False
    hidden: list = field(default_factory=list)
    col_widths: dict = field(default_factory=dict)


INSTRUCTIONS = [
    "填表说明",
    "1. 本台账按活动逐条登记，每开展一次活动登记一行，不得合并登记。",
    "2. 活动日期填写实际开展日期；跨日活动填写起止日期。",
    "3. 参加人数以签到表为准，宣传栏更换不填人数。",
    "4. 活动照片、签到表、讲稿等原始资料另册归档，备查。",
    "5. 本表每月底前报街道社区卫生服务中心公卫科。",
]


def instructions_sheet(name="填表说明", lines=INSTRUCTIONS):
    return Plain(name, "instructions", {(i + 1, 1): t for i, t in enumerate(lines)})


def summary_sheet(
    name: str, parts: list, count_col: str, sum_col: str | None, label="月份"
) -> Plain:
    """A summary with formulas over the ledger sheets (COUNTA of titles, SUM of heads)."""
    grid = {(1, 1): "2023年健康教育活动汇总", (2, 1): label, (2, 2): "活动次数"}
    merges = [(1, 1, 1, 3 if sum_col else 2)]
    if sum_col:
        grid[(2, 3)] = "参加人数"
    r = 3
    tot_count = tot_sum = 0
    for sb in parts:
        grid[(r, 1)] = sb.name
        first, last = sb.header_rows[-1] + 1, sb.r
        tc = sb._col(count_col)
        col = letter(tc)
        cnt = sum(
            1
            for rr in range(first, last + 1)
            if (rr, tc) in sb.grid and sb.grid[(rr, tc)] not in (None, "")
        )
        q = f"'{sb.name}'"
        grid[(r, 2)] = Formula(
            f"COUNTA({q}!{col}{first}:{col}{last})",
            cnt,
            f"of:=COUNTA([${q}.{col}{first}:.{col}{last}])",
        )
        tot_count += cnt
        if sum_col:
            pc = sb._col(sum_col)
            pcol = letter(pc)
            s = 0
            for rr in range(first, last + 1):
                v = sb.grid.get((rr, pc))
                if (
                    isinstance(v, (int, float))
                    and not isinstance(v, bool)
                    and sb.grid.get((rr, sb._col("seq"))) not in ("合计", "总计")
                ):
                    s += v
            last_act = sb.last_act or last
            grid[(r, 3)] = Formula(
                f"SUM({q}!{pcol}{first}:{pcol}{last_act})",
                s,
                f"of:=SUM([${q}.{pcol}{first}:.{pcol}{last_act}])",
            )
            tot_sum += s
        r += 1
    grid[(r, 1)] = "合计"
    grid[(r, 2)] = Formula(f"SUM(B3:B{r - 1})", tot_count, f"of:=SUM([.B3:.B{r - 1}])")
    if sum_col:
        grid[(r, 3)] = Formula(f"SUM(C3:C{r - 1})", tot_sum, f"of:=SUM([.C3:.C{r - 1}])")
    return Plain(name, "summary", grid, merges)


# ---------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------


def write_xlsx(path: Path, ledger: Ledger):
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    cached = {}
    for si, sh in enumerate(ledger.sheets):
        ws = wb.create_sheet(sh.name)
        for (r, c), v in sorted(sh.grid.items()):
            cell = ws.cell(row=r, column=c)
            if isinstance(v, Formula):
                cell.value = "=" + v.expr
                cached[(si, cell.coordinate)] = v.cached
            elif isinstance(v, Err):
                cell.value = v.code
            elif isinstance(v, TextNum):
                cell.value = v.value
                cell.number_format = "@"
            elif isinstance(v, Fmt):
                cell.value = v.value
                cell.number_format = v.fmt
            elif isinstance(v, dt.datetime):
                cell.value = v
                cell.number_format = "yyyy/m/d h:mm"
            elif isinstance(v, dt.date):
                cell.value = v
                cell.number_format = "yyyy/m/d"
            else:
                cell.value = v
            if isinstance(v, str) and "\n" in v:
                cell.alignment = Alignment(wrap_text=True)
        for m in sh.merges:
            ws.merge_cells(start_row=m[0], start_column=m[1], end_row=m[2], end_column=m[3])
        for c in sh.hidden:
            ws.column_dimensions[letter(c)].hidden = True
        if isinstance(sh, SheetB):
            for i, col in enumerate(sh.cols):
                w = 14 if col.field in ("title", "audience", "location") else 10
                if not ws.column_dimensions[letter(i + 1)].hidden:
                    ws.column_dimensions[letter(i + 1)].width = w
    wb.properties.creator = "王丽"
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 5, 9, 0)
    wb.save(path)
    if cached:  # openpyxl saves no result for a formula; Excel and WPS always do
        patch_cached(path, cached)
    same_bytes(path)


def same_bytes(path: Path):
    """Give every member of a zip (.xlsx, .ods) one fixed time, so a rebuild changes no byte."""
    zin = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename in ("docProps/core.xml", "meta.xml"):
                text = re.sub(
                    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?",
                    "2024-01-05T09:00:00Z",
                    body.decode("utf-8"),
                )
                body = text.encode("utf-8")
            info = zipfile.ZipInfo(item.filename, (2024, 1, 5, 9, 0, 0))
            info.compress_type = item.compress_type
            info.external_attr = item.external_attr
            zout.writestr(info, body)
    path.write_bytes(out.getvalue())


def patch_cached(path: Path, cached: dict):
    data = io.BytesIO(path.read_bytes())
    zin = zipfile.ZipFile(data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if m:
                si = int(m.group(1)) - 1
                text = body.decode("utf-8")
                for (s, ref), val in cached.items():
                    if s != si:
                        continue
                    num = str(int(val)) if val == int(val) else repr(val)
                    pat = re.compile(rf'(<c r="{ref}"[^>]*>)(<f>.*?</f>)<v\s*/?>(?:</v>)?')
                    text, k = pat.subn(
                        lambda mm, num=num: f"{mm.group(1)}{mm.group(2)}<v>{num}</v>", text
                    )
                    assert k == 1, (item.filename, ref)
                body = text.encode("utf-8")
            zout.writestr(item, body)
    path.write_bytes(out.getvalue())


def write_xls(path: Path, ledger: Ledger):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    styles = {}

    def style(fmt=None, wrap=False):
        key = (fmt, wrap)
        if key not in styles:
            st = xlwt.XFStyle()
            if fmt:
                st.num_format_str = fmt
            if wrap:
                al = xlwt.Alignment()
                al.wrap = 1
                st.alignment = al
            styles[key] = st
        return styles[key]

    def put(ws, r, c, v, r2=None, c2=None):  # noqa: PLR0917
        if isinstance(v, Fmt):
            val, st = v.value, style(v.fmt)
        elif isinstance(v, TextNum):
            val, st = v.value, style("@")
        elif isinstance(v, dt.datetime):
            val, st = v, style("yyyy/m/d h:mm")
        elif isinstance(v, dt.date):
            val, st = v, style("yyyy/m/d")
        elif isinstance(v, (Formula, Err)):
            raise ValueError("no formulas or error cells in .xls here")
        else:
            val, st = v, style(None, isinstance(v, str) and "\n" in v)
        if r2 is None:
            ws.write(r - 1, c - 1, val, st)
        else:
            ws.write_merge(r - 1, r2 - 1, c - 1, c2 - 1, val, st)

    for sh in ledger.sheets:
        ws = wb.add_sheet(sh.name)
        covered = set()
        tops = {}
        for m in sh.merges:
            tops[(m[0], m[1])] = m
            for r in range(m[0], m[2] + 1):
                for c in range(m[1], m[3] + 1):
                    if (r, c) != (m[0], m[1]):
                        covered.add((r, c))
        for (r, c), v in sorted(sh.grid.items()):
            assert (r, c) not in covered, (sh.name, r, c)
            if (r, c) in tops:
                m = tops[(r, c)]
                put(ws, r, c, v, m[2], m[3])
            else:
                put(ws, r, c, v)
        for (r, c), m in tops.items():
            if (r, c) not in sh.grid:
                ws.write_merge(m[0] - 1, m[2] - 1, m[1] - 1, m[3] - 1, "")
        for c in sh.hidden:
            ws.col(c - 1).hidden = True
        if isinstance(sh, SheetB):
            for i, col in enumerate(sh.cols):
                ws.col(i).width = 256 * (16 if col.field in ("title", "audience") else 11)
    wb.save(str(path))


def write_ods(path: Path, ledger: Ledger):  # noqa: PLR0915
    from odf import teletype
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableColumnProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    hid = Style(name="cohidden", family="table-column")
    hid.addElement(TableColumnProperties(columnwidth="2.2cm"))
    doc.automaticstyles.addElement(hid)
    for sh in ledger.sheets:
        t = Table(name=sh.name)
        maxc = max(c for _, c in sh.grid) if sh.grid else 1
        for m in sh.merges:
            maxc = max(maxc, m[3])
        for c in range(1, maxc + 1):
            if c in sh.hidden:
                t.addElement(TableColumn(stylename=hid, visibility="collapse"))
            else:
                t.addElement(TableColumn(stylename=hid))
        covered = set()
        span = {}
        for m in sh.merges:
            span[(m[0], m[1])] = (m[2] - m[0] + 1, m[3] - m[1] + 1)
            for r in range(m[0], m[2] + 1):
                for c in range(m[1], m[3] + 1):
                    if (r, c) != (m[0], m[1]):
                        covered.add((r, c))
        maxr = max([r for r, _ in sh.grid] + [m[2] for m in sh.merges] + [1])
        for r in range(1, maxr + 1):
            tr = TableRow()
            for c in range(1, maxc + 1):
                if (r, c) in covered:
                    tr.addElement(CoveredTableCell())
                    continue
                v = sh.grid.get((r, c))
                kw = {}
                if (r, c) in span:
                    kw["numberrowsspanned"] = span[(r, c)][0]
                    kw["numbercolumnsspanned"] = span[(r, c)][1]
                shown = None
                if v is None:
                    cell = TableCell(**kw)
                elif isinstance(v, Formula):
                    cell = TableCell(formula=v.ods, valuetype="float", value=v.cached, **kw)
                    shown = cell_text(v.cached)
                elif isinstance(v, Fmt) and isinstance(v.value, dt.date):
                    cell = TableCell(valuetype="date", datevalue=v.value.isoformat(), **kw)
                    shown = f"{v.value.year}年{v.value.month}月{v.value.day}日"
                elif isinstance(v, dt.datetime):
                    cell = TableCell(valuetype="date", datevalue=v.isoformat(), **kw)
                    shown = v.strftime("%Y-%m-%d %H:%M")
                elif isinstance(v, dt.date):
                    cell = TableCell(valuetype="date", datevalue=v.isoformat(), **kw)
                    shown = v.isoformat()
                elif isinstance(v, (int, float)) and not isinstance(v, bool):
                    cell = TableCell(valuetype="float", value=v, **kw)
                    shown = cell_text(v)
                elif isinstance(v, str):
                    cell = TableCell(valuetype="string", **kw)
                    shown = v
                else:
                    raise TypeError(v)
                if shown is not None:
                    for part in shown.split("\n"):
                        p = P()
                        teletype.addTextToElement(p, part)
                        cell.addElement(p)
                tr.addElement(cell)
            t.addElement(tr)
        doc.spreadsheet.addElement(t)
    doc.save(str(path))
    same_bytes(path)


def write_csv(path: Path, ledger: Ledger):
    (sh,) = ledger.sheets
    maxc = max(c for _, c in sh.grid)
    maxr = max(r for r, _ in sh.grid)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for r in range(1, maxr + 1):
        row = []
        for c in range(1, maxc + 1):
            v = sh.grid.get((r, c))
            if v is None:
                row.append("")
            elif isinstance(v, (Formula, Err, TextNum, Fmt, dt.date)):
                raise TypeError(f"{path.name}: a CSV holds text only, not {v!r}")
            else:
                row.append(cell_text(v))
        w.writerow(row)
    path.write_bytes(buf.getvalue().encode("gbk"))


# ---------------------------------------------------------------------------------------
# Twin and expectations
# ---------------------------------------------------------------------------------------


def toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def write_twin_and_expect(base: Path, ledger: Ledger):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(TWIN_HEADER)
    out = [
        "# What a careful reader finds in "
        + base.name
        + "; the activities are in "
        + base.stem
        + ".twin.csv.",
        f"year = {ledger.year}",
        "",
    ]
    rep, note = [], []
    for sh in ledger.sheets:
        sname = "" if ledger.ext == "csv" else sh.name
        out.append("[[sheets]]")
        out.append(f"name = {toml_str(sname)}")
        out.append(f"ledger = {'true' if sh.ledger else 'false'}")
        if isinstance(sh, SheetB):
            out.append(f"why = {toml_str(sh.why or 'the activity table')}")
            out.append(f"header_rows = {sh.header_rows}")
            if sh.hidden:
                names = [toml_str(letter(c)) for c in sh.hidden]
                out.append(
                    f"hidden_columns = [{', '.join(names)}]"
                    "  # hidden from the person who keeps the ledger: not in the twin"
                )
            fields = []
            for c in sh.cols:
                if c.field in ("hidden", "seq"):
                    continue
                f = {
                    "host": "organiser" if not sh.has("organiser") else "extras",
                    "signin": "tags",
                    "photo": "tags",
                }.get(c.field, c.field)
                if c.field == "extra":
                    f = "extras"
                fields.append(f"{toml_str(collapse(c.header))} = {toml_str(f)}")
            out.append("fields = { " + ", ".join(fields) + " }")
            if sh.section_kind or any(n["what"] == "category-header" for n in sh.noted):
                out.append("# the category rows (一、…) give the rows below them their kind")
            for t in sh.twin:
                line = dict(t, sheet=sname)
                w.writerow([line[k] for k in TWIN_HEADER])
            for x in sh.reported:
                rep.append((sname, x))
            for x in sh.noted:
                note.append((sname, x))
        else:
            out.append(f"why = {toml_str(sh.why)}")
        out.append("")
    for sname, x in rep:
        out += [
            "[[reported]]",
            f"sheet = {toml_str(sname)}",
            f"row = {x['row']}",
            f"column = {toml_str(x['column'])}",
            f"why = {toml_str(x['why'])}",
            "",
        ]
    for sname, x in note:
        out += [
            "[[noted]]",
            f"sheet = {toml_str(sname)}",
            f"row = {x['row']}",
            f"what = {toml_str(x['what'])}",
            "",
        ]
    (base.parent / (base.stem + ".twin.csv")).write_text(buf.getvalue(), encoding="utf-8")
    (base.parent / (base.stem + ".expect.toml")).write_text(
        "\n".join(out).rstrip() + "\n", encoding="utf-8"
    )


def build(ledger: Ledger, folder: str):
    d = HERE / folder
    d.mkdir(exist_ok=True)
    path = d / f"{ledger.name}.{ledger.ext}"
    {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods, "csv": write_csv}[ledger.ext](
        path, ledger
    )
    write_twin_and_expect(path, ledger)
    return path


# ---------------------------------------------------------------------------------------
# The ledgers.  dev/ first, heldout/ after; each names the shapes it holds.
# ---------------------------------------------------------------------------------------


def act(date, k, title, topics=(), audience=(), n=None, location="", organiser="", **kw):  # noqa: PLR0917
    return Act(date, k, title, list(topics), list(audience), n, location, organiser, **kw)


KINDS_FULL = {
    "lecture": "健康知识讲座",
    "consult": "健康咨询",
    "board": "宣传栏更换",
    "leaflet": "发放宣传资料",
    "day": "主题日宣传",
    "training": "培训",
}
KINDS_SHORT = {
    "lecture": "讲座",
    "consult": "咨询",
    "board": "宣传栏",
    "leaflet": "宣传资料",
    "day": "主题日",
    "training": "培训",
}
SIGNOFF = {1: "负责人签字：", 5: "审核人：", 9: "日期："}


def d01_longyuan():
    """One year on one sheet, 填表说明 first; title, filled-by line, hidden formula column."""
    locs = ["社区活动室", "社区卫生服务站", "社区会议室", "龙苑广场", "小区宣传栏"]
    orgs = ["社区卫生服务站", "龙苑社区居委会", "街道社区卫生服务中心"]
    acts = year_acts(101, 2023, range(1, 12), (1, 2), locations=locs, organisers=orgs)
    acts = place(
        acts,
        act(
            D(2023, 3, 14),
            "lecture",
            "孕期保健与母乳喂养讲座",
            ["孕产妇保健"],
            ["孕产妇"],
            32,
            "社区活动室",
            "社区卫生服务站",
            raw={"date": "2023年3月14日下午"},
        ),
        act(
            D(2023, 5, 20),
            "consult",
            "免费测血压血糖义诊",
            ["高血压", "糖尿病"],
            ["老年人", "慢病患者"],
            60,
            "龙苑广场",
            "社区卫生服务站",
            raw={"date": dt.datetime(2023, 5, 20, 8, 30), "participants": "约60人"},
            join="\n",
            word="已完成",
        ),
        act(
            D(2023, 6, 16),
            "lecture",
            "0-6岁儿童营养与喂养讲座",
            ["儿童保健"],
            ["0-6岁儿童", "孕产妇"],
            27,
            "社区活动室",
            "社区卫生服务站",
            word="已完成",
        ),
        act(
            D(2023, 7, 11),
            "lecture",
            "夏秋季肠道传染病防治讲座",
            ["肠道传染病"],
            ["辖区居民"],
            35,
            "社区活动室",
            "社区卫生服务站",
            raw={"date": "2023.13.45"},
            bad=("date", "2023.13.45 is not a date: there is no 13th month"),
        ),
        act(
            D(2023, 9, 9),
            "leaflet",
            "发放健康教育宣传资料",
            ["口腔保健"],
            ["辖区居民"],
            1,
            "龙苑广场",
            "龙苑社区居委会",
            raw={"participants": "若干"},
            bad=("participants", "若干 (a number of) is not a head count"),
        ),
        act(
            D(2023, 11, 22),
            "lecture",
            "老年人防跌倒知识讲座",
            ["伤害预防"],
            ["老年人"],
            None,
            "社区活动室",
            "社区卫生服务站",
            status="planned",
            word="延期",
            notes="因寒潮延期至12月",
        ),
        act(
            D(2023, 12, 8),
            "lecture",
            "老年人防跌倒知识讲座",
            ["伤害预防"],
            ["老年人"],
            41,
            "社区活动室",
            "社区卫生服务站",
            notes="11月22日延期活动",
        ),
        act(
            D(2023, 12, 15),
            "consult",
            "中医体质辨识咨询",
            ["中医药健康"],
            ["老年人"],
            None,
            "社区卫生服务站",
            "社区卫生服务站",
            status="cancelled",
            word="取消",
            notes="场地冲突",
        ),
        act(
            D(2023, 12, 26),
            "training",
            "家庭医生团队业务培训",
            ["基本公共卫生服务"],
            ["医务人员"],
            None,
            "社区会议室",
            "街道社区卫生服务中心",
            status="planned",
            word="计划",
        ),
    )
    for a in acts:
        a.host = "龙苑社区居委会"
    cols = [
        Col("序号", "seq"),
        Col("活动日期", "date", "date"),
        Col("活动名称", "title"),
        Col("活动类型", "kind"),
        Col("活动主题", "topics"),
        Col("参加对象", "audience"),
        Col("参加人数", "participants"),
        Col("组织者", "organiser"),
        Col("主办单位", "host"),
        Col("活动地点", "location"),
        Col("状态", "status"),
        Col("备注", "notes"),
        Col("月份", "hidden", "MONTH"),
    ]
    sb = SheetB("2023年台账", cols, kinds=KINDS_FULL, done_word="已开展")
    sb.why = "the year's activities"
    sb.title("龙苑社区2023年健康教育活动台账")
    sb.line(
        {1: "填报单位：龙苑社区居委会", 5: "填报人：王丽", 9: "填报日期：2023年12月28日"},
        "filled-by",
    )
    sb.header()
    fill(sb, acts)
    sb.numbered_empty(3)
    sb.blank()
    sb.signoff(dict(SIGNOFF))
    return Ledger(
        "d01_longyuan_2023",
        "xlsx",
        2023,
        [instructions_sheet(), sb],
        [
            "merged title row",
            "填报单位/填报人/填报日期 line",
            "填表说明 sheet first",
            "组织者 and 主办单位 both",
            "备注",
            "hidden formula column (月份 =MONTH)",
            "date cells, a date-time cell, 2023年3月14日下午",
            "约60人",
            "audience joined by 、 and by a line break",
            "状态 已开展/已完成/延期/取消/计划",
            "numbered-empty rows",
            "sign-off line",
            "reported: 2023.13.45, 若干",
        ],
    )


def d02_monthly():
    """One sheet per month and a 汇总 sheet with formulas last; year only in the titles."""
    locs = [
        "幸福里社区活动中心",
        "社区卫生服务站",
        "居委会二楼会议室",
        "幸福里小区北门",
        "社区宣传栏",
    ]
    orgs = ["幸福里社区居委会", "社区卫生服务站"]
    acts = year_acts(202, 2023, range(1, 13), (1, 3), locations=locs, organisers=orgs)
    acts = place(
        acts,
        act(
            D(2023, 2, 14),
            "lecture",
            "节日食品卫生知识讲座",
            ["食品卫生"],
            ["辖区居民"],
            45,
            "幸福里社区活动中心",
            "社区卫生服务站",
        ),
        act(
            D(2023, 4, 30),
            "consult",
            "健康咨询义诊活动",
            ["慢性病防治"],
            ["辖区居民"],
            30,
            "幸福里小区北门",
            "社区卫生服务站",
            raw={"participants": "30余人"},
        ),
        act(
            D(2023, 8, 2),
            "lecture",
            "母乳喂养宣传周专题讲座",
            ["母乳喂养"],
            ["孕产妇"],
            18,
            "居委会二楼会议室",
            "社区卫生服务站",
            raw={"participants": 18},
        ),
        act(
            D(2023, 6, 20),
            "lecture",
            "青少年近视防控讲座",
            ["近视防治"],
            ["青少年"],
            40,
            "幸福里社区活动中心",
            "幸福里社区居委会",
            raw={"date": "6月31日"},
            bad=("date", "6月31日: June has 30 days"),
        ),
    )
    for a in acts:
        a.host, a.organiser = a.organiser, ""
    cols = [
        Col("序号", "seq"),
        Col("时间", "date", "md"),
        Col("活动内容", "title"),
        Col("类别", "kind"),
        Col("人数", "participants", "ren"),
        Col("主办单位", "host"),
        Col("地点", "location"),
        Col("签到表", "signin", "有/无"),
        Col("照片(张)", "photo"),
    ]
    sheets = []
    for m in range(1, 13):
        sb = SheetB(f"{m}月", cols, kinds=KINDS_SHORT)
        sb.why = f"the table for month {m}"
        sb.title(f"幸福里社区2023年{m}月健康教育活动登记表")
        sb.header()
        month = [a for a in acts if a.date.month == m]
        fill(sb, month)
        total = sum(a.n for a in month if a.n and not a.bad and a.status == "done")
        sb.total("合计", value=total)
        sheets.append(sb)
    summary = summary_sheet("汇总", sheets, "title", None)
    return Ledger(
        "d02_xingfuli_monthly_2023",
        "xlsx",
        2023,
        [*sheets, summary],
        [
            "one sheet per month (1月…12月)",
            "汇总 sheet last with formulas",
            "merged title per sheet",
            "old header words 时间, 活动内容, 类别, 人数, 主办单位",
            "2月14日 with the year only in the sheet title",
            "45人, 30余人",
            "签到表(有/无), 照片(张)",
            "合计 row on every sheet",
            "reported: 6月31日",
        ],
    )


def d03_donghu_sections():
    """Two-row header with merged categories; category rows give the kind; merged-down rows."""
    locs = ["东湖社区活动室", "东湖社区卫生服务站", "东湖小学", "东湖公园东门", "社区宣传栏"]
    orgs = ["东湖社区卫生服务站"]
    base = year_acts(303, 2023, range(1, 13), (1, 2), locations=locs, organisers=orgs)
    money = {
        "lecture": "200",
        "consult": 500,
        "day": 800,
        "training": 300,
        "leaflet": "150",
        "board": 120,
    }
    rng = random.Random(3)
    for a in base:
        a.extra = {
            "负责人": rng.choice(STAFF[:4]),
            "联系电话": "0731-8456" + str(1200 + a.date.day),
            "经费(元)": money[a.k],
        }
    lect = [a for a in base if a.k in ("lecture", "training")]
    cons = [a for a in base if a.k in ("consult", "day")]
    boards = [a for a in base if a.k == "board"]
    leaf = [a for a in base if a.k == "leaflet"]
    two = act(
        D(2023, 9, 15),
        "consult",
        "重阳敬老健康义诊",
        ["老年性疾病防治"],
        ["老年人"],
        156,
        "东湖公园东门",
        "东湖社区卫生服务站",
        end=D(2023, 9, 16),
        tags=["photo"],
        extra={"负责人": "李建国", "联系电话": "13907311234", "经费(元)": 1200},
    )
    pa = act(
        D(2023, 4, 12),
        "lecture",
        "高血压防治知识讲座",
        ["高血压"],
        ["慢病患者"],
        38,
        "东湖社区活动室",
        "东湖社区卫生服务站",
        tags=["photo"],
        extra={"负责人": "王丽", "联系电话": "0731-84561212", "经费(元)": "200"},
    )
    pb = act(
        D(2023, 4, 26),
        "lecture",
        "糖尿病饮食与运动指导讲座",
        ["糖尿病"],
        ["慢病患者"],
        35,
        "东湖社区活动室",
        "东湖社区卫生服务站",
        tags=["photo"],
        extra={"负责人": "王丽", "联系电话": "0731-84561212", "经费(元)": "200"},
    )
    err = act(
        D(2023, 5, 17),
        "lecture",
        "脑卒中早期识别讲座",
        ["心脑血管疾病"],
        ["老年人"],
        1,
        "东湖社区活动室",
        "东湖社区卫生服务站",
        raw={"participants": Err("#REF!")},
        bad=("participants", "#REF! is a broken formula, not a head count"),
        extra={"负责人": "张敏"},
    )
    lect = [a for a in lect if a.date.month != 4]
    items = [("cat", "一、健康知识讲座", "健康知识讲座")]
    seq = sorted([*lect, err], key=lambda a: a.date)
    i = next(k for k, a in enumerate(seq) if a.date.month > 4)
    items += [*seq[:i], ("shared", pa, pb), *seq[i:]]
    items.append(("cat", "二、公众健康咨询活动", "公众健康咨询活动"))
    cons = sorted(cons, key=lambda a: a.date)
    j = next(k for k, a in enumerate(cons) if a.date > two.date)
    day2 = TextNum(serial(D(2023, 9, 16)))
    items += [*cons[:j], ("two_day", two, day2), *cons[j:]]
    items.append(("cat", "三、健康教育宣传栏更换", "健康教育宣传栏更换"))
    items += boards
    items.append(("cat", "四、发放健康教育资料", "发放健康教育资料"))
    items += leaf
    cols = [
        Col("序号", "seq"),
        Col("活动时间", "date", "serial", cat="活动情况"),
        Col("活动地点", "location", cat="活动情况"),
        Col("活动主题", "title", cat="活动情况"),
        Col("参加对象", "audience", cat="参加情况", join="，"),
        Col("参加人数", "participants", cat="参加情况"),
        Col("负责人", "extra"),
        Col("联系电话", "extra"),
        Col("经费(元)", "extra"),
        Col("照片(张)", "photo"),
    ]
    sb = SheetB("2023年", cols)
    sb.why = "the year's activities, grouped by kind"
    sb.title("东湖社区2023年健康教育活动台账")
    sb.line({1: "填报单位（盖章）：东湖社区卫生服务站", 7: "填报日期：2024年1月5日"}, "filled-by")
    sb.header()
    fill(sb, items)
    sb.blank()
    sb.signoff({1: "负责人签字：", 4: "审核人：", 8: "日期："})
    return Ledger(
        "d03_donghu_sections_2023",
        "xlsx",
        2023,
        [sb],
        [
            "two-row header, merged 活动情况 / 参加情况 over the field names",
            "category rows (一、健康知识讲座 …)",
            "a two-day activity merged down over two rows",
            "one location merged over two activities",
            "Excel serial numbers in a text-formatted date column",
            "负责人, 联系电话, 经费(元), 照片(张)",
            "audience joined by ，",
            "sign-off line",
            "reported: a #REF! error cell",
        ],
    )


def d04_halfyear():
    """汇总 first, then 上半年 and 下半年; older template, dates and counts as typed."""
    locs = ["新村社区活动室", "新村卫生室", "新村文化广场", "新村村委会宣传栏"]
    orgs = ["新村社区居委会"]
    acts = year_acts(404, 2023, range(1, 13), (1, 2), locations=locs, organisers=orgs)
    rng = random.Random(4)
    for a in acts:
        a.extra = {"负责人": rng.choice(["周强", "吴静"])}
        a.host, a.organiser = a.organiser, ""
    acts = place(
        acts,
        act(
            D(2023, 3, 5),
            "consult",
            "学雷锋志愿健康服务",
            ["慢性病防治"],
            ["辖区居民"],
            60,
            "新村文化广场",
            host="新村社区居委会",
            raw={"date": "２０２３／３／５", "participants": "六十"},
            extra={"负责人": "周强"},
        ),
        act(
            D(2023, 3, 17),
            "training",
            "家庭医生签约服务培训",
            ["家庭医生签约"],
            ["医务人员"],
            22,
            "新村卫生室",
            host="街道社区卫生服务中心",
            end=D(2023, 3, 18),
            raw={"date": "3月17日-18日"},
            extra={"负责人": "吴静"},
            notes="两天",
        ),
        act(
            D(2023, 6, 26),
            "day",
            "国际禁毒日宣传",
            ["禁毒"],
            ["青少年", "辖区居民"],
            120,
            "新村文化广场",
            host="新村社区居委会",
            raw={"participants": "一百二十人"},
            join="\n",
            extra={"负责人": "周强"},
        ),
        act(
            D(2023, 9, 15),
            "consult",
            "老年人健康体检宣传",
            ["老年人健康管理"],
            ["老年人"],
            86,
            "新村卫生室",
            host="新村卫生室",
            end=D(2023, 9, 16),
            raw={"date": "2023.9.15-9.16", "participants": "86（人次）"},
            extra={"负责人": "吴静"},
        ),
        act(
            D(2023, 10, 17),
            "lecture",
            "冬季心脑血管疾病预防讲座",
            ["心脑血管疾病"],
            ["老年人"],
            52,
            "新村社区活动室",
            host="新村社区居委会",
            raw={"title": " 冬季心脑血管疾病\u3000预防讲座  "},
            extra={"负责人": "吴静"},
        ),
        act(
            D(2023, 11, 21),
            "lecture",
            "糖尿病防治知识讲座",
            ["糖尿病"],
            ["慢病患者"],
            40,
            "新村社区活动室",
            host="新村社区居委会",
            raw={"title": "糖尿病防治\n知识讲座"},
            extra={"负责人": "周强"},
            notes="联合国糖尿病日后续",
        ),
        act(
            D(2023, 8, 8),
            "leaflet",
            "发放健康教育宣传资料",
            ["科学育儿"],
            ["辖区居民"],
            1,
            "新村文化广场",
            host="新村社区居委会",
            raw={"participants": "很多"},
            bad=("participants", "很多 (many) is not a head count"),
            extra={"负责人": "周强"},
        ),
    )
    cols = [
        Col("时间", "date", "dot"),
        Col("活动内容", "title"),
        Col("活动形式", "kind"),
        Col("参加对象", "audience", join="/"),
        Col("参加人数", "participants"),
        Col("活动地点", "location"),
        Col("主办单位", "host"),
        Col("负责人", "extra"),
        Col("备注", "notes"),
    ]
    kinds = {
        "lecture": "讲座",
        "consult": "义诊咨询",
        "board": "宣传栏",
        "leaflet": "发放资料",
        "day": "主题宣传",
        "training": "培训",
    }
    halves = []
    for name, months, word in (("上半年", range(1, 7), "上"), ("下半年", range(7, 13), "下")):
        sb = SheetB(name, cols, kinds=kinds)
        sb.why = f"the activities of the {'first' if word == '上' else 'second'} half-year"
        sb.title(f"新村社区2023年{word}半年健康教育活动台账")
        sb.header()
        part = [a for a in acts if a.date.month in months]
        fill(sb, part)
        sb.total(
            "合计",
            label_field="date",
            value=sum(a.n for a in part if a.n and not a.bad and a.status == "done"),
        )
        halves.append(sb)
    summary = summary_sheet("汇总", halves, "title", None, label="时段")
    return Ledger(
        "d04_xincun_halfyear_2023",
        "xlsx",
        2023,
        [summary, *halves],
        [
            "one sheet per half-year",
            "汇总 sheet first with formulas",
            "old header words 时间, 活动内容, 活动形式, 参加对象, 参加人数, 活动地点, 主办单位",
            "2023.3.24-style dates",
            "3月17日-18日 and 2023.9.15-9.16 ranges",
            "full-width ２０２３／３／５",
            "六十, 一百二十人, 86（人次）",
            "U+3000 and stray spaces, a line break in a title",
            "audience joined by / and a line break",
            "负责人, 备注",
            "合计 row",
            "reported: 很多",
        ],
    )


def d05_training_xls():
    """.xls: lectures and trainings with 主讲人 and 学时; a merged two-day training."""
    locs = ["社区卫生服务中心三楼会议室", "社区活动室", "社区卫生服务站", "中心门诊大厅"]
    orgs = ["公卫科"]
    acts = year_acts(
        505,
        2023,
        range(1, 13),
        (1, 2),
        locations=locs,
        organisers=orgs,
        boards=False,
        leaflets=False,
        days=False,
    )
    acts = [a for a in acts if a.k in ("lecture", "training")]
    two = act(
        D(2023, 6, 8),
        "training",
        "基本公共卫生服务项目业务培训",
        ["基本公共卫生服务"],
        ["村医", "社区医生"],
        46,
        "社区卫生服务中心三楼会议室",
        "公卫科",
        end=D(2023, 6, 9),
        people=["陈芳", "赵红梅"],
        hours="12",
    )
    acts = place(
        acts,
        act(
            D(2023, 2, 28),
            "lecture",
            "春季传染病防治讲座",
            ["呼吸道传染病"],
            ["辖区居民"],
            33,
            "社区活动室",
            "公卫科",
            people=["刘洋"],
            hours="1.5",
            raw={"date": "2023.2.30"},
            bad=("date", "2023.2.30: February has 28 days"),
        ),
        act(
            D(2023, 10, 26),
            "lecture",
            "重阳节老年人健康讲座",
            ["老年性疾病防治"],
            ["老年人"],
            None,
            "社区活动室",
            "公卫科",
            people=["孙伟"],
            hours="2",
            status="planned",
            word="待定",
        ),
        act(
            D(2023, 11, 16),
            "training",
            "心肺复苏急救技能培训",
            ["家庭急救"],
            ["网格员", "志愿者"],
            None,
            "社区活动室",
            "公卫科",
            people=["周强"],
            hours="3",
            status="cancelled",
            word="取消",
            notes="改为12月线上培训",
        ),
        act(
            D(2023, 12, 20),
            "lecture",
            "冬季呼吸道传染病防治讲座",
            ["呼吸道传染病"],
            ["辖区居民"],
            None,
            "社区活动室",
            "公卫科",
            people=["刘洋"],
            hours="1.5",
            status="planned",
            word="计划",
        ),
    )
    k = next(i for i, a in enumerate(acts) if a.date > two.date)
    items = [*acts[:k], ("two_day", two, Fmt(D(2023, 6, 9), 'yyyy"年"m"月"d"日"')), *acts[k:]]
    cols = [
        Col("序号", "seq"),
        Col("日期", "date", "cndate"),
        Col("名称", "title"),
        Col("类型", "kind"),
        Col("主讲人", "people"),
        Col("学时", "hours", "num"),
        Col("参加人员", "audience"),
        Col("参加人数", "participants"),
        Col("地点", "location"),
        Col("状态", "status"),
        Col("备注", "notes"),
        Col("录入人", "hidden", "const:赵红梅"),
    ]
    kinds = {"lecture": "讲座", "training": "培训"}
    sb = SheetB("2023", cols, kinds=kinds, done_word="已完成")
    sb.why = "lectures and trainings of the year"
    sb.title("城南街道社区卫生服务中心2023年健康教育讲座及培训台账")
    sb.line(
        {
            1: "填报单位：城南街道社区卫生服务中心公卫科",
            6: "填报人：陈芳",
            9: "填报日期：2023年12月29日",
        },
        "filled-by",
    )
    sb.header()
    fill(sb, items)
    sb.signoff({1: "科室负责人签字：", 6: "审核人：", 9: "日期："})
    lines = [
        "填表说明",
        "1. 类型填写：讲座、培训。",
        "2. 学时按实际授课时间计，半天计3学时。",
        "3. 状态填写：已完成、计划、待定、取消。",
        "4. 跨日培训分两行填写日期，其余栏目合并。",
    ]
    return Ledger(
        "d05_chengnan_training_2023",
        "xls",
        2023,
        [sb, instructions_sheet("填表说明", lines)],
        [
            ".xls",
            "merged title",
            "filled-by line",
            "填表说明 sheet last",
            "主讲人 (people), 学时 (hours)",
            "date cells shown 2023年6月8日",
            "two-day training merged down over two rows",
            "hidden column (录入人)",
            "状态 已完成/计划/待定/取消",
            "sign-off line",
            "reported: 2023.2.30",
        ],
    )


def d06_boards_days_xls():
    """.xls with two tables: the board issues and the observance-day events."""
    board_titles = {
        1: "冬季常见病预防",
        3: "结核病防治知识",
        5: "吸烟有害健康",
        7: "夏季肠道传染病预防",
        9: "口腔健康 全身健康",
        11: "糖尿病防治知识",
    }
    boards = []
    for i, (m, t) in enumerate(board_titles.items()):
        boards.append(
            act(
                D(2023, m, 3 + i),
                "board",
                t,
                [],
                [],
                None,
                "社区服务中心门口宣传栏",
                people=[["王丽", "张敏"][i % 2]],
                tags=["photo"] if i != 4 else [],
            )
        )
    boards[2].raw = {"date": "2023/5/5"}  # typed by hand, same as the others
    bcols = [
        Col("期数", "seq"),
        Col("更换日期", "date", "slash"),
        Col("宣传内容", "title"),
        Col("宣传栏位置", "location"),
        Col("更换人", "people"),
        Col("照片", "photo", "有"),
    ]
    sb1 = SheetB("宣传栏", bcols)
    sb1.why = "the board issues"
    sb1.title("桂园社区2023年健康教育宣传栏更换记录")
    sb1.header()
    fill(sb1, boards)
    sb1.numbered_empty(2)
    rng = random.Random(6)
    days = []
    for d, name, topic, au in DAYS_2023:
        days.append(
            act(
                d,
                "day",
                f"{name}宣传咨询",
                [topic],
                au,
                rng.randint(40, 160),
                rng.choice(["桂园广场", "社区服务中心门口", "桂园菜市场入口"]),
                observance=name,
                tags=["sign-in", "photo"] if rng.random() < 0.7 else ["photo"],
                extra={"发放资料(份)": rng.choice([100, 150, 200, 300])},
            )
        )
    days[3].raw = {"participants": "约80人"}
    days[3].n = 80
    days[7].raw = {"date": "2023.10.8 上午"}
    days.append(
        act(
            D(2023, 12, 28),
            "day",
            "冬季健康宣传",
            ["冬季保健"],
            ["辖区居民"],
            1,
            "桂园广场",
            raw={"participants": "若干"},
            bad=("participants", "若干 (a number of) is not a head count"),
            extra={"发放资料(份)": 100},
        )
    )
    dcols = [
        Col("序号", "seq"),
        Col("日期", "date", "dot"),
        Col("宣传日", "observance"),
        Col("活动主题", "title"),
        Col("地点", "location"),
        Col("参加人数", "participants", "ren"),
        Col("发放资料(份)", "extra"),
        Col("签到表", "signin", "√/"),
        Col("照片(张)", "photo"),
    ]
    sb2 = SheetB("主题日宣传", dcols)
    sb2.why = "the observance-day events"
    sb2.title("桂园社区2023年卫生主题日宣传活动记录")
    sb2.header()
    fill(sb2, days)
    sb2.total("总计", value=sum(a.n for a in days if not a.bad))
    sb2.signoff({1: "记录人：张敏", 5: "负责人签字："})
    return Ledger(
        "d06_guiyuan_boards_days_2023",
        "xls",
        2023,
        [sb1, sb2],
        [
            ".xls",
            "two ledger sheets of different tables",
            "宣传日 (observance) column",
            "期数 numbered ahead with nothing else",
            "照片 有, 签到表 √",
            "发放资料(份) extra",
            "2023.10.8 上午",
            "约80人",
            "总计 row",
            "sign-off line",
            "reported: 若干",
        ],
    )


def d07_jiedao_ods():
    """.ods: spanned title, two-row header, merged-down rows, formula total, 汇总 sheet."""
    locs = ["阳光社区活动室", "阳光社区卫生服务站", "阳光小区中心花园", "社区宣传栏"]
    orgs = ["阳光社区卫生服务站", "阳光社区居委会"]
    acts = year_acts(707, 2023, range(1, 13), (1, 2), locations=locs, organisers=orgs)
    two = act(
        D(2023, 7, 20),
        "training",
        "社区健康指导员培训",
        ["健康素养"],
        ["志愿者", "网格员"],
        28,
        "阳光社区活动室",
        "街道社区卫生服务中心",
        end=D(2023, 7, 21),
    )
    pa = act(
        D(2023, 5, 10),
        "lecture",
        "孕期保健与母乳喂养讲座",
        ["孕产妇保健"],
        ["孕产妇"],
        19,
        "阳光社区卫生服务站",
        "阳光社区卫生服务站",
    )
    pb = act(
        D(2023, 5, 24),
        "lecture",
        "0-6岁儿童营养与喂养讲座",
        ["儿童保健"],
        ["0-6岁儿童家长", "孕产妇"],
        26,
        "阳光社区卫生服务站",
        "阳光社区卫生服务站",
        join="\n",
    )
    acts = [a for a in acts if a.date.month != 5 or a.k != "lecture"]
    acts = place(
        acts,
        act(
            D(2023, 3, 24),
            "day",
            "世界防治结核病日义诊",
            ["结核病防治"],
            ["辖区居民"],
            75,
            "阳光小区中心花园",
            "阳光社区卫生服务站",
            raw={"date": "2023.3.24"},
            word="已完成",
        ),
        act(
            D(2023, 11, 20),
            "lecture",
            "慢阻肺防治讲座",
            ["慢性呼吸系统疾病"],
            ["老年人"],
            30,
            "阳光社区活动室",
            "阳光社区卫生服务站",
            raw={"date": "2023.11.31"},
            bad=("date", "2023.11.31: November has 30 days"),
        ),
        act(
            D(2023, 12, 21),
            "lecture",
            "冬季呼吸道传染病防治讲座",
            ["呼吸道传染病"],
            ["辖区居民"],
            None,
            "阳光社区活动室",
            "阳光社区卫生服务站",
            status="planned",
            word="未开展",
        ),
    )
    items = []
    for a in acts:
        if a.date > pa.date and ("shared", pa, pb) not in items:
            items.append(("shared", pa, pb))
        if a.date > two.date and ("two_day", two, D(2023, 7, 21)) not in items:
            items.append(("two_day", two, Fmt(D(2023, 7, 21), 'yyyy"年"m"月"d"日"')))
        items.append(a)
    items = dedupe(items)
    cols = [
        Col("序号", "seq"),
        Col("活动日期", "date", "cndate", cat="活动情况"),
        Col("活动名称", "title", cat="活动情况"),
        Col("类别", "kind", cat="活动情况"),
        Col("参加对象", "audience", cat="参加情况"),
        Col("参加人数", "participants", cat="参加情况"),
        Col("组织者", "organiser"),
        Col("活动地点", "location"),
        Col("状态", "status"),
        Col("备注", "notes"),
        Col("编号", "hidden", "const:YG2023"),
    ]
    sb = SheetB("台账", cols, kinds=KINDS_FULL, done_word="已开展")
    sb.why = "the year's activities"
    sb.title("阳光社区2023年健康教育活动台账")
    sb.line(
        {1: "填报单位：阳光社区卫生服务站", 4: "填报人：孙伟", 7: "填报日期：2023年12月30日"},
        "filled-by",
    )
    sb.header()
    fill(sb, items)
    tot = sum(a.n for a in [*acts, pa, pb, two] if a.n and not a.bad and a.status == "done")
    sb.total("合计", value=tot, formula=True)
    sb.signoff({1: "负责人签字：", 4: "审核人：", 7: "日期："})
    summary = summary_sheet("汇总", [sb], "title", "participants", label="表")
    return Ledger(
        "d07_yangguang_2023",
        "ods",
        2023,
        [sb, summary],
        [
            ".ods",
            "spanned title",
            "filled-by line",
            "two-row header with spanned categories",
            "two-day training spanned over two rows",
            "one location spanned over two rows",
            "date cells",
            "2023.3.24 typed",
            "audience joined by a line break",
            "hidden column (编号)",
            "合计 with a SUM formula",
            "汇总 sheet with formulas",
            "状态 已开展/已完成/未开展",
            "sign-off line",
            "reported: 2023.11.31",
        ],
    )


def dedupe(items):
    out = []
    for it in items:
        if isinstance(it, tuple) and it in out:
            continue
        out.append(it)
    return out


def d08_monthly_ods():
    """.ods: 填表说明 first, then 1月…6月 (a half-year workbook), extra columns."""
    locs = ["清河社区活动室", "清河卫生服务站", "清河社区广场", "清河社区宣传栏"]
    orgs = ["清河社区居委会", "清河卫生服务站"]
    acts = year_acts(808, 2023, range(1, 7), (2, 3), locations=locs, organisers=orgs)
    rng = random.Random(8)
    for a in acts:
        a.host, a.organiser = a.organiser, ""
        a.extra = {
            "负责人": rng.choice(["赵红梅", "孙伟"]),
            "联系电话": "138" + str(10000000 + a.date.toordinal() % 9000000),
        }
        if a.k in ("day", "consult"):
            a.extra["经费(元)"] = rng.choice([300, 500, "600"])
    acts = place(
        acts,
        act(
            D(2023, 2, 9),
            "lecture",
            "家庭急救与护理知识讲座",
            ["家庭急救"],
            ["辖区居民"],
            60,
            "清河社区活动室",
            host="清河卫生服务站",
            raw={"participants": "六十"},
            extra={"负责人": "孙伟"},
        ),
        act(
            D(2023, 4, 18),
            "consult",
            "健康咨询义诊活动",
            ["慢性病防治"],
            ["老年人", "慢病患者"],
            120,
            "清河社区广场",
            host="清河卫生服务站",
            raw={"participants": "一百二十人", "date": "2023年4月18日上午"},
            extra={"负责人": "赵红梅", "经费(元)": 400},
        ),
        act(
            D(2023, 5, 31),
            "day",
            "世界无烟日控烟宣传",
            ["控烟"],
            ["青少年", "辖区居民"],
            70,
            "清河社区广场",
            host="清河社区居委会",
            observance="世界无烟日",
            raw={"date": "２０２３．５．３１"},
            extra={"负责人": "孙伟", "经费(元)": 500},
        ),
        act(
            D(2023, 6, 14),
            "lecture",
            "青少年心理健康讲座",
            ["心理卫生"],
            ["青少年"],
            1,
            "清河社区活动室",
            host="清河社区居委会",
            raw={"participants": "一部分"},
            bad=("participants", "一部分 (a part) is not a head count"),
            extra={"负责人": "孙伟"},
        ),
    )
    cols = [
        Col("序号", "seq"),
        Col("日期", "date", "dot"),
        Col("活动主题", "title"),
        Col("活动形式", "kind"),
        Col("参加对象", "audience", join="，"),
        Col("参加人数", "participants", "ren"),
        Col("主办", "host"),
        Col("地点", "location"),
        Col("负责人", "extra"),
        Col("联系电话", "extra"),
        Col("经费(元)", "extra"),
        Col("签到表", "signin", "有/无"),
    ]
    kinds = {
        "lecture": "讲座",
        "consult": "义诊",
        "board": "宣传栏",
        "leaflet": "发放资料",
        "day": "主题日宣传",
        "training": "培训",
    }
    sheets = [instructions_sheet()]
    for m in range(1, 7):
        sb = SheetB(f"{m}月", cols, kinds=kinds)
        sb.why = f"the table for month {m}"
        sb.title(f"清河社区2023年{m}月健康教育活动记录")
        sb.header()
        fill(sb, [a for a in acts if a.date.month == m])
        sheets.append(sb)
    return Ledger(
        "d08_qinghe_monthly_2023",
        "ods",
        2023,
        sheets,
        [
            ".ods",
            "填表说明 sheet first",
            "one sheet per month (1月…6月)",
            "spanned title",
            "主办 as the organiser",
            "负责人, 联系电话, 经费(元), 签到表",
            "2023.3.24-style dates",
            "full-width ２０２３．５．３１",
            "2023年4月18日上午",
            "六十, 一百二十人, 45人",
            "audience joined by ，",
            "reported: 一部分",
        ],
    )


def d09_hongxing_csv():
    """GBK CSV saved by Excel: title and filled-by lines, total, sign-off."""
    locs = ["红星社区活动室", "红星社区卫生服务站", "红星广场", "社区宣传栏"]
    orgs = ["红星社区卫生服务站", "红星社区居委会"]
    acts = year_acts(909, 2023, range(1, 13), (1, 2), locations=locs, organisers=orgs)
    rng = random.Random(9)
    for a in acts:
        a.extra = {
            "负责人": rng.choice(["刘洋", "陈芳"]),
            "联系电话": rng.choice(["13812345678", "0571-86001234"]),
        }
    acts = place(
        acts,
        act(
            D(2023, 3, 5),
            "consult",
            "学雷锋志愿义诊",
            ["慢性病防治"],
            ["老年人", "慢病患者"],
            45,
            "红星广场",
            "红星社区卫生服务站",
            raw={"date": "２０２３／３／５", "participants": "45人"},
            join="/",
            extra={"负责人": "刘洋"},
        ),
        act(
            D(2023, 3, 24),
            "day",
            "世界防治结核病日宣传",
            ["结核病防治"],
            ["辖区居民"],
            90,
            "红星广场",
            "红星社区卫生服务站",
            raw={"date": "2023.3.24"},
            extra={"负责人": "陈芳"},
        ),
        act(
            D(2023, 8, 10),
            "lecture",
            "夏季中暑预防讲座",
            ["防暑降温"],
            ["老年人", "青少年"],
            37,
            "红星社区活动室",
            "红星社区卫生服务站",
            join="\n",
            extra={"负责人": "刘洋"},
        ),
        act(
            D(2023, 2, 28),
            "lecture",
            "春季流感防治讲座",
            ["呼吸道传染病"],
            ["辖区居民"],
            40,
            "红星社区活动室",
            "红星社区卫生服务站",
            raw={"date": "2023/2/29"},
            bad=("date", "2023/2/29: 2023 is not a leap year"),
            extra={"负责人": "陈芳"},
        ),
        act(
            D(2023, 12, 1),
            "day",
            "世界艾滋病日宣传",
            ["艾滋病防治"],
            ["青少年"],
            None,
            "红星广场",
            "红星社区卫生服务站",
            status="planned",
            word="未开展",
            extra={"负责人": "陈芳"},
        ),
        act(
            D(2023, 12, 12),
            "training",
            "社区健康教育志愿者培训",
            ["健康素养"],
            ["志愿者"],
            None,
            "红星社区活动室",
            "红星社区居委会",
            status="cancelled",
            word="取消",
            notes="与换届选举冲突",
            extra={"负责人": "刘洋"},
        ),
    )
    acts = [
        a for a in acts if not (a.k == "day" and a.date == D(2023, 12, 1) and a.status == "done")
    ]
    cols = [
        Col("序号", "seq"),
        Col("活动日期", "date", "slash"),
        Col("活动名称", "title"),
        Col("活动类型", "kind"),
        Col("参加对象", "audience", join="、"),
        Col("参加人数", "participants"),
        Col("组织者", "organiser"),
        Col("活动地点", "location"),
        Col("状态", "status"),
        Col("负责人", "extra"),
        Col("联系电话", "extra"),
        Col("备注", "notes"),
    ]
    sb = SheetB("", cols, kinds=KINDS_FULL, done_word="已开展")
    sb.why = "the year's activities"
    sb.title("红星社区2023年健康教育活动登记表", merge=False)
    sb.line(
        {1: "填报单位：红星社区居委会", 5: "填报人：刘洋", 9: "填报日期：2023年12月25日"},
        "filled-by",
    )
    sb.header()
    fill(sb, acts)
    sb.total("合计", value=sum(a.n for a in acts if a.n and not a.bad and a.status == "done"))
    sb.signoff(dict(SIGNOFF))
    return Ledger(
        "d09_hongxing_2023",
        "csv",
        2023,
        [sb],
        [
            "GBK CSV (Excel on Chinese Windows)",
            "title line",
            "filled-by line",
            "2023/3/5 dates, 2023.3.24, full-width ２０２３／３／５",
            "45人",
            "audience joined by 、, / and a line break (quoted)",
            "负责人, 联系电话, 备注",
            "状态 已开展/未开展/取消",
            "合计 row",
            "sign-off line",
            "reported: 2023/2/29",
        ],
    )


def d10_old_csv():
    """GBK CSV of an older template: 时间/活动内容/类别/人数, year only in the title."""
    locs = ["文化站", "村卫生室", "村委会", "村口宣传栏"]
    orgs = ["石桥村委会", "石桥村卫生室"]
    acts = year_acts(
        1010, 2023, range(1, 13), (1, 2), locations=locs, organisers=orgs, trainings=False
    )
    for a in acts:
        a.host, a.organiser = a.organiser, ""
    acts = place(
        acts,
        act(
            D(2023, 2, 14),
            "lecture",
            "  春节后  返乡人员健康提示",
            ["呼吸道传染病"],
            [],
            45,
            "文化站",
            host="石桥村卫生室",
            raw={"title": "  春节后  返乡人员健康提示", "participants": "45人"},
        ),
        act(
            D(2023, 4, 7),
            "day",
            "世界卫生日宣传",
            ["人人享有健康"],
            [],
            60,
            "村委会",
            host="石桥村委会",
            raw={"participants": "约60人", "title": "世界卫生日\u3000宣传"},
        ),
        act(
            D(2023, 7, 5),
            "consult",
            "免费测血压",
            ["高血压"],
            [],
            30,
            "村卫生室",
            host="石桥村卫生室",
            raw={"participants": "30余人"},
            notes="高温，改在室内",
        ),
        act(
            D(2023, 10, 23),
            "consult",
            "重阳节敬老义诊",
            ["老年性疾病防治"],
            [],
            1,
            "文化站",
            host="石桥村卫生室",
            raw={"participants": "若干"},
            bad=("participants", "若干 (a number of) is not a head count"),
        ),
    )
    cols = [
        Col("序号", "seq"),
        Col("时间", "date", "md"),
        Col("活动内容", "title"),
        Col("类别", "kind"),
        Col("人数", "participants", "ren"),
        Col("主办单位", "host"),
        Col("活动地点", "location"),
        Col("备注", "notes"),
    ]
    sb = SheetB("", cols, kinds=KINDS_SHORT)
    sb.why = "the year's activities"
    sb.title("石桥村2023年健康教育活动记录", merge=False)
    sb.header()
    fill(sb, acts)
    sb.numbered_empty(4)
    return Ledger(
        "d10_shiqiao_2023",
        "csv",
        2023,
        [sb],
        [
            "GBK CSV",
            "title line with the year",
            "old header words 时间, 活动内容, 类别, 人数, 主办单位",
            "2月14日 with the year only in the title",
            "45人, 约60人, 30余人",
            "stray spaces and U+3000",
            "备注",
            "numbered-empty rows",
            "reported: 若干",
        ],
    )


DEV = [
    d01_longyuan,
    d02_monthly,
    d03_donghu_sections,
    d04_halfyear,
    d05_training_xls,
    d06_boards_days_xls,
    d07_jiedao_ods,
    d08_monthly_ods,
    d09_hongxing_csv,
    d10_old_csv,
]


def h01_jinqiao_monthly():
    """Second half-year, one sheet per month, two-row header, hidden month column."""
    locs = ["金桥社区活动中心", "金桥社区卫生服务站", "金桥花园南门", "社区宣传栏"]
    orgs = ["金桥社区卫生服务站", "金桥社区居委会"]
    acts = [
        a
        for a in year_acts(1101, 2023, range(7, 13), (2, 3), locations=locs, organisers=orgs)
        if not (a.k == "day" and a.date == D(2023, 10, 8))
    ]
    two = act(
        D(2023, 9, 15),
        "consult",
        "老年人免费健康体检",
        ["老年人健康管理"],
        ["老年人"],
        210,
        "金桥社区卫生服务站",
        "金桥社区卫生服务站",
        end=D(2023, 9, 16),
        notes="两天完成",
        tags=["photo"],
    )
    acts = place(
        acts,
        act(
            D(2023, 8, 4),
            "lecture",
            "母乳喂养宣传周讲座",
            ["母乳喂养"],
            ["孕产妇"],
            86,
            "金桥社区活动中心",
            "金桥社区卫生服务站",
            raw={"participants": "86（人次）"},
            tags=["photo"],
        ),
        act(
            D(2023, 7, 26),
            "leaflet",
            "发放控烟宣传资料",
            ["控烟"],
            ["辖区居民"],
            150,
            "金桥花园南门",
            "金桥社区居委会",
            raw={"date": TextNum(serial(D(2023, 7, 26)))},
            tags=["photo"],
            notes="从街道汇总表粘贴",
        ),
        act(
            D(2023, 10, 8),
            "day",
            "全国高血压日义诊",
            ["高血压"],
            ["慢病患者", "老年人"],
            95,
            "金桥花园南门",
            "金桥社区卫生服务站",
            raw={"date": "2023年10月8日上午"},
            tags=["photo"],
        ),
        act(
            D(2023, 11, 9),
            "training",
            "消防与家庭急救培训",
            ["家庭急救"],
            ["网格员", "楼栋长"],
            24,
            "金桥社区活动中心",
            "金桥社区居委会",
            raw={"date": dt.datetime(2023, 11, 9, 14, 0)},
            tags=["photo"],
        ),
        act(
            D(2023, 12, 19),
            "lecture",
            "冬季呼吸道传染病防治讲座",
            ["呼吸道传染病"],
            ["辖区居民"],
            44,
            "金桥社区活动中心",
            "金桥社区卫生服务站",
            raw={"date": "2023.12.32"},
            bad=("活动时间", "2023.12.32: December has 31 days"),
        ),
    )
    for a in [*acts, two]:
        a.host = "金桥街道办事处"
        if a.bad:
            a.bad = ("date", a.bad[1])
    cols = [
        Col("序号", "seq"),
        Col("活动时间", "date", "cndate", cat="活动情况"),
        Col("活动内容", "title", cat="活动情况"),
        Col("活动形式", "kind", cat="活动情况"),
        Col("参加对象", "audience", cat="参加情况"),
        Col("参加人数", "participants", "ren", cat="参加情况"),
        Col("组织者", "organiser"),
        Col("主办单位", "host"),
        Col("活动地点", "location"),
        Col("照片(张)", "photo"),
        Col("备注", "notes"),
        Col("月份", "hidden", "MONTH"),
    ]
    kinds = {
        "lecture": "讲座",
        "consult": "义诊",
        "board": "宣传栏",
        "leaflet": "发放资料",
        "day": "宣传日活动",
        "training": "培训",
    }
    sheets = []
    for m in range(7, 13):
        sb = SheetB(f"{m}月", cols, kinds=kinds)
        sb.why = f"the table for month {m}"
        sb.title(f"金桥社区2023年{m}月健康教育活动台账")
        sb.header()
        month = [a for a in acts if a.date.month == m]
        if m == 9:
            k = next(i for i, a in enumerate(month) if a.date > two.date)
            month = [
                *month[:k],
                ("two_day", two, Fmt(D(2023, 9, 16), 'yyyy"年"m"月"d"日"')),
                *month[k:],
            ]
        fill(sb, month)
        sb.total(
            "合计",
            value=sum(
                a.n
                for a in [*acts, two]
                if a.date.month == m and a.n and not a.bad and a.status == "done"
            ),
        )
        sheets.append(sb)
    lines = [
        "填表说明",
        "1. 每月一张表，月底前报街道。",
        "2. 活动形式：讲座、义诊、宣传日活动、培训、宣传栏、发放资料。",
        "3. 跨日活动分行填写日期，其他栏合并单元格。",
        "4. 月份列为公式，请勿修改。",
    ]
    return Ledger(
        "h01_jinqiao_monthly_2023",
        "xlsx",
        2023,
        [
            *sheets,
            summary_sheet("汇总", sheets, "title", None),
            instructions_sheet("填表说明", lines),
        ],
        [
            "one sheet per month (7月…12月)",
            "汇总 sheet with formulas, then 填表说明 last",
            "an Excel serial number in a text-formatted cell among date cells",
            "merged title per sheet",
            "two-row header, merged 活动情况 / 参加情况",
            "组织者 and 主办单位 both",
            "hidden formula column (月份)",
            "date cells, a date-time cell, 2023年10月8日上午",
            "two-day activity merged down",
            "86（人次）, 45人",
            "照片(张), 备注",
            "合计 rows",
            "reported: 2023.12.32",
        ],
    )


def h02_nanshan_halfyear_xls():
    """.xls: 上半年 / 下半年 and a typed 汇总; status words, 签到表 √, a 注： line."""
    locs = ["南山村文化礼堂", "南山村卫生室", "南山村村委会", "村务公开栏旁宣传栏"]
    orgs = ["南山村卫生室", "南山村村委会"]
    acts = year_acts(1202, 2023, range(1, 13), (1, 2), locations=locs, organisers=orgs)
    for a in acts:
        a.host, a.organiser = a.organiser, ""
    acts = place(
        acts,
        act(
            D(2023, 4, 7),
            "day",
            "世界卫生日宣传",
            ["人人享有健康"],
            ["村民"],
            60,
            "南山村文化礼堂",
            host="南山村卫生室",
            raw={"date": "２０２３．４．７", "participants": "六十"},
            tags=["sign-in"],
        ),
        act(
            D(2023, 5, 15),
            "training",
            "乡村医生慢病随访培训",
            ["慢性病管理"],
            ["村医"],
            18,
            "南山村卫生室",
            host="镇卫生院",
            end=D(2023, 5, 16),
            raw={"date": "2023.5.15-5.16"},
            tags=["sign-in"],
        ),
        act(
            D(2023, 6, 21),
            "lecture",
            "夏季防溺水安全讲座",
            ["涉水安全"],
            ["青少年", "0-6岁儿童家长"],
            None,
            "南山村文化礼堂",
            host="南山村村委会",
            status="planned",
            word="延期",
            notes="暴雨，改期",
        ),
        act(
            D(2023, 7, 6),
            "lecture",
            "夏季防溺水安全讲座",
            ["涉水安全"],
            ["青少年", "0-6岁儿童家长"],
            120,
            "南山村文化礼堂",
            host="南山村村委会",
            raw={"participants": "一百二十人"},
            tags=["sign-in"],
            notes="6月延期",
        ),
        act(
            D(2023, 8, 18),
            "consult",
            "中医体质辨识咨询",
            ["中医药健康"],
            ["老年人"],
            1,
            "南山村卫生室",
            host="南山村卫生室",
            raw={"participants": "若干"},
            bad=("participants", "若干 (a number of) is not a head count"),
        ),
        act(
            D(2023, 11, 25),
            "lecture",
            "冬季心脑血管疾病预防讲座",
            ["心脑血管疾病"],
            ["老年人"],
            None,
            "南山村文化礼堂",
            host="南山村卫生室",
            status="cancelled",
            word="取消",
            notes="讲课医生外出",
        ),
        act(
            D(2023, 12, 20),
            "consult",
            "免费测血压血糖",
            ["高血压", "糖尿病"],
            ["慢病患者"],
            None,
            "南山村卫生室",
            host="南山村卫生室",
            status="planned",
            word="未开展",
        ),
    )
    phones = {"吴静": "13857612345", "周强": "0576-88123456"}
    for k, a in enumerate(acts):
        who = "吴静" if k % 3 else "周强"
        a.extra = {"负责人": who, "联系电话": phones[who]}
    for a in acts:
        a.audience = ["村民" if x == "辖区居民" else x for x in a.audience]
    cols = [
        Col("序号", "seq"),
        Col("活动时间", "date", "dot"),
        Col("活动主题", "title"),
        Col("活动形式", "kind"),
        Col("参加对象", "audience", join="/"),
        Col("参加人数", "participants"),
        Col("活动地点", "location"),
        Col("主办单位", "host"),
        Col("签到表", "signin", "√/"),
        Col("负责人", "extra"),
        Col("联系电话", "extra"),
        Col("状态", "status"),
        Col("备注", "notes"),
    ]
    kinds = {
        "lecture": "知识讲座",
        "consult": "健康咨询",
        "board": "宣传栏更换",
        "leaflet": "资料发放",
        "day": "主题宣传",
        "training": "业务培训",
    }
    halves = []
    for name, months, word in (("上半年", range(1, 7), "上"), ("下半年", range(7, 13), "下")):
        sb = SheetB(name, cols, kinds=kinds, done_word="已完成")
        sb.why = f"the activities of the {'first' if word == '上' else 'second'} half-year"
        sb.title(f"南山村2023年{word}半年健康教育活动登记表")
        sb.line(
            {
                1: "填报单位：南山村卫生室",
                5: "填报人：吴静",
                9: "填报日期：2023年" + ("7月3日" if word == "上" else "12月29日"),
            },
            "filled-by",
        )
        sb.header()
        part = [a for a in acts if a.date.month in months]
        fill(sb, part)
        sb.total("合计", value=sum(a.n for a in part if a.n and not a.bad and a.status == "done"))
        sb.signoff({1: "负责人签字：", 5: "审核人：", 9: "日期："})
        sb.line({1: "注：活动照片、签到表另册存档；参加人数以签到表为准。"}, "instructions")
        halves.append(sb)
    grid = {
        (1, 1): "南山村2023年健康教育活动汇总",
        (2, 1): "时段",
        (2, 2): "活动次数",
        (2, 3): "参加人数",
    }
    r = 3
    for sb in halves:
        rows = list(sb.twin)
        grid[(r, 1)] = sb.name
        grid[(r, 2)] = len(rows)
        grid[(r, 3)] = sum(int(t["participants"]) for t in rows if t["participants"])
        r += 1
    summary = Plain("汇总", "summary", grid, [(1, 1, 1, 3)])
    return Ledger(
        "h02_nanshan_halfyear_2023",
        "xls",
        2023,
        [*halves, summary],
        [
            ".xls",
            "one sheet per half-year",
            "汇总 sheet last (typed numbers)",
            "merged title",
            "filled-by line",
            "old header words 活动时间, 活动主题, 活动形式, 参加对象, 参加人数, 活动地点, 主办单位",
            "2023.3.24-style dates, 2023.5.15-5.16 range, full-width ２０２３．４．７",
            "六十, 一百二十人",
            "audience joined by /",
            "签到表 √, 负责人, 联系电话",
            "状态 已完成/延期/未开展/取消",
            "合计 row",
            "sign-off line",
            "注： line under the table",
            "reported: 若干",
        ],
    )


def h03_baihe_sections_ods():
    """.ods: category rows, 主讲人 and 学时, year only in the title, spanned rows."""
    locs = ["百合社区党群服务中心", "百合社区卫生服务站", "百合小学"]
    rng = random.Random(13)
    lect = [
        a
        for a in year_acts(
            1303,
            2023,
            range(1, 13),
            (1, 2),
            locations=locs,
            organisers=["x"],
            days=False,
            boards=False,
            leaflets=False,
            trainings=False,
        )
        if a.k == "lecture"
    ]
    cons = [
        a
        for a in year_acts(
            1313,
            2023,
            range(1, 13),
            (1, 1),
            locations=locs,
            organisers=["x"],
            days=True,
            boards=False,
            leaflets=False,
            trainings=False,
        )
        if a.k in ("consult", "day")
    ]
    for a in lect + cons:
        a.extra = {"经费(元)": rng.choice([200, 300, 500])}
        a.tags = []
    pa = act(
        D(2023, 3, 9),
        "lecture",
        "妇女两癌筛查知识讲座",
        ["妇女保健"],
        ["育龄妇女"],
        30,
        "百合社区党群服务中心",
        people=["陈芳"],
        hours="1.5",
        raw={"participants": "30余人"},
        extra={"经费(元)": 300},
    )
    pb = act(
        D(2023, 3, 16),
        "lecture",
        "孕期保健与母乳喂养讲座",
        ["孕产妇保健"],
        ["孕产妇", "育龄妇女"],
        22,
        "百合社区党群服务中心",
        people=["陈芳", "赵红梅"],
        hours="1.5",
        join="\n",
    )
    two = act(
        D(2023, 5, 15),
        "consult",
        "碘缺乏病防治宣传咨询",
        ["科学补碘"],
        ["孕产妇", "辖区居民"],
        120,
        "百合社区卫生服务站",
        people=["李建国", "张敏"],
        hours="6",
        end=D(2023, 5, 16),
        raw={"participants": "一百二十人"},
        extra={"经费(元)": 600},
    )
    bad = act(
        D(2023, 6, 5),
        "lecture",
        "青少年近视防控讲座",
        ["近视防治"],
        ["青少年"],
        48,
        "百合小学",
        people=["刘洋"],
        hours="1",
        raw={"date": "13月5日"},
        bad=("date", "13月5日: there is no 13th month"),
    )
    trains = [
        act(
            D(2023, 4, 20),
            "training",
            "心肺复苏急救技能培训",
            ["家庭急救"],
            ["志愿者", "网格员"],
            26,
            "百合社区党群服务中心",
            people=["周强"],
            hours="3",
            extra={"经费(元)": 800},
        ),
        act(
            D(2023, 10, 19),
            "training",
            "健康生活方式指导员培训",
            ["健康生活方式"],
            ["志愿者"],
            15,
            "百合社区党群服务中心",
            people=["孙伟"],
            hours="6",
            extra={"经费(元)": 1000},
        ),
    ]
    lect = [a for a in lect if a.date.month != 3]
    lect = sorted([*lect, bad], key=lambda a: a.date)
    k = next(i for i, a in enumerate(lect) if a.date.month > 3)
    cons = sorted(cons, key=lambda a: a.date)
    j = next(i for i, a in enumerate(cons) if a.date > two.date)
    items = [
        ("cat", "一、健康知识讲座", "健康知识讲座"),
        *lect[:k],
        ("shared", pa, pb),
        *lect[k:],
        ("cat", "二、健康咨询与义诊", "健康咨询与义诊"),
        *cons[:j],
        ("two_day", two, "5月16日"),
        *cons[j:],
        ("cat", "三、技能培训", "技能培训"),
        *trains,
    ]
    cols = [
        Col("序号", "seq"),
        Col("时间", "date", "md"),
        Col("活动内容", "title"),
        Col("主讲人", "people"),
        Col("学时", "hours", "num"),
        Col("参加对象", "audience", join="、"),
        Col("人数", "participants"),
        Col("地点", "location"),
        Col("经费(元)", "extra"),
        Col("备注", "notes"),
    ]
    sb = SheetB("2023年度", cols)
    sb.why = "the year's activities, grouped by kind"
    sb.title("百合社区2023年度健康教育活动台账")
    sb.header()
    fill(sb, items)
    sb.numbered_empty(3)
    sb.signoff({1: "负责人（签字）：", 4: "审核人（签字）：", 8: "日期：    年  月  日"})
    return Ledger(
        "h03_baihe_sections_2023",
        "ods",
        2023,
        [sb],
        [
            ".ods",
            "spanned title with the year",
            "category rows give the kind",
            "主讲人 (people), 学时 (hours), 经费(元)",
            "old header words 时间, 活动内容, 人数",
            "5月15日 with the year only in the title",
            "two-day activity spanned over two rows",
            "one location spanned over two rows",
            "30余人, 一百二十人",
            "audience joined by 、 and a line break",
            "numbered-empty rows",
            "sign-off line",
            "reported: 13月5日",
        ],
    )


def h04_lanting_csv():
    """GBK CSV of a wide template: 组织者 and 主办单位, 宣传日, 签到表, 照片, 经费, 状态."""
    locs = ["兰亭社区活动室", "兰亭社区卫生服务站", "兰亭广场", "社区宣传栏"]
    orgs = ["兰亭社区卫生服务站", "兰亭社区居委会"]
    acts = [
        a
        for a in year_acts(1404, 2023, range(1, 13), (1, 2), locations=locs, organisers=orgs)
        if not (a.k == "day" and a.date in (D(2023, 5, 15), D(2023, 6, 6)))
    ]
    rng = random.Random(14)
    for a in acts:
        a.host = "兰亭街道办事处"
        if a.k == "day":
            a.extra = {"经费(元)": str(rng.choice([300, 500, 800]))}
    acts = place(
        acts,
        act(
            D(2023, 5, 15),
            "day",
            "防治碘缺乏病日宣传",
            ["科学补碘"],
            ["孕产妇", "辖区居民"],
            88,
            "兰亭广场",
            "兰亭社区卫生服务站",
            host="兰亭街道办事处",
            observance="全国防治碘缺乏病日",
            end=D(2023, 5, 16),
            raw={"date": "5月15日-16日"},
            tags=["sign-in", "photo"],
            extra={"经费(元)": "500"},
        ),
        act(
            D(2023, 6, 6),
            "day",
            "全国爱眼日\u3000义诊",
            ["近视防治"],
            ["青少年", "0-6岁儿童"],
            70,
            "兰亭广场",
            "兰亭社区卫生服务站",
            host="兰亭街道办事处",
            observance="全国爱眼日",
            raw={
                "date": "2023年6月6日上午",
                "participants": "约70人",
                "title": "全国爱眼日\u3000义诊",
            },
            tags=["photo"],
            join="，",
        ),
        act(
            D(2023, 8, 22),
            "lecture",
            "慢性病自我管理\n小组活动",
            ["慢性病管理"],
            ["慢病患者"],
            25,
            "兰亭社区活动室",
            "兰亭社区卫生服务站",
            host="兰亭街道办事处",
            tags=["sign-in", "photo"],
        ),
        act(
            D(2023, 9, 12),
            "lecture",
            "老年人防跌倒知识讲座",
            ["伤害预防"],
            ["老年人"],
            1,
            "兰亭社区活动室",
            "兰亭社区卫生服务站",
            host="兰亭街道办事处",
            raw={"participants": "若干"},
            bad=("participants", "若干 (a number of) is not a head count"),
        ),
        act(
            D(2023, 12, 14),
            "training",
            "家庭医生团队业务培训",
            ["基本公共卫生服务"],
            ["医务人员"],
            None,
            "兰亭社区卫生服务站",
            "兰亭社区卫生服务站",
            host="兰亭街道办事处",
            status="planned",
            word="待定",
        ),
        act(
            D(2023, 12, 22),
            "lecture",
            "冬季呼吸道传染病防治讲座",
            ["呼吸道传染病"],
            ["辖区居民"],
            None,
            "兰亭社区活动室",
            "兰亭社区卫生服务站",
            host="兰亭街道办事处",
            status="cancelled",
            word="取消",
            notes="疫情防控要求",
        ),
    )
    cols = [
        Col("序号", "seq"),
        Col("活动时间", "date", "cn"),
        Col("活动主题", "title"),
        Col("活动形式", "kind"),
        Col("参加对象", "audience", join="、"),
        Col("参加人数", "participants"),
        Col("组织者", "organiser"),
        Col("主办单位", "host"),
        Col("活动地点", "location"),
        Col("宣传日", "observance"),
        Col("签到表", "signin", "有/无"),
        Col("照片(张)", "photo"),
        Col("经费(元)", "extra"),
        Col("状态", "status"),
        Col("备注", "notes"),
    ]
    kinds = {
        "lecture": "讲座",
        "consult": "咨询义诊",
        "board": "宣传栏更换",
        "leaflet": "发放资料",
        "day": "主题日宣传",
        "training": "培训",
    }
    sb = SheetB("", cols, kinds=kinds, done_word="已完成")
    sb.why = "the year's activities"
    sb.title("兰亭社区2023年健康教育活动台账", merge=False)
    sb.line(
        {1: "填报单位：兰亭社区卫生服务站", 6: "填报人：张敏", 11: "填报日期：2024年1月3日"},
        "filled-by",
    )
    sb.header()
    fill(sb, acts)
    sb.total("合计", value=sum(a.n for a in acts if a.n and not a.bad and a.status == "done"))
    sb.signoff({1: "负责人签字：", 6: "审核人：", 11: "日期："})
    return Ledger(
        "h04_lanting_2023",
        "csv",
        2023,
        [sb],
        [
            "GBK CSV",
            "title line",
            "filled-by line",
            "组织者 and 主办单位 both",
            "宣传日, 签到表(有/无), 照片(张), 经费(元), 状态, 备注",
            "2023年3月14日 dates, 2023年6月6日上午, 5月15日-16日 (year in the title)",
            "约70人",
            "U+3000, a line break in a title",
            "audience joined by 、 and ，",
            "状态 已完成/待定/取消",
            "合计 row",
            "sign-off line",
            "reported: 若干",
        ],
    )


HELDOUT = [h01_jinqiao_monthly, h02_nanshan_halfyear_xls, h03_baihe_sections_ods, h04_lanting_csv]


def main():
    import sys

    which = sys.argv[1:] or ["dev", "heldout"]
    for folder, makers in (("dev", DEV), ("heldout", HELDOUT)):
        if folder not in which:
            continue
        for make in makers:
            ledger = make()
            p = build(ledger, folder)
            print(p.relative_to(HERE))


if __name__ == "__main__":
    main()
