"""From a section's sentences to drafted requirements, teams, windows and a theme calendar."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import attrs

from .._periods import NamedWindow, Window
from .._plan import Requirement, Team
from .._selection import Selector
from .._themes import MonthlyTheme, ThemeCalendar
from ..errors import CalendarDataError, CommhealthError, UnknownObservance
from ..loading.plans._converter import converter
from ._document import Section
from ._grammar_dated import deadlines, n_ones, rules
from ._grammar_goals import GOAL_RECOGNISERS
from ._grammar_lists import listed_each, observance_each, observance_windows
from ._grammar_periods import HOLIDAYS
from ._grammar_quotas import both_each, cadence_quotas, counted_quotas
from ._grammar_text import heading_of, is_ideology, unread_reason
from ._grammar_themes import MonthLine, month_line
from ._model import DraftedRequirement, DraftedThemes, FieldSource, Sentence, Todo, Unread
from ._reading import Context, Reading

__all__ = ["Assembled", "assemble"]

_ID_SAFE = re.compile(r"[^a-z0-9-]+")
_PENALTY_TODO = 0.15
_PENALTY_CONTEXT = 0.1


@attrs.frozen(kw_only=True)
class Assembled:
    """What one section's sentences gave."""

    requirements: tuple[DraftedRequirement, ...]
    themes: DraftedThemes | None
    teams: tuple[Team, ...]
    windows: tuple[tuple[NamedWindow, Todo | None], ...]
    unread: tuple[Unread, ...]
    skipped: int


#: The recognisers, in the order they run; each marks the characters it read so that a later
#: one does not read them again. Lists and dated targets come first, then measured figures
#: (领导小组人员8人 is a team's size, 1—2个 … 先进 a goal), and bare counts of activities last.
_RECOGNISERS = (
    both_each,
    n_ones,
    rules,
    deadlines,
    observance_each,
    observance_windows,
    listed_each,
    *GOAL_RECOGNISERS,
    counted_quotas,
    cadence_quotas,
)


def _readings(sentence: Sentence, ctx: Context) -> list[Reading]:
    taken: set[int] = set()
    found: list[Reading] = []
    for recognise in _RECOGNISERS:
        found += recognise(sentence.text, ctx, taken)
    return _without_repeats(found)


def _without_repeats(readings: list[Reading]) -> list[Reading]:
    """One reading for one target: 按月编制 … 逐月公开 is one monthly quota, not two."""
    kept: list[Reading] = []
    compared = ("per", "bound", "for_each", "within")
    for r in readings:
        repeat = any(
            k.type == r.type == "quota"
            and all(k.fields.get(f) == r.fields.get(f) for f in compared)
            and _narrower_or_same(r.fields["select"], k.fields["select"])
            for k in kept
        )
        if not repeat:
            kept.append(r)
    return kept


def _narrower_or_same(select: dict[str, list[str]], than: dict[str, list[str]]) -> bool:
    """Whether ``select`` says nothing ``than`` does not: no kind, or the same kind with
    some of its tags and audiences (逐月公开 after 按月编制 … 轮流表)."""
    if "kind" not in select:
        return True
    return all(set(values) <= set(than.get(key, ())) for key, values in select.items())


def _confidence(reading: Reading) -> float:
    guessed = sum(1 for s in reading.sources if s.phrase.startswith("("))
    score = 1.0 - _PENALTY_TODO * len(reading.todos) - _PENALTY_CONTEXT * guessed
    return round(min(1.0, max(0.05, score)), 2)


def _unique_id(stem: str, used: set[str]) -> str:
    stem = _ID_SAFE.sub("-", stem.lower()).strip("-") or "requirement"
    n = 1
    candidate = stem
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}"
    used.add(candidate)
    return candidate


def _observance_window(ctx: Context, name: str) -> tuple[NamedWindow, Todo | None]:
    observance = ctx.registry.get(name)
    year = Window.year(ctx.year)
    try:
        occurrence = ctx.registry.occurrence(name, ctx.year)
    except CalendarDataError:
        occurrence = None
    if occurrence is not None and year.covers(occurrence.window):
        w = occurrence.window
        return NamedWindow(id=observance.id, title=name, start=w.start, end=w.end), None
    todo = Todo(
        field="windows",
        note=f"the calendar has no dates for {name} in {ctx.year}: give the local dates (the whole year stands in)",
    )
    return NamedWindow(id=observance.id, title=name, start=year.start, end=year.end), todo


def _holiday_window(ctx: Context, wid: str) -> tuple[NamedWindow, Todo | None]:
    title, (m1, d1), (m2, d2) = HOLIDAYS[wid]
    todo = Todo(
        field="windows",
        note=f"the {title} dates of your city in {ctx.year}; the usual ones stand in",
    )
    window = NamedWindow(
        id=wid, title=title, start=dt.date(ctx.year, m1, d1), end=dt.date(ctx.year, m2, d2)
    )
    return window, todo


def _requirement(reading: Reading, rid: str, windows: dict[str, str]) -> Requirement:
    fields = dict(reading.fields)
    if "within" in fields:
        fields["within"] = [windows.get(w, w) for w in fields["within"]]
    if "select" in fields and not fields["select"]:
        del fields["select"]
    data = {"type": reading.type, "id": rid, "title": reading.title, **fields}
    requirement: Requirement = converter.structure(data, Requirement)  # type: ignore[arg-type]
    return requirement


def _themes(lines: list[tuple[Sentence, MonthLine]], ctx: Context) -> DraftedThemes:
    notes: list[str] = []
    months: dict[int, MonthlyTheme] = {}
    for _, line in lines:
        names = []
        for written in line.observances:
            name = written
            try:
                ctx.registry.get(name)
            except UnknownObservance as e:
                if e.suggestions:
                    notes.append(
                        f"month {line.month}: read {written!r} as {e.suggestions[0]!r}, the closest observance the calendar knows; confirm"
                    )
                    name = e.suggestions[0]
                else:
                    notes.append(
                        f"month {line.month}: {name!r} is no observance the calendar knows; left out"
                    )
                    continue
            names.append(name)
            notes += _misfiled(ctx, name, line.month)
        if line.month in months:
            # A month written twice (two lines, or a copy) is one month: its topics and days add up.
            notes.append(f"month {line.month} is written twice; its lines are merged")
            before = months[line.month]
            topics = before.topics + tuple(t for t in line.topics if t not in before.topics)
            days = before.observances + tuple(n for n in names if n not in before.observances)
            months[line.month] = MonthlyTheme(month=line.month, topics=topics, observances=days)
        else:
            months[line.month] = MonthlyTheme(
                month=line.month, topics=line.topics, observances=tuple(names)
            )
    calendar = ThemeCalendar(select=_theme_select(ctx), months=tuple(months.values()))
    return DraftedThemes(
        calendar=calendar,
        sentences=tuple(s for s, _ in lines),
        months=tuple(line.month for _, line in lines),
        notes=tuple(notes),
    )


def _theme_select(ctx: Context) -> Selector:
    return (
        Selector(kind={"health-education"})
        if any(t.code == "health-education" for t in ctx.vocabulary.kinds)
        else Selector()
    )


def _misfiled(ctx: Context, name: str, month: int) -> list[str]:
    try:
        occurrence = ctx.registry.occurrence(name, ctx.year)
    except CalendarDataError as e:
        return [f"month {month}: {name} could not be dated ({e})"]
    if occurrence is None:
        return []
    if occurrence.window.overlaps(Window.month(ctx.year, month)):
        return []
    return [
        f"month {month}: {name} ({occurrence.name_zh}) falls on {occurrence.start.isoformat()} in {ctx.year}, "
        f"not in month {month}; the check will report it as misfiled"
    ]


def assemble(section: Section, ctx: Context) -> Assembled:
    """Read every sentence of ``section``: requirements, the theme calendar, what was not read."""
    used: set[str] = set()
    drafted: list[DraftedRequirement] = []
    teams: dict[str, Team] = {}
    windows: dict[str, tuple[NamedWindow, Todo | None]] = {}
    window_ids: dict[str, str] = {}
    unread: list[Unread] = []
    month_lines: list[tuple[Sentence, MonthLine]] = []
    skipped = 0
    ideas = False
    for sentence in section.sentences:
        heading = heading_of(sentence.text)
        if heading is not None:
            ideas = is_ideology(heading)
        if ideas or heading is not None:
            # A heading, and the part under 指导思想: ideas and slogans, no targets.
            skipped += 1
            continue
        line = month_line(sentence.text)
        if line is not None:
            month_lines.append((sentence, line))
            continue
        readings = _readings(sentence, ctx)
        if not readings:
            reason = unread_reason(sentence.text)
            if reason is None:
                skipped += 1
            else:
                unread.append(Unread(sentence=sentence, reason=reason))
            continue
        for reading in readings:
            for wid, title in reading.windows:
                if wid not in window_ids:
                    if wid.startswith("observance:"):
                        window, todo = _observance_window(ctx, title)
                    else:
                        window, todo = _holiday_window(ctx, wid)
                    window_ids[wid] = window.id
                    windows.setdefault(window.id, (window, todo))
            for team in reading.teams:
                teams.setdefault(team.id, team)
            try:
                requirement = _requirement(reading, _unique_id(reading.stem, used), window_ids)
            except CommhealthError as e:
                unread.append(
                    Unread(
                        sentence=sentence,
                        reason=f"read as a {reading.type}, but it does not hold: {e}",
                    )
                )
                continue
            drafted.append(
                DraftedRequirement(
                    requirement=requirement,
                    sentence=sentence,
                    confidence=_confidence(reading),
                    sources=reading.sources,
                    todos=reading.todos,
                )
            )
    themes = _themes(month_lines, ctx) if month_lines else None
    return Assembled(
        requirements=tuple(drafted),
        themes=themes,
        teams=tuple(teams.values()),
        windows=tuple(windows.values()),
        unread=tuple(unread),
        skipped=skipped,
    )


def sources_of(items: Iterable[FieldSource]) -> str:
    """The phrases behind a requirement's fields, as one line: ``bound ← 不少于10次; per ← 全年``."""
    return "; ".join(f"{s.field} ← {s.phrase}" for s in items)
