"""A report as DHIS2 aggregate data: a ``dataValueSets`` JSON payload and ADX XML.

Each finding becomes one data value: its requirement's data element, its window's DHIS2
period, the plan's organisation unit and, for a *for each* key, the key's category option
combo. The value is the finding's figure (a count, a rate), or 1 or 0 for a recurrence's
occurrence or a milestone held or not; the comment says the status. A window with no DHIS2
period (a named window such as 暑假, a span that is not a calendar period) is left out and
listed in ``skipped``, never moved to a period it is not.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from dateutil.relativedelta import relativedelta

from .._neutral import xml_attr as quoteattr
from .._neutral import xml_name_problem
from .._periods import Window
from .._status import Status
from ..errors import FieldError, PlanError, Problem

if TYPE_CHECKING:
    from .._report import Finding, Report

__all__ = [
    "Dhis2Export",
    "Dhis2Mapping",
    "Dhis2Value",
    "adx_period",
    "dhis2_period",
    "load_dhis2_mapping",
]


def _adx_category(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    problem = xml_name_problem(value, reserved=("dataElement", "value"))
    if problem is not None:
        raise FieldError(attribute.name, f"{attribute.name!r}: {problem}")


@attrs.frozen(kw_only=True)
class Dhis2Mapping:
    """How a plan's ids are known in a DHIS2 instance.

    Attributes:
        org_unit: The organisation unit of the plan's organisation (its id when not given).
        data_set: The data set the values belong to, if any.
        data_elements: Each requirement's data element (the requirement's id when not
            given: import with ``dataElementIdScheme=CODE`` then).
        category_option_combos: Each *for each* key's category option combo.
        attribute_option_combo: The attribute option combo of every value, if any.
        adx_category: The category code an ADX data value names its key under: an
            attribute's name, so an XML name without a colon, and neither ``dataElement``
            nor ``value`` (the attributes a data value has already).
    """

    org_unit: str | None = None
    data_set: str | None = None
    data_elements: Mapping[str, str] = attrs.field(factory=dict, converter=dict)
    category_option_combos: Mapping[str, str] = attrs.field(factory=dict, converter=dict)
    attribute_option_combo: str | None = None
    adx_category: str = attrs.field(default="key", validator=_adx_category)


def load_dhis2_mapping(path: str | Path) -> Dhis2Mapping:
    """Read a mapping file (TOML: ``org_unit``, ``data_set``, ``[data_elements]``,
    ``[category_option_combos]``, ``attribute_option_combo``, ``adx_category``).

    Raises:
        PlanError: The file cannot be read, or a key is unknown or not text; every problem
            with its path.
    """
    import tomllib  # noqa: PLC0415

    from ..loading.plans._converter import structure  # noqa: PLC0415

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise PlanError(
            [Problem(path="file", message=f"cannot read the mapping: {e}")], source=str(path)
        ) from None
    return structure(data, Dhis2Mapping, source=str(path))


def _months(w: Window) -> int | None:
    """How many whole months ``w`` spans from the first of a month, or ``None``."""
    if w.start.day != 1:
        return None
    for n in (1, 2, 3, 6, 12):
        if w.start + relativedelta(months=n) == w.end:
            return n
    return None


def dhis2_period(w: Window) -> str | None:
    """The DHIS2 period id of a window — ``2022``, ``2022S1``, ``2022Q3``, ``202201B``,
    ``202207``, ``2022W27``, ``20220715`` — or ``None`` when it is none of DHIS2's."""
    days = (w.end - w.start).days
    if days == 1:
        return w.start.strftime("%Y%m%d")
    if days == 7 and w.start.isoweekday() == 1:
        year, week, _ = w.start.isocalendar()
        return f"{year}W{week}"
    months = _months(w)
    y, m = w.start.year, w.start.month
    if months == 12 and m == 1:
        return str(y)
    if months == 6 and m in (1, 7):
        return f"{y}S{1 if m == 1 else 2}"
    if months == 3 and m in (1, 4, 7, 10):
        return f"{y}Q{(m - 1) // 3 + 1}"
    if months == 2 and m % 2 == 1:
        return f"{y}{m:02d}B"
    if months == 1:
        return f"{y}{m:02d}"
    return None


_ADX_DURATIONS = {1: "P1M", 2: "P2M", 3: "P3M", 6: "P6M", 12: "P1Y"}


def adx_period(w: Window) -> str | None:
    """The ADX period of a window — its first day and an ISO 8601 duration
    (``2022-07-01/P1M``) — for the same windows :func:`dhis2_period` knows."""
    if dhis2_period(w) is None:
        return None
    days = (w.end - w.start).days
    if days in (1, 7):
        return f"{w.start.isoformat()}/P{days}D"
    months = _months(w)
    assert months is not None
    return f"{w.start.isoformat()}/{_ADX_DURATIONS[months]}"


def _value(f: Finding) -> str:
    actual = f.actual
    if isinstance(actual, int | float) and not isinstance(actual, bool):
        return f"{actual:g}" if isinstance(actual, float) else str(actual)
    return "1" if f.status is Status.MET else "0"


@attrs.frozen(kw_only=True)
class Dhis2Value:
    """One data value: a finding's figure under DHIS2's ids, in its window's period.

    ``key`` is the finding's *for each* key and ``combo`` its category option combo.
    """

    data_element: str
    window: Window
    org_unit: str
    value: str
    comment: str
    key: str | None = None
    combo: str | None = None

    def to_json(self) -> dict[str, str]:
        """The data value as ``dataValueSets`` writes it."""
        data = {
            "dataElement": self.data_element,
            "period": dhis2_period(self.window) or "",
            "orgUnit": self.org_unit,
        }
        if self.combo is not None:
            data["categoryOptionCombo"] = self.combo
        return data | {"value": self.value, "comment": self.comment}


@attrs.frozen(kw_only=True)
class Dhis2Export:
    """The data values of a report, and the findings left out with why."""

    values: tuple[Dhis2Value, ...]
    skipped: tuple[tuple[str, str], ...]
    mapping: Dhis2Mapping
    org_unit: str

    def to_data_value_set(self) -> dict[str, Any]:
        """The ``dataValueSets`` payload to POST to ``/api/dataValueSets``."""
        payload: dict[str, Any] = {}
        if self.mapping.data_set is not None:
            payload["dataSet"] = self.mapping.data_set
        if self.mapping.attribute_option_combo is not None:
            payload["attributeOptionCombo"] = self.mapping.attribute_option_combo
        payload["dataValues"] = [v.to_json() for v in self.values]
        return payload

    def to_adx(self) -> str:
        """The values as an ADX message (``urn:ihe:qrph:adx:2015``), one group per period."""
        groups: dict[str, list[Dhis2Value]] = {}
        for value in self.values:
            groups.setdefault(adx_period(value.window) or "", []).append(value)
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<adx xmlns="urn:ihe:qrph:adx:2015">']
        for period, values in groups.items():
            attrs_ = {"orgUnit": self.org_unit, "period": period}
            if self.mapping.data_set is not None:
                attrs_["dataSet"] = self.mapping.data_set
            head = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs_.items())
            lines.append(f"  <group {head}>")
            for v in values:
                extra = "" if v.key is None else f" {self.mapping.adx_category}={quoteattr(v.key)}"
                lines.append(
                    f"    <dataValue dataElement={quoteattr(v.data_element)}"
                    f" value={quoteattr(v.value)}{extra}/>"
                )
            lines.append("  </group>")
        lines.append("</adx>")
        return "\n".join(lines) + "\n"


def to_dhis2(report: Report, mapping: Dhis2Mapping | None = None, *, org_unit: str) -> Dhis2Export:
    """The report's findings as DHIS2 data values (see the module's description).

    ``org_unit`` is the plan's organisation id, used when the mapping names no unit.
    """
    mapping = mapping or Dhis2Mapping()
    unit = mapping.org_unit or org_unit
    values: list[Dhis2Value] = []
    skipped: list[tuple[str, str]] = []
    for f in report.findings:
        if f.window is None or dhis2_period(f.window) is None:
            where = "no window" if f.window is None else f"window {f.window} is no DHIS2 period"
            skipped.append((f.requirement, where))
            continue
        values.append(
            Dhis2Value(
                data_element=mapping.data_elements.get(f.requirement, f.requirement),
                window=f.window,
                org_unit=unit,
                value=_value(f),
                comment=f.status.value,
                key=f.key,
                combo=None if f.key is None else mapping.category_option_combos.get(f.key, f.key),
            )
        )
    return Dhis2Export(values=tuple(values), skipped=tuple(skipped), mapping=mapping, org_unit=unit)
