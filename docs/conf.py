"""Sphinx configuration: the Markdown pages of this folder, and an API reference.

Build with ``python -m sphinx -W --keep-going -b html docs docs/_build/html`` after
``python -m pip install -e ".[docs]"``.
"""

from __future__ import annotations

import enum
import re
import sys
import types
import typing
from typing import Any

import attrs
from sphinx.errors import PycodeError
from sphinx.pycode import ModuleAnalyzer

import commhealth

project = "commhealth"
author = "The commhealth developers"
copyright = "The commhealth developers"
release = commhealth.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]
language = "en"

# -- The narrative pages ------------------------------------------------------------------
# They stay plain Markdown that GitHub renders as it is; MyST only needs anchors for the
# headings, so that links such as engine.md#child-plans resolve as they do on GitHub.
myst_heading_anchors = 3

# -- The API reference --------------------------------------------------------------------
autodoc_member_order = "bysource"
# attrs classes take many keyword-only fields: the signature lists their names and defaults,
# and the description lists each with its type.
autodoc_typehints = "description"
autodoc_typehints_description_target = "all"
# Types read "Status", not "commhealth._status.Status", where the name links to its entry.
python_use_unqualified_type_names = True

# The docstrings are Google style (Args:, Returns:, Raises:, Attributes:).
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# -- HTML ---------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"commhealth {release}"


# -- Hooks --------------------------------------------------------------------------------
# The API pages use automodule with :members: but not :undoc-members:, which would also list
# the slot of every attrs field as a bare attribute: each field would show twice, and those
# described under "Attributes:" would be described twice (duplicate object warnings). What
# :undoc-members: would bring and is worth having is kept here instead.


def _keep_enum_members_and_constants(
    app: Any, what: str, name: str, obj: object, skip: bool, options: Any
) -> bool | None:
    """Keep the members of an enum (``Status.MET``) and class constants (``kind = "fixed"``),
    which have no docstring of their own."""
    if (
        what in ("class", "exception")
        and skip
        and not name.startswith("_")
        and isinstance(obj, enum.Enum | str | int | float)
    ):
        return False
    return None


def _reexported_data_docs(
    app: Any, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Give a constant a package re-exports (``commhealth.SCHEMA_VERSION``) the ``#:``
    comment it has where it is defined (``commhealth._plan``), rather than the docstring
    of its type (``int``)."""
    if what != "data":
        return
    package, _, attr = name.rpartition(".")
    for modname, module in sorted(sys.modules.items()):
        if not modname.startswith(f"{package}.") or getattr(module, attr, None) is not obj:
            continue
        try:
            docs = ModuleAnalyzer.for_module(modname).find_attr_docs().get(("", attr))
        except PycodeError:
            continue
        if docs:
            lines[:] = [*docs, ""]
            break
    if isinstance(obj, types.UnionType):
        # Its value would read "commhealth._goals.Goal | ..."; the pages give it :no-value:.
        kinds = ", ".join(
            f":class:`~{a.__module__}.{a.__qualname__}`" for a in typing.get_args(obj)
        )
        lines.extend([f"One of {kinds}.", ""])


def _attrs_factory_defaults(
    app: Any,
    what: str,
    name: str,
    obj: object,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    """Show an attrs field's factory default as ``tags=frozenset()``, not ``tags=NOTHING``."""
    if what not in ("class", "exception") or not signature:
        return None
    if not isinstance(obj, type) or not attrs.has(obj):
        return None
    for field in attrs.fields(obj):
        if isinstance(field.default, attrs.Factory) and not field.default.takes_self:  # type: ignore[arg-type]
            shown = f"{field.alias}={field.default.factory.__name__}()"
            signature = re.sub(rf"\b{field.alias}=(_Nothing\.)?NOTHING\b", shown, signature)
    return signature, return_annotation


def _public_bases(app: Any, name: str, obj: type, options: Any, bases: list[type]) -> None:
    """Under "Bases:", show a private base by its own bases (``PlanError`` is a
    ``CommhealthError`` and a ``ValueError``), and ``object`` only when there is no other."""
    shown: list[type] = []
    pending = list(bases)
    while pending:
        base = pending.pop(0)
        if base.__name__.startswith("_"):
            pending[:0] = list(base.__bases__)
        elif base is not object and base not in shown:
            shown.append(base)
    bases[:] = shown or [object]


def _link_reexported(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a reference to a name a package re-exports (``commhealth.PlanError``) to the
    place the object is documented (``commhealth.errors.PlanError``)."""
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"]
    candidates = [target]
    if node.get("py:module"):
        candidates.append(f"{node['py:module']}.{target}")
    for candidate in candidates:
        modname, _, attr = candidate.rpartition(".")
        obj = getattr(sys.modules.get(modname), attr, None)
        home = f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', '')}"
        if obj is None or home == candidate:
            continue
        py = env.get_domain("py")
        found = py.resolve_xref(
            env, node["refdoc"], app.builder, node["reftype"], home, node, contnode
        )
        if found is not None:
            return found
    return None


def setup(app: Any) -> None:
    app.connect("autodoc-skip-member", _keep_enum_members_and_constants)
    app.connect("autodoc-process-docstring", _reexported_data_docs)
    app.connect("autodoc-process-signature", _attrs_factory_defaults)
    app.connect("autodoc-process-bases", _public_bases)
    app.connect("missing-reference", _link_reexported)
