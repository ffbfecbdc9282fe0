"""The package's shape: no import cycles, a plan that is pure data, words in one place."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from commhealth import Include, MonthlyTheme, ThemeCalendar, Window

from .helpers import make_plan

SRC = Path(__file__).resolve().parent.parent / "src" / "commhealth"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(path: Path, name: str, modules: set[str]) -> set[str]:
    """The package modules ``path`` imports when it runs, at any depth (inside functions
    too), leaving out imports under ``if TYPE_CHECKING:``. Importing ``a.b`` is an edge to
    ``a.b`` only: a package's ``__init__`` runs first, but it is what the package exports,
    not what the importer depends on."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for candidate in (target, *(f"{target}.{a.name}" for a in node.names)):
                if candidate in modules:
                    found.add(candidate)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    """Each module of the package, and the package modules it imports."""
    paths = {_module_name(p): p for p in SRC.rglob("*.py")}
    modules = set(paths)
    return {name: _runtime_imports(path, name, modules) for name, path in paths.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


class TestImports:
    def test_no_import_cycle(self) -> None:
        """No two modules of the package import each other, directly or through others."""
        assert [] == cycles(import_graph())

    def test_the_check_finds_a_cycle(self) -> None:
        """The cycle check is not vacuous: a graph with a loop is reported."""
        assert [["a", "b", "c"]] == cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})

    def test_graph_sees_imports_inside_functions(self) -> None:
        """Imports made inside a function count; the engine's check imports the resolver."""
        graph = import_graph()
        assert "commhealth._resolve" in graph["commhealth.engine._check"]
        assert "commhealth.standards" in graph["commhealth._resolve"]


class TestPlanIsData:
    def test_building_and_evolving_reads_no_data(self) -> None:
        """Constructing or evolving a plan with includes and observances reads neither the
        standards nor the observance registry."""
        code = (
            "import attrs\n"
            "from commhealth._plan import Plan, Organisation\n"
            "from commhealth._includes import Include\n"
            "from commhealth._themes import ThemeCalendar, MonthlyTheme\n"
            "from commhealth._periods import Window\n"
            "import commhealth.calendar._registry as registry\n"
            "import commhealth.standards as standards\n"
            "plan = Plan(id='p', organisation=Organisation(id='o'), span=Window.year(2022),\n"
            "    includes=(Include(standard='no-such-standard'),),\n"
            "    themes=ThemeCalendar(months=(MonthlyTheme(month=3, observances=('nobody-knows',)),)))\n"
            "plan = attrs.evolve(plan, title='t')\n"
            "print(registry.default_registry.cache_info().currsize,"
            " standards.standards.cache_info().currsize)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert "0 0\n" == out

    def test_references_wait_for_resolve(self) -> None:
        """A plan naming an unknown standard and observance is built; resolving it reports both."""
        from commhealth import PlanError, resolve

        plan = make_plan(
            includes=(Include(standard="who/2030"),),
            themes=ThemeCalendar(months=(MonthlyTheme(month=3, observances=("结核病周",)),)),
        )
        evolved = attrs.evolve(plan, span=Window.year(2022))
        with pytest.raises(PlanError) as e:
            resolve(evolved)
        paths = [p.path for p in e.value.problems]
        assert ["$.includes[0].standard", "$.themes.months[0].observances[0]"] == paths


class TestWordsInOnePlace:
    def test_report_sentences_live_in_the_wording_module(self) -> None:
        """Chinese appears outside the wording module only in docstrings, comments and the
        data a loader reads (ledger and score-sheet headers, cadence words, status words, the yuan unit, a
        scheme's default failing grade)."""
        han = re.compile(r"[\u4e00-\u9fff]")
        allowed = {
            "loading/ledgers/_cells.py",
            "loading/ledgers/_read.py",
            "loading/ledgers/_values.py",
            "loading/ledgers/_layout.py",
            "loading/ledgers/_fields.py",
            "loading/ledgers/_scores.py",
            "_periods.py",
            "_plan.py",
            "cli/__init__.py",
            "cli/_evaluate.py",
            "loading/plans/_schema.py",
            "_scheme.py",
            # The drafting grammar reads Chinese sentences, so its patterns are Chinese; they
            # are kept in these grammar modules and nowhere else in the drafting package.
            "drafting/_grammar_dated.py",
            "drafting/_grammar_goals.py",
            "drafting/_grammar_lists.py",
            "drafting/_grammar_periods.py",
            "drafting/_grammar_quotas.py",
            "drafting/_grammar_text.py",
            "drafting/_grammar_themes.py",
        }
        offenders = []
        for path in SRC.rglob("*.py"):
            rel = path.relative_to(SRC).as_posix()
            if rel.startswith("_wording/") or rel in allowed:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {
                id(node.body[0].value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                and node.body
                and isinstance(node.body[0], ast.Expr)
                and isinstance(node.body[0].value, ast.Constant)
            }
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and id(node) not in docstrings
                    and han.search(node.value)
                ):
                    offenders.append(f"{rel}:{node.lineno}: {node.value!r}")
        assert [] == offenders
