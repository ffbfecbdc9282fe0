"""The ids a finding counted, held as spans of its series until they are read."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt

    Ints = npt.NDArray[np.signedinteger[Any]]

__all__ = ["ActivityIds"]

_NONE = np.zeros(0, np.int64)
_NO_IDS: npt.NDArray[np.object_] = np.zeros(0, object)


class ActivityIds(Sequence[str]):
    """The ids of the activities a finding counted: a view over the schedule, laid out
    as strings only when read. It compares, hashes and pickles as the tuple it stands for."""

    __slots__ = ("_ids", "_made", "_positions", "_spans")

    def __init__(
        self,
        ids: npt.NDArray[np.object_],
        positions: Callable[[], Ints],
        spans: Sequence[tuple[int, int]],
    ) -> None:
        # The ids of positions()[i:j] for each span (i, j), one span after another.
        self._ids = ids
        self._positions: Callable[[], Ints] | None = positions
        self._spans = spans
        self._made: tuple[str, ...] | None = None

    def _tuple(self) -> tuple[str, ...]:
        if self._made is None:
            assert self._positions is not None
            ids, where = self._ids, self._positions()
            if len(self._spans) == 1:
                i, j = self._spans[0]
                picked = where[i:j]
            else:
                picked = np.concatenate([where[i:j] for i, j in self._spans] or [_NONE])
            self._made = tuple(ids[picked].tolist())
            self._ids, self._positions, self._spans = _NO_IDS, None, ()  # let the schedule go
        return self._made

    def __len__(self) -> int:
        if self._made is not None:
            return len(self._made)
        return sum(j - i for i, j in self._spans)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[str, ...]: ...

    def __getitem__(self, i: int | slice) -> str | tuple[str, ...]:
        return self._tuple()[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tuple())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ActivityIds):
            return self._tuple() == other._tuple()
        if isinstance(other, tuple):
            return self._tuple() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._tuple())

    def __repr__(self) -> str:
        return repr(self._tuple())

    def __reduce__(self) -> tuple[Callable[..., tuple[str, ...]], tuple[tuple[str, ...]]]:
        return (tuple, (self._tuple(),))
