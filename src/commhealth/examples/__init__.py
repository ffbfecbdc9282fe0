"""Plans shipped with commhealth, each with a year's schedule and measured figures.

>>> from commhealth import examples
>>> "longyuan" in examples.names()
True
>>> example = examples.load("longyuan")
>>> example.plan.id
'longyuan-2022'
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

import attrs

from .._observations import Observation
from .._plan import Plan
from .._schedule import Schedule
from .._scheme import Scheme
from .._scoresheet import ScoreSheet
from ..errors import UnknownExampleError
from ..loading.ledgers._read import load_activities, load_observations
from ..loading.ledgers._scores import load_scores
from ..loading.plans._plans import load_plan
from ..loading.plans._schemes import load_scheme

__all__ = ["Example", "UnknownExampleError", "load", "names"]


@attrs.frozen(kw_only=True)
class Example:
    """A shipped plan with its schedule (activities) and measured figures (observations),
    and, where its assessors' scheme is shipped too, the scheme and the assessor's score
    sheet (the street office scores its communities: ``examples.load("street")``)."""

    name: str
    plan: Plan
    activities: Schedule
    observations: tuple[Observation, ...]
    scheme: Scheme | None = None
    scores: ScoreSheet | None = None


def _root() -> Traversable:
    return resources.files(__name__)


def names() -> tuple[str, ...]:
    """The names of the shipped examples, sorted."""
    return tuple(
        sorted(
            p.name for p in _root().iterdir() if p.is_dir() and p.joinpath("plan.toml").is_file()
        )
    )


def load(name: str) -> Example:
    """Load the shipped example ``name`` (one of :func:`names`).

    Raises:
        UnknownExampleError: No example has that name; the message lists those there are.
    """
    folder = _root().joinpath(name)
    if name not in names():
        raise UnknownExampleError(name, names())
    with resources.as_file(folder) as path:
        plan = load_plan(path / "plan.toml")
        acts = (
            load_activities(path / "activities.csv")
            if (path / "activities.csv").is_file()
            else Schedule()
        )
        obs = (
            load_observations(path / "observations.csv")
            if (path / "observations.csv").is_file()
            else ()
        )
        scheme = load_scheme(path / "scheme.toml") if (path / "scheme.toml").is_file() else None
        scores = load_scores(path / "scores.csv") if (path / "scores.csv").is_file() else None
    return Example(
        name=name, plan=plan, activities=acts, observations=obs, scheme=scheme, scores=scores
    )
