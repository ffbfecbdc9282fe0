"""Including a standard's requirement set in a plan, with local overrides."""

from __future__ import annotations

import attrs

from ._requirements import Bound, Severity

__all__ = ["Include", "Override"]


@attrs.frozen(kw_only=True)
class Override:
    """A plan's local change to one requirement of an included standard.

    A city that asks for 10 kinds of audio-visual material instead of the standard's 6
    writes ``Override(requirement="bphs-he-audio-visual", bound=Bound(min=10))``.
    """

    requirement: str = attrs.field(validator=attrs.validators.min_len(1))
    bound: Bound | None = None
    severity: Severity | None = None
    title: str | None = None


@attrs.frozen(kw_only=True)
class Include:
    """A standard's requirement set included in a plan by its id, e.g.
    ``bphs-2017/health-education/centre``; ``overrides`` change some of its requirements.

    ``only`` takes just the requirements it names; ``exclude`` takes all but those.
    """

    standard: str = attrs.field(validator=attrs.validators.min_len(1))
    overrides: tuple[Override, ...] = ()
    only: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def takes(self, requirement: str) -> bool:
        """Whether the include takes the standard's requirement ``requirement``."""
        if self.only:
            return requirement in self.only
        return requirement not in self.exclude
