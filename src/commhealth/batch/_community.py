"""One community's inputs: the paths of its plan, ledger, figures and score sheet."""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from ..errors import PlanError, Problem

__all__ = ["PLAN_NAMES", "Community", "communities_in"]

#: The names a community's plan file may have, in its folder.
PLAN_NAMES = ("plan.toml", "plan.json", "plan.yaml", "plan.yml")
_ACTIVITY_NAMES = (
    "activities.csv",
    "activities.xlsx",
    "activities.xls",
    "activities.ods",
    "activities.json",
    "activities.toml",
)
_OBSERVATION_NAMES = ("observations.csv", "observations.json", "observations.xlsx")
_SCORE_NAMES = ("scores.csv", "scores.xlsx")


def _text(path: str | os.PathLike[str] | None) -> str | None:
    return None if path is None else os.fspath(path)


@attrs.frozen(kw_only=True)
class Community:
    """Where one community's inputs are: paths only, so that a worker reads the files itself.

    Attributes:
        name: What the community is called in results (its folder's name, for a folder).
        plan: The plan file (``.toml``, ``.json`` or ``.yaml``).
        activities: The activity ledger, if any.
        observations: The measured figures, if any.
        scores: The assessor's score sheet, if any (read only by ``evaluate_many``).
    """

    name: str
    plan: str = attrs.field(converter=os.fspath)
    activities: str | None = attrs.field(default=None, converter=_text)
    observations: str | None = attrs.field(default=None, converter=_text)
    scores: str | None = attrs.field(default=None, converter=_text)

    @classmethod
    def in_folder(cls, folder: str | os.PathLike[str]) -> Community:
        """The community laid out in ``folder``: ``plan.toml|json|yaml``, and optionally
        ``activities.csv|xlsx|json|toml``, ``observations.csv|json`` and ``scores.csv``.
        A name that is there counts even when it is no regular file (a link to nowhere, a
        FIFO): reading it then fails with a problem, rather than the file being skipped.

        Raises:
            PlanError: The folder holds no plan file, or two files of one kind.
        """
        path = Path(folder)
        problems: list[Problem] = []

        def one(names: tuple[str, ...], what: str) -> str | None:
            # Whatever is there under the name counts, a link to nowhere, a FIFO or a
            # device among them: the loader refuses it with a problem the outcome carries,
            # where skipping it would check the community as if it had no ledger.
            found = [path / n for n in names if os.path.lexists(path / n)]
            if len(found) > 1:
                listed = ", ".join(p.name for p in found)
                problems.append(
                    Problem(
                        path=str(path), message=f"more than one {what} file: {listed}; keep one"
                    )
                )
            return str(found[0]) if found else None

        plan = one(PLAN_NAMES, "plan")
        activities = one(_ACTIVITY_NAMES, "activity ledger")
        observations = one(_OBSERVATION_NAMES, "observations")
        scores = one(_SCORE_NAMES, "score sheet")
        if plan is None:
            problems.append(
                Problem(
                    path=str(path),
                    message=f"no plan file in the community's folder; name it one of {', '.join(PLAN_NAMES)}",
                )
            )
        if problems:
            raise PlanError(problems, source=path.name)
        assert plan is not None  # a missing plan is a problem above
        return cls(
            name=path.name,
            plan=plan,
            activities=activities,
            observations=observations,
            scores=scores,
        )


def communities_in(folder: str | os.PathLike[str]) -> tuple[Path, ...]:
    """The community folders under ``folder``: its subfolders, sorted by name, leaving out
    hidden ones (``.git``) and ones whose name starts with ``_``.

    Raises:
        PlanError: ``folder`` is not a readable folder, or it has no subfolders.
    """
    path = Path(folder)
    try:
        entries = sorted(p for p in path.iterdir() if p.is_dir())
    except OSError as e:
        reason = "no such folder" if not path.exists() else "not a readable folder"
        msg = f"{reason}: {e.strerror or e}"
        raise PlanError([Problem(path=str(path), message=msg)], source=str(path)) from None
    found = tuple(p for p in entries if not p.name.startswith((".", "_")))
    if not found:
        msg = "no community folders here: lay the folder out one community per subfolder, each with a plan.toml"
        raise PlanError([Problem(path=str(path), message=msg)], source=str(path))
    return found
