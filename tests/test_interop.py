"""Into the systems people already use: DHIS2, FHIR, Excel and iCalendar, each checked
against its own format's rules."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from commhealth import PlanError, Report, Window, check, examples
from commhealth.interop import (
    Dhis2Mapping,
    adx_period,
    dhis2_period,
    load_dhis2_mapping,
    to_dhis2,
    to_ics,
    to_measure_report,
    to_plan_definition,
    write_workbook,
)

from .test_cli import run


@pytest.fixture(scope="module")
def street() -> examples.Example:
    return examples.load("street")


@pytest.fixture(scope="module")
def report(street: examples.Example) -> Report:
    return check(street.plan, street.activities, street.observations)


def _w(start: dt.date, end: dt.date) -> Window:
    return Window(start=start, end=end)


class TestDhis2Periods:
    @pytest.mark.parametrize(
        ("start", "end", "period", "adx"),
        [
            (dt.date(2022, 1, 1), dt.date(2023, 1, 1), "2022", "2022-01-01/P1Y"),
            (dt.date(2022, 7, 1), dt.date(2023, 1, 1), "2022S2", "2022-07-01/P6M"),
            (dt.date(2022, 7, 1), dt.date(2022, 10, 1), "2022Q3", "2022-07-01/P3M"),
            (dt.date(2022, 1, 1), dt.date(2022, 3, 1), "202201B", "2022-01-01/P2M"),
            (dt.date(2022, 7, 1), dt.date(2022, 8, 1), "202207", "2022-07-01/P1M"),
            (dt.date(2022, 7, 4), dt.date(2022, 7, 11), "2022W27", "2022-07-04/P7D"),
            (dt.date(2022, 7, 15), dt.date(2022, 7, 16), "20220715", "2022-07-15/P1D"),
        ],
    )
    def test_each_kind(self, start: dt.date, end: dt.date, period: str, adx: str) -> None:
        assert (period, adx) == (dhis2_period(_w(start, end)), adx_period(_w(start, end)))

    @pytest.mark.parametrize(
        ("start", "end"),
        [
            (dt.date(2022, 7, 10), dt.date(2022, 9, 1)),  # 暑假
            (dt.date(2022, 2, 1), dt.date(2022, 4, 1)),  # two months from an even month
            (dt.date(2022, 2, 1), dt.date(2022, 5, 1)),  # a quarter that is not DHIS2's
            (dt.date(2022, 7, 5), dt.date(2022, 7, 12)),  # a week from a Tuesday
        ],
    )
    def test_windows_that_are_no_period(self, start: dt.date, end: dt.date) -> None:
        assert (None, None) == (dhis2_period(_w(start, end)), adx_period(_w(start, end)))


#: The dataValueSets payload as DHIS2's documentation describes it: every value a string,
#: each data value naming its data element, period and organisation unit.
DATA_VALUE_SET = {
    "type": "object",
    "properties": {
        "dataSet": {"type": "string"},
        "completeDate": {"type": "string", "format": "date"},
        "attributeOptionCombo": {"type": "string"},
        "dataValues": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "dataElement": {"type": "string", "minLength": 1},
                    "period": {
                        "type": "string",
                        "pattern": r"^(\d{4}|\d{4}S[12]|\d{4}Q[1-4]|\d{4}(0[13579]|1[1])B"
                        r"|\d{4}(0[1-9]|1[0-2])|\d{4}W([1-9]|[1-4]\d|5[0-3])|\d{8})$",
                    },
                    "orgUnit": {"type": "string", "minLength": 1},
                    "categoryOptionCombo": {"type": "string"},
                    "attributeOptionCombo": {"type": "string"},
                    "value": {"type": "string"},
                    "comment": {"type": "string"},
                },
                "required": ["dataElement", "period", "orgUnit", "value"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["dataValues"],
    "additionalProperties": False,
}


class TestDhis2:
    def test_payload_follows_the_documented_shape(
        self, report: Report, street: examples.Example
    ) -> None:
        jsonschema = pytest.importorskip("jsonschema")
        export = to_dhis2(report, org_unit=street.plan.organisation.id)
        jsonschema.validate(export.to_data_value_set(), DATA_VALUE_SET)
        values = export.to_data_value_set()["dataValues"]
        assert len(values) + len(export.skipped) == len(report.findings)

    def test_values_and_what_is_left_out(self, report: Report, street: examples.Example) -> None:
        """A for-each key becomes its category option combo; a figure its value; the
        tolerance windows of the correspondents' meeting are no DHIS2 period, and say so."""
        mapping = Dhis2Mapping(
            org_unit="DiszpKrYNg8",
            data_set="he-2022",
            data_elements={"community-inspections": "fbfJHSPpUQD"},
            category_option_combos={"xinhua": "cocXinhua01"},
        )
        export = to_dhis2(report, mapping, org_unit=street.plan.organisation.id)
        payload = export.to_data_value_set()
        assert "he-2022" == payload["dataSet"]
        [xinhua] = [
            v
            for v in payload["dataValues"]
            if v.get("categoryOptionCombo") == "cocXinhua01" and v["dataElement"] == "fbfJHSPpUQD"
        ]
        assert {
            "dataElement": "fbfJHSPpUQD",
            "period": "2022",
            "orgUnit": "DiszpKrYNg8",
            "categoryOptionCombo": "cocXinhua01",
            "value": "1",
            "comment": "missed",
        } == xinhua
        assert ("correspondents-meeting", "window 2022-01-08..2022-01-12 is no DHIS2 period") in (
            export.skipped
        )

    def test_adx(self, report: Report, street: examples.Example) -> None:
        """ADX: one group per period, in the ADX namespace, each period a start and a
        duration; keys under the mapping's category."""
        export = to_dhis2(report, Dhis2Mapping(adx_category="COMMUNITY"), org_unit="street")
        root = ET.fromstring(export.to_adx())
        ns = {"adx": "urn:ihe:qrph:adx:2015"}
        assert "{urn:ihe:qrph:adx:2015}adx" == root.tag
        groups = root.findall("adx:group", ns)
        assert groups
        assert all(
            re.fullmatch(r"\d{4}-\d{2}-\d{2}/P\d+[DMY]", g.get("period", "")) for g in groups
        )
        values = root.findall("adx:group/adx:dataValue", ns)
        assert len(values) == len(export.values)
        assert {"longyuan", "xinhua", "dongfeng", "nanyuan"} <= {
            v.get("COMMUNITY") for v in values if v.get("COMMUNITY")
        }

    def test_mapping_file(self, tmp_path: Path) -> None:
        path = tmp_path / "dhis2.toml"
        path.write_text(
            'org_unit = "DiszpKrYNg8"\n[data_elements]\nmonday-study = "abc"\n', encoding="utf-8"
        )
        assert "abc" == load_dhis2_mapping(path).data_elements["monday-study"]
        path.write_text('org_unit = 3\nunknown = "x"\n', encoding="utf-8")
        with pytest.raises(PlanError) as e:
            load_dhis2_mapping(path)
        assert {"$.org_unit", "$.unknown"} <= {p.path for p in e.value.problems}


class TestFhir:
    def test_measure_report_validates(self, report: Report) -> None:
        """One group per requirement, the windows its population and those met its
        numerator; a valid R4 MeasureReport by fhir.resources' models."""
        models = pytest.importorskip("fhir.resources.R4B.measurereport")
        data = to_measure_report(report, today=dt.date(2023, 1, 5))
        models.MeasureReport.model_validate(data)
        assert len(report.requirements()) == len(data["group"])
        [monday] = [g for g in data["group"] if g["code"]["coding"][0]["code"] == "monday-study"]
        counts = {p["code"]["coding"][0]["code"]: p["count"] for p in monday["population"]}
        assert {"initial-population": 51, "numerator": 50} == counts
        assert 51 == len(monday["stratifier"][0]["stratum"])

    def test_plan_definition_validates(self, street: examples.Example) -> None:
        models = pytest.importorskip("fhir.resources.R4B.plandefinition")
        data = to_plan_definition(street.plan)
        models.PlanDefinition.model_validate(data)
        goals = {g["id"]: g for g in data["goal"]}
        assert {"comparator": ">=", "value": 80, "unit": "%"} == goals["knowledge-awareness"][
            "target"
        ][0]["detailQuantity"]
        assert "RRULE:FREQ=WEEKLY;BYDAY=MO" == data["action"][0]["description"]


class TestExcel:
    def test_workbook_reads_back(self, report: Report, tmp_path: Path) -> None:
        """The findings, one row each, with their status colours, real dates and a frozen
        header; a summary sheet with the counts."""
        openpyxl = pytest.importorskip("openpyxl")
        path = write_workbook(report, tmp_path / "report.xlsx")
        book = openpyxl.load_workbook(path)
        assert ["汇总", "检查结果"] == book.sheetnames
        sheet = book["检查结果"]
        assert "A2" == sheet.freeze_panes
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert len(report.findings) == len(rows)
        missed = [r for r in sheet.iter_rows(min_row=2) if str(r[1].value).endswith("未达标")]
        assert missed
        assert all(r[1].fill.start_color.rgb.endswith("D9534F") for r in missed)
        assert isinstance(rows[0][2], dt.datetime)
        counts = {r[0]: r[1] for r in book["汇总"].iter_rows(min_row=2, values_only=True)}
        assert 138 == counts["达标"]
        assert sheet.column_dimensions["F"].width > 30


class TestICalendar:
    def test_round_trip(self, street: examples.Example) -> None:
        """Recurrences keep their RRULE, ending with the plan; deadlines are all-day events
        on their due day; activities keep their dates and status."""
        icalendar = pytest.importorskip("icalendar")
        cal = icalendar.Calendar.from_ical(to_ics(street.plan, street.activities))
        events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
        monday = events["street-office-2022.monday-study@commhealth"]
        assert dt.date(2022, 1, 3) == monday["dtstart"].dt
        rule = monday["rrule"]
        assert (["WEEKLY"], ["MO"], [dt.date(2022, 12, 31)]) == (
            rule["FREQ"],
            rule["BYDAY"],
            rule["UNTIL"],
        )
        article = events["street-office-2022.research-article@commhealth"]
        assert dt.date(2022, 12, 31) == article["dtstart"].dt
        assert 2 + 3 + len(street.activities) == len(events)
        status = {"done": "CONFIRMED", "planned": "TENTATIVE", "cancelled": "CANCELLED"}
        for a in street.activities:
            event = events[f"street-office-2022.activity.{a.id}@commhealth"]
            assert (a.date, status[a.status.value]) == (event["dtstart"].dt, str(event["status"]))


class TestCommandLine:
    def test_formats(self) -> None:
        code, out, err = run("check", "--example", "street", "--format", "dhis2")
        assert (1, True) == (code, "dataValues" in json.loads(out))
        assert "is no DHIS2 period; left out" in err
        code, out, _ = run("check", "--example", "street", "--format", "fhir")
        assert "MeasureReport" == json.loads(out)["resourceType"]
        code, out, _ = run("check", "--example", "street", "--format", "adx")
        assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')

    def test_out(self, tmp_path: Path) -> None:
        for name in ("r.xlsx", "r.ics", "r.html", "r.svg", "r.json"):
            code, out, err = run("check", "--example", "longyuan", "--out", str(tmp_path / name))
            assert (1, "", f"commhealth: wrote {tmp_path / name}\n") == (code, out, err)
            assert (tmp_path / name).stat().st_size > 100
        code, _, err = run("check", "--example", "longyuan", "--out", str(tmp_path / "r.pdf"))
        assert 2 == code
        assert "cannot write .pdf" in err


class TestAssessmentWorkbook:
    def test_ranking_and_each_community(self, tmp_path: Path) -> None:
        """'evaluate --out' writes the ranking, then each community's criteria."""
        openpyxl = pytest.importorskip("openpyxl")
        path = tmp_path / "rank.xlsx"
        code, _, err = run("evaluate", "--example", "street", "--out", str(path))
        assert (1, f"commhealth: wrote {path}\n") == (code, err)
        book = openpyxl.load_workbook(path)
        assert ["排名", "龙苑社区", "新华社区", "东风社区", "南苑社区"] == book.sheetnames
        first = next(iter(book["排名"].iter_rows(min_row=2, values_only=True)))
        assert (1, "龙苑社区", 101, 100, "优秀") == first[:5]
        rows = list(book["新华社区"].iter_rows(min_row=2, values_only=True))
        assert ("4.1", 10) == (rows[8][0], rows[8][3])
