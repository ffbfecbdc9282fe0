"""Plan files: TOML, JSON and YAML, one schema, every problem reported with its path."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth import (
    CommhealthError,
    Plan,
    PlanError,
    dump_plan,
    dumps_plan,
    load_plan,
    loads_plan,
)
from commhealth.loading import plan_from_dict, plan_to_dict
from commhealth.strategies import plans

FORMATS = ["toml", "json", "yaml"]

MINIMAL = """
schema = 1
id = "p"
span = { start = 2022-01-01, end = 2023-01-01 }
[organisation]
id = "o"
"""


class TestRoundTrip:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_longyuan_round_trips(self, fmt: str, longyuan_dir: Path, tmp_path: Path) -> None:
        """The shipped 龙苑社区 plan dumps and loads back equal in every format."""
        plan = load_plan(longyuan_dir / "plan.toml")
        path = tmp_path / f"plan.{fmt}"
        dump_plan(plan, path)
        assert plan == load_plan(path)

    @pytest.mark.parametrize("fmt", FORMATS)
    @given(plan=plans())
    def test_any_valid_plan_round_trips(self, fmt: str, plan: Plan) -> None:
        """Any valid plan round-trips through each format, and a second dump is the same text."""
        text = dumps_plan(plan, fmt)  # type: ignore[arg-type]
        again = loads_plan(text, fmt)  # type: ignore[arg-type]
        assert plan == again
        assert text == dumps_plan(again, fmt)  # type: ignore[arg-type]

    def test_yaml_keeps_chinese_readable(self, longyuan_dir: Path) -> None:
        """YAML output writes Chinese as itself, not as \\u escapes."""
        text = dumps_plan(load_plan(longyuan_dir / "plan.toml"), "yaml")
        assert "龙苑社区" in text
        assert "\\u" not in text

    def test_schema_version_always_written(self) -> None:
        """The schema version is written even though it is the default."""
        assert plan_to_dict(loads_plan(MINIMAL, "toml"))["schema"] == 1


class TestErrors:
    def test_three_mistakes_one_error(self) -> None:
        """A file with three independent mistakes raises one PlanError naming all three paths."""
        text = (
            MINIMAL
            + """
[[requirements]]
type = "quota"
id = "q"
bound = { min = 10, max = 2 }

[[requirements]]
type = "quota"
id = "r"
bound = { min = 1 }
per = "fortnight"

[themes]
months = [{ month = 13 }]
"""
        )
        with pytest.raises(PlanError) as e:
            loads_plan(text, "toml", source="plan.toml")
        assert [
            "$.requirements[0].bound.min",
            "$.requirements[1].per",
            "$.themes.months[0].month",
        ] == [p.path for p in e.value.problems]
        assert (
            "plan.toml: 3 problems:\n"
            "  - 'min' must not exceed 'max' (got min 10, max 2) @ $.requirements[0].bound.min\n"
            "  - not a cadence: 'fortnight'; expected one of year, half_year, quarter, two_months, month, week or 'every 2 months' @ $.requirements[1].per\n"
            "  - 'month' must be between 1 and 12 (got 13) @ $.themes.months[0].month"
        ) == str(e.value)

    def test_structural_and_cross_reference_problems_together(self) -> None:
        """A broken requirement does not hide the plan-wide problems of the others, in file order."""
        text = (
            MINIMAL
            + """
[[requirements]]
type = "quota"
id = "a"
bound = { min = 5, max = 2 }

[[requirements]]
type = "quota"
id = "b"
bound = { min = 1 }
within = ["summer"]

[[requirements]]
type = "quota"
id = "b"
bound = { min = 1 }
"""
        )
        with pytest.raises(PlanError) as e:
            loads_plan(text, "toml")
        assert [
            ("$.requirements[0].bound.min", "'min' must not exceed 'max' (got min 5, max 2)"),
            ("$.requirements[2].id", "'id' must be unique; 'b' is also used at $.requirements[1]"),
            ("$.requirements[1].within[0]", "no named window 'summer' in the plan; known: none"),
        ] == [(p.path, p.message) for p in e.value.problems]

    def test_unknown_keys_list_known_ones(self) -> None:
        """An unknown key is refused, and the message lists the keys that are known."""
        with pytest.raises(PlanError) as e:
            loads_plan(MINIMAL + 'nmae = "x"\n', "toml")
        [problem] = e.value.problems
        assert "$.organisation.nmae" == problem.path
        assert "unknown key 'nmae'; known keys: id, name, level, parent" == problem.message

    def test_unknown_requirement_type(self) -> None:
        """An unknown requirement type names the known types."""
        with pytest.raises(PlanError) as e:
            loads_plan(
                MINIMAL.replace(
                    "[organisation]", '[[requirements]]\ntype = "quto"\nid = "x"\n[organisation]'
                ),
                "toml",
            )
        assert [
            (
                "$.requirements[0].type",
                "unknown requirement type 'quto'; expected one of 'quota', 'recurrence', 'deadline', "
                "'goal', 'ratio_goal', 'trend_goal'",
            )
        ] == [(p.path, p.message) for p in e.value.problems]

    @pytest.mark.parametrize(
        ("fmt", "text", "line"),
        [
            pytest.param("toml", 'schema = 1\nid = "p"\nspan = {\n', 3, id="toml"),
            pytest.param("json", '{\n  "schema": 1,\n  "id": \n}', 4, id="json"),
            pytest.param("yaml", "schema: 1\nid: [p\nspan: 2\n", 3, id="yaml"),
            pytest.param(
                "yaml", "schema: 1\nspan: {start: 2022-13-01}\n", None, id="yaml-impossible-date"
            ),
            pytest.param("json", '{"schema": ' + "9" * 5000 + "}", None, id="json-huge-integer"),
        ],
    )
    def test_syntax_errors_carry_the_line(self, fmt: str, text: str, line: int | None) -> None:
        """A syntax error is one problem at $ with the file's line number, when the parser knows it."""
        with pytest.raises(PlanError) as e:
            loads_plan(text, fmt)  # type: ignore[arg-type]
        [problem] = e.value.problems
        assert ("$", line) == (problem.path, problem.line)
        assert problem.message.startswith(f"not valid {fmt.upper()}")

    @pytest.mark.parametrize(
        ("data", "path", "message"),
        [
            pytest.param(
                [],
                "$",
                "a plan must be a table of keys and values at the top level (got list)",
                id="list",
            ),
            pytest.param(
                {"id": "p"},
                "$.schema",
                "required field missing: the schema version, 'schema = 1'",
                id="no-schema",
            ),
            pytest.param(
                {
                    "schema": 1,
                    "id": "p",
                    "organisation": {"id": "o"},
                    "span": {"start": "2022-1-1", "end": "2023-01-01"},
                },
                "$.span.start",
                "expected a date as YYYY-MM-DD (got '2022-1-1')",
                id="bad-date",
            ),
            pytest.param(
                {
                    "schema": 1,
                    "id": 7,
                    "organisation": {"id": "o"},
                    "span": {"start": "2022-01-01", "end": "2023-01-01"},
                },
                "$.id",
                "expected text (got int 7)",
                id="id-not-text",
            ),
            pytest.param(
                {"schema": 1, "id": "p", "span": {"start": "2022-01-01", "end": "2023-01-01"}},
                "$.organisation",
                "required field missing",
                id="missing-organisation",
            ),
            pytest.param(
                {
                    "schema": 1,
                    "id": "p",
                    "organisation": {"id": "o"},
                    "span": {"start": "2022-01-01", "end": "2023-01-01"},
                    "themes": {"months": [{"month": 3, "min_activities": 1.5}]},
                },
                "$.themes.months[0].min_activities",
                "expected a whole number (got 1.5)",
                id="fractional-count",
            ),
            pytest.param(
                {
                    "schema": 1,
                    "id": "p",
                    "organisation": {"id": "o"},
                    "span": {"start": "2022-01-01", "end": "2023-01-01"},
                    "requirements": [
                        {"type": "quota", "id": "q", "bound": {"min": 1}, "severity": "fatal"}
                    ],
                },
                "$.requirements[0].severity",
                "expected one of 'error', 'warning' (got 'fatal')",
                id="bad-severity",
            ),
            pytest.param(
                {
                    "schema": 1,
                    "id": "p",
                    "organisation": {"id": "o"},
                    "span": {"start": "2022-01-01", "end": "2023-01-01"},
                    "requirements": [{"id": "q", "bound": {"min": 1}}],
                },
                "$.requirements[0].type",
                "required field missing; expected one of 'quota', 'recurrence', 'deadline', "
                "'goal', 'ratio_goal', 'trend_goal'",
                id="no-requirement-type",
            ),
            pytest.param(
                {
                    "schema": 1,
                    "id": "p",
                    "organisation": "o",
                    "span": {"start": "2022-01-01", "end": "2023-01-01"},
                },
                "$.organisation",
                "expected a table (got str 'o')",
                id="text-for-a-table",
            ),
            pytest.param(
                {
                    "schema": 1,
                    "id": "p",
                    "organisation": {"id": "o"},
                    "span": {"start": "2022-01-01", "end": "2023-01-01"},
                    "teams": [{"id": "t", "members": "王芳"}],
                },
                "$.teams[0].members",
                "expected an array (got str '王芳')",
                id="text-for-an-array",
            ),
            pytest.param(
                {
                    "schema": 1,
                    "id": "p",
                    "organisation": {"id": "o"},
                    "span": {"start": "2022-01-01", "end": "2023-01-01"},
                    "observances": [{"id": "f", "name_zh": "节", "rule": {"month": 4}}],
                },
                "$.observances[0].rule.kind",
                "required field missing; expected one of 'fixed', 'nth_weekday', 'month', "
                "'lunar', 'announced'",
                id="no-rule-kind",
            ),
        ],
    )
    def test_invalid_plans(self, data: object, path: str, message: str) -> None:
        """Each kind of invalid data is reported with its path and a message that names the rule."""
        with pytest.raises(PlanError) as e:
            plan_from_dict(data)
        assert [(path, message)] == [(p.path, p.message) for p in e.value.problems]

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """A file whose suffix names no format is refused with the known suffixes."""
        path = tmp_path / "plan.txt"
        path.write_text(MINIMAL)
        with pytest.raises(
            PlanError,
            match=r"unknown file type '\.txt'; expected one of \.toml, \.json, \.yaml, \.yml",
        ):
            load_plan(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A file that cannot be read raises PlanError, not OSError."""
        with pytest.raises(PlanError, match="cannot read the file"):
            load_plan(tmp_path / "absent.toml")

    @pytest.mark.parametrize("fmt", FORMATS)
    @given(text=st.text(max_size=200))
    def test_arbitrary_text_raises_only_commhealth_errors(self, fmt: str, text: str) -> None:
        """Any text given to a plan loader either loads or raises a CommhealthError."""
        with contextlib.suppress(CommhealthError):
            loads_plan(text, fmt)  # type: ignore[arg-type]

    def test_plan_error_is_value_error(self) -> None:
        """PlanError is both a CommhealthError and a ValueError."""
        assert issubclass(PlanError, CommhealthError)
        assert issubclass(PlanError, ValueError)
