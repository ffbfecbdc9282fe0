"""The documentation's examples stay true: the format reference's plan is the shipped one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from commhealth import dumps_plan, load_plan, loads_plan

from .conftest import ROOT


def blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


class TestFormatReference:
    def test_complete_plan_is_the_shipped_example(self, longyuan_dir: Path) -> None:
        """The complete plan in docs/format.md is the shipped longyuan plan, to the letter."""
        last = blocks(ROOT / "docs" / "format.md", "toml")[-1]
        assert (longyuan_dir / "plan.toml").read_text(encoding="utf-8") == last

    @pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
    def test_complete_plan_round_trips(self, fmt: str) -> None:
        """The documented plan loads and round-trips through all three formats."""
        plan = loads_plan(blocks(ROOT / "docs" / "format.md", "toml")[-1], "toml")
        assert plan == loads_plan(dumps_plan(plan, fmt), fmt)  # type: ignore[arg-type]

    def test_every_target_of_longyuan_is_expressed(self, longyuan_dir: Path) -> None:
        """Each checkable target of seed 篇2 has its requirement in the plan."""
        plan = load_plan(longyuan_dir / "plan.toml")
        assert {
            "leadership-group",
            "volunteer-team",
            "health-education",
            "elderly-records",
            "elderly-records-coverage",
            "sanitation-inspection",
            "youth-holidays",
            "posters",
            "fitness-equipment",
        } == {r.id for r in plan.requirements}
