"""Records shared by every source reader.

Stage: corpus (reading). Input: the upstream files of one source, as fetched into the local
cache (same layout as the mirror in ``../shared/corpus/<source>/``). Output: :class:`Article`
records with full provenance, plus a :class:`ReadReport` that says what the reader repaired,
skipped or excluded and why, so that nothing disappears silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from conflictnews.io import sha256_text
from conflictnews.sources.licences import Licence

#: Genres. ``news`` is a full article; ``snippet`` a short item (portal item, CENTCOM day);
#: ``official-statement`` a government release (a different register from news).
GENRES: tuple[str, ...] = ("news", "snippet", "official-statement")


@dataclass(frozen=True)
class UpstreamFile:
    """Where an article's text came from: a file of the source registry.

    Attributes:
        path: Path of the file relative to the source folder (e.g. ``data/x.csv`` mirrored as
            ``x.csv``: this is the *mirror/cache* relative path, ``wikinews_2019.csv``).
        sha256: The verified sha256 of the file's bytes.
        record: Where in the file the article sits (row number, line, item index), as text.

    """

    path: str
    sha256: str
    record: str = ""


@dataclass(frozen=True)
class Article:
    """One document read from an upstream source, with provenance.

    Attributes:
        id: Stable id, ``<source>-<stable key>`` (e.g. ``fa-kes-0412``); never depends on
            list order of other records.
        source: Source id from the registry (``fa-kes``, ``re3d``, ``wikinews``, ...).
        genre: One of :data:`GENRES`.
        title: Title or headline ('' when the source has none).
        text: The article text exactly as the reader rebuilt it (no curation yet).
        text_sha256: sha256 of ``text`` (UTF-8).
        url: Upstream URL of the article itself where known, else ''.
        outlet: Publisher or outlet that wrote the text (``reuters``, ``Wikinews``, ``CENTCOM``).
        date: ISO date ``YYYY-MM-DD`` where known, else ''.
        licence: The licence that covers this article's text.
        upstream: The upstream file (path, sha256, record) the text was read from.
        attributes: Source-specific document attributes (``credibility``, ``topic_path``,
            ``citations``, ``folder``, ...). JSON-serialisable values only.
        repairs: What the reader repaired while decoding (e.g. ``"decoded-cp1252"``), so that
            curation can report it.

    """

    id: str
    source: str
    genre: str
    title: str
    text: str
    url: str
    outlet: str
    date: str
    licence: Licence
    upstream: UpstreamFile
    attributes: Mapping[str, Any] = field(default_factory=dict)
    repairs: tuple[str, ...] = ()
    text_sha256: str = ""

    def __post_init__(self) -> None:
        """Fill ``text_sha256`` and reject records that break the invariants."""
        if self.genre not in GENRES:
            raise ValueError(f"article {self.id}: unknown genre {self.genre!r}; expected one of {GENRES}")
        actual = sha256_text(self.text)
        if not self.text_sha256:
            object.__setattr__(self, "text_sha256", actual)
        elif self.text_sha256 != actual:
            raise ValueError(f"article {self.id}: text_sha256 {self.text_sha256} != sha256(text) {actual}")

    def provenance(self) -> dict[str, Any]:
        """Return the provenance fields as a JSON-ready dict (everything but the text)."""
        return {
            "id": self.id,
            "source": self.source,
            "genre": self.genre,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "date": self.date,
            "licence": self.licence.id,
            "licence_url": self.licence.url,
            "licence_class": self.licence.category,
            "attribution": self.licence.attribution,
            "text_sha256": self.text_sha256,
            "upstream_file": self.upstream.path,
            "upstream_file_sha256": self.upstream.sha256,
            "upstream_record": self.upstream.record,
            "attributes": dict(self.attributes),
            "repairs": list(self.repairs),
        }


@dataclass(frozen=True)
class Skipped:
    """An upstream record that a reader did not turn into an article, and why.

    Attributes:
        source: Source id.
        record: File and record reference (``FA-KES-Dataset.csv:row 17``).
        reason: Stable kebab-case reason (``empty-text``, ``third-party-reprint``, ...).
        detail: Human-readable detail.

    """

    source: str
    record: str
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class ReadResult:
    """What one reader produced from its source.

    Attributes:
        source: Source id.
        articles: The articles, sorted by id.
        skipped: Records not turned into articles, each with a reason.
        notes: Free-form report lines (repairs made, counts), printed by ``corpus read``.
        extras: Non-article data kept for later stages (re3d gold entities, UNSC vetoes table).

    """

    source: str
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[str, ...] = ()
    extras: Mapping[str, Any] = field(default_factory=dict)
