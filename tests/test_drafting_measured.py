"""The measured recall and precision of drafting, as docs/drafting.md shows them."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT
from .drafting_table import OWN_PLANS, measured, tables

pytest.importorskip("cn2an", reason="the draft extra (cn2an) is not installed")


class TestMeasured:
    def test_docs_show_the_measured_tables(self) -> None:
        """docs/drafting.md holds exactly the tables the comparison computes now."""
        page = (ROOT / "docs" / "drafting.md").read_text(encoding="utf-8")
        shown = re.search(r"<!-- measured: .*? -->\n(.*?)<!-- end measured -->", page, re.S)
        assert shown is not None
        assert tables() == shown.group(1)

    def test_seed_plans_meet_the_aim(self) -> None:
        """Over the five seed plans, at least 80 % of targets are drafted with every field
        right, and at least 90 % of drafted requirements are such a target."""
        seed = [c for name, _, _, c in measured() if name not in OWN_PLANS]
        right = sum(c.right for c in seed)
        assert right >= 0.8 * sum(c.targets for c in seed)
        assert right >= 0.9 * sum(c.drafted for c in seed)

    def test_every_drafted_plan_loads(self) -> None:
        """The drafts of all eight plans write files that load back equal to their plans."""
        from commhealth import loads_plan

        for _, _, section, _ in measured():
            assert section.plan() == loads_plan(section.to_toml(), "toml")
