"""The notes of a ledger as read, worded by the wording module."""

from __future__ import annotations

from ..._wording._ledger import ledger_notes

__all__ = ["ledger_notes"]
