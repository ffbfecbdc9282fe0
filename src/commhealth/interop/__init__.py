"""Into the systems people already use: DHIS2, FHIR, Excel and phone calendars.

- :func:`to_dhis2` turns a report into DHIS2 data values: ``.to_data_value_set()`` is the
  ``dataValueSets`` JSON payload, ``.to_adx()`` the same as ADX XML; a
  :class:`Dhis2Mapping` (or a mapping file, :func:`load_dhis2_mapping`) says which data
  element, organisation unit and category option combo each id is.
- :func:`to_measure_report` and :func:`to_plan_definition` give FHIR R4 resources as JSON.
- :func:`write_workbook` and :func:`write_assessment_workbook` write Excel workbooks (the
  ``excel`` extra).
- :func:`to_ics` writes a plan's recurrences and deadlines and a schedule as iCalendar (the
  ``ical`` extra).

>>> from commhealth import check, examples
>>> from commhealth.interop import dhis2_period, to_dhis2
>>> from commhealth import Window
>>> import datetime as dt
>>> dhis2_period(Window(start=dt.date(2022, 7, 1), end=dt.date(2022, 8, 1)))
'202207'
>>> example = examples.load("longyuan")
>>> export = to_dhis2(check(example.plan, example.activities, example.observations),
...                   org_unit=example.plan.organisation.id)
>>> export.to_data_value_set()["dataValues"][0]["period"]
'2022'
"""

from ._dhis2 import (
    Dhis2Export,
    Dhis2Mapping,
    adx_period,
    dhis2_period,
    load_dhis2_mapping,
    to_dhis2,
)
from ._excel import write_assessment_workbook, write_workbook
from ._fhir import to_measure_report, to_plan_definition
from ._ical import to_ics

__all__ = [
    "Dhis2Export",
    "Dhis2Mapping",
    "Dhis2Value",
    "adx_period",
    "dhis2_period",
    "load_dhis2_mapping",
    "to_dhis2",
    "to_ics",
    "to_measure_report",
    "to_plan_definition",
    "write_assessment_workbook",
    "write_workbook",
]
