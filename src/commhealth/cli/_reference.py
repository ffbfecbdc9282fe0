"""The reference commands: ``examples``, ``standards``, ``observances`` and ``schema``."""

from __future__ import annotations

import argparse
import unicodedata
from typing import TextIO

from ._common import write_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser("examples", help="list the plans shipped with commhealth").set_defaults(
        run=_examples
    )
    sub.add_parser("standards", help="list the national standards a plan can include").set_defaults(
        run=_standards
    )

    schema = sub.add_parser("schema", help="print the JSON Schema of plan files")
    which = schema.add_mutually_exclusive_group()
    which.add_argument(
        "--scheme", action="store_true", help="print the JSON Schema of scheme files instead"
    )
    which.add_argument(
        "--assessment",
        action="store_true",
        help="print the JSON Schema of 'commhealth evaluate --format json' instead",
    )
    which.add_argument(
        "--report",
        action="store_true",
        help="print the JSON Schema of the report 'check --format json' writes instead",
    )
    schema.set_defaults(run=_schema)

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
    obs.set_defaults(run=_observances)


def _examples(args: argparse.Namespace, out: TextIO) -> int:
    from .. import examples  # noqa: PLC0415
    from .._wording import words  # noqa: PLC0415
    from ..evaluation import evaluate, evaluate_children  # noqa: PLC0415

    for name in examples.names():
        example = examples.load(name)
        out.write(f"{name:<12} {example.plan.title}\n")
        e, scheme = example, example.scheme
        if scheme is None:
            continue
        if scheme.assesses == "children":
            r = evaluate_children(
                e.plan, e.activities, e.observations, scheme=scheme, scores=e.scores
            )
            w = words(r.language)
            out.write(f"{'':<13}{w.ranking_heading(r)}\n")
            out.writelines(f"{'':<13}{w.ranking_row(row)}\n" for row in r.rows())
        else:
            a = evaluate(e.plan, e.activities, e.observations, scheme=scheme, scores=e.scores)
            out.write(f"{'':<13}{words(a.language).assessment_heading(a)}\n")
    return 0


def _standards(args: argparse.Namespace, out: TextIO) -> int:
    from .. import standards  # noqa: PLC0415

    for s in standards.standards():
        out.write(
            f"{s.id}\n  {s.title}\n  {len(s.requirements)} requirements: {', '.join(r.id for r in s.requirements)}\n"
        )
    return 0


def _observances(args: argparse.Namespace, out: TextIO) -> int:
    from ..calendar import default_registry  # noqa: PLC0415

    registry = default_registry()
    if args.plan is not None:
        from .._resolve import resolve  # noqa: PLC0415
        from ..loading import load_plan  # noqa: PLC0415

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
        write_json(out, {"year": args.year, "observances": rows})
        return 0
    names = [o.name_zh if args.lang == "zh" else (o.name_en or o.name_zh) for o in found]
    column = max((display_width(name) for name in names), default=0)
    for o, name in zip(found, names, strict=True):
        when = (
            o.start.isoformat()
            if o.start == o.last
            else f"{o.start.isoformat()}..{o.last.isoformat()}"
        )
        padding = " " * (column - display_width(name))
        out.write(f"{when:<22} {name}{padding}  ({o.observance})\n")
    return 0


def display_width(text: str) -> int:
    """How many terminal columns text takes: a wide or fullwidth character (汉字) takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from ..loading.plans._schema import plan_schema, report_schema, scheme_schema  # noqa: PLC0415

    if args.report:
        write_json(out, report_schema())
    elif args.assessment:
        from ..evaluation import assessment_schema  # noqa: PLC0415

        write_json(out, assessment_schema())
    else:
        write_json(out, scheme_schema() if args.scheme else plan_schema())
    return 0
