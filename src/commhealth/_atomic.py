"""Every write is atomic: a file is either the old one or the whole new one, never half.

A writer writes a temporary file beside the target (same folder, so the same file
system), flushes it to disk, and renames it over the target with :func:`os.replace`, which
POSIX and Windows do in one step. If anything fails on the way — a full disk, a value a
format refuses, an interrupted run — the temporary is removed and the target is untouched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ._neutral import encodable

__all__ = ["atomic_path", "named_input", "same_file", "write_atomic"]


def _target(path: str | os.PathLike[str]) -> Path:
    """Where the bytes go: through a symbolic link to the file it names, so that writing
    over a link updates the linked file and keeps the link."""
    p = Path(path)
    return Path(os.path.realpath(p)) if p.is_symlink() else p


def _temporary(target: Path) -> tuple[Path, int]:
    """A new file beside ``target``, created with the permissions a plain ``open`` would
    give it (0o666 less the umask), open for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        # Ends in the target's suffix: some writers choose their format by it.
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp{target.suffix}")
        try:
            return tmp, os.open(tmp, flags, 0o666)
        except FileExistsError:  # pragma: no cover - 32 random bits met an old name
            continue


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the system allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its rename is durable enough
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse fsync on a folder
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``path`` to write the whole file to; on leaving the block
    without an error it replaces ``path``, otherwise it is removed and ``path`` untouched.

    For writers that want a file name (``openpyxl``'s ``save``, ``XlsxWriter``). The
    replaced file keeps the permissions of the one it replaces.

    Raises:
        IsADirectoryError: ``path`` is a folder.
        OSError: The temporary cannot be created, written or renamed.
    """
    target = _target(path)
    if target.is_dir():
        raise IsADirectoryError(21, "is a folder, not a file", str(path))
    try:
        tmp, fd = _temporary(target)
    except OSError as e:  # name the file asked for, not the temporary
        raise _about(e, path) from None
    os.close(fd)
    try:
        yield tmp
        _finish(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(e, OSError) and e.filename is not None and str(e.filename) == str(tmp):
            raise _about(e, path) from None
        raise


def _about(e: OSError, path: str | os.PathLike[str]) -> OSError:
    """``e`` about ``path`` instead of the temporary file it happened to."""
    return type(e)(e.errno, e.strerror, os.fspath(path))


def _finish(tmp: Path, target: Path) -> None:
    fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):  # no old file, or one we may not read: keep the new mode
        os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
    os.replace(tmp, target)
    _fsync_folder(target.parent)


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8"
) -> None:
    """Write ``data`` (text in ``encoding``, with no newline translation, or bytes) to
    ``path`` atomically (see :func:`atomic_path`). Lone surrogates in text, which UTF-8
    cannot encode, are written as U+FFFD.

    Raises:
        IsADirectoryError: ``path`` is a folder.
        OSError: The file cannot be written; ``path`` is as it was.
        UnicodeEncodeError: The text cannot be encoded in ``encoding`` (never in UTF-8);
            ``path`` is as it was.
    """
    if isinstance(data, str):
        try:
            raw = data.encode(encoding)
        except UnicodeEncodeError:  # lone surrogates (a JSON "\\ud800" read in): U+FFFD
            raw = encodable(data).encode(encoding)
    else:
        raw = data
    with atomic_path(path) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0))
        try:
            _write_all(fd, raw)
        finally:
            os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd``; ``os.write`` may write less than it is given."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether ``a`` and ``b`` name one file: the same resolved path, or (both existing)
    the same file through a hard or symbolic link."""
    pa, pb = Path(a), Path(b)
    if pa.resolve() == pb.resolve():
        return True
    try:
        return os.path.samefile(pa, pb)
    except OSError:  # one of them does not exist: not the same
        return False


def named_input(
    out: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str] | None]
) -> str | None:
    """The first of ``inputs`` that ``out`` would write over, or ``None``."""
    for given in inputs:
        if given is not None and same_file(out, given):
            return os.fspath(given)
    return None
