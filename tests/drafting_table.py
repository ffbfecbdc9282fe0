"""The recall and precision of drafting, measured and written as the tables of docs/drafting.md.

Run ``python -m tests.drafting_table`` from the repository's root to print the tables;
``tests/test_drafting_measured.py`` checks that the documentation shows exactly these.
"""

from __future__ import annotations

from pathlib import Path

from commhealth import loads_plan
from commhealth.drafting import Comparison, DraftedSection, compare, draft, quotes_from_plan_file

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "drafting"
EXAMPLES = ROOT / "src" / "commhealth" / "examples"

#: The seed's sections and the shipped example written from each.
SEED_PLANS = (("town", 1), ("longyuan", 2), ("liubeiqiao", 3), ("street", 4), ("qingxiu", 5))
#: Plan texts written for the tests, each with the plan a person wrote from it.
OWN_PLANS = ("centre", "village", "school")


def measured() -> list[tuple[str, str, DraftedSection, Comparison]]:
    """Each plan's name, where its text is, its draft and the comparison with its plan."""
    rows = []
    seed = draft((DATA / "seed.txt").read_text(encoding="utf-8"))
    for name, number in SEED_PLANS:
        text = (EXAMPLES / name / "plan.toml").read_text(encoding="utf-8")
        section = seed.section(number)
        rows.append((name, f"seed 篇{number}", section, _compare(section, text)))
    for name in OWN_PLANS:
        section = draft((DATA / f"{name}.txt").read_text(encoding="utf-8")).sections[0]
        text = (DATA / f"{name}.toml").read_text(encoding="utf-8")
        rows.append((name, f"tests/data/drafting/{name}.txt", section, _compare(section, text)))
    return rows


def _compare(section: DraftedSection, plan_file: str) -> Comparison:
    return compare(section, loads_plan(plan_file, "toml"), quotes_from_plan_file(plan_file))


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def _total(label: str, comparisons: list[Comparison]) -> str:
    targets = sum(c.targets for c in comparisons)
    found = sum(c.found for c in comparisons)
    right = sum(c.right for c in comparisons)
    drafted = sum(c.drafted for c in comparisons)
    return (
        f"| **{label}** | | {targets} | {found} | {right} | {drafted} | "
        f"**{_pct(right / targets)}** | **{_pct(right / drafted)}** |"
    )


def tables() -> str:
    """The recall and precision table, then the table of targets not drafted right."""
    rows = measured()
    lines = [
        "| plan | text | targets | found | right | drafted | recall | precision |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, where, _, c in rows:
        lines.append(
            f"| `{name}` | {where} | {c.targets} | {c.found} | {c.right} | {c.drafted} | "
            f"{_pct(c.recall)} | {_pct(c.precision)} |"
        )
    seed = [c for name, _, _, c in rows if name not in OWN_PLANS]
    own = [c for name, _, _, c in rows if name in OWN_PLANS]
    lines += [_total("the five seed plans", seed), _total("the three own plans", own)]
    lines += ["", "| plan | target | drafted as | differs |", "|---|---|---|---|"]
    for name, _, _, c in rows:
        for m in c.matches:
            if m.status != "right":
                drafted = f"`{m.drafted}`" if m.drafted else "—"
                differs = ", ".join(m.differs) if m.status == "wrong" else "not drafted"
                lines.append(f"| `{name}` | `{m.target}` | {drafted} | {differs} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(tables(), end="")
