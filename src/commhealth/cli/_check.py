"""``commhealth check`` and ``commhealth conformance``."""

from __future__ import annotations

import argparse
from typing import TextIO

from ._common import (
    check_out,
    format_and_lang,
    inputs,
    inputs_arguments,
    plan_or_example,
    write_json,
)
from ._exports import payload, write_out

_CHECK_HELP = """\
Check a plan. Without --as-of this is a plan review: every activity that is not
cancelled counts, and each window is met, missed or exceeded. With --as-of it is a
progress check: activities up to that day are achieved, later ones planned, and windows
not yet over are met, on track or at risk.

exit status: 0 when every error-severity requirement holds, 1 when one does not,
2 when an input cannot be read (the problem and its $.path or row go to stderr).
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser(
        "check",
        help="check a plan against its activities and figures",
        description=_CHECK_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inputs_arguments(
        check, "check", formats=("text", "json", "html", "svg", "dhis2", "adx", "fhir")
    )
    check.add_argument(
        "--detail",
        action="store_true",
        help="with --format json, add each finding's severity, activities and source, and a summary",
    )
    check.add_argument(
        "--mapping",
        metavar="FILE",
        help="with --format dhis2 or adx, the DHIS2 ids of the plan's requirements, "
        "organisation and keys (a TOML file; see docs/interop.md)",
    )
    check.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead: .xlsx a workbook, .ics the plan and schedule as a "
        "calendar, .html a page, .svg the heatmap, .json the report (or the --format payload)",
    )
    check.set_defaults(run=_check)

    conf = sub.add_parser(
        "conformance",
        help="check that child plans take up what a parent plan passes down",
        description=(
            "Check that each CHILD plan names PARENT as its parent plan and holds every "
            "requirement PARENT lists in 'cascade' at least as strictly. Each plan is a file, "
            "or the name of a shipped example."
        ),
    )
    conf.add_argument("parent", metavar="PARENT", help="the parent plan (a street office's)")
    conf.add_argument(
        "children", nargs="+", metavar="CHILD", help="the child plans (its communities')"
    )
    format_and_lang(conf, "the parent plan's")
    conf.set_defaults(run=_conformance)


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from ..engine import check  # noqa: PLC0415 - keep 'commhealth --help' fast

    if args.out is not None:
        check_out(args)  # before the work, not after it
    plan, activities, observations = inputs(args)
    report = check(plan, activities, observations, as_of=args.as_of)
    if args.out is not None:
        write_out(args, plan, activities, report)
        return 0 if report.ok else 1
    if args.format == "json":
        write_json(out, report.to_dict(args.lang, detail=args.detail))
    elif args.format == "html":
        out.write(report.to_html(args.lang))
    elif args.format == "svg":
        out.write(report.heatmap(args.lang) + "\n")
    elif args.format in ("dhis2", "adx", "fhir"):
        out.write(payload(args, plan, report))
    else:
        out.write(report.to_text(args.lang))
    return 0 if report.ok else 1


def _conformance(args: argparse.Namespace, out: TextIO) -> int:
    from ..engine import check_conformance  # noqa: PLC0415

    report = check_conformance(
        plan_or_example(args.parent), [plan_or_example(c) for c in args.children]
    )
    if args.format == "json":
        write_json(out, report.to_dict(args.lang))
    else:
        out.write(report.to_text(args.lang))
    return 0 if report.ok else 1
