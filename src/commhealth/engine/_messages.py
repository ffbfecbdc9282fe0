"""Sentences for findings, in Chinese and English, built from the plan's own titles."""

from __future__ import annotations

from typing import Any

from .._labels import Lang, figure, window_label
from .._periods import Window
from .._requirements import Bound, Measure
from .._status import Status

__all__ = ["UNITS", "amount", "quota_message", "quota_messages"]

#: The unit each measure is counted in: (Chinese, English).
UNITS: dict[Measure, tuple[str, str]] = {
    Measure.COUNT: ("次", ""),
    Measure.DAYS: ("天", " days"),
    Measure.HOURS: ("小时", " hours"),
    Measure.PARTICIPANTS: ("人次", " participants"),
    Measure.DISTINCT: ("种", " kinds"),
}


def amount(value: float) -> str:
    """A figure in plain digits (see :func:`commhealth._labels.figure`)."""
    return figure(value)


def _short(bound: Bound, value: float) -> float:
    return (bound.min or 0) - value


def _over(bound: Bound, value: float) -> float:
    return value - (bound.max or 0)


def quota_message(
    lang: Lang,
    *,
    title: str,
    bound: Bound,
    measure: Measure,
    window: Window | None,
    key: str | None,
    status: Status,
    achieved: float,
    total: float,
) -> str:
    """``每月绿化卫生检查（至少1次）：2022年7月 0次，缺1次`` and its English twin.

    Only the status at hand is worded (each tail is a lambda): a city's check words tens of
    thousands of findings.
    """
    zh_unit, en_unit = UNITS[measure]
    unit = zh_unit if lang == "zh" else en_unit
    where = "" if window is None else window_label(window, lang)
    if key is not None:
        where = f"{key}，{where}" if lang == "zh" else f"{key}, {where}"
    a, t = amount(achieved), amount(total)
    planned = amount(total - achieved)
    if lang == "zh":
        head = f"{title}（{bound.describe('zh', zh_unit)}）：{where} "
        tail = {
            Status.MET: lambda: f"{a}{unit}，达标",
            Status.MISSED: lambda: f"{a}{unit}，缺{amount(_short(bound, achieved))}{unit}",
            Status.EXCEEDED: lambda: f"{a}{unit}，超出{amount(_over(bound, achieved))}{unit}",
            Status.ON_TRACK: lambda: f"已完成{a}{unit}，另有计划{planned}{unit}，可达标",
            Status.AT_RISK: lambda: (
                f"已完成{a}{unit}，连同计划共{t}{unit}，"
                + (
                    f"仍缺{amount(_short(bound, total))}{unit}"
                    if bound.below(total)
                    else f"将超出{amount(_over(bound, total))}{unit}"
                )
            ),
        }[status]()
        return head + tail
    head = f"{title} ({bound.describe('en', en_unit)}): {where} "
    tail = {
        Status.MET: lambda: f"had {a}{unit}, met",
        Status.MISSED: lambda: f"had {a}{unit}, {amount(_short(bound, achieved))}{unit} short",
        Status.EXCEEDED: lambda: f"had {a}{unit}, {amount(_over(bound, achieved))}{unit} over",
        Status.ON_TRACK: lambda: f"has {a}{unit} done and {planned}{unit} planned, on track",
        Status.AT_RISK: lambda: (
            f"has {a}{unit} done and {planned}{unit} planned, "
            + (
                f"{amount(_short(bound, total))}{unit} short"
                if bound.below(total)
                else f"{amount(_over(bound, total))}{unit} over"
            )
        ),
    }[status]()
    return head + tail


def quota_messages(**figures: Any) -> tuple[str, str]:
    """The Chinese and the English sentence for the same figures (see :func:`quota_message`)."""
    return quota_message("zh", **figures), quota_message("en", **figures)
