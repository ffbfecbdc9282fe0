"""Time the engine on synthetic city-scale workloads, and the naive reference beside it.

    python benchmarks/run.py                      # 10k, 100k and 1M activities
    python benchmarks/run.py --sizes 10000,100000

For each size one workload is generated (not timed: building a million ``Activity``
objects is the loader's cost, not the engine's), then:

* **engine** — ``commhealth.check(plan, activities, observations)``: the index and every
  evaluator, best of a few runs (one run at a million). A full garbage collection runs
  before each timed run so that runs start alike; the collector stays on during it, as it
  is for users.
* **engine, GC paused** — the same with the cyclic garbage collector switched off for the
  duration: what the engine costs apart from the collector walking its big lists.
* **naive** — :func:`commhealth.engine._reference.reference_check`, which scans every
  activity for every quota window. When the whole run would take longer than
  ``--naive-budget`` seconds, a sample of the quotas is timed instead and the rest is
  extrapolated, per kind of quota, from how many activity-window scans each needs; such
  figures are marked ``≈`` and the sample is named below the table.

Everything runs in this one process, on one core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import attrs

# Run as a script, this folder is on sys.path, so its sibling module imports by name.
from generate import Workload, generate

from commhealth import Plan, Quota, Report, check, resolve
from commhealth.engine._context import Context
from commhealth.engine._index import ScheduleIndex
from commhealth.engine._reference import (
    canonical_order,
    reference_check,
    reference_quota,
)


@dataclass
class Row:
    """One size's figures."""

    activities: int
    requirements: int
    findings: int
    ids: int
    engine: float
    paused: float
    naive: float | None
    naive_estimated: bool
    note: str


def _timed(run: Callable[[], Any], *, repeats: int, pause_gc: bool = False) -> tuple[float, Any]:
    """The best wall-clock time of ``repeats`` runs, and the last run's result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        result = None  # let the previous result go before the clock starts
        gc.collect()
        if pause_gc:
            gc.disable()
        try:
            start = time.perf_counter()
            result = run()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best, result


def _scans(quota: Quota, plan: Plan) -> int:
    """How many windows (times *for each* values) the naive scan goes through."""
    fe = quota.for_each
    if fe is None:
        keys = 1
    elif fe.team is not None:
        keys = len(plan.team(fe.team).members)
    elif fe.children:
        keys = len(plan.children)
    else:
        keys = len(fe.values)
    named = [plan.window(n) for n in quota.within]
    windows = [
        w for w in quota.per.windows(plan.span) if not named or any(w.overlaps(n) for n in named)
    ]
    return keys * len(windows)


def _shape(quota: Quota) -> str:
    return "for-each" if quota.for_each is not None else "plain"


def _naive(
    w: Workload, as_of: dt.date | None, budget: float, engine_report: Report
) -> tuple[float, bool, str]:
    """The naive reference's time: measured, or extrapolated from a sample of quotas."""
    plan, n = w.plan, len(w.activities)
    quotas = [r for r in plan.requirements if isinstance(r, Quota)]
    scans = {q.id: _scans(q, plan) for q in quotas}
    # Calibrate on the cheapest quota of each shape, then add quotas while the budget lasts.
    schedule = canonical_order(w.activities)
    ctx = Context(resolve(plan), ScheduleIndex(schedule), w.observations, as_of)
    by_shape: dict[str, list[Quota]] = {}
    for q in sorted(quotas, key=lambda q: (scans[q.id], q.id)):
        by_shape.setdefault(_shape(q), []).append(q)
    sample: list[Quota] = [qs[0] for qs in by_shape.values()]
    spent: dict[str, float] = {}
    done_scans: dict[str, int] = {}
    agree = True
    by_req: dict[str, list[Any]] = {}
    for f in engine_report.findings:
        by_req.setdefault(f.requirement, []).append(f)
    timed: list[Quota] = []
    deadline = time.perf_counter() + budget / 2
    queue = list(sample) + [q for qs in by_shape.values() for q in qs[1:]]
    rng = random.Random(0)
    rest = queue[len(sample) :]
    rng.shuffle(rest)
    queue = queue[: len(sample)] + rest
    for q in queue:
        if timed and time.perf_counter() > deadline:
            break
        per_scan = sum(spent.values()) / max(1, sum(done_scans.values()) * n)
        if timed and per_scan * scans[q.id] * n > deadline - time.perf_counter():
            continue
        gc.collect()
        start = time.perf_counter()
        found = list(reference_quota(q, ctx, schedule))
        spent[_shape(q)] = spent.get(_shape(q), 0.0) + time.perf_counter() - start
        done_scans[_shape(q)] = done_scans.get(_shape(q), 0) + scans[q.id]
        agree &= found == by_req.get(q.id, [])
        timed.append(q)
    total_scans = sum(scans.values())
    full_estimate = sum(
        spent[s] / done_scans[s] * sum(scans[q.id] for q in qs) for s, qs in by_shape.items()
    )
    if len(timed) == len(quotas) or full_estimate <= budget:
        seconds, report = _timed(
            lambda: reference_check(plan, w.activities, w.observations, as_of=as_of), repeats=1
        )
        same = "agrees with the engine" if report == engine_report else "DIFFERS from the engine"
        return seconds, False, f"naive: full run, {same}"
    others = attrs.evolve(
        plan, requirements=tuple(r for r in plan.requirements if not isinstance(r, Quota))
    )
    fixed, _ = _timed(
        lambda: reference_check(others, w.activities, w.observations, as_of=as_of), repeats=1
    )
    sampled = sum(scans[q.id] for q in timed)
    note = (
        f"naive: {len(timed)} of {len(quotas)} quotas timed ({sampled:,} of {total_scans:,} "
        f"window scans, {100 * sampled / total_scans:.1f}%), the rest extrapolated per kind of "
        f"quota; the timed quotas {'agree' if agree else 'DIFFER'} with the engine"
    )
    return fixed + full_estimate, True, note


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()} "
        f"({platform.python_implementation()}) on {platform.system()}"
    )


def _fmt(seconds: float | None, estimated: bool = False) -> str:
    if seconds is None:
        return "—"
    mark = "≈" if estimated else ""
    return f"{mark}{seconds:.3f}" if seconds < 100 else f"{mark}{seconds:,.0f}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="10000,100000,1000000",
        help="comma-separated numbers of activities (default: %(default)s)",
    )
    parser.add_argument(
        "--seed", type=int, default=2025, help="workload seed (default: %(default)s)"
    )
    parser.add_argument(
        "--communities", type=int, default=100, help="child organisations (default: %(default)s)"
    )
    parser.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=None,
        help="time a progress check as of this day instead of a plan review",
    )
    parser.add_argument(
        "--shuffle", action="store_true", help="hand the schedule over in random order"
    )
    parser.add_argument(
        "--naive-budget",
        type=float,
        default=60.0,
        help="seconds the naive reference may take per size before it is sampled (default: %(default)s)",
    )
    parser.add_argument("--no-naive", action="store_true", help="time the engine only")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    print(f"machine: {_machine()}")
    print(
        f"workload: seed {args.seed}, {args.communities} communities, "
        f"{'progress as of ' + str(args.as_of) if args.as_of else 'plan review'}"
        f"{', shuffled schedule' if args.shuffle else ''}"
    )
    rows: list[Row] = []
    for n in sizes:
        start = time.perf_counter()
        w = generate(n, seed=args.seed, communities=args.communities)
        if args.shuffle:
            random.Random(args.seed).shuffle(w.activities)
        made = time.perf_counter() - start
        # Warm up what every first check pays once (the observance registry, rrule).
        check(w.plan, w.activities[:50], w.observations, as_of=args.as_of)
        repeats = 5 if n <= 10_000 else 3 if n <= 100_000 else 1

        def run(w: Workload = w) -> Report:
            return check(w.plan, w.activities, w.observations, as_of=args.as_of)

        engine, report = _timed(run, repeats=repeats)
        paused, _ = _timed(run, repeats=repeats, pause_gc=True)
        naive: float | None = None
        estimated, note = False, ""
        if not args.no_naive:
            naive, estimated, note = _naive(w, args.as_of, args.naive_budget, report)
        rows.append(
            Row(
                activities=n,
                requirements=len(resolve(w.plan).all_requirements()),
                findings=len(report.findings),
                ids=sum(len(f.activities) for f in report.findings),
                engine=engine,
                paused=paused,
                naive=naive,
                naive_estimated=estimated,
                note=note,
            )
        )
        print(
            f"  {n:,} activities generated in {made:.1f} s; engine best of {repeats}: "
            f"{engine:.3f} s",
            flush=True,
        )
        del w, report

    print()
    head = (
        "| activities | requirements | findings | ids listed | engine s | engine s, GC paused "
        "| naive s | naive ÷ engine | 10× activities → time × |"
    )
    print(head)
    print("|" + "---:|" * 9)
    by_size = {r.activities: r for r in rows}
    for r in rows:
        smaller = by_size.get(r.activities // 10)
        scaling = f"{r.engine / smaller.engine:.1f}" if smaller and r.activities % 10 == 0 else "—"
        ratio = (
            "—"
            if r.naive is None
            else f"{'≈' if r.naive_estimated else ''}{r.naive / r.engine:,.0f}"
        )
        print(
            f"| {r.activities:,} | {r.requirements} | {r.findings:,} | {r.ids:,} "
            f"| {_fmt(r.engine)} | {_fmt(r.paused)} | {_fmt(r.naive, r.naive_estimated)} "
            f"| {ratio} | {scaling} |"
        )
    print()
    for r in rows:
        if r.note:
            print(f"{r.activities:,}: {r.note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
