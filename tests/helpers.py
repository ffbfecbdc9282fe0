"""Small builders and checks shared by the tests."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from commhealth import Activity, FieldError, Organisation, Plan, Window

D = dt.date

SRC = Path(__file__).resolve().parent.parent / "src"

#: Seconds a case run in a child process may take before it counts as a hang.
TIMEOUT = 20


def run_child(code: str, *, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter that imports this checkout's commhealth, so that
    a hang fails a test (after :data:`TIMEOUT` seconds) rather than stopping the run."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def make_plan(*requirements: Any, **kw: Any) -> Plan:
    """A 2022 plan holding ``requirements``."""
    base: dict[str, Any] = {
        "id": "p",
        "title": "测试计划",
        "organisation": Organisation(id="o"),
        "span": Window.year(2022),
    }
    base.update(kw)
    return Plan(requirements=tuple(requirements), **base)


def act(ident: str, day: dt.date, **kw: Any) -> Activity:
    """An activity dated ``day``."""
    return Activity(id=ident, date=day, **kw)


def monthly(kind: str, day: int = 15, skip: tuple[int, ...] = (), **kw: Any) -> list[Activity]:
    """One activity of ``kind`` on ``day`` of every month of 2022 but those in ``skip``."""
    return [
        act(f"{kind}-{m}", D(2022, m, day), kind=kind, **kw) for m in range(1, 13) if m not in skip
    ]


def invalid_cases(table: list[tuple[str, Callable[[], object], str]]) -> list[Any]:
    """A table of (id, constructor, message) rows as parameters, each named by its id."""
    return [pytest.param(make, message, id=ident) for ident, make, message in table]


def assert_refused(make: Callable[[], object], message: str) -> None:
    """``make()`` raises a FieldError whose whole message is ``message``."""
    with pytest.raises(FieldError) as e:
        make()
    assert message == str(e.value)
