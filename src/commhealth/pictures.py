"""Pictures of reports and assessments, as SVG to embed in a page or save as a file.

- :func:`heatmap`: one report's requirements × months, each cell coloured by status and
  marked with its symbol — the whole year at a glance.
- :func:`grid`: many reports' communities × requirements.
- :func:`points_lost`: an assessment's criteria that lost points, as bars.
- :func:`bars`: any horizontal bar chart (a ranking's totals).

Text stays text, in a CJK font stack the browser resolves, so Chinese shows without fonts
installed for the purpose; each cell's ``<title>`` holds the sentences behind it.

>>> from commhealth import check, examples, pictures
>>> example = examples.load("street")
>>> svg = pictures.heatmap(check(example.plan, example.activities, example.observations))
>>> svg.startswith("<svg") and 'class="cell missed"' in svg
True
"""

from ._views import bars, grid, heatmap, points_lost

__all__ = ["bars", "grid", "heatmap", "points_lost"]
