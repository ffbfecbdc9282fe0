"""Every sentence a report says, in every language it speaks.

Findings hold what happened — a :class:`~commhealth.Reason` and its figures — and the
words are made here, on demand, in the language asked for. Each language is one
:class:`Wording` subclass; adding a language, or rewording a sentence, is a change here
and nowhere else. The plan's own titles are kept as the plan writes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import FieldError
from ._base import Lang, Wording, figure
from ._en import English
from ._zh import Chinese

if TYPE_CHECKING:
    from .._report import Finding

__all__ = ["LANGUAGES", "Lang", "Wording", "figure", "sentence", "words"]

#: The wording of each language a report can be given in.
LANGUAGES: dict[str, Wording] = {"zh": Chinese(), "en": English()}


def words(lang: str) -> Wording:
    """The wording of ``lang`` (``"zh"`` or ``"en"``).

    Raises:
        FieldError: No wording for that language; the message lists those there are.
    """
    try:
        return LANGUAGES[lang]
    except KeyError:
        known = ", ".join(repr(k) for k in LANGUAGES)
        msg = f"'lang' must be one of {known} (got {lang!r})"
        raise FieldError("lang", msg) from None


def sentence(finding: Finding, lang: str) -> str:
    """The finding as a sentence in ``lang``."""
    return words(lang).finding(finding)
