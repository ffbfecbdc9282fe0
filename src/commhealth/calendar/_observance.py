"""Observance days, weeks and months (宣传日、宣传周、宣传月), and their dated occurrences."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from typing import Any

import attrs

from .._periods import Window
from ..errors import FieldError
from ._rules import Announced, FixedDate, LunarDate, NthWeekday, Rule, WholeMonth

__all__ = ["Observance", "Occurrence", "RuleVersion"]

_RULE_TYPES = (FixedDate, NthWeekday, WholeMonth, LunarDate, Announced)
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _rule(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, _RULE_TYPES):
        kinds = ", ".join(cls.__name__ for cls in _RULE_TYPES)
        msg = f"'rule' must be one of {kinds} (got {value!r})"
        raise TypeError(msg)


def _year(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not 1 <= value <= 9999:
        msg = f"'{attribute.name}' must be a year between 1 and 9999 (got {value})"
        raise FieldError(attribute.name, msg)


def _to_not_before_from(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and instance.valid_from is not None and value < instance.valid_from:
        msg = (
            f"'valid_from' must not be after 'valid_to' "
            f"(got valid_from {instance.valid_from}, valid_to {value})"
        )
        raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class RuleVersion:
    """A rule and the years it holds for: ``valid_from`` to ``valid_to``, both included.

    ``None`` leaves that end open: since the day was created, or until now.
    """

    rule: Rule = attrs.field(validator=_rule)
    valid_from: int | None = attrs.field(default=None, validator=_year)
    valid_to: int | None = attrs.field(default=None, validator=[_year, _to_not_before_from])

    def applies(self, year: int) -> bool:
        """Whether the rule holds in ``year``."""
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )


def _to_versions(value: Rule | RuleVersion | Iterable[RuleVersion]) -> tuple[RuleVersion, ...]:
    """Let a single rule, or a single version, stand for a one-version history."""
    if isinstance(value, _RULE_TYPES):
        return (RuleVersion(rule=value),)
    if isinstance(value, RuleVersion):
        return (value,)
    return tuple(value)


def _versions_in_order(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        msg = "'rules' must hold at least one rule (got none)"
        raise FieldError(attribute.name, msg)
    for i, version in enumerate(value):
        if not isinstance(version, RuleVersion):
            msg = f"'rules[{i}]' must be a RuleVersion (got {version!r})"
            raise TypeError(msg)
    for i, (before, after) in enumerate(itertools.pairwise(value)):
        if (
            before.valid_to is None
            or after.valid_from is None
            or after.valid_from <= before.valid_to
        ):
            msg = (
                f"'rules' must follow one another without overlapping: rules[{i}] is valid "
                f"{_years(before)} and rules[{i + 1}] {_years(after)}; close the earlier one "
                "with 'valid_to' and start the later one after it with 'valid_from'"
            )
            raise FieldError(attribute.name, msg)


def _years(version: RuleVersion) -> str:
    start = "…" if version.valid_from is None else str(version.valid_from)
    end = "…" if version.valid_to is None else str(version.valid_to)
    return f"{start}–{end}"


def _kebab_case(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not _ID.fullmatch(value):
        msg = (
            f"'id' must be kebab-case: lower-case letters and digits joined by single "
            f"hyphens, such as 'world-aids-day' (got {value!r})"
        )
        raise FieldError(attribute.name, msg)


def _not_blank(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value.strip():
        msg = f"'{attribute.name}' must not be blank (got {value!r})"
        raise FieldError(attribute.name, msg)


def _no_blank_items(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    for i, item in enumerate(value):
        if not item.strip():
            msg = f"'{attribute.name}[{i}]' must not be blank (got {item!r})"
            raise FieldError(attribute.name, msg)


@attrs.frozen(kw_only=True)
class Observance:
    """A health observance: a day, week or month on which communities run publicity.

    An observance whose date changed keeps one ``id`` and several :class:`RuleVersion`
    entries in year order: the iodine deficiency day was 5 May from 1994 to 1999 and is
    15 May since 2000. ``rules`` also accepts a single rule, for the common case of a date
    that never changed. ``aliases`` are other names plans use for it (including misspellings
    met in real plans); ``topics`` are the health topics it is about; ``source`` says who set
    the day.
    """

    id: str = attrs.field(validator=_kebab_case)
    name_zh: str = attrs.field(validator=_not_blank)
    name_en: str = ""
    rules: tuple[RuleVersion, ...] = attrs.field(
        converter=_to_versions, validator=_versions_in_order
    )
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_no_blank_items)
    source: str = ""
    topics: tuple[str, ...] = attrs.field(default=(), validator=_no_blank_items)

    @property
    def valid_from(self) -> int | None:
        """The first year the observance was held, when known (its first rule's)."""
        return self.rules[0].valid_from

    @property
    def valid_to(self) -> int | None:
        """The last year the observance was held, or ``None`` while it still is."""
        return self.rules[-1].valid_to

    def rule_for(self, year: int) -> Rule | None:
        """The rule that holds in ``year``, or ``None`` when the observance was not held."""
        for version in self.rules:
            if version.applies(year):
                return version.rule
        return None

    def occurrences(self, year: int) -> tuple[Occurrence, ...]:
        """The observance's spans that start in ``year``, earliest first.

        Raises:
            CalendarDataError: The rule is a lunar date and ``lunar-python`` is missing.
        """
        rule = self.rule_for(year)
        if rule is None:
            return ()
        return tuple(
            Occurrence(window=w, observance=self.id, name_zh=self.name_zh, name_en=self.name_en)
            for w in rule.occurrence_windows(year)
        )


@attrs.frozen(kw_only=True, order=True)
class Occurrence:
    """An observance on its dates in one year: 重阳节 on 2022-10-04.

    Occurrences sort by their first day, then by observance id.
    """

    window: Window = attrs.field(order=lambda window: window.start)
    observance: str
    name_zh: str = attrs.field(order=False)
    name_en: str = attrs.field(order=False)

    @property
    def start(self) -> dt.date:
        """The first day."""
        return self.window.start

    @property
    def last(self) -> dt.date:
        """The last day (the same as :attr:`start` for a one-day observance)."""
        return self.window.last

    def __str__(self) -> str:
        when = self.start.isoformat() if len(self.window) == 1 else str(self.window)
        return f"{when} {self.name_zh} ({self.observance})"
