"""Checking and scoring many communities at once: folders, executors, order, failures."""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commhealth import PlanError, Problem, check, load_activities, load_observations, load_plan
from commhealth.batch import (
    Community,
    Outcome,
    check_many,
    communities_in,
    evaluate_many,
    summary_text,
    write_summary,
)
from commhealth.errors import UnknownSchemeError
from commhealth.evaluation import evaluate, load_scheme, load_scores

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from communities import write_communities


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight generated communities, the last of them with a plan that cannot be read."""
    out = tmp_path_factory.mktemp("batch") / "district"
    write_communities(out, 8, seed=7, broken=1)
    return out


def _serial(folder: Path) -> list[Outcome]:
    """What checking each community one after the other, in this process, gives."""
    found = []
    for sub in communities_in(folder):
        c = Community.in_folder(sub)
        try:
            plan = load_plan(c.plan)
        except PlanError as e:
            found.append(Outcome.of_error(sub.name, e))
            continue
        acts = load_activities(c.activities) if c.activities else ()
        obs = load_observations(c.observations) if c.observations else ()
        found.append(Outcome.of_report(sub.name, check(plan, acts, obs)))
    return found


class TestCommunity:
    def test_in_folder_finds_each_file(self, folder: Path) -> None:
        """A community's folder gives the paths of its plan, ledger, figures and scores."""
        c = Community.in_folder(folder / "c0")
        assert (
            Community(
                name="c0",
                plan=folder / "c0" / "plan.toml",
                activities=folder / "c0" / "activities.csv",
                observations=folder / "c0" / "observations.csv",
                scores=folder / "c0" / "scores.csv",
            )
            == c
        )

    def test_a_folder_without_a_plan_is_an_error(self, tmp_path: Path) -> None:
        """A folder with no plan file names the file names it looked for."""
        with pytest.raises(PlanError) as info:
            Community.in_folder(tmp_path)
        assert [
            Problem(
                path=str(tmp_path),
                message="no plan file in the community's folder; name it one of plan.toml, plan.json, plan.yaml, plan.yml",
            )
        ] == list(info.value.problems)

    def test_two_plans_are_an_error(self, tmp_path: Path) -> None:
        """A folder with two plan files says which, rather than picking one."""
        (tmp_path / "plan.toml").write_text("", encoding="utf-8")
        (tmp_path / "plan.json").write_text("{}", encoding="utf-8")
        with pytest.raises(PlanError) as info:
            Community.in_folder(tmp_path)
        assert ["more than one plan file: plan.toml, plan.json; keep one"] == [
            p.message for p in info.value.problems
        ]

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            pytest.param(
                lambda p: p.symlink_to(p.parent / "gone.csv"),
                "cannot read the file: No such file or directory @ file",
                id="dangling-link",
            ),
            pytest.param(
                os.mkfifo,
                "cannot read 'activities.csv': it is not a regular file (a FIFO, device or socket is never read) @ file",
                id="fifo",
            ),
            pytest.param(
                lambda p: p.symlink_to("/dev/zero"),
                "cannot read 'activities.csv': it is not a regular file (a FIFO, device or socket is never read) @ file",
                id="dev-zero",
            ),
        ],
    )
    def test_a_ledger_that_is_no_file_is_the_community_s_problem(
        self, folder: Path, tmp_path: Path, make: Callable[[Path], object], message: str
    ) -> None:
        """A ledger name that is a link to nowhere, a FIFO or a device is not skipped (which
        would check the community with no ledger): the community fails with the problem."""
        one = tmp_path / "district" / "c0"
        one.mkdir(parents=True)
        shutil.copy(folder / "c0" / "plan.toml", one / "plan.toml")
        make(one / "activities.csv")
        assert str(one / "activities.csv") == Community.in_folder(one).activities
        (outcome,) = check_many(one.parent, jobs=1)
        assert (True, False, "c0-2022") == (outcome.failed, outcome.ok, outcome.plan)
        assert [message] == [str(p) for p in outcome.problems]


class TestCommunitiesIn:
    def test_subfolders_sorted_leaving_out_hidden_ones(self, tmp_path: Path) -> None:
        """Subfolders come sorted by name; hidden and underscored ones and files are left out."""
        for name in ("b", "a", ".git", "_cache"):
            (tmp_path / name).mkdir()
        (tmp_path / "scheme.toml").write_text("", encoding="utf-8")
        assert ["a", "b"] == [p.name for p in communities_in(tmp_path)]

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            pytest.param(False, "no such folder: No such file or directory", id="missing"),
            pytest.param(
                True,
                "no community folders here: lay the folder out one community per subfolder, each with a plan.toml",
                id="empty",
            ),
        ],
    )
    def test_unusable_folder(self, tmp_path: Path, make: bool, message: str) -> None:
        """A missing folder, or one without subfolders, is a PlanError naming it."""
        target = tmp_path / "district"
        if make:
            target.mkdir()
        with pytest.raises(PlanError) as info:
            communities_in(target)
        assert [Problem(path=str(target), message=message)] == list(info.value.problems)


class TestCheckMany:
    def test_process_pool_gives_what_a_serial_loop_gives(self, folder: Path) -> None:
        """On the default process pool, each community's outcome is what checking it alone
        gives, in the folder's order."""
        assert _serial(folder) == list(check_many(folder, jobs=2))

    @settings(max_examples=10, deadline=None)
    @given(chunk=st.integers(1, 10), workers=st.integers(1, 3), shuffle=st.randoms())
    def test_order_and_results_do_not_depend_on_chunks(
        self, folder: Path, chunk: int, workers: int, shuffle: st.SearchStrategy[int]
    ) -> None:
        """Whatever the chunk size and workers, outcomes come in the order of the inputs."""
        subs = list(communities_in(folder))
        shuffle.shuffle(subs)  # type: ignore[attr-defined]
        expected = {o.community: o for o in _serial(folder)}
        with ThreadPoolExecutor(workers) as pool:
            got = list(check_many(subs, executor=pool, chunk_size=chunk))
        assert [expected[p.name] for p in subs] == got

    def test_an_unreadable_community_does_not_stop_the_batch(self, folder: Path) -> None:
        """The broken plan is an outcome with its problems; the others are checked."""
        outcomes = list(check_many(folder, jobs=1))
        broken = outcomes[-1]
        assert (True, False, None) == (broken.failed, broken.ok, broken.plan)
        assert [
            "not a cadence: 'fortnight'; expected one of year, half_year, quarter, two_months, month, week or 'every 2 months' @ $.requirements[5].per"
        ] == [str(p) for p in broken.problems]
        assert [False] * 7 == [o.failed for o in outcomes[:-1]]

    def test_communities_given_by_paths(self, folder: Path, tmp_path: Path) -> None:
        """A Community named by its paths is read from them; a missing ledger is reported."""
        c0 = Community.in_folder(folder / "c0")
        lost = Community(name="lost", plan=c0.plan, activities=tmp_path / "none.csv")
        with ThreadPoolExecutor(1) as pool:
            first, second = check_many([c0, lost], executor=pool)
        assert _serial(folder)[0] == first
        assert ("lost", "c0-2022", True) == (second.community, second.plan, second.failed)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            pytest.param({"jobs": 0}, "'jobs' must be at least 1 (got 0) @ jobs", id="jobs"),
            pytest.param(
                {"chunk_size": 0},
                "'chunk_size' must be at least 1 (got 0) @ chunk_size",
                id="chunk",
            ),
        ],
    )
    def test_bad_arguments(self, folder: Path, kwargs: dict[str, int], message: str) -> None:
        """Fewer than one worker, or chunks of nothing, are refused before any work."""
        with pytest.raises(PlanError) as info:
            check_many(folder, **kwargs)  # type: ignore[arg-type]
        assert [message] == [str(p) for p in info.value.problems]


def _misbehave(
    monkeypatch: pytest.MonkeyPatch, actions: dict[str, str], marks: Path | None = None
) -> None:
    """Make reading the ledger of each community named in ``actions`` go wrong (see
    ``tests/misbehave``), here and in the batch's workers, which are spawned afresh so
    that each reads the hook (the fork server may have started before this test)."""
    from commhealth.batch import _run

    from .misbehave import sitecustomize

    config = {"actions": actions, "marks": None if marks is None else str(marks)}
    hook = str(Path(sitecustomize.__file__).parent)
    monkeypatch.setenv(sitecustomize.ENV, json.dumps(config))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([hook, os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setattr(_run, "_context", lambda: multiprocessing.get_context("spawn"))
    import commhealth.loading

    monkeypatch.setattr(commhealth.loading, "load_activities", commhealth.loading.load_activities)
    sitecustomize.install(actions, config["marks"])


class TestIsolation:
    def test_an_exception_of_any_kind_is_the_community_s_outcome(
        self, folder: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An error that is not the library's is that community's outcome, on the batch's
        own pool and on a thread pool; every other community is as checked alone."""
        _misbehave(monkeypatch, {"c3": "raise"})
        expected = _serial(folder)
        failed = Outcome.of_failure(
            "c3",
            "exception",
            "NotImplementedError: That compression method is not supported",
            "c3-2022",
        )
        expected[3] = failed
        assert expected == list(check_many(folder, jobs=2))
        with ThreadPoolExecutor(2) as pool:
            assert expected == list(check_many(folder, executor=pool, chunk_size=3))
        assert (True, False, "exception") == (failed.failed, failed.ok, failed.failure)
        assert (
            "the check broke off with an error that is not about the input: "
            "NotImplementedError: That compression method is not supported"
        ) == failed.error

    def test_a_community_that_kills_its_worker_twice_is_reported(
        self, folder: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A worker that dies is replaced; the communities being checked are tried again
        each on its own, and one that dies twice so is reported; the batch finishes with
        every other one."""
        _misbehave(monkeypatch, {"c2": "die", "c5": "die"})
        expected = _serial(folder)
        for i in (2, 5):
            expected[i] = Outcome.of_failure(f"c{i}", "worker_died", "2")
        assert expected == list(check_many(folder, jobs=2, chunk_size=2))

    def test_a_worker_that_dies_once_costs_nothing(
        self, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A community whose worker died once, and not when tried again, is checked."""
        _misbehave(monkeypatch, {"c1": "die once", "c6": "die once"}, marks=tmp_path)
        assert _serial(folder) == list(check_many(folder, jobs=2))
        assert ["c1", "c6"] == sorted(p.name for p in tmp_path.iterdir())

    def test_a_community_past_its_time_out_is_stopped(
        self, folder: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With a time-out, a community that hangs is stopped and reported as timed out;
        the others, the one in the same chunk among them, are checked."""
        _misbehave(monkeypatch, {"c4": "hang"})
        expected = _serial(folder)
        expected[4] = Outcome.of_failure("c4", "timed_out", "1.5")
        began = time.monotonic()
        assert expected == list(check_many(folder, jobs=2, chunk_size=4, timeout=1.5))
        assert time.monotonic() - began < 60  # not the two minutes it hangs for
        assert "not checked within the time-out of 1.5 s; its process was stopped" == (
            expected[4].error
        )

    def test_a_broken_pool_of_the_caller_s_is_reported(
        self, folder: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """On the caller's own process pool, which the batch cannot start again, the
        communities it could not check are reported and the batch finishes."""
        _misbehave(monkeypatch, {"c5": "die"})
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            outcomes = list(check_many(folder, executor=pool, chunk_size=4))
        assert _serial(folder)[:4] == outcomes[:4]
        assert [Outcome.of_failure(f"c{i}", "worker_died", "1") for i in range(4, 8)] == outcomes[
            4:
        ]

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            pytest.param(
                {"timeout": 0.0},
                "'timeout' must be a number of seconds above 0 (got 0.0) @ timeout",
                id="zero",
            ),
            pytest.param(
                {"timeout": 5.0, "executor": ThreadPoolExecutor(1)},
                "'timeout' works only on the process pool check_many starts itself, which can "
                "stop a worker; leave out 'executor' (and give 'jobs') to use it @ timeout",
                id="executor",
            ),
        ],
    )
    def test_a_time_out_it_cannot_keep(
        self, folder: Path, kwargs: dict[str, object], message: str
    ) -> None:
        """A time-out of nothing, or on an executor the batch cannot stop, is refused."""
        with pytest.raises(PlanError) as info:
            check_many(folder, **kwargs)  # type: ignore[arg-type]
        assert [message] == [str(p) for p in info.value.problems]


class TestEvaluateMany:
    def test_scores_are_what_evaluate_gives(self, folder: Path) -> None:
        """Each community's score and grade are those of evaluate() with its score sheet."""
        scheme_path = folder / "scheme.toml"
        with ThreadPoolExecutor(2) as pool:
            outcomes = list(evaluate_many(folder, scheme=scheme_path, executor=pool))
        scheme = load_scheme(scheme_path)
        for o in outcomes[:-1]:
            c = Community.in_folder(folder / o.community)
            a = evaluate(
                load_plan(c.plan),
                load_activities(c.activities or ""),
                load_observations(c.observations or ""),
                scheme=scheme,
                scores=load_scores(c.scores or ""),
            )
            assert (a.total, a.maximum, a.grade, a.passed) == (o.score, o.maximum, o.grade, o.ok)
        assert outcomes[-1].failed

    def test_an_unknown_scheme_stops_the_batch_first(self, folder: Path) -> None:
        """A scheme that is neither a file nor shipped is an error before any work."""
        with pytest.raises(UnknownSchemeError):
            evaluate_many(folder, scheme="no-such-scheme")


class TestDask:
    def test_a_local_cluster_gives_what_a_serial_loop_gives(self, folder: Path) -> None:
        """The same call on a Dask LocalCluster's executor gives the same outcomes."""
        distributed = pytest.importorskip(
            "distributed", reason="dask.distributed is not installed (the dask extra)"
        )
        with (
            distributed.LocalCluster(
                n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            got = list(check_many(folder, executor=client.get_executor(), chunk_size=3))
        assert _serial(folder) == got


class TestDocs:
    def test_the_page_s_examples_run(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """docs/batch.md's Python examples run beside a folder called district/, the
        LocalCluster recipe with its workers as threads; the real scheduler's is left out."""
        pytest.importorskip(
            "distributed", reason="dask.distributed is not installed (the dask extra)"
        )
        text = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
        examples = re.findall(r"```python\n(.*?)```", text, flags=re.S)
        monkeypatch.chdir(folder.parent)
        ran = []
        scope: dict[str, object] = {}  # one scope, as the page reads top to bottom
        for example in examples:
            if "tcp://" in example:
                continue
            code = example.replace(
                "threads_per_worker=1)",
                "threads_per_worker=1, processes=False, dashboard_address=None)",
            )
            exec(compile(code, "docs/batch.md", "exec"), scope)  # the page's own code
            ran.append(scope.get("outcomes"))
        assert 3 == len(ran)

        def figures(outcomes: object) -> list[tuple[object, ...]]:
            """All but the error's message, which names the file by a relative path here."""
            return [
                (o.community, o.ok, o.met, o.missed, o.failing, o.problems)
                for o in outcomes  # type: ignore[attr-defined]
            ]

        assert figures(_serial(folder)) == figures(ran[0]) == figures(ran[2])
        assert (folder.parent / "summary.xlsx").is_file()


def _outcomes() -> list[Outcome]:
    return [
        Outcome(community="龙苑", plan="longyuan-2022", ok=False, requirements=9, met=6, missed=3, failing=4, score=70.8333, maximum=100.0, grade="合格"),
        Outcome(community="qingxiu", plan="qingxiu-2022", ok=True, requirements=12, met=12, score=95.0, maximum=100.0, grade="优秀"),
        Outcome.of_error("broken", PlanError([Problem(path="$.span", message="missing")], source="plan.toml")),
    ]  # fmt: skip


class TestSummary:
    def test_text_in_chinese(self) -> None:
        """The table aligns Chinese names by their width and puts the error under its row."""
        assert (
            "社区     计划           要求  达标  未达标  未达标项次  得分  等级  结果\n"
            "龙苑     longyuan-2022     9     6       3           4  70.8  合格  未通过\n"
            "qingxiu  qingxiu-2022     12    12       0           0    95  优秀  通过\n"
            "broken   —                 —     —       —           —     —  —     无法读取\n"
            "    plan.toml: 1 problem:\n"
            "      - missing @ $.span\n"
            "\n"
            "共3个社区，2个未通过，其中1个无法读取\n"
        ) == summary_text(_outcomes(), "zh")

    def test_text_in_english_without_scores(self) -> None:
        """A check leaves out the score and grade columns."""
        checked = [Outcome(community="a", plan="a-2022", ok=True, requirements=1, met=1)]
        assert (
            "community  plan    requirements  met  missed  failing  result\n"
            "a          a-2022             1    1       0        0  ok\n"
            "\n"
            "1 community, all ok\n"
        ) == summary_text(checked, "en")

    def test_failures_in_each_language(self) -> None:
        """A check that broke off says how under its row, in the table's language, with
        its own result word; JSON keeps the kind as "failure"."""
        broke = [
            Outcome.of_exception(
                "甲", NotImplementedError("That compression method is not supported")
            ),
            Outcome.of_failure("乙", "worker_died", "2"),
            Outcome.of_failure("丙", "timed_out", "30"),
        ]
        assert (
            "社区  计划  要求  达标  未达标  未达标项次  结果\n"
            "甲    —        —     —       —           —  出错\n"
            "    检查中途出错，不是输入文件的问题：NotImplementedError: That compression method is not supported\n"
            "乙    —        —     —       —           —  进程退出\n"
            "    检查它的进程意外退出（内存不足或被终止），重试后仍然如此，不再重试\n"
            "丙    —        —     —       —           —  超时\n"
            "    30秒内未检查完，已停止\n"
            "\n"
            "共3个社区，3个未通过，其中3个无法读取\n"
        ) == summary_text(broke, "zh")
        assert [
            "the check broke off with an error that is not about the input: NotImplementedError: That compression method is not supported",
            "the process checking it died (out of memory, or killed); it did again when tried on its own, and was not tried more",
            "not checked within the time-out of 30 s; its process was stopped",
        ] == [line.strip() for line in summary_text(broke, "en").splitlines()[2:7:2]]
        assert ["exception", "worker_died", "timed_out"] == [o.to_dict()["failure"] for o in broke]

    def test_csv_and_json(self, tmp_path: Path) -> None:
        """CSV rows are keyed in English; JSON keeps each community's problems."""
        write_summary(tmp_path / "s.csv", _outcomes(), "en")
        with (tmp_path / "s.csv").open(encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        assert ["not ok", "ok", "unreadable"] == [r["result"] for r in rows]
        assert ("9", "3", "70.8333") == (
            rows[0]["requirements"],
            rows[0]["missed"],
            rows[0]["score"],
        )
        write_summary(tmp_path / "s.json", _outcomes())
        data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
        assert [{"path": "$.span", "message": "missing", "line": None}] == data[2]["problems"]
        assert _outcomes()[0].to_dict() == data[0]

    def test_xlsx_reads_back(self, tmp_path: Path) -> None:
        """The workbook has the language's headers, a frozen header row and the rows."""
        openpyxl = pytest.importorskip(
            "openpyxl", reason="openpyxl is not installed (the excel extra)"
        )
        write_summary(tmp_path / "s.xlsx", _outcomes(), "zh")
        sheet = openpyxl.load_workbook(tmp_path / "s.xlsx").active
        rows = list(sheet.iter_rows(values_only=True))
        assert (
            "社区",
            "计划",
            "要求",
            "达标",
            "未达标",
            "未达标项次",
            "得分",
            "等级",
            "结果",
        ) == rows[0]
        assert ("龙苑", "longyuan-2022", 9, 6, 3, 4, 70.8333, "合格", "未通过") == rows[1]
        assert ("broken", None, None, None, None, None, None, None, "无法读取") == rows[3]
        assert "A2" == sheet.freeze_panes

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """A summary file must be .csv, .json or .xlsx."""
        with pytest.raises(PlanError) as info:
            write_summary(tmp_path / "s.txt", _outcomes())
        assert ["cannot write a summary as '.txt'; use one of .csv, .json, .xlsx"] == [
            p.message for p in info.value.problems
        ]
