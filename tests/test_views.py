"""What people look at: the report page, the notebook view and the pictures, checked by
structure and rendered in headless Chromium."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from commhealth import Report, check, examples, pictures
from commhealth.evaluation import evaluate_children

from .test_cli import run


@pytest.fixture(scope="module")
def street() -> Report:
    e = examples.load("street")
    return check(e.plan, e.activities, e.observations)


class _Tags(HTMLParser):
    """The tags of a page, with their attributes, and whether it parses whole."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "br", "rect", "path", "input", "link", "img"}:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        assert self.open[-1] == tag, f"</{tag}> closes <{self.open[-1]}>"
        self.open.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _parse(page: str) -> _Tags:
    tags = _Tags()
    tags.feed(page)
    assert [] == tags.open, "every element is closed"
    return tags


class TestPage:
    def test_first_the_result_counts_and_failing_requirements(self, street: Report) -> None:
        """The page opens with the verdict and counts, then lists exactly the requirements
        that fail, by title, before the picture and the collapsed rest."""
        page = street.to_html()
        tags = _parse(page)
        failing = [
            a["data-requirement"] for t, a in tags.tags if t == "li" and "data-requirement" in a
        ]
        assert list(street.failing().requirements()) == failing
        assert 7 == len(failing)
        chips = re.findall(r'<li class="chip (\w+)"[^>]*>[^<]* (\d+)</li>', page)
        assert {s: int(n) for s, n in chips} == {k: v for k, v in street.summary().items() if v}
        assert (
            page.index("结果：未通过（7项要求未达标）")
            < page.index("<svg")
            < page.index("全部要求")
        )
        assert "周一干部学习" in page  # titles, not ids

    def test_self_contained(self, street: Report) -> None:
        """No script, nothing fetched, a print stylesheet for A4."""
        page = street.to_html("en")
        assert page.startswith("<!DOCTYPE html>")
        assert '<html lang="en">' in page
        assert "<script" not in page
        assert "http" not in page.replace("http://www.w3.org", "")
        assert "@page" in page
        assert "A4" in page

    def test_collapsed_requirements_open_without_script(self, street: Report) -> None:
        """Every requirement has its own <details>, holding every one of its findings."""
        tags = _parse(street.to_html())
        details = [a for t, a in tags.tags if t == "details" and "data-requirement" in a]
        assert len(street.requirements()) == len(details)
        assert len(street.findings) == street.to_html().count("<tr><td>")

    def test_notebook_view_puts_the_rest_behind_a_click(self, street: Report) -> None:
        """The notebook view shows the verdict, counts and failing requirements; the picture
        and every requirement are inside closed <details>."""
        view = street._repr_html_()
        before_details = view[: view.index("<details")]
        assert 7 == before_details.count('class="requirement"')
        assert "<svg" not in before_details
        assert " open" not in view


class TestHeatmap:
    def _row(self, svg: str, requirement: str) -> list[str]:
        """The statuses of the requirement's row, column by column ('' for an empty cell)."""
        for piece in svg.split('<g class="row" ')[1:]:
            if piece.startswith(f'data-requirement="{requirement}"'):
                row = piece.split('<g class="key"')[0]
                cells = re.finditer(r'<g class="cell (\w+)">|<rect [^>]*fill="#fafafa"', row)
                return [m.group(1) or "" for m in cells]
        raise AssertionError(requirement)

    def test_august_and_july_in_red_where_the_report_says(self, street: Report) -> None:
        """The Monday study and the correspondents' meeting are red in August only, the
        opinion analysis in February, the themes in July (and September, for 重阳)."""
        svg = street.heatmap()
        monday = self._row(svg, "monday-study")
        assert 13 == len(monday)  # twelve months and the year
        assert ["missed"] == [monday[7]]
        assert {"met"} == set(monday[:7] + monday[8:12])
        assert "missed" == self._row(svg, "correspondents-meeting")[7]
        assert "missed" == self._row(svg, "monthly-opinion-analysis")[1]
        themes = self._row(svg, "themes")
        assert ("missed", "missed") == (themes[6], themes[8])
        assert "missed" == self._row(svg, "community-inspections")[12]

    def test_colour_is_never_alone(self, street: Report) -> None:
        """Each coloured cell carries its symbol and the sentences behind it."""
        svg = street.heatmap("en")
        cells = re.findall(
            r'<g class="cell (\w+)"><title>([^<]*)</title>.*?<text[^>]*>(.)</text></g>', svg
        )
        assert cells
        assert all(mark in "✓✗!?…·" and tip for _, tip, mark in cells)
        assert "Aug" in svg

    def test_many_communities(self) -> None:
        """Twenty reports make a 20-row grid, one column per requirement."""
        e = examples.load("longyuan")
        reports = [check(e.plan, e.activities[: 5 + i], e.observations) for i in range(20)]
        svg = pictures.grid(reports)
        assert 20 * len(reports[-1].requirements()) == svg.count('<g class="cell ')
        assert svg.startswith("<svg")
        assert svg.endswith("</svg>")


class TestCommandLine:
    def test_html_and_svg(self) -> None:
        code, out, _ = run("check", "--example", "street", "--format", "html")
        assert (1, True) == (code, out.startswith("<!DOCTYPE html>"))
        code, out, _ = run("check", "--example", "street", "--format", "svg")
        assert (1, True) == (code, out.startswith("<svg"))

    def test_evaluate_html(self) -> None:
        code, out, _ = run("evaluate", "--example", "street", "--format", "html")
        assert 1 == code
        _parse(out)
        assert 4 == out.count("<details><summary>")
        code, out, _ = run("evaluate", "--example", "street", "--format", "svg", "--lang", "en")
        assert out.startswith("<svg")
        assert "南苑社区" in out


def _png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """A PNG's width and height, and how many different bytes its pixel rows hold."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    at, idat = 8, b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            idat += data[at + 8 : at + 8 + length]
        at += 12 + length
    pixels = zlib.decompress(idat)
    return width, height, len(set(pixels[1 : 1 + width * 4 * 50]))


def _png_rows(path: Path) -> list[bytes]:
    """A PNG's pixel rows (8-bit RGB or RGBA), unfiltered."""
    data = path.read_bytes()
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (8, True) == (depth, colour in (2, 6))
    step = 3 if colour == 2 else 4
    at, idat = 8, b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        if data[at + 4 : at + 8] == b"IDAT":
            idat += data[at + 8 : at + 8 + length]
        at += 12 + length
    raw = zlib.decompress(idat)
    stride = width * step
    rows: list[bytes] = []
    prior = bytes(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up = prior[i]
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                corner = prior[i - step] if i >= step else 0
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + best) & 0xFF
        rows.append(bytes(line))
        prior = bytes(line)
    return rows


def _shoot(html: str, tmp_path: Path, width: int, height: int) -> Path:
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    shot = tmp_path / "page.png"
    done = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={width},{height}",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert 0 == done.returncode, done.stderr[-500:]
    return shot


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
class TestInABrowser:
    def test_the_street_page_renders(self, street: Report, tmp_path: Path) -> None:
        """Headless Chromium renders the page to a PNG of the window's size that is not
        blank."""
        page = tmp_path / "street.html"
        page.write_text(street.to_html(), encoding="utf-8")
        shot = tmp_path / "street.png"
        done = subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=1024,900",
                f"--screenshot={shot}",
                page.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert 0 == done.returncode, done.stderr[-500:]
        width, height, colours = _png_size_and_colours(shot)
        assert (1024, 900) == (width, height)
        assert colours > 10

    def test_the_notebook_view_fits_on_one_screen(self, street: Report, tmp_path: Path) -> None:
        """Rendered in a 1024 × 768 window, the notebook view of the street report ends
        before the window does: its last 60 rows of pixels are blank."""
        html = f'<!DOCTYPE html><meta charset="utf-8"><body>{street._repr_html_()}</body>'
        rows = _png_rows(_shoot(html, tmp_path, 1024, 768))
        assert 768 == len(rows)
        assert all(set(r) == {255} for r in rows[-60:])
        assert any(len(set(r)) > 1 for r in rows[:200])

    def test_the_ranking_page_parses(self) -> None:
        e = examples.load("street")
        assert e.scheme is not None
        r = evaluate_children(
            e.plan, e.activities, e.observations, scheme=e.scheme, scores=e.scores
        )
        _parse(r.to_html())


class TestProposalPage:
    def test_propose_html(self) -> None:
        """'propose --format html' writes a page that parses whole and lists the proposal."""
        pytest.importorskip("highspy")
        code, out, _ = run(
            "propose", "--example", "longyuan", "--as-of", "2022-06-30", "--format", "html"
        )
        assert 0 == code
        assert out.startswith("<!DOCTYPE html>")
        _parse(out)
        assert "绿化卫生" in out


class TestBars:
    def test_a_total_past_its_most_stays_in_its_track(self) -> None:
        """A 101 of 100 bar is drawn as long as its track, and still says 101."""
        from commhealth._views._svg import bars

        svg = bars([("龙苑社区", 101, 100, "优秀")], "")
        track, bar = re.findall(r'<rect x="\d+" y="\d+" width="(\d+)"', svg)
        assert (track, True) == (bar, ">101 优秀</text>" in svg)
