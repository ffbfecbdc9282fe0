"""Render the pictures in docs/pictures.md: the shipped examples' pages in headless Chromium.

    python docs/screenshots.py          # writes docs/_static/*.png

Needs Chromium (``chromium`` on the PATH) and a CJK font for the screenshots to show Chinese
(Debian: ``apt-get install chromium fonts-wqy-microhei``); the pages themselves need neither.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import attrs

from commhealth import check, examples, pictures
from commhealth.evaluation import evaluate_children

STATIC = Path(__file__).parent / "_static"


def shoot(html: str, name: str, width: int, height: int) -> None:
    """Render ``html`` in a ``width`` × ``height`` window to ``docs/_static/name.png``."""
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / f"{name}.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--window-size={width},{height}",
                f"--screenshot={STATIC / f'{name}.png'}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"docs/_static/{name}.png")


def main() -> int:
    if shutil.which("chromium") is None:
        print("chromium is not on the PATH", file=sys.stderr)
        return 1
    STATIC.mkdir(exist_ok=True)
    street = examples.load("street")
    report = check(street.plan, street.activities, street.observations)
    shoot(report.to_html(), "street-report", 1024, 900)
    shoot(report.to_html("en"), "street-report-en", 1024, 900)
    assert street.scheme is not None
    ranking = evaluate_children(
        street.plan,
        street.activities,
        street.observations,
        scheme=street.scheme,
        scores=street.scores,
    )
    shoot(ranking.to_html(), "street-ranking", 1024, 700)
    longyuan = examples.load("longyuan")
    reports = [
        check(
            attrs.evolve(longyuan.plan, id=f"community-{i:02d}", title=f"社区{i:02d}"),
            [a for n, a in enumerate(longyuan.activities) if n % (i + 3) != 0],
            longyuan.observations,
        )
        for i in range(1, 21)
    ]
    svg = pictures.grid(reports)
    shoot(
        f'<!DOCTYPE html><meta charset="utf-8"><body>{svg}</body>', "twenty-communities", 700, 760
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
