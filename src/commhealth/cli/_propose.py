"""``commhealth propose``: the fewest new activities that meet a plan's targets."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..errors import FieldError
from ._common import check_out, inputs, inputs_arguments, parse_date, write_json

_HELP = """\
Propose the fewest new activities that make every target activities can meet met: a
quota's window, each occurrence of a recurrence, a milestone, each themed month. Nothing
is proposed on or before --as-of; what is held and planned stays as it is. Targets that
cannot be met (a window already over, too few days left, a maximum already passed) are
listed with the reason.

The proposal can be written as a ledger to edit and feed back with --activities (.csv or
.xlsx with Chinese headers, .toml, .json), or as an iCalendar file (.ics).

exit status: 0 when every target that activities can meet is met with the proposal,
1 when some cannot be, 2 when an input cannot be read.
"""


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"not a whole number of at least 1: {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _weekdays(text: str) -> frozenset[int]:
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    out = set()
    for part in text.lower().split(","):
        word = part.strip()[:3]
        if word not in names:
            msg = f"not a weekday: {part.strip()!r}; write e.g. sat,sun"
            raise argparse.ArgumentTypeError(msg)
        out.add(names.index(word))
    return frozenset(out)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    propose = sub.add_parser(
        "propose",
        help="propose the activities that make a plan's targets met",
        description=_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inputs_arguments(propose, "propose", formats=("text", "json", "html"))
    propose.add_argument(
        "--workdays-only",
        action="store_true",
        help="propose working days only (statutory holidays and adjusted working days from the calendar extra)",
    )
    propose.add_argument(
        "--max-per-day", type=_count, metavar="N", help="at most N activities a day per organiser"
    )
    propose.add_argument(
        "--max-per-week", type=_count, metavar="N", help="at most N activities a week per organiser"
    )
    propose.add_argument(
        "--off-weekdays", type=_weekdays, metavar="DAYS", help="weekdays to keep free, e.g. sat,sun"
    )
    propose.add_argument(
        "--earliest", type=parse_date, metavar="YYYY-MM-DD", help="propose nothing before this day"
    )
    propose.add_argument(
        "--held-only",
        action="store_true",
        help="with --as-of, count only the ledger's activities dated on or before that day",
    )
    propose.add_argument(
        "--out",
        metavar="FILE",
        help="also write the proposal: .csv, .xlsx, .toml or .json ledger, or .ics calendar",
    )
    propose.set_defaults(run=_propose)


def _propose(args: argparse.Namespace, out: TextIO) -> int:
    from ..planner import Constraints, propose  # noqa: PLC0415 - keep 'commhealth --help' fast

    if args.out is not None:
        check_out(args, example="proposal.csv")
    plan, activities, observations = inputs(args)
    if args.held_only:
        if args.as_of is None:
            msg = "--held-only needs --as-of: the day up to which the ledger counts"
            raise FieldError("held_only", msg)
        activities = [a for a in activities if a.date <= args.as_of]
    constraints = Constraints(
        workdays_only=args.workdays_only,
        max_per_day=args.max_per_day,
        max_per_week=args.max_per_week,
        off_weekdays=args.off_weekdays or frozenset(),
        earliest=args.earliest,
    )
    proposal = propose(plan, activities, observations, as_of=args.as_of, constraints=constraints)
    if args.out is not None:
        proposal.dump(args.out)
    if args.format == "json":
        write_json(out, proposal.to_dict(args.lang))
    elif args.format == "html":
        out.write(proposal.to_html(args.lang))
    else:
        out.write(proposal.to_text(args.lang))
    return 0 if proposal.ok else 1
