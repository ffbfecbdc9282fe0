"""A whole district or province at once: check or score many communities on any executor.

>>> from commhealth.batch import check_many
>>> for outcome in check_many("communities/", jobs=2):   # doctest: +SKIP
...     print(outcome.community, outcome.ok, outcome.missed)

Each community is checked by a worker that reads its files itself; see :func:`check_many`.
"""

from ._community import PLAN_NAMES, Community, communities_in
from ._outcome import Outcome
from ._run import check_many, evaluate_many
from ._summary import summary_text, write_summary

__all__ = [
    "PLAN_NAMES",
    "Community",
    "Outcome",
    "check_many",
    "communities_in",
    "evaluate_many",
    "summary_text",
    "write_summary",
]
