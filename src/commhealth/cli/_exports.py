"""Where ``commhealth check`` sends a report besides the terminal: DHIS2, FHIR, files."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._common import write_out as write_to

if TYPE_CHECKING:
    from .._activities import Activity
    from .._plan import Plan
    from .._report import Report


def payload(args: argparse.Namespace, plan: Plan, report: Report) -> str:
    """The report as the ``--format`` payload: DHIS2 JSON, ADX XML or a FHIR MeasureReport."""
    from ..interop import load_dhis2_mapping, to_dhis2, to_measure_report  # noqa: PLC0415

    if args.format == "fhir":
        return json.dumps(to_measure_report(report), ensure_ascii=False, indent=2) + "\n"
    mapping = load_dhis2_mapping(args.mapping) if args.mapping is not None else None
    export = to_dhis2(report, mapping, org_unit=plan.organisation.id)
    for requirement, why in export.skipped:
        args.err.write(f"commhealth: note: {requirement}: {why}; left out\n")
    if args.format == "adx":
        return export.to_adx()
    return json.dumps(export.to_data_value_set(), ensure_ascii=False, indent=2) + "\n"


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
            path.write_text(payload(args, plan, report), encoding="utf-8")
        else:
            data = report.to_dict(args.lang, detail=args.detail)
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    writers: dict[str, Callable[[Path], object]] = {
        ".xlsx": lambda path: write_workbook(report, path, args.lang),
        ".ics": lambda path: path.write_bytes(to_ics(plan, activities, args.lang)),
        ".html": lambda path: path.write_text(report.to_html(args.lang), encoding="utf-8"),
        ".svg": lambda path: path.write_text(report.heatmap(args.lang) + "\n", encoding="utf-8"),
        ".json": as_json,
    }
    if args.format == "adx":
        writers[".xml"] = lambda path: path.write_text(
            payload(args, plan, report), encoding="utf-8"
        )
    write_to(args, writers)
