"""The published JSON Schema of plan files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from commhealth import dump_plan, load_plan
from commhealth.loading._schema import plan_schema


class TestSchema:
    def test_examples_validate_against_the_schema(self, longyuan_dir: Path, tmp_path: Path) -> None:
        """The JSON form of a shipped plan is valid under the published JSON Schema."""
        schema = plan_schema()
        jsonschema.Draft202012Validator.check_schema(schema)
        dump_plan(load_plan(longyuan_dir / "plan.toml"), tmp_path / "plan.json")
        jsonschema.validate(json.loads((tmp_path / "plan.json").read_text()), schema)

    def test_schema_rejects_unknown_keys(self) -> None:
        """The schema forbids unknown keys, as the loader does."""
        bad = {
            "schema": 1,
            "id": "p",
            "organisation": {"id": "o", "x": 1},
            "span": {"start": "2022-01-01", "end": "2023-01-01"},
        }
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, plan_schema())
