"""Shared test set-up: Hypothesis profiles and paths to shipped data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The profiles, not the tests, set how many examples each law gets: `dev` for a quick
# local run, `ci` (chosen when CI is set) for every push, and `slow` for a nightly run
# (HYPOTHESIS_PROFILE=slow) that looks much harder for counterexamples. Where CI is set,
# Hypothesis derandomizes by default so that a push's result does not depend on luck;
# `slow` turns that off, or every night would draw the same examples.
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile(
    "dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "slow",
    max_examples=1000,
    derandomize=False,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src" / "commhealth" / "examples"


@pytest.fixture
def longyuan_dir() -> Path:
    """The folder of the shipped 龙苑社区 example."""
    return EXAMPLES / "longyuan"
