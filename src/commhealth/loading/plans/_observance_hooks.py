"""How observances read and write: a rule with its years beside it, or rules by year.

A file writes a rule version's years beside its rule, and an observance's rule history as
``rule`` (with years beside it) or ``rules``; these hooks reshape that around cattrs' own
generated hooks, so that errors keep the file's paths.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, ClassValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ...calendar._observance import Observance, RuleVersion
from ...calendar._rules import RULE_KINDS, Rule
from ...errors import FieldError
from ._tags import _HISTORY_KEYS, _YEAR_KEYS, _file_keys, _table, _unknown_key

__all__ = ["configure_observances", "configure_rule_versions"]


def _noted(exc: Exception, name: str, cls: type, tp: Any) -> Exception:
    """``exc`` noted as the error of attribute ``name`` of ``cls``, as cattrs notes them."""
    note = AttributeValidationNote(
        f"Structuring class {cls.__qualname__} @ attribute {name}", name, tp
    )
    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
    return exc


def _hoisted(exc: ClassValidationError, name: str) -> list[Exception]:
    """``exc``'s errors, those of attribute ``name`` moved up to ``exc``'s own path.

    For a part of the model that a file writes beside its parent's keys, not under a key of
    its own: a rule version's rule, an observance's rule history.
    """
    for sub in exc.exceptions:
        notes = getattr(sub, "__notes__", [])
        if notes and isinstance(notes[-1], AttributeValidationNote) and notes[-1].name == name:
            sub.__notes__ = notes[:-1]
    return list(exc.exceptions)


def configure_rule_versions(c: cattrs.Converter) -> None:
    """An entry of an observance's ``rules``: a rule's table with its years beside its keys."""
    nested = make_dict_structure_fn(RuleVersion, c)
    years = make_dict_unstructure_fn(
        RuleVersion, c, _cattrs_omit_if_default=True, rule=override(omit=True)
    )

    def structure(value: object, _: type) -> RuleVersion:
        table = _table(value)
        rule = {k: v for k, v in table.items() if k not in _YEAR_KEYS}
        errors: list[Exception] = []
        kind = rule.get("kind")
        cls = RULE_KINDS.get(kind) if isinstance(kind, str) else None
        if cls is not None:
            # The rule's own check of its keys would not know that the years may be there.
            known = (*_file_keys(cls), *_YEAR_KEYS)
            for key in [k for k in rule if k not in known]:
                errors.append(FieldError(key, _unknown_key(key, known)))
                del rule[key]
        try:
            given = {k: table[k] for k in _YEAR_KEYS if k in table}
            version = nested({"rule": rule, **given}, RuleVersion)
        except ClassValidationError as e:
            errors += _hoisted(e, "rule")
        if errors:
            raise ClassValidationError("While structuring RuleVersion", errors, RuleVersion)
        return version

    def unstructure(version: RuleVersion) -> dict[str, Any]:
        rule: dict[str, Any] = c.unstructure(version.rule, Rule)
        return rule | years(version)

    c.register_structure_hook(RuleVersion, structure)
    c.register_unstructure_hook(RuleVersion, unstructure)


def _rule_history_hook(c: cattrs.Converter) -> Callable[[Mapping[str, Any], type], Any]:
    """An observance's rules from its keys ``rule``, ``rules``, ``valid_from`` and ``valid_to``.

    Errors are noted as if these keys were an observance's attribute; the observance's hook
    moves them up to its own path.
    """
    nested = make_dict_structure_fn(RuleVersion, c)
    array = tuple[RuleVersion, ...]

    def structure(value: Mapping[str, Any], _: type) -> tuple[RuleVersion, ...]:
        if ("rule" in value) == ("rules" in value):
            msg = "give either 'rule' (one rule) or 'rules' (rules by year), not both or neither"
            raise ValueError(msg)
        if "rule" in value:
            return (nested(value, RuleVersion),)
        errors: list[Exception] = []
        if any(k in value for k in _YEAR_KEYS):
            msg = "with 'rules', give 'valid_from' and 'valid_to' inside each rule"
            errors.append(ValueError(msg))
        versions: tuple[RuleVersion, ...] = ()
        try:
            versions = c.structure(value["rules"], array)
        except Exception as e:
            errors.append(_noted(e, "rules", Observance, array))
        if errors:
            raise ClassValidationError("While structuring Observance.rules", errors, Observance)
        return versions

    return structure


def configure_observances(c: cattrs.Converter) -> None:
    """Observance tables, in the format of ``docs/calendar.md``.

    One rule is written as ``rule`` with its years beside it, several as ``rules``.
    """
    fields_in = make_dict_structure_fn(
        Observance, c, rules=override(struct_hook=_rule_history_hook(c))
    )
    fields_out = make_dict_unstructure_fn(
        Observance, c, _cattrs_omit_if_default=True, rules=override(omit=True)
    )
    years = make_dict_unstructure_fn(
        RuleVersion, c, _cattrs_omit_if_default=True, rule=override(omit=True)
    )

    def structure(value: object, _: type) -> Observance:
        table = _table(value)
        data = {k: v for k, v in table.items() if k not in _HISTORY_KEYS}
        data["rules"] = {k: table[k] for k in _HISTORY_KEYS if k in table}
        try:
            return fields_in(data, Observance)
        except ClassValidationError as e:
            errors = _hoisted(e, "rules")
            raise ClassValidationError("While structuring Observance", errors, Observance) from None

    def unstructure(observance: Observance) -> dict[str, Any]:
        versions = observance.rules
        if len(versions) == 1:
            history = {"rule": c.unstructure(versions[0].rule, Rule), **years(versions[0])}
        else:
            history = {"rules": [c.unstructure(v, RuleVersion) for v in versions]}
        fields = fields_out(observance)
        out: dict[str, Any] = {}
        for a in attrs.fields(Observance):  # the history goes where the model has its rules
            if a.name == "rules":
                out |= history
            elif a.name in fields:
                out[a.name] = fields[a.name]
        return out

    c.register_structure_hook(Observance, structure)
    c.register_unstructure_hook(Observance, unstructure)
