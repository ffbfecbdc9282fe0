"""Plan files: load and dump a :class:`~commhealth.Plan` as TOML, JSON or YAML."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs

from ..._limits import MAX_REQUIREMENTS
from ..._plan import Plan, Requirement
from ..._resolve import resolution_problems
from ...errors import PlanError, Problem
from .._formats import Format, format_of, parse_text, read_source, render_text
from ._converter import converter, structure
from ._strict import lone_surrogates

__all__ = ["dump_plan", "dumps_plan", "load_plan", "loads_plan", "plan_from_dict", "plan_to_dict"]


def plan_from_dict(data: object, *, source: str | None = None) -> Plan:
    """Build a plan from plain data (the parsed contents of a plan file), and check what it
    refers to (included standards, observance names) with :func:`~commhealth.resolve`.

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
    reqs = data.get("requirements")
    if isinstance(reqs, list) and len(reqs) > MAX_REQUIREMENTS:
        # Said before reading them: building a hundred thousand requirements takes seconds.
        msg = f"'requirements' may hold at most {MAX_REQUIREMENTS:,} items (got {len(reqs):,})"
        raise PlanError([Problem(path="$.requirements", message=msg)], source=source)
    try:
        plan = structure(data, Plan, source=source)
    except PlanError as e:
        found = list(e.problems)
    else:
        # What the plan refers to (standards, observances) is looked up now, so a file's
        # every problem is reported when it is read, not when it is first checked.
        problems = resolution_problems(plan)
        if problems:
            raise PlanError(problems, source=source)
        return plan
    # Rules that tie the plan together run only on a plan that could be built; build one from
    # the parts that read, so they are reported now too, not after the first fixes.
    seen = {(p.path, p.message) for p in found}
    found += [p for p in _cross_reference_problems(data, found) if (p.path, p.message) not in seen]
    raise PlanError(found, source=source)


_REQUIREMENT_PATH = re.compile(r"\$\.requirements\[(\d+)\]")
_TOP_KEY = re.compile(r"^\$\.(\w+)")


def _cross_reference_problems(data: dict[str, Any], found: list[Problem]) -> list[Problem]:
    """The plan-wide problems of the parts of ``data`` that read on their own.

    Requirements that do not read are left out (and the rest renumbered back to their place
    in the file); other optional parts with a problem are left to their defaults.
    """
    partial = dict(data)
    origin: list[int] = []
    if isinstance(data.get("requirements"), list):
        for i, raw in enumerate(data["requirements"]):
            try:
                converter.structure(raw, Requirement)  # type: ignore[arg-type]
            except Exception:
                continue
            origin.append(i)
        partial["requirements"] = [data["requirements"][i] for i in origin]
    optional = {a.name for a in attrs.fields(Plan) if a.default is not attrs.NOTHING}
    broken = {m.group(1) for p in found if (m := _TOP_KEY.match(p.path))}
    for key in broken & optional - {"requirements"}:
        partial.pop(key, None)
    try:
        plan = structure(partial, Plan)
    except PlanError as e:
        return [_renumber(p, origin) for p in e.problems]
    return [_renumber(p, origin) for p in resolution_problems(plan)]


def _renumber(problem: Problem, origin: list[int]) -> Problem:
    """A problem with the requirements' indices of the file, not of the partial plan."""

    def back(m: re.Match[str]) -> str:
        k = int(m.group(1))
        return f"$.requirements[{origin[k]}]" if k < len(origin) else m.group(0)

    return attrs.evolve(
        problem,
        path=_REQUIREMENT_PATH.sub(back, problem.path),
        message=_REQUIREMENT_PATH.sub(back, problem.message),
    )


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
    text, fmt = read_source(path)
    return loads_plan(text, fmt, source=str(path))


def dump_plan(plan: Plan, path: str | Path) -> None:
    """Write ``plan`` to ``path`` in the format its suffix names.

    Raises:
        PlanError: The plan holds text no file can store (a lone surrogate), at its path.
    """
    path = Path(path)
    data = plan_to_dict(plan)
    problems = lone_surrogates(data)
    if problems:
        raise PlanError(problems, source=str(path))
    path.write_text(render_text(data, format_of(path)), encoding="utf-8")
