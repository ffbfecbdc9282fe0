"""Activity and observation ledgers: CSV with Chinese or English headers, JSON, TOML."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth import (
    Activity,
    ActivityStatus,
    CommhealthError,
    LedgerError,
    load_activities,
    load_observations,
    strategies,
)
from commhealth.loading import activities_from_rows, read_activities

D = dt.date
DATA = Path(__file__).parent / "data"


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


class TestActivityCsv:
    def test_chinese_headers_and_bom(self, tmp_path: Path) -> None:
        """A ledger with a BOM and Chinese headers reads into activities, list cells split."""
        path = write(
            tmp_path,
            "台账.csv",
            "日期,活动名称,活动类型,主题,参加人数,地点,状态\n"
            "2022年3月24日,结核病防治讲座,health-education,结核病防治、生殖健康,48,活动室,已完成\n"
            "2022/6/30,健康档案,milestone,,,,计划\n",
            encoding="utf-8-sig",
        )
        a, b = load_activities(path)
        assert (
            Activity(
                id="r2",
                date=D(2022, 3, 24),
                title="结核病防治讲座",
                kind="health-education",
                topics={"结核病防治", "生殖健康"},
                participants=48,
                location="活动室",
                status=ActivityStatus.DONE,
            )
            == a
        )
        assert (D(2022, 6, 30), ActivityStatus.PLANNED, "r3") == (b.date, b.status, b.id)

    def test_english_headers(self, tmp_path: Path) -> None:
        """English headers work the same, with ids and multi-day events."""
        path = write(
            tmp_path,
            "ledger.csv",
            "id,date,end,kind,people,hours,status\nt1,2022-03-01,2022-03-03,training,wang;li,6.5,cancelled\n",
        )
        [a] = load_activities(path)
        assert ("t1", 3, frozenset({"wang", "li"}), 6.5, ActivityStatus.CANCELLED) == (
            a.id,
            a.days,
            a.people,
            a.hours,
            a.status,
        )

    def test_bad_rows_reported_by_number(self, tmp_path: Path) -> None:
        """Every unreadable row is reported with its row number; none is skipped."""
        path = write(
            tmp_path,
            "ledger.csv",
            "日期,活动名称,参加人数,状态\n"
            "2022-01-05,ok,10,已完成\n"
            "2022-13-01,bad date,10,已完成\n"
            "2022-02-01,bad count,many,已完成\n"
            "2022-02-02,bad status,3,maybe\n",
        )
        with pytest.raises(LedgerError) as e:
            load_activities(path)
        assert [
            (
                "row 3, 日期",
                "not a date: '2022-13-01'; write 2022-06-30, 2022/6/30 or 2022年6月30日",
            ),
            ("row 4, 参加人数", "'participants' must be a whole number (got 'many')"),
            (
                "row 5, 状态",
                "not a status: 'maybe'; write 已完成, 计划 or 取消 (done, planned, cancelled)",
            ),
        ] == [(p.path, p.message) for p in e.value.problems]
        assert str(e.value).startswith(f"{path}: 3 problems:")

    def test_unknown_column_is_kept_and_named(self, tmp_path: Path) -> None:
        """A column no field reads is kept on each activity as an extra value, and named
        in a note: never refused, never silently dropped."""
        path = write(tmp_path, "ledger.csv", "日期,颜色\n2022-01-01,red\n")
        ledger = read_activities(path)
        [activity] = ledger.records
        assert "red" == activity.extra("颜色")
        assert (("颜色", "red"),) == activity.extras
        assert [
            f"{path}: columns 颜色 kept as extra values (no field reads them)"
        ] == ledger.notes()
        assert [f"{path}：列颜色不对应任何字段，已作为附加信息保留"] == ledger.notes("zh")

    def test_two_columns_for_one_field_name_both(self, tmp_path: Path) -> None:
        """Two columns that both give the date are an error naming both, not a guess."""
        path = write(tmp_path, "ledger.csv", "日期,活动日期,活动名称\n2022-01-01,2022-01-02,讲座\n")
        with pytest.raises(LedgerError) as e:
            load_activities(path)
        assert [
            (
                "row 1",
                "columns '日期' (column A) and '活动日期' (column B) both give the activity's "
                "date; rename or delete one of them",
            ),
            ("row 2", "not read: the header above cannot be read"),
        ] == [(p.path, p.message) for p in e.value.problems]

    def test_no_date_column(self, tmp_path: Path) -> None:
        """A ledger without a date column is refused."""
        path = write(tmp_path, "ledger.csv", "活动名称\nx\n")
        with pytest.raises(LedgerError, match=r"no date column \(date or 日期\)"):
            load_activities(path)

    def test_too_many_cells(self, tmp_path: Path) -> None:
        """A row with more cells than columns is reported, not truncated."""
        path = write(tmp_path, "ledger.csv", "日期,活动名称\n2022-01-01,a,b\n")
        with pytest.raises(LedgerError, match="3 cells for 2 columns @ row 2"):
            load_activities(path)

    def test_trailing_empty_cells_allowed(self, tmp_path: Path) -> None:
        """Empty cells past the last column, as spreadsheets export them, are not an error."""
        path = write(tmp_path, "ledger.csv", "日期,活动名称\n2022-01-01,a,,\n")
        assert 1 == len(load_activities(path))

    def test_duplicate_ids_reported(self, tmp_path: Path) -> None:
        """Two rows with one id are reported, not silently both counted."""
        path = write(tmp_path, "ledger.csv", "编号,日期\na1,2022-01-01\na1,2022-02-01\n")
        with pytest.raises(LedgerError, match="id 'a1' is also used at row 2 @ row 3"):
            load_activities(path)

    def test_blank_rows_ignored(self, tmp_path: Path) -> None:
        """Wholly blank rows are not activities and not errors."""
        path = write(tmp_path, "ledger.csv", "日期\n2022-01-01\n,\n\n2022-01-02\n")
        assert 2 == len(load_activities(path))


class TestSpreadsheets:
    def test_xlsx_ledger(self) -> None:
        """A spreadsheet ledger reads like a CSV: typed cells normalised, blank rows skipped."""
        a, b, c = load_activities(DATA / "ledger.xlsx")
        assert (D(2022, 3, 24), 48, frozenset({"结核病防治", "生殖健康"}), "r2") == (
            a.date,
            a.participants,
            a.topics,
            a.id,
        )
        assert (D(2022, 6, 30), ActivityStatus.PLANNED, None) == (b.date, b.status, b.participants)
        assert ("r5", 30) == (c.id, c.participants)

    def test_bad_row_reported_by_number(self) -> None:
        """A bad spreadsheet row is reported with its row number, as a spreadsheet shows it."""
        with pytest.raises(LedgerError) as e:
            load_activities(DATA / "ledger-bad-row.xlsx")
        assert [("row 5, 参加人数", "'participants' must be a whole number (got '许多')")] == [
            (p.path, p.message) for p in e.value.problems
        ]

    def test_not_a_spreadsheet(self, tmp_path: Path) -> None:
        """A file named .xlsx that is not one is reported, not a crash."""
        with pytest.raises(LedgerError, match="cannot read the spreadsheet"):
            load_activities(write(tmp_path, "fake.xlsx", "日期\n2022-01-01\n"))


class TestActivityJsonToml:
    def test_json_list(self, tmp_path: Path) -> None:
        """A JSON ledger is a list of records, or {"activities": [...]}."""
        path = write(
            tmp_path,
            "a.json",
            '{"activities": [{"id": "x", "date": "2022-05-31", "kind": "talk"}]}',
        )
        assert (Activity(id="x", date=D(2022, 5, 31), kind="talk"),) == load_activities(path)

    def test_toml(self, tmp_path: Path) -> None:
        """A TOML ledger is an array of [[activities]] tables."""
        path = write(tmp_path, "a.toml", '[[activities]]\ndate = 2022-05-31\ntopics = ["tb"]\n')
        [a] = load_activities(path)
        assert ("r1", frozenset({"tb"})) == (a.id, a.topics)

    def test_json_bad_records_numbered(self, tmp_path: Path) -> None:
        """Bad JSON records are reported by their number and field."""
        path = write(
            tmp_path, "a.json", '[{"date": "2022-01-01"}, {"date": "soon"}, {"title": "x"}]'
        )
        with pytest.raises(LedgerError) as e:
            load_activities(path)
        assert [
            ("record 2, date", "expected a date as YYYY-MM-DD (got 'soon')"),
            ("record 3, date", "required field missing"),
        ] == [(p.path, p.message) for p in e.value.problems]

    def test_from_rows(self) -> None:
        """activities_from_rows builds activities from records already in memory."""
        [a] = activities_from_rows([{"date": D(2022, 1, 1), "kind": "talk"}])
        assert ("r1", "talk") == (a.id, a.kind)


class TestObservations:
    def test_chinese_csv(self, tmp_path: Path) -> None:
        """Observations read from a CSV with Chinese headers; a % sign is allowed."""
        path = write(
            tmp_path, "o.csv", "指标,日期,数值,单位,来源\nliteracy,2022-12-01,23.5%,%,survey\n"
        )
        [o] = load_observations(path)
        assert ("literacy", D(2022, 12, 1), 23.5, "%", "survey") == (
            o.metric,
            o.date,
            o.value,
            o.unit,
            o.source,
        )

    def test_missing_value(self, tmp_path: Path) -> None:
        """A row without a value is reported with its row number."""
        path = write(tmp_path, "o.csv", "metric,date,value\nx,2022-01-01,\n")
        with pytest.raises(LedgerError, match="required field missing @ row 2, value"):
            load_observations(path)

    def test_toml_not_accepted(self, tmp_path: Path) -> None:
        """Observations come from CSV or JSON; other suffixes are refused."""
        with pytest.raises(LedgerError, match=r"expected one of \.csv, \.json"):
            load_observations(write(tmp_path, "o.toml", ""))


class TestFuzz:
    @pytest.mark.parametrize("suffix", [".csv", ".json", ".toml"])
    @given(text=st.text(max_size=200))
    def test_arbitrary_text_raises_only_commhealth_errors(
        self, tmp_path_factory: pytest.TempPathFactory, suffix: str, text: str
    ) -> None:
        """Any text given to a ledger loader either loads or raises a CommhealthError."""
        path = tmp_path_factory.mktemp("fuzz") / f"ledger{suffix}"
        path.write_text(text, encoding="utf-8")
        with contextlib.suppress(CommhealthError):
            load_activities(path)
        if suffix != ".toml":
            with contextlib.suppress(CommhealthError):
                load_observations(path)


class TestDirectBuild:
    @given(acts=strategies.activities(max_size=8))
    def test_a_table_builds_what_the_converter_builds(self, acts: tuple[Activity, ...]) -> None:
        """A ledger's rows built directly equal the same rows structured by the converter,
        and a CSV written from activities reads back as those activities."""
        import tempfile

        from commhealth.loading import dump_activities
        from commhealth.loading.ledgers._records import build_records as _build

        rows = [
            (
                f"row {i}",
                {
                    k: v
                    for k, v in attrs.asdict(a, recurse=False).items()
                    if v not in (None, frozenset())
                },
            )
            for i, a in enumerate(acts, start=2)
        ]
        for _, record in rows:
            record["status"] = record["status"].value
        problems: list = []
        direct = _build(rows, Activity, problems, typed=True)
        structured = _build(rows, Activity, [], typed=False)
        assert structured == direct
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "台账.csv"
            dump_activities(acts, path)
            assert set(acts) == set(load_activities(path))


class TestNeutralisedCells:
    def test_a_quoted_formula_reads_back_as_written(self, tmp_path: Path) -> None:
        """A CSV writer puts a quote before text a spreadsheet would run as a formula; the
        reader takes it off again, so a ledger round-trips."""
        path = write(tmp_path, "a.csv", "日期,活动名称,主题,组织者\n2023-01-01,'=1+1,'@t;x,'-站\n")
        [activity] = load_activities(path)
        assert ("=1+1", frozenset({"@t", "x"}), "-站") == (
            activity.title,
            activity.topics,
            activity.organiser,
        )
        plain = write(tmp_path, "b.csv", "日期,活动名称\n2023-01-01,'引号'开头\n")
        assert "'引号'开头" == load_activities(plain)[0].title


class TestStatusesAsWritten:
    @pytest.mark.parametrize(
        ("written", "status"),
        [("已开展", "done"), ("已完成", "done"), ("未开展", "planned"), ("计划", "planned"),
         ("待定", "planned"), ("延期", "planned"), ("取消", "cancelled"), ("作废", "cancelled"),
         ("", "done"), ("Planned", "planned")],
    )  # fmt: skip
    def test_the_words_workers_write(self, tmp_path: Path, written: str, status: str) -> None:
        path = write(tmp_path, "a.csv", f"日期,活动名称,状态\n2023-01-01,讲座,{written}\n")
        assert status == load_activities(path)[0].status.value

    def test_an_unknown_status_names_the_closest_words(self, tmp_path: Path) -> None:
        """An unknown status is reported with the words like it, in the ledger's terms."""
        path = write(
            tmp_path, "a.csv", "日期,活动名称,状态\n2023-01-01,讲座,已办\n2023-01-02,义诊,已完成\n"
        )
        ledger = read_activities(path, partial=True)
        assert ["义诊"] == [a.title for a in ledger.records]
        [problem] = ledger.problems
        assert (
            "row 2, 状态",
            "not a status: '已办'; write 已完成, 计划 or 取消 (done, planned, cancelled); "
            "did you mean 已举办?",
        ) == (problem.path, problem.message)
        with pytest.raises(LedgerError) as e:
            load_activities(path)
        assert e.value.render("zh").endswith(
            "第2行“状态”列：不是状态：'已办'；请写 已完成、计划 或 取消；是否想写 已举办？"
        )

    def test_a_plain_file_with_a_bad_row_loads_the_rest_when_asked(self, tmp_path: Path) -> None:
        """A plain UTF-8 file (read by the fast path when installed) loads its good rows
        with partial=True, and takes the plan's year for dates written without one."""
        path = write(tmp_path, "a.csv", "日期,活动名称\n2月14日,讲座\n2023.13.45,义诊\n")
        ledger = read_activities(path, partial=True, year=2023)
        assert [dt.date(2023, 2, 14)] == [a.date for a in ledger.records]
        assert ["row 3, 日期"] == [p.path for p in ledger.problems]
