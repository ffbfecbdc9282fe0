"""``commhealth draft``: propose a plan file from a plan's Chinese text."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..drafting import DraftedSection


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    draft = sub.add_parser(
        "draft",
        help="propose a plan file from a plan's text (.txt, .md, .docx)",
        description=(
            "Read a plan as it is written and propose a plan file for each section: "
            "requirements with the sentence each came from, a '# TODO' above every field "
            "left to decide, and the sentences with targets that could not be read.\n\n"
            "With --out FILE and several sections, each is written beside FILE as "
            "STEM-N.SUFFIX; with --section N only that one is written to FILE. Without "
            "--out, one section is printed, several are summarised.\n\n"
            "Exit status: 0 when every field was decided and every target read, 1 when the "
            "draft leaves TODOs or unread targets, 2 when the text cannot be read."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    draft.add_argument("text", metavar="PLAN", help="the plan's text: .txt, .md or .docx")
    draft.add_argument(
        "--section", type=int, metavar="N", help="draft only section N of the document"
    )
    draft.add_argument(
        "--year", type=int, metavar="YYYY", help="the plan's year (default: as the text names it)"
    )
    draft.add_argument("--out", metavar="FILE", help="write the plan file here (.toml)")
    draft.add_argument(
        "--vocabulary",
        metavar="FILE",
        help="extra words for kinds, tags, audiences and teams (.toml)",
    )
    draft.set_defaults(run=_draft)


def _summary(section: DraftedSection) -> str:
    todos = sum(1 for r in section.requirements if r.todos)
    themes = ""
    if section.themes is not None:
        notes = len(section.themes.notes)
        themes = (
            f", a theme calendar of {len(section.themes.calendar.months)} months ({notes} notes)"
        )
    return (
        f"section {section.number} ({section.title}): {len(section.requirements)} requirements "
        f"({todos} with TODOs){themes}; {len(section.unread)} sentences with targets not read; "
        f"{section.skipped} with no target left out"
    )


def _needs_work(section: DraftedSection) -> bool:
    themes = section.themes is not None and bool(section.themes.notes)
    todo = any(r.todos for r in section.requirements) or any(t for _, t in section.windows)
    return bool(section.unread) or todo or themes or bool(section.children)


def _draft(args: argparse.Namespace, out: TextIO) -> int:
    from ..drafting import draft, load_vocabulary, read_document  # noqa: PLC0415

    path = Path(args.text)
    vocabulary = load_vocabulary(args.vocabulary) if args.vocabulary else None
    drafted = draft(read_document(path), year=args.year, vocabulary=vocabulary)
    chosen = [drafted.section(args.section)] if args.section is not None else list(drafted.sections)
    if args.out is None:
        if len(chosen) == 1:
            out.write(chosen[0].to_toml(source=path.name))
        else:
            for section in chosen:
                out.write(_summary(section) + "\n")
            out.write("choose one with --section N, or write them all with --out FILE\n")
    else:
        from .._atomic import write_atomic  # noqa: PLC0415
        from ..errors import LedgerError, Problem  # noqa: PLC0415
        from ._common import check_out  # noqa: PLC0415

        target = Path(args.out)
        files = [
            target
            if len(chosen) == 1
            else target.with_name(f"{target.stem}-{section.number}{target.suffix}")
            for section in chosen
        ]
        for file in files:  # every one refused before any is written
            check_out(args, str(file), example="plan.toml")
        for file, section in zip(files, chosen, strict=True):
            try:
                write_atomic(file, section.to_toml(source=path.name))
            except OSError as e:
                msg = f"cannot write the file: {e}"
                raise LedgerError([Problem(path="--out", message=msg)], source=str(file)) from None
            out.write(f"wrote {file}: {_summary(section)}\n")
    return 1 if any(_needs_work(s) for s in chosen) else 0
