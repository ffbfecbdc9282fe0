"""Time checking 1,000 communities at once: a serial loop, a process pool of 1 and of 2.

    python benchmarks/batch.py                      # 1,000 communities, best of 3
    python benchmarks/batch.py --communities 200 --repeat 5

The folder is written by ``communities.py`` (each community the 龙苑 plan with its own
year's ledger, figures and score sheet) into a temporary directory; writing it is not timed.
Each round times, one after the other:

- **serial** — a plain loop in this process: ``load_plan``, ``load_activities``,
  ``load_observations`` and ``check`` for each community, with nothing else around it;
- **pool, 1 worker** and **pool, 2 workers** — ``list(check_many(folder, jobs=N))`` end to
  end, starting and stopping the process pool included, in default chunks;
- **pool, 2 workers, chunks of 1** — the same with one community per task, to show what
  chunking saves;
- **evaluate, 2 workers** — ``evaluate_many`` against the folder's scheme;
- **check-all, 2 workers** — the command, ``commhealth check-all DIR --jobs 2``, run as a
  subprocess: Python's start-up, the imports and the table included;
- **Dask** (when the ``dask`` extra is installed) — ``check_many`` on the executor of a
  ``LocalCluster`` of 2 worker processes of one thread each, in default chunks and in chunks
  of 1; starting the cluster is not timed.

The per-community overhead of the pool is (pool with 1 worker − serial) ÷ communities: what
sending paths out, reading files in a worker and sending an outcome back costs beyond the
work itself, with the pool's start-up spread over the batch. On a shared machine that
difference drowns in noise, so the cost of a task is also timed alone: 1,000 tasks that do
nothing (``int()``), on a process pool of 2 already started, and on the Dask cluster.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from communities import write_communities

from commhealth import check, load_activities, load_observations, load_plan
from commhealth.batch import Community, check_many, communities_in, evaluate_many


def serial(folder: Path) -> int:
    """Check each community in this process, one after the other; return how many failed."""
    failed = 0
    for sub in communities_in(folder):
        c = Community.in_folder(sub)
        plan = load_plan(c.plan)
        acts = load_activities(c.activities) if c.activities else ()
        obs = load_observations(c.observations) if c.observations else ()
        failed += not check(plan, acts, obs).ok
    return failed


def timed(runs: list[tuple[str, Callable[[], object]]], repeat: int) -> dict[str, float]:
    """The best of ``repeat`` rounds of each run, each after a full collection. A round runs
    every one in turn, so that a burst of other work on the machine lands on all of them."""
    best = {name: float("inf") for name, _ in runs}
    for _ in range(repeat):
        for name, fn in runs:
            gc.collect()
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def _empty(executor: Executor) -> None:
    """Submit 1,000 tasks that do nothing, one by one, and wait for them all."""
    futures = [executor.submit(int) for _ in range(1000)]
    for f in futures:
        f.result()


def _dask() -> tuple[Any, Any] | None:
    """A LocalCluster of two one-thread worker processes and its client, if dask is there."""
    try:
        from dask.distributed import Client, LocalCluster  # noqa: PLC0415 - the dask extra
    except ImportError:
        return None
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
    return cluster, Client(cluster)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--communities", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best is reported")
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    n = args.communities
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "district"
        scheme = write_communities(folder, n, seed=args.seed)
        acts = sum(
            len(load_activities(folder / s.name / "activities.csv")) for s in communities_in(folder)
        )
        env = dict(os.environ)
        src = str(Path(__file__).resolve().parent.parent / "src")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
        command = [sys.executable, "-m", "commhealth", "check-all", str(folder), "--jobs", "2"]
        runs: list[tuple[str, Callable[[], object]]] = [
            ("serial loop, this process", lambda: serial(folder)),
            ("check_many, pool of 1", lambda: list(check_many(folder, jobs=1))),
            ("check_many, pool of 2", lambda: list(check_many(folder, jobs=2))),
            (
                "check_many, pool of 2, chunks of 1",
                lambda: list(check_many(folder, jobs=2, chunk_size=1)),
            ),
            (
                "evaluate_many, pool of 2",
                lambda: list(evaluate_many(folder, scheme=scheme, jobs=2)),
            ),
            (
                "commhealth check-all --jobs 2",
                lambda: subprocess.run(command, env=env, capture_output=True, check=False),
            ),
        ]
        cluster = _dask()
        if cluster is not None:
            client = cluster[1]
            runs += [
                (
                    "Dask LocalCluster of 2",
                    lambda: list(check_many(folder, executor=client.get_executor())),
                ),
                (
                    "Dask LocalCluster of 2, chunks of 1",
                    lambda: list(check_many(folder, executor=client.get_executor(), chunk_size=1)),
                ),
            ]
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

        pool = ProcessPoolExecutor(max_workers=2)
        list(pool.map(int, range(4)))  # started before timing
        runs.append(("1,000 empty tasks, pool of 2", lambda: _empty(pool)))
        if cluster is not None:
            runs.append(("1,000 empty tasks, Dask", lambda: _empty(cluster[1].get_executor())))
        try:
            best = timed(runs, args.repeat)
        finally:
            pool.shutdown()
            if cluster is not None:
                cluster[1].close()
                cluster[0].close()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs; "
        f"Python {platform.python_version()}"
    )
    print(f"{n} communities, {acts} activities in all; best of {args.repeat} rounds")
    base = best["serial loop, this process"]
    for name, t in best.items():
        if name.startswith("1,000 empty"):
            continue
        print(f"{name:<36} {t:7.3f} s  {t / n * 1000:6.2f} ms a community  {base / t:5.2f}× serial")
    one = best["check_many, pool of 1"]
    print(f"per-community overhead of the pool: {(one - base) / n * 1000:.2f} ms")
    for name in ("1,000 empty tasks, pool of 2", "1,000 empty tasks, Dask"):
        if name in best:
            print(f"{name}: {best[name]:.3f} s, {best[name]:.3f} ms a task")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
