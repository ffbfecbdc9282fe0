"""``commhealth check-all``: a folder of communities, a summary, a bar, exit statuses."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from commhealth.batch import check_many, evaluate_many, summary_text
from commhealth.cli import main

from .conftest import ROOT
from .misbehave import sitecustomize
from .test_batch import _misbehave

sys.path.insert(0, str(ROOT / "benchmarks"))
from communities import write_communities


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty generated communities, the last two with plans that cannot be read."""
    out = tmp_path_factory.mktemp("cli-batch") / "district"
    write_communities(out, 30, seed=11, broken=2)
    return out


_PASSING = """\
schema = 1
id = "a-2022"
span = { start = 2022-01-01, end = 2023-01-01 }
organisation = { id = "a", name = "A" }

[[requirements]]
type = "quota"
id = "lectures"
select = { kind = ["lecture"] }
bound = { min = 1 }
"""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(*argv: str, err: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), err or io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


class TestCheckAll:
    def test_summary_of_thirty_communities_on_two_workers(
        self, district: Path, tmp_path: Path
    ) -> None:
        """With --jobs 2 the table has a row per community, the broken two with their
        problems, the same as the library's summary; --out writes it as JSON."""
        status, out, err = _run(
            "check-all", str(district), "--jobs", "2", "--out", str(tmp_path / "s.json")
        )
        assert 1 == status
        assert "" == err  # not a terminal: no bar
        assert summary_text(list(check_many(district, jobs=1)), "zh") == out
        lines = out.splitlines()
        assert lines[0].startswith("社区")
        assert "共30个社区，30个未通过，其中2个无法读取" == lines[-1]
        data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
        assert [f"c{i:02d}" for i in range(30)] == [d["community"] for d in data]
        assert [False] * 28 + [True] * 2 == [d["error"] is not None for d in data]

    def test_scheme_adds_score_and_grade(self, district: Path, tmp_path: Path) -> None:
        """With --scheme each row has the score and grade, in English with --lang en."""
        scheme = str(district / "scheme.toml")
        status, out, _ = _run(
            "check-all", str(district), "--jobs", "2", "--scheme", scheme, "--lang", "en",
            "--out", str(tmp_path / "s.csv"),
        )  # fmt: skip
        expected = list(evaluate_many(district, scheme=scheme, jobs=1))
        assert summary_text(expected, "en") == out
        assert out.splitlines()[0].split()[-3:] == ["score", "grade", "result"]
        assert (1 if any(not o.ok for o in expected) else 0) == status
        assert 31 == len((tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines())

    def test_progress_bar_on_a_terminal(self, district: Path) -> None:
        """On a terminal, stderr shows a bar redrawn to 30/30, then a new line."""
        err = _Terminal()
        _run("check-all", str(district), "--jobs", "1", err=err)
        drawn = err.getvalue()
        assert drawn.endswith("\r[" + "#" * 30 + "] 30/30\n")
        assert 30 == drawn.count("\r")

    def test_all_passing_exits_0(self, tmp_path: Path) -> None:
        """A folder whose communities all pass exits 0."""
        (tmp_path / "a").mkdir()
        (tmp_path / "a" / "plan.toml").write_text(_PASSING, encoding="utf-8")
        (tmp_path / "a" / "activities.csv").write_text(
            "id,date,kind\na1,2022-03-01,lecture\n", encoding="utf-8"
        )
        status, out, _ = _run("check-all", str(tmp_path), "--jobs", "1", "--lang", "en")
        assert (0, "1 community, all ok") == (status, out.splitlines()[-1])

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            pytest.param(
                ("missing",), "no such folder: No such file or directory @ {d}", id="no-folder"
            ),
            pytest.param(("empty", "--jobs", "0"), "no community folders here", id="empty-folder"),
            pytest.param(
                ("d", "--out", "s.txt"),
                "the summary is written as .csv, .json or .xlsx @ --out",
                id="bad-out",
            ),
            pytest.param(("d", "--scheme", "nope"), "no shipped scheme named 'nope'", id="scheme"),
        ],
    )
    def test_unreadable_input_exits_2(
        self, tmp_path: Path, district: Path, argv: tuple[str, ...], message: str
    ) -> None:
        """An unreadable folder, a bad --out or an unknown scheme exit 2 before any work."""
        (tmp_path / "empty").mkdir()
        paths = {"missing": tmp_path / "missing", "empty": tmp_path / "empty", "d": district}
        first = str(paths[argv[0]])
        status, out, err = _run("check-all", first, *argv[1:])
        assert (2, "") == (status, out)
        assert message.format(d=first) in err


class TestCheckAllFailures:
    def test_a_hanging_community_times_out(
        self, district: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--timeout stops a community that hangs; its row says so in the table's language
        and the others are checked."""
        _misbehave(monkeypatch, {"c03": "hang"})
        status, out, _ = _run("check-all", str(district), "--jobs", "2", "--timeout", "1")
        assert 1 == status
        lines = out.splitlines()
        row = next(i for i, line in enumerate(lines) if line.startswith("c03"))
        assert lines[row].endswith("超时")
        assert "    1秒内未检查完，已停止" == lines[row + 1]
        assert "共30个社区，30个未通过，其中3个无法读取" == lines[-1]

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            pytest.param(
                ("--timeout", "0"),
                "'timeout' must be a number of seconds above 0 (got 0.0) @ timeout",
                id="timeout",
            ),
            pytest.param(
                ("--out", "s.xlsx"),
                "writing .xlsx needs the excel extra: pip install 'commhealth[excel]' @ --out",
                id="no-excel-extra",
            ),
        ],
    )
    def test_refused_before_any_work(
        self,
        district: Path,
        monkeypatch: pytest.MonkeyPatch,
        argv: tuple[str, ...],
        message: str,
    ) -> None:
        """A time-out of nothing, or an .xlsx summary without the excel extra, exits 2 with
        the install hint before any community is checked, never with a traceback."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if not installed
        status, out, err = _run("check-all", str(district), *argv)
        assert (2, "", f"commhealth: 1 problem:\n  - {message}\n") == (status, out, err)


def _group(pgid: int) -> bool:
    """Whether any process of group ``pgid`` is still there."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


class TestSignals:
    @pytest.mark.parametrize(
        ("signum", "status"),
        [
            pytest.param(signal.SIGTERM, 143, id="SIGTERM"),
            pytest.param(signal.SIGINT, 130, id="SIGINT"),
        ],
    )
    def test_a_signal_ends_the_batch_with_nothing_left_running(
        self, district: Path, signum: int, status: int
    ) -> None:
        """SIGTERM or SIGINT in the middle of a batch ends it with 128 + the signal, one
        line on stderr, stdout closed, and no process of its group left: no worker, no
        fork server, no resource tracker."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(Path(sitecustomize.__file__).parent), str(ROOT / "src"), env.get("PYTHONPATH", "")]
        )
        slow = {f"c{i:02d}": "slow" for i in range(30)}  # half a second each: 8 s in all
        env[sitecustomize.ENV] = json.dumps({"actions": slow})
        argv = [sys.executable, "-m", "commhealth", "check-all", str(district), "--jobs", "2"]
        process = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
        )
        try:
            # Wait until its workers are checking: the command, the fork server, the
            # tracker and two workers.
            deadline = time.monotonic() + 30
            while len(_members(process.pid)) < 5 and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(0.5)
            process.send_signal(signum)
            out, err = process.communicate(timeout=30)  # stdout reaches its end
            deadline = time.monotonic() + 10
            while _group(process.pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not _group(process.pid), _members(process.pid)
        finally:
            if _group(process.pid):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        name = signal.Signals(signum).name
        assert (status, b"") == (process.returncode, out)
        assert (
            f"commhealth: check-all stopped by {name}; the worker processes were stopped and "
            "no summary written\n"
        ) == err.decode()


def _members(pgid: int) -> list[int]:
    """The processes of group ``pgid``, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pgid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


class TestProvince:
    def test_a_province_with_broken_ledgers_finishes_with_every_community(
        self, tmp_path: Path
    ) -> None:
        """check-all over a province's folder (60 communities; COMMHEALTH_PROVINCE_COMMUNITIES
        for more) of which ten have ledgers under an unknown compression method, two are zip
        bombs and one is a link to nowhere, run as the command: a row for every community,
        the unreadable ones with their problem, the rest checked. Both bombs are refused
        from the archive's directory, before any part is inflated."""
        from .province import write_province

        count = int(os.environ.get("COMMHEALTH_PROVINCE_COMMUNITIES", "60"))
        troubled = write_province(tmp_path / "province", count)
        summary = tmp_path / "summary.json"
        argv = [sys.executable, "-m", "commhealth", "check-all", str(tmp_path / "province")]
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        )
        done = subprocess.run(
            [*argv, "--jobs", "2", "--lang", "en", "--out", str(summary)],
            capture_output=True,
            env=env,
            timeout=600,
            check=False,
        )
        assert (1, b"") == (done.returncode, done.stderr)
        rows = json.loads(summary.read_text(encoding="utf-8"))
        folders = sorted(p.name for p in (tmp_path / "province").iterdir() if p.is_dir())
        assert (count, folders) == (len(rows), [r["community"] for r in rows])
        problems = {
            r["community"]: [p["message"] for p in r["problems"]] for r in rows if r["error"]
        }
        expected = {
            "method 99": "cannot read the spreadsheet: I/O error: compression method not supported: 99",
            "bomb over": "cannot read the spreadsheet: its part 'xl/worksheets/sheet1.xml' is 537,919,488 bytes uncompressed, more than the 268,435,456 commhealth reads",
            "bomb under": "cannot read the spreadsheet: its part 'xl/worksheets/sheet1.xml' is 535,822,336 bytes uncompressed, more than the 268,435,456 commhealth reads",
            "dangling link": "cannot read the file: No such file or directory",
        }
        # Both bombs are refused from the archive's directory: a part may inflate to
        # 256 MiB at most, so neither is inflated.
        assert {name: [expected[kind]] for name, kind in troubled.items()} == problems
        assert done.stdout.decode().endswith(
            f"{count} communities, {count} not ok, 13 of them unreadable\n"
        )
