"""Checking or scoring many communities on an executor, in chunks, in a deterministic order.

The parent process sends each worker a chunk of tasks — paths and a day, never plans or
ledgers — and the worker reads the files, checks each community and sends back small
:class:`Outcome` values. An input that cannot be read becomes an outcome holding the
library error's problems; the other communities go on.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ..errors import CommhealthError, PlanError, Problem
from ._community import Community, communities_in
from ._outcome import Outcome

if TYPE_CHECKING:
    # Only for types: importing concurrent.futures costs ~30 ms, which 'import commhealth'
    # should not pay; the default process pool imports it when it starts.
    from concurrent.futures import Executor, Future

    from .._scheme import Scheme

__all__ = ["check_many", "evaluate_many"]

Inputs = str | os.PathLike[str] | Iterable[Community | str | os.PathLike[str]]

#: The most communities sent to a worker at once: enough that the per-task cost (a few
#: milliseconds on a Dask cluster, well under one in a process pool) is spread thin, few
#: enough that results stream back steadily and the workers finish together.
_MAX_CHUNK = 32


@attrs.frozen(kw_only=True)
class _Task:
    """What a worker needs for one community: where its files are, and how to judge them."""

    community: Community | None = None
    folder: str | None = None
    name: str
    as_of: dt.date | None = None
    scheme: str | None = None


@functools.lru_cache(maxsize=8)
def _scheme(name: str) -> Scheme:
    """The scheme file ``name``, or the shipped scheme of that name: read once per worker."""
    from ..evaluation import load_scheme  # noqa: PLC0415
    from ..schemes import load, names  # noqa: PLC0415

    path = Path(name)
    if not path.exists() and (name in names() or not path.suffix):
        return load(name)  # an unknown name: the error lists the shipped ones
    return load_scheme(path)


def _one(task: _Task) -> Outcome:
    from ..engine import check  # noqa: PLC0415 - workers import the engine, the parent need not
    from ..loading import load_activities, load_observations, load_plan  # noqa: PLC0415

    plan_id: str | None = None
    try:
        community = task.community or Community.in_folder(task.folder or task.name)
        plan = load_plan(community.plan)
        plan_id = plan.id
        activities = load_activities(community.activities) if community.activities else ()
        observations = load_observations(community.observations) if community.observations else ()
        if task.scheme is None:
            return Outcome.of_report(
                task.name, check(plan, activities, observations, as_of=task.as_of)
            )
        from ..evaluation import load_scores  # noqa: PLC0415
        from ..evaluation._evaluate import checked_and_evaluated  # noqa: PLC0415

        scores = load_scores(community.scores) if community.scores else None
        report, assessment = checked_and_evaluated(
            plan,
            activities,
            observations,
            scheme=_scheme(task.scheme),
            scores=scores,
            as_of=task.as_of,
        )
        return Outcome.of_assessment(task.name, report, assessment)
    except CommhealthError as e:
        return Outcome.of_error(task.name, e, plan_id)


def _chunk(tasks: tuple[_Task, ...]) -> list[Outcome]:
    """Run a chunk of tasks in a worker; module-level, so that process pools can pickle it."""
    return [_one(t) for t in tasks]


def _tasks(inputs: Inputs, *, as_of: dt.date | None, scheme: str | None) -> list[_Task]:
    if isinstance(inputs, str | os.PathLike):
        items: Iterable[Community | str | os.PathLike[str]] = communities_in(inputs)
    else:
        items = inputs
    tasks = []
    for item in items:
        if isinstance(item, Community):
            tasks.append(_Task(community=item, name=item.name, as_of=as_of, scheme=scheme))
        else:
            folder = os.fspath(item)
            tasks.append(_Task(folder=folder, name=Path(folder).name, as_of=as_of, scheme=scheme))
    return tasks


def _workers(executor: Executor | None, jobs: int | None) -> int:
    if jobs is not None:
        return jobs
    known = getattr(executor, "_max_workers", None)
    return known if isinstance(known, int) else os.cpu_count() or 1


def _run(
    tasks: list[_Task],
    *,
    executor: Executor | None,
    jobs: int | None,
    chunk_size: int | None,
) -> Iterator[Outcome]:
    if jobs is not None and jobs < 1:
        msg = f"'jobs' must be at least 1 (got {jobs})"
        raise PlanError([Problem(path="jobs", message=msg)])
    if chunk_size is not None and chunk_size < 1:
        msg = f"'chunk_size' must be at least 1 (got {chunk_size})"
        raise PlanError([Problem(path="chunk_size", message=msg)])
    workers = _workers(executor, jobs)
    # Four chunks per worker keeps them busy to the end when communities differ in size.
    size = chunk_size or max(1, min(_MAX_CHUNK, math.ceil(len(tasks) / (4 * workers))))
    chunks = [tuple(tasks[i : i + size]) for i in range(0, len(tasks), size)]
    return _stream(chunks, executor, workers)


def _stream(
    chunks: list[tuple[_Task, ...]], executor: Executor | None, workers: int
) -> Iterator[Outcome]:
    own = executor is None
    if executor is None:
        import multiprocessing  # noqa: PLC0415
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

        # Workers forked from a process that runs threads (polars' pool, numpy's BLAS)
        # can deadlock; a fork server starts them from a process that runs none.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
        executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    pending: deque[Future[list[Outcome]]] = deque()
    try:
        pending.extend(executor.submit(_chunk, c) for c in chunks)
        while pending:
            yield from pending.popleft().result()
    finally:
        for f in pending:  # the caller stopped early, or a worker broke
            f.cancel()
        if own:
            executor.shutdown(wait=True, cancel_futures=True)


def check_many(
    inputs: Inputs,
    *,
    as_of: dt.date | None = None,
    executor: Executor | None = None,
    jobs: int | None = None,
    chunk_size: int | None = None,
) -> Iterator[Outcome]:
    """Check many communities, each on its own plan, ledger and figures, on ``executor``.

    ``inputs`` is a folder laid out one community per subfolder (each holding
    ``plan.toml|json|yaml``, optionally ``activities.csv|xlsx|json|toml`` and
    ``observations.csv|json``), or an iterable of community folders and
    :class:`Community` values. The communities are sent to ``executor`` in chunks of
    ``chunk_size`` (by default a quarter of each worker's share, at most 32) as paths;
    each worker reads the files itself. Without ``executor``, a process pool of ``jobs``
    workers (default: one per CPU) is started and shut down when the results are read.
    Any :class:`concurrent.futures.Executor` will do, a Dask ``Client.get_executor()``
    among them.

    Results come back as they are ready, in the order of ``inputs`` (a folder's
    subfolders by name), one :class:`Outcome` per community. A community whose input
    cannot be read is an outcome with the error's problems; the rest go on.

    Raises:
        PlanError: ``inputs`` is a folder that cannot be read or holds no community
            folders, or ``jobs`` or ``chunk_size`` is below 1.
    """
    tasks = _tasks(inputs, as_of=as_of, scheme=None)
    return _run(tasks, executor=executor, jobs=jobs, chunk_size=chunk_size)


def evaluate_many(
    inputs: Inputs,
    *,
    scheme: str | os.PathLike[str],
    as_of: dt.date | None = None,
    executor: Executor | None = None,
    jobs: int | None = None,
    chunk_size: int | None = None,
) -> Iterator[Outcome]:
    """Score many communities against one scheme, as :func:`check_many` checks them.

    ``scheme`` is a scheme file or the name of a shipped scheme; it is read here first, so
    that a scheme that cannot be read stops the batch before it starts, and once more by
    each worker. Each community's score sheet is ``scores.csv`` in its folder, or
    :attr:`Community.scores`. Each outcome holds the report's summary, the assessment's
    total, maximum and grade, and is ok when the assessment passed.

    Raises:
        PlanError: As :func:`check_many`, or the scheme cannot be read.
        commhealth.errors.UnknownSchemeError: ``scheme`` is neither a file nor a shipped scheme's name.
    """
    name = os.fspath(scheme)
    _scheme(name)
    tasks = _tasks(inputs, as_of=as_of, scheme=name)
    return _run(tasks, executor=executor, jobs=jobs, chunk_size=chunk_size)
