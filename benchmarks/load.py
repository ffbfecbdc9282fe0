"""Time reading activity ledgers, and refusing inputs past the limits.

    python benchmarks/load.py                      # 10,000 and 100,000 rows
    python benchmarks/load.py --sizes 10000

A ledger of N rows in the shape of the shipped 龙苑 ledger (seven Chinese columns, dates,
topic lists, head counts, statuses) is written as CSV and as .xlsx into a temporary folder,
then read with ``read_activities`` three times; the fastest run is shown, in rows a second.
Then the time to refuse each input past a limit: a 200 MB CSV, a 1.6 KB .xlsx whose one
cell sits at XFD1048576, a rule that never occurs. Files are written before timing.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from commhealth import CommhealthError, loads_plan
from commhealth.loading import read_activities

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.spreadsheets import write_xlsx

_HEADER = ["日期", "活动名称", "活动类型", "主题", "参加人数", "地点", "状态"]


def _row(i: int) -> list[str]:
    return [
        f"2022-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
        f"健康讲座{i}",
        "health-education",
        "结核病防治、生殖健康",
        str(i % 50),
        "活动室",
        "已完成",
    ]


def _fastest(run: Callable[[], object], times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _refused(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    try:
        run()
    except CommhealthError:
        return time.perf_counter() - start
    msg = "expected a refusal"
    raise AssertionError(msg)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="rows per ledger, comma-separated")
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        print(f"{'rows':>9} {'CSV s':>8} {'CSV rows/s':>11} {'xlsx s':>8} {'xlsx rows/s':>12}")
        for n in (int(s) for s in args.sizes.split(",")):
            rows = [_row(i) for i in range(n)]
            csv_path = here / f"ledger-{n}.csv"
            csv_path.write_text(
                "\n".join(",".join(r) for r in [_HEADER, *rows]) + "\n", encoding="utf-8"
            )
            xlsx_path = write_xlsx(
                here / f"ledger-{n}.xlsx", {i + 1: r for i, r in enumerate([_HEADER, *rows])}
            )
            t_csv = _fastest(lambda p=csv_path: read_activities(p))
            t_xlsx = _fastest(lambda p=xlsx_path: read_activities(p))
            print(f"{n:>9,} {t_csv:>8.2f} {n / t_csv:>11,.0f} {t_xlsx:>8.2f} {n / t_xlsx:>12,.0f}")
        huge = here / "huge.csv"
        with huge.open("wb") as f:
            f.truncate(200 * 1024 * 1024)
        far = write_xlsx(
            here / "far.xlsx", {1: ["日期"], 1048576: ["x"]}, dimension="A1:XFD1048576"
        )
        plan = (
            'schema = 1\nid = "p"\norganisation = { id = "o" }\n'
            "span = { start = 2022-01-01, end = 2023-01-01 }\n"
        )
        never = plan + (
            '[[requirements]]\ntype = "recurrence"\nid = "r"\n'
            'rule = "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"\n'
        )
        print("\nrefused in (s):")
        print(f"  a 200 MB CSV              {_refused(lambda: read_activities(huge)):.4f}")
        print(f"  a cell at XFD1048576      {_refused(lambda: read_activities(far)):.4f}")
        print(f"  a rule that never occurs  {_refused(lambda: loads_plan(never, 'toml')):.4f}")


if __name__ == "__main__":
    main()
