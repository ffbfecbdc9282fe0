"""Shared test set-up: Hypothesis profiles and paths to shipped data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile(
    "dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src" / "commhealth" / "examples"


@pytest.fixture
def longyuan_dir() -> Path:
    """The folder of the shipped 龙苑社区 example."""
    return EXAMPLES / "longyuan"
