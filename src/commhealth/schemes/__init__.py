"""Assessors' schemes shipped with commhealth, each transcribed from a published instrument.

Each file names its source and the choices made where the source is silent or disagrees with
itself, in comments above the items they concern.

>>> from commhealth import schemes
>>> "health-supervision-2013" in schemes.names()
True
>>> scheme = schemes.load("health-supervision-2013")
>>> len(scheme.criteria()), scheme.maximum()
(30, 100.0)
"""

from __future__ import annotations

from importlib import resources

from .._scheme import Scheme
from ..errors import UnknownSchemeError
from ..loading.plans._schemes import load_scheme

__all__ = ["UnknownSchemeError", "load", "names"]


def names() -> tuple[str, ...]:
    """The names of the shipped schemes, sorted."""
    return tuple(
        sorted(
            p.name.removesuffix(".toml")
            for p in resources.files(__name__).iterdir()
            if p.name.endswith(".toml")
        )
    )


def load(name: str) -> Scheme:
    """Load the shipped scheme ``name`` (one of :func:`names`).

    Raises:
        UnknownSchemeError: No shipped scheme has that name; the message lists those there are.
    """
    if name not in names():
        raise UnknownSchemeError(name, names())
    with resources.as_file(resources.files(__name__).joinpath(f"{name}.toml")) as path:
        return load_scheme(path)
