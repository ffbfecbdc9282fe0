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
        entries = load_scores(path).for_subject(None)
        assert {"files": "中", "coverage": 92.5} == {k: e.figure for k, e in entries.items()}
        assert (2, 4) == (entries["files"].row, entries["coverage"].row)

    def test_adjustments_evidence_and_subjects(self, tmp_path: Path) -> None:
        """A sheet for several communities gives each its own entries, with the assessor's
        discretionary adjustment, its reason and whether evidence was shown."""
        path = _sheet(
            tmp_path,
            "社区,指标编号,得分,酌情加减分,扣分原因,佐证材料\n"
            "xinhua,files,好,,,有\n"
            "xinhua,4.2,,-3,登记不全,\n"
            "dongfeng,files,差,,,无\n",
        )
        sheet = load_scores(path)
        assert ("xinhua", "dongfeng") == sheet.subjects()
        xinhua = sheet.for_subject("xinhua")
        assert ("好", True) == (xinhua["files"].figure, xinhua["files"].evidence)
        assert (None, -3.0, "登记不全") == (
            xinhua["4.2"].figure,
            xinhua["4.2"].adjust,
            xinhua["4.2"].reason,
        )
        assert ("差", False) == (
            sheet.for_subject("dongfeng")["files"].figure,
            sheet.for_subject("dongfeng")["files"].evidence,
        )

    def test_bad_adjustments_and_evidence(self, tmp_path: Path) -> None:
        """An adjustment that is not a number, one without its reason, and evidence that is
        neither 有 nor 无 are each reported on their row."""
        path = _sheet(
            tmp_path,
            "criterion,score,adjust,reason,evidence\na,1,lots,x,\nb,1,-2,,\nc,1,,,maybe\n",
        )
        with pytest.raises(LedgerError) as e:
            load_scores(path)
        assert [
            ("row 2", "the adjustment for 'a' is not a number (got 'lots')"),
            ("row 3", "an adjustment to 'b' needs its reason"),
            ("row 4", "evidence for 'c' must be 有 or 无 (got 'maybe')"),
        ] == [(p.path, p.message) for p in e.value.problems]

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
            (
                "row 1",
                "no score, adjustment or evidence column (score or 得分, adjust or 调整, evidence or 佐证)",
            ),
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
                assert len(filled) == len(loaded.entries)
