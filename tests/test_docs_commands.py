"""Every command the documentation shows runs as written and prints what the page says.

A console block (```console with ``$ `` prompts, or ```sh) is run line by line: each line
that starts with ``commhealth`` runs as ``python -m commhealth`` in a temporary folder, and
where a ```console block shows what a command prints, that output is compared. A line ``…``
in the shown output stands for any number of lines, and a line ending in ``…`` for any line
that starts with what comes before it. A block the test suite cannot run (it needs a file the
reader makes, a browser, the network) carries an HTML comment on the line before it::

    <!-- not run: needs your own plan.toml -->

Other lines (``pip install``, ``python benchmarks/run.py``) are the reader's setup and are
not run.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from .conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(console|sh)\n(.*?)^```$", flags=re.S | re.M)
NOT_RUN = re.compile(r"<!-- not run: (.+?) -->\s*$")


@attrs.frozen(kw_only=True)
class Command:
    page: str
    line: int
    command: str
    expected: tuple[str, ...] | None

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"


def commands(path: Path) -> list[Command]:
    """The commands of a page's console blocks, with the output shown after each."""
    text = path.read_text(encoding="utf-8")
    found: list[Command] = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        if NOT_RUN.search(before):
            continue
        first = text[: match.start(2)].count("\n") + 1
        lines = match.group(2).splitlines()
        if match.group(1) == "sh":
            found += [
                Command(page=path.name, line=first + i, command=line, expected=None)
                for i, line in enumerate(lines)
                if line.startswith("commhealth ")
            ]
            continue
        current: tuple[int, str] | None = None
        output: list[str] = []
        for i, line in enumerate([*lines, "$ "]):
            if not line.startswith("$ "):
                output.append(line)
                continue
            if current is not None and current[1].startswith("commhealth "):
                found.append(
                    Command(
                        page=path.name,
                        line=current[0],
                        command=current[1],
                        expected=tuple(output) if output else None,
                    )
                )
            current, output = (first + i, line[2:]), []
    return found


def matches(expected: tuple[str, ...], actual: list[str]) -> bool:
    """Whether the printed lines are the shown ones, ``…`` standing for what is left out."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == "…":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    if not actual:
        return False
    if head.endswith("…"):
        same = actual[0].startswith(head[:-1])
    else:
        same = actual[0].rstrip() == head.rstrip()
    return same and matches(rest, actual[1:])


ALL = [command for page in PAGES for command in commands(page)]


class TestCommands:
    def test_pages_show_commands(self) -> None:
        """The pages' console blocks are found, so a broken pattern cannot pass silently."""
        assert len(ALL) > 20

    @pytest.mark.parametrize("command", ALL, ids=str)
    def test_command_runs_as_shown(self, command: Command, tmp_path: Path) -> None:
        """The command runs without an error and prints what the page shows."""
        line = re.sub(r"\s+#.*$", "", command.command)
        python = shlex.quote(sys.executable)
        script = re.sub(r"^commhealth\b", f"{python} -m commhealth", line)
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100"}
        done = subprocess.run(
            ["bash", "-c", script],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        if command.expected is not None:
            actual = done.stdout.splitlines()
            assert matches(command.expected, actual), "\n".join(actual)
