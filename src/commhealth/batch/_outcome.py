"""What checking (or scoring) one community came to: a summary, or why it could not be read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from ..errors import CommhealthError, Problem

if TYPE_CHECKING:
    from .._report import Report
    from ..evaluation import Assessment

__all__ = ["FAILURES", "Outcome"]

#: The kinds of :attr:`Outcome.failure`.
FAILURES = ("exception", "worker_died", "timed_out", "not_checked")


@attrs.frozen(kw_only=True)
class Outcome:
    """One community's result in a batch: a summary of its report (and assessment), or the
    problems that kept it from being checked.

    A requirement is *met* when none of its findings fails the report, *missed* when one
    does; ``failing`` counts the failing findings (a monthly quota missed in three months
    is one requirement missed and three failing findings).

    Attributes:
        community: The community's name (its folder's name, for a folder).
        plan: The plan's id, or ``None`` when the plan could not be read.
        ok: Whether the report is ok (for an evaluation: whether the assessment passed);
            ``False`` when an input could not be read.
        requirements: How many requirements the report has findings for.
        met: How many of them have no failing finding.
        missed: How many have at least one.
        failing: How many findings fail.
        score: The assessment's total (``evaluate_many`` only).
        maximum: What the assessment could earn.
        grade: The assessment's grade.
        problems: What could not be read, each with its path or row, when the community
            could not be checked.
        error: Why the community could not be checked, in English: the library error's
            message, or a sentence saying what broke off its check.
        failure: ``None`` when the community was checked or its input could not be read
            (a library error); otherwise what broke off its check, one of
            ``"exception"`` (an error that is not about the input, a bug),
            ``"worker_died"`` (the process checking it died, out of memory or killed),
            ``"timed_out"`` (not done within the batch's time-out) or ``"not_checked"``
            (the worker processes kept dying before it was reached).
        failure_detail: What the failure's words need: the exception's type and first
            line, the time-out in seconds, or how many times the community's worker
            died (``"2"`` on the batch's own pool, which tries it again on its own;
            ``"1"`` on an executor of the caller's); ``""`` otherwise.
    """

    community: str
    plan: str | None = None
    ok: bool
    requirements: int = 0
    met: int = 0
    missed: int = 0
    failing: int = 0
    score: float | None = None
    maximum: float | None = None
    grade: str | None = None
    problems: tuple[Problem, ...] = ()
    error: str | None = None
    failure: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(FAILURES))
    )
    failure_detail: str = ""

    @property
    def failed(self) -> bool:
        """Whether the community could not be checked at all (an input was unreadable)."""
        return self.error is not None

    @classmethod
    def of_report(cls, community: str, report: Report) -> Outcome:
        """The summary of ``report``."""
        failing_by: dict[str, int] = {}
        for f in report.findings:
            failing_by.setdefault(f.requirement, 0)
            if f.failing:
                failing_by[f.requirement] += 1
        missed = sum(1 for n in failing_by.values() if n)
        return cls(
            community=community,
            plan=report.plan,
            ok=report.ok,
            requirements=len(failing_by),
            met=len(failing_by) - missed,
            missed=missed,
            failing=sum(failing_by.values()),
        )

    @classmethod
    def of_assessment(cls, community: str, report: Report, assessment: Assessment) -> Outcome:
        """The summary of ``report`` with the total and grade of ``assessment``."""
        return attrs.evolve(
            cls.of_report(community, report),
            ok=assessment.passed,
            score=assessment.total,
            maximum=assessment.maximum,
            grade=assessment.grade,
        )

    @classmethod
    def of_error(cls, community: str, error: CommhealthError, plan: str | None = None) -> Outcome:
        """A community that could not be checked, with the error's problems."""
        problems: tuple[Problem, ...] = getattr(error, "problems", ())
        if not problems:
            problems = (Problem(path=community, message=str(error)),)
        return cls(community=community, plan=plan, ok=False, problems=problems, error=str(error))

    @classmethod
    def of_failure(
        cls, community: str, failure: str, detail: str = "", plan: str | None = None
    ) -> Outcome:
        """A community whose check broke off for a reason that is not its input: one of
        the kinds of :attr:`failure`, with ``detail`` as :attr:`failure_detail` says."""
        from .._wording import words  # noqa: PLC0415 - only when a check broke off

        message = words("en").batch_failure(failure, detail)
        return cls(
            community=community,
            plan=plan,
            ok=False,
            problems=(Problem(path=community, message=message),),
            error=message,
            failure=failure,
            failure_detail=detail,
        )

    @classmethod
    def of_exception(cls, community: str, error: BaseException, plan: str | None = None) -> Outcome:
        """A community whose check raised ``error``, which is not a library error."""
        first = str(error).strip().splitlines()
        detail = f"{type(error).__name__}: {first[0]}" if first else type(error).__name__
        return cls.of_failure(community, "exception", detail, plan)

    def to_dict(self) -> dict[str, Any]:
        """The outcome as JSON-ready data."""
        return {
            "community": self.community,
            "plan": self.plan,
            "ok": self.ok,
            "requirements": self.requirements,
            "met": self.met,
            "missed": self.missed,
            "failing": self.failing,
            "score": self.score,
            "maximum": self.maximum,
            "grade": self.grade,
            "error": self.error,
            "failure": self.failure,
            "problems": [
                {"path": p.path, "message": p.message, "line": p.line} for p in self.problems
            ],
        }
