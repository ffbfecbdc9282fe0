"""The observance registry, its data file and the table format plans reuse."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import commhealth.calendar as cal
from commhealth._periods import Window
from commhealth.calendar import (
    WEEKDAYS,
    Announced,
    AnnouncedSpan,
    FixedDate,
    LunarDate,
    NthWeekday,
    Observance,
    ObservanceDataError,
    ObservanceRegistry,
    Occurrence,
    RuleVersion,
    UnknownObservance,
    WholeMonth,
    default_registry,
    observance_from_dict,
    observance_to_dict,
    observances_from_dicts,
    rule_from_dict,
    rule_to_dict,
)
from commhealth.errors import CommhealthError, FieldError
from commhealth.loading.plans._schema import plan_schema

D = dt.date
DOCS = Path(__file__).resolve().parent.parent / "docs" / "calendar.md"


PUBLIC = {
    "RULE_KINDS", "WEEKDAYS", "Announced", "AnnouncedSpan", "FixedDate", "LunarDate", "NthWeekday",
    "Observance", "ObservanceDataError", "ObservanceRegistry", "Occurrence", "Rule", "RuleVersion",
    "UnknownObservance", "WholeMonth", "WorkCalendar", "default_registry", "observance_from_dict",
    "observance_to_dict", "observances_from_dicts", "rule_from_dict", "rule_to_dict",
}  # fmt: skip


class TestPublicApi:
    def test_all_is_the_public_surface(self) -> None:
        """__all__ names exactly the documented public names, each once, and nothing else is public."""
        assert PUBLIC == set(cal.__all__)
        assert len(PUBLIC) == len(cal.__all__)
        assert PUBLIC == {n for n in vars(cal) if not n.startswith("_")}


class TestDefaultRegistry:
    def test_at_least_45_observances_occur_in_2022(self) -> None:
        """The shipped registry dates at least 45 distinct observances in 2022."""
        found = default_registry().occurrences(2022)
        assert len({o.observance for o in found}) >= 45

    def test_occurrences_are_sorted_and_in_the_year(self) -> None:
        """A year's occurrences start in that year, by first day and then by id."""
        found = default_registry().occurrences(2022)
        assert [(o.start, o.observance) for o in found] == sorted(
            (o.start, o.observance) for o in found
        )
        assert {2022} == {o.start.year for o in found}

    def test_is_read_once(self) -> None:
        """default_registry is cached."""
        assert default_registry() is default_registry()

    @pytest.mark.parametrize(
        ("key", "start", "last"),
        [
            ("世界防治结核病日", D(2022, 3, 24), None),
            ("全国儿童预防接种日", D(2022, 4, 25), None),
            ("爱国卫生月", D(2022, 4, 1), D(2022, 4, 30)),
            ("全国防治碘缺乏病日", D(2022, 5, 15), None),
            ("世界无烟日", D(2022, 5, 31), None),
            ("全国爱眼日", D(2022, 6, 6), None),
            ("世界环境日", D(2022, 6, 5), None),
            ("全国母乳喂养宣传日", D(2022, 5, 20), None),
            ("世界母乳喂养周", D(2022, 8, 1), D(2022, 8, 7)),
            ("全国爱牙日", D(2022, 9, 20), None),
            ("重阳节", D(2022, 10, 4), None),
            ("全国高血压日", D(2022, 10, 8), None),
            ("世界精神卫生日", D(2022, 10, 10), None),
            ("世界糖尿病日", D(2022, 11, 14), None),
            ("世界艾滋病日", D(2022, 12, 1), None),
            ("世界水日", D(2022, 3, 22), None),
            ("植树节", D(2022, 3, 12), None),
            ("三八妇女节", D(2022, 3, 8), None),
            ("国际儿童节", D(2022, 6, 1), None),
            ("国际劳动节", D(2022, 5, 1), None),
            ("世界卫生日", D(2022, 4, 7), None),
            ("全民健身日", D(2022, 8, 8), None),
            ("全国肿瘤防治宣传周", D(2022, 4, 15), D(2022, 4, 21)),
            ("国际禁毒日", D(2022, 6, 26), None),
            ("世界献血者日", D(2022, 6, 14), None),
            ("全国助残日", D(2022, 5, 15), None),
            ("世界肾脏日", D(2022, 3, 10), None),
            ("世界防治麻风病日", D(2022, 1, 30), None),
            ("春节", D(2022, 2, 1), None),
            ("世界心脏日", D(2022, 9, 29), None),
            ("中国医师节", D(2022, 8, 19), None),
        ],
    )
    def test_dates_in_2022(self, key: str, start: dt.date, last: dt.date | None) -> None:
        """The observances the seed plans name fall on their 2022 dates."""
        occurrence = default_registry().occurrence(key, 2022)
        assert occurrence is not None
        assert (start, last or start) == (occurrence.start, occurrence.last)

    @pytest.mark.parametrize(
        ("year", "expected"),
        [(1993, None), (1999, D(1999, 5, 5)), (2000, D(2000, 5, 15)), (2022, D(2022, 5, 15))],
    )
    def test_iodine_day(self, year: int, expected: dt.date | None) -> None:
        """碘缺乏病宣传日 was 5 May until 1999 and is 15 May since 2000."""
        occurrence = default_registry().occurrence("碘缺乏病宣传日", year)
        assert expected == (occurrence.start if occurrence else None)

    def test_world_heart_day_moved_in_2011(self) -> None:
        """世界心脏日 was the last Sunday of September until 2010, then 29 September."""
        registry = default_registry()
        starts = [registry.occurrence("world-heart-day", y) for y in (2010, 2011)]
        assert [D(2010, 9, 26), D(2011, 9, 29)] == [o.start for o in starts if o]

    @pytest.mark.parametrize(
        ("key", "year"), [("全民健身日", 2008), ("中国医师节", 2017), ("全国防灾减灾日", 2008)]
    )
    def test_not_before_it_was_created(self, key: str, year: int) -> None:
        """An observance has no occurrence before its first year."""
        assert default_registry().occurrence(key, year) is None

    def test_announced_weeks(self) -> None:
        """Food safety week has its announced 2012 dates and none for unknown years."""
        registry = default_registry()
        week = registry.occurrence("食品安全宣传周", 2012)
        assert week is not None
        assert (D(2012, 6, 11), D(2012, 6, 17)) == (week.start, week.last)
        assert registry.occurrence("food-safety-week", 2022) is None
        assert registry.occurrence("全民终身学习活动周", 2022) is None

    def test_double_ninth_is_not_in_september_2022(self) -> None:
        """老人节 (重阳) fell in October 2022, so a September theme misfiles it."""
        occurrence = default_registry().occurrence("老人节", 2022)
        assert occurrence is not None
        assert occurrence.window.overlaps(Window.month(2022, 10))
        assert not occurrence.window.overlaps(Window.month(2022, 9))

    def test_every_entry_round_trips(self) -> None:
        """Each shipped observance reads back from its own table."""
        for observance in default_registry():
            assert observance == observance_from_dict(observance_to_dict(observance))

    def test_docs_table_is_current(self) -> None:
        """docs/calendar.md's registry table is the one generated from the data file."""
        assert render_table(default_registry()) in DOCS.read_text(encoding="utf-8")


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}


def _rule_text(version: RuleVersion) -> str:
    rule = version.rule
    if isinstance(rule, FixedDate):
        text = f"{rule.day} {MONTHS[rule.month - 1]}"
    elif isinstance(rule, NthWeekday):
        text = f"{ORDINALS[rule.n]} {WEEKDAYS[rule.weekday].title()} of {MONTHS[rule.month - 1]}"
    elif isinstance(rule, WholeMonth):
        return f"all of {MONTHS[rule.month - 1]}"
    elif isinstance(rule, LunarDate):
        text = f"lunar {rule.month}/{rule.day}"
    else:
        return "announced yearly (" + (", ".join(str(y) for y in rule.years) or "none listed") + ")"
    return text + (f", {rule.days} days" if rule.days > 1 else "")


def _years(start: int | None, end: int | None) -> str:
    if start is None and end is None:
        return ""
    return f"{start or ''}–{end or ''}"


def render_table(registry: ObservanceRegistry) -> str:
    """The Markdown table of docs/calendar.md, in the data file's order."""
    rows = [
        "| id | 中文 | English | rule | years | aliases | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for o in registry:
        rules = "; ".join(
            _rule_text(v) + (f" ({_years(v.valid_from, v.valid_to)})" if len(o.rules) > 1 else "")
            for v in o.rules
        )
        cells = (
            f"`{o.id}`",
            o.name_zh,
            o.name_en,
            rules,
            _years(o.valid_from, o.valid_to),
            "、".join(o.aliases),
            o.source,
        )
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S)


class TestDocs:
    @pytest.mark.parametrize("index", range(len(blocks("python"))))
    def test_python_examples_run(self, index: int) -> None:
        """Every Python example in docs/calendar.md runs and its assertions hold."""
        exec(compile(blocks("python")[index], f"docs/calendar.md:python[{index}]", "exec"), {})

    def test_toml_examples_read(self) -> None:
        """Every TOML example is valid, and its observances read without a problem."""
        found = [
            observances_from_dicts(tomllib.loads(b).get("observances", [])) for b in blocks("toml")
        ]
        assert ["iodine-deficiency-day", "food-safety-week", "longyuan-health-festival"] == [
            o.id for batch in found for o in batch
        ]


class TestLookup:
    @pytest.mark.parametrize(
        ("key", "expected"),
        [
            ("老人节", "double-ninth-festival"),
            ("老年节", "double-ninth-festival"),
            ("重阳", "double-ninth-festival"),
            ("世界神精卫生日", "world-mental-health-day"),
            ("精神卫生日", "world-mental-health-day"),
            ("结核病防治宣传日", "world-tuberculosis-day"),
            ("全国计划免疫宣传日", "childrens-immunization-day"),
            ("碘缺乏病宣传日", "iodine-deficiency-day"),
            ("防治碘缺乏病日", "iodine-deficiency-day"),
            ("无烟日", "world-no-tobacco-day"),
            ("爱眼日", "national-eye-care-day"),
            ("环境日", "world-environment-day"),
            ("母乳喂养宣传周", "world-breastfeeding-week"),
            ("爱牙日", "national-teeth-care-day"),
            ("全国防治高血压日", "national-hypertension-day"),
            ("联合国糖尿病日", "world-diabetes-day"),
            ("全国防治糖尿病日", "world-diabetes-day"),
            ("世界艾滋病防治宣传日", "world-aids-day"),
            ("国际妇女节", "international-womens-day"),
            ("儿童节", "international-childrens-day"),
            ("劳动节", "international-labour-day"),
            ("食品卫生宣传周", "food-safety-week"),
            ("World AIDS Day", "world-aids-day"),
            ("  world   aids DAY ", "world-aids-day"),
            ("world-aids-day", "world-aids-day"),
        ],
    )
    def test_by_any_name(self, key: str, expected: str) -> None:
        """Ids, Chinese and English names and aliases all find the observance, in any case."""
        assert expected == default_registry().get(key).id
        assert key in default_registry()

    def test_unknown_suggests_close_names(self) -> None:
        """An unknown name is a KeyError and a CommhealthError that suggests near names."""
        with pytest.raises(UnknownObservance) as e:
            default_registry().get("世界精神卫生节")
        assert isinstance(e.value, KeyError)
        assert isinstance(e.value, CommhealthError)
        assert (
            "no observance is called '世界精神卫生节' (looked up by id, Chinese or English name, "
            "or alias); did you mean '世界精神卫生日', '世界神精卫生日', '精神卫生日'?"
        ) == str(e.value)

    def test_unknown_without_suggestions(self) -> None:
        """With nothing close, the message says how lookup works."""
        with pytest.raises(UnknownObservance) as e:
            default_registry().occurrence("xyz", 2022)
        assert (
            "no observance is called 'xyz' (looked up by id, Chinese or English name, or alias)"
            == str(e.value)
        )
        assert "xyz" not in default_registry()


LOCAL = Observance(
    id="longyuan-health-festival",
    name_zh="龙苑社区健康节",
    name_en="Longyuan Health Festival",
    rules=FixedDate(month=9, day=15, days=3),
)


class TestWithObservances:
    def test_adds_a_local_observance(self) -> None:
        """A plan's own observance joins the registry and is dated like the others."""
        registry = default_registry().with_observances([LOCAL])
        assert len(default_registry()) + 1 == len(registry)
        assert Occurrence(
            window=Window.days(D(2022, 9, 15), D(2022, 9, 17)),
            observance="longyuan-health-festival",
            name_zh="龙苑社区健康节",
            name_en="Longyuan Health Festival",
        ) == registry.occurrence("龙苑社区健康节", 2022)

    def test_replaces_by_id(self) -> None:
        """An observance with an existing id replaces it: a plan gives this year's dates."""
        week = default_registry().get("food-safety-week")
        dated = Observance(
            id=week.id,
            name_zh=week.name_zh,
            name_en=week.name_en,
            aliases=week.aliases,
            rules=Announced(dates=(AnnouncedSpan(first=D(2022, 8, 29), last=D(2022, 9, 4)),)),
        )
        registry = default_registry().with_observances([dated])
        assert len(default_registry()) == len(registry)
        found = registry.occurrence("食品卫生宣传周", 2022)
        assert found is not None
        assert (D(2022, 8, 29), D(2022, 9, 4)) == (found.start, found.last)
        assert default_registry().occurrence("food-safety-week", 2022) is None

    def test_duplicate_extra_ids(self) -> None:
        """Extras repeating an id are refused."""
        with pytest.raises(FieldError) as e:
            default_registry().with_observances([LOCAL, LOCAL])
        assert (
            "'observances' lists the id 'longyuan-health-festival' twice; ids must be unique"
            == str(e.value)
        )

    def test_a_name_may_not_point_to_two_observances(self) -> None:
        """A new observance reusing another's alias is refused, naming both."""
        clash = Observance(
            id="seniors-week", name_zh="敬老周", aliases=("老人节",), rules=WholeMonth(month=10)
        )
        with pytest.raises(FieldError) as e:
            default_registry().with_observances([clash])
        assert (
            "the name '老人节' is used by both 'double-ninth-festival' and 'seniors-week'; "
            "a name or alias must point to one observance"
        ) == str(e.value)


class TestDicts:
    def test_shorthand_and_versions(self) -> None:
        """One rule is written beside its years; several rules as 'rules'."""
        iodine = default_registry().get("iodine-deficiency-day")
        assert {
            "id": "iodine-deficiency-day",
            "name_zh": "全国防治碘缺乏病日",
            "name_en": "National Iodine Deficiency Disorders Prevention Day",
            "rules": [
                {"kind": "fixed", "month": 5, "day": 5, "valid_from": 1994, "valid_to": 1999},
                {"kind": "fixed", "month": 5, "day": 15, "valid_from": 2000},
            ],
            "aliases": [
                "碘缺乏病宣传日",
                "防治碘缺乏病日",
                "全国碘缺乏病防治日",
                "全国碘缺乏病宣传日",
            ],
            "source": iodine.source,
            "topics": ["科学使用碘盐"],
        } == observance_to_dict(iodine)
        assert {
            "id": "x",
            "name_zh": "某日",
            "rule": {"kind": "month", "month": 4},
            "valid_from": 1989,
        } == (
            observance_to_dict(
                Observance(
                    id="x",
                    name_zh="某日",
                    rules=RuleVersion(rule=WholeMonth(month=4), valid_from=1989),
                )
            )
        )

    @pytest.mark.parametrize(
        ("table", "rule"),
        [
            ({"kind": "fixed", "month": 3, "day": 24}, FixedDate(month=3, day=24)),
            (
                {"kind": "fixed", "month": 4, "day": 15, "days": 7},
                FixedDate(month=4, day=15, days=7),
            ),
            (
                {"kind": "nth_weekday", "month": 5, "weekday": "Sunday", "n": 3},
                NthWeekday(month=5, weekday=6, n=3),
            ),
            (
                {"kind": "nth_weekday", "month": 1, "weekday": 6, "n": -1},
                NthWeekday(month=1, weekday=6, n=-1),
            ),
            ({"kind": "month", "month": 4}, WholeMonth(month=4)),
            ({"kind": "lunar", "month": 9, "day": 9}, LunarDate(month=9, day=9)),
            (
                {"kind": "announced", "dates": [{"first": "2012-06-11", "last": D(2012, 6, 17)}]},
                Announced(dates=(AnnouncedSpan(first=D(2012, 6, 11), last=D(2012, 6, 17)),)),
            ),
        ],
    )
    def test_rule_tables(self, table: dict[str, Any], rule: Any) -> None:
        """Each rule kind reads from its table; weekdays by number or name, dates as dates or ISO text."""
        assert rule == rule_from_dict(table)
        assert rule == rule_from_dict(rule_to_dict(rule))

    def test_every_problem_at_once(self) -> None:
        """Reading reports every problem of every entry, each with its path and the file name."""
        tables: list[object] = [
            {"id": "a", "name_zh": "甲", "rule": {"kind": "fixed", "month": 13, "day": 1}},
            {"id": "b", "name_zh": 2, "rule": {"kind": "weekly"}, "colour": "red"},
            {
                "id": "c",
                "name_zh": "丙",
                "rules": [{"kind": "nth_weekday", "month": 5, "weekday": "sun", "n": 3}],
            },
            {
                "id": "d",
                "name_zh": "丁",
                "rule": {"kind": "month", "month": 4},
                "valid_from": 2001,
                "valid_to": 1999,
            },
            {"id": "a", "name_zh": "甲", "rule": {"kind": "month", "month": True}},
            {"id": "e", "name_zh": "戊"},
            {
                "id": "f",
                "name_zh": "己",
                "rule": {"kind": "announced", "dates": [{"first": "2012-13-01", "last": "x"}]},
            },
            {"id": "g", "name_zh": "庚", "rule": {"kind": "fixed", "month": 4, "colour": 1}},
            "not a table",
        ]
        with pytest.raises(ObservanceDataError) as e:
            observances_from_dicts(tables, source="observances.toml")
        assert isinstance(e.value, ValueError)
        assert (
            "observances.toml: 13 problems:\n"
            "  - 'month' must be between 1 and 12 (got 13) @ $.observances[0].rule.month\n"
            "  - expected text (got int 2) @ $.observances[1].name_zh\n"
            "  - unknown rule kind 'weekly'; expected one of 'fixed', 'nth_weekday', 'month', "
            "'lunar', 'announced' @ $.observances[1].rule.kind\n"
            "  - unknown key 'colour'; known keys: id, name_zh, name_en, rule, rules, valid_from, "
            "valid_to, aliases, source, topics @ $.observances[1].colour\n"
            "  - 'weekday' must be 0 (Monday) to 6 (Sunday) or a name, monday, tuesday, wednesday, "
            "thursday, friday, saturday, sunday (got 'sun') @ $.observances[2].rules[0].weekday\n"
            "  - 'valid_from' must not be after 'valid_to' (got valid_from 2001, valid_to 1999) "
            "@ $.observances[3].valid_to\n"
            "  - expected a whole number (got bool True) @ $.observances[4].rule.month\n"
            "  - give either 'rule' (one rule) or 'rules' (rules by year), not both or neither "
            "@ $.observances[5]\n"
            "  - expected a date as YYYY-MM-DD (got '2012-13-01') "
            "@ $.observances[6].rule.dates[0].first\n"
            "  - expected a date as YYYY-MM-DD (got 'x') @ $.observances[6].rule.dates[0].last\n"
            "  - required field missing @ $.observances[7].rule.day\n"
            "  - unknown key 'colour'; known keys: kind, month, day, days @ $.observances[7].rule.colour\n"
            "  - expected a table (got str 'not a table') @ $.observances[8]"
        ) == str(e.value)

    def test_duplicate_ids(self) -> None:
        """A repeated id names the entry that used it first."""
        table = {"id": "a", "name_zh": "甲", "rule": {"kind": "month", "month": 4}}
        with pytest.raises(ObservanceDataError) as e:
            observances_from_dicts([table, table])
        assert (
            "1 problem:\n  - id 'a' is already used by $.observances[0] @ $.observances[1].id"
            == str(e.value)
        )

    def test_missing_keys(self) -> None:
        """Required keys are named when missing, in the observance and in its rule."""
        with pytest.raises(ObservanceDataError) as e:
            observance_from_dict({"rule": {"kind": "fixed", "month": 3}}, path="$.observances[2]")
        assert [
            ("$.observances[2].id", "required field missing"),
            ("$.observances[2].name_zh", "required field missing"),
            ("$.observances[2].rule.day", "required field missing"),
        ] == [(p.path, p.message) for p in e.value.problems]

    def test_unknown_keys_in_dated_rules(self) -> None:
        """An entry of 'rules' lists its years among the keys it knows."""
        with pytest.raises(ObservanceDataError) as e:
            observance_from_dict(
                {
                    "id": "a",
                    "name_zh": "甲",
                    "rules": [{"kind": "month", "month": 4, "valid_form": 1}],
                }
            )
        assert (
            "1 problem:\n  - unknown key 'valid_form'; known keys: kind, month, valid_from, valid_to "
            "@ $.rules[0].valid_form"
        ) == str(e.value)

    @pytest.mark.parametrize(
        ("table", "path", "message"),
        [
            pytest.param(
                {"id": "a", "name_zh": "甲", "rules": "month"},
                "$.rules",
                "expected an array (got str 'month')",
                id="rules-not-an-array",
            ),
            pytest.param(
                {"id": "a", "name_zh": "甲", "rules": []},
                "$.rules",
                "'rules' must hold at least one rule (got none)",
                id="no-rules",
            ),
            pytest.param(
                {"id": "a", "name_zh": "甲", "rule": 4},
                "$.rule",
                "expected a table with a 'kind' key (got int 4)",
                id="rule-not-a-table",
            ),
            pytest.param(
                {"id": "a", "name_zh": "甲", "rule": {"kind": ["month"], "month": 4}},
                "$.rule.kind",
                "unknown rule kind ['month']; expected one of 'fixed', 'nth_weekday', 'month', "
                "'lunar', 'announced'",
                id="kind-not-text",
            ),
            pytest.param(
                {
                    "id": "a",
                    "name_zh": "甲",
                    "aliases": "乙",
                    "rule": {"kind": "month", "month": 4},
                },
                "$.aliases",
                "expected an array (got str '乙')",
                id="aliases-not-an-array",
            ),
        ],
    )
    def test_shapes_refused(self, table: dict[str, Any], path: str, message: str) -> None:
        """A value of the wrong shape is one problem at its path."""
        with pytest.raises(ObservanceDataError) as e:
            observance_from_dict(table)
        assert [(path, message)] == [(p.path, p.message) for p in e.value.problems]

    def test_announced_without_dates(self) -> None:
        """An announced rule with no known years writes its empty dates, and reads back."""
        table = {"kind": "announced", "dates": []}
        assert table == rule_to_dict(Announced())
        assert Announced() == rule_from_dict(table)

    def test_versions_beside_rules_are_refused(self) -> None:
        """With 'rules', years go inside each rule, not beside the list."""
        with pytest.raises(ObservanceDataError) as e:
            observance_from_dict(
                {
                    "id": "a",
                    "name_zh": "甲",
                    "valid_from": 2000,
                    "rules": [{"kind": "month", "month": 4}],
                }
            )
        assert (
            "1 problem:\n  - with 'rules', give 'valid_from' and 'valid_to' inside each rule @ $"
            == str(e.value)
        )


ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
texts = st.text(alphabet="甲乙丙丁abc 日节", min_size=1, max_size=8).filter(str.strip)
rules = st.one_of(
    st.builds(FixedDate, month=st.integers(1, 12), day=st.integers(1, 28), days=st.integers(1, 9)),
    st.builds(
        NthWeekday,
        month=st.integers(1, 12),
        weekday=st.integers(0, 6),
        n=st.sampled_from([1, 2, 3, 4, 5, -1]),
    ),
    st.builds(WholeMonth, month=st.integers(1, 12)),
    st.builds(LunarDate, month=st.integers(1, 12), day=st.integers(1, 30), days=st.integers(1, 9)),
    st.lists(
        st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 1)),
        max_size=3,
        unique_by=lambda d: d.year,
    ).map(
        lambda firsts: Announced(
            dates=tuple(
                AnnouncedSpan(first=f, last=f + dt.timedelta(days=6)) for f in sorted(firsts)
            )
        )
    ),
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[RuleVersion, ...]:
    """One to three rule versions in year order."""
    bounds = sorted(draw(st.lists(st.integers(1900, 2100), min_size=0, max_size=4, unique=True)))
    if len(bounds) % 2:
        bounds = bounds[:-1]
    cuts = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    if not cuts:
        return (RuleVersion(rule=draw(rules)),)
    return tuple(RuleVersion(rule=draw(rules), valid_from=a, valid_to=b) for a, b in cuts)


observances = st.builds(
    Observance,
    id=ids,
    name_zh=texts,
    name_en=st.one_of(st.just(""), texts),
    rules=histories(),
    aliases=st.lists(texts, max_size=3).map(tuple),
    source=st.one_of(st.just(""), texts),
    topics=st.lists(texts, max_size=2).map(tuple),
)


rule_tables = st.dictionaries(
    st.sampled_from(["kind", "month", "day", "weekday", "n", "dates"]),
    st.one_of(
        st.integers(-1, 40),
        st.sampled_from(["fixed", "month", "lunar", "nth_weekday", "announced"]),
    ),
    max_size=4,
)
values = st.one_of(
    st.none(), st.integers(), st.text(max_size=3), st.lists(st.integers(), max_size=2), rule_tables
)


@functools.cache
def _observance_validator() -> Any:
    """The schema's observance validator, built once: checking the schema costs more than
    validating a table against it."""
    schema = {"$ref": "#/$defs/Observance", "$defs": plan_schema()["$defs"]}
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


class TestDictLaws:
    @given(observance=observances)
    def test_round_trip(self, observance: Observance) -> None:
        """Any observance reads back equal from its table."""
        assert observance == observance_from_dict(observance_to_dict(observance))

    @given(observance=observances)
    def test_tables_follow_the_schema(self, observance: Observance) -> None:
        """Any observance's table is valid under the plan files' JSON Schema."""
        table = json.loads(json.dumps(observance_to_dict(observance), default=dt.date.isoformat))
        _observance_validator().validate(table)

    @given(
        table=st.dictionaries(
            st.sampled_from(["id", "name_zh", "rule", "rules", "aliases", "x"]), values
        )
    )
    def test_arbitrary_tables_raise_only_commhealth_errors(self, table: dict[str, Any]) -> None:
        """Whatever the table, reading it succeeds or raises ObservanceDataError."""
        with contextlib.suppress(ObservanceDataError):
            observance_from_dict(table)
