"""Per-source corpus statistics.

Stage: corpus (reporting). Input: the readers' :class:`ReadResult` objects. Output: one
:class:`SourceStats` row per source (documents, words, date range, licences, genre,
Syria/Aleppo mentions, skipped records by reason) for ``conflictnews corpus stats``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from conflictnews.sources.base import ReadResult

_SYRIA = re.compile(r"\b(?:Syria|Syrian|Syrians|Aleppo)\b", re.IGNORECASE)
_ALEPPO = re.compile(r"\bAleppo\b", re.IGNORECASE)


@dataclass(frozen=True)
class SourceStats:
    """Summary figures of one source.

    Attributes:
        source: Source id.
        documents: Articles read.
        words: Whitespace tokens of title + text, summed.
        first_date: Earliest ISO date ('' when no article has a date).
        last_date: Latest ISO date.
        licences: Licence ids with article counts, most frequent first.
        genres: Genres with counts.
        syria: Articles mentioning Syria/Syrian/Aleppo.
        aleppo: Articles mentioning Aleppo.
        skipped: Skipped records by reason.

    """

    source: str
    documents: int
    words: int
    first_date: str
    last_date: str
    licences: tuple[tuple[str, int], ...]
    genres: tuple[tuple[str, int], ...]
    syria: int
    aleppo: int
    skipped: tuple[tuple[str, int], ...]


def source_stats(result: ReadResult) -> SourceStats:
    """Compute the :class:`SourceStats` of one reader result."""
    dates = sorted(a.date for a in result.articles if a.date)
    words = sum(len(f"{a.title} {a.text}".split()) for a in result.articles)
    syria = sum(1 for a in result.articles if _SYRIA.search(a.title) or _SYRIA.search(a.text))
    aleppo = sum(1 for a in result.articles if _ALEPPO.search(a.title) or _ALEPPO.search(a.text))
    return SourceStats(
        source=result.source,
        documents=len(result.articles),
        words=words,
        first_date=dates[0] if dates else "",
        last_date=dates[-1] if dates else "",
        licences=tuple(Counter(a.licence.id for a in result.articles).most_common()),
        genres=tuple(Counter(a.genre for a in result.articles).most_common()),
        syria=syria,
        aleppo=aleppo,
        skipped=tuple(Counter(s.reason for s in result.skipped).most_common()),
    )
