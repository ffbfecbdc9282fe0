"""Writing a drafted section as a plan file: TOML with the draft's reasons as comments."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..loading import plan_to_dict
from ._assemble import sources_of
from ._model import DraftedRequirement, Sentence, Todo

if TYPE_CHECKING:
    from ._draft import DraftedSection

__all__ = ["render"]

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    msg = f"cannot write {type(value).__name__} to a plan file"
    raise TypeError(msg)


def _table(header: str, data: dict[str, Any]) -> list[str]:
    return [header, *(f"{_key(k)} = {_value(v)}" for k, v in data.items())]


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def _quote(sentence: Sentence) -> str:
    return _comment(f"line {sentence.line}: {sentence.text}")


def _todos(todos: Iterable[Todo]) -> list[str]:
    lines = []
    for t in todos:
        choices = f" (choices: {', '.join(t.choices)})" if t.choices else ""
        lines.append(_comment(f"TODO {t.field}: {t.note}{choices}"))
    return lines


def _requirement(drafted: DraftedRequirement, data: dict[str, Any]) -> list[str]:
    head = [
        _quote(drafted.sentence),
        _comment(f"confidence {drafted.confidence:.2f}; {sources_of(drafted.sources)}"),
        *_todos(drafted.todos),
    ]
    return [*head, *_table("[[requirements]]", data), ""]


def render(section: DraftedSection, *, source: str | None = None) -> str:
    """The plan file of a drafted section; :func:`~commhealth.loads_plan` reads it as it stands."""
    data = plan_to_dict(section.plan())
    origin = f"{source}, " if source else ""
    n_req = len(section.requirements)
    out = [
        _comment(
            f"Drafted by commhealth draft from {origin}section {section.number}: {section.title}"
        ),
        _comment(
            f"{n_req} requirements drafted; {len(section.unread)} sentences with targets not read "
            f"(listed at the end); {section.skipped} sentences with no target left out."
        ),
        "# Confirm each requirement against its sentence and settle every TODO.",
        *(
            f"{_key(k)} = {_value(data[k])}"
            for k in ("schema", "id", "title", "language", "span")
            if k in data
        ),
        "",
        "# TODO organisation: its id, and its name and level if these are not right",
        *_table("[organisation]", data["organisation"]),
        "",
    ]
    for (window, todo), raw in zip(section.windows, data.get("windows", []), strict=True):
        out += [*_todos([todo] if todo else []), *_table("[[windows]]", raw), ""]
        del window
    for raw in data.get("teams", []):
        out += [*_table("[[teams]]", raw), ""]
    for raw in data.get("children", []):
        out += [
            "# TODO children: the organisations under this one; a stand-in holds the place",
            *_table("[[children]]", raw),
            "",
        ]
    for drafted, raw in zip(section.requirements, data.get("requirements", []), strict=True):
        out += _requirement(drafted, raw)
    if section.themes is not None and "themes" in data:
        themes = dict(data["themes"])
        months = themes.pop("months", [])
        out += ["# The theme calendar, one month a line."]
        out += [_comment(f"NOTE {n}") for n in section.themes.notes]
        out += [*_table("[themes]", themes), ""]
        for raw in months:
            quoted = [
                _quote(sentence)
                for sentence, month in zip(
                    section.themes.sentences, section.themes.months, strict=True
                )
                if month == raw["month"]
            ]
            out += [*quoted, *_table("[[themes.months]]", raw), ""]
    if section.unread:
        out.append("# Sentences that state a target the draft could not read:")
        out += [
            _comment(f"line {u.sentence.line} ({u.reason}): {u.sentence.text}")
            for u in section.unread
        ]
    return "\n".join(out).rstrip("\n") + "\n"
