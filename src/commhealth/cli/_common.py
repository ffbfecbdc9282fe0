"""What the commands share: dates, the plan-and-ledger arguments, loading them, JSON output."""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from .._activities import Activity
    from .._observations import Observation
    from .._plan import Plan


def parse_date(text: str) -> dt.date:
    """A day from the command line, in any form a ledger's date cell takes (2022-06-30,
    2022/6/30, 2022.6.30, 2022年6月30日), or an argparse error that says how to write one."""
    from ..loading.ledgers._values import read_date  # noqa: PLC0415 - only when given

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        read = read_date(text)
        if read is not None and read.end is None and not read.year_supplied:
            return read.day
        msg = f"not a date: {text!r}; write YYYY-MM-DD, e.g. 2022-06-30"
        raise argparse.ArgumentTypeError(msg) from None


def format_and_lang(
    parser: argparse.ArgumentParser,
    lang_default: str = "the plan's",
    formats: tuple[str, ...] = ("text", "json"),
) -> None:
    """The ``--format`` (``text`` or ``json``, or those ``formats`` name) and ``--lang
    zh|en`` options."""
    pictures = {
        "html": "html a page to open or print",
        "svg": "svg a picture",
    }
    more = "; ".join(pictures[f] for f in formats if f in pictures)
    parser.add_argument(
        "--format",
        choices=formats,
        default="text",
        help="output format (default: text)" + (f"; {more}" if more else ""),
    )
    parser.add_argument(
        "--lang", choices=("zh", "en"), help=f"language of messages (default: {lang_default})"
    )


def inputs_arguments(
    parser: argparse.ArgumentParser, verb: str, formats: tuple[str, ...] = ("text", "json")
) -> None:
    """The plan (or a shipped example), its ledger and figures, the day, format and language."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "plan", nargs="?", metavar="PLAN", help="the plan file (.toml, .json, .yaml)"
    )
    source.add_argument(
        "--example",
        metavar="NAME",
        help=f"{verb} a plan shipped with commhealth, with its own schedule (see 'commhealth examples')",
    )
    parser.add_argument(
        "--activities",
        metavar="FILE",
        help="the activity ledger (.csv, .xlsx, .xls, .ods with English or Chinese headers; .json, .toml)",
    )
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="read only this sheet of a spreadsheet ledger (default: every sheet holding a ledger)",
    )
    parser.add_argument("--observations", metavar="FILE", help="measured figures (.csv or .json)")
    parser.add_argument(
        "--as-of", type=parse_date, metavar="YYYY-MM-DD", help=f"{verb} progress as of this day"
    )
    format_and_lang(parser, formats=formats)


@contextlib.contextmanager
def native_stderr_quiet() -> Iterator[None]:
    """While reading a ledger, hold what native code writes to the process's stderr, and
    drop it if the reading fails.

    The spreadsheet reader's Rust code prints a panic, with a stack backtrace when
    ``RUST_BACKTRACE`` is set, before it turns into an error; the error says what went
    wrong, so the command prints that alone. The command owns its process, so it may
    borrow file descriptor 2 for the while; the library never does.
    """
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no descriptor 2 to borrow
        yield
        return
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        failed = True
        try:
            yield
            failed = False
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            if not failed:
                held.seek(0)
                os.write(2, held.read())


def inputs(args: argparse.Namespace) -> tuple[Plan, Sequence[Activity], Sequence[Observation]]:
    """The plan, its activities and its figures the arguments name."""
    from ..errors import LedgerError  # noqa: PLC0415
    from ..loading import load_plan, read_activities, read_observations  # noqa: PLC0415

    activities: Sequence[Activity] = ()
    observations: Sequence[Observation] = ()
    if args.example is not None:
        from .. import examples  # noqa: PLC0415

        example = examples.load(args.example)
        plan, activities, observations = example.plan, example.activities, example.observations
    else:
        plan = load_plan(args.plan)
    err: TextIO | None = getattr(args, "err", None)
    lang = getattr(args, "lang", None) or plan.language
    if args.activities is not None:
        try:
            with native_stderr_quiet():
                ledger = read_activities(
                    args.activities, sheet=getattr(args, "sheet", None), year=plan.span.start.year
                )
        except LedgerError as e:
            e.lang = lang  # told in the plan's language, or the one asked for
            raise
        _notes(err, ledger.notes(lang))
        activities = ledger.records
    if args.observations is not None:
        with native_stderr_quiet():
            figures = read_observations(args.observations)
        _notes(err, figures.notes(lang))
        observations = figures.records
    if args.example is None:
        _notes(err, _missing_inputs(plan, args, lang))
    return plan, activities, observations


def _missing_inputs(plan: Plan, args: argparse.Namespace, lang: str) -> list[str]:
    """Notes for a ledger or figures the plan needs and the command was not given."""
    from .._goals import Goal, RatioGoal, TrendGoal  # noqa: PLC0415
    from .._requirements import Deadline  # noqa: PLC0415
    from .._wording._ledger import missing_input_note  # noqa: PLC0415

    notes = []
    requirements = plan.requirements
    counted = any(not isinstance(r, Goal | RatioGoal | TrendGoal) for r in requirements)
    if args.activities is None and (counted or plan.themes is not None):
        notes.append(missing_input_note("activities", lang))
    measured = any(
        isinstance(r, Goal | RatioGoal | TrendGoal)
        or (isinstance(r, Deadline) and r.metric is not None)
        for r in requirements
    )
    if getattr(args, "observations", None) is None and measured:
        notes.append(missing_input_note("figures", lang))
    return notes


def _notes(err: TextIO | None, notes: list[str]) -> None:
    """How a ledger was read, when a person should know (an encoding, a header lower down)."""
    if err is not None:
        for note in notes:
            err.write(f"commhealth: note: {note}\n")


def plan_or_example(name: str) -> Plan:
    """The plan file ``name``, or the shipped example of that name when no such file exists."""
    from .. import examples  # noqa: PLC0415
    from ..loading import load_plan  # noqa: PLC0415

    if not Path(name).exists() and name in examples.names():
        return examples.load(name).plan
    return load_plan(name)


def write_json(out: TextIO, data: Any) -> None:
    """``data`` as JSON that keeps Chinese readable: objects and lists indented down to
    the items of a list (a report's findings), each item on one line.

    Each line is encoded by the json module's C encoder; ``indent`` would send the whole
    document through its pure-Python one, a tenth of a city's check. The JSON is valid
    whatever the data holds: non-finite figures are written as ``null``, with a note on
    the command's stderr, and controls as ``\\u`` escapes (:func:`commhealth._neutral.json_text`).
    """
    from .._neutral import escape_json, finite  # noqa: PLC0415

    try:  # walking the data costs more than the encoding; only when a figure needs it
        text = _json_lines(data, "")
    except ValueError:
        clean, nulls = finite(data)
        text = _json_lines(clean, "")
        _note_nulls(nulls)
    # Escaped JSON holds nothing a terminal acts on: spare the output stream its own pass.
    getattr(out, "write_neutral", out.write)(escape_json(text) + "\n")


def json_file(data: Any) -> str:
    """``data`` as the text of a JSON file (indented, valid; see :func:`write_json`)."""
    from .._neutral import json_text_counted  # noqa: PLC0415

    text, nulls = json_text_counted(data)
    _note_nulls(nulls)
    return text


#: Where notes go while a command runs (its ``err``); stderr outside one.
NOTES: contextvars.ContextVar[TextIO | None] = contextvars.ContextVar("notes", default=None)


def _note_nulls(nulls: int) -> None:
    if nulls:
        (NOTES.get() or sys.stderr).write(
            f"commhealth: note: {nulls} figure{'s' if nulls > 1 else ''} too large or undefined "
            "for JSON (infinite or NaN) written as null\n"
        )


_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), allow_nan=False).encode


def _json_lines(data: Any, margin: str) -> str:
    inner = margin + "  "
    if isinstance(data, dict) and data:
        items = (f"{inner}{_ONE_LINE(str(k))}: {_json_lines(v, inner)}" for k, v in data.items())
        return "{\n" + ",\n".join(items) + f"\n{margin}}}"
    if isinstance(data, list) and data and isinstance(data[0], dict | list):
        return "[\n" + ",\n".join(inner + _ONE_LINE(v) for v in data) + f"\n{margin}]"
    return _ONE_LINE(data)


#: The arguments that name a command's input files, whichever command it is.
_INPUTS = (
    "plan",
    "activities",
    "observations",
    "mapping",
    "scheme",
    "scores",
    "text",
    "vocabulary",
)


def check_out(
    args: argparse.Namespace, out: str | None = None, example: str = "report.xlsx"
) -> None:
    """Refuse an ``--out`` (or ``out``) that names a folder or one of the command's own
    input files (the same path, or the same file through a link), in ``--lang``'s words
    (English without one, as the command's other errors).

    Raises:
        LedgerError: The path is a folder or an input; nothing has been written.
    """
    from .._atomic import named_input  # noqa: PLC0415
    from .._wording import words  # noqa: PLC0415
    from ..errors import LedgerError, Problem  # noqa: PLC0415

    target = out if out is not None else args.out
    w = words("zh" if getattr(args, "lang", None) == "zh" else "en")
    if Path(target).is_dir():
        msg = w.label("out_is_folder").format(out=target, example=Path(target) / example)
        raise LedgerError([Problem(path="--out", message=msg)], source=str(target))
    given = named_input(target, (getattr(args, name, None) for name in _INPUTS))
    if given is not None:
        msg = w.label("out_is_input").format(out=target, given=given)
        raise LedgerError([Problem(path="--out", message=msg)], source=str(target))


def write_out(args: argparse.Namespace, writers: Mapping[str, Callable[[Path], object]]) -> None:
    """Write ``--out`` with the writer its suffix names, and say so on stderr.

    Each writer replaces the file in one step (:mod:`commhealth._atomic`), so a failed
    write leaves the old file as it was; an ``--out`` that is a folder or one of the
    command's inputs is refused before anything is written (:func:`check_out`).

    Raises:
        LedgerError: No writer takes the suffix (the message lists those that do), the
            path is a folder or an input, or the file cannot be written.
    """
    from ..errors import LedgerError, Problem  # noqa: PLC0415

    path = Path(args.out)
    suffix = path.suffix.lower()
    write = writers.get(suffix)
    if write is None:
        known = list(writers)
        listed = f"{', '.join(known[:-1])} or {known[-1]}" if len(known) > 1 else known[0]
        msg = f"cannot write {suffix or 'a file with no suffix'}; write {listed}"
        raise LedgerError([Problem(path="--out", message=msg)], source=str(path))
    check_out(args)
    try:
        write(path)
    except OSError as e:
        msg = f"cannot write the file: {e}"
        raise LedgerError([Problem(path="--out", message=msg)], source=str(path)) from None
    args.err.write(f"commhealth: wrote {path}\n")
