"""Score sheets: an assessor's figures and ratings by criterion, every bad row reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth import LedgerError
from commhealth.evaluation import load_scores


def _sheet(tmp_path: Path, text: str, name: str = "scores.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestLoadScores:
    def test_chinese_headers(self, tmp_path: Path) -> None:
        """Ratings stay text and figures become numbers; a BOM and blank rows are fine."""
        path = _sheet(tmp_path, "\ufeff指标编号,得分,备注\nfiles,中,台账齐全\n\ncoverage,92.5,\n")
        assert {"files": "中", "coverage": 92.5} == load_scores(path)

    def test_every_bad_row(self, tmp_path: Path) -> None:
        """A row with no criterion, one with no score and a repeated criterion are all reported."""
        path = _sheet(tmp_path, "criterion,score\nfiles,好\n,3\nvisits,\nfiles,差\n")
        with pytest.raises(LedgerError) as e:
            load_scores(path)
        assert [
            ("row 3", "no criterion named"),
            ("row 4", "no score for 'visits'"),
            ("row 5", "criterion 'files' is scored twice; first on row 2"),
        ] == [(p.path, p.message) for p in e.value.problems]

    def test_missing_columns(self, tmp_path: Path) -> None:
        """A header without the two columns names what it lacks."""
        with pytest.raises(LedgerError) as e:
            load_scores(_sheet(tmp_path, "名称,备注\n"))
        assert [
            ("row 1", "no criterion column (criterion or id or 指标, …)"),
            ("row 1", "no score column (score or rating or 得分, …)"),
        ] == [(p.path, p.message) for p in e.value.problems]

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """A file that is neither CSV nor a spreadsheet is refused, naming the kinds read."""
        with pytest.raises(LedgerError) as e:
            load_scores(_sheet(tmp_path, "x", name="scores.txt"))
        assert "unknown file type '.txt'; expected one of .csv, .xlsx, .xlsm, .xls, .ods" == (
            e.value.problems[0].message
        )

    @given(
        st.lists(
            st.tuples(st.sampled_from(["a", "b", "c", ""]), st.sampled_from(["好", "3", ""])),
            max_size=12,
        )
    )
    def test_rows_are_loaded_or_reported(self, rows: list[tuple[str, str]]) -> None:
        """A sheet read whole loads every row that is not blank; one refused reports rows by
        their own numbers, each once, and only rows that hold something."""
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            text = "criterion,score\n" + "".join(f"{c},{s}\n" for c, s in rows)
            path = _sheet(Path(folder), text)
            filled = {i + 2 for i, (c, s) in enumerate(rows) if c or s}
            try:
                loaded = load_scores(path)
            except LedgerError as e:
                numbers = [int(p.path.split()[1]) for p in e.problems]
                assert len(numbers) == len(set(numbers))
                assert set(numbers) <= filled
            else:
                assert len(filled) == len(loaded)
