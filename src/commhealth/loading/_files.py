"""Opening input files safely: regular files only, of a bounded size, decoded with care.

A path that names a FIFO, a device (``/dev/zero``) or a directory is refused before it is
opened, since reading it could block forever or never end; a file past its size limit is
refused before it is read. Text is UTF-8 (with or without a byte-order mark); ledgers and
score sheets saved by Excel on a Chinese Windows are GB18030 (a superset of GBK and
GB2312), tried when UTF-8 fails.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import Problem

__all__ = ["LEDGER_ENCODINGS", "FileProblem", "decode_text", "read_bytes"]

#: The encodings a ledger is tried in, in order, by the names reports show.
LEDGER_ENCODINGS = ("UTF-8", "GB18030")

_HOW_TO_SAVE = (
    "save it as UTF-8 (in Excel: File > Save As > 'CSV UTF-8 (Comma delimited)'; "
    "in a text editor: choose the encoding UTF-8)"
)


class FileProblem(Exception):  # noqa: N818 - carries a Problem to the loader, never escapes
    """A file cannot be read; each loader raises its own error class with ``problem``."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.3g} MiB" if n >= 1024 * 1024 else f"{n:,} bytes"


def read_bytes(path: Path, limit: int, *, where: str = "file") -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes.

    Raises:
        FileProblem: The path is missing, is not a regular file, or is too large.
    """
    try:
        info = path.stat()  # follows links: a link to /dev/zero is a device
    except OSError as e:
        raise FileProblem(
            Problem(path=where, message=f"cannot read the file: {e.strerror or e}")
        ) from None
    except ValueError as e:  # a NUL in the name, from an upload's file name
        raise FileProblem(Problem(path=where, message=f"cannot read the file: {e}")) from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        msg = f"cannot read {path.name!r}: it is {kind} (a FIFO, device or socket is never read)"
        raise FileProblem(Problem(path=where, message=msg))
    if info.st_size > limit:
        msg = f"the file is {_size(info.st_size)}, more than the {_size(limit)} commhealth reads"
        raise FileProblem(Problem(path=where, message=msg))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            data = f.read(limit + 1)  # the file may have grown since it was measured
    except OSError as e:
        raise FileProblem(
            Problem(path=where, message=f"cannot read the file: {e.strerror or e}")
        ) from None
    if len(data) > limit:
        msg = f"the file is more than the {_size(limit)} commhealth reads"
        raise FileProblem(Problem(path=where, message=msg))
    return data


def decode_text(
    data: bytes, encodings: tuple[str, ...] = ("UTF-8",), *, where: str = "file"
) -> tuple[str, str]:
    """The text of ``data`` and the name of the first of ``encodings`` that decodes it.

    A UTF-8 byte-order mark is dropped.

    Raises:
        FileProblem: No encoding decodes it; the message names those tried and how to save
            the file as UTF-8.
    """
    first_error: UnicodeDecodeError | None = None
    for name in encodings:
        codec = "utf-8-sig" if name == "UTF-8" else name.lower()
        try:
            return data.decode(codec), name
        except UnicodeDecodeError as e:
            first_error = first_error or e
    assert first_error is not None
    tried = " or ".join(encodings)
    msg = (
        f"cannot read the file as {tried}: byte {first_error.start + 1} "
        f"(0x{data[first_error.start]:02x}) is not valid text; {_HOW_TO_SAVE}"
    )
    raise FileProblem(Problem(path=where, message=msg))
