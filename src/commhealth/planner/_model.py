"""The covering program: candidate activities, the targets they meet, the caps they keep.

A *candidate* is a drawn activity (from a :class:`~._sketches.Sketch`) on one free day; it
*covers* each target whose selector counts it on that day. The program chooses candidates
(0 or 1 each) so that every target gets its ``need`` (or the shortfall is taken up by a
slack variable, and reported), no limit or cap is passed, and — in this order — the
shortfall is smallest, the activities are fewest, and their days are best.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from collections.abc import Callable, Sequence

import attrs

from .._activities import Activity
from ._constraints import Constraints
from ._sketches import Sketch
from ._solver import Program, solve
from ._targets import Limit, Target

__all__ = ["Chosen", "Solved", "choose"]

#: The most sketches merged from the targets' own; enough for the shipped plans many times.
_MAX_SKETCHES = 400
#: How many targets' sketches one merged sketch may combine.
_MAX_MERGE = 4
_OFF_DAY_COST = 1.0


@attrs.frozen(kw_only=True)
class Chosen:
    """One candidate the program chose: the activity drawn, its day, the targets it covers,
    and how many such activities that day."""

    activity: Activity
    day: dt.date
    covers: tuple[int, ...]
    copies: int = 1


@attrs.frozen(kw_only=True)
class Solved:
    """The chosen candidates and, for each target, how much is still missing."""

    chosen: tuple[Chosen, ...]
    short: dict[int, float]
    uncovered: frozenset[int]


def _sketches(
    targets: Sequence[Target], order: Callable[[str], int]
) -> list[tuple[Sketch, frozenset[dt.date]]]:
    """The targets' own sketches, and merges of them that could count on a shared day."""
    days: dict[Sketch, set[dt.date]] = {}
    for t in targets:
        for s in t.sketches:
            days.setdefault(s, set()).update(t.days)
    base = list(days.items())
    found: dict[Sketch, frozenset[dt.date]] = {s: frozenset(d) for s, d in base}
    frontier = list(found.items())
    for _ in range(_MAX_MERGE - 1):
        grown: list[tuple[Sketch, frozenset[dt.date]]] = []
        for s, s_days in frontier:
            for b, b_days in base:
                if set(b.origins) <= set(s.origins) and b.fixed <= s.fixed:
                    continue
                shared = s_days & b_days
                if not shared:
                    continue
                m = s.merge(b, order)
                if m is None or m in found:
                    continue
                found[m] = frozenset(shared)
                grown.append((m, found[m]))
                if len(found) >= _MAX_SKETCHES:
                    return list(found.items())
        if not grown:
            break
        frontier = grown
    return list(found.items())


def _weekday_cost(is_workday: Callable[[dt.date], bool]) -> Callable[[dt.date], float]:
    return lambda d: 0.0 if is_workday(d) else _OFF_DAY_COST


def choose(
    targets: Sequence[Target],
    limits: Sequence[Limit],
    existing: Sequence[Activity],
    constraints: Constraints,
    *,
    order: Callable[[str], int],
    title_of: Callable[[tuple[str, ...]], str],
    is_workday: Callable[[dt.date], bool],
) -> Solved:
    """Choose the fewest candidates that meet the targets, within limits and caps."""
    drawn: list[Activity] = []
    for sketch, _ in _sketches(targets, order):
        act = sketch.draw(title_of(sketch.origins))
        if act is None:
            continue
        act = attrs.evolve(act, hours=constraints.hours, participants=constraints.participants)
        if act not in drawn:
            drawn.append(act)
    capped = constraints.max_per_day is not None or constraints.max_per_week is not None
    # Simpler activities first: of two that count alike on a day, the first is kept.
    drawn.sort(key=_size)
    candidates = _candidates(drawn, targets, limits, capped=capped, is_workday=is_workday)
    program = Program()
    xs = [program.variable(upper=_copies(c, targets)) for c in candidates]
    covering, values = _coverage(xs, candidates, targets)
    uncovered = frozenset(
        k
        for k, t in enumerate(targets)
        if not (covering[k] if t.distinct is None else any(kv[0] == k for kv in values))
    )
    slack = _target_rows(program, targets, covering, values, uncovered)
    _chains(program, targets, covering, slack, uncovered)
    for k, lim in enumerate(limits):
        terms = {
            x: lim.weight(act)
            for x, (act, _, _, hits) in zip(xs, candidates, strict=True)
            if k in hits
        }
        if terms:
            program.row(terms, upper=lim.room)
    _caps(program, xs, candidates, existing, constraints)

    weekday_cost = _weekday_cost(is_workday)
    costs: dict[int, float] = {}
    for x, (act, day, covers, _) in zip(xs, candidates, strict=True):
        costs[x] = weekday_cost(day) + sum(_distance(targets[k], day, act) for k in covers)
    costs.update(_spreading(program, xs, candidates, targets))
    values_found = solve(
        program,
        [dict.fromkeys(slack.values(), 1.0), dict.fromkeys(xs, 1.0), costs],
    )
    chosen = tuple(
        Chosen(activity=act, day=day, covers=covers, copies=round(values_found[x]))
        for x, (act, day, covers, _) in zip(xs, candidates, strict=True)
        if values_found[x] > 0.5
    )
    short = {k: values_found[s] for k, s in slack.items() if values_found[s] > 1e-6}
    return Solved(chosen=chosen, short=short, uncovered=uncovered)


_Candidate = tuple[Activity, dt.date, tuple[int, ...], tuple[int, ...]]


def _candidates(
    drawn: Sequence[Activity],
    targets: Sequence[Target],
    limits: Sequence[Limit],
    *,
    capped: bool,
    is_workday: Callable[[dt.date], bool],
) -> list[_Candidate]:
    """Each drawn activity on each day it counts for a target: the targets it covers and
    the limits it counts against there, asked of their own rules.

    Without a cap a day or a week, days on which an activity covers the same targets and
    counts against the same limits are interchangeable but for their cost, so only the
    days nearest to where each target is best held are kept (and the first, for a target
    that prefers none).
    """
    candidates: list[_Candidate] = []
    seen: set[tuple[object, ...]] = set()
    # The days on which simpler activities already count alike (drawn is simplest first).
    simpler: dict[tuple[object, ...], set[dt.date]] = {}
    for act in drawn:
        counted = [k for k, t in enumerate(targets) if _counts(t, act)]
        if not counted:
            continue
        limited = [k for k, lim in enumerate(limits) if lim.counts(act)]
        reach: set[dt.date] = set().union(*(targets[k].days for k in counted))
        classes: dict[tuple[tuple[int, ...], ...], list[dt.date]] = {}
        for day in sorted(reach):
            covers = tuple(k for k in counted if day in targets[k].days)
            hits = tuple(k for k in limited if day in limits[k].days)
            fits = _fits(act, day, covers, targets)
            classes.setdefault((covers, hits, fits), []).append(day)
        distinct = tuple(
            (k, act.values(t.distinct[0]))
            for k in counted
            if (t := targets[k]).distinct is not None
        )
        for (covers, hits, fits), days in classes.items():
            alike = simpler.setdefault((covers, hits, fits, act.organiser, distinct), set())
            if not distinct and alike.issuperset(days):
                continue
            alike.update(days)
            for day in days if capped else _nearest(days, covers, targets, is_workday):
                # Two activities on one day that count for the same targets and limits are
                # the same choice; keep the first.
                key = (day, covers, hits, fits, act.organiser, distinct)
                if key in seen:
                    continue
                seen.add(key)
                candidates.append((act, day, covers, hits))
    return _undominated(candidates, targets)


def _size(act: Activity) -> int:
    """How many values an activity carries beyond its kind."""
    return len(act.tags) + len(act.topics) + len(act.audience) + len(act.people)


def _nearest(
    days: list[dt.date],
    covers: tuple[int, ...],
    targets: Sequence[Target],
    is_workday: Callable[[dt.date], bool],
) -> list[dt.date]:
    """Of ``days`` (in order), the first and, around each covered target's preferred
    days, the nearest day and the nearest working day on either side."""
    keep = {days[0]}
    for k in covers:
        for p in targets[k].prefer:
            i = bisect_left(days, p)
            keep.update(days[j] for j in (i - 1, i) if 0 <= j < len(days))
            left = next((d for d in reversed(days[:i]) if is_workday(d)), None)
            right = next((d for d in days[i:] if is_workday(d)), None)
            keep.update(d for d in (left, right) if d is not None)
    return sorted(keep)


def _fits(
    act: Activity, day: dt.date, covers: tuple[int, ...], targets: Sequence[Target]
) -> tuple[int, ...]:
    """The covered targets for which ``act`` carries a topic that goes with the
    observance on ``day``: it is cheaper there, so it must not be pruned as alike."""
    return tuple(
        k
        for k in covers
        if (related := targets[k].related.get(day)) and not related.isdisjoint(act.topics)
    )


def _undominated(candidates: list[_Candidate], targets: Sequence[Target]) -> list[_Candidate]:
    """The candidates no other on the same day, for the same organiser, beats: one that
    covers every target it covers, counts against no limit it does not, and carries the
    topics an observance's day asks for wherever this one does.

    Every proposed activity has the same hours and head count, so covering a target means
    adding as much to it; a candidate with a new *distinct* value is kept, since which
    value it brings matters. Dropping beaten candidates changes no optimum: any solution
    using one can use the candidate that beats it instead.
    """
    groups: dict[tuple[dt.date, str | None], list[_Candidate]] = {}
    for c in candidates:
        groups.setdefault((c[1], c[0].organiser), []).append(c)
    out: list[_Candidate] = []
    for group in groups.values():
        group.sort(key=lambda c: (-len(c[2]), len(c[3])))
        kept: list[tuple[frozenset[int], frozenset[int], frozenset[int]]] = []
        for c in group:
            covers, hits = frozenset(c[2]), frozenset(c[3])
            fits = frozenset(_fits(c[0], c[1], c[2], targets))
            if any(targets[k].distinct is not None for k in covers):
                out.append(c)
                continue
            if any(covers <= kc and kh <= hits and fits <= kf for kc, kh, kf in kept):
                continue
            kept.append((covers, hits, fits))
            out.append(c)
    out.sort(key=lambda c: (c[1], c[2]))
    return out


def _coverage(
    xs: list[int], candidates: list[_Candidate], targets: Sequence[Target]
) -> tuple[dict[int, dict[int, float]], dict[tuple[int, str], dict[int, float]]]:
    """What each candidate adds to each target; for a *distinct* target, which
    candidates carry each value."""
    covering: dict[int, dict[int, float]] = {k: {} for k in range(len(targets))}
    values: dict[tuple[int, str], dict[int, float]] = {}
    for x, (act, _, covers, _) in zip(xs, candidates, strict=True):
        for k in covers:
            t = targets[k]
            if t.distinct is not None:
                field, _new = t.distinct
                for v in act.values(field):
                    values.setdefault((k, v), {})[x] = -1.0
            else:
                covering[k][x] = t.weight(act)
    return covering, values


def _target_rows(
    program: Program,
    targets: Sequence[Target],
    covering: dict[int, dict[int, float]],
    values: dict[tuple[int, str], dict[int, float]],
    uncovered: frozenset[int],
) -> dict[int, int]:
    """A row per target: what the chosen candidates add, plus its slack, reaches its need.
    Returns the slack variable of each target."""
    slack: dict[int, int] = {}
    for k, t in enumerate(targets):
        if k in uncovered:
            continue
        s = slack[k] = program.variable(upper=float(math.ceil(t.need)))
        terms = dict(covering[k])
        if t.distinct is not None:
            _field, new = t.distinct
            for v in new:
                used = values.get((k, v))
                if not used:
                    continue
                y = program.variable()
                program.row({y: 1.0, **used}, upper=0.0)
                terms[y] = 1.0
        terms[s] = 1.0
        program.row(terms, lower=t.need)
    return slack


def _spreading(
    program: Program, xs: list[int], candidates: list[_Candidate], targets: Sequence[Target]
) -> dict[int, float]:
    """Costs that keep a target's activities apart: its free days cut into as many runs
    as it needs activities, and each activity past the first in a run costs one more.

    The runs' variables are free in the first two objectives, so they never change how
    many activities are chosen; only which days.
    """
    costs: dict[int, float] = {}
    for k, t in enumerate(targets):
        n = round(t.need)
        if n < 2 or t.chain is not None or t.distinct is not None:
            continue
        days = sorted(t.days)
        cut = [days[min(len(days) - 1, (i * len(days)) // n)] for i in range(n)]
        runs: dict[int, dict[int, float]] = {}
        for x, (_, day, covers, _) in zip(xs, candidates, strict=True):
            if k in covers:
                run = sum(1 for c in cut[1:] if day >= c)
                runs.setdefault(run, {})[x] = 1.0
        for terms in runs.values():
            if len(terms) < 2:
                continue
            z = program.variable(upper=float(len(terms)))
            program.row({**terms, z: -1.0}, upper=1.0)
            costs[z] = _OFF_DAY_COST
    return costs


def _copies(candidate: _Candidate, targets: Sequence[Target]) -> float:
    """How many of one candidate a day can be of use: enough for the largest need it
    counts toward (one, for a new *distinct* value)."""
    act, _, covers, _ = candidate
    most = 1
    for k in covers:
        t = targets[k]
        if t.distinct is None:
            w = t.weight(act)
            most = max(most, math.ceil(t.need / w) if w > 0 else 1)
    return float(most)


def _counts(t: Target, act: Activity) -> bool:
    if not t.counts(act):
        return False
    if t.distinct is None:
        return True
    field, new = t.distinct
    return not act.values(field).isdisjoint(new)


def _distance(t: Target, day: dt.date, act: Activity) -> float:
    """How far ``day`` is from the nearest day ``t`` is best held on, as a share of its
    window; on an observance's day, half a day's worth more for an activity that carries
    none of the topics that go with the observance."""
    cost = 0.0
    if t.prefer:
        nearest = min(abs((day - p).days) for p in t.prefer)
        cost = nearest / max(1, len(t.window))
    related = t.related.get(day)
    if related and related.isdisjoint(act.topics):
        cost += _OFF_DAY_COST / 2
    return cost


def _chains(
    program: Program,
    targets: Sequence[Target],
    covering: dict[int, dict[int, float]],
    slack: dict[int, int],
    uncovered: frozenset[int],
) -> None:
    """One activity matches one occurrence: for each run of occurrences whose tolerances
    overlap, the activities in their windows must be at least as many as they are."""
    chains: dict[str, list[int]] = {}
    for k, t in enumerate(targets):
        if t.chain is not None and k not in uncovered:
            chains.setdefault(t.chain, []).append(k)
    for ks in chains.values():
        ks.sort(key=lambda k: targets[k].window.start)
        run: list[int] = []
        runs: list[list[int]] = []
        for k in ks:
            if run and targets[k].window.start >= targets[run[-1]].window.end:
                runs.append(run)
                run = []
            run.append(k)
        runs.append(run)
        for run in runs:
            for i in range(len(run)):
                for j in range(i + 1, len(run)):
                    part = run[i : j + 1]
                    terms: dict[int, float] = {}
                    for k in part:
                        terms.update(dict.fromkeys(covering[k], 1.0))
                        terms[slack[k]] = 1.0
                    program.row(terms, lower=float(len(part)))


def _caps(
    program: Program,
    xs: list[int],
    candidates: list[_Candidate],
    existing: Sequence[Activity],
    constraints: Constraints,
) -> None:
    """At most so many activities a day and a week for each organiser, those held included."""
    for cap, period in ((constraints.max_per_day, _same_day), (constraints.max_per_week, _monday)):
        if cap is None:
            continue
        held: dict[tuple[dt.date, str | None], int] = {}
        for a in existing:
            if a.counts:
                key = (period(a.date), a.organiser)
                held[key] = held.get(key, 0) + 1
        rows: dict[tuple[dt.date, str | None], dict[int, float]] = {}
        for x, (act, day, _, _) in zip(xs, candidates, strict=True):
            rows.setdefault((period(day), act.organiser), {})[x] = 1.0
        for key, terms in rows.items():
            program.row(terms, upper=float(max(0, cap - held.get(key, 0))))


def _same_day(day: dt.date) -> dt.date:
    return day


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
