"""``commhealth check-all``: check (or score) every community of a folder at once."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from ._common import parse_date

if TYPE_CHECKING:
    from ..batch import Outcome

_HELP = """\
Check every community of DIR, laid out one community per subfolder: each holds a
plan.toml (or .json, .yaml), and optionally activities.csv (or .xlsx, .json, .toml),
observations.csv (or .json) and, with --scheme, the assessor's scores.csv. The
communities are checked in parallel, by --jobs worker processes, and a summary table
per community is printed: requirements met and missed, failing findings, and with
--scheme the score and grade. A community whose files cannot be read is reported with
its problems and does not stop the others; so is one whose check breaks off (an error
that is not about its files, a worker process that dies, or --timeout passed).

exit status: 0 when every community passes, 1 when one does not (or cannot be read),
2 when DIR cannot be read or holds no community folders, 128 + the signal's number when
stopped by a signal: 130 for SIGINT (Ctrl-C), 143 for SIGTERM, 129 for SIGHUP; then the
worker processes are stopped and no summary is written.
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    batch = sub.add_parser(
        "check-all",
        help="check (or score) every community of a folder at once",
        description=_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    batch.add_argument("dir", metavar="DIR", help="the folder, one community per subfolder")
    batch.add_argument(
        "--jobs", type=int, metavar="N", help="worker processes (default: one per CPU)"
    )
    batch.add_argument(
        "--out",
        metavar="FILE",
        help="also write the summary to FILE: .csv, .json (with each community's problems) "
        "or .xlsx (needs the excel extra)",
    )
    batch.add_argument(
        "--as-of", type=parse_date, metavar="YYYY-MM-DD", help="check progress as of this day"
    )
    batch.add_argument(
        "--scheme",
        metavar="FILE|NAME",
        help="score each community against this scheme file or shipped scheme",
    )
    batch.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="stop a community not checked within SECONDS and report it as timed out "
        "(default: no limit)",
    )
    batch.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of the table (default: zh)"
    )
    batch.set_defaults(run=_check_all)


class _Progress:
    """A bar on stderr, redrawn in place, when stderr is a terminal; nothing otherwise."""

    def __init__(self, err: TextIO, total: int) -> None:
        isatty = getattr(err, "isatty", None)
        self.err = err
        self.total = total
        self.done = 0
        self.shown = bool(isatty and isatty()) and total > 0

    def step(self) -> None:
        self.done += 1
        if self.shown:
            filled = 30 * self.done // self.total
            bar = "#" * filled + "." * (30 - filled)
            self.err.write(f"\r[{bar}] {self.done}/{self.total}")
            self.err.flush()

    def close(self) -> None:
        if self.shown:
            self.err.write("\n")
            self.err.flush()


class _Stopped(Exception):  # noqa: N818 - a signal, not an error
    """A signal that ends the batch, raised in the main thread by its handler."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def _stop(signum: int, frame: FrameType | None) -> None:
    if _starting_a_process(frame):
        # Raised while a worker is being started, the signal would leave it half-made,
        # printing a traceback of its own; once it is started the pool can stop it.
        threading.Timer(0.05, os.kill, (os.getpid(), signum)).start()
        return
    raise _Stopped(signum)


_STARTING = (
    f"{os.sep}multiprocessing{os.sep}",
    f"{os.sep}concurrent{os.sep}futures{os.sep}process.py",
)


def _starting_a_process(frame: FrameType | None) -> bool:
    """Whether the main thread is inside the code that starts a worker process."""
    while frame is not None:
        if any(part in frame.f_code.co_filename for part in _STARTING):
            return True
        frame = frame.f_back
    return False


_SIGNALS = (signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else []))


@contextlib.contextmanager
def _signals_end_the_batch() -> Iterator[None]:
    """While the batch runs, SIGINT, SIGTERM and SIGHUP raise :class:`_Stopped`, so that
    the pool is stopped rather than left running. Only the main thread can set handlers;
    elsewhere (``main`` called from a thread) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {s: signal.signal(s, _stop) for s in _SIGNALS}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ignore a second signal while the first one's clean-up runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {s: signal.signal(s, signal.SIG_IGN) for s in _SIGNALS}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def _stop_helpers() -> None:
    """Stop the fork server and the resource tracker that the pool started, on the way out
    after a signal, waiting for each at most a few seconds before killing it.

    They would end by themselves once this process is gone, but as orphans: where the
    process that adopts them does not reap them (a container's first process, often) they
    stay as zombies in the command's process group. The command owns its process, so it may
    stop these; the library never does, since they serve every pool of the process.
    """
    import multiprocessing.forkserver as fs  # noqa: PLC0415
    import multiprocessing.resource_tracker as rt  # noqa: PLC0415
    import multiprocessing.util  # noqa: PLC0415

    _kill_workers()
    # What the exit would do first: give the semaphores back, so that the tracker, stopped
    # now, has none left over to report (and remove under the feet of the exit's own
    # clean-up).
    run_finalizers = getattr(multiprocessing.util, "_run_finalizers", None)
    if run_finalizers is not None:
        with contextlib.suppress(Exception):
            run_finalizers(0)
    server = getattr(fs, "_forkserver", None)
    tracker = getattr(rt, "_resource_tracker", None)
    for helper, pid_name, fd_name in (
        (server, "_forkserver_pid", "_forkserver_alive_fd"),
        (tracker, "_pid", "_fd"),
    ):
        pid, fd = getattr(helper, pid_name, None), getattr(helper, fd_name, None)
        if not isinstance(pid, int) or not isinstance(fd, int):
            continue
        with contextlib.suppress(OSError):
            os.close(fd)  # the helper ends when the last writer of its pipe is gone
        setattr(helper, fd_name, None)
        setattr(helper, pid_name, None)
        _reap(pid, within=3.0)


def _kill_workers() -> None:
    """Kill every process the fork server started: the pool's workers.

    The pool stops those it knows; a worker being started when the signal came is not yet
    the pool's to stop: it waits for its orders, holding the fork server's and the
    tracker's pipes open, and prints a traceback when they never come.
    """
    import multiprocessing.forkserver as fs  # noqa: PLC0415

    pid = getattr(getattr(fs, "_forkserver", None), "_forkserver_pid", None)
    if not isinstance(pid, int):
        return
    # Until the fork server has reaped them all (a child it has not reaped outlives it as
    # a zombie where nothing reaps orphans), at most a second.
    deadline = time.monotonic() + 1.0
    while (children := _children_of(pid)) and time.monotonic() < deadline:
        for child in children:
            with contextlib.suppress(OSError):
                os.kill(child, signal.SIGKILL)
        time.sleep(0.02)


def _children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, from ``/proc`` (none where there is none)."""
    children = []
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone since it was listed
            if len(fields) > 1 and fields[1] == str(pid):
                children.append(int(entry.name))
    return children


def _reap(pid: int, *, within: float) -> None:
    """Wait for child ``pid`` to end, killing it after ``within`` seconds."""
    deadline = time.monotonic() + within
    try:
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return
            time.sleep(0.02)
    except (ChildProcessError, ProcessLookupError):
        return


def _check_all(args: argparse.Namespace, out: TextIO) -> int:
    from ..errors import PlanError, Problem  # noqa: PLC0415

    if args.out is not None and not args.out.lower().endswith((".csv", ".json", ".xlsx")):
        msg = "the summary is written as .csv, .json or .xlsx"
        raise PlanError([Problem(path="--out", message=msg)])
    if args.out is not None and args.out.lower().endswith(".xlsx"):
        try:  # before the batch, not after an hour of it
            import openpyxl  # noqa: F401, PLC0415 - the excel extra
        except ImportError:
            msg = "writing .xlsx needs the excel extra: pip install 'commhealth[excel]'"
            raise PlanError([Problem(path="--out", message=msg)]) from None
    try:
        with _signals_end_the_batch():
            return _run_batch(args, out)
    except _Stopped as e:
        signum = e.signum
    with _signals_held():
        # The pool's queues, now unreferenced, give their semaphores back to the tracker
        # before it is stopped; left for the exit, the tracker would report them leaked.
        gc.collect()
        _stop_helpers()
    args.err.write(
        f"commhealth: check-all stopped by {signal.Signals(signum).name}; "
        "the worker processes were stopped and no summary written\n"
    )
    return 128 + signum


def _run_batch(args: argparse.Namespace, out: TextIO) -> int:
    from ..batch import (  # noqa: PLC0415 - keep 'commhealth --help' fast
        check_many,
        communities_in,
        evaluate_many,
        summary_text,
        write_summary,
    )

    folders = communities_in(args.dir)
    if args.scheme is None:
        results = check_many(folders, as_of=args.as_of, jobs=args.jobs, timeout=args.timeout)
    else:
        results = evaluate_many(
            folders, scheme=args.scheme, as_of=args.as_of, jobs=args.jobs, timeout=args.timeout
        )
    progress = _Progress(args.err, len(folders))
    outcomes: list[Outcome] = []
    try:
        for outcome in results:
            outcomes.append(outcome)
            progress.step()
    except BaseException:
        with _signals_held():
            _kill_workers()
            close = getattr(results, "close", None)
            if close is not None:  # stop the pool now, not when the iterator is collected
                close()
            progress.close()
        raise
    progress.close()
    out.write(summary_text(outcomes, args.lang))
    if args.out is not None:
        write_summary(args.out, outcomes, args.lang)
    return 0 if all(o.ok for o in outcomes) else 1
