"""Chinese numerals and amounts read through ``cn2an``, the optional ``draft`` extra.

``cn2an`` converts 二, 两, 十, 二十六, 六十, 46万 and mixed forms; it is imported on first
use so that ``import commhealth`` stays light, and its absence is reported as an error a
person can act on. Its warnings about text it cannot read are turned into a ``None``.
"""

from __future__ import annotations

import functools
import importlib
import warnings
from types import ModuleType

from ..errors import DraftError

__all__ = ["number"]

_INSTALL = 'pip install "commhealth[draft]"'


@functools.cache
def _cn2an() -> ModuleType:
    try:
        return importlib.import_module("cn2an")
    except ImportError as e:
        msg = f"drafting a plan reads Chinese numerals with the optional package cn2an, which is not installed: {_INSTALL}"
        raise DraftError(msg) from e


def number(text: str) -> float | None:
    """The value of a numeral such as ``"二十六"``, ``"26"``, ``"两"`` or ``"46万"``, or ``None``.

    Raises:
        DraftError: ``cn2an`` is not installed.
    """
    text = text.strip()
    if not text:
        return None
    module = _cn2an()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = module.cn2an(text, "smart")
        except (ValueError, KeyError, IndexError, TypeError):
            return None
    return float(value)
