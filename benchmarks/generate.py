"""Synthetic city-scale workloads for the engine benchmarks: one plan, its schedule, figures.

A district health office's yearly plan for many communities (its ``children``), and a year
of activities from each community. Activities are drawn from a catalogue of activity
*templates* (a lecture on hypertension for the elderly, a family-doctor follow-up, a
patriotic-health inspection …), as real ledgers are: a city runs a few hundred kinds of
event many times over, it does not invent a new combination of kind, topics, tags and
audience for every event. The plan holds 200 requirements of mixed kinds: quotas of every
measure and cadence (some restricted to the school holidays, some *for each* community,
safety area or cadre), recurrences, deadlines, a theme calendar and a few goals with
observations.

Everything is drawn from a seeded :class:`random.Random`, so the same arguments give the
same workload, on any machine.

    >>> w = generate(10_000)
    >>> len(w.activities), len(resolve(w.plan).all_requirements())
    (10000, 200)
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from commhealth import (
    Activity,
    ActivityStatus,
    Baseline,
    Bound,
    Cadence,
    Deadline,
    Direction,
    ForEach,
    Goal,
    Measure,
    MonthlyTheme,
    NamedWindow,
    Observation,
    Organisation,
    Plan,
    Quota,
    RatioGoal,
    Recurrence,
    Requirement,
    Selector,
    Team,
    ThemeCalendar,
    TrendGoal,
    Window,
    resolve,
)

__all__ = ["Template", "Workload", "generate"]

YEAR = 2025
SPAN = Window.year(YEAR)
DAYS = len(SPAN)

KINDS = (
    "lecture",
    "consultation",
    "home-visit",
    "follow-up",
    "screening",
    "training",
    "inspection",
    "meeting",
    "campaign",
    "study",
    "submission",
    "talk",
)
TOPICS = (
    "高血压",
    "糖尿病防治",
    "结核病防治",
    "吸烟危害",
    "合理膳食",
    "心理卫生",
    "科学育儿",
    "老年性疾病防治",
    "传染病防控",
    "社区卫生公德",
    "食品卫生与营养",
    "儿童预防接种",
    "口腔保健",
    "近视防治",
    "艾滋病防治",
    "健康素养",
    "家庭急救与护理",
    "环境保护",
    "职业卫生",
    "体育健身",
)
TAGS = (
    "health-education",
    "family-doctor",
    "public-health",
    "patriotic-health",
    "publicity",
    "volunteer",
    "school",
    "elderly-care",
    "grid",
    "safety",
)
AUDIENCES = (
    "elderly",
    "children",
    "students",
    "women",
    "residents",
    "patients",
    "cadres",
    "volunteers",
)
#: The nine safety areas a for-each quota walks through (each is an activity topic too).
SAFETY_AREAS = ("消防", "交通", "食品", "用电", "燃气", "防溺水", "防诈骗", "校园", "施工")
#: Observances with a fixed date every year (no lunar calendar needed to place them).
FIXED_OBSERVANCES = (
    ("world-cancer-day", 2, 4),
    ("world-tuberculosis-day", 3, 24),
    ("world-health-day", 4, 7),
    ("childrens-immunization-day", 4, 25),
    ("world-hypertension-day", 5, 17),
    ("world-no-tobacco-day", 5, 31),
    ("national-eye-care-day", 6, 6),
    ("world-hepatitis-day", 7, 28),
    ("national-fitness-day", 8, 8),
    ("national-teeth-care-day", 9, 20),
    ("world-mental-health-day", 10, 10),
    ("world-diabetes-day", 11, 14),
    ("world-aids-day", 12, 1),
)
CADRES = tuple(f"cadre-{i:02d}" for i in range(1, 13))
HOURS = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0)


@dataclass(frozen=True)
class Template:
    """One kind of event a city runs again and again, with its typical size."""

    kind: str
    topics: frozenset[str]
    tags: frozenset[str]
    audience: frozenset[str]
    hours: float | None
    participants: int
    max_days: int
    weight: float


@dataclass(frozen=True)
class Workload:
    """A plan, its schedule and its measured figures, with what they were generated from."""

    plan: Plan
    activities: list[Activity]
    observations: list[Observation]
    templates: tuple[Template, ...]
    seed: int


def _templates(rng: random.Random, count: int = 120) -> tuple[Template, ...]:
    out: list[Template] = []
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        topics = frozenset(rng.sample(TOPICS, rng.choice((1, 1, 2))))
        if kind == "inspection" and rng.random() < 0.5:
            topics = frozenset((rng.choice(SAFETY_AREAS),))
        out.append(
            Template(
                kind=kind,
                topics=topics,
                tags=frozenset(rng.sample(TAGS, rng.choice((1, 1, 2)))),
                audience=frozenset(rng.sample(AUDIENCES, rng.choice((1, 2)))),
                hours=None if rng.random() < 0.2 else rng.choice(HOURS),
                participants=rng.choice((1, 2, 5, 20, 40, 80)),
                max_days=3 if kind == "training" else 1,
                # Some events are run far more often than others (follow-ups more than
                # trainings): a log-normal spread puts the commonest near 5% of the ledger.
                weight=rng.lognormvariate(0.0, 1.0),
            )
        )
    return tuple(out)


def _activities(
    rng: random.Random,
    n: int,
    communities: Sequence[str],
    templates: Sequence[Template],
) -> list[Activity]:
    weights = [t.weight for t in templates]
    days = [SPAN.start + dt.timedelta(days=d) for d in range(DAYS)]
    people = [frozenset((c,)) for c in CADRES]
    observance_days = [(name, dt.date(YEAR, m, d)) for name, m, d in FIXED_OBSERVANCES]
    acts: list[Activity] = []
    per = n // len(communities)
    extra = n - per * len(communities)
    for ci, community in enumerate(communities):
        count = per + (1 if ci < extra else 0)
        picks = rng.choices(templates, weights, k=count)
        neighbour = communities[(ci + 1) % len(communities)]
        dates = sorted(rng.choices(days, k=count))  # a ledger runs in date order
        for k, (t, drawn) in enumerate(zip(picks, dates, strict=True)):
            roll = rng.random()
            day, observance = drawn, None
            if roll < 0.002:
                # An observance day's event, now and then held a few days off it.
                observance, day = rng.choice(observance_days)
                if rng.random() < 0.1:
                    day += dt.timedelta(days=rng.choice((-3, 2, 9)))
                    day = min(max(day, SPAN.start), SPAN.last)
            length = rng.randint(1, t.max_days)
            end = day + dt.timedelta(days=length - 1) if length > 1 else None
            acts.append(
                Activity(
                    id=f"{community}-{k:06d}",
                    date=day,
                    kind=t.kind,
                    end=end if end is None or end <= SPAN.last else None,
                    hours=t.hours,
                    topics=t.topics,
                    tags=t.tags,
                    audience=t.audience,
                    participants=max(0, round(t.participants * rng.uniform(0.5, 1.5))),
                    people=rng.choice(people) if t.kind == "talk" else frozenset(),
                    organiser=community,
                    # Joint events: a tenth are held on a neighbouring community's ground.
                    location=neighbour if roll > 0.9 else community,
                    observance=observance,
                    status=(
                        ActivityStatus.CANCELLED
                        if roll > 0.98
                        else ActivityStatus.DONE
                        if day.month <= 6
                        else ActivityStatus.PLANNED
                    ),
                )
            )
    return acts


_FIELDS_FOR_DISTINCT = ("topics", "audience", "kind", "location", "organiser", "people", "tags")


def _selector(rng: random.Random, templates: Sequence[Template]) -> Selector:
    t = rng.choice(templates)
    shape = rng.random()
    if shape < 0.02:
        return Selector()
    if shape < 0.35:
        return Selector(kind={t.kind})
    if shape < 0.6:
        return Selector(kind={t.kind}, topics=t.topics)
    if shape < 0.75:
        return Selector(topics={*t.topics, rng.choice(TOPICS)})
    if shape < 0.85:
        return Selector(tags=t.tags)
    if shape < 0.95:
        return Selector(audience=t.audience, kind={t.kind, rng.choice(KINDS)})
    return Selector(kind={t.kind}, tags=t.tags, audience=t.audience)


def _share(select: Selector, templates: Sequence[Template]) -> tuple[float, float, float, float]:
    """The expected share of activities ``select`` picks, and their mean days, hours, people."""
    total = sum(t.weight for t in templates)
    picked = [
        t for t in templates if select.matches_signature(t.kind, t.tags, t.topics, t.audience, None)
    ]
    w = sum(t.weight for t in picked) or 1e-9
    days = sum(t.weight * (1 + t.max_days) / 2 for t in picked) / w
    hours = sum(t.weight * (t.hours or 0.0) for t in picked) / w
    people = sum(t.weight * t.participants for t in picked) / w
    return w / total, days, hours, people


def _bound(rng: random.Random, expected: float) -> Bound:
    shape = rng.random()
    lo = max(1, round(expected * rng.uniform(0.6, 1.2)))
    if shape < 0.6:
        return Bound(min=lo)
    if shape < 0.8:
        return Bound(max=max(1, round(expected * rng.uniform(0.8, 1.5))))
    return Bound(min=lo, max=lo + max(1, round(expected * 0.5)))


def _quota(
    rng: random.Random,
    i: int,
    n: int,
    communities: Sequence[str],
    templates: Sequence[Template],
) -> Quota:
    per = rng.choice(list(Cadence))
    measure = rng.choice(list(Measure))
    select = _selector(rng, templates)
    within: tuple[str, ...] = ()
    for_each: ForEach | None = None
    shape = rng.random()
    keys = 1
    if shape < 0.10:
        # Each community: a city's commonest quota ("每个社区每月至少…"), never weekly.
        per = rng.choice([c for c in Cadence if c is not Cadence.WEEK])
        for_each = ForEach(field=rng.choice(("organiser", "location")), children=True)
        keys = len(communities)
    elif shape < 0.15:
        select = Selector(kind={"inspection"})
        for_each = ForEach(field="topics", values=SAFETY_AREAS)
        keys = len(SAFETY_AREAS) * 2  # safety topics are a fraction of inspection topics
    elif shape < 0.18:
        select = Selector(kind={"talk"})
        for_each = ForEach(field="people", team="cadres")
        keys = len(CADRES)
    elif shape < 0.28:
        within = rng.choice((("winter",), ("summer",), ("winter", "summer")))
    share, days, hours, people = _share(select, templates)
    windows = len(per.windows(SPAN))
    count = n * share / windows / keys
    if within:
        count *= 0.2
    if measure is Measure.DISTINCT:
        of = rng.choice(_FIELDS_FOR_DISTINCT)
        bound = Bound(min=rng.randint(1, 4)) if rng.random() < 0.8 else Bound(max=rng.randint(2, 8))
    else:
        of = None
        scale = {
            Measure.COUNT: 1.0,
            Measure.DAYS: days,
            Measure.HOURS: hours,
            Measure.PARTICIPANTS: people,
        }[measure]
        bound = _bound(rng, count * scale)
    return Quota(
        id=f"q{i:03d}",
        title=f"配额{i:03d}",
        select=select,
        measure=measure,
        of=of,
        bound=bound,
        per=per,
        within=within,
        for_each=for_each,
    )


_RULES = (
    "FREQ=MONTHLY;BYMONTHDAY=10",
    "FREQ=WEEKLY;BYDAY=MO",
    "FREQ=MONTHLY;BYDAY=1TU",
    "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
    "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1",
)


def _recurrence(rng: random.Random, i: int, templates: Sequence[Template]) -> Recurrence:
    t = rng.choice(templates)
    return Recurrence(
        id=f"r{i:03d}",
        title=f"例行{i:03d}",
        select=Selector(kind={t.kind}, tags=t.tags),
        rule=rng.choice(_RULES),
        tolerance=rng.choice((0, 1, 2, 3)),
    )


def _deadline(rng: random.Random, i: int, templates: Sequence[Template]) -> Deadline:
    due = SPAN.start + dt.timedelta(days=rng.randrange(30, DAYS))
    if rng.random() < 0.2:
        return Deadline(
            id=f"d{i:03d}",
            title=f"期限指标{i:03d}",
            due=due,
            metric="elderly-records-coverage",
            bound=Bound(min=rng.choice((60, 80, 90))),
            unit="%",
        )
    t = rng.choice(templates)
    return Deadline(
        id=f"d{i:03d}",
        title=f"期限{i:03d}",
        due=due,
        select=Selector(kind={t.kind}, topics=t.topics, tags=t.tags),
    )


def _themes() -> ThemeCalendar:
    months = []
    for m in range(1, 13):
        names = tuple(name for name, month, _ in FIXED_OBSERVANCES if month == m)
        topics = (TOPICS[(2 * m) % len(TOPICS)], TOPICS[(2 * m + 7) % len(TOPICS)])
        months.append(MonthlyTheme(month=m, topics=topics, observances=names, min_activities=5))
    return ThemeCalendar(
        id="themes",
        title="健康教育月度主题",
        select=Selector(tags={"health-education"}),
        months=tuple(months),
    )


def _goals(rng: random.Random) -> tuple[list[Requirement], list[Observation]]:
    goals: list[Requirement] = [
        Goal(
            id="g-literacy",
            title="居民健康素养水平",
            metric="health-literacy-rate",
            bound=Bound(min=22),
            unit="%",
            baseline=Baseline(value=18.5, date=dt.date(YEAR - 1, 12, 31)),
            due=dt.date(YEAR, 12, 31),
        ),
        Goal(
            id="g-records",
            title="老年人健康档案建档率",
            metric="elderly-records-coverage",
            bound=Bound(min=90),
            unit="%",
            due=dt.date(YEAR, 6, 30),
        ),
        Goal(
            id="g-smoking",
            title="成人吸烟率",
            metric="adult-smoking-rate",
            bound=Bound(max=20),
            unit="%",
        ),
        RatioGoal(
            id="g-funding",
            title="按常住人口年人均1元",
            numerator="health-education-fund",
            denominator="residents",
            bound=Bound(min=1),
        ),
        TrendGoal(
            id="g-tb",
            title="结核病发病率逐季下降",
            metric="tb-incidence",
            direction=Direction.FALL,
            per=Cadence.QUARTER,
        ),
    ]
    obs: list[Observation] = []
    for q in range(4):
        day = dt.date(YEAR, 3 * q + 3, 28)
        obs.append(
            Observation(
                metric="health-literacy-rate",
                date=day,
                value=19 + q * rng.uniform(0.5, 1.5),
                unit="%",
            )
        )
        obs.append(
            Observation(
                metric="elderly-records-coverage",
                date=day,
                value=70 + q * rng.uniform(3, 9),
                unit="%",
            )
        )
        obs.append(Observation(metric="tb-incidence", date=day, value=40 - q * rng.uniform(-1, 3)))
    obs.append(
        Observation(
            metric="health-education-fund", date=dt.date(YEAR, 3, 1), value=1_500_000, unit="元"
        )
    )
    obs.append(
        Observation(metric="residents", date=dt.date(YEAR, 1, 1), value=1_380_000, unit="人")
    )
    return goals, obs


def generate(
    n: int,
    *,
    seed: int = 2025,
    communities: int = 100,
    requirements: int = 200,
) -> Workload:
    """A plan with ``requirements`` requirements over ``communities`` communities, and ``n``
    activities spread evenly over them and over the year.

    Args:
        n: How many activities (about 2% of them cancelled).
        seed: The seed of the random draws; the same seed gives the same workload.
        communities: How many child organisations the plan lists.
        requirements: How many requirements the plan holds in all, theme calendar included.
    """
    rng = random.Random(seed)
    templates = _templates(rng)
    kids = tuple(
        Organisation(id=f"c{i:03d}", name=f"第{i}社区", level="community", parent="district")
        for i in range(1, communities + 1)
    )
    child_ids = [c.id for c in kids]
    goals, observations = _goals(rng)
    themes = _themes()
    n_rec, n_dead = 20, 10
    n_quota = requirements - len(goals) - n_rec - n_dead - 1
    reqs: list[Requirement] = [
        _quota(rng, i, n, child_ids, templates) for i in range(1, n_quota + 1)
    ]
    reqs += [_recurrence(rng, i, templates) for i in range(1, n_rec + 1)]
    reqs += [_deadline(rng, i, templates) for i in range(1, n_dead + 1)]
    reqs += goals
    # Interleave the kinds, as a plan written by people does.
    rng.shuffle(reqs)
    plan = Plan(
        id=f"district-{YEAR}",
        title=f"区{YEAR}年社区卫生工作计划（合成）",
        organisation=Organisation(id="district", name="某区卫生健康局", level="district"),
        span=SPAN,
        windows=(
            NamedWindow(
                id="winter", title="寒假", start=dt.date(YEAR, 1, 18), end=dt.date(YEAR, 2, 17)
            ),
            NamedWindow(
                id="summer", title="暑假", start=dt.date(YEAR, 7, 5), end=dt.date(YEAR, 9, 1)
            ),
        ),
        teams=(Team(id="cadres", name="社区干部", members=CADRES),),
        children=kids,
        requirements=tuple(reqs),
        themes=themes,
    )
    acts = _activities(rng, n, child_ids, templates)
    return Workload(
        plan=plan, activities=acts, observations=observations, templates=templates, seed=seed
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Print a summary of one generated workload."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000, help="how many activities")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--communities", type=int, default=100)
    args = parser.parse_args(argv)
    w = generate(args.n, seed=args.seed, communities=args.communities)
    kinds: dict[str, int] = {}
    for r in resolve(w.plan).all_requirements():
        kinds[type(r).__name__] = kinds.get(type(r).__name__, 0) + 1
    print(f"{len(w.activities)} activities, {len(w.plan.children)} communities")
    print(", ".join(f"{v} {k}" for k, v in sorted(kinds.items())))
    print(f"{len({(a.kind, a.tags, a.topics, a.audience) for a in w.activities})} templates used")


if __name__ == "__main__":
    main()
