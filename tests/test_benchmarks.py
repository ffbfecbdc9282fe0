"""The benchmarks run: each at its smallest size, so that a change to the library that
breaks one is caught here and not the next time someone measures. Nothing is timed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.mark.parametrize(
    ("script", "args"),
    [
        ("evaluate.py", ["--communities", "2", "--repeat", "1"]),
        ("load.py", ["--sizes", "50"]),
        ("drafting.py", ["--runs", "1"]),
        ("city.py", ["--sizes", "200", "--repeat", "1", "--startup-runs", "1"]),
    ],
)
def test_benchmark_runs(script: str, args: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(BENCHMARKS.parent / "src")}
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
        cwd=BENCHMARKS.parent,
    )
    assert 0 == done.returncode, done.stderr[-2000:]
    assert done.stdout.strip()
