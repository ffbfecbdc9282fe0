"""What a user waits for with a city's year: reading the ledger, the check, the command.

    python benchmarks/city.py                  # 100,000 activities
    python benchmarks/city.py --sizes 100000 1000000

For each size the city workload of ``generate.py`` (100 communities, 200 requirements) is
written as files a user would have: the plan as TOML and the ledger as a CSV with Chinese
headers. Then, in this one run:

- ``load_activities`` on the CSV, beside ``pandas.read_csv`` on the same file (the ratio);
- ``check`` on the activities read (a plan review);
- ``commhealth check PLAN --activities LEDGER --format json`` end to end, in a child
  process, with the child's peak memory.

Each timing is the best of ``--repeat`` runs; the files are written before timing.
"""

from __future__ import annotations

import argparse
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from commhealth import check, dump_plan, load_activities
from commhealth.loading import dump_activities

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate


def _best(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - t0)
    return best, result


def _cli(plan: Path, ledger: Path) -> tuple[float, float]:
    """The command's time end to end and its peak memory in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "commhealth", "check", str(plan), "--activities", str(ledger),
         "--format", "json"],
        capture_output=True,
        check=False,
    )  # fmt: skip
    took = time.perf_counter() - t0
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode()[-2000:])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return took, max(peak, before) / 1024


def _measure(n: int, folder: Path, repeat: int, pd: Any) -> str:
    """One size's line of the table."""
    work = generate(n)
    plan, ledger = folder / f"plan-{n}.toml", folder / f"台账-{n}.csv"
    dump_plan(work.plan, plan)
    dump_activities(work.activities, ledger)
    load, acts = _best(lambda: load_activities(ledger), repeat)
    base = _best(lambda: pd.read_csv(ledger), repeat)[0] if pd is not None else float("nan")
    checked, _ = _best(lambda: check(work.plan, acts), repeat)
    cli, peak = _cli(plan, ledger)
    return (
        f"{n:>11,} {load:>8.2f} {base:>9.2f} {load / base:>6.1f} {checked:>8.2f} "
        f"{cli:>7.2f} {peak:>7.0f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        import pandas as pd  # noqa: PLC0415 - the baseline, when pandas is there
    except ImportError:
        pd = None
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    print(
        f"{'activities':>11} {'load s':>8} {'pandas s':>9} {'ratio':>6} {'check s':>8} "
        f"{'CLI s':>7} {'CLI MB':>7}"
    )
    with tempfile.TemporaryDirectory() as folder:
        # Smallest first: a child's peak memory is the most any child has reached so far.
        for n in sorted(args.sizes):
            print(_measure(n, Path(folder), args.repeat, pd), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
