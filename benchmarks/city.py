"""What a user waits for with a city's year: reading the ledger, the check, the command.

    python benchmarks/city.py                  # 100,000 activities
    python benchmarks/city.py --sizes 100000 1000000

For each size the city workload of ``generate.py`` (100 communities, 200 requirements) is
written as files a user would have: the plan as TOML and the ledger as a CSV with Chinese
headers. Then, in this one run:

- ``load_activities`` on the CSV, beside ``pandas.read_csv`` and ``polars.read_csv`` on the
  same file (each ratio is load ÷ the reader before it); a reader that is not installed
  shows ``n/a``. Polars reads on every core it finds (``POLARS_MAX_THREADS`` caps them);
  pandas and the library on one;
- ``check`` on the activities read (a plan review), beside the pandas groupby of the same
  quotas that ``baseline.py`` writes (their verdicts asserted equal);
- ``commhealth check PLAN --activities LEDGER --format json`` end to end, in a child
  process, with the child's peak memory.

Each timing is the best of ``--repeat`` runs; the files are written before timing. Also
timed: a cold ``import commhealth`` and ``commhealth --help`` (fastest of ten), loading the
plan file cold and warm, and how load and check grow from one size to the next.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from commhealth import Quota, check, dump_plan, load_activities, load_plan, resolve
from commhealth.loading import dump_activities

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline import (
    activity_frame,
    comparable,
    differences,
    frame_verdicts,
    library_verdicts,
    pandas_verdicts,
)
from generate import generate


def _best(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - t0)
    return best, result


#: Runs a command and prints its time and its peak memory in MB. A child forked from this
#: process, which holds the generated workload, would report this process's memory as its
#: own peak; forked from a small launcher, it reports its own.
_LAUNCHER = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "done = subprocess.run(sys.argv[1:], capture_output=True); "
    "took = time.perf_counter() - t; "
    "sys.stderr.buffer.write(done.stderr[-2000:]) if done.returncode not in (0, 1) else None; "
    "print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "
    "done.returncode)"
)


def _cli(plan: Path, ledger: Path) -> tuple[float, float]:
    """The command's time end to end and its peak memory in MB."""
    command = [sys.executable, "-m", "commhealth", "check", str(plan), "--activities",
               str(ledger), "--format", "json"]  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *command], capture_output=True, text=True, check=False
    )
    took, peak, code = done.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(done.stderr)
    return float(took), float(peak)


def _optional(name: str) -> Any:
    """The module ``name``, or None when it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _ratio(load: float, base: float | None) -> str:
    return "n/a" if base is None else f"{load / base:.1f}"


def _seconds(took: float | None) -> str:
    return "n/a" if took is None else f"{took:.2f}"


def _startup(repeat: int = 10) -> tuple[float, float]:
    """The fastest of ``repeat`` cold ``import commhealth`` and ``commhealth --help``, each
    in a fresh interpreter (the interpreter's own start is left out of neither)."""

    def run(*args: str) -> float:
        return _best(
            lambda: subprocess.run([sys.executable, *args], capture_output=True, check=True),
            repeat,
        )[0]

    return run("-c", "import commhealth"), run("-m", "commhealth", "--help")


def _plan_load(plan: Path, repeat: int) -> tuple[float, float]:
    """Loading the plan file: the first time in a fresh interpreter (which builds the
    format's converter), and then again (the converter built)."""
    code = (
        "import time, sys; from commhealth import load_plan; t = time.perf_counter(); "
        "load_plan(sys.argv[1]); print(time.perf_counter() - t)"
    )
    cold = min(
        float(subprocess.run([sys.executable, "-c", code, str(plan)], capture_output=True,
                             check=True, text=True).stdout)
        for _ in range(repeat)
    )  # fmt: skip
    warm = _best(lambda: load_plan(plan), repeat)[0]
    return cold, warm


def _groupby(work: Any, acts: Any, repeat: int, pd: Any) -> tuple[float | None, float]:
    """The pandas groupby an analyst would write for the plan's quotas (baseline.py), and
    the library's check, on the same schedule in the same run; their verdicts must agree."""
    if pd is None:
        return None, _best(lambda: check(work.plan, acts), repeat)[0]
    import numpy as np  # noqa: PLC0415 - pandas brings it

    quotas, _ = comparable(
        [r for r in resolve(work.plan).all_requirements() if isinstance(r, Quota)]
    )
    frame = activity_frame(pd, work.activities)
    took, verdicts = _best(lambda: pandas_verdicts(pd, np, frame, work.plan, quotas), repeat)
    checked, report = _best(lambda: check(work.plan, acts), repeat)
    wrong = differences(frame_verdicts(verdicts), library_verdicts(report, {q.id for q in quotas}))
    if wrong:
        raise SystemExit("pandas and commhealth differ:\n" + "\n".join(wrong))
    return took, checked


def _measure(n: int, folder: Path, repeat: int, pd: Any, pl: Any) -> tuple[str, float, float]:
    """One size's line of the table, with the load's and the check's times."""
    work = generate(n)
    plan, ledger = folder / f"plan-{n}.toml", folder / f"台账-{n}.csv"
    dump_plan(work.plan, plan)
    dump_activities(work.activities, ledger)
    load, acts = _best(lambda: load_activities(ledger), repeat)
    base = _best(lambda: pd.read_csv(ledger), repeat)[0] if pd is not None else None
    fast = _best(lambda: pl.read_csv(ledger), repeat)[0] if pl is not None else None
    grouped, checked = _groupby(work, acts, repeat, pd)
    del work  # a user after load_activities holds no Activity objects
    cli, peak = _cli(plan, ledger)
    line = (
        f"{n:>11,} {load:>8.2f} {_seconds(base):>9} {_ratio(load, base):>6} "
        f"{_seconds(fast):>9} {_ratio(load, fast):>6} {checked:>8.2f} {_seconds(grouped):>9} "
        f"{_ratio(grouped, checked) if grouped else 'n/a':>6} {cli:>7.2f} {peak:>7.0f}"
    )
    return line, load, checked


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--startup-runs", type=int, default=10, help="fresh interpreters timed")
    args = parser.parse_args(argv)
    pd, pl = _optional("pandas"), _optional("polars")  # the baselines, when they are there
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    imported, helped = _startup(args.startup_runs)
    print(
        f"cold import commhealth {imported * 1000:.0f} ms; commhealth --help {helped * 1000:.0f} ms"
    )
    print(
        f"{'activities':>11} {'load s':>8} {'pandas s':>9} {'ratio':>6} {'polars s':>9} "
        f"{'ratio':>6} {'check s':>8} {'groupby s':>9} {'×':>6} {'CLI s':>7} {'CLI MB':>7}"
    )
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        for n in sorted(args.sizes):
            line, load, checked = _measure(n, Path(folder), args.repeat, pd, pl)
            lines.append((n, load, checked))
            print(line, flush=True)
        cold, warm = _plan_load(Path(folder) / f"plan-{min(args.sizes)}.toml", args.repeat)
    print(f"loading the 200-requirement plan: {cold * 1000:.0f} ms cold, {warm * 1000:.0f} ms warm")
    for (n0, l0, c0), (n1, l1, c1) in pairwise(lines):
        print(f"{n1 // n0}× the activities: load {l1 / l0:.1f}× the time, check {c1 / c0:.1f}×")
    print(
        "ratio: load ÷ the reader before it; ×: the pandas groupby of the same quotas ÷ "
        "check (verdicts asserted equal); CLI: check … --format json in a child process"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
