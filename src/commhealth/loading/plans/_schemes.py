"""Scheme files: load and dump an assessors' :class:`~commhealth.evaluation.Scheme` as TOML,
JSON or YAML, with the same rules as plan files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..._scheme import Scheme
from ...errors import PlanError, Problem
from .._formats import Format, format_of, parse_text, read_source, render_text
from ._converter import converter, structure

__all__ = ["dump_scheme", "dumps_scheme", "load_scheme", "loads_scheme", "scheme_from_dict"]


def scheme_from_dict(data: object, *, source: str | None = None) -> Scheme:
    """Build a scheme from plain data (the parsed contents of a scheme file).

    Raises:
        PlanError: Lists every problem found, each with its ``$.path``.
    """
    if not isinstance(data, dict):
        kind = "nothing" if data is None else type(data).__name__
        msg = f"a scheme must be a table of keys and values at the top level (got {kind})"
        raise PlanError([Problem(path="$", message=msg)], source=source)
    return structure(data, Scheme, source=source)


def scheme_to_dict(scheme: Scheme) -> dict[str, Any]:
    """The plain data of a scheme, as written to a file (defaults left out)."""
    data: dict[str, Any] = converter.unstructure(scheme)
    return data


def loads_scheme(text: str, fmt: Format, *, source: str | None = None) -> Scheme:
    """Read a scheme from ``text`` in format ``fmt`` (``"toml"``, ``"json"`` or ``"yaml"``)."""
    return scheme_from_dict(parse_text(text, fmt, source=source), source=source)


def dumps_scheme(scheme: Scheme, fmt: Format) -> str:
    """Write ``scheme`` as text in ``fmt``; :func:`loads_scheme` reads it back equal."""
    return render_text(scheme_to_dict(scheme), fmt)


def load_scheme(path: str | Path) -> Scheme:
    """Read a scheme file; its suffix (``.toml``, ``.json``, ``.yaml``, ``.yml``) names the
    format.

    Raises:
        PlanError: The file cannot be read or breaks the format; every problem is listed
            with its ``$.path`` (and its line, for syntax errors).
    """
    path = Path(path)
    text, fmt = read_source(path)
    return loads_scheme(text, fmt, source=str(path))


def dump_scheme(scheme: Scheme, path: str | Path) -> None:
    """Write ``scheme`` to ``path`` in the format its suffix names."""
    path = Path(path)
    path.write_text(dumps_scheme(scheme, format_of(path)), encoding="utf-8")
