"""The report: verdict, summary, filters, JSON contract, text and HTML."""

from __future__ import annotations

import json

import pytest

from commhealth import (
    Bound,
    Cadence,
    ForEach,
    Quota,
    Report,
    Selector,
    Severity,
    Status,
    Window,
    check,
)

from .helpers import D, act, make_plan, monthly

INSPECTION = Quota(
    id="insp",
    title="每月绿化卫生检查",
    select=Selector(kind="inspection"),
    bound=Bound(min=1),
    per=Cadence.MONTH,
)


@pytest.fixture
def report() -> Report:
    return check(make_plan(INSPECTION), monthly("inspection", skip=(7,)))


class TestVerdict:
    def test_warning_does_not_fail(self) -> None:
        """A missed warning-severity requirement leaves the report ok."""
        q = Quota(id="q", bound=Bound(min=1), severity=Severity.WARNING)
        r = check(make_plan(q), [])
        assert (Status.MISSED, True) == (r.findings[0].status, r.ok)

    def test_summary_lists_every_status(self, report: Report) -> None:
        """summary() counts every status, zeros included."""
        assert {
            "met": 11,
            "missed": 1,
            "exceeded": 0,
            "on_track": 0,
            "at_risk": 0,
            "not_due": 0,
            "no_data": 0,
        } == report.summary()


class TestFilters:
    def test_filters(self, report: Report) -> None:
        """Findings can be picked by requirement, status, window and failure."""
        assert 12 == len(report.for_requirement("insp"))
        assert 0 == len(report.for_requirement("other"))
        assert 1 == len(report.with_status("missed"))
        assert 1 == len(report.failing())
        assert 1 == len(report.in_window(D(2022, 7, 15)))
        assert 3 == len(report.in_window(Window.quarter(2022, 3)))
        assert ("insp",) == report.requirements()


class TestJson:
    def test_contract(self, report: Report) -> None:
        """to_dict() has exactly the public JSON contract's keys and values."""
        data = report.to_dict()
        assert ["plan", "as_of", "ok", "findings"] == list(data)
        assert ("p", None, False) == (data["plan"], data["as_of"], data["ok"])
        july = data["findings"][6]
        assert {
            "requirement": "insp",
            "status": "missed",
            "window": {"start": "2022-07-01", "end": "2022-08-01"},
            "key": None,
            "expected": {"min": 1, "measure": "count"},
            "actual": 0,
            "message": "每月绿化卫生检查（至少1次）：2022年7月 0次，缺1次",
        } == july
        json.dumps(data)

    def test_detail_and_language(self, report: Report) -> None:
        """detail=True adds severity, activities and a summary; lang picks the messages' language."""
        data = report.to_dict("en", detail=True)
        assert data["summary"]["missed"] == 1
        first = data["findings"][0]
        assert (["inspection-1"], "error") == (first["activities"], first["severity"])
        assert first["message"].startswith("每月绿化卫生检查 (at least 1): January 2022 had 1")


class TestText:
    def test_chinese(self, report: Report) -> None:
        """The Chinese text names the plan, the verdict and what is missing."""
        assert (
            "测试计划 (p) — 计划审查\n"
            "结果：未通过（1项要求未达标）\n"
            "\n"
            "✗ 每月绿化卫生检查（至少1次）：2022年7月 0次，缺1次\n"
            "  （另有11个时段达标）\n"
            "\n"
            "合计：达标 11，未达标 1\n"
        ) == report.to_text()

    def test_english(self, report: Report) -> None:
        """The English text reads the same in English."""
        assert (
            "测试计划 (p) — plan review\n"
            "Result: not ok (1 requirement failing)\n"
            "\n"
            "✗ 每月绿化卫生检查 (at least 1): July 2022 had 0, 1 short\n"
            "  (and 11 met)\n"
            "\n"
            "Total: met 11, missed 1\n"
        ) == report.to_text("en")

    def test_failing_only_has_no_empty_count_line(self) -> None:
        """A requirement failing in every window lists them with no empty '(and )' line."""
        q = Quota(id="q", bound=Bound(min=1), per=Cadence.QUARTER)
        assert (
            "测试计划 (p) — plan review\n"
            "Result: not ok (1 requirement failing)\n"
            "\n"
            "✗ q (at least 1): Q1 2022 had 0, 1 short\n"
            "✗ q (at least 1): Q2 2022 had 0, 1 short\n"
            "✗ q (at least 1): Q3 2022 had 0, 1 short\n"
            "✗ q (at least 1): Q4 2022 had 0, 1 short\n"
            "\n"
            "Total: missed 4\n"
        ) == check(make_plan(q), []).to_text("en")

    def test_all_met_collapses(self) -> None:
        """A requirement met in every window is one line."""
        r = check(make_plan(INSPECTION), monthly("inspection"))
        assert "✓ 每月绿化卫生检查：全部12个时段达标" in r.to_text()
        assert "✓ 每月绿化卫生检查: all 12 windows met" in r.to_text("en")

    def test_for_each_values_are_counted_as_items(self) -> None:
        """A for-each requirement met for every value says so in items, not windows."""
        q = Quota(
            id="areas",
            title="安全领域",
            bound=Bound(min=1),
            for_each=ForEach(field="topics", values=("交通", "居家")),
        )
        r = check(make_plan(q), [act("a", D(2022, 1, 1), topics={"交通", "居家"})])
        assert "✓ 安全领域：全部2项达标" in r.to_text()
        assert "✓ 安全领域: all 2 met" in r.to_text("en")

    def test_observance_dates_have_a_heading(self) -> None:
        """Activities marking observances are grouped under their own heading."""
        acts = [
            act("a", D(2022, 3, 24), observance="世界防治结核病日"),
            act("b", D(2022, 6, 5), observance="世界环境日"),
        ]
        assert "✓ 活动与宣传日日期：全部2项达标" in check(make_plan(), acts).to_text()

    def test_progress_heading(self) -> None:
        """A progress check's heading names the day."""
        r = check(make_plan(INSPECTION), [], as_of=D(2022, 6, 30))
        assert r.to_text().startswith("测试计划 (p) — 截至2022年6月30日的进度\n")
        assert r.to_text("en").startswith("测试计划 (p) — progress as of 30 June 2022\n")


class TestTables:
    def test_records(self, report: Report) -> None:
        """to_records gives one flat row per finding, for any table tool."""
        row = report.to_records("en")[6]
        assert {
            "plan": "p",
            "requirement": "insp",
            "title": "每月绿化卫生检查",
            "status": "missed",
            "severity": "error",
            "start": D(2022, 7, 1),
            "end": D(2022, 8, 1),
            "key": None,
            "actual": 0,
            "planned": None,
            "source": None,
            "message": "每月绿化卫生检查 (at least 1): July 2022 had 0, 1 short",
        } == row

    def test_dataframe(self, report: Report) -> None:
        """to_dataframe gives a pandas table whose status sorts failing findings together."""
        frame = report.to_dataframe()
        assert (12, "missed") == (
            len(frame),
            frame.sort_values("status", ascending=False).iloc[0]["status"],
        )
        assert ["met", "missed"] == sorted(set(frame["status"].astype(str)))


class TestHtml:
    def test_every_finding_in_a_table(self, report: Report) -> None:
        """The notebook view keeps one row per finding, under its requirement's details."""
        html = report._repr_html_()
        assert 12 == html.count("<tr><td")
        assert "background:#d9534f" in html
        assert "每月绿化卫生检查（至少1次）：2022年7月 0次，缺1次" in html
