"""The columnar schedule: what it holds, how it is made, and that the engine reads it as it
read activities."""

from __future__ import annotations

import datetime as dt
import importlib.util
import pickle
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commhealth import (
    Activity,
    ActivityStatus,
    LedgerError,
    Schedule,
    activities_from_frame,
    check,
    load_activities,
)
from commhealth import strategies as chst
from commhealth.engine._ids import ActivityIds
from commhealth.loading import dump_activities
from commhealth.loading.ledgers import _fast_csv as fast_csv
from commhealth.loading.ledgers._cells import ACTIVITY_HEADERS
from commhealth.loading.ledgers._csv import csv_reader, row_order
from commhealth.loading.ledgers._read import read_activities
from commhealth.loading.ledgers._records import build_records
from commhealth.loading.ledgers._tables import plain_header, rows_from_table

D = dt.date


def _acts() -> tuple[Activity, ...]:
    return (
        Activity(id="a1", date=D(2022, 3, 24), kind="lecture", topics={"tb"}, participants=40),
        Activity(
            id="a2",
            date=D(2022, 5, 31),
            end=D(2022, 6, 2),
            kind="campaign",
            hours=2.5,
            organiser="c1",
            status=ActivityStatus.PLANNED,
        ),
        Activity(id="a3", date=D(2022, 1, 5), kind="lecture", status=ActivityStatus.CANCELLED),
    )


class TestSequence:
    def test_holds_the_activities_in_the_order_given(self) -> None:
        """Iterating gives back equal activities, in the order the schedule was made in."""
        s = Schedule(_acts())
        assert list(s) == list(_acts())
        assert len(s) == 3
        assert s[1] == _acts()[1]
        assert s[-1] == _acts()[2]

    @given(chst.activities(max_size=30))
    def test_round_trip(self, acts: tuple[Activity, ...]) -> None:
        """Any schedule of activities made into columns and back is the same schedule."""
        assert tuple(Schedule(acts)) == acts

    def test_slices_and_take_are_schedules(self) -> None:
        s = Schedule(_acts())
        assert isinstance(s[1:], Schedule)
        assert list(s[1:]) == list(_acts()[1:])
        assert list(s.take([2, 0])) == [_acts()[2], _acts()[0]]
        assert list(s[::-1]) == list(reversed(_acts()))

    def test_index_out_of_range(self) -> None:
        with pytest.raises(IndexError, match="out of range for 3 activities"):
            Schedule(_acts())[3]
        with pytest.raises(IndexError):
            Schedule(_acts()).take([5])

    def test_only_activities(self) -> None:
        with pytest.raises(TypeError, match="holds Activity values, not str"):
            Schedule(["a1"])  # type: ignore[list-item]

    def test_equality(self) -> None:
        """A schedule equals a schedule, tuple or list of equal activities in the same order."""
        s = Schedule(_acts())
        assert s == Schedule(_acts())
        assert s == _acts()
        assert s == list(_acts())
        assert s != _acts()[::-1]
        assert s != Schedule(_acts()[:2])
        assert s != "a1"
        with pytest.raises(TypeError):
            hash(s)

    def test_joining(self) -> None:
        """Schedules join with + (or concat), also with a tuple of activities."""
        a, b = Schedule(_acts()[:1]), Schedule(_acts()[1:])
        assert list(a + b) == list(_acts())
        assert list(a + _acts()[1:]) == list(_acts())
        assert list(_acts()[1:] + a) == [*_acts()[1:], _acts()[0]]
        assert list(Schedule.concat([b, a, b])) == [*_acts()[1:], _acts()[0], *_acts()[1:]]
        assert len(Schedule.concat([])) == 0

    def test_repr(self) -> None:
        assert repr(Schedule(_acts())) == "Schedule(3 activities, 2022-01-05 … 2022-05-31)"
        assert repr(Schedule()) == "Schedule(0 activities)"

    def test_columns(self) -> None:
        """The columns the engine reads."""
        s = Schedule(_acts())
        assert list(s.ids) == ["a1", "a2", "a3"]
        assert s.day_numbers.tolist() == [a.date.toordinal() for a in _acts()]
        assert s.end_numbers.tolist() == [0, D(2022, 6, 2).toordinal(), 0]
        assert s.participants.tolist() == [40, -1, -1]
        codes, table = s.codes("organiser")
        assert [table[c] for c in codes] == [None, "c1", None]
        assert s.kinds() == {"lecture", "campaign"}
        assert s.kinds(counting=True) == {"lecture", "campaign"}
        with pytest.raises(ValueError, match="not a coded column"):
            s.codes("hours")
        with pytest.raises(ValueError, match="read-only"):
            s.day_numbers[0] = 1

    def test_by_id(self) -> None:
        """Activities looked up by id, the last of a repeated id."""
        acts = (*_acts(), Activity(id="a1", date=D(2022, 9, 1), kind="visit"))
        found = Schedule(acts).by_id()
        assert found["a2"] == _acts()[1]
        assert found["a1"].kind == "visit"
        assert sorted(found) == ["a1", "a2", "a3"]
        assert len(found) == 3
        assert "zz" not in found

    def test_with_kinds(self) -> None:
        s = Schedule(_acts()).with_kinds({"lecture": "health-education"})
        assert [a.kind for a in s] == ["health-education", "campaign", "health-education"]


class TestTheEngineReadsIt:
    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def test_same_report_as_from_activities(self, data: st.DataObject) -> None:
        """A schedule and the activities it holds give equal reports."""
        plan = data.draw(chst.plans())
        acts = data.draw(chst.activities(plan.span))
        as_of = data.draw(st.none() | st.dates(plan.span.start, plan.span.last))
        assert check(plan, Schedule(acts), as_of=as_of) == check(plan, list(acts), as_of=as_of)

    def test_findings_hold_their_ids_lazily(self) -> None:
        """A finding's activities are a view that compares, hashes and pickles as a tuple."""
        from commhealth import examples

        e = examples.load("longyuan")
        report = check(e.plan, e.activities, e.observations)
        f = next(f for f in report.findings if f.requirement == "health-education")
        assert isinstance(f.activities, ActivityIds)
        assert f.activities == tuple(f.activities)
        assert hash(f.activities) == hash(tuple(f.activities))
        assert pickle.loads(pickle.dumps(f.activities)) == tuple(f.activities)
        assert f.activities[0] == "he-01"
        assert len(f.activities) == 11


_CELLS = {
    # Python's str.strip() takes U+001C..U+001F, U+0085 and U+2028 for space; polars does not.
    "编号": st.sampled_from(
        [
            "a1",
            "a2",
            "a3",
            "",
            " a4 ",
            "a1",
            "a1\x1c",
            "\x1da5",
            "a6\x1e",
            "\x1f",
            "a7\x85",
            "a8\u2028",
        ]
    ),
    "日期": st.sampled_from(["2022-03-24", "2022/5/31", "2022年6月1日", "", "2022-13-01", "x"]),
    "结束日期": st.sampled_from(["", "", "2022-06-30", "2022-01-01", "bad"]),
    "活动类型": st.sampled_from(["lecture", "campaign", "", "讲座"]),
    "主题": st.sampled_from(["", "tb", "tb;aids", "aids、tb"]),
    "参加人数": st.sampled_from(["", "12", "0", "-3", "1.5", "many"]),
    "时长": st.sampled_from(["", "2", "0.5", "-1", "inf"]),
    "组织者": st.sampled_from(["", "c1", "c2"]),
    "状态": st.sampled_from(["", "已完成", "计划", "取消", "done", "maybe"]),
}


@st.composite
def _ledger_text(draw: st.DrawFn) -> str:
    header = list(_CELLS)
    lines = [",".join(header)]
    for _ in range(draw(st.integers(0, 12))):
        roll = draw(st.integers(0, 9))
        if roll == 0:
            lines.append(draw(st.sampled_from(["", "  ", ",,,"])))  # a blank row
        elif roll == 1:
            lines.append(",".join(["a9", "2022-01-01", *[""] * (len(header) - 2), "extra"]))
        else:
            lines.append(",".join(draw(_CELLS[h]) for h in header))
    return "\n".join(lines) + "\n"


class TestColumnarLoader:
    @settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(_ledger_text())
    def test_agrees_with_reading_row_by_row(self, tmp_path: Path, text: str) -> None:
        """Reading a ledger by columns gives the activities and the problems, row by row,
        that reading it one row at a time through the converter gives."""
        table = rows_from_table(csv_reader(text), ACTIVITY_HEADERS)
        rows = [(w, {"id": f"r{w.split()[-1]}", **r}) for w, r in table.rows]
        problems = list(table.problems)
        built = build_records(rows, Activity, problems, table.labels, typed=True)
        path = tmp_path / "ledger.csv"
        path.write_text(text, encoding="utf-8")
        if problems:
            with pytest.raises(LedgerError) as e:
                read_activities(path)
            assert list(e.value.problems) == sorted(problems, key=row_order)
        else:
            read = read_activities(path)
            assert read.records == tuple(a for _, a in built)
            assert read.data_rows == table.data_rows
            assert read.blank_rows == table.blank_rows

    @pytest.mark.skipif(importlib.util.find_spec("polars") is None, reason="polars is absent")
    @settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(_ledger_text())
    def test_fast_reader_agrees(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
    ) -> None:
        """A plain CSV file reads the same, problems and blank rows included, with polars
        (the fast extra) and without."""
        path = tmp_path / "ledger.csv"
        path.write_text(text, encoding="utf-8")

        def read() -> object:
            try:
                got = read_activities(path)
            except LedgerError as e:
                return e.problems
            return (tuple(got.records), got.data_rows, got.blank_rows, got.header_row)

        fast = read()
        monkeypatch.setattr(fast_csv, "ENABLED", False)
        assert fast == read()

    def test_fast_reader_strips_what_python_strips(self) -> None:
        """The fast reader strips an id of exactly the characters str.strip() takes."""
        assert fast_csv.PY_WHITESPACE == "".join(
            chr(c) for c in range(0x110000) if chr(c).isspace()
        )

    @pytest.mark.skipif(importlib.util.find_spec("polars") is None, reason="polars is absent")
    @pytest.mark.parametrize("separator", ["\x1c", "\x1d", "\x1e", "\x1f"])
    def test_id_ending_in_a_separator(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, separator: str
    ) -> None:
        """An id ending in U+001C..U+001F reads as the same id with polars and without."""
        path = tmp_path / "ledger.csv"
        path.write_text(f"id,date\na{separator},2022-01-01\n", encoding="utf-8")
        fast = read_activities(path).records.ids
        monkeypatch.setattr(fast_csv, "ENABLED", False)
        assert (["a"], ["a"]) == (list(fast), list(read_activities(path).records.ids))

    def test_the_fast_reader_reads_plain_files(self, tmp_path: Path) -> None:
        """The fast reader is the one that reads a plain file (when polars is there)."""
        pytest.importorskip("polars")
        path = tmp_path / "台账.csv"
        dump_activities(_acts(), path)
        assert fast_csv.plain_columns(path.read_bytes(), plain_header) is not None
        quoted = b'id,date\n"a",2022-01-01\n'
        assert fast_csv.plain_columns(quoted, plain_header) is None
        gb18030 = "编号,日期\na,2022-01-01\n".encode("gb18030")
        assert fast_csv.plain_columns(gb18030, plain_header) is None

    def test_reads_what_it_wrote(self, tmp_path: Path) -> None:
        path = tmp_path / "台账.csv"
        dump_activities(_acts(), path)
        loaded = load_activities(path)
        assert isinstance(loaded, Schedule)
        assert loaded == _acts()


class TestFrames:
    def test_pandas_text_cells(self, tmp_path: Path) -> None:
        """A DataFrame read from a ledger gives the schedule the ledger does."""
        pd = pytest.importorskip("pandas")
        path = tmp_path / "台账.csv"
        dump_activities(_acts(), path)
        assert activities_from_frame(pd.read_csv(path)) == load_activities(path)

    def test_pandas_typed_cells(self) -> None:
        """Dates, timestamps, numbers and lists are taken as they are."""
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame(
            {
                "id": ["a", "b"],
                "date": pd.to_datetime(["2022-03-24", "2022-05-31"]),
                "topics": [["tb", "aids"], []],
                "participants": [12, None],
                "hours": [1.5, 2],
            }
        )
        got = activities_from_frame(frame)
        assert got[0].date == D(2022, 3, 24)
        assert got[0].topics == {"tb", "aids"}
        assert got[0].participants == 12
        assert got[1].participants is None
        assert got[1].hours == 2.0

    def test_problems_by_row(self) -> None:
        """Every bad row is reported at once, by its number from 1."""
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame({"日期": ["2022-03-24", "2022-13-45", None], "参加人数": [-3, 1, 2]})
        with pytest.raises(LedgerError) as e:
            activities_from_frame(frame)
        paths = [p.path for p in e.value.problems]
        assert paths == ["row 1, 参加人数", "row 2, 日期", "row 3, 日期"]

    def test_unknown_column(self) -> None:
        pd = pytest.importorskip("pandas")
        with pytest.raises(LedgerError, match="unknown column 'when'"):
            activities_from_frame(pd.DataFrame({"when": ["2022-03-24"]}))

    def test_not_a_frame(self) -> None:
        with pytest.raises(TypeError, match="expected a pandas or polars DataFrame, not list"):
            activities_from_frame([{"date": "2022-03-24"}])

    def test_polars(self, tmp_path: Path) -> None:
        pl = pytest.importorskip("polars")
        path = tmp_path / "台账.csv"
        dump_activities(_acts(), path)
        assert activities_from_frame(pl.read_csv(path, infer_schema=False)) == load_activities(path)
