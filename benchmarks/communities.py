"""Write a folder of N communities, one per subfolder, for ``check-all`` and its benchmark.

    python benchmarks/communities.py OUT --communities 1000

Each community is the shipped 龙苑 plan (seed 篇2) under its own id and name, with its own
year's ledger: the example's activities, a seeded share of them dropped and the rest moved
by up to three days (as ``evaluate.py`` draws them), its figures, and a score sheet for the
scheme's manual criterion. ``OUT/scheme.toml`` scores each of the plan's nine requirements
by the share of its windows met, and a rating from the score sheet, ten points each. ``--broken K`` spoils the plans of the last K communities (a cadence
that does not exist), so that a batch has inputs it must report without stopping.

Everything is drawn from a seeded :class:`random.Random`: the same arguments write the same
folder.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from pathlib import Path

import attrs

from commhealth import examples, resolve
from commhealth.evaluation import (
    Criterion,
    Grade,
    ManualScore,
    Ordinal,
    Proportional,
    RequirementFigure,
    Scheme,
    Section,
    dump_scheme,
)
from commhealth.loading import dump_plan, dumps_plan

try:  # run as a script from benchmarks/, or imported with benchmarks/ on sys.path
    from evaluate import ledger
except ImportError:  # pragma: no cover
    from .evaluate import ledger

__all__ = ["write_communities"]

_HEADERS = (
    "id",
    "date",
    "title",
    "kind",
    "topics",
    "audience",
    "participants",
    "location",
    "tags",
    "status",
)


def scheme(requirements: list[str]) -> Scheme:
    """Ten points for each requirement, in proportion to the share of its windows met, and
    ten for the assessor's rating of the records."""
    criteria = [
        Criterion(
            id=r,
            points=10,
            figure=RequirementFigure(requirement=r, measure="share_met"),
            rule=Proportional(target=1),
        )
        for r in requirements
    ]
    criteria.append(
        Criterion(
            id="records",
            points=10,
            figure=ManualScore(),
            rule=Ordinal(points={"好": 10, "中": 6, "差": 0}),
        )
    )
    grades = (Grade(name="优秀", min=90), Grade(name="良好", min=80), Grade(name="合格", min=60))
    return Scheme(
        id="batch-bench",
        sections=(Section(id="all", criteria=tuple(criteria)),),
        grades=grades,
        passing="合格",
    )


def write_communities(out: Path, n: int, *, seed: int = 2022, broken: int = 0) -> Path:
    """Write ``n`` communities under ``out`` (created; emptied first) and the scheme at
    ``out/scheme.toml``; return the scheme's path."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    example = examples.load("longyuan")
    reqs = [r.id for r in resolve(example.plan).all_requirements()]
    s = scheme(reqs)
    scheme_path = out / "scheme.toml"
    dump_scheme(s, scheme_path)
    manual = [c.id for c in s.criteria() if isinstance(c.figure, ManualScore)]
    source = examples.__path__[0]
    rng = random.Random(seed)
    width = len(str(n))
    for i in range(n):
        name = f"c{i:0{width}d}"
        folder = out / name
        folder.mkdir()
        plan = attrs.evolve(
            example.plan,
            id=f"{name}-2022",
            organisation=attrs.evolve(example.plan.organisation, id=name, name=f"社区{i}"),
        )
        if i >= n - broken:
            text = dumps_plan(plan, "toml").replace('per = "month"', 'per = "fortnight"', 1)
            (folder / "plan.toml").write_text(text, encoding="utf-8")
        else:
            dump_plan(plan, folder / "plan.toml")
        with (folder / "activities.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(_HEADERS)
            for a in ledger(example.activities, rng):
                writer.writerow(
                    (
                        a.id,
                        a.date.isoformat(),
                        a.title,
                        a.kind,
                        ";".join(sorted(a.topics)),
                        ";".join(sorted(a.audience)),
                        a.participants if a.participants is not None else "",
                        a.location or "",
                        ";".join(sorted(a.tags)),
                        a.status.value,
                    )
                )
        shutil.copy(Path(source) / "longyuan" / "observations.csv", folder / "observations.csv")
        with (folder / "scores.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(("criterion", "score"))
            writer.writerows((c, rng.choice(("好", "中", "差"))) for c in manual)
    return scheme_path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--communities", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--broken", type=int, default=0)
    args = parser.parse_args()
    scheme_path = write_communities(args.out, args.communities, seed=args.seed, broken=args.broken)
    print(f"{args.communities} communities in {args.out}; scheme: {scheme_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
