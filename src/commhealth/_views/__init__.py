"""The renderings of reports, assessments and rankings: text, HTML and SVG pictures, all
from one view of what matters first."""

from ._groups import MARKS, RequirementView, requirement_views
from ._html import assessment_fragment, page, ranking_fragment, report_fragment
from ._svg import bars, grid, heatmap, points_lost
from ._text import render_text

__all__ = [
    "MARKS",
    "RequirementView",
    "assessment_fragment",
    "bars",
    "grid",
    "heatmap",
    "page",
    "points_lost",
    "ranking_fragment",
    "render_text",
    "report_fragment",
    "requirement_views",
]
