"""Time evaluating many communities against a 40-item scheme, beside checking them.

    python benchmarks/evaluate.py                    # 100 communities
    python benchmarks/evaluate.py --communities 20

Each community is the shipped 龙苑 plan (seed 篇2) with its own year's ledger: the example's
activities, a seeded share of them dropped and the rest moved by a few days, so that the
communities score differently. The scheme has 40 criteria over the plan's requirements,
its figures, the records and attendance of its activities and a score sheet, using every
scoring rule and criteria scored on parts. For each community ``check`` and
``evaluate`` (which checks, then scores) are timed; the difference is what scoring adds.
Everything runs in this one process, on one core; ledgers are built before timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import time

import attrs

from commhealth import Activity, check, examples, resolve
from commhealth.evaluation import (
    ActivitiesFigure,
    AllOrNothing,
    Band,
    Bands,
    Criterion,
    Deduction,
    Grade,
    Linear,
    ManualScore,
    MetricFigure,
    Ordinal,
    Part,
    Penalty,
    PerUnit,
    Proportional,
    RecordsFigure,
    RequirementFigure,
    Scheme,
    ScoringRule,
    Section,
    evaluate,
)


def scheme(requirements: list[str], metrics: list[str], items: int = 40) -> Scheme:
    """A scheme of ``items`` criteria cycling over the requirements, metrics and rules."""
    rules: list[ScoringRule] = [
        Deduction(target=12, deduct=1, cap=5),
        Proportional(target=12),
        AllOrNothing(target=1),
        Bands(bands=(Band(min=0.5, points=1.25), Band(min=0.9, points=2.5))),
        PerUnit(each=1),
        Linear(low=0, high=12),
    ]
    criteria = []
    for i in range(items):
        requirement = requirements[i % len(requirements)]
        if i % 10 == 9:
            figure, rule = ManualScore(), Ordinal(points={"好": 10, "中": 6, "差": 0})
        elif i % 10 == 7:  # two deductions in one item: a count and its records
            parts = (
                Part(
                    id="count",
                    points=2.5,
                    figure=RequirementFigure(requirement=requirement),
                    rule=Deduction(target=12, deduct=0.5),
                ),
                Part(
                    id="records",
                    points=2.5,
                    figure=RecordsFigure(
                        requirement=requirement, fields=("participants",), evidence=("photo",)
                    ),
                    rule=Penalty(each=0.2),
                ),
            )
            criteria.append(Criterion(id=f"c{i}", points=2.5, parts=parts))
            continue
        elif i % 10 == 6:
            figure = ActivitiesFigure(requirement=requirement, measure="mean", field="participants")
            rule = Proportional(target=40)
        elif i % 10 == 8:
            figure, rule = MetricFigure(metric=metrics[i % len(metrics)]), AllOrNothing(target=8)
        else:
            measure = ("total", "windows_met", "share_met")[i % 3]
            figure = RequirementFigure(requirement=requirement, measure=measure)
            rule = rules[i % len(rules)]
        criteria.append(
            Criterion(id=f"c{i}", points=10 if i % 10 == 9 else 2.5, figure=figure, rule=rule)
        )
    sections = tuple(
        Section(id=f"s{k}", criteria=tuple(criteria[k * 10 : (k + 1) * 10])) for k in range(4)
    )
    grades = (Grade(name="优秀", min=90), Grade(name="良好", min=80), Grade(name="合格", min=60))
    return Scheme(id="bench", sections=sections, grades=grades, passing="合格")


def ledger(base: tuple[Activity, ...], rng: random.Random) -> tuple[Activity, ...]:
    """The example's activities, a share dropped and the rest moved by up to three days."""
    kept = [a for a in base if rng.random() > 0.15]
    out = []
    for a in kept:
        shift = dt.timedelta(days=rng.randint(-3, 3))
        day = a.date + shift
        if day.year != a.date.year:
            day = a.date
        end = None if a.end is None else max(day, a.end + shift)
        out.append(attrs.evolve(a, date=day, end=end))
    return tuple(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--communities", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--repeat", type=int, default=5, help="rounds; the best is reported")
    args = parser.parse_args()
    example = examples.load("longyuan")
    resolved = resolve(example.plan)
    reqs = [r.id for r in resolved.all_requirements()]
    metrics = sorted({o.metric for o in example.observations})
    s = scheme(reqs, metrics)
    rng = random.Random(args.seed)
    ledgers = [ledger(example.activities, rng) for _ in range(args.communities)]
    sheets = [
        {
            c.id: rng.choice(["好", "中", "差"])
            for c in s.criteria()
            if isinstance(c.figure, ManualScore)
        }
        for _ in ledgers
    ]
    checked = evaluated = float("inf")
    totals: list[float] = []
    # Best of several rounds, each check and evaluate round after the other, so that a burst
    # of other work on the machine does not land on one side only.
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for acts in ledgers:
            check(resolved, acts, example.observations)
        checked = min(checked, time.perf_counter() - t0)
        t0 = time.perf_counter()
        totals = [
            evaluate(resolved, acts, example.observations, scheme=s, scores=sheet).total
            for acts, sheet in zip(ledgers, sheets, strict=True)
        ]
        evaluated = min(evaluated, time.perf_counter() - t0)
    print(
        f"machine: {platform.processor() or platform.machine()}; Python {platform.python_version()}"
    )
    print(
        f"{args.communities} communities, {len(s.criteria())} criteria, {len(reqs)} requirements each"
    )
    print(f"best of {args.repeat} rounds")
    print(f"check:    {checked:.3f} s ({checked / args.communities * 1000:.2f} ms a community)")
    print(f"evaluate: {evaluated:.3f} s (check included)")
    print(
        f"scoring adds {evaluated - checked:.3f} s, {100 * (evaluated - checked) / checked:.0f}% of the check"
    )
    print(f"totals from {min(totals):.1f} to {max(totals):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
