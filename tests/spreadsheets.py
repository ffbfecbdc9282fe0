"""Small spreadsheets written by hand for the tests: .xlsx, .ods and .xls (BIFF8).

Each writer makes just enough of its format for the spreadsheet reader to open it, with
what the tests need to control: where the ledger starts, a formula with no saved value, a
declared dimension, a row repeated a million times.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

from commhealth.loading.ledgers._zip_scan import column_name

_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}


def _xlsx_cell(ref: str, value: str) -> str:
    if value.startswith("="):  # a formula with no cached value, as some writers leave it
        return f'<c r="{ref}"><f>{escape(value[1:])}</f></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def write_xlsx(
    path: Path, rows: dict[int, list[str]], *, first_column: int = 1, dimension: str | None = None
) -> Path:
    """An .xlsx file whose first sheet holds ``rows`` (sheet row number -> text cells, from
    column ``first_column``); a cell starting ``=`` is a formula with no saved value."""
    body = []
    for r, cells in sorted(rows.items()):
        refs = [
            _xlsx_cell(f"{column_name(first_column + i)}{r}", v) for i, v in enumerate(cells) if v
        ]
        body.append(f'<row r="{r}">{"".join(refs)}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{''.join(body)}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in _XLSX_PARTS.items():
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def _ods_cell(value: str) -> str:
    if not value:
        return "<table:table-cell/>"
    if value.startswith("="):  # a formula with no saved value
        return f'<table:table-cell table:formula="of:{escape(value)}"/>'
    text = f"<text:p>{escape(value)}</text:p>"
    return f'<table:table-cell office:value-type="string">{text}</table:table-cell>'


def write_ods(path: Path, rows: list[list[str]], *, repeat_last_row: int = 1) -> Path:
    """An .ods file whose first sheet holds ``rows`` from A1 (empty lists are blank rows; a
    cell starting ``=`` is a formula with no saved value); the last row is repeated
    ``repeat_last_row`` times."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    out = []
    for i, cells in enumerate(rows):
        repeat = f' table:number-rows-repeated="{repeat_last_row}"' if i == len(rows) - 1 else ""
        tds = "".join(_ods_cell(c) for c in cells) or "<table:table-cell/>"
        out.append(f"<table:table-row{repeat}>{tds}</table:table-row>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        f"{''.join(out)}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def _biff(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _biff_bof(substream: int) -> bytes:
    return _biff(0x0809, struct.pack("<HHHHII", 0x0600, substream, 0x0DBB, 0x07CC, 0, 0x06))


def _workbook_stream(rows: dict[int, list[str | float]]) -> bytes:
    """A BIFF8 workbook stream: globals naming one sheet, then the sheet's cells."""
    name = "Sheet1".encode("utf-16-le")
    globals_head = _biff_bof(0x0005) + _biff(0x0042, struct.pack("<H", 1200))  # UTF-16
    eof = _biff(0x000A)
    boundsheet_size = 4 + 6 + 2 + len(name)
    sheet_at = len(globals_head) + boundsheet_size + len(eof)
    boundsheet = _biff(0x0085, struct.pack("<IBBBB", sheet_at, 0, 0, len(name) // 2, 1) + name)
    cells = b""
    for r, values in sorted(rows.items()):
        for c, v in enumerate(values):
            if isinstance(v, float):
                cells += _biff(0x0203, struct.pack("<HHHd", r - 1, c, 0, v))
            elif v:
                text = v.encode("utf-16-le")
                cells += _biff(0x0204, struct.pack("<HHHHB", r - 1, c, 0, len(v), 1) + text)
    width = max((len(v) for v in rows.values()), default=0)
    dimensions = _biff(0x0200, struct.pack("<IIHHH", 0, max(rows, default=0), 0, width, 0))
    sheet = _biff_bof(0x0010) + dimensions + cells + eof
    return globals_head + boundsheet + eof + sheet


def write_xls(path: Path, rows: dict[int, list[str | float]]) -> Path:
    """An .xls (BIFF8 in a compound file) whose first sheet holds ``rows`` (sheet row
    number -> cells from column A; text, or a float as a number cell)."""
    sector = 512
    stream = _workbook_stream(rows)
    # At least 4,096 bytes, so the stream lives in sectors of its own, not the mini stream.
    stream = stream.ljust(max(4096, -(-len(stream) // sector) * sector), b"\0")
    count = len(stream) // sector
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    # Sector 0 holds the allocation table, sector 1 the directory, then the stream.
    fat = [0xFFFFFFFD, end] + [3 + i if i < count - 1 else end for i in range(count)]
    fat += [free] * (sector // 4 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1 if name else 0)
            + struct.pack("<III", free, free, child)
            + b"\0" * 20
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, free, 2, len(stream))
    directory += entry("", 0, free, 0, 0) * 2
    path.write_bytes(header + struct.pack(f"<{sector // 4}I", *fat) + directory + stream)
    return path


def _zip(path: Path, entries: list[tuple[str, int, bytes, int, int]]) -> Path:
    """A zip file written by hand: each entry is (name, method, data as stored, CRC-32,
    size uncompressed), so that a test can store what no zip library would write."""
    local, central = bytearray(), bytearray()
    for name, method, data, crc, size in entries:
        raw = name.encode()
        head = struct.pack("<HHHHHIII", 20, 0, method, 0, 0x21, crc, len(data), size)
        central += b"PK\x01\x02" + struct.pack("<H", 20) + head
        central += struct.pack("<HHHHHII", len(raw), 0, 0, 0, 0, 0, len(local)) + raw
        local += b"PK\x03\x04" + head + struct.pack("<HH", len(raw), 0) + raw + data
    end = struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(central), len(local), 0)
    path.write_bytes(bytes(local + central) + b"PK\x05\x06" + end)
    return path


def _stored(name: str, text: str) -> tuple[str, int, bytes, int, int]:
    data = text.encode()
    return (name, zipfile.ZIP_STORED, data, zlib.crc32(data), len(data))


def write_xlsx_with_method(path: Path, method: int) -> Path:
    """An .xlsx whose sheet is stored under compression method ``method`` (99, say, which
    no reader knows: a corrupted or exotic file)."""
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row></sheetData></worksheet>'
    )
    entries = [_stored(n, t) for n, t in _XLSX_PARTS.items()]
    name, _, data, crc, size = _stored("xl/worksheets/sheet1.xml", sheet)
    return _zip(path, [*entries, (name, method, data, crc, size)])


def write_xlsx_bomb(path: Path, inflated: int, filler: bytes = b" ") -> Path:
    """A small .xlsx whose sheet inflates to about ``inflated`` bytes: a ledger's header
    row (id, date, kind) and no activity, then ``filler`` over and over (whitespace, or
    ``<row/>``).

    The deflate stream is one block of a mebibyte of filler, compressed once and repeated:
    after a full flush a block refers to nothing before it, so copies can be laid end to
    end, and a file of about 500 KiB is written in a fraction of a second.
    """
    header = "".join(
        _xlsx_cell(f"{column_name(i + 1)}1", v) for i, v in enumerate(("id", "date", "kind"))
    )
    head = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1">{header}</row>'
    ).encode()
    tail = b"</sheetData></worksheet>"
    unit = filler * (1024 * 1024 // len(filler))
    copies, rest = divmod(max(inflated - len(head) - len(tail), 0), len(unit))
    rest -= rest % len(filler)

    def flushed(data: bytes) -> bytes:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)

    block = flushed(unit)
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = b"".join(
        [flushed(head), block * copies, flushed(unit[:rest]), last.compress(tail), last.flush()]
    )
    crc = zlib.crc32(head)
    for _ in range(copies):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(tail, zlib.crc32(unit[:rest], crc))
    size = len(head) + copies * len(unit) + rest + len(tail)
    entries = [_stored(n, t) for n, t in _XLSX_PARTS.items()]
    return _zip(
        path, [*entries, ("xl/worksheets/sheet1.xml", zipfile.ZIP_DEFLATED, stream, crc, size)]
    )
