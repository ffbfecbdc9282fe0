"""Findings and the report that holds them."""

from __future__ import annotations

import datetime as dt
import functools
import types
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import attrs

from ._ledger_findings import LedgerFinding
from ._periods import Window
from ._requirements import Severity
from ._status import Reason, Status
from ._wording import Lang, sentence, words

__all__ = ["Finding", "Report"]

_NO_FACTS: Mapping[str, Any] = types.MappingProxyType({})


_PLAIN = (str, int, bool, type(None))


def _jsonable(value: object) -> Any:
    if type(value) in _PLAIN:  # most figures, asked first
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@attrs.frozen(kw_only=True)
class Finding:
    """What the engine found for one requirement in one window (and one *for each* value).

    A finding holds what happened, not words: :meth:`message` words it on demand in the
    language asked for.

    Attributes:
        requirement: The requirement's id.
        status: How it stands.
        reason: What the finding is about; it decides which figures it holds.
        title: The requirement's title as the plan writes it (its id when it has none).
        severity: The requirement's severity; only ``error`` findings can fail a report.
        window: The window judged, or ``None`` for a figure not tied to one. It is
            half-open, as in the JSON report (``end`` is the day after it); ``str()``
            shows it by its first and last day.
        key: The *for each* value (a safety area, a cadre, a community), if any.
        expected: What was asked, e.g. ``{"min": 1}`` or ``{"due": date(2022, 6, 30)}``.
        actual: What was counted or measured (achieved, in a progress check).
        planned: In a progress check, achieved plus what is planned for the window.
        activities: The ids of the activities that counted: a tuple, or a view over the
            schedule that reads as one and makes its strings when first read.
        source: The standard the requirement came from, if any.
        facts: The other figures the sentence needs, by name: the metric and the date of
            the figure used, a child organisation's name, the topics no activity carried.
    """

    requirement: str
    status: Status
    reason: Reason = Reason.QUOTA
    title: str = ""
    severity: Severity = Severity.ERROR
    window: Window | None = None
    key: str | None = None
    expected: Mapping[str, Any] = attrs.field(factory=dict)
    actual: float | str | None = None
    planned: float | None = None
    activities: Sequence[str] = ()
    source: str | None = None
    facts: Mapping[str, Any] = _NO_FACTS

    @property
    def failing(self) -> bool:
        """Whether this finding fails the report (a failing status on an ``error``)."""
        return self.severity is Severity.ERROR and self.status.failing

    def message(self, lang: Lang = "zh") -> str:
        """The finding as a sentence a community health worker can read, in ``lang``."""
        return sentence(self, lang)

    def to_dict(self, lang: Lang = "zh", *, detail: bool = False) -> dict[str, Any]:
        """The finding as JSON-ready data; ``detail`` adds severity, activities and more."""
        data: dict[str, Any] = {
            "requirement": self.requirement,
            "status": self.status.value,
            "window": None
            if self.window is None
            else {"start": self.window.start.isoformat(), "end": self.window.end.isoformat()},
            "key": self.key,
            "expected": _jsonable(self.expected),
            "actual": _jsonable(self.actual),
            "message": self.message(lang),
        }
        if detail:
            data["reason"] = self.reason.value
            data["severity"] = self.severity.value
            data["planned"] = _jsonable(self.planned)
            data["activities"] = list(self.activities)
            data["source"] = self.source
            data["facts"] = _jsonable(self.facts)
        return data


@attrs.frozen(kw_only=True)
class Report:
    """Every finding of one check of a plan, in the plan's order of requirements.

    The report is :attr:`ok` when no ``error``-severity requirement has a finding that is
    ``missed``, ``exceeded``, ``at_risk`` or ``no_data``. :attr:`ledger` holds what the
    check found about the ledger itself (rows whose status contradicts their date); those
    findings are warnings and do not fail the report.
    """

    plan: str
    title: str = ""
    as_of: dt.date | None = None
    language: Lang = "zh"
    findings: tuple[Finding, ...] = ()
    kind: Literal["check", "conformance"] = "check"
    ledger: tuple[LedgerFinding, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether no error-severity finding fails."""
        return not any(f.failing for f in self.findings) and not any(f.failing for f in self.ledger)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def summary(self) -> dict[str, int]:
        """How many findings have each status, every status listed (zero included)."""
        counts = dict.fromkeys((s.value for s in Status), 0)
        for f in self.findings:
            counts[f.status.value] += 1
        return counts

    def requirements(self) -> tuple[str, ...]:
        """The ids of the requirements with findings, in the plan's order."""
        return tuple(dict.fromkeys(f.requirement for f in self.findings))

    def _filtered(self, keep: Iterable[Finding]) -> Report:
        return attrs.evolve(self, findings=tuple(keep))

    def for_requirement(self, *ids: str) -> Report:
        """A report with only the findings of these requirements."""
        wanted = set(ids)
        return self._filtered(f for f in self.findings if f.requirement in wanted)

    def with_status(self, *statuses: Status | str) -> Report:
        """A report with only the findings that have one of these statuses."""
        wanted = {Status(s) for s in statuses}
        return self._filtered(f for f in self.findings if f.status in wanted)

    def in_window(self, when: dt.date | Window) -> Report:
        """A report with only the findings whose window holds ``when`` (a day or a window)."""
        if isinstance(when, Window):
            return self._filtered(f for f in self.findings if f.window and f.window.overlaps(when))
        return self._filtered(f for f in self.findings if f.window and when in f.window)

    def failing(self) -> Report:
        """A report with only the findings that make it fail."""
        return self._filtered(f for f in self.findings if f.failing)

    def to_dict(self, lang: Lang | None = None, *, detail: bool = False) -> dict[str, Any]:
        """The report as JSON-ready data, in the shape of the public JSON contract.

        ``{"plan", "as_of", "ok", "findings": [{"requirement", "status", "window", "key",
        "expected", "actual", "message"}]}``; ``detail=True`` adds each finding's severity,
        planned figure, activities and source, and a ``summary``. When the ledger has rows
        whose status contradicts their date, ``ledger`` lists them: ``[{"reason",
        "severity", "activities", "message"}]``.
        """
        lang = lang or self.language
        data: dict[str, Any] = {
            "plan": self.plan,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "ok": self.ok,
            "findings": [f.to_dict(lang, detail=detail) for f in self.findings],
        }
        if self.ledger:
            data["ledger"] = [f.to_dict(lang) for f in self.ledger]
        if detail:
            data["summary"] = self.summary()
        return data

    def to_records(self, lang: Lang | None = None) -> list[dict[str, Any]]:
        """One flat row per finding, for a table: the plan, the requirement and its title,
        status, severity, window start and end, key, actual and planned figures, message."""
        lang = lang or self.language
        return [
            {
                "plan": self.plan,
                "requirement": f.requirement,
                "title": self.title_of(f.requirement, lang),
                "status": f.status.value,
                "severity": f.severity.value,
                "start": None if f.window is None else f.window.start,
                "end": None if f.window is None else f.window.end,
                "key": f.key,
                "actual": f.actual,
                "planned": f.planned,
                "source": f.source,
                "message": f.message(lang),
            }
            for f in self.findings
        ]

    def to_dataframe(self, lang: Lang | None = None) -> Any:
        """The findings as a :class:`pandas.DataFrame` (the ``notebook`` extra), one row each.

        Columns as in :meth:`to_records`; ``status`` is an ordered categorical, so sorting
        puts the failing statuses together.

        Raises:
            ImportError: pandas is not installed; the message says which extra brings it.
        """
        try:
            import pandas as pd  # noqa: PLC0415 - an optional extra, heavy to import
        except ImportError:
            msg = 'Report.to_dataframe needs pandas: pip install "commhealth[notebook]"'
            raise ImportError(msg) from None
        frame = pd.DataFrame.from_records(
            self.to_records(lang),
            columns=["plan", "requirement", "title", "status", "severity", "start", "end", "key",
                     "actual", "planned", "source", "message"],
        )  # fmt: skip
        frame["status"] = pd.Categorical(
            frame["status"], categories=[s.value for s in Status], ordered=True
        )
        return frame

    def to_text(self, lang: Lang | None = None) -> str:
        """The report as plain text for a person: what is missing, requirement by requirement."""
        from ._views import render_text  # noqa: PLC0415 - the views import this module

        return render_text(self, lang or self.language)

    def to_html(self, lang: Lang | None = None, *, standalone: bool = True) -> str:
        """The report as HTML: a self-contained page to open, forward or print (inline CSS
        and SVG, no script, nothing fetched), or with ``standalone=False`` the fragment to
        embed. The verdict and counts come first, then the requirements that fail, the
        year's heatmap, and every requirement in a ``<details>`` that opens on a click."""
        from ._views import page, report_fragment  # noqa: PLC0415

        lang = lang or self.language
        if not standalone:
            return report_fragment(self, lang, picture="shown")
        return page(self.heading(lang), report_fragment(self, lang, picture="shown"), lang)

    def heatmap(self, lang: Lang | None = None) -> str:
        """The requirements × months grid as SVG (see :func:`commhealth.pictures.heatmap`)."""
        from ._views import heatmap  # noqa: PLC0415

        return heatmap(self, lang or self.language)

    def _repr_html_(self) -> str:
        # A notebook shows what fails on one screen; the picture and the rest open on a click.
        from ._views import report_fragment  # noqa: PLC0415

        return report_fragment(self, self.language, picture="details")

    def title_of(self, requirement: str, lang: Lang | None = None) -> str:
        """A requirement's title as the plan gives it (its id when it has none); the
        requirements the check adds itself (``observance-dates``) are titled in ``lang``."""
        own = words(lang or self.language).title(requirement)
        if own is not None:
            return own
        return self._titles.get(requirement) or requirement

    @functools.cached_property
    def _titles(self) -> dict[str, str]:
        titles: dict[str, str] = {}
        for f in self.findings:
            titles.setdefault(f.requirement, f.title)
        return titles

    def heading(self, lang: Lang | None = None) -> str:
        """One line naming the plan and the kind of check."""
        return words(lang or self.language).heading(self)

    def status_words(self, lang: Lang | None = None) -> dict[str, str]:
        """Each status's label in ``lang``, keyed by its value."""
        wording = words(lang or self.language)
        return {s.value: wording.status(s) for s in Status}
