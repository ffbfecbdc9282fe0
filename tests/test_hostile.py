"""Hostile and messy plans and checks: nothing lost, nothing hangs, nothing crashes.

Each case comes from a fuzz run against the loaders and the engine (the ledgers' cases are
in ``test_hostile_ledgers.py``). Cases that could hang run in a child process with a
timeout, so that a regression fails the test instead of stopping the run.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth import (
    Bound,
    Cadence,
    Deadline,
    FieldError,
    Goal,
    Observation,
    PlanError,
    RatioGoal,
    Status,
    Window,
    check,
    load_plan,
)
from commhealth.cli import main
from commhealth.loading import dumps_plan, loads_plan
from commhealth.loading._formats import Format
from commhealth.strategies import windows

from .helpers import make_plan, run_child


def _longyuan_text(fmt: Format) -> str:
    from commhealth import examples

    return dumps_plan(examples.load("longyuan").plan, fmt)


def _refused_plan(text: str, fmt: Format) -> list[str]:
    with pytest.raises(PlanError) as e:
        loads_plan(text, fmt)
    return [str(p) for p in e.value.problems]


class TestPlansLoseNothing:
    @pytest.mark.parametrize(
        ("fmt", "append", "lines"),
        [
            ("json", lambda t: t.rstrip()[:-1] + ',\n  "requirements": []\n}\n', (42, 175)),
            ("yaml", lambda t: t + "requirements: []\n", (29, 116)),
        ],
        ids=["json", "yaml"],
    )
    def test_duplicate_key(self, fmt: Format, append: Any, lines: tuple[int, int]) -> None:
        """Appending 'requirements: []' is refused with both lines, not a plan of none."""
        first, again = lines
        assert [
            f"key 'requirements' is given twice in the same table, on lines {first} and {again}; "
            f"a reader would keep only the last, so remove one @ $.requirements (line {again})"
        ] == _refused_plan(append(_longyuan_text(fmt)), fmt)

    def test_duplicate_key_deep_in_json(self) -> None:
        """A key repeated inside a requirement is reported at its path."""
        text = '{"schema": 1,\n "requirements": [{"id": "a",\n "id": "b"}]}'
        assert [
            "key 'id' is given twice in the same table, on lines 2 and 3; a reader would keep "
            "only the last, so remove one @ $.requirements[0].id (line 3)"
        ] == _refused_plan(text, "json")

    def test_duplicate_key_in_toml(self) -> None:
        """TOML refuses a repeated key itself."""
        expected = ["not valid TOML: Cannot overwrite a value (at line 3, column 9) @ $ (line 3)"]
        assert expected == _refused_plan('schema = 1\nid = "p"\nid = "q"\n', "toml")

    @pytest.mark.parametrize(
        ("fmt", "expected"),
        [
            (
                "json",
                "text must be valid Unicode; '\\udc80' holds a lone surrogate ('\\udc80'), "
                "which no file can store @ $.title",
            ),
            ("yaml", "not valid YAML: found invalid Unicode character escape code @ $ (line 14)"),
        ],
        ids=["json", "yaml"],
    )
    def test_lone_surrogate_is_refused_at_load(self, fmt: Format, expected: str) -> None:
        """A title holding a lone surrogate is refused when read, not when written."""
        text = _longyuan_text("json").replace(
            '"title": "龙苑社区2022年创建健康型社区工作计划"', '"title": "\\udc80"'
        )
        assert [expected] == _refused_plan(text, fmt)  # YAML is a superset of JSON

    def test_yaml_alias_bomb(self, tmp_path: Path) -> None:
        """Nine levels of aliases in a 1 KB file are refused at once, never expanded."""
        levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        for i in range(1, 10):
            refs = ", ".join([f"*a{i - 1}"] * 9)
            levels.append(f"a{i}: &a{i} [{refs}]")
        (tmp_path / "p.yaml").write_text("\n".join(levels) + "\n", encoding="utf-8")
        done = run_child(
            "import commhealth as ch\n"
            "try:\n    ch.load_plan('p.yaml')\n"
            "except ch.PlanError as e:\n    print(len(e.problems), e.problems[0])\n",
            cwd=tmp_path,
        )
        assert (
            "81 YAML aliases (an '&anchor' used again as '*anchor') are not allowed; write the "
            "value out in full @ $.a1[0] (line 1)\n"
        ) == done.stdout

    def test_yaml_anchor_without_alias_is_fine(self) -> None:
        """An anchor used once expands to nothing and is accepted."""
        text = _longyuan_text("yaml").replace("id: longyuan-2022", "id: &plan longyuan-2022")
        assert "longyuan-2022" == loads_plan(text, "yaml").id

    def test_lone_string_topics_is_one_topic(self) -> None:
        """A lone string where a set of topics belongs is one topic, never its characters."""
        text = (
            'schema = 1\nid = "p"\norganisation = { id = "o" }\n'
            "span = { start = 2022-01-01, end = 2023-01-01 }\n"
            '[[requirements]]\ntype = "quota"\nid = "q"\nbound = { min = 1 }\n'
            'select = { topics = "结核病防治" }\n'
        )
        plan = loads_plan(text, "toml")
        assert frozenset({"结核病防治"}) == plan.requirements[0].select.topics  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("snippet", "value", "path"),
        [
            ('[[teams]]\nid = "t"\nmembers = "张三李四"\n', "张三李四", "$.teams[0].members"),
            (
                '[[requirements]]\ntype = "quota"\nid = "q"\nbound = { min = 1 }\n'
                'for_each = { field = "location", values = "一二三" }\n',
                "一二三",
                "$.requirements[0].for_each.values",
            ),
        ],
        ids=["members", "for_each.values"],
    )
    def test_lone_string_list_is_refused(self, snippet: str, value: str, path: str) -> None:
        """A lone string where a list of names belongs is refused at its path."""
        text = (
            'schema = 1\nid = "p"\norganisation = { id = "o" }\n'
            "span = { start = 2022-01-01, end = 2023-01-01 }\n" + snippet
        )
        assert [f"expected an array (got str {value!r}) @ {path}"] == _refused_plan(text, "toml")

    def test_lone_surrogate_is_refused_at_dump(self, tmp_path: Path) -> None:
        """A plan built in code with a lone surrogate is refused by dump_plan, not half-written."""
        from commhealth import Organisation, Plan, Window, dump_plan

        plan = Plan(
            id="p", title="\udc80", organisation=Organisation(id="o"), span=Window.year(2022)
        )
        with pytest.raises(PlanError) as e:
            dump_plan(plan, tmp_path / "p.toml")
        assert [
            "text must be valid Unicode; '\\udc80' holds a lone surrogate ('\\udc80'), which no "
            "file can store @ $.title"
        ] == [str(p) for p in e.value.problems]
        assert not (tmp_path / "p.toml").exists()


_PLAN = (
    'schema = 1\nid = "p"\norganisation = { id = "o" }\n'
    "span = { start = 2022-01-01, end = 2023-01-01 }\n"
)


def _recurrence(rule: str, extra: str = "") -> str:
    return _PLAN + f'[[requirements]]\ntype = "recurrence"\nid = "r"\nrule = "{rule}"\n{extra}'


#: Rules that would hang the check, and the problem each is refused with.
HANGING_RULES = [
    (
        "FREQ=SECONDLY",
        "'rule' must repeat daily or less often, as a plan counts days (FREQ=DAILY, "
        "WEEKLY, MONTHLY or YEARLY; got FREQ=SECONDLY)",
    ),
    (
        "FREQ=MINUTELY;COUNT=1000000000",
        "'rule' must repeat daily or less often, as a plan counts days (FREQ=DAILY, "
        "WEEKLY, MONTHLY or YEARLY; got FREQ=MINUTELY)",
    ),
    (
        "FREQ=HOURLY",
        "'rule' must repeat daily or less often, as a plan counts days (FREQ=DAILY, "
        "WEEKLY, MONTHLY or YEARLY; got FREQ=HOURLY)",
    ),
    ("FREQ=DAILY;INTERVAL=0", "'rule' must have an INTERVAL from 1 to 1000 (got INTERVAL=0)"),
    (
        "FREQ=DAILY;BYHOUR=9,10",
        "'rule' must not name a time of day, as a plan counts days (got BYHOUR)",
    ),
    (
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "the rule has no occurrence inside the plan's span 2022-01-01..2022-12-31 "
        "(got 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30')",
    ),
    (
        "FREQ=DAILY;BYSETPOS=2",
        "the rule has no occurrence inside the plan's span 2022-01-01..2022-12-31 "
        "(got 'FREQ=DAILY;BYSETPOS=2')",
    ),
]


class TestNothingHangs:
    def test_rules_that_never_end_or_never_occur(self, tmp_path: Path) -> None:
        """Each rule that would hang the check is refused when its plan is read."""
        for i, (rule, _) in enumerate(HANGING_RULES):
            (tmp_path / f"p{i}.toml").write_text(_recurrence(rule), encoding="utf-8")
        done = run_child(
            "import commhealth as ch\n"
            f"for i in range({len(HANGING_RULES)}):\n"
            "    try:\n        ch.load_plan(f'p{i}.toml')\n"
            "    except ch.PlanError as e:\n        print(e.problems[0])\n",
            cwd=tmp_path,
        )
        expected = [f"{message} @ $.requirements[0].rule" for _, message in HANGING_RULES]
        assert expected == done.stdout.splitlines()

    def test_count_of_a_billion_days_is_bounded_by_the_span(self) -> None:
        """COUNT past the span's end is harmless: only the span's days are enumerated."""
        from commhealth import check

        plan = loads_plan(_recurrence("FREQ=DAILY;COUNT=1000000000"), "toml")
        assert 365 == len(check(plan, []).findings)

    def test_huge_tolerance(self) -> None:
        """A tolerance of a billion days is refused at its path, not an OverflowError."""
        assert [
            "'tolerance' must be between 0 and 366 (got 1000000000) @ $.requirements[0].tolerance"
        ] == _refused_plan(_recurrence("FREQ=MONTHLY", "tolerance = 1000000000\n"), "toml")

    @pytest.mark.parametrize(
        ("span", "message"),
        [
            (
                "{ start = 0001-01-01, end = 9999-12-31 }",
                "'span' must lie within the years 1900 to 2100 (got 0001-01-01 to 9999-12-30)",
            ),
            (
                "{ start = 2022-01-01, end = 2122-01-01 }",
                "'span' must lie within the years 1900 to 2100 (got 2022-01-01 to 2121-12-31)",
            ),
            (
                "{ start = 2022-01-01, end = 2040-01-01 }",
                "'span' may cover at most 10 calendar years (got 18, 2022 to 2039)",
            ),
        ],
        ids=["all-of-time", "century", "eighteen-years"],
    )
    def test_span_limits(self, span: str, message: str) -> None:
        """A span past the documented years or length is refused at $.span."""
        text = _PLAN.replace("{ start = 2022-01-01, end = 2023-01-01 }", span)
        assert [f"{message} @ $.span"] == _refused_plan(text, "toml")

    def test_hundred_thousand_requirements(self, tmp_path: Path) -> None:
        """A plan file of 100,000 requirements is refused by its size, before it is parsed."""
        reqs = "".join(
            f'[[requirements]]\ntype = "quota"\nid = "q{i}"\nbound = {{ min = 1 }}\n'
            for i in range(100_000)
        )
        (tmp_path / "p.toml").write_text(_PLAN + reqs, encoding="utf-8")
        done = run_child(
            "import commhealth as ch\n"
            "try:\n    ch.load_plan('p.toml')\n"
            "except ch.PlanError as e:\n    print(e.problems[0])\n",
            cwd=tmp_path,
        )
        expected = "the file is 6.28 MiB, more than the 2 MiB commhealth reads @ $\n"
        assert expected == done.stdout

    def test_requirements_past_the_limit(self) -> None:
        """A compact plan of 10,001 requirements is refused before they are read."""
        reqs = [{"type": "quota", "id": f"q{i}", "bound": {"min": 1}} for i in range(10_001)]
        text = json.dumps(
            {
                "schema": 1,
                "id": "p",
                "organisation": {"id": "o"},
                "span": {"start": "2022-01-01", "end": "2023-01-01"},
                "requirements": reqs,
            }
        )
        assert [
            "'requirements' may hold at most 10,000 items (got 10,001) @ $.requirements"
        ] == _refused_plan(text, "json")

    def test_for_each_of_a_hundred_thousand_values(self) -> None:
        """A for-each rule past its limit is refused at its path."""
        values = ", ".join(f'"v{i}"' for i in range(100_000))
        text = (
            _PLAN + '[[requirements]]\ntype = "quota"\nid = "q"\nbound = { min = 1 }\n'
            f'for_each = {{ field = "location", values = [{values}] }}\n'
        )
        assert [
            "'values' may hold at most 1,000 items (got 100,000) @ $.requirements[0].for_each.values"
        ] == _refused_plan(text, "toml")

    def test_plan_file_past_the_size_limit(self, tmp_path: Path) -> None:
        """A plan file past its limit is refused before it is read."""
        path = tmp_path / "p.toml"
        with path.open("wb") as f:
            f.truncate(50 * 1024 * 1024)
        with pytest.raises(PlanError) as e:
            load_plan(path)
        expected = ["the file is 50 MiB, more than the 2 MiB commhealth reads @ $"]
        assert expected == [str(p) for p in e.value.problems]


class TestNoBareExceptions:
    def test_check_as_of_the_last_day(self) -> None:
        """as_of = 9999-12-31 is a progress check like any other, not an OverflowError: it
        counts what a review of the rows not left planned counts."""
        from commhealth import ActivityStatus, check, examples

        ex = examples.load("longyuan")
        late = check(ex.plan, ex.activities, ex.observations, as_of=dt.date(9999, 12, 31))
        held = [a for a in ex.activities if a.status is not ActivityStatus.PLANNED]
        assert check(ex.plan, held, ex.observations).summary() == late.summary()

    @pytest.mark.parametrize(
        "make",
        [
            lambda: Window.year(9999),
            lambda: Window.year(10000),
            lambda: Window.month(0, 1),
            lambda: Window.day(dt.date.max),
            lambda: Window.days(dt.date(2022, 1, 1), dt.date.max),
        ],
        ids=["year-9999", "year-10000", "year-0", "day-max", "days-max"],
    )
    def test_windows_at_the_end_of_time(self, make: Any) -> None:
        """A window that cannot be represented is a FieldError, not a ValueError of datetime."""
        with pytest.raises(FieldError):
            make()

    def test_cadence_over_a_span_ending_in_9999(self) -> None:
        """A cadence cuts a span that ends on the last representable day."""
        span = Window(start=dt.date(9999, 11, 1), end=dt.date(9999, 12, 31))
        assert [dt.date(9999, 12, 1), dt.date(9999, 12, 31)] == [
            w.end for w in Cadence.MONTH.windows(span)
        ]

    @pytest.mark.parametrize("year", ["0", "1", "99999999999999999999"])
    def test_observances_outside_the_calendar(self, year: str) -> None:
        """commhealth observances outside the covered years exits 2 with the range."""
        out, err = io.StringIO(), io.StringIO()
        assert 2 == main(["observances", year], out=out, err=err)
        assert (
            f"commhealth: no observance dates for the year {year}: the calendar covers 1900 to 2100\n"
        ) == err.getvalue()

    def test_cli_check_as_of_the_last_day(self) -> None:
        """commhealth check --as-of 9999-12-31 reports, exit 1, with no traceback."""
        out, err = io.StringIO(), io.StringIO()
        assert 1 == main(
            ["check", "--example", "longyuan", "--as-of", "9999-12-31"], out=out, err=err
        )
        assert "" == err.getvalue()


class TestSmallerPoints:
    @pytest.mark.parametrize(
        ("make", "value", "status"),
        [
            (lambda b: Goal(id="g", metric="m", bound=b), 42, Status.EXCEEDED),
            (lambda b: Goal(id="g", metric="m", bound=b), 20, Status.MISSED),
            (
                lambda b: Deadline(id="g", metric="m", bound=b, due=dt.date(2022, 12, 31)),
                42,
                Status.EXCEEDED,
            ),
        ],
        ids=["goal-above", "goal-below", "deadline-above"],
    )
    def test_figure_above_its_max_is_exceeded(
        self, make: Any, value: float, status: Status
    ) -> None:
        """A figure above the bound's maximum is exceeded, as a quota over its max is."""
        plan = make_plan(make(Bound(min=30, max=40)))
        found = check(plan, [], [Observation(metric="m", date=dt.date(2022, 12, 1), value=value)])
        assert status == found.findings[0].status

    def test_ratio_above_its_max_is_exceeded(self) -> None:
        """A ratio above its maximum is exceeded."""
        goal = RatioGoal(id="r", numerator="a", denominator="b", bound=Bound(max=1))
        obs = [
            Observation(metric=m, date=dt.date(2022, 12, 1), value=v)
            for m, v in (("a", 3), ("b", 2))
        ]
        assert Status.EXCEEDED == check(make_plan(goal), [], obs).findings[0].status

    def test_same_day_figures_in_either_order(self) -> None:
        """Two figures of one metric on one day give one status whatever their order."""
        goal = Goal(id="g", metric="m", bound=Bound(min=25))
        obs = [Observation(metric="m", date=dt.date(2022, 6, 30), value=v) for v in (24, 26)]
        plan = make_plan(goal)
        statuses = {check(plan, [], order).findings[0].status for order in (obs, obs[::-1])}
        assert {Status.MET} == statuses

    @pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
    def test_whole_number_past_float_precision_round_trips(self, fmt: Format) -> None:
        """A bound of 2**53 + 1 reads back as itself, not as the nearest float."""
        goal = Goal(id="g", metric="m", bound=Bound(min=2**53 + 1))
        plan = make_plan(goal)
        again = loads_plan(dumps_plan(plan, fmt), fmt)
        assert (plan, 2**53 + 1) == (again, again.requirements[0].bound.min)  # type: ignore[union-attr]

    def test_whole_number_past_float_range(self) -> None:
        """A bound of 10**400 is refused, not an OverflowError."""
        text = (
            _PLAN + '[[requirements]]\ntype = "goal"\nid = "g"\nmetric = "m"\n'
            f"bound = {{ min = {10**400} }}\n"
        )
        assert [
            "'min' must be a finite number (got a whole number of 401 digits) @ $.requirements[0].bound.min"
        ] == _refused_plan(text, "toml")


class TestSizesTogether:
    def test_windows_times_values_past_the_limit(self) -> None:
        """Bounds that hold alone cannot multiply into a check of hours."""
        values = ", ".join(f'"v{i}"' for i in range(1000))
        quota = (
            '[[requirements]]\ntype = "quota"\nid = "q{i}"\nbound = {{ min = 1 }}\nper = "week"\n'
            'for_each = {{ field = "location", values = [{values}] }}\n'
        )
        text = _PLAN.replace("end = 2023-01-01", "end = 2032-01-01") + "".join(
            quota.format(i=i, values=values) for i in range(3)
        )
        assert [
            "the plan asks for more than 200,000 findings (every window of every quota times "
            "its for-each values, every occurrence of every recurrence); it passes that here, "
            "at 'q0': split the plan, or use longer cadences @ $.requirements[0]"
        ] == _refused_plan(text, "toml")

    @given(
        cadence=st.sampled_from(list(Cadence)),
        span=windows(Window(start=dt.date(2022, 1, 1), end=dt.date(2032, 1, 1))),
    )
    def test_cadence_count_is_the_number_of_windows(self, cadence: Cadence, span: Window) -> None:
        """Counting a cadence's windows agrees with making them."""
        assert len(cadence.windows(span)) == cadence.count(span)
