"""``commhealth evaluate``: score a plan's year against an assessors' scheme."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..errors import PlanError, Problem
from ._common import (
    check_out,
    inputs,
    inputs_arguments,
    json_file,
    native_stderr_quiet,
    write_json,
    write_out,
)

if TYPE_CHECKING:
    from .._scheme import Scheme
    from .._scoresheet import ScoreSheet
    from ..evaluation import Assessment, Ranking


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    evaluate = sub.add_parser(
        "evaluate",
        help="score a plan's year against an assessors' scheme (考核评分)",
        description=(
            "Score a plan's year against an assessors' scheme: points per criterion with the "
            "arithmetic, the total, the grade and the vetoes. A scheme that scores each "
            "organisation under the plan (a street office's communities) prints their "
            "ranking, then each one's points.\n\n"
            "Exit status: 0 when the assessment passes (every organisation's, for a "
            "ranking), 1 when it does not, 2 when an input cannot be read."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inputs_arguments(evaluate, "score", formats=("text", "json", "html", "svg"))
    evaluate.add_argument(
        "--scheme",
        metavar="FILE|NAME",
        help="the scheme file (.toml, .json, .yaml) or the name of a shipped scheme "
        "(see 'commhealth schemes'); an example that ships its scheme uses it by default",
    )
    evaluate.add_argument(
        "--scores",
        metavar="FILE",
        help="the assessor's score sheet (.csv or a spreadsheet: criterion and score columns); "
        "an example that ships its scheme uses its own sheet by default",
    )
    evaluate.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead: .xlsx a workbook (a ranking and each organisation's "
        "criteria, for a ranking), .html a page, .svg the chart, .json the assessment",
    )
    evaluate.set_defaults(run=_evaluate)

    schemes = sub.add_parser("schemes", help="list the assessors' schemes shipped with commhealth")
    schemes.set_defaults(run=_schemes)


def scheme_named(name: str) -> Scheme:
    """The scheme file ``name``, or the shipped scheme of that name when no such file exists."""
    from .. import schemes  # noqa: PLC0415
    from ..evaluation import load_scheme  # noqa: PLC0415

    if not Path(name).exists() and name in schemes.names():
        return schemes.load(name)
    return load_scheme(name)


def _scheme_and_sheet(args: argparse.Namespace) -> tuple[Scheme, ScoreSheet | None]:
    from ..evaluation import load_scores  # noqa: PLC0415

    with native_stderr_quiet():  # a spreadsheet reader's own panic message stays quiet
        sheet = load_scores(args.scores) if args.scores is not None else None
    if args.scheme is not None:
        return scheme_named(args.scheme), sheet
    if args.example is not None:
        from .. import examples  # noqa: PLC0415

        example = examples.load(args.example)
        if example.scheme is not None:
            return example.scheme, sheet if sheet is not None else example.scores
    msg = "no scheme to score by: give --scheme FILE or the name of a shipped scheme (commhealth schemes)"
    raise PlanError([Problem(path="--scheme", message=msg)])


def _evaluate(args: argparse.Namespace, out: TextIO) -> int:
    from ..evaluation import evaluate, evaluate_children  # noqa: PLC0415

    if args.out is not None:
        check_out(args)  # before the work, not after it
    plan, activities, observations = inputs(args)
    scheme, scores = _scheme_and_sheet(args)
    _notes(scheme, args.lang or plan.language, args.err)
    score = evaluate_children if scheme.assesses == "children" else evaluate
    result = score(plan, activities, observations, scheme=scheme, scores=scores, as_of=args.as_of)
    if args.out is not None:
        _write_out(args, result)
        return 0 if result.passed else 1
    if args.format == "json":
        write_json(out, result.to_dict(args.lang))
    elif args.format == "html":
        out.write(result.to_html(args.lang))
    elif args.format == "svg":
        out.write(result.chart(args.lang) + "\n")
    else:
        out.write(result.to_text(args.lang))
    return 0 if result.passed else 1


def _write_out(args: argparse.Namespace, result: Assessment | Ranking) -> None:
    """Write the assessment or ranking to ``--out`` in the kind of file its suffix names.

    Raises:
        LedgerError: The suffix is not one the command writes, or the file cannot be written.
    """
    from .._atomic import write_atomic  # noqa: PLC0415
    from ..interop import write_assessment_workbook  # noqa: PLC0415

    write_out(
        args,
        {
            ".xlsx": lambda path: write_assessment_workbook(result, path, args.lang),
            ".html": lambda path: write_atomic(path, result.to_html(args.lang)),
            ".svg": lambda path: write_atomic(path, result.chart(args.lang) + "\n"),
            ".json": lambda path: write_atomic(path, json_file(result.to_dict(args.lang))),
        },
    )


def _notes(scheme: Scheme, lang: str, err: TextIO) -> None:
    """Where the table's declared points disagree with its items, as notes on stderr."""
    from .._wording import words  # noqa: PLC0415

    w = words("en" if lang == "en" else "zh")
    for found in scheme.discrepancies():
        err.write(f"commhealth: note: {scheme.id}: {w.discrepancy(*found)}\n")


def _schemes(args: argparse.Namespace, out: TextIO) -> int:
    from .. import schemes  # noqa: PLC0415
    from .._wording import figure  # noqa: PLC0415

    for name in schemes.names():
        s = schemes.load(name)
        bonus = sum(c.points for c in s.criteria() if c.bonus)
        extra = f" and {figure(bonus)} bonus" if bonus else ""
        out.write(
            f"{name}\n  {s.title}\n  {len(s.criteria())} criteria, {figure(s.maximum())} points"
            f"{extra}\n  {s.source}\n"
        )
    return 0
