"""Drafting: a plan proposed from its Chinese text, each requirement quoting its sentence.

``draft(text)`` reads a plan as it is written (全年健教活动不少于10次, 每月10日的通讯员例会,
六月底前 … 全部完成, a 时间安排 of monthly themes) and proposes, for each section (篇), a plan
whose every requirement carries the sentence it came from, a confidence and the phrase that
set each field. Fields it cannot decide are listed as to-dos, never guessed silently;
sentences with targets it cannot read are listed too.

Chinese numerals are read with ``cn2an`` and ``.docx`` files with ``python-docx``: the
``commhealth[draft]`` extra, imported only when a draft is made.
"""

from ._compare import Comparison, TargetMatch, compare, quotes_from_plan_file
from ._document import read_document
from ._draft import Draft, DraftedSection, draft
from ._model import DraftedRequirement, DraftedThemes, FieldSource, Sentence, Todo, Unread
from ._vocabulary import Term, Vocabulary, default_vocabulary, load_vocabulary

__all__ = [
    "Comparison",
    "Draft",
    "DraftedRequirement",
    "DraftedSection",
    "DraftedThemes",
    "FieldSource",
    "Sentence",
    "TargetMatch",
    "Term",
    "Todo",
    "Unread",
    "Vocabulary",
    "compare",
    "default_vocabulary",
    "draft",
    "load_vocabulary",
    "quotes_from_plan_file",
    "read_document",
]
