"""Scheme files: TOML, JSON and YAML, read back equal, every problem with its path."""

from __future__ import annotations

from pathlib import Path

import pytest

from commhealth import PlanError, examples
from commhealth.evaluation import dump_scheme, dumps_scheme, evaluate, load_scheme, loads_scheme

from .test_evaluation import SCHEME

STREET = """
id = "street-2022"
title = "街道社区健康教育工作考核"
passing = "合格"
grades = [{ name = "优秀", min = 90 }, { name = "良好", min = 80 }, { name = "合格", min = 60 }]

[[sections]]
id = "activities"
title = "活动开展"

[[sections.criteria]]
id = "lectures"
title = "健康教育活动"
points = 40
figure = { source = "requirement", requirement = "health-education" }
rule = { kind = "deduction", target = 12, deduct = 2 }

[[sections.criteria]]
id = "files"
title = "台账资料"
points = 20
figure = { source = "manual" }
rule = { kind = "ordinal", points = { "好" = 20, "中" = 12, "差" = 0 } }
"""


class TestRoundTrip:
    @pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
    def test_a_scheme_reads_back_equal(self, fmt: str) -> None:
        """A scheme with nested sections, levels, ratings and bands reads back equal."""
        assert SCHEME == loads_scheme(dumps_scheme(SCHEME, fmt), fmt)  # type: ignore[arg-type]

    def test_file(self, tmp_path: Path) -> None:
        """dump_scheme and load_scheme pick the format from the suffix."""
        path = tmp_path / "scheme.yaml"
        dump_scheme(SCHEME, path)
        assert SCHEME == load_scheme(path)


class TestReading:
    def test_a_scheme_file_scores(self) -> None:
        """A scheme written by hand in TOML scores 龙苑 as the same scheme built in code."""
        scheme = loads_scheme(STREET, "toml")
        example = examples.load("longyuan")
        a = evaluate(example.plan, example.activities, scheme=scheme, scores={"files": "中"})
        assert [("lectures", 38.0), ("files", 12.0)] == [(s.criterion, s.points) for s in a.scores]

    def test_every_problem_at_once(self) -> None:
        """An unknown rule, a wrong figure source and a missing key are reported together."""
        text = (
            STREET.replace('kind = "deduction"', 'kind = "deductions"')
            .replace('source = "manual"', 'source = "sheet"')
            .replace('title = "活动开展"\n', "")
            .replace('id = "activities"\n', "")
        )
        with pytest.raises(PlanError) as e:
            loads_scheme(text, "toml")
        assert [
            (
                "$.sections[0].criteria[0].rule.kind",
                "unknown scoring rule 'deductions'; expected one of 'all_or_nothing', 'deduction', 'proportional', 'linear', 'bands', 'per_unit', 'penalty', 'ordinal'",
            ),
            (
                "$.sections[0].criteria[1].figure.source",
                "unknown figure source 'sheet'; expected one of 'requirement', 'metric', 'manual', 'records', 'activities'",
            ),
            ("$.sections[0].id", "required field missing"),
        ] == sorted((p.path, p.message) for p in e.value.problems)

    def test_not_a_table(self) -> None:
        """A file whose top level is not a table says so."""
        with pytest.raises(PlanError) as e:
            loads_scheme("[1, 2]", "json")
        assert (
            "1 problem:\n  - a scheme must be a table of keys and values at the top level (got list) @ $"
            == str(e.value)
        )


class TestSchema:
    def test_scheme_files_follow_the_schema(self) -> None:
        """A hand-written scheme file and a written one validate; a wrong rule kind does not."""
        import io
        import json
        import tomllib

        import jsonschema

        from commhealth.cli import main

        out = io.StringIO()
        assert 0 == main(["schema", "--scheme"], out=out)
        schema = json.loads(out.getvalue())
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.validate(tomllib.loads(STREET), schema)
        jsonschema.validate(json.loads(dumps_scheme(SCHEME, "json")), schema)
        bad = tomllib.loads(STREET.replace('kind = "deduction"', 'kind = "deductions"'))
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_typos_of_a_transcription_are_refused_at_once() -> None:
    """A rating worth more than its item, a bonus marked core, a band above its part: every
    one reported together, with its path."""
    text = """
id = "s"
[[sections]]
id = "a"
[[sections.criteria]]
id = "x"
points = 10
figure = { source = "manual" }
rule = { kind = "ordinal", points = { "有" = 15, "无" = 0 } }
[[sections.criteria]]
id = "y"
points = 4
core = true
bonus = true
figure = { source = "manual" }
rule = { kind = "per_unit", each = 1 }
[[sections.criteria]]
id = "z"
points = 4
[[sections.criteria.parts]]
id = "p"
points = 2
figure = { source = "manual" }
rule = { kind = "bands", bands = [{ min = 1, points = 3 }] }
"""
    with pytest.raises(PlanError) as e:
        loads_scheme(text, "toml")
    assert [
        (
            "$.sections[0].criteria[0].rule",
            "the rule gives up to 15 points, more than the item's 10",
        ),
        (
            "$.sections[0].criteria[1].core",
            "a bonus item (附加分) cannot be a core item (核心指标)",
        ),
        (
            "$.sections[0].criteria[2].parts[0].rule",
            "the rule gives up to 3 points, more than the item's 2",
        ),
    ] == [(p.path, p.message) for p in e.value.problems]
