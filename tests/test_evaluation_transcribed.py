"""A published table's health-education section, transcribed and run on a centre's ledger:
every item as an assessor with a calculator scores it."""

from __future__ import annotations

from pathlib import Path

import pytest

from commhealth import load_activities, load_plan
from commhealth.evaluation import evaluate, load_scheme, load_scores

DATA = Path(__file__).parent / "data"

#: tests/data/centre/activities.csv scored by hand against tests/data/health-education-1.2.toml.
BY_HAND = {
    "1.2.1": 4.0,  # plan 有 (2) and summary 有 (2), from the score sheet
    "1.2.2": 2.0,  # 中医 material 有
    "1.2.3": 7.0,  # 10 distinct printed kinds (控烟折页 twice counts once): 2 short × 0.5;
    #               4 audio-visual kinds: 2 short × 0.5; 9 − 2
    "1.2.4a": 3.0,  # 2 boards, 2 asked
    "1.2.4b": 4.0,  # 5 changes, 4 asked
    "1.2.4c": 3.0,  # one change (B03) has no photo: 4 − 1
    "1.2.5a": 5.0,  # 5 consultations, 6 asked: 6 − 1
    "1.2.5b": 5.0,  # one (C03) has no sign-in sheet: 6 − 1
    "1.2.6a": 10.0,  # 10 lectures, 12 asked: 12 − 2
    "1.2.6b": 5.8,  # 290 listeners over 10 lectures, 29 a lecture: 29 / 30 × 6
    "1.2.6c": 0.8,  # L03 no photo, L07 no photo nor sign-in, L09 no topic: 4 items × 0.8 off 4
}


@pytest.fixture
def assessment() -> object:
    plan = load_plan(DATA / "centre" / "plan.toml")
    activities = load_activities(DATA / "centre" / "activities.csv")
    scheme = load_scheme(DATA / "health-education-1.2.toml")
    scores = load_scores(DATA / "centre" / "scores.csv")
    return evaluate(plan, activities, scheme=scheme, scores=scores)


def test_item_by_item_as_by_hand(assessment: object) -> None:
    assert BY_HAND == {s.criterion: s.points for s in assessment.scores}  # type: ignore[attr-defined]
    assert (49.6, 60) == (assessment.total, assessment.maximum)  # type: ignore[attr-defined]


def test_the_figures_come_from_the_ledger(assessment: object) -> None:
    """The counts, the mean attendance and the records are the ledger's, not the sheet's."""
    figures = {s.criterion: s.figure for s in assessment.scores}  # type: ignore[attr-defined]
    assert (5.0, 1.0, 10.0, 29.0, 4.0) == (
        figures["1.2.4b"],
        figures["1.2.4c"],
        figures["1.2.6a"],
        figures["1.2.6b"],
        figures["1.2.6c"],
    )


def test_a_station_is_held_to_its_own_bars() -> None:
    """The same year at a 站: 6 lectures asked (2 off each), 10 listeners, 0.4 a record item."""
    import attrs

    plan = load_plan(DATA / "centre" / "plan.toml")
    station = attrs.evolve(plan, organisation=attrs.evolve(plan.organisation, level="station"))
    a = evaluate(
        station,
        load_activities(DATA / "centre" / "activities.csv"),
        scheme=load_scheme(DATA / "health-education-1.2.toml"),
        scores=load_scores(DATA / "centre" / "scores.csv"),
    )
    points = {s.criterion: s.points for s in a.scores}
    assert (12.0, 6.0, 2.4, 3.0) == (
        points["1.2.6a"],
        points["1.2.6b"],
        points["1.2.6c"],
        points["1.2.4a"],
    )
