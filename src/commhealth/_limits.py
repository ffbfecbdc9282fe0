"""The bounds on what commhealth reads, so that no input can hang it or exhaust its memory.

Each bound is far beyond what a real plan or ledger needs, and each is checked before the
work it bounds begins: a file past a bound is refused at once with a
:class:`~commhealth.CommhealthError` that names the bound. ``docs/limits.md`` lists them.
"""

from __future__ import annotations

__all__ = [
    "MAX_FINDINGS",
    "MAX_FOR_EACH_VALUES",
    "MAX_HINT_CANDIDATES",
    "MAX_HINT_LISTED",
    "MAX_HOURS",
    "MAX_LEDGER_BYTES",
    "MAX_OCCURRENCES",
    "MAX_PARTICIPANTS",
    "MAX_PLAN_BYTES",
    "MAX_REQUIREMENTS",
    "MAX_SHEET_CELLS",
    "MAX_SPAN_YEARS",
    "MAX_TOLERANCE_DAYS",
    "MAX_UNZIPPED_BYTES",
    "MAX_YEAR",
    "MAX_ZIP_PARTS",
    "MIN_YEAR",
]

#: The largest plan or scheme file read, and the largest TOML ledger, in bytes (2 MiB; a
#: real plan is a few kilobytes). TOML and YAML are parsed in pure Python at about a
#: megabyte a second, so this bound keeps any such file to a few seconds.
MAX_PLAN_BYTES = 2 * 1024 * 1024

#: The largest CSV, JSON or spreadsheet ledger, figures file or score sheet read, in bytes
#: (128 MiB: a city's year of about 1.2 million CSV rows, which take about half a minute
#: to read; see ``benchmarks/load.py`` and ``benchmarks/city.py``).
MAX_LEDGER_BYTES = 128 * 1024 * 1024

#: The most cells a spreadsheet's first sheet may span, counted from A1 to its furthest
#: cell (rows times columns), checked before the sheet is read.
MAX_SHEET_CELLS = 2_000_000

#: The most bytes the parts of a zipped spreadsheet (.xlsx, .ods) may inflate to, all
#: together, checked from the archive's directory before any part is read (a 2 MB file
#: whose shared strings inflate to gigabytes is refused at once). A sheet of the full
#: :data:`MAX_SHEET_CELLS` takes about 100 MB of XML.
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024

#: The most parts a zipped spreadsheet may hold.
MAX_ZIP_PARTS = 10_000

#: The largest head count one activity may give (ten million: a city's whole population at
#: one event would be less). Larger counts are refused rather than rounded: a float holds
#: whole numbers exactly only up to 2**53, and the columns of a schedule hold 64 bits.
MAX_PARTICIPANTS = 10_000_000

#: The most hours one activity may last (a year has 8,784 at most).
MAX_HOURS = 10_000

#: The most of a ledger's kinds (or audiences) that no requirement selects that the hint
#: "the ledger's kinds like it" compares a selected kind with: those nearest its length
#: first. A ledger of a million distinct kinds spent ten seconds on the hint without it.
MAX_HINT_CANDIDATES = 1_000

#: The most of a ledger's kinds (or audiences) nothing selects that a warning lists.
MAX_HINT_LISTED = 100

#: The first and last years a plan's span, and the observance calendar, may cover.
MIN_YEAR = 1900
MAX_YEAR = 2100

#: The longest span a plan may cover, in calendar years.
MAX_SPAN_YEARS = 10

#: The most requirements one plan may hold (its own, not counting included standards).
MAX_REQUIREMENTS = 10_000

#: The most values a *for each* rule may list.
MAX_FOR_EACH_VALUES = 1_000

#: The widest tolerance of a recurrence, or of a plan's observances, in days.
MAX_TOLERANCE_DAYS = 366

#: The most occurrences a recurrence's rule may have inside the plan's span (a daily rule
#: over the longest span has 3,653).
MAX_OCCURRENCES = 4_000

#: The most findings a plan's own requirements may ask for: every window of every quota
#: times its *for each* values, every occurrence of every recurrence, every themed month.
#: Each bound above is generous alone; this one keeps their product to a check of seconds.
MAX_FINDINGS = 200_000
