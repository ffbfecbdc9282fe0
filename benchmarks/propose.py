"""Time proposing a year's activities: one community with daily slots, and twenty
communities sharing a street office's day cap.

    python benchmarks/propose.py
    python benchmarks/propose.py --runs 1

*One community*: the shipped 龙苑 plan (seed 篇2) with the street's twelve-month theme
calendar (its observance days included), a study session every Monday and a meeting on
the 10th of every month added, and nothing held yet: a plan review of the whole year,
working days only, at most one activity a day (every day of the year is a slot).

*Twenty communities*: a street office's plan whose inspection team visits each of its
twenty communities every month (a quota *for each* child organisation, 240 visits), holds
its own twelve health lectures and a Monday study, working days only, at most two
activities a day for the team: the communities compete for the same days.

Each case is timed end to end (`propose`: the check, building the program, three HiGHS
solves, the proposal), best of ``--runs``, in this one process.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable

import attrs

from commhealth import (
    Bound,
    Cadence,
    Constraints,
    ForEach,
    Organisation,
    Plan,
    Proposal,
    Quota,
    Recurrence,
    Selector,
    Window,
    examples,
    propose,
)


def one_community() -> Plan:
    """The 龙苑 plan with the street's theme calendar, a Monday study and a monthly meeting."""
    longyuan = examples.load("longyuan").plan
    street = examples.load("street").plan
    extra = (
        Recurrence(id="monday-study", select=Selector(kind={"study"}), rule="FREQ=WEEKLY;BYDAY=MO", tolerance=1),
        Recurrence(id="meeting-10th", select=Selector(kind={"meeting"}), rule="FREQ=MONTHLY;BYMONTHDAY=10", tolerance=2),
    )  # fmt: skip
    return attrs.evolve(longyuan, requirements=longyuan.requirements + extra, themes=street.themes)


def twenty_communities() -> Plan:
    """A street office visiting each of twenty communities every month, with its own work."""
    children = tuple(Organisation(id=f"c{i:02d}", name=f"community {i}") for i in range(1, 21))
    reqs = (
        Quota(
            id="visits",
            select=Selector(kind={"inspection"}),
            bound=Bound(min=1),
            per=Cadence.MONTH,
            for_each=ForEach(field="location", children=True),
        ),
        Quota(id="lectures", select=Selector(kind={"lecture"}), bound=Bound(min=1), per=Cadence.MONTH),
        Recurrence(id="monday-study", select=Selector(kind={"study"}), rule="FREQ=WEEKLY;BYDAY=MO", tolerance=2),
    )  # fmt: skip
    return Plan(
        id="street-2022",
        organisation=Organisation(id="street", level="street"),
        span=Window.year(2022),
        children=children,
        requirements=reqs,
    )


def best(runs: int, fn: Callable[[], Proposal]) -> tuple[float, Proposal]:
    """The shortest of ``runs`` timings of ``fn``, and its result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    assert result is not None
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timings per case (default: 3)")
    args = parser.parse_args()
    daily = Constraints(workdays_only=True, max_per_day=1)
    cases = [
        ("one community, a year of daily slots", one_community(), daily),
        (
            "twenty communities sharing a day cap",
            twenty_communities(),
            Constraints(workdays_only=True, max_per_day=2),
        ),
        ("one community, no cap", one_community(), Constraints(workdays_only=True)),
    ]
    print(f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    for name, plan, constraints in cases:
        seconds, proposal = best(
            args.runs, lambda p=plan, c=constraints: propose(p, (), constraints=c)
        )
        print(
            f"{name}: {len(proposal.activities)} activities proposed, "
            f"{len(proposal.infeasible)} targets infeasible, {seconds:.2f} s"
        )


if __name__ == "__main__":
    main()
