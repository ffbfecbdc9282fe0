"""The quota verdicts of a plan review computed with pandas, beside ``commhealth.check``.

    python benchmarks/baseline.py                         # 100k activities
    python benchmarks/baseline.py --sizes 100000 1000000 --repeat 3

What a competent analyst would write with pandas for the city workload of ``generate.py``
(100 communities, 200 requirements, about 164 of them quotas), timed in the same run as the
library and checked against it:

- **frame** — the activities as one DataFrame, the state an analyst has after
  ``pd.read_csv`` with its dates parsed and its list columns split: one column per field,
  the set-valued fields (topics, tags, audience, people) as lists. Timed on its own.
- **pandas** — from that frame to every quota's verdicts: cancelled rows dropped, the
  set-valued fields exploded once and the selector's fields (kind, tags, topics, audience)
  one-hot encoded once, each row's window number per cadence (``pd.cut`` on the window
  starts); then for each quota a boolean mask for its selector (and its named windows),
  a ``groupby`` on the window (and
  the *for each* value, exploded when the field holds a set), the measure aggregated
  (``size``, ``sum`` of days, hours or participants, ``nunique`` of exploded values for
  *distinct*), a ``reindex`` so that empty windows give 0, and the bound judged as a
  closed window is: ``missed`` below ``min``, ``exceeded`` above ``max``, else ``met``.
- **check** — ``commhealth.check(plan, activities)``, the whole plan review (every kind of
  requirement, not only the quotas), from the same activities.

Every verdict (requirement, window, *for each* key → status and achieved figure) must equal
the library's quota finding; the first differences are printed and the exit status is 1
otherwise. Quotas with ``workdays_only`` need holiday data and are skipped (the count is
printed; the city plan has none). The kinds are taken as the ledger writes them: the city
ledger uses the plan's codes, so the library's reading of kind synonyms changes nothing.
Each timing is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import gc
import math
import platform
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

from commhealth import (
    Activity,
    Cadence,
    Measure,
    Plan,
    Quota,
    Reason,
    Report,
    Schedule,
    Window,
    check,
    resolve,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

#: Fields that hold a set of values; the others hold one value or none.
SET_FIELDS = ("topics", "tags", "audience", "people")
#: Fields that hold one value or none.
SCALAR_FIELDS = ("kind", "organiser", "location", "observance", "title")
#: Fields a selector reads through one-hot columns: any listed value matches.
SELECTOR_FLAGS = ("kind", "tags", "topics", "audience")

#: A verdict's key, (requirement, window start as ISO date, for-each key), and its figures.
Key = tuple[str, str, str | None]
Verdict = tuple[str, float]


def _best(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The best wall-clock time of ``repeat`` runs, and the last run's result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        result = None  # let the previous result go before the clock starts
        gc.collect()
        t0 = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - t0)
    return best, result


def activity_frame(pd: Any, activities: Sequence[Activity]) -> Any:
    """The activities as one DataFrame, as ``read_csv`` and a little cleaning would leave them."""
    columns: dict[str, Any] = {"id": list(map(attrgetter("id"), activities))}
    columns["date"] = pd.Series(list(map(attrgetter("date"), activities)), dtype="datetime64[s]")
    columns["end"] = pd.Series(list(map(attrgetter("end"), activities)), dtype="datetime64[s]")
    for field in SCALAR_FIELDS:
        columns[field] = list(map(attrgetter(field), activities))
    for field in SET_FIELDS:
        # Lists, as ``str.split`` leaves a column of joined values (and ``explode`` likes best).
        columns[field] = [list(v) for v in map(attrgetter(field), activities)]
    columns["hours"] = pd.Series(list(map(attrgetter("hours"), activities)), dtype="float64")
    columns["participants"] = pd.Series(
        list(map(attrgetter("participants"), activities)), dtype="float64"
    )
    columns["status"] = [s.value for s in map(attrgetter("status"), activities)]
    return pd.DataFrame(columns)


@dataclass
class Prepared:
    """What every quota reads, derived once from the frame."""

    live: Any  # the rows that count (not cancelled)
    values: dict[str, Any]  # field → its values, one row per (activity, value), by live row
    flags: dict[str, Any]  # selector field → a bool column per value, by live row
    measures: Any  # days, hours, participants of each live row
    windows: dict[Cadence, tuple[Window, ...]]  # cadence → its windows of the plan's span
    codes: dict[Cadence, Any]  # cadence → each live row's window number (-1: outside)


def prepare(pd: Any, frame: Any, plan: Plan) -> Prepared:
    """Drop the cancelled rows, explode and one-hot the set fields, number the windows."""
    # Positions from 0: the exploded values keep them as their index, to take rows by.
    live = frame[frame["status"] != "cancelled"].reset_index(drop=True)
    values = {f: live[f].explode().dropna() for f in SET_FIELDS}
    values |= {f: live[f].dropna() for f in SCALAR_FIELDS}
    # One-hot columns, once: a selector's "any of these" is then an any() across a few.
    flags = {}
    for f in SELECTOR_FLAGS:
        hot = pd.get_dummies(values[f], dtype=bool)
        if f in SET_FIELDS:  # one row per value: back to one per activity (max is any)
            hot = hot.groupby(level=0).max()
        flags[f] = hot.reindex(live.index, fill_value=False)
    measures = pd.DataFrame(
        {
            "days": (live["end"] - live["date"]).dt.days.add(1).fillna(1).astype("float64"),
            "hours": live["hours"].fillna(0.0),
            "participants": live["participants"].fillna(0.0),
        }
    )
    windows = {c: c.windows(plan.span) for c in Cadence}
    codes = {}
    for cadence, ws in windows.items():
        edges = [pd.Timestamp(w.start) for w in ws] + [pd.Timestamp(ws[-1].end)]
        cut = pd.cut(live["date"], bins=edges, right=False, labels=False)
        codes[cadence] = cut.fillna(-1).astype("int64")
    return Prepared(live, values, flags, measures, windows, codes)


def selected(pd: Any, prep: Prepared, quota: Quota) -> Any:
    """The rows the quota's selector picks: AND across fields, any listed value within one."""
    live, select = prep.live, quota.select
    mask = pd.Series(True, index=live.index)
    for field in SELECTOR_FLAGS:
        wanted = sorted(getattr(select, field))
        if wanted:
            mask &= prep.flags[field].reindex(columns=wanted, fill_value=False).any(axis=1)
    if select.organiser:
        mask &= live["organiser"].isin(sorted(select.organiser))
    return mask


def picked(values: Any, on: Any) -> Any:
    """The exploded ``values`` of the rows the boolean array ``on`` picks (a semi-join by
    row position, so that a join after it is between the selected rows only)."""
    return values[on[values.index.to_numpy()]]


def quota_verdicts(pd: Any, np: Any, prep: Prepared, quota: Quota, plan: Plan) -> Any:
    """One row per judged window (and *for each* value): key, window start, status, actual."""
    live = prep.live
    windows = prep.windows[quota.per]
    code = prep.codes[quota.per]
    mask = selected(pd, prep, quota) & (code >= 0)
    judged = list(range(len(windows)))
    if quota.within:
        named = [plan.window(n) for n in quota.within]
        inside = pd.Series(False, index=live.index)
        for n in named:
            inside |= (live["date"] >= pd.Timestamp(n.start)) & (live["date"] < pd.Timestamp(n.end))
        mask &= inside
        judged = [i for i, w in enumerate(windows) if any(w.overlaps(n) for n in named)]
    columns = {"window": code[mask]}
    if quota.measure.value in prep.measures:
        columns["value"] = prep.measures.loc[mask, quota.measure.value]
    rows = pd.DataFrame(columns)
    on = mask.to_numpy()
    by = ["window"]
    target: Any = pd.Index(judged, name="window")
    if quota.for_each is not None:
        # One row per (activity, value); values the rule does not list fall out at reindex.
        keys = list(plan.for_each_values(quota.for_each))
        rows = rows.join(picked(prep.values[quota.for_each.field], on).rename("key"), how="inner")
        by = ["key", "window"]
        target = pd.MultiIndex.from_product([keys, judged], names=by)
    if quota.measure is Measure.DISTINCT:
        assert quota.of is not None  # the model's validator guarantees it
        rows = rows.join(picked(prep.values[quota.of], on).rename("of"), how="left")
        achieved = rows.groupby(by)["of"].nunique()
    elif quota.measure is Measure.COUNT:
        achieved = rows.groupby(by).size()
    else:
        achieved = rows.groupby(by)["value"].sum()
    achieved = achieved.reindex(target, fill_value=0).astype("float64")
    lo = -math.inf if quota.bound.min is None else quota.bound.min
    hi = math.inf if quota.bound.max is None else quota.bound.max
    out = achieved.rename("actual").reset_index()
    out["status"] = np.select(
        [out["actual"] < lo, out["actual"] > hi], ["missed", "exceeded"], "met"
    )
    starts = np.array([w.start.isoformat() for w in windows], dtype=object)
    out["start"] = starts[out["window"].to_numpy()]
    if "key" not in out:
        out["key"] = None
    out["requirement"] = quota.id
    return out[["requirement", "start", "key", "status", "actual"]]


def pandas_verdicts(pd: Any, np: Any, frame: Any, plan: Plan, quotas: Iterable[Quota]) -> Any:
    """Every quota's verdicts, from the frame: the whole pandas run that is timed."""
    prep = prepare(pd, frame, plan)
    return pd.concat([quota_verdicts(pd, np, prep, q, plan) for q in quotas], ignore_index=True)


def comparable(quotas: Sequence[Quota]) -> tuple[list[Quota], list[Quota]]:
    """The quotas this baseline computes, and those it skips (``workdays_only`` needs the
    holiday calendar)."""
    return [q for q in quotas if not q.workdays_only], [q for q in quotas if q.workdays_only]


def library_verdicts(report: Report, ids: set[str]) -> dict[Key, Verdict]:
    """The library's quota findings of the quotas ``ids``, keyed as the baseline keys them."""
    out: dict[Key, Verdict] = {}
    for f in report.findings:
        if f.requirement in ids and f.reason is Reason.QUOTA:
            assert f.window is not None
            assert isinstance(f.actual, float | int)
            out[(f.requirement, f.window.start.isoformat(), f.key)] = (f.status.value, f.actual)
    return out


def frame_verdicts(verdicts: Any) -> dict[Key, Verdict]:
    """The pandas verdicts keyed the same way."""
    rows = zip(
        verdicts["requirement"],
        verdicts["start"],
        verdicts["key"],
        verdicts["status"],
        verdicts["actual"],
        strict=True,
    )
    return {(r, s, k): (st, float(a)) for r, s, k, st, a in rows}


def differences(ours: dict[Key, Verdict], theirs: dict[Key, Verdict], limit: int = 10) -> list[str]:
    """The first ``limit`` verdicts that differ, or are only on one side, in words."""
    out: list[str] = []
    for key in sorted(ours.keys() | theirs.keys(), key=lambda k: (k[0], k[2] or "", k[1])):
        a, b = ours.get(key), theirs.get(key)
        same = (
            a is not None
            and b is not None
            and a[0] == b[0]
            and math.isclose(a[1], b[1], rel_tol=1e-9, abs_tol=1e-9)
        )
        if not same:
            out.append(f"  {key}: pandas {a}, commhealth {b}")
            if len(out) == limit:
                break
    return out


def _measure(n: int, repeat: int, pd: Any, np: Any) -> tuple[str, list[str]]:
    """One size's line of the table, and the differences found (none, when they agree)."""
    work = generate(n)
    plan = work.plan
    quotas, skipped = comparable(
        [r for r in resolve(plan).all_requirements() if isinstance(r, Quota)]
    )
    took_frame, frame = _best(lambda: activity_frame(pd, work.activities), repeat)
    took_pandas, verdicts = _best(lambda: pandas_verdicts(pd, np, frame, plan, quotas), repeat)
    schedule = Schedule(work.activities)  # what load_activities gives a user
    took_check, report = _best(lambda: check(plan, schedule), repeat)
    ours = frame_verdicts(verdicts)
    theirs = library_verdicts(report, {q.id for q in quotas})
    wrong = differences(ours, theirs)
    agreed = "no" if wrong else "yes"
    line = (
        f"{n:>11,} {len(quotas):>6} {len(skipped):>7} {len(theirs):>7,} {agreed:>6} "
        f"{took_frame:>7.2f} {took_pandas:>8.2f} {took_check:>7.2f} "
        f"{took_pandas / took_check:>7.2f} {(took_frame + took_pandas) / took_check:>10.2f}"
    )
    return line, wrong


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        import numpy as np  # noqa: PLC0415 - pandas brings it; neither is a dependency
        import pandas as pd  # noqa: PLC0415
    except ImportError:
        print("baseline.py needs pandas: pip install pandas", file=sys.stderr)
        return 2
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}; "
        f"pandas {pd.__version__}"
    )
    print(
        f"{'activities':>11} {'quotas':>6} {'skipped':>7} {'windows':>7} {'agree':>6} "
        f"{'frame s':>7} {'pandas s':>8} {'check s':>7} {'ratio':>7} {'with frame':>10}"
    )
    failed = False
    for n in sorted(args.sizes):
        line, wrong = _measure(n, args.repeat, pd, np)
        print(line, flush=True)
        if wrong:
            failed = True
            print(f"pandas and commhealth differ at {n:,} activities:", *wrong, sep="\n")
    print(
        "quotas: compared; skipped: workdays_only (needs holiday data); windows: verdicts "
        "compared (window × for-each key); ratio: pandas ÷ check; with frame: (frame + "
        "pandas) ÷ check. check is the whole plan review, not only its quotas."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
