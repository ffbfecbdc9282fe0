"""Evaluation criteria: score a community's work the way its assessors do (考核评分).

This first part holds the scoring rules (评分方法) an assessor's table applies to each
criterion's figure: all or nothing, a deduction per shortfall with its cap, proportional,
linear, bands, points per unit and ratings mapped to points. Each gives between 0 and the
criterion's points, with the arithmetic kept as figures:

>>> from commhealth.evaluation import Deduction
>>> score = Deduction(target=12, deduct=1).score(10, out_of=12)
>>> score.points, score.facts["shortfall"], score.facts["deducted"]
(10.0, 2.0, 2.0)
"""

from .._scheme import (
    NUMBER_FIELDS,
    RECORD_FIELDS,
    ActivitiesFigure,
    Criterion,
    Figure,
    Grade,
    ManualScore,
    MetricFigure,
    Part,
    RecordsFigure,
    RequirementFigure,
    Scheme,
    Section,
)
from .._scoresheet import ScoreEntry, ScoreSheet
from .._scoring import (
    RULE_KINDS,
    AllOrNothing,
    Band,
    Bands,
    Deduction,
    Linear,
    Ordinal,
    Penalty,
    PerUnit,
    Proportional,
    Score,
    ScoringRule,
)
from ..loading.ledgers._scores import load_scores
from ..loading.plans._schemes import dump_scheme, dumps_scheme, load_scheme, loads_scheme
from ._assessment import Assessment, CriterionScore, SectionScore
from ._contract import assessment_schema
from ._evaluate import evaluate, evaluate_children
from ._problems import scheme_problems, sheet_problems
from ._ranking import Ranking, rank

__all__ = [
    "NUMBER_FIELDS",
    "RECORD_FIELDS",
    "RULE_KINDS",
    "ActivitiesFigure",
    "AllOrNothing",
    "Assessment",
    "Band",
    "Bands",
    "Criterion",
    "CriterionScore",
    "Deduction",
    "Figure",
    "Grade",
    "Linear",
    "ManualScore",
    "MetricFigure",
    "Ordinal",
    "Part",
    "Penalty",
    "PerUnit",
    "Proportional",
    "Ranking",
    "RecordsFigure",
    "RequirementFigure",
    "Scheme",
    "Score",
    "ScoreEntry",
    "ScoreSheet",
    "ScoringRule",
    "Section",
    "SectionScore",
    "assessment_schema",
    "dump_scheme",
    "dumps_scheme",
    "evaluate",
    "evaluate_children",
    "load_scheme",
    "load_scores",
    "loads_scheme",
    "rank",
    "scheme_problems",
    "sheet_problems",
]
