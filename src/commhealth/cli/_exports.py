"""Where ``commhealth check`` sends a report besides the terminal: DHIS2, FHIR, files."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .._atomic import write_atomic
from ._common import json_file
from ._common import write_out as write_to

if TYPE_CHECKING:
    from .._activities import Activity
    from .._plan import Plan
    from .._report import Report


def payload(args: argparse.Namespace, plan: Plan, report: Report) -> str:
    """The report as the ``--format`` payload: DHIS2 JSON, ADX XML or a FHIR MeasureReport."""
    from ..interop import load_dhis2_mapping, to_dhis2, to_measure_report  # noqa: PLC0415

    if args.format == "fhir":
        return json_file(to_measure_report(report))
    mapping = load_dhis2_mapping(args.mapping) if args.mapping is not None else None
    export = to_dhis2(report, mapping, org_unit=plan.organisation.id)
    for requirement, why in export.skipped:
        args.err.write(f"commhealth: note: {requirement}: {why}; left out\n")
    if args.format == "adx":
        return export.to_adx()
    return json_file(export.to_data_value_set())


def write_out(
    args: argparse.Namespace, plan: Plan, activities: Sequence[Activity], report: Report
) -> None:
    """Write the report to ``--out`` in the kind of file its suffix names.

    Raises:
        LedgerError: The suffix is not one the command writes, or the file cannot be written.
    """
    from ..interop import to_ics, write_workbook  # noqa: PLC0415

    def as_json(path: Path) -> None:
        if args.format in ("dhis2", "adx", "fhir"):
            write_atomic(path, payload(args, plan, report))
        else:
            write_atomic(path, json_file(report.to_dict(args.lang, detail=args.detail)))

    writers: dict[str, Callable[[Path], object]] = {
        ".xlsx": lambda path: write_workbook(report, path, args.lang),
        ".ics": lambda path: write_atomic(path, to_ics(plan, activities, args.lang)),
        ".html": lambda path: write_atomic(path, report.to_html(args.lang)),
        ".svg": lambda path: write_atomic(path, report.heatmap(args.lang) + "\n"),
        ".json": as_json,
    }
    if args.format == "adx":
        writers[".xml"] = lambda path: write_atomic(path, payload(args, plan, report))
    write_to(args, writers)
