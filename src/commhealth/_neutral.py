"""Output is neutral: one sanitiser per format, used by every writer.

A plan's titles, a ledger's cells and a mapping's codes come from people and programs
nobody here controls. Whatever they hold, what commhealth writes must be well-formed in
its format and must not act: no live spreadsheet formula, no control character that breaks
an XML or iCalendar file, no terminal escape that redraws a line, no ``NaN`` in JSON. Each
function below says what it changes; ``docs/security.md`` says why.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import LedgerError, Problem

__all__ = [
    "FORMULA_LEADS",
    "XLSX_CELL_MAX",
    "csv_cell",
    "encodable",
    "finite",
    "ical_text",
    "json_text",
    "json_text_counted",
    "sheet_titles",
    "terminal_text",
    "xlsx_cell",
    "xml_attr",
    "xml_name_problem",
    "xml_safe",
    "xml_text",
]

#: A cell whose text starts with one of these is a formula to Excel, LibreOffice and Google
#: Sheets (OWASP's list, with NUL from ASVS 1.2.10).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\0")
#: The most characters an Excel cell holds; Excel cuts longer text without a word.
XLSX_CELL_MAX = 32_767
#: The most characters of a sheet's name, and the characters Excel refuses in one.
_SHEET_MAX = 31
_SHEET_BAD = re.compile(r"[\x00-\x1f\x7f-\x9f/\\:\[\]*?]")

# What XML 1.0 cannot hold at all: C0 controls but tab, LF and CR, lone surrogates,
# U+FFFE and U+FFFF. XML 1.0 allows C1 controls and DEL but discourages them; they are
# replaced too, since no reader of these files has a use for them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# What a terminal acts on or reorders: C0 and C1 controls (ESC starts an ANSI sequence, CR
# returns to the start of the line, BS steps back), DEL, and the bidirectional embeddings,
# overrides and isolates that make a line read in another order than it is written; and the
# Unicode line and paragraph separators, which some programs take for a line break.
_TERMINAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# In an iCalendar TEXT value line breaks are kept (written as \n); other controls are not.
_ICAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Inside a JSON string these are valid but act on a terminal or break JavaScript (U+2028,
# U+2029); they are written as \\u escapes, which read back as the same characters. Lone
# surrogates, which UTF-8 cannot encode, are matched too (one pass over the text).
_JSON_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
REPLACEMENT = "\ufffd"


def encodable(text: str) -> str:
    """``text`` with lone surrogates, which UTF-8 cannot encode, as U+FFFD."""
    return _SURROGATE.sub(REPLACEMENT, text)


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry (C0 controls but tab, LF and
    CR; C1 controls and DEL; lone surrogates; U+FFFE, U+FFFF) replaced by U+FFFD."""
    return _NOT_XML.sub(REPLACEMENT, text)


def xml_text(text: str) -> str:
    """``text`` as XML character data: :func:`xml_safe`, then ``&``, ``<``, ``>`` and both
    quotes escaped (so the same text serves HTML and SVG too)."""
    return (
        xml_safe(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def xml_attr(text: str) -> str:
    """``text`` as a quoted XML attribute value: :func:`xml_text` inside double quotes,
    with tab, LF and CR written as character references so a reader keeps them."""
    body = xml_text(text).replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    return f'"{body}"'


def _is_attribute_name(name: str) -> bool:
    """Whether ``name``, with no colon, is an attribute's name to an XML parser (expat, the
    one Python ships, whose idea of a name letter is older and narrower than XML 1.0's
    fifth edition: a name it takes, every reader takes)."""
    from xml.parsers import expat  # noqa: PLC0415 - only a mapping's check needs it

    if not name or ":" in name or _NOT_XML.search(name):
        return False
    seen: list[dict[str, str]] = []
    parser = expat.ParserCreate()
    parser.StartElementHandler = lambda _tag, attributes: seen.append(attributes)
    try:
        parser.Parse(f'<r {name}="1"/>'.encode(), True)
    except expat.ExpatError:
        return False
    return seen == [{name: "1"}]


def xml_name_problem(name: str, reserved: Iterable[str] = ()) -> str | None:
    """Why ``name`` cannot be an XML attribute's name (not an XML Name without a colon, or
    one of ``reserved``, or starting with ``xml``), or ``None`` when it can."""
    if not _is_attribute_name(name):
        return f"not an XML name (a letter or _, then letters, digits, '-', '.' or '_'): {name!r}"
    if name in set(reserved) or name.lower().startswith("xml"):
        return f"{name!r} is a name the format reserves; choose another"
    return None


def xlsx_cell(value: Any, where: str = "cell") -> Any:
    """A value as a spreadsheet cell holds it: text with CR LF and CR as LF, made XML-safe
    (:func:`xml_safe`), and refused when longer than Excel keeps; numbers, dates, booleans
    and ``None`` as they are.

    Writers store the text this returns as a string cell, never as a formula, so a title
    ``=1+1`` reads back as ``=1+1`` (see :func:`put_text`).

    Raises:
        LedgerError: The text is longer than :data:`XLSX_CELL_MAX` characters; Excel would
            cut it without a word, so it is refused instead.
    """
    if not isinstance(value, str):
        return value
    if len(value) > XLSX_CELL_MAX:
        msg = (
            f"a spreadsheet cell holds at most {XLSX_CELL_MAX:,} characters and this one has "
            f"{len(value):,}; shorten it or write .csv or .json"
        )
        raise LedgerError([Problem(path=where, message=msg)])
    # A CR is a line break to Excel, but XML readers turn it into LF and XlsxWriter writes
    # it as _x000D_, which some readers decode and some do not: one LF reads back the same.
    return xml_safe(value.replace("\r\n", "\n").replace("\r", "\n"))


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: text that a spreadsheet would run as a formula — starting
    with one of :data:`FORMULA_LEADS` — gets a ``'`` in front (OWASP's advice); text that is
    just a number (``-5``, ``+3.5``) and non-text values stay as they are. Lone surrogates,
    which UTF-8 cannot encode, become U+FFFD."""
    if not isinstance(value, str):
        return value
    value = _SURROGATE.sub(REPLACEMENT, value)
    if value.startswith(FORMULA_LEADS) and _NUMBER.fullmatch(value) is None:
        return "'" + value
    return value


def sheet_titles(names: Iterable[str]) -> list[str]:
    """Names Excel takes as sheet titles, one per name, all different.

    Controls and ``/ \\ : [ ] * ?`` become ``_``; a leading or trailing ``'`` is dropped;
    an empty name becomes ``Sheet``; a name is cut to 31 characters; a name equal to an
    earlier one (Excel compares without case) gets `` (2)``, `` (3)`` … within the 31.
    """
    used: set[str] = set()
    out: list[str] = []
    for name in names:
        base = _SHEET_BAD.sub("_", _SURROGATE.sub("_", name)).strip("'") or "Sheet"
        title = base[:_SHEET_MAX].rstrip("'") or "Sheet"
        n = 1
        while title.casefold() in used:
            n += 1
            tail = f" ({n})"
            title = base[: _SHEET_MAX - len(tail)].rstrip("'") + tail
        used.add(title.casefold())
        out.append(title)
    return out


def ical_text(text: str) -> str:
    """``text`` as an iCalendar TEXT value holds it: CR LF and a lone CR become LF (which
    the writer escapes as ``\\n``), and other controls and lone surrogates become U+FFFD."""
    return _ICAL.sub(REPLACEMENT, text.replace("\r\n", "\n").replace("\r", "\n"))


def terminal_text(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` safe to print to a terminal: C0 and C1 controls other than LF and tab (and
    LF too unless ``keep_newlines``), DEL, U+2028, U+2029, bidirectional overrides and
    isolates (U+202A–U+202E, U+2066–U+2069) and lone surrogates made visible as
    ``\\u001b``-style escapes (which, inside a JSON string, read back as the same
    character)."""
    out = _TERMINAL.sub(_escape, text)
    return out if keep_newlines else out.replace("\n", "\\u000a")


def finite(data: Any) -> tuple[Any, int]:
    """``data`` with every infinite or NaN float replaced by ``None``, and how many were.

    JSON has no infinity or NaN; ``json.dumps`` writes them as ``Infinity`` and ``NaN``,
    which no strict reader takes. Dictionaries, lists and tuples are walked."""
    count = 0

    def walk(v: Any) -> Any:
        nonlocal count
        if isinstance(v, float) and not math.isfinite(v):
            count += 1
            return None
        if isinstance(v, Mapping):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [walk(x) for x in v]
        return v

    return walk(data), count


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """``data`` as valid JSON text (Chinese kept readable), ending in a newline.

    Non-finite figures are written as ``null`` (:func:`finite`); C1 controls, DEL, U+2028,
    U+2029 and bidirectional controls are written as ``\\u`` escapes; lone surrogates,
    which UTF-8 cannot encode and strict readers refuse, as U+FFFD. It reads back equal,
    but for those nulls and U+FFFDs."""
    return json_text_counted(data, indent=indent)[0]


def json_text_counted(data: Any, *, indent: int | None = 2) -> tuple[str, int]:
    """:func:`json_text`, and how many non-finite figures it wrote as ``null``."""
    nulls = 0
    try:  # walking the data costs more than the encoding; only when a figure needs it
        text = json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    except ValueError:
        data, nulls = finite(data)
        text = json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    return escape_json(text) + "\n", nulls


def escape_json(text: str) -> str:
    """JSON text with the characters :func:`json_text` escapes written as ``\\u`` escapes
    and lone surrogates as U+FFFD; they only occur inside strings, where the escape reads
    back as the same character."""
    return _JSON_ESCAPE.sub(_json_escape, text)


def _json_escape(m: re.Match[str]) -> str:
    c = m.group()
    return REPLACEMENT if "\ud800" <= c <= "\udfff" else f"\\u{ord(c):04x}"
