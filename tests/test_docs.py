"""The documentation's examples stay true: the format reference's plan is the shipped one."""

from __future__ import annotations

import doctest
import importlib
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


class TestTutorial:
    def test_every_example_runs(self) -> None:
        """Every code block of docs/tutorial.md runs and prints what the page says."""
        result = doctest.testfile(
            str(ROOT / "docs" / "tutorial.md"),
            module_relative=False,
            optionflags=doctest.ELLIPSIS,
            raise_on_error=False,
            report=True,
        )
        assert (0, True) == (result.failed, result.attempted > 20)


class TestDocstrings:
    @pytest.mark.parametrize(
        "name",
        [
            "commhealth.examples",
            "commhealth.schemes",
            "commhealth.pictures",
            "commhealth.interop",
            "commhealth._schedule",
            "commhealth._scoresheet",
            "commhealth.loading.ledgers._frames",
            "commhealth.standards",
            "commhealth.strategies",
            "commhealth.testing",
        ],
    )
    def test_docstring_examples_run(self, name: str) -> None:
        """The examples in module docstrings run as written."""
        module = importlib.import_module(name)
        result = doctest.testmod(module, raise_on_error=False, report=True)
        assert (0, True) == (result.failed, result.attempted > 0)
