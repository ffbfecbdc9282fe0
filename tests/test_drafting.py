"""Drafting a plan from its text: every section a plan that loads, every requirement its sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commhealth import DraftError, Quota, check, loads_plan
from commhealth.drafting import Draft, draft, load_vocabulary, read_document

from .conftest import ROOT

pytest.importorskip("cn2an", reason="the draft extra (cn2an) is not installed")

DATA = ROOT / "tests" / "data" / "drafting"
SEED = DATA / "seed.txt"


@pytest.fixture(scope="module")
def seed() -> Draft:
    return draft(SEED.read_text(encoding="utf-8"))


class TestSeed:
    def test_one_plan_per_section(self, seed: Draft) -> None:
        """The seed's five 篇 give five sections, numbered as the text numbers them."""
        assert [1, 2, 3, 4, 5] == [s.number for s in seed.sections]
        assert {2022} == {s.year for s in seed.sections}

    def test_every_section_writes_a_plan_that_loads_and_checks(self, seed: Draft) -> None:
        """Each section's plan file loads as it stands, equal to the drafted plan, and checks."""
        for section in seed.sections:
            plan = loads_plan(section.to_toml(source="seed.txt"), "toml")
            assert section.plan() == plan
            report = check(plan, [])
            assert report.findings

    def test_each_requirement_quotes_its_sentence(self, seed: Draft) -> None:
        """The comment above each [[requirements]] quotes the sentence, which stands in the
        document at the position the draft gives."""
        text = SEED.read_text(encoding="utf-8")
        lines = text.split("\n")
        for section in seed.sections:
            toml = section.to_toml()
            blocks = toml.split("[[requirements]]")[1:]
            assert len(section.requirements) == len(blocks)
            for drafted in section.requirements:
                s = drafted.sentence
                assert s.text == text[s.start : s.end]
                assert s.text in lines[s.line - 1]
                assert f"# line {s.line}: {' '.join(s.text.split())}" in toml

    def test_nothing_is_silently_lost(self, seed: Draft) -> None:
        """Every sentence of a section is read, a month line, listed as unread or counted as
        having no target."""
        for section in seed.sections:
            read = {r.sentence for r in section.requirements}
            months = set(section.themes.sentences) if section.themes else set()
            unread = {u.sentence for u in section.unread}
            total = len(read) + len(months) + len(unread) + section.skipped
            sentences = read | months | unread
            assert len(sentences) == len(read) + len(months) + len(unread)
            assert _sentence_count(section.number) == total

    def test_longyuan_targets(self, seed: Draft) -> None:
        """篇2's ten activities a year, monthly inspection and holiday sessions read field by field."""
        quotas = {
            r.requirement.title: r.requirement
            for r in seed.section(2).requirements
            if isinstance(r.requirement, Quota)
        }
        lectures = quotas["力争做到全年健教活动不少于 10次"]
        assert (10, None, "year", frozenset({"health-education"})) == (
            lectures.bound.min,
            lectures.bound.max,
            lectures.per.value,
            lectures.select.kind,
        )
        youth = next(q for q in quotas.values() if q.within)
        assert (2, ("winter-holiday", "summer-holiday")) == (youth.bound.min, youth.within)

    def test_undecided_fields_are_todos(self, seed: Draft) -> None:
        """A field the draft could not decide is a TODO comment naming what to choose."""
        toml = seed.section(4).to_toml()
        assert (
            "# TODO tolerance: how many days either side of each occurrence an activity may fall (choices: 0, 1, 2)"
            in toml
        )
        assert (
            "# TODO children: the organisations under this one; a stand-in holds the place" in toml
        )

    def test_theme_calendar_resolves_and_reports_misfilings(self, seed: Draft) -> None:
        """篇4's 时间安排 gives twelve months; a misspelt day is read as the closest one the
        calendar knows, and 老人节 (a lunar date) is reported as falling outside September."""
        themes = seed.section(4).themes
        assert themes is not None
        assert list(range(1, 13)) == [m.month for m in themes.calendar.months]
        assert ("爱国卫生月", "全国计划免疫宣传日") == themes.calendar.months[3].observances
        assert (
            "month 9: 老人节 (重阳节) falls on 2022-10-04 in 2022, not in month 9; the check will report it as misfiled"
            in themes.notes
        )

    def test_unread_targets_are_listed(self, seed: Draft) -> None:
        """A sentence with a vague frequency is listed as unread, with the word that made it so."""
        unread = {u.sentence.text: u.reason for u in seed.section(4).unread}
        assert "'经常性' gives no number or frequency" == unread["开展经常性的健康教育活动。"]


def _sentence_count(number: int) -> int:
    from commhealth.drafting._document import sections

    found, _ = sections(SEED.read_text(encoding="utf-8"))
    return len(next(s for s in found if s.number == number).sentences)


class TestInput:
    def test_no_year_is_an_error(self) -> None:
        """A text that names no year and is given none cannot be drafted."""
        with pytest.raises(DraftError, match="the text names no year"):
            draft("全年健教活动不少于10次。")

    def test_given_year_wins(self) -> None:
        """``year`` sets the plan's span whatever the text says."""
        assert 2024 == draft("2022年计划\n全年健教活动不少于10次。", year=2024).sections[0].year

    def test_empty_text_is_an_error(self) -> None:
        """Empty text is an error, not an empty draft."""
        with pytest.raises(DraftError, match="empty"):
            draft("  \n")

    def test_unknown_section(self, seed: Draft) -> None:
        """Asking for a section the document lacks names those it has."""
        with pytest.raises(DraftError, match="no section 9; it has 1, 2, 3, 4, 5"):
            seed.section(9)

    def test_markdown_marks_are_dropped(self, tmp_path: Path) -> None:
        """A Markdown plan reads without its heading and list marks."""
        path = tmp_path / "plan.md"
        path.write_text("# 2022年计划\n\n- 全年健教活动不少于10次。\n", encoding="utf-8")
        assert "2022年计划\n\n全年健教活动不少于10次。\n" == read_document(path)

    def test_docx(self, tmp_path: Path) -> None:
        """A Word document reads paragraph by paragraph."""
        docx = pytest.importorskip("docx")
        document = docx.Document()
        document.add_paragraph("2022年龙苑社区计划")
        document.add_paragraph("全年健教活动不少于10次。")
        path = tmp_path / "plan.docx"
        document.save(str(path))
        drafted = draft(read_document(path))
        assert [10.0] == [r.requirement.bound.min for r in drafted.sections[0].requirements]  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("plan.pdf", b"%PDF", "cannot draft from a .pdf file"),
            ("plan.txt", b"\xff\xfe\xfa", "cannot read the plan's text"),
            ("plan.docx", b"not a zip", "not a readable .docx document"),
        ],
        ids=["pdf", "not-utf8", "broken-docx"],
    )
    def test_unreadable_documents(
        self, tmp_path: Path, name: str, content: bytes, message: str
    ) -> None:
        """A file that is no readable plan text raises DraftError saying why."""
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(DraftError, match=re.escape(message)):
            read_document(path)


class TestVocabulary:
    def test_user_words_come_first(self, tmp_path: Path) -> None:
        """A user's vocabulary file adds kinds, and its reading of a word wins."""
        path = tmp_path / "words.toml"
        path.write_text('[[kinds]]\nkind = "lecture"\nwords = ["健教活动"]\n', encoding="utf-8")
        drafted = draft("2022年\n全年健教活动不少于10次。", vocabulary=load_vocabulary(path))
        assert frozenset({"lecture"}) == drafted.sections[0].requirements[0].requirement.select.kind  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("[[kinds]]\nwords = ['x']\n", "'kind' must be a non-empty string @ $.kinds[0].kind"),
            (
                "[[kinds]]\nkind = 'k'\nwords = 'x'\n",
                "'words' must be a list of non-empty strings @ $.kinds[0].words",
            ),
            ("[[colours]]\n", "unknown section 'colours'"),
            ("kinds = [", "not a TOML file"),
        ],
        ids=["no-code", "words-not-list", "unknown-section", "not-toml"],
    )
    def test_bad_vocabulary(self, tmp_path: Path, content: str, message: str) -> None:
        """A vocabulary file of the wrong shape raises DraftError with the entry's path."""
        path = tmp_path / "words.toml"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(DraftError, match=re.escape(message)):
            load_vocabulary(path)


_FRAGMENTS = [
    "每月",
    "每半年",
    "按季",
    "全年",
    "不少于",
    "至少",
    "两次以上",
    "10次",
    "二次",
    "一次",
    "10天",
    "健教活动",
    "检查",
    "培训",
    "谈话",
    "例会",
    "召开",
    "组织",
    "，",
    "。",
    "、",
    "；",
    "：",
    "六月底前",
    "年终",
    "完成",
    "全部完成",
    "每月10日",
    "周一",
    "寒暑假期",
    "对各社区",
    "成员和干部",
    "领导小组人员8人",
    "争创",
    "1—2个",
    "30—40户",
    "46万元",
    "百分之八十",
    "85%",
    "1:1的名额比例",
    "人均1元",
    "人人参加健身运动",
    "发病率逐步下降",
    "三个一活动：",
    "各一篇",
    "等9方面",
    "“岗”",
    "结合植树节、世界水日等活动",
    "全民终身学习活动周期间",
    "一月份：",
    "三月份：结合老人节，重点宣传",
    "篇1\n",
    "\n",
    "定期",
    "率",
    "全民终身学习活动周",
    "期间",
    "教育重点是",
    "安全教育",
    "x",
    "3",
    "十二",
]


class TestLaws:
    @pytest.mark.parametrize(
        "text",
        [
            "寒暑假期结合植树节、世界水日等活动",
            "寒暑假期全民终身学习活动周期间",
            "寒假对各社区检查两次以上",
            "一月份：教育重点是安全教育。一月份：结合植树节，重点宣传营养。",
        ],
        ids=["observances-in-holidays", "week-in-holidays", "children-in-holidays", "month-twice"],
    )
    def test_texts_that_once_broke_the_draft(self, text: str) -> None:
        """A reading restricted to the school holidays declares them, whatever else it reads,
        and a month written twice is one month: each drafts to a plan that loads."""
        section = draft(text, year=2022).sections[0]
        assert section.requirements or section.themes
        assert section.plan() == loads_plan(section.to_toml(), "toml")

    @given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join))
    def test_any_text_drafts_to_plans_that_load(self, text: str) -> None:
        """Whatever the text, drafting raises only DraftError, and every drafted section
        writes a plan file that loads back equal to its plan."""
        try:
            drafted = draft(text, year=2022)
        except DraftError:
            return
        for section in drafted.sections:
            assert section.plan() == loads_plan(section.to_toml(), "toml")
            for r in section.requirements:
                assert 0 <= r.confidence <= 1


class TestCompare:
    def test_a_draft_matches_its_own_plan(self, seed: Draft) -> None:
        """A section compared with its own plan has every target right."""
        from commhealth.drafting import compare

        section = seed.section(3)
        quotes = {r.requirement.id: r.sentence.text for r in section.requirements}
        c = compare(section, section.plan(), quotes)
        assert (7, 7, 7, 1.0, 1.0) == (c.targets, c.right, c.drafted, c.recall, c.precision)

    def test_a_changed_field_is_wrong_and_an_unknown_target_missed(self, seed: Draft) -> None:
        """A target whose bound differs is found but wrong, naming the field; a target with no
        sentence like its own is missed."""
        import attrs

        from commhealth import Bound, Goal
        from commhealth.drafting import TargetMatch, compare

        section = seed.section(2)
        plan = section.plan()
        first = plan.requirements[0]
        changed = attrs.evolve(first, bound=Bound(min=9))  # type: ignore[call-arg]
        other = Goal(id="elsewhere", title="无关的句子", metric="m", bound=Bound(min=1))
        plan = attrs.evolve(plan, requirements=(changed, other))
        quotes = {first.id: section.requirements[0].sentence.text}
        c = compare(section, plan, quotes)
        assert (
            TargetMatch(target=first.id, status="wrong", drafted=first.id, differs=("bound",)),
            TargetMatch(target="elsewhere", status="missed"),
        ) == c.matches


class TestSharedVocabulary:
    def test_the_standards_kinds_are_in_the_vocabulary(self) -> None:
        """Every activity kind a shipped standard selects is a kind the drafting vocabulary
        reads, so a drafted plan and a standard count the same activities."""
        from commhealth import standards
        from commhealth.drafting import default_vocabulary

        codes = {t.code for t in default_vocabulary().kinds}
        selected = {
            kind
            for standard in standards.standards()
            for req in standard.requirements
            if isinstance(req, Quota)
            for kind in req.select.kind
        }
        assert selected
        assert set() == selected - codes


_SEED_TEXT = SEED.read_text(encoding="utf-8")
_OWN_TEXTS = "\n".join(
    (DATA / f"{n}.txt").read_text(encoding="utf-8") for n in ("centre", "village", "school")
)


class TestLawsOnRealText:
    @given(
        st.sampled_from([_SEED_TEXT, _OWN_TEXTS]),
        st.integers(min_value=0, max_value=12000),
        st.integers(min_value=1, max_value=3000),
    )
    def test_any_piece_of_a_real_plan_drafts_to_plans_that_load(
        self, text: str, start: int, length: int
    ) -> None:
        """Any piece of a real plan's text, cut anywhere, drafts to plans that load back
        equal, each requirement's sentence standing at its position in the piece."""
        piece = text[start : start + length]
        try:
            drafted = draft(piece, year=2022)
        except DraftError:
            return
        for section in drafted.sections:
            assert section.plan() == loads_plan(section.to_toml(), "toml")
            for r in section.requirements:
                assert r.sentence.text == piece[r.sentence.start : r.sentence.end]
