"""The ``commhealth`` command: check a plan, list examples, print the plan-file schema."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from .errors import CommhealthError

if TYPE_CHECKING:
    from ._activities import Activity
    from ._observations import Observation
    from ._plan import Plan

__all__ = ["main"]

_DESCRIPTION = """\
Check a community health work plan against its schedule of activities and measured
figures, and say which targets are met, on track, at risk or missed.

examples:
  commhealth check --example longyuan
  commhealth check plan.toml --activities 台账.csv --observations figures.csv
  commhealth check plan.toml --activities 台账.csv --as-of 2022-06-30 --lang en
  commhealth examples
  commhealth observances 2022
"""

_CHECK_HELP = """\
Check a plan. Without --as-of this is a plan review: every activity that is not
cancelled counts, and each window is met, missed or exceeded. With --as-of it is a
progress check: activities up to that day are achieved, later ones planned, and windows
not yet over are met, on track or at risk.

exit status: 0 when every error-severity requirement holds, 1 when one does not,
2 when an input cannot be read (the problem and its $.path or row go to stderr).
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"not a date: {text!r}; write YYYY-MM-DD, e.g. 2022-06-30"
        raise argparse.ArgumentTypeError(msg) from None


def _inputs_arguments(parser: argparse.ArgumentParser, verb: str) -> None:
    """The plan (or a shipped example), its ledger and figures, the day, format and language."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "plan", nargs="?", metavar="PLAN", help="the plan file (.toml, .json, .yaml)"
    )
    source.add_argument(
        "--example",
        metavar="NAME",
        help=f"{verb} a plan shipped with commhealth, with its own schedule (see 'commhealth examples')",
    )
    parser.add_argument(
        "--activities",
        metavar="FILE",
        help="the activity ledger (.csv with English or Chinese headers, .json, .toml)",
    )
    parser.add_argument("--observations", metavar="FILE", help="measured figures (.csv or .json)")
    parser.add_argument(
        "--as-of", type=_date, metavar="YYYY-MM-DD", help=f"{verb} progress as of this day"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--lang", choices=("zh", "en"), help="language of messages (default: the plan's)"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="commhealth",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__  # noqa: PLC0415 - only the parser needs it

    parser.add_argument("--version", action="version", version=f"commhealth {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help="check a plan against its activities and figures",
        description=_CHECK_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _inputs_arguments(check, "check")
    check.add_argument(
        "--detail",
        action="store_true",
        help="with --format json, add each finding's severity, activities and source, and a summary",
    )

    evaluate = sub.add_parser(
        "evaluate",
        help="score a plan's year against an assessors' scheme (考核评分)",
        description=(
            "Score a plan's year against an assessors' scheme: points per criterion with the "
            "arithmetic, the total, the grade and the vetoes.\n\n"
            "Exit status: 0 when the assessment passes, 1 when it does not, 2 when an "
            "input cannot be read."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _inputs_arguments(evaluate, "score")
    evaluate.add_argument(
        "--scheme", required=True, metavar="FILE", help="the scheme file (.toml, .json, .yaml)"
    )
    evaluate.add_argument(
        "--scores",
        metavar="FILE",
        help="the assessor's score sheet (.csv or a spreadsheet: criterion and score columns)",
    )

    sub.add_parser("examples", help="list the plans shipped with commhealth")
    sub.add_parser("standards", help="list the national standards a plan can include")
    schema = sub.add_parser("schema", help="print the JSON Schema of plan files")
    schema.add_argument(
        "--scheme", action="store_true", help="print the JSON Schema of scheme files instead"
    )

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
    conf.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    conf.add_argument(
        "--lang", choices=("zh", "en"), help="language of messages (default: the parent plan's)"
    )

    obs = sub.add_parser(
        "observances",
        help="list the health observance days of a year",
        description="List the health observance days, weeks and months of YEAR, with their dates.",
    )
    obs.add_argument("year", type=int, metavar="YEAR", help="the year, e.g. 2022")
    obs.add_argument("--plan", metavar="FILE", help="add the observances a plan file declares")
    obs.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    obs.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of the names (default: zh)"
    )
    return parser


def _inputs(args: argparse.Namespace) -> tuple[Plan, Sequence[Activity], Sequence[Observation]]:
    """The plan, its activities and its figures the arguments name."""
    from .loading import load_activities, load_observations, load_plan  # noqa: PLC0415

    activities: Sequence[Activity] = ()
    observations: Sequence[Observation] = ()
    if args.example is not None:
        from . import examples  # noqa: PLC0415

        example = examples.load(args.example)
        plan, activities, observations = example.plan, example.activities, example.observations
    else:
        plan = load_plan(args.plan)
    if args.activities is not None:
        activities = load_activities(args.activities)
    if args.observations is not None:
        observations = load_observations(args.observations)
    return plan, activities, observations


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from .engine import check  # noqa: PLC0415 - keep 'commhealth --help' fast

    plan, activities, observations = _inputs(args)
    report = check(plan, activities, observations, as_of=args.as_of)
    if args.format == "json":
        data = report.to_dict(args.lang, detail=args.detail)
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(report.to_text(args.lang))
    return 0 if report.ok else 1


def _examples(out: TextIO) -> int:
    from . import examples  # noqa: PLC0415

    for name in examples.names():
        example = examples.load(name)
        out.write(f"{name:<12} {example.plan.title}\n")
    return 0


def _standards(out: TextIO) -> int:
    from . import standards  # noqa: PLC0415

    for s in standards.standards():
        out.write(
            f"{s.id}\n  {s.title}\n  {len(s.requirements)} requirements: {', '.join(r.id for r in s.requirements)}\n"
        )
    return 0


def _observances(args: argparse.Namespace, out: TextIO) -> int:
    from .calendar import default_registry  # noqa: PLC0415

    registry = default_registry()
    if args.plan is not None:
        from ._resolve import resolve  # noqa: PLC0415
        from .loading import load_plan  # noqa: PLC0415

        registry = resolve(load_plan(args.plan)).registry
    found = registry.occurrences(args.year)
    if args.format == "json":
        rows = [
            {
                "id": o.observance,
                "name_zh": o.name_zh,
                "name_en": o.name_en,
                "start": o.window.start.isoformat(),
                "end": o.window.end.isoformat(),
                "last": o.last.isoformat(),
            }
            for o in found
        ]
        out.write(
            json.dumps({"year": args.year, "observances": rows}, ensure_ascii=False, indent=2)
            + "\n"
        )
        return 0
    for o in found:
        when = (
            o.start.isoformat()
            if o.start == o.last
            else f"{o.start.isoformat()}..{o.last.isoformat()}"
        )
        name = o.name_zh if args.lang == "zh" else (o.name_en or o.name_zh)
        out.write(f"{when:<22} {name}  ({o.observance})\n")
    return 0


def _evaluate(args: argparse.Namespace, out: TextIO) -> int:
    from .evaluation import evaluate, load_scheme, load_scores  # noqa: PLC0415

    plan, activities, observations = _inputs(args)
    scheme = load_scheme(args.scheme)
    scores = load_scores(args.scores) if args.scores is not None else {}
    assessment = evaluate(
        plan, activities, observations, scheme=scheme, scores=scores, as_of=args.as_of
    )
    if args.format == "json":
        data = assessment.to_dict(args.lang)
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(assessment.to_text(args.lang))
    return 0 if assessment.passed else 1


def _plan_or_example(name: str) -> Plan:
    from pathlib import Path  # noqa: PLC0415

    from . import examples  # noqa: PLC0415
    from .loading import load_plan  # noqa: PLC0415

    if not Path(name).exists() and name in examples.names():
        return examples.load(name).plan
    return load_plan(name)


def _conformance(args: argparse.Namespace, out: TextIO) -> int:
    from .engine import check_conformance  # noqa: PLC0415

    report = check_conformance(
        _plan_or_example(args.parent), [_plan_or_example(c) for c in args.children]
    )
    if args.format == "json":
        out.write(json.dumps(report.to_dict(args.lang), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(report.to_text(args.lang))
    return 0 if report.ok else 1


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from .loading._schema import plan_schema, scheme_schema  # noqa: PLC0415

    schema = scheme_schema() if args.scheme else plan_schema()
    out.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
    return 0


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args, out)
        if args.command == "evaluate":
            return _evaluate(args, out)
        if args.command == "examples":
            return _examples(out)
        if args.command == "standards":
            return _standards(out)
        if args.command == "observances":
            return _observances(args, out)
        if args.command == "conformance":
            return _conformance(args, out)
        return _schema(args, out)
    except CommhealthError as e:
        err.write(f"commhealth: {e}\n")
        return 2
    except BrokenPipeError:  # the reader (head, grep -m) stopped early: not an error
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
