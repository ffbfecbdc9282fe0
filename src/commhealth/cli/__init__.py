"""The ``commhealth`` command: check and score a plan, list examples, print the file schemas.

Each command lives in its own module with a ``register(sub)`` that adds its parser and sets
``run`` to the function that carries it out; this module assembles them and turns library
errors into exit status 2.
"""

from __future__ import annotations

import argparse
import difflib
import io
import sys
from collections.abc import Sequence
from typing import TextIO, cast

from .._neutral import terminal_text
from ..errors import CommhealthError, LedgerError
from . import _batch, _check, _draft, _evaluate, _propose, _reference
from ._common import NOTES

__all__ = ["main"]

_DESCRIPTION = """\
Check a community health work plan against its schedule of activities and measured
figures, and say which targets are met, on track, at risk or missed.

examples:
  commhealth check --example longyuan
  commhealth check plan.toml --activities 台账.csv --observations figures.csv
  commhealth check plan.toml --activities 台账.csv --as-of 2022-06-30 --lang en
  commhealth examples
  commhealth observances 2022
"""

_COMMANDS = (_check, _evaluate, _propose, _draft, _reference, _batch)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="commhealth",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from .. import __version__  # noqa: PLC0415 - only the parser needs it

    parser.add_argument("--version", action="version", version=f"commhealth {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in _COMMANDS:
        command.register(sub)
    return parser


class _Neutral(io.TextIOBase):
    """The command's output stream, with what a terminal would act on made visible: a
    title's escape sequence cannot recolour a line or redraw ✗ as ✓ (:func:`terminal_text`).
    """

    def __init__(self, raw: TextIO) -> None:
        self._raw = raw

    def write(self, s: str) -> int:
        self._raw.write(terminal_text(s))
        return len(s)

    def write_neutral(self, s: str) -> int:
        """Write text already made neutral (escaped JSON) without a second pass."""
        self._raw.write(s)
        return len(s)

    def flush(self) -> None:
        self._raw.flush()

    def isatty(self) -> bool:
        return self._raw.isatty()


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    out = cast("TextIO", _Neutral(out or sys.stdout))
    err = err or sys.stderr
    parser = _parser()
    given = list(sys.argv[1:] if argv is None else argv)
    unknown = _unknown_option(parser, given)
    if unknown is not None:
        err.write(f"{unknown}\n")
        return 2
    args = parser.parse_args(given)
    args.err = err  # for the notes a command writes beside its output
    notes = NOTES.set(err)
    try:
        status: int = args.run(args, out)
    except CommhealthError as e:
        text = e.render(e.lang) if isinstance(e, LedgerError) else str(e)
        err.write(f"commhealth: {terminal_text(text)}\n")
        return 2
    except BrokenPipeError:  # the reader (head, grep -m) stopped early: not an error
        return 0
    finally:
        NOTES.reset(notes)
    return status


def _unknown_option(parser: argparse.ArgumentParser, argv: Sequence[str]) -> str | None:
    """A sentence for the first option the command does not know, with the closest ones.

    argparse takes an unknown option's value for a positional argument, and then speaks of
    the argument it was taken for (``--as-off 2022-06-30``: "argument PLAN: not allowed with
    argument --example"); the option itself is named here first.
    """
    commands: dict[str, argparse.ArgumentParser] = next(
        (a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)), {}
    )
    at = next((i for i, t in enumerate(argv) if t in commands), None)
    if at is None:
        return None
    command = commands[argv[at]]
    known = [o for a in command._actions for o in a.option_strings if o.startswith("--")]
    for token in argv[at + 1 :]:
        if token == "--":
            break
        if not token.startswith("--"):
            continue
        name = token.split("=", 1)[0]
        if name in known or sum(k.startswith(name) for k in known) == 1:
            continue
        close = difflib.get_close_matches(name, known, n=2, cutoff=0.6)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        return f"{command.prog}: error: unknown option {name}{hint} (see {command.prog} --help)"
    return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
