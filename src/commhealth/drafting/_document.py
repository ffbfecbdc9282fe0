"""A plan's document as text, cut into sections (篇) and sentences with their positions.

Plain text and Markdown are read as they are (Markdown's heading and list marks dropped);
``.docx`` goes through ``python-docx`` (the optional ``draft`` extra), paragraph by
paragraph, then table cell by cell.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import attrs

from ..errors import DraftError
from ._grammar_text import SECTION_HEADING, SENTENCE_END, section_number
from ._model import Sentence

__all__ = ["Section", "read_document", "sections"]

_MARKDOWN_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|>\s?)")


@attrs.frozen(kw_only=True)
class Section:
    """One 篇 of a document: its number, heading and sentences."""

    number: int
    title: str
    sentences: tuple[Sentence, ...]


def _docx_text(path: Path) -> str:
    try:
        docx = importlib.import_module("docx")
    except ImportError as e:
        msg = (
            'reading .docx needs the optional package python-docx: pip install "commhealth[draft]"'
        )
        raise DraftError(msg) from e
    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises zipfile, lxml and its own errors alike
        raise DraftError(f"{path}: not a readable .docx document: {e}") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def read_document(path: str | Path) -> str:
    """The text of a plan document: ``.txt``, ``.md`` or ``.docx``.

    Raises:
        DraftError: The file cannot be read, is not UTF-8 text, or has another suffix.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        if not path.is_file():
            raise DraftError(f"{path}: no such file")
        return _docx_text(path)
    if suffix not in {".txt", ".md", ".markdown", ".text"}:
        msg = f"{path}: cannot draft from a {suffix or 'suffix-less'} file; expected .txt, .md or .docx"
        raise DraftError(msg)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise DraftError(f"{path}: cannot read the plan's text: {e}") from None
    if suffix in {".md", ".markdown"}:
        text = "\n".join(_MARKDOWN_MARKS.sub("", line) for line in text.split("\n"))
    return text


def _sentences(line: str, section: int, number: int, offset: int) -> list[Sentence]:
    found = []
    start = 0
    for m in SENTENCE_END.finditer(line):
        piece = line[start : m.end()]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            found.append(
                Sentence(
                    text=piece.strip(), section=section, line=number, start=offset + start + lead
                )
            )
        start = m.end()
    rest = line[start:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        found.append(
            Sentence(text=rest.strip(), section=section, line=number, start=offset + start + lead)
        )
    return found


def sections(text: str) -> tuple[tuple[Section, ...], int]:
    """The document's sections (篇), and how many sentences came before the first.

    A line ending in 篇N (or reading 第N篇) starts a section; a document without one is a
    single section 1.
    """
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if SECTION_HEADING.search(line.strip())]
    if not heads:
        heads, titles, numbers = [-1], [""], [1]
    else:
        titles = [lines[i].strip() for i in heads]
        numbers = [section_number(t) or k + 1 for k, t in enumerate(titles)]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    preface = sum(len(_sentences(lines[i], 0, i + 1, offsets[i])) for i in range(max(heads[0], 0)))
    found = []
    for k, head in enumerate(heads):
        stop = heads[k + 1] if k + 1 < len(heads) else len(lines)
        sentences: list[Sentence] = []
        for i in range(head + 1, stop):
            sentences += _sentences(lines[i], numbers[k], i + 1, offsets[i])
        found.append(Section(number=numbers[k], title=titles[k], sentences=tuple(sentences)))
    return tuple(found), preface
