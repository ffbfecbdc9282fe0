"""``commhealth check-all``: check (or score) every community of a folder at once."""

from __future__ import annotations

import argparse
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
its problems and does not stop the others.

exit status: 0 when every community passes, 1 when one does not (or cannot be read),
2 when DIR cannot be read or holds no community folders.
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


def _check_all(args: argparse.Namespace, out: TextIO) -> int:
    from ..batch import (  # noqa: PLC0415 - keep 'commhealth --help' fast
        check_many,
        communities_in,
        evaluate_many,
        summary_text,
        write_summary,
    )
    from ..errors import PlanError, Problem  # noqa: PLC0415

    if args.out is not None and not args.out.lower().endswith((".csv", ".json", ".xlsx")):
        msg = "the summary is written as .csv, .json or .xlsx"
        raise PlanError([Problem(path="--out", message=msg)])
    folders = communities_in(args.dir)
    if args.scheme is None:
        results = check_many(folders, as_of=args.as_of, jobs=args.jobs)
    else:
        results = evaluate_many(folders, scheme=args.scheme, as_of=args.as_of, jobs=args.jobs)
    progress = _Progress(args.err, len(folders))
    outcomes: list[Outcome] = []
    try:
        for outcome in results:
            outcomes.append(outcome)
            progress.step()
    finally:
        progress.close()
    out.write(summary_text(outcomes, args.lang))
    if args.out is not None:
        write_summary(args.out, outcomes, args.lang)
    return 0 if all(o.ok for o in outcomes) else 1
