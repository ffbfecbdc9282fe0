"""`commhealth draft`: a plan's text in, plan files that load and check out."""

from __future__ import annotations

from pathlib import Path

import pytest

from commhealth import check, load_plan

from .test_cli import run
from .test_drafting import SEED

pytest.importorskip("cn2an", reason="the draft extra (cn2an) is not installed")


class TestDraft:
    def test_writes_one_plan_per_section(self, tmp_path: Path) -> None:
        """With --out and five sections, five plan files are written beside it; each loads
        and checks, and the draft leaves work to do, so the exit status is 1."""
        out = tmp_path / "draft.toml"
        code, stdout, err = run("draft", str(SEED), "--out", str(out))
        assert (1, "") == (code, err)
        files = sorted(tmp_path.glob("draft-*.toml"))
        assert [f"draft-{n}.toml" for n in range(1, 6)] == [f.name for f in files]
        for f in files:
            plan = load_plan(f)
            assert check(plan, []).findings
            assert f"wrote {f}: section" in stdout

    def test_one_section(self, tmp_path: Path) -> None:
        """--section N writes only that section, to the file named."""
        out = tmp_path / "longyuan.toml"
        code, stdout, _ = run(
            "draft", str(SEED), "--section", "2", "--out", str(out), "--year", "2023"
        )
        assert 1 == code
        plan = load_plan(out)
        assert (2023, "龙苑社区") == (plan.span.start.year, plan.organisation.name)
        assert stdout.startswith(f"wrote {out}: section 2 (健康社区工作计划篇2): 7 requirements")

    def test_prints_a_single_section(self) -> None:
        """Without --out, the one section asked for is printed as a plan file."""
        code, stdout, _ = run("draft", str(SEED), "--section", "3")
        assert 1 == code
        assert "[[requirements]]" in stdout
        assert "# line " in stdout

    def test_summarises_several_sections(self) -> None:
        """Without --out and --section, each section is summarised and the options are named."""
        _, stdout, _ = run("draft", str(SEED))
        lines = stdout.splitlines()
        assert 6 == len(lines)
        assert "choose one with --section N, or write them all with --out FILE" == lines[-1]

    def test_nothing_left_to_do_exits_0(self, tmp_path: Path) -> None:
        """A text whose every target is read with every field decided exits 0."""
        path = tmp_path / "plan.txt"
        path.write_text("2022年龙苑社区计划\n全年健教活动不少于10次。\n", encoding="utf-8")
        code, stdout, _ = run("draft", str(path))
        assert 0 == code
        assert 'select = { kind = ["health-education"] }' in stdout

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["missing.txt"], "missing.txt: cannot read the plan's text"),
            (["--section", "9"], "the document has no section 9; it has 1, 2, 3, 4, 5"),
        ],
        ids=["no-file", "no-section"],
    )
    def test_unreadable_input_exits_2(self, args: list[str], message: str) -> None:
        """A text that cannot be read, or a section it lacks, exits 2 with the reason."""
        argv = ["draft", *args] if args[0].endswith(".txt") else ["draft", str(SEED), *args]
        code, _, err = run(*argv)
        assert 2 == code
        assert message in err
