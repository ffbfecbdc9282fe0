"""``commhealth evaluate``: score a plan's year against an assessors' scheme."""

from __future__ import annotations

import argparse
from typing import TextIO

from ._common import inputs, inputs_arguments, native_stderr_quiet, write_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    inputs_arguments(evaluate, "score")
    evaluate.add_argument(
        "--scheme", required=True, metavar="FILE", help="the scheme file (.toml, .json, .yaml)"
    )
    evaluate.add_argument(
        "--scores",
        metavar="FILE",
        help="the assessor's score sheet (.csv or a spreadsheet: criterion and score columns)",
    )
    evaluate.set_defaults(run=_evaluate)


def _evaluate(args: argparse.Namespace, out: TextIO) -> int:
    from ..evaluation import evaluate, load_scheme, load_scores  # noqa: PLC0415

    plan, activities, observations = inputs(args)
    scheme = load_scheme(args.scheme)
    with native_stderr_quiet():
        scores = load_scores(args.scores) if args.scores is not None else {}
    assessment = evaluate(
        plan, activities, observations, scheme=scheme, scores=scores, as_of=args.as_of
    )
    if args.format == "json":
        write_json(out, assessment.to_dict(args.lang))
    else:
        out.write(assessment.to_text(args.lang))
    return 0 if assessment.passed else 1
