"""What the parsers let through and an input file must not hold.

JSON and YAML parsers keep the last of two equal keys, so ``requirements: []`` appended to
a plan would drop all its requirements without a word; YAML aliases let a 1 KB file expand
to gigabytes; JSON and YAML escapes can spell a lone surrogate (``"\\udc80"``), text no
file can store. Each is a problem with its ``$.path`` and line. TOML refuses the first and
the last itself and has no aliases.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from ...errors import Problem

__all__ = ["KeyCounter", "json_duplicate_keys", "lone_surrogates", "yaml_node_problems"]

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


class KeyCounter:
    """An ``object_pairs_hook`` that notes whether any table repeats a key."""

    def __init__(self) -> None:
        self.repeated = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        table = dict(pairs)
        if len(table) != len(pairs):
            self.repeated = True
        return table


def _member(path: str, key: str) -> str:
    return f"{path}.{key}" if re.fullmatch(r"\w+", key) else f"{path}[{key!r}]"


def _twice(path: str, key: str, first: int, again: int) -> Problem:
    msg = (
        f"key {key!r} is given twice in the same table, on lines {first} and {again}; "
        "a reader would keep only the last, so remove one"
    )
    return Problem(path=_member(path, key), message=msg, line=again)


def json_duplicate_keys(text: str) -> list[Problem]:
    """Every repeated key of a JSON text that parses, with its path and both lines."""
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line(offset: int) -> int:
        return bisect_right(newlines, offset) + 1

    problems: list[Problem] = []
    # Each open container: [is_object, path, keys seen (key -> line), key, index, after colon]
    stack: list[list[Any]] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        top = stack[-1] if stack else None
        if tok in "{[":
            if top is None:
                path = "$"
            elif top[0]:
                path = _member(top[1], top[3])
            else:
                path = f"{top[1]}[{top[4]}]"
            stack.append([tok == "{", path, {}, "", 0, False])
        elif tok in "}]":
            stack.pop()
        elif tok == ":" and top is not None:
            top[5] = True
        elif tok == "," and top is not None:
            top[5] = False
            top[4] += 1
        elif tok.startswith('"') and top is not None and top[0] and not top[5]:
            key = json.loads(tok)
            here = line(m.start())
            if key in top[2]:
                problems.append(_twice(top[1], key, top[2][key], here))
            else:
                top[2][key] = here
            top[3] = key
    return problems


def yaml_node_problems(root: Any) -> list[Problem]:
    """Aliases and repeated keys in a composed YAML document, with their paths and lines."""
    import yaml  # noqa: PLC0415 - YAML is read only when a YAML file is

    problems: list[Problem] = []
    seen: set[int] = set()
    # Each node with its path and the line that holds it; visited in document order, so an
    # alias is the second visit of a node.
    todo: list[tuple[Any, str, int]] = [(root, "$", root.start_mark.line + 1)]
    while todo:
        node, path, where = todo.pop()
        if id(node) in seen:
            msg = (
                "YAML aliases (an '&anchor' used again as '*anchor') are not allowed; "
                "write the value out in full"
            )
            problems.append(Problem(path=path, message=msg, line=where))
            continue
        seen.add(id(node))
        children: list[tuple[Any, str, int]] = []
        if isinstance(node, yaml.MappingNode):
            keys: dict[tuple[str, str], int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                here = key_node.start_mark.line + 1
                if isinstance(key_node, yaml.ScalarNode):
                    if (key_node.tag, key) in keys:
                        problems.append(_twice(path, key, keys[(key_node.tag, key)], here))
                    else:
                        keys[(key_node.tag, key)] = here
                children.append((value_node, _member(path, key), here))
        elif isinstance(node, yaml.SequenceNode):
            children = [
                (item, f"{path}[{i}]", item.start_mark.line + 1)
                for i, item in enumerate(node.value)
            ]
        todo.extend(reversed(children))
    return sorted(problems, key=lambda p: (p.line or 0, p.path))


def _strings(data: Any) -> Iterator[tuple[str, str]]:
    todo: list[tuple[Any, str]] = [(data, "$")]
    while todo:
        value, path = todo.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str):
                    yield path, k
                todo.append((v, _member(path, str(k))))
        elif isinstance(value, list):
            todo.extend((v, f"{path}[{i}]") for i, v in enumerate(value))


def lone_surrogates(data: Any) -> list[Problem]:
    """Every text in parsed data that holds a lone surrogate, which UTF-8 cannot store."""
    problems = []
    for path, text in _strings(data):
        if text.isascii():
            continue
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as e:
            bad = text[e.start]
            msg = (
                f"text must be valid Unicode; {text[:40]!r} holds a lone surrogate "
                f"({bad!r}), which no file can store"
            )
            problems.append(Problem(path=path, message=msg))
    return sorted(problems, key=lambda p: p.path)
