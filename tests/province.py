"""A province's batch with the trouble an auditor found in real ones, for check-all.

    python tests/province.py OUT --communities 1000

writes ``OUT`` with ``benchmarks/communities.py``'s communities, of which thirteen, spread
through the folder, have a ledger that cannot be read: ten ``activities.xlsx`` whose sheet
is stored under a compression method no reader knows (99), two zip bombs (a file of about
half a megabyte whose sheet inflates to just under, and just over, the 512 MiB the
spreadsheet reader looks into) and one ``activities.csv`` that is a link to nowhere.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from communities import write_communities  # noqa: E402

from tests.spreadsheets import write_xlsx_bomb, write_xlsx_with_method  # noqa: E402

__all__ = ["write_province"]

MiB = 1024 * 1024

#: The 13 kinds of trouble, in the order they are spread through the folder.
TROUBLE = ("method 99",) * 10 + ("bomb under", "bomb over", "dangling link")


def write_province(out: Path, communities: int, *, seed: int = 5) -> dict[str, str]:
    """Write the folder; return the troubled communities' names, each with its trouble."""
    write_communities(out, communities, seed=seed, broken=0)
    names = sorted(p.name for p in out.iterdir() if p.is_dir())
    step = len(names) // len(TROUBLE)
    troubled = {names[i * step + step // 2]: kind for i, kind in enumerate(TROUBLE)}
    for name, kind in troubled.items():
        folder = out / name
        (folder / "activities.csv").unlink()
        if kind == "method 99":
            write_xlsx_with_method(folder / "activities.xlsx", 99)
        elif kind == "bomb under":
            write_xlsx_bomb(folder / "activities.xlsx", 511 * MiB)
        elif kind == "bomb over":
            write_xlsx_bomb(folder / "activities.xlsx", 513 * MiB)
        else:
            (folder / "activities.csv").symlink_to(folder / "gone.csv")
    return troubled


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--communities", type=int, default=1000)
    args = parser.parse_args()
    for name, kind in write_province(args.out, args.communities).items():
        print(name, kind)
