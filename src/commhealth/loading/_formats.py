"""Reading and writing the three plan-file formats: TOML, JSON and YAML."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from .._limits import MAX_PLAN_BYTES
from ..errors import PlanError, Problem
from ._files import FileProblem, decode_text, read_bytes
from .plans._strict import KeyCounter, json_duplicate_keys, lone_surrogates, yaml_node_problems

__all__ = ["Format", "format_of", "parse_text", "read_source", "render_text"]

Format = Literal["toml", "json", "yaml"]

_SUFFIXES: dict[str, Format] = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def format_of(path: str | Path) -> Format:
    """The format a file's suffix names.

    Raises:
        PlanError: The suffix is none of ``.toml``, ``.json``, ``.yaml``, ``.yml``.
    """
    suffix = Path(path).suffix.lower()
    try:
        return _SUFFIXES[suffix]
    except KeyError:
        msg = (
            f"unknown file type {suffix or '(no suffix)'!r}; expected one of {', '.join(_SUFFIXES)}"
        )
        if is_directory(Path(path)):
            msg = f"{str(path)!r} is a folder, not a file; name the file in it ({', '.join(_SUFFIXES)})"
        raise PlanError([Problem(path="$", message=msg)], source=str(path)) from None


def is_directory(path: Path) -> bool:
    """Whether ``path`` names a folder (never raises)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def read_source(path: Path) -> tuple[str, Format]:
    """The text of a plan or scheme file, and the format its suffix names.

    Raises:
        PlanError: The suffix names no format, the path is not a regular file, the file is
            larger than :data:`~commhealth._limits.MAX_PLAN_BYTES`, or it is not UTF-8.
    """
    fmt = format_of(path)
    try:
        return decode_text(read_bytes(path, MAX_PLAN_BYTES, where="$"), where="$")[0], fmt
    except FileProblem as e:
        raise PlanError([e.problem], source=str(path)) from None


def parse_text(text: str, fmt: Format, *, source: str | None = None) -> Any:
    """Parse ``text`` in ``fmt`` into plain Python data; syntax errors carry their line.

    A key given twice in one table, a YAML alias and a lone surrogate are refused too.
    """
    try:
        if fmt == "toml":
            return tomllib.loads(text)
        if fmt == "json":
            return _parse_json(text)
        return _parse_yaml(text)
    except PlanError as e:
        raise PlanError(e.problems, source=source) from None
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+)", str(e))
        line = int(m.group(1)) if m else None
        problem = Problem(path="$", message=f"not valid TOML: {e}", line=line)
    except json.JSONDecodeError as e:
        problem = Problem(path="$", message=f"not valid JSON: {e.msg}", line=e.lineno)
    except RecursionError:
        problem = Problem(path="$", message=f"not valid {fmt.upper()}: nested too deeply")
    except ValueError as e:
        # A value the parser cannot hold: 2022-13-01 in YAML, an integer of 5,000 digits.
        problem = Problem(path="$", message=f"not valid {fmt.upper()}: {e}")
    raise PlanError([problem], source=source)


def _parse_json(text: str) -> Any:
    counter = KeyCounter()
    data = json.loads(text, object_pairs_hook=counter)
    problems = json_duplicate_keys(text) if counter.repeated else []
    problems += lone_surrogates(data)
    if problems:
        raise PlanError(problems)
    return data


def _parse_yaml(text: str) -> Any:
    import yaml  # noqa: PLC0415 - YAML is read only when a YAML file is

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        loader = loader_class(text)
        try:
            # Composed first, so that aliases are refused before they are expanded.
            node = loader.get_single_node()
            if node is None:
                return None
            problems = yaml_node_problems(node)
            if problems:
                raise PlanError(problems)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
        problems = lone_surrogates(data)
        if problems:
            raise PlanError(problems)
        return data
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = Problem(path="$", message=f"not valid YAML: {e.problem or e}", line=line)
    except yaml.YAMLError as e:
        problem = Problem(path="$", message=f"not valid YAML: {e}")
    raise PlanError([problem])


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    msg = f"cannot write {type(value).__name__} to JSON"
    raise TypeError(msg)


def render_text(data: dict[str, Any], fmt: Format) -> str:
    """Render plain data (dates as :class:`datetime.date`) as text in ``fmt``."""
    if fmt == "toml":
        import tomli_w  # noqa: PLC0415 - written only when a TOML file is

        return tomli_w.dumps(data)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    import yaml  # noqa: PLC0415 - YAML is written only when a YAML file is

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)
    return text
