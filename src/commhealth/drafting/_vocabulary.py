"""The drafting vocabulary: which words of a sentence name an activity kind, tag, audience
or team (健教活动 → ``health-education``), read from ``vocabulary.toml`` and the user's own."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import attrs

from ..errors import DraftError

__all__ = ["Term", "Vocabulary", "default_vocabulary", "load_vocabulary"]

_SECTIONS = {"kinds": "kind", "tags": "tag", "audiences": "audience", "teams": "team"}


@attrs.frozen(kw_only=True)
class Term:
    """One code and the words that name it: ``health-education`` ← 健教活动, 健康教育活动."""

    code: str
    words: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Vocabulary:
    """The words a draft reads kinds, tags, audiences and teams from.

    Entries of an earlier vocabulary come first: :meth:`extended` puts the user's own words
    before the shipped ones, so a user's reading of a word wins.
    """

    kinds: tuple[Term, ...] = ()
    tags: tuple[Term, ...] = ()
    audiences: tuple[Term, ...] = ()
    teams: tuple[Term, ...] = ()

    def extended(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary with ``other``'s entries put first."""
        return Vocabulary(
            kinds=other.kinds + self.kinds,
            tags=other.tags + self.tags,
            audiences=other.audiences + self.audiences,
            teams=other.teams + self.teams,
        )


def _terms(data: object, section: str, key: str, source: str) -> tuple[Term, ...]:
    if not isinstance(data, list):
        msg = f"{source}: '{section}' must be an array of tables ([[{section}]])"
        raise DraftError(msg)
    terms = []
    for i, entry in enumerate(data):
        code = entry.get(key) if isinstance(entry, dict) else None
        words = entry.get("words") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not code:
            msg = f"{source}: '{key}' must be a non-empty string @ $.{section}[{i}].{key}"
            raise DraftError(msg)
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            msg = f"{source}: 'words' must be a list of non-empty strings @ $.{section}[{i}].words"
            raise DraftError(msg)
        terms.append(Term(code=code, words=tuple(words)))
    return tuple(terms)


def vocabulary_from_text(text: str, *, source: str) -> Vocabulary:
    """A vocabulary from the text of a TOML file shaped like the shipped ``vocabulary.toml``.

    Raises:
        DraftError: The text is not TOML, or an entry lacks its code or its words.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise DraftError(f"{source}: not a TOML file: {e}") from None
    unknown = sorted(set(data) - set(_SECTIONS))
    if unknown:
        msg = f"{source}: unknown section {unknown[0]!r}; expected one of {', '.join(_SECTIONS)}"
        raise DraftError(msg)
    parts = {name: _terms(data.get(name, []), name, key, source) for name, key in _SECTIONS.items()}
    return Vocabulary(**parts)


def load_vocabulary(path: str | Path) -> Vocabulary:
    """The shipped vocabulary extended with the file at ``path`` (its words come first).

    Raises:
        DraftError: The file cannot be read or is not shaped like ``vocabulary.toml``.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DraftError(f"{path}: cannot read the vocabulary file: {e}") from None
    return default_vocabulary().extended(vocabulary_from_text(text, source=str(path)))


@functools.cache
def default_vocabulary() -> Vocabulary:
    """The vocabulary shipped with commhealth (``commhealth/vocabulary.toml``), read once."""
    text = resources.files("commhealth").joinpath("vocabulary.toml").read_text("utf-8")
    return vocabulary_from_text(text, source="vocabulary.toml")


def find(terms: Iterable[Term], text: str) -> list[tuple[str, str, int]]:
    """Each term named in ``text``: ``(code, word, position)``, longest words first, a shorter
    word inside a longer one already found left out."""
    hits: list[tuple[str, str, int]] = []
    taken: set[int] = set()
    pairs = sorted(((w, t.code) for t in terms for w in t.words), key=lambda p: -len(p[0]))
    for word, code in pairs:
        start = text.find(word)
        while start >= 0:
            span = set(range(start, start + len(word)))
            if not span & taken:
                taken |= span
                hits.append((code, word, start))
            start = text.find(word, start + 1)
    return sorted(hits, key=lambda h: h[2])
