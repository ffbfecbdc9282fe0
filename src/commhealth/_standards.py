"""Resolving a plan's ``includes`` against the shipped standards."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from ._includes import Include, Override
from ._plan import Requirement
from .errors import CommhealthError, Problem

__all__ = ["expand", "include_problems"]


def _apply(req: Requirement, override: Override | None, source: str) -> Requirement:
    changes: dict[str, object] = {}
    if req.source is None:
        changes["source"] = source
    if override is not None:
        for name in ("bound", "severity", "title"):
            value = getattr(override, name)
            if value is not None:
                changes[name] = value
    return attrs.evolve(req, **changes)  # type: ignore[arg-type]


def expand(include: Include) -> tuple[Requirement, ...]:
    """The requirements of the included standard, with the plan's overrides applied."""
    from .standards import get  # noqa: PLC0415 - loaded on first use

    standard = get(include.standard)
    by_id = {o.requirement: o for o in include.overrides}
    return tuple(_apply(r, by_id.get(r.id), standard.id) for r in standard.requirements)


def include_problems(includes: Iterable[Include], own_ids: set[str]) -> Iterator[Problem]:
    """Every problem with a plan's includes: unknown standards, overrides that do not apply,
    ids that clash with the plan's own requirements or another include's."""
    from .standards import get  # noqa: PLC0415 - loaded on first use

    seen = dict.fromkeys(own_ids, "the plan's own requirements")
    for i, inc in enumerate(includes):
        here = f"$.includes[{i}]"
        try:
            standard = get(inc.standard)
        except CommhealthError as e:
            yield Problem(path=f"{here}.standard", message=str(e))
            continue
        reqs = {r.id: r for r in standard.requirements}
        for j, o in enumerate(inc.overrides):
            if o.requirement not in reqs:
                yield Problem(
                    path=f"{here}.overrides[{j}].requirement",
                    message=f"no requirement {o.requirement!r} in standard {inc.standard!r}; known: {', '.join(reqs)}",
                )
                continue
            try:
                _apply(reqs[o.requirement], o, standard.id)
            except TypeError:
                yield Problem(
                    path=f"{here}.overrides[{j}].bound",
                    message=f"requirement {o.requirement!r} has no bound to override",
                )
            except ValueError as e:
                yield Problem(path=f"{here}.overrides[{j}]", message=str(e))
        for rid in reqs:
            if rid in seen:
                yield Problem(
                    path=f"{here}.standard",
                    message=f"requirement id {rid!r} from {inc.standard!r} is also in {seen[rid]}",
                )
            else:
                seen[rid] = repr(inc.standard)
