"""The published JSON Schema of plan files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from commhealth import dump_plan, load_plan
from commhealth.loading.plans._schema import plan_schema


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


def _cli_json(*argv: str) -> object:
    import io

    from commhealth.cli import main

    out = io.StringIO()
    main(list(argv), out=out, err=io.StringIO())
    return json.loads(out.getvalue())


class TestReportSchema:
    @pytest.mark.parametrize("name", ["longyuan", "liubeiqiao", "qingxiu", "street", "town"])
    @pytest.mark.parametrize(
        "extra",
        [
            (),
            ("--detail",),
            ("--as-of", "2022-06-30"),
            ("--as-of", "2022-06-30", "--detail", "--lang", "en"),
        ],
        ids=["review", "detail", "progress", "progress-detail-en"],
    )
    def test_cli_output_follows_the_published_schema(
        self, name: str, extra: tuple[str, ...]
    ) -> None:
        """What 'commhealth check --format json' prints is valid under 'schema --report'."""
        schema = _cli_json("schema", "--report")
        jsonschema.Draft202012Validator.check_schema(schema)  # type: ignore[arg-type]
        report = _cli_json("check", "--example", name, "--format", "json", *extra)
        jsonschema.validate(report, schema)  # type: ignore[arg-type]

    def test_conformance_output_follows_the_schema(self) -> None:
        """A conformance report is a report of the same shape."""
        report = _cli_json("conformance", "street", "longyuan", "--format", "json")
        jsonschema.validate(report, _cli_json("schema", "--report"))  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("change", "path"),
        [
            (lambda r: r["findings"][0].update(status="failed"), "status"),
            (lambda r: r["findings"][0].update(window={"start": "2022-01-01"}), "window"),
            (lambda r: r["findings"][0].pop("message"), "message"),
            (lambda r: r.update(extra=1), "extra"),
        ],
        ids=["status", "window", "message", "extra-key"],
    )
    def test_schema_refuses_a_broken_report(self, change: Any, path: str) -> None:
        """The schema is strict enough to catch a report that breaks the contract."""
        from commhealth.loading.plans._schema import report_schema

        report = _cli_json("check", "--example", "longyuan", "--format", "json")
        change(report)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(report, report_schema())
