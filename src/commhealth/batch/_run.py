"""Checking or scoring many communities on an executor, in chunks, in a deterministic order.

The parent process sends each worker a chunk of tasks — paths and a day, never plans or
ledgers — and the worker reads the files, checks each community and sends back small
:class:`Outcome` values. An input that cannot be read becomes an outcome holding the
library error's problems; the other communities go on.

Nothing one community does ends the batch. An exception of any kind is caught in the
worker and becomes the community's outcome. On the process pool this module starts itself
(:class:`_Pool`), each worker also notes in shared memory which community it is checking
and since when, so that the parent can stop a community past its time-out (by killing its
worker) and, when a worker dies, say which communities were being checked: the pool is
started again, the unfinished communities sent again, and those that were being checked
when it died are tried again, each on its own. A death counts against a community only
when it alone was being checked; one against which two count is reported, not tried again.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import CommhealthError, PlanError, Problem
from ._community import Community, communities_in
from ._outcome import Outcome

if TYPE_CHECKING:
    # Only for types: importing concurrent.futures costs ~30 ms, which 'import commhealth'
    # should not pay; the default process pool imports it when it starts.
    from concurrent.futures import Executor, Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext

    from .._scheme import Scheme

__all__ = ["check_many", "evaluate_many"]

Inputs = str | os.PathLike[str] | Iterable[Community | str | os.PathLike[str]]

#: The most communities sent to a worker at once: enough that the per-task cost (a few
#: milliseconds on a Dask cluster, well under one in a process pool) is spread thin, few
#: enough that results stream back steadily and the workers finish together.
_MAX_CHUNK = 32

#: How often the parent looks for a community past its time-out, in seconds.
_WATCH_EVERY = 0.2

#: How often a worker looks whether the batch's process is still there, in seconds.
_WATCH_PARENT_EVERY = 0.5

#: How many times in a row the pool may break with no community being checked (a worker
#: that dies while starting) before the communities left are reported as not checked.
_MAX_FRUITLESS_RESTARTS = 3


@attrs.frozen(kw_only=True)
class _Task:
    """What a worker needs for one community: where its files are, and how to judge them."""

    index: int
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
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except BaseException as e:
        # A bug, a MemoryError, the spreadsheet reader's panic: this community's, not the
        # batch's.
        return Outcome.of_exception(task.name, e, plan_id)


#: In a worker of the pool this module starts: when each task began (``time.monotonic()``,
#: 0 before it starts, -1 once done) and which process checks it, indexed by the task's
#: index. ``None`` in any other executor's workers.
_started: Any = None
_pids: Any = None


def _init_worker(started: Any, pids: Any, parent: int) -> None:
    """Set up a worker of the pool this module starts."""
    global _started, _pids  # one worker process, set once at its start
    _started, _pids = started, pids
    # Ctrl-C reaches every process of the terminal's group; the parent stops the workers
    # itself, so a worker need not print a KeyboardInterrupt of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with, args=(parent,), daemon=True, name="parent").start()


def _end_with(parent: int) -> None:
    """End this worker soon after the process that started the batch is gone.

    A worker is the fork server's child, not the batch's: when the batch's process is
    killed, or stopped while a worker was being started, nothing else would end it, and
    it would wait for work for ever, holding the fork server (and the caller's stdout)
    open with it.
    """
    while True:
        time.sleep(_WATCH_PARENT_EVERY)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except OSError:  # there, but not ours to signal: still alive
            continue


def _chunk(tasks: tuple[_Task, ...]) -> list[Outcome]:
    """Run a chunk of tasks in a worker; module-level, so that process pools can pickle it."""
    outcomes = []
    for t in tasks:
        if _started is not None:
            _pids[t.index] = os.getpid()
            _started[t.index] = time.monotonic()
        outcomes.append(_one(t))
        if _started is not None:
            _started[t.index] = -1.0
    return outcomes


def _tasks(inputs: Inputs, *, as_of: dt.date | None, scheme: str | None) -> list[_Task]:
    if isinstance(inputs, str | os.PathLike):
        items: Iterable[Community | str | os.PathLike[str]] = communities_in(inputs)
    else:
        items = inputs
    tasks = []
    for index, item in enumerate(items):
        if isinstance(item, Community):
            task = _Task(index=index, community=item, name=item.name, as_of=as_of, scheme=scheme)
        else:
            folder = os.fspath(item)
            task = _Task(
                index=index, folder=folder, name=Path(folder).name, as_of=as_of, scheme=scheme
            )
        tasks.append(task)
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
    timeout: float | None,
) -> Iterator[Outcome]:
    if jobs is not None and jobs < 1:
        msg = f"'jobs' must be at least 1 (got {jobs})"
        raise PlanError([Problem(path="jobs", message=msg)])
    if chunk_size is not None and chunk_size < 1:
        msg = f"'chunk_size' must be at least 1 (got {chunk_size})"
        raise PlanError([Problem(path="chunk_size", message=msg)])
    if timeout is not None and not (timeout > 0 and math.isfinite(timeout)):
        msg = f"'timeout' must be a number of seconds above 0 (got {timeout})"
        raise PlanError([Problem(path="timeout", message=msg)])
    if timeout is not None and executor is not None:
        msg = (
            "'timeout' works only on the process pool check_many starts itself, which can "
            "stop a worker; leave out 'executor' (and give 'jobs') to use it"
        )
        raise PlanError([Problem(path="timeout", message=msg)])
    workers = _workers(executor, jobs)
    # Four chunks per worker keeps them busy to the end when communities differ in size.
    size = chunk_size or max(1, min(_MAX_CHUNK, math.ceil(len(tasks) / (4 * workers))))
    if executor is None:
        return _stream_own(tasks, workers, size, timeout)
    chunks = [tuple(tasks[i : i + size]) for i in range(0, len(tasks), size)]
    return _stream(chunks, executor)


def _stream(chunks: list[tuple[_Task, ...]], executor: Executor) -> Iterator[Outcome]:
    """The outcomes on the caller's executor, which this module can neither watch nor
    start again: a chunk whose task fails (a worker that died, a broken pool) is reported
    community by community."""
    from concurrent.futures import BrokenExecutor  # noqa: PLC0415

    pending: deque[tuple[Future[list[Outcome]], tuple[_Task, ...]]] = deque()
    try:
        pending.extend((executor.submit(_chunk, c), c) for c in chunks)
        while pending:
            future, chunk = pending.popleft()
            try:
                outcomes = future.result()
            except BrokenExecutor:
                outcomes = [Outcome.of_failure(t.name, "worker_died", "1") for t in chunk]
            except Exception as e:  # the executor's own failure, this chunk's
                outcomes = [Outcome.of_exception(t.name, e) for t in chunk]
            yield from outcomes
    finally:
        for f, _ in pending:  # the caller stopped early
            f.cancel()


def _context() -> BaseContext:
    """Where the pool's workers come from: a fork server where there is one.

    Workers forked from a process that runs threads (polars' pool, numpy's BLAS) can
    deadlock; a fork server starts them from a process that runs none.
    """
    import multiprocessing  # noqa: PLC0415

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else None)


class _Pool:
    """The process pool check_many starts itself: its workers say in shared memory which
    community each checks and since when, and it can be stopped and started again."""

    def __init__(self, workers: int, tasks: int) -> None:
        self.workers = workers
        self.context = _context()
        self.started: Any = self.context.RawArray("d", max(tasks, 1))
        self.pids: Any = self.context.RawArray("i", max(tasks, 1))
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self.context,
            initializer=_init_worker,
            initargs=(self.started, self.pids, os.getpid()),
        )

    def running(self) -> dict[int, float]:
        """The tasks being checked, by index, with when each began."""
        return {i: t for i, t in enumerate(self.started[:]) if t > 0}

    def kill(self, index: int) -> None:
        """Kill the worker checking task ``index``, if it still is."""
        if self.started[index] > 0:
            with _suppress_lookup():
                os.kill(self.pids[index], signal.SIGKILL)

    def restart(self, unfinished: Iterable[int]) -> None:
        """Start a new pool after the old one broke, forgetting the unfinished tasks."""
        self.stop(now=True)
        for i in unfinished:
            self.started[i] = 0.0
        self.executor = self._start()

    def stop(self, *, now: bool) -> None:
        """Shut the pool down; with ``now``, kill its workers first rather than let them
        finish what they were given."""
        if now:
            processes = getattr(self.executor, "_processes", None) or {}
            for process in list(processes.values()):
                with _suppress_lookup():
                    process.kill()
        # Not cancel_futures: the pool, broken by the kills, fails every future itself, and
        # on Python 3.11 fails with InvalidStateError on one already cancelled.
        self.executor.shutdown(wait=True)


class _suppress_lookup:  # noqa: N801 - used as a statement, like contextlib.suppress
    """Ignore a process that is already gone."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> bool:
        return kind is not None and issubclass(kind, ProcessLookupError | ValueError)


def _stream_own(
    tasks: list[_Task], workers: int, size: int, timeout: float | None
) -> Iterator[Outcome]:
    """The outcomes on a pool of ``workers`` processes started here, each community
    stopped after ``timeout`` seconds, a pool that breaks started again."""
    batch = _Batch(tasks, size, timeout, _Pool(workers, len(tasks)))
    finished = False
    try:
        yielded = 0
        while True:
            while yielded in batch.outcomes:
                yield batch.outcomes.pop(yielded)
                yielded += 1
            if yielded == len(tasks):
                break
            batch.step()
        finished = True
    finally:
        batch.stop(now=not finished)


class _Batch:
    """The state of a batch on a pool of its own: what is queued, in flight, done, and
    which communities were being checked when a worker died."""

    def __init__(self, tasks: list[_Task], size: int, timeout: float | None, pool: _Pool):
        self.size = size
        self.timeout = timeout
        self.pool = pool
        self.outcomes: dict[int, Outcome] = {}
        self.queue: deque[tuple[_Task, ...]] = deque(self._chunked(tasks))
        self.alone: deque[_Task] = deque()  # suspects of a worker's death, each run by itself
        self.in_flight: dict[Future[list[Outcome]], tuple[_Task, ...]] = {}
        self.deaths: Counter[int] = Counter()
        self.killed: set[int] = set()  # tasks whose worker was killed for the time-out
        self.fruitless = 0  # breaks in a row with no task to blame

    def _chunked(self, todo: Sequence[_Task]) -> list[tuple[_Task, ...]]:
        return [tuple(todo[i : i + self.size]) for i in range(0, len(todo), self.size)]

    def _submit(self, chunk: tuple[_Task, ...]) -> None:
        self.in_flight[self.pool.executor.submit(_chunk, chunk)] = chunk

    def step(self) -> None:
        """Send what may be sent, wait for a chunk (or the next look at the clock), and
        deal with what came back."""
        from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, wait  # noqa: PLC0415

        while self.queue:
            self._submit(self.queue.popleft())
        if self.alone and not self.in_flight:
            self._submit((self.alone.popleft(),))
        done, _ = wait(
            self.in_flight,
            timeout=None if self.timeout is None else _WATCH_EVERY,
            return_when=FIRST_COMPLETED,
        )
        broken: list[_Task] = []
        for future in done:
            chunk = self.in_flight.pop(future)
            try:
                results = future.result()
            except BrokenExecutor:
                broken.extend(chunk)
                continue
            except Exception as e:  # a task or a result that could not be sent
                results = [Outcome.of_exception(t.name, e) for t in chunk]
            for t, outcome in zip(chunk, results, strict=True):
                self.outcomes[t.index] = outcome
        if self.timeout is not None:
            now = time.monotonic()
            for index, began in self.pool.running().items():
                if now - began > self.timeout and index not in self.killed:
                    self.killed.add(index)
                    self.pool.kill(index)
        if broken:
            self._recover(broken)

    def _recover(self, broken: list[_Task]) -> None:
        """After the pool broke: report the communities to blame, start a new pool and
        send the others again."""
        for future, chunk in self.in_flight.items():  # every one fails with the pool
            future.exception()
            broken.extend(chunk)
        self.in_flight.clear()
        running = self.pool.running()
        # Killing a worker for its time-out breaks the pool too; then the others being
        # checked were only in the way.
        timed_out = self.killed & running.keys()
        again: list[_Task] = []
        blamed = 0
        for t in broken:
            if t.index in self.killed:
                blamed += 1
                detail = f"{self.timeout:g}"
                self.outcomes[t.index] = Outcome.of_failure(t.name, "timed_out", detail)
            elif t.index in running and not timed_out:
                blamed += 1
                # A death counts against a community only when it alone was being checked;
                # one among others sends each of them to be tried on its own.
                if len(running) == 1:
                    self.deaths[t.index] += 1
                if self.deaths[t.index] >= 2:  # twice, for certain
                    self.outcomes[t.index] = Outcome.of_failure(t.name, "worker_died", "2")
                else:
                    self.alone.append(t)
            else:
                again.append(t)
        self.fruitless = 0 if blamed else self.fruitless + 1
        if self.fruitless >= _MAX_FRUITLESS_RESTARTS:
            for t in [*again, *self.alone, *(t for c in self.queue for t in c)]:
                self.outcomes[t.index] = Outcome.of_failure(t.name, "not_checked")
            again.clear()
            self.alone.clear()
            self.queue.clear()
        self.pool.restart(t.index for t in broken)
        self.queue.extend(self._chunked(sorted(again, key=lambda t: t.index)))

    def stop(self, *, now: bool) -> None:
        """Shut the pool down (``now``: killing its workers, which fails what is in flight)."""
        self.pool.stop(now=now)


def check_many(
    inputs: Inputs,
    *,
    as_of: dt.date | None = None,
    executor: Executor | None = None,
    jobs: int | None = None,
    chunk_size: int | None = None,
    timeout: float | None = None,
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
    cannot be read is an outcome with the error's problems; the rest go on. So is one
    whose check fails in any other way, with :attr:`Outcome.failure` saying how: an
    exception that is not a library error, a worker process that died (on the pool
    started here the pool is started again and the unfinished communities sent again; the
    communities being checked when it died are tried again each on its own, and one that
    kills its worker twice when alone is reported), or, with ``timeout``, a community not
    checked within that many seconds (its worker is killed). On an ``executor`` of your
    own, a chunk whose task fails is reported community by community.

    Raises:
        PlanError: ``inputs`` is a folder that cannot be read or holds no community
            folders, ``jobs`` or ``chunk_size`` is below 1, ``timeout`` is not above 0,
            or ``timeout`` is given with an ``executor``.
    """
    tasks = _tasks(inputs, as_of=as_of, scheme=None)
    return _run(tasks, executor=executor, jobs=jobs, chunk_size=chunk_size, timeout=timeout)


def evaluate_many(
    inputs: Inputs,
    *,
    scheme: str | os.PathLike[str],
    as_of: dt.date | None = None,
    executor: Executor | None = None,
    jobs: int | None = None,
    chunk_size: int | None = None,
    timeout: float | None = None,
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
    return _run(tasks, executor=executor, jobs=jobs, chunk_size=chunk_size, timeout=timeout)
