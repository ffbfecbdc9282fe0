"""Time drafting the seed document (five plans, about 12 thousand characters).

    python benchmarks/drafting.py            # best of 5 warm runs
    python benchmarks/drafting.py --runs 20

The first draft in a process also imports cn2an and reads the vocabulary and observance
files; it is timed on its own ("cold"). Then ``draft`` and writing every section's plan
file (``to_toml``) are timed, best of ``--runs``. Everything runs in this one process.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

from commhealth import draft

SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / "drafting" / "seed.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    start = time.perf_counter()
    drafted = draft(text)
    cold = time.perf_counter() - start
    best_draft = best_write = float("inf")
    for _ in range(args.runs):
        start = time.perf_counter()
        drafted = draft(text)
        middle = time.perf_counter()
        for section in drafted.sections:
            section.to_toml()
        end = time.perf_counter()
        best_draft = min(best_draft, middle - start)
        best_write = min(best_write, end - middle)
    sentences = sum(len(s.requirements) for s in drafted.sections)
    print(f"python {platform.python_version()} on {platform.machine()}, {len(text)} characters")
    print(f"first draft (imports cn2an, reads data files): {cold * 1000:.0f} ms")
    print(f"draft, best of {args.runs}: {best_draft * 1000:.0f} ms ({sentences} requirements)")
    print(f"to_toml for all sections, best of {args.runs}: {best_write * 1000:.0f} ms")


if __name__ == "__main__":
    main()
