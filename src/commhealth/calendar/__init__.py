"""The calendar: observance days, lunar dates, statutory holidays and working days.

:func:`default_registry` holds the health observances Chinese community plans name
(世界防治结核病日, 全国爱牙日, 重阳节 …) with the rules that date them each year;
:class:`WorkCalendar` knows the statutory holidays and adjusted working days (调休).

Lunar dates and holiday data come from the optional ``commhealth[calendar]`` extra
(``lunar-python`` and ``chinesecalendar``), imported only when a date needs them.
"""

from ._observance import Observance, Occurrence, RuleVersion
from ._registry import ObservanceRegistry, UnknownObservance, default_registry
from ._rules import (
    RULE_KINDS,
    WEEKDAYS,
    Announced,
    AnnouncedSpan,
    FixedDate,
    LunarDate,
    NthWeekday,
    Rule,
    WholeMonth,
)
from ._tables import (
    ObservanceDataError,
    observance_from_dict,
    observance_to_dict,
    observances_from_dicts,
    rule_from_dict,
    rule_to_dict,
)
from ._workdays import WorkCalendar

__all__ = [
    "RULE_KINDS",
    "WEEKDAYS",
    "Announced",
    "AnnouncedSpan",
    "FixedDate",
    "LunarDate",
    "NthWeekday",
    "Observance",
    "ObservanceDataError",
    "ObservanceRegistry",
    "Occurrence",
    "Rule",
    "RuleVersion",
    "UnknownObservance",
    "WholeMonth",
    "WorkCalendar",
    "default_registry",
    "observance_from_dict",
    "observance_to_dict",
    "observances_from_dicts",
    "rule_from_dict",
    "rule_to_dict",
]
