"""Fuzzing every loader and format: only a CommhealthError may escape, and no row is lost.

Each loader is fed arbitrary bytes, and valid files with their bytes or their values
mutated, in every format it reads, as a user would feed them: from a file on disk. The
check engine then runs on whatever loaded. And for ledgers, the row law: every row of the
file is read, reported as a problem (by the row number the file shows), or counted as
blank.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commhealth import CommhealthError, check, examples, load_plan
from commhealth.evaluation import load_scheme, load_scores
from commhealth.loading import dumps_plan, plan_to_dict, read_activities, read_observations
from commhealth.loading._formats import render_text

from .spreadsheets import write_xls, write_xlsx
from .test_evaluation import SCHEME

#: Fuzzing is slower per example than a law over values: a third of the profile's count.
FUZZ = settings(
    max_examples=max(10, settings.default.max_examples // 3),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

EXAMPLE = examples.load("longyuan")
LEDGER_CSV = (Path(examples.__file__).parent / "longyuan" / "activities.csv").read_bytes()
FIGURES_CSV = (Path(examples.__file__).parent / "longyuan" / "observations.csv").read_bytes()
PLAN_DATA = plan_to_dict(EXAMPLE.plan)


@contextlib.contextmanager
def file_with(name: str, data: bytes) -> Iterator[Path]:
    """A file named ``name`` holding ``data``, in a fresh folder."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def only_library_errors(load: Callable[[Path], object], name: str, data: bytes) -> object:
    """Load ``data`` from a file called ``name``: what loads, or ``None`` after a library
    error. Any other exception fails the test."""
    with file_with(name, data) as path:
        try:
            return load(path)
        except CommhealthError:
            return None


def mutated(data: bytes) -> st.SearchStrategy[bytes]:
    """``data`` with a few bytes flipped, cut, or spliced in."""

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 4))):
            if not out:
                break
            i = draw(st.integers(0, len(out) - 1))
            action = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
            if action == "flip":
                out[i] ^= 1 << draw(st.integers(0, 7))
            elif action == "cut":
                del out[i : i + draw(st.integers(1, 16))]
            elif action == "insert":
                out[i:i] = draw(
                    st.sampled_from(
                        [b'"', b",", b"\n", b"\x00", b"\xff", b"[", b"{", "、".encode()]
                    )
                )
            else:
                del out[i:]
        return bytes(out)

    return mutate()


# Values a hand-edited file may hold where anything else belongs.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.sampled_from([10**400, -(10**400), 2**53 + 1])
    | st.floats()
    | st.dates()
    | st.text(max_size=8)
    | st.sampled_from(
        [
            "2022-13-01",
            "FREQ=SECONDLY",
            "FREQ=DAILY;BYSETPOS=2",
            "",
            "month",
            "结核病防治",
            "\udc80",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, (*prefix, i))


PLAN_PATHS = list(_paths(PLAN_DATA))[1:]


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, *rest = path
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = _replace(data[head], tuple(rest), value)
    return copy


@st.composite
def mutated_plans(draw: st.DrawFn) -> dict[str, Any]:
    """The example plan's data with one to three values replaced by anything."""
    data: Any = PLAN_DATA
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PLAN_PATHS))
        try:
            data = _replace(data, path, draw(json_values))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier replacement removed the path
    return dict(data)


def _render(data: dict[str, Any], fmt: str) -> bytes | None:
    """``data`` as a file in ``fmt``, or ``None`` when the format cannot hold it (TOML has
    no null)."""
    try:
        return render_text(data, fmt).encode("utf-8", "surrogatepass")  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def _check_what_loaded(plan: object) -> None:
    if plan is not None:
        check(plan, EXAMPLE.activities, EXAMPLE.observations)  # type: ignore[arg-type]


class TestPlans:
    @FUZZ
    @given(fmt=st.sampled_from(["toml", "json", "yaml"]), data=st.binary(max_size=300))
    def test_arbitrary_bytes(self, fmt: str, data: bytes) -> None:
        """Arbitrary bytes in any plan format load or raise a library error."""
        only_library_errors(load_plan, f"plan.{fmt}", data)

    @FUZZ
    @given(fmt=st.sampled_from(["toml", "json", "yaml"]), data=st.data())
    def test_mutated_bytes(self, fmt: str, data: st.DataObject) -> None:
        """A valid plan file with bytes flipped, cut or spliced loads, checks, or raises a
        library error."""
        text = dumps_plan(EXAMPLE.plan, fmt).encode()  # type: ignore[arg-type]
        _check_what_loaded(only_library_errors(load_plan, f"plan.{fmt}", data.draw(mutated(text))))

    @FUZZ
    @given(fmt=st.sampled_from(["toml", "json", "yaml"]), plan=mutated_plans())
    def test_mutated_values(self, fmt: str, plan: dict[str, Any]) -> None:
        """A valid plan with values replaced by anything loads, checks, or raises a library
        error."""
        rendered = _render(plan, fmt)
        if rendered is not None:
            _check_what_loaded(only_library_errors(load_plan, f"plan.{fmt}", rendered))


class TestSchemes:
    @FUZZ
    @given(fmt=st.sampled_from(["toml", "json", "yaml"]), data=st.data())
    def test_mutated_bytes(self, fmt: str, data: st.DataObject) -> None:
        """A scheme file with bytes mutated loads or raises a library error."""
        from commhealth.evaluation import dumps_scheme

        text = dumps_scheme(SCHEME, fmt).encode()  # type: ignore[arg-type]
        only_library_errors(load_scheme, f"scheme.{fmt}", data.draw(mutated(text)))


LEDGER_FORMATS = ["csv", "json", "toml", "xlsx"]


def _ledger_bytes(fmt: str, rows: list[dict[str, Any]]) -> bytes:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, default=str).encode()
    if fmt == "toml":
        return render_text({"activities": rows}, "toml").encode()
    raise AssertionError(fmt)


class TestLedgers:
    @FUZZ
    @given(fmt=st.sampled_from([*LEDGER_FORMATS, "xls", "ods"]), data=st.binary(max_size=300))
    def test_arbitrary_bytes(self, fmt: str, data: bytes) -> None:
        """Arbitrary bytes in any ledger format load or raise a library error."""
        only_library_errors(read_activities, f"ledger.{fmt}", data)
        only_library_errors(read_observations, f"figures.{fmt}", data)

    @FUZZ
    @given(data=st.data())
    def test_mutated_csv(self, data: st.DataObject) -> None:
        """The example ledger with bytes mutated loads, checks, or raises a library error."""
        ledger = only_library_errors(read_activities, "ledger.csv", data.draw(mutated(LEDGER_CSV)))
        if ledger is not None:
            check(EXAMPLE.plan, ledger.records)  # type: ignore[attr-defined]
        only_library_errors(read_observations, "figures.csv", data.draw(mutated(FIGURES_CSV)))

    @FUZZ
    @given(
        fmt=st.sampled_from(["json", "toml"]),
        rows=st.lists(
            st.dictionaries(
                st.sampled_from(
                    ["id", "date", "title", "hours", "participants", "topics", "status", "x"]
                ),
                json_values,
                max_size=4,
            ),
            max_size=4,
        ),
    )
    def test_structured_records(self, fmt: str, rows: list[dict[str, Any]]) -> None:
        """JSON and TOML ledgers of records holding anything load or raise a library error."""
        try:
            data = _ledger_bytes(fmt, rows)
        except (TypeError, ValueError, OverflowError):
            return  # TOML cannot hold a null
        only_library_errors(read_activities, f"ledger.{fmt}", data)

    @FUZZ
    @given(fmt=st.sampled_from(["xlsx", "xls"]), data=st.data())
    def test_mutated_spreadsheets(self, fmt: str, data: st.DataObject) -> None:
        """A spreadsheet with bytes mutated loads or raises a library error (the reader's
        panics included)."""
        rows: dict[int, list[Any]] = {1: ["日期", "活动名称"], 2: ["2022-01-01", "讲座"]}
        with tempfile.TemporaryDirectory() as folder:
            write = write_xlsx if fmt == "xlsx" else write_xls
            good = write(Path(folder) / f"a.{fmt}", rows).read_bytes()
        only_library_errors(read_activities, f"ledger.{fmt}", data.draw(mutated(good)))


class TestScores:
    @FUZZ
    @given(data=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
    def test_arbitrary_score_sheets(self, data: bytes) -> None:
        """Arbitrary score sheets load or raise a library error."""
        only_library_errors(load_scores, "scores.csv", data)
        only_library_errors(load_scores, "scores.xlsx", data)


# The row law.
GOOD = st.tuples(st.dates().map(lambda d: d.isoformat()), st.sampled_from(["讲座", "义诊", "a,b"]))
BAD = st.tuples(st.sampled_from(["2022-13-01", "昨天", "2022-02-30"]), st.just("x"))
ROW = st.one_of(
    GOOD.map(lambda r: ("good", r)), BAD.map(lambda r: ("bad", r)), st.just(("blank", ("", "")))
)


def _csv_cell(text: str) -> str:
    return f'"{text}"' if "," in text else text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "xls"])
class TestRowLaw:
    @FUZZ
    @given(
        rows=st.lists(ROW, max_size=12),
        titles=st.integers(0, 2),
        encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
    )
    def test_every_row_is_read_reported_or_blank(
        self, fmt: str, rows: list[tuple[str, tuple[str, str]]], titles: int, encoding: str
    ) -> None:
        """Rows in the file = rows loaded + rows reported (by their real number) + blank rows."""
        header_row = titles + 1
        numbered = {header_row + i: row for i, row in enumerate(rows, start=1)}
        if fmt == "csv":
            lines = ["龙苑社区2022年健康教育活动台账,,"] * titles + ["日期,活动名称"]
            lines += [",".join(_csv_cell(c) for c in cells) for _, cells in rows]
            data = ("\n".join(lines) + "\n").encode(encoding)
        else:
            with tempfile.TemporaryDirectory() as folder:
                sheet = {i + 1: ["龙苑社区2022年健康教育活动台账"] for i in range(titles)}
                sheet[header_row] = ["日期", "活动名称"]
                sheet.update({n: list(cells) for n, (_, cells) in numbered.items()})
                write = write_xlsx if fmt == "xlsx" else write_xls
                data = write(Path(folder) / f"a.{fmt}", sheet).read_bytes()  # type: ignore[arg-type]
        by_kind = {
            kind: [n for n, (k, _) in numbered.items() if k == kind]
            for kind in ("good", "bad", "blank")
        }
        with file_with(f"ledger.{fmt}", data) as path:
            try:
                ledger = read_activities(path)
            except CommhealthError as e:
                reported = sorted({int(p.path.split(",")[0].split()[1]) for p in e.problems})
                assert by_kind["bad"] == reported
                return
        assert [] == by_kind["bad"]
        assert [f"r{n}" for n in by_kind["good"]] == [a.id for a in ledger.records]
        assert header_row == ledger.header_row
        if fmt == "csv":  # a spreadsheet does not store trailing blank rows
            assert (len(rows), tuple(by_kind["blank"])) == (ledger.data_rows, ledger.blank_rows)
        else:
            assert set(ledger.blank_rows) <= set(by_kind["blank"])


CLI_WORDS = [
    "check",
    "conformance",
    "evaluate",
    "examples",
    "observances",
    "schema",
    "standards",
    "--example",
    "longyuan",
    "street",
    "town",
    "--as-of",
    "9999-12-31",
    "0001-01-01",
    "2022-02-30",
    "2022-06-30",
    "--format",
    "json",
    "text",
    "--lang",
    "en",
    "zh",
    "--detail",
    "--report",
    "--scheme",
    "--scores",
    "--plan",
    "0",
    "1",
    "-1",
    "99999999999999999999",
    "2022",
    "--activities",
    "--observations",
    "missing.csv",
    "plan.toml",
    "",
]


class TestCommandLine:
    @FUZZ
    @given(argv=st.lists(st.sampled_from(CLI_WORDS), max_size=7))
    def test_never_a_traceback(self, argv: list[str]) -> None:
        """Any command line ends in exit status 0, 1 or 2 (argparse's usage errors
        included), never in an exception."""
        import io

        from commhealth.cli import main

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(io.StringIO()):  # argparse's usage messages
            try:
                code = main(argv, out=out, err=err)
            except SystemExit as e:
                code = e.code  # type: ignore[assignment]
        assert code in (0, 1, 2)
