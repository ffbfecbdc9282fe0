"""Plan files: load and dump a :class:`~commhealth.Plan` as TOML, JSON or YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._plan import Plan
from ..errors import PlanError, Problem
from ._converter import converter, structure
from ._formats import Format, format_of, parse_text, render_text

__all__ = ["dump_plan", "dumps_plan", "load_plan", "loads_plan", "plan_from_dict", "plan_to_dict"]


def plan_from_dict(data: object, *, source: str | None = None) -> Plan:
    """Build a plan from plain data (the parsed contents of a plan file).

    Raises:
        PlanError: Lists every problem found, each with its ``$.path``.
    """
    if not isinstance(data, dict):
        kind = "nothing" if data is None else type(data).__name__
        msg = f"a plan must be a table of keys and values at the top level (got {kind})"
        raise PlanError([Problem(path="$", message=msg)], source=source)
    if "schema" not in data:
        msg = "required field missing: the schema version, 'schema = 1'"
        raise PlanError([Problem(path="$.schema", message=msg)], source=source)
    return structure(data, Plan, source=source)


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plain data of a plan, as written to a file (defaults left out, dates as dates)."""
    data: dict[str, Any] = converter.unstructure(plan)
    return data


def loads_plan(text: str, fmt: Format, *, source: str | None = None) -> Plan:
    """Read a plan from ``text`` in format ``fmt`` (``"toml"``, ``"json"`` or ``"yaml"``)."""
    return plan_from_dict(parse_text(text, fmt, source=source), source=source)


def dumps_plan(plan: Plan, fmt: Format) -> str:
    """Write ``plan`` as text in ``fmt``; :func:`loads_plan` reads it back equal."""
    return render_text(plan_to_dict(plan), fmt)


def load_plan(path: str | Path) -> Plan:
    """Read a plan file; its suffix (``.toml``, ``.json``, ``.yaml``, ``.yml``) names the format.

    Raises:
        PlanError: The file cannot be read or breaks the schema; every problem is listed
            with its ``$.path`` (and its line, for syntax errors).
    """
    path = Path(path)
    fmt = format_of(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise PlanError(
            [Problem(path="$", message=f"cannot read the file: {e}")], source=str(path)
        ) from None
    return loads_plan(text, fmt, source=str(path))


def dump_plan(plan: Plan, path: str | Path) -> None:
    """Write ``plan`` to ``path`` in the format its suffix names."""
    path = Path(path)
    path.write_text(dumps_plan(plan, format_of(path)), encoding="utf-8")
