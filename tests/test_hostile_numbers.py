"""Numbers a person would not write, and numbers too large to hold: refused, never misread.

Each case comes from an audit of hostile input. Python's ``int`` and ``float`` read
``1_0`` as 10 and ``١٢`` (Arabic-Indic digits) as 12; a head count of 2**63 does not fit
a schedule's 64-bit column; a score sheet's negative count of defects would read as none.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth import (
    Activity,
    Bound,
    CommhealthError,
    FieldError,
    Goal,
    LedgerError,
    Observation,
    PlanError,
    Status,
    activities_from_frame,
    check,
    examples,
    load_activities,
    load_observations,
)
from commhealth._wording import sentence
from commhealth.evaluation import (
    Criterion,
    Deduction,
    ManualScore,
    Penalty,
    RequirementFigure,
    Scheme,
    Section,
    evaluate,
    load_scores,
)
from commhealth.loading import read_activities
from commhealth.planner import propose

from .helpers import make_plan


def refusal(path: Path, load: Any = load_activities) -> list[str]:
    """The problems a loader reports for ``path``, each as ``message @ path``."""
    with pytest.raises(LedgerError) as e:
        load(path)
    return [str(p) for p in e.value.problems]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestDigitsAsTyped:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("12", 12.0),
            ("-3.5", -3.5),
            ("１２", 12.0),
            ("1e3", 1000.0),
            (".5", 0.5),
            ("1_0", None),
            ("١٢", None),
            ("۱۲", None),
            ("²", None),
            ("inf", None),
            ("nan", None),
            ("1e999", None),
        ],
        ids=repr,
    )
    def test_read_number(self, text: str, expected: float | None) -> None:
        """Only ASCII digits (full-width ones made ASCII) make a number."""
        from commhealth.loading.ledgers._values import read_number

        assert expected == read_number(text)

    def test_ledger_counts_and_hours(self, tmp_path: Path) -> None:
        """1_0 and Arabic-Indic digits in a ledger are refused by row, not read as 10 and 12."""
        path = write(
            tmp_path,
            "a.csv",
            "id,date,kind,participants,hours\n"
            "a,2022-03-01,lecture,1_0,1_5\n"
            "b,2022-03-02,lecture,١٢,٣\n"
            "c,2022-03-03,lecture,１２,２\n",
        )
        assert [
            "'participants' must be a whole number (got '1_0') @ row 2, participants",
            "'hours' must be a finite number (got '1_5') @ row 2, hours",
            "'participants' must be a whole number (got '١٢') @ row 3, participants",
            "'hours' must be a finite number (got '٣') @ row 3, hours",
        ] == refusal(path)

    def test_full_width_counts_are_read(self, tmp_path: Path) -> None:
        """Full-width digits, as a Chinese keyboard types them, read as their values."""
        path = write(tmp_path, "a.csv", "id,date,participants,hours\nc,2022-03-03,１２,２.５\n")
        (activity,) = load_activities(path)
        assert (12, 2.5) == (activity.participants, activity.hours)

    def test_arabic_indic_date(self, tmp_path: Path) -> None:
        """A date in Arabic-Indic digits is not a date."""
        path = write(tmp_path, "a.csv", "id,date\na,٢٠٢٢-٠٣-٠١\n")
        assert [
            "not a date: '٢٠٢٢-٠٣-٠١'; write 2022-06-30, 2022/6/30 or 2022年6月30日 @ row 2, date"
        ] == refusal(path)

    def test_observation_value(self, tmp_path: Path) -> None:
        """An observed 1_0 is refused."""
        path = write(tmp_path, "o.csv", "metric,date,value\nm,2022-03-01,1_0\n")
        assert ["'value' must be a finite number (got '1_0') @ row 2, value"] == refusal(
            path, load_observations
        )

    def test_score_sheet(self, tmp_path: Path) -> None:
        """A score of 1_0 or ٩٠, or an adjustment of -1_0, is refused; ９０ is 90."""
        path = write(
            tmp_path,
            "s.csv",
            "指标编号,得分,酌情加减分,扣分原因\n1.1,1_0,,\n1.2,９０,,\n1.3,٩٠,,\n1.4,5,-1_0,迟报\n",
        )
        assert [
            "the score for '1.1' is not a number as typed (got '1_0'); write digits 0-9, "
            "as 90 or 92.5 @ row 2",
            "the score for '1.3' is not a number as typed (got '٩٠'); write digits 0-9, "
            "as 90 or 92.5 @ row 4",
            "the adjustment for '1.4' is not a number (got '-1_0') @ row 5",
        ] == refusal(path, load_scores)

    def test_full_width_score(self, tmp_path: Path) -> None:
        """A full-width score is read as the ledger reader reads full-width digits."""
        path = write(tmp_path, "s.csv", "指标编号,得分\n1.2,９０％\n")
        assert 90.0 == load_scores(path).entries[0].figure

    def test_rule_interval_in_other_digits(self) -> None:
        """INTERVAL=² (a digit to str.isdigit, not to int) is refused with the rule's words."""
        from commhealth._rrules import rule_problem

        assert "must have an INTERVAL from 1 to 1000 (got INTERVAL=²)" == rule_problem(
            "FREQ=MONTHLY;INTERVAL=²"
        )


class TestObservationsMeanWhatTheySay:
    def test_year_one_is_refused(self, tmp_path: Path) -> None:
        """A figure dated year 1 is refused when loaded, not taken as the latest before 2022."""
        path = write(tmp_path, "o.csv", "metric,date,value\nm,0001-03-01,5\nm,2101-01-01,5\n")
        assert [
            "'date' must be in the years 1900 to 2100 (got 0001-03-01) @ row 2",
            "'date' must be in the years 1900 to 2100 (got 2101-01-01) @ row 3",
        ] == refusal(path, load_observations)

    def test_unit_mismatch_is_not_compared(self) -> None:
        """60% against a goal of 50人 is reported as not compared, in both languages."""
        goal = Goal(id="g", title="参加人数", metric="m", bound=Bound(min=50), unit="人")
        report = check(
            make_plan(goal),
            [],
            [Observation(metric="m", date=dt.date(2022, 5, 1), value=60, unit="%")],
        )
        (found,) = report.findings
        assert (Status.NO_DATA, None) == (found.status, found.actual)
        assert [
            "参加人数 (at least 50 people): 60% on 1 May 2022 is in %, not 人; not compared",
            "参加人数（至少50人）：2022年5月1日为60%，单位%与目标的人不同，未作比较",
        ] == [sentence(found, "en"), sentence(found, "zh")]

    def test_full_width_percent_is_the_same_unit(self) -> None:
        """％ and % are one unit."""
        goal = Goal(id="g", metric="m", bound=Bound(min=50), unit="%")
        obs = Observation(metric="m", date=dt.date(2022, 5, 1), value=60, unit="％")
        assert Status.MET == check(make_plan(goal), [], [obs]).findings[0].status


class TestScoreSheetCounts:
    def test_negative_penalty_count(self, tmp_path: Path) -> None:
        """-3 defects is refused, not read as none and given full points."""
        scheme = Scheme(
            id="s",
            title="考核",
            sections=(
                Section(
                    id="a",
                    title="资料",
                    criteria=(
                        Criterion(
                            id="late",
                            title="迟报",
                            points=5,
                            figure=ManualScore(),
                            rule=Penalty(each=1),
                        ),
                    ),
                ),
            ),
        )
        ex = examples.load("longyuan")
        sheet = load_scores(write(tmp_path, "s.csv", "指标编号,得分\nlate,-3\n"))
        with pytest.raises(PlanError) as e:
            evaluate(ex.plan, ex.activities, scheme=scheme, scores=sheet)
        assert ["criterion 'late' counts defects; a count cannot be below 0 (got -3) @ row 2"] == [
            str(p) for p in e.value.problems
        ]

    def test_deduction_of_a_huge_target(self) -> None:
        """A target of 1.5e308 in steps of 0.1 scores 0, with no OverflowError."""
        rule = Deduction(target=1.5e308, deduct=1, step=0.1)
        scheme = Scheme(
            id="s",
            title="考核",
            sections=(
                Section(
                    id="a",
                    title="活动",
                    criteria=(
                        Criterion(
                            id="c",
                            title="讲座",
                            points=10,
                            figure=RequirementFigure(requirement="health-education"),
                            rule=rule,
                        ),
                    ),
                ),
            ),
        )
        ex = examples.load("longyuan")
        assert 0.0 == evaluate(ex.plan, ex.activities, ex.observations, scheme=scheme).total


class TestHeadCountsAndHours:
    @pytest.mark.parametrize(
        ("cell", "shown"),
        [
            ("9223372036854775808", "9223372036854775808"),
            ("1152921504606846977", "1152921504606846977"),
            ("10000001", "10000001"),
            ("9" * 30, "a number of 30 digits"),
        ],
        ids=["2**63", "2**60+1", "just past", "30 digits"],
    )
    def test_head_count_past_the_bound(self, tmp_path: Path, cell: str, shown: str) -> None:
        """A head count past ten million is refused by its row, never rounded or lost."""
        path = write(tmp_path, "a.csv", f"id,date,participants\na,2022-03-01,{cell}\n")
        assert [
            f"'participants' must be at most 10,000,000 (got {shown}) @ row 2, participants"
        ] == refusal(path)

    def test_head_count_at_the_bound(self, tmp_path: Path) -> None:
        """Ten million itself is read exactly."""
        path = write(tmp_path, "a.csv", "id,date,participants\na,2022-03-01,10000000\n")
        assert [10_000_000] == load_activities(path).participants.tolist()

    def test_hours_past_the_bound(self, tmp_path: Path) -> None:
        """An activity of more than 10,000 hours is refused."""
        path = write(tmp_path, "a.csv", "id,date,hours\na,2022-03-01,1e300\n")
        assert ["'hours' must be at most 10,000 (got 1e+300) @ row 2, hours"] == refusal(path)

    def test_in_the_model(self) -> None:
        """The bound is the model's: an Activity past it is a FieldError."""
        with pytest.raises(FieldError) as e:
            Activity(id="a", date=dt.date(2022, 1, 1), participants=2**63)
        assert "'participants' must be at most 10,000,000 (got 9223372036854775808)" == str(e.value)

    @given(st.integers(min_value=0, max_value=2**70))
    def test_counts_are_exact_or_refused(self, n: int) -> None:
        """Any whole count reads back as itself or is refused; none is rounded."""
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame({"date": ["2022-03-01"], "participants": [str(n)]})
        try:
            schedule = activities_from_frame(frame)
        except LedgerError:
            assert n > 10_000_000
        else:
            assert [n] == schedule.participants.tolist()


class TestFrames:
    def test_pandas_nullable_integers(self) -> None:
        """An Int64 column's NA is a missing cell."""
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame(
            {"date": ["2022-01-01", "2022-01-02"], "participants": pd.array([5, None], "Int64")}
        )
        assert [5, None] == [a.participants for a in activities_from_frame(frame)]

    @pytest.mark.parametrize("field", ["kind", "topics", "participants", "date"])
    def test_dict_cell(self, field: str) -> None:
        """A dict in a cell is refused at its row and column."""
        pd = pytest.importorskip("pandas")
        cells: dict[str, Any] = {"date": ["2022-01-01"], field: [{"a": 1}]}
        with pytest.raises(LedgerError) as e:
            activities_from_frame(pd.DataFrame(cells))
        assert [f"{field!r} cannot be dict {{'a': 1}} @ row 1, {field}"] == [
            str(p) for p in e.value.problems
        ]

    def test_duplicate_column_names(self) -> None:
        """Two columns of one name are refused, naming the second."""
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame([["2022-01-01", "a", "b"]], columns=["date", "kind", "kind"])
        with pytest.raises(LedgerError) as e:
            activities_from_frame(frame)
        assert ["column 'kind' repeats column 2 @ column 3"] == [str(p) for p in e.value.problems]

    def test_polars_lazy_frame(self) -> None:
        """A polars LazyFrame is collected and read."""
        pl = pytest.importorskip("polars")
        lazy = pl.LazyFrame({"date": ["2022-01-01"], "participants": [3]})
        assert [3] == activities_from_frame(lazy).participants.tolist()


class TestNoBareExceptions:
    def test_propose_as_of_the_last_day(self) -> None:
        """As of 9999-12-31 nothing is left to propose, and nothing overflows."""
        ex = examples.load("longyuan")
        proposal = propose(ex.plan, ex.activities, ex.observations, as_of=dt.date.max)
        assert () == proposal.activities

    @given(st.text(alphabet="0123456789_١٢٣４５.%-e", max_size=8))
    def test_number_cells_read_or_refused(self, cell: str) -> None:
        """A number cell of digits in any script is read or refused, never a bare error."""
        from commhealth.loading.ledgers._values import read_number

        try:
            read_number(cell)
            Activity(id="a", date=dt.date(2022, 1, 1), hours=read_number(cell))
        except CommhealthError:
            pass


def test_read_activities_reports_the_bound(tmp_path: Path) -> None:
    """read_activities with partial keeps the good rows and reports the one past the bound."""
    path = write(
        tmp_path, "a.csv", "id,date,participants\na,2022-03-01,5\nb,2022-03-02,99999999999\n"
    )
    ledger = read_activities(path, partial=True)
    assert (
        ["a"],
        ["'participants' must be at most 10,000,000 (got 99999999999) @ row 3, participants"],
    ) == (
        [a.id for a in ledger.records],
        [str(p) for p in ledger.problems],
    )
