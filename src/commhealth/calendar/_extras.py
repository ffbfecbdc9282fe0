"""The optional dependencies of the calendar, imported only when a date needs them.

``lunar_python`` (lunar dates) and ``chinese_calendar`` (statutory holidays) are the
``commhealth[calendar]`` extra: ``import commhealth.calendar`` must work without them, so
they are imported here, on first use, and their absence is reported as an error a person
can act on.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import CalendarDataError

__all__ = ["chinese_calendar", "lunar_python"]

_INSTALL = 'pip install "commhealth[calendar]"'


def _require(module: str, distribution: str, purpose: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as e:
        msg = f"{purpose} need the optional package {distribution}, which is not installed: {_INSTALL}"
        raise CalendarDataError(msg) from e


def lunar_python() -> ModuleType:
    """The ``lunar_python`` module (package ``lunar-python``), imported on first use.

    Raises:
        CalendarDataError: The package is not installed; the message says how to install it.
    """
    return _require("lunar_python", "lunar-python", "lunar dates")


def chinese_calendar() -> ModuleType:
    """The ``chinese_calendar`` module (package ``chinesecalendar``), imported on first use.

    Raises:
        CalendarDataError: The package is not installed; the message says how to install it.
    """
    return _require("chinese_calendar", "chinesecalendar", "statutory holidays and working days")
