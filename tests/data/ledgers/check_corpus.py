"""Check the ledger corpus against itself, reading only the committed files.

    python tests/data/ledgers/check_corpus.py [-v]

For every ledger: the sheets listed in NAME.expect.toml are the workbook's sheets, in
order; on every ledger sheet each non-empty row is exactly one of a header row, a twin
line, a reported row or a noted row; the twin has the agreed header and well-formed
values.  Needs python-calamine (and tomllib, Python 3.11+).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
import tomllib
from pathlib import Path

import python_calamine

HERE = Path(__file__).resolve().parent
HEADER = [
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
KNOWN_WHAT = {
    "title",
    "filled-by",
    "category-header",
    "total",
    "numbered-empty",
    "sign-off",
    "instructions",
    "merged-continuation",
}


def read_book(path: Path) -> dict[str, list[list]]:
    if path.suffix == ".csv":
        text = path.read_bytes().decode("gbk")
        return {"": list(csv.reader(io.StringIO(text, newline="")))}
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}


def nonempty_rows(rows: list[list]) -> set[int]:
    out = set()
    for i, row in enumerate(rows):
        if any(v not in (None, "") and not (isinstance(v, str) and not v.strip()) for v in row):
            out.add(i + 1)
    return out


def check(path: Path, verbose=False) -> list[str]:  # noqa: PLR0915
    errs = []
    stem = path.name[: -len(path.suffix)]
    exp = tomllib.loads((path.parent / f"{stem}.expect.toml").read_text("utf-8"))
    twin_text = (path.parent / f"{stem}.twin.csv").read_text("utf-8")
    twin = list(csv.DictReader(io.StringIO(twin_text, newline="")))
    if twin_text.splitlines()[0].split(",") != HEADER:
        errs.append("twin header")
    book = read_book(path)
    names = [s["name"] for s in exp["sheets"]]
    if names != list(book):
        errs.append(f"sheets {names} != {list(book)}")
    for t in twin:
        for k in ("date", "end"):
            if t[k]:
                try:
                    d = dt.date.fromisoformat(t[k])
                except ValueError:
                    errs.append(f"bad {k} {t[k]!r}")
                    continue
                if d.year != exp["year"]:
                    errs.append(f"row {t['row']}: {k} {t[k]} outside {exp['year']}")
        if t["end"] and t["end"] <= t["date"]:
            errs.append(f"row {t['row']}: end before date")
        if t["participants"] and not re.fullmatch(r"\d+", t["participants"]):
            errs.append(f"row {t['row']}: participants {t['participants']!r}")
        if t["status"] not in ("done", "planned", "cancelled"):
            errs.append(f"row {t['row']}: status {t['status']!r}")
        if t["tags"] and set(t["tags"].split("|")) - {"sign-in", "photo"}:
            errs.append(f"row {t['row']}: tags {t['tags']!r}")
        json.loads(t["extras"])
        if not t["title"]:
            errs.append(f"row {t['row']}: no title")
    order = [(names.index(t["sheet"]), int(t["row"])) for t in twin if t["sheet"] in names]
    if order != sorted(order):
        errs.append("twin not in sheet-then-row order")
    for s in exp["sheets"]:
        if not s["ledger"]:
            continue
        name = s["name"]
        rows = book.get(name, [])
        marks_in = [(r, "header") for r in s.get("header_rows", [])]
        marks_in += [(int(t["row"]), "twin") for t in twin if t["sheet"] == name]
        marks_in += [(x["row"], "reported") for x in exp.get("reported", []) if x["sheet"] == name]
        for x in exp.get("noted", []):
            if x["sheet"] == name:
                if x["what"] not in KNOWN_WHAT:
                    errs.append(f"{name}!{x['row']}: what {x['what']!r}")
                marks_in.append((x["row"], "noted:" + x["what"]))
        seen: dict[int, list[str]] = {}
        for r, what in marks_in:
            seen.setdefault(r, []).append(what)
        filled = nonempty_rows(rows)
        for r in sorted(filled | set(seen)):
            marks = seen.get(r, [])
            # a merged-continuation row may be empty apart from the day it adds
            if len(marks) != 1:
                errs.append(f"{name}!{r}: accounted for as {marks or 'nothing'}: {rows[r - 1]}")
            elif r not in filled:
                errs.append(f"{name}!{r}: listed as {marks[0]} but empty")
        for x in exp.get("reported", []):
            if x["sheet"] == name:
                hdr = [str(v).strip() for rr in s.get("header_rows", []) for v in rows[rr - 1]]
                if x["column"] not in hdr:
                    errs.append(f"{name}!{x['row']}: reported column {x['column']!r} not a header")
        if verbose:
            for i, row in enumerate(rows):
                tag = ",".join(seen.get(i + 1, []))
                print(f"  {name}!{i + 1:<3} {tag:<22} {[v for v in row if v not in ('', None)]}")
    return errs


def main():
    verbose = "-v" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("-")]
    files = sorted(
        p
        for p in HERE.glob("*/*")
        if p.suffix in (".xlsx", ".xls", ".ods", ".csv") and not p.name.endswith(".twin.csv")
    )
    bad = 0
    for p in files:
        if only and not any(o in p.name for o in only):
            continue
        if verbose:
            print(p.relative_to(HERE))
        errs = check(p, verbose)
        n = sum(
            1
            for _ in csv.DictReader(
                io.StringIO(
                    (p.parent / (p.name[: -len(p.suffix)] + ".twin.csv")).read_text("utf-8")
                )
            )
        )
        print(f"{'FAIL' if errs else 'ok  '} {p.relative_to(HERE)}: {n} activities")
        for e in errs:
            print("     ", e)
        bad += bool(errs)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
