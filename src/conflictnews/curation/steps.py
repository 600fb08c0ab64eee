"""The project's own datatrove ``PipelineStep``s, one per curation technique.

Stage: curation (blocks). Input: datatrove ``Document``s (``text``, ``id``, ``metadata`` holding
the article provenance). Output: the same documents, normalised, filtered or clustered; every
dropped document goes to the step's exclusion writer with ``metadata["filter_reason"]``.

Blocks, in pipeline order: :class:`ConflictNewsReader` (runs the source readers, sharded by a
hash of the article id), :class:`ReaderSkipFilter`, :class:`TextNormalizer`,
:class:`LengthFilter`, :class:`EnglishStopwordFilter`, :class:`ConflictRelevanceFilter`,
:class:`LicencePolicyFilter` (stage 1, parallel) and :class:`ClusterDeduplicator` (stage 2, one
task: it needs every document). The thresholds are stated on each class.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter

from conflictnews.curation.dedup import cluster_duplicates
from conflictnews.curation.normalise import curate_text
from conflictnews.curation.relevance import LexiconRelevanceScorer, RelevanceScorer
from conflictnews.curation.relevance_review import review_applies
from conflictnews.io import sha256_text
from conflictnews.sources.base import Article
from conflictnews.sources.fetch import read_source
from conflictnews.sources.registry import gold_sources

_WORD = re.compile(r"\w+")

#: English function words for the language filter (a Gopher-style stop-word test).
STOPWORDS: frozenset[str] = frozenset(
    (
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "at",
        "from",
        "it",
        "he",
        "she",
        "his",
        "her",
        "they",
        "their",
        "be",
        "are",
        "were",
        "has",
        "have",
        "had",
        "not",
        "this",
        "an",
        "or",
        "which",
        "but",
        "said",
        "after",
        "been",
        "who",
        "will",
        "would",
        "its",
        "also",
        "into",
        "than",
        "more",
        "over",
        "about",
    )
)

#: Gold annotation sources: their articles win the representative choice in a duplicate cluster.
GOLD_SOURCES: frozenset[str] = frozenset(gold_sources())
CREDIBILITY_RANK: Mapping[str | None, int] = {"credible": 0, None: 1, "fake": 2}


def shard_of(doc_id: str, world_size: int) -> int:
    """Return the rank that owns ``doc_id`` (stable hash, independent of list order)."""
    return int(sha256_text(doc_id)[:8], 16) % world_size


def article_document(article: Article) -> Document:
    """Return the datatrove ``Document`` of an :class:`Article` (provenance in the metadata)."""
    metadata = article.provenance()
    metadata["read_sha256"] = metadata.pop("text_sha256")
    return Document(text=article.text, id=article.id, metadata=metadata)


class ConflictNewsReader(PipelineStep):
    """Run the project's source readers over the fetched cache and emit their articles.

    Each rank reads every source and keeps the articles whose id hashes to it
    (:func:`shard_of`). Records a reader skipped are emitted as empty documents carrying
    ``reader_skip_reason`` so that :class:`ReaderSkipFilter` counts them and writes them aside.
    """

    name = "ConflictNews source readers"
    type = "📖 - READER"

    def __init__(self, cache: str, sources: Iterable[str]) -> None:
        """Read ``sources`` (ids) from the cache folder ``cache``."""
        super().__init__()
        self.cache = cache
        self.sources = tuple(sources)

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Yield this rank's articles and skipped records, source by source."""
        for source in self.sources:
            result = read_source(source, Path(self.cache))
            for article in result.articles:
                if shard_of(article.id, world_size) == rank:
                    self.stat_update("read", f"read_{source}")
                    yield article_document(article)
            for skip in result.skipped:
                doc_id = f"{skip.source}:{skip.record}"
                if shard_of(doc_id, world_size) == rank:
                    self.stat_update("reader_skipped")
                    yield Document(
                        text="",
                        id=doc_id,
                        metadata={
                            "source": skip.source,
                            "genre": "",
                            "reader_skip_reason": skip.reason,
                            "detail": skip.detail,
                            "upstream_record": skip.record,
                        },
                    )


class ReaderSkipFilter(BaseFilter):
    """Drop the records a reader skipped, with reason ``reader-<reason>`` (e.g. ``reader-empty-text``)."""

    name = "reader skips"

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """Keep real articles; drop reader skips with their reason."""
        reason = doc.metadata.get("reader_skip_reason")
        return (False, f"reader-{reason}") if reason else True


class TextNormalizer(PipelineStep):
    """Curate text with :func:`conflictnews.curation.normalise.curate_text` and record what changed.

    Sets ``metadata["normalisation"]`` (``kind:count`` list: character rules, outlet boilerplate,
    headline), the headline as ``title``, ``text_sha256`` and ``characters``/``words`` of the
    curated text (headline, blank line, body), and ``normalised_sha256`` (the text after the
    character rules only, the version that relevance reviews of curation version 2 read). Runs
    once; never after the manifest.
    """

    name = "text normalisation"
    type = "✂️ - FORMAT"

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Curate every document."""
        for doc in data:
            if doc.text:
                meta = doc.metadata
                with self.track_time():
                    curated = curate_text(
                        doc.text, meta.get("title", ""), meta.get("source", ""), meta.get("outlet", "")
                    )
                doc.text = curated.text
                meta["normalisation"] = list(curated.changes)
                meta["title"] = curated.title
                meta["text_sha256"] = sha256_text(curated.text)
                meta["normalised_sha256"] = sha256_text(curated.normalised)
                meta["characters"] = len(curated.text)
                meta["words"] = len(_WORD.findall(curated.text))
                for change in curated.changes:
                    self.stat_update(f"changed_{change.split(':')[0]}")
            yield doc


class LengthFilter(BaseFilter):
    r"""Drop texts too short or too long for their genre (words = ``\w+`` tokens).

    Minimum words: news and official statements 25 (a bare headline is shorter; the short dense
    incident reports of FA-KES and re3d are longer), snippets 5; maximum 25,000 for all (longer
    "articles" are dumps). Reasons ``too-short``, ``too-long``.
    """

    name = "length"
    MIN_WORDS: Mapping[str, int] = {"news": 25, "official-statement": 25, "snippet": 5}
    MAX_WORDS = 25_000

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """Apply the genre's word limits."""
        words = doc.metadata.get("words", 0)
        if words < self.MIN_WORDS.get(doc.metadata.get("genre", "news"), 25):
            return False, "too-short"
        if words > self.MAX_WORDS:
            return False, "too-long"
        return True


class EnglishStopwordFilter(BaseFilter):
    """Drop non-English text, by script and by English function words.

    Every document needs at least 80% of its letters in the Latin script. News and official
    statements also need at least 10% of their tokens to be English function words (the Gopher
    stop-word rule); snippets are exempt from that second test because portal items and strike
    lists are telegraphic English ("Near Kobani, five airstrikes destroyed ...") with almost no
    function words. fastText language id would need a model download an offline build cannot
    make. Reason ``not-english``.
    """

    name = "language (script + English stop words)"
    MIN_LATIN = 0.8
    MIN_STOPWORDS = 0.10
    TELEGRAPHIC: frozenset[str] = frozenset({"snippet"})

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """Keep Latin-script documents whose stop-word share reaches the minimum (not for snippets)."""
        letters = [c for c in doc.text if c.isalpha()]
        latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, "")) / max(len(letters), 1)
        tokens = _WORD.findall(doc.text.lower())
        share = sum(1 for t in tokens if t in STOPWORDS) / max(len(tokens), 1)
        doc.metadata["stopword_share"] = round(share, 4)
        if latin < self.MIN_LATIN:
            return False, "not-english"
        if doc.metadata.get("genre", "") not in self.TELEGRAPHIC and share < self.MIN_STOPWORDS:
            return False, "not-english"
        return True


class ConflictRelevanceFilter(BaseFilter):
    """Drop documents that are not conflict news (see :mod:`conflictnews.curation.relevance`).

    Records ``relevance`` (score) and ``relevance_rule`` on every document. An annotator's
    decision (:mod:`conflictnews.curation.relevance_review`) for the very text being curated overrides the
    scorer: rule ``review``, with the scorer's own decision kept as ``relevance_scorer`` so its
    errors can be counted. A review applies to the text it read or to the curated text built from
    that text by the headline and boilerplate rules
    (:func:`conflictnews.curation.relevance_review.review_applies`); a review of another text
    version is not applied (curation then refuses the run, see
    :func:`conflictnews.curation.pipeline.collect`). Reason ``not-conflict-relevant``.
    """

    name = "conflict relevance"

    def __init__(
        self,
        scorer: RelevanceScorer | None = None,
        exclusion_writer: DiskWriter | None = None,
        reviews: Mapping[str, tuple[bool, str]] | None = None,
    ) -> None:
        """Use ``scorer`` (default: the lexicon scorer) and ``reviews`` (id -> (relevant, text sha256))."""
        super().__init__(exclusion_writer=exclusion_writer)
        self.scorer = scorer or LexiconRelevanceScorer()
        self.reviews = dict(reviews or {})

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """Score the document and keep it when relevant."""
        title = doc.metadata.get("title", "")
        if title and doc.text.startswith(title):
            # The curated text opens with the headline (curation rule 9): scoring the title as well
            # would count the headline's words twice.
            title = ""
        decision = self.scorer.score(doc.text, title, doc.metadata.get("genre", ""), doc.metadata.get("source", ""))
        doc.metadata["relevance"] = decision.score
        doc.metadata["relevance_rule"] = decision.rule
        relevant = decision.relevant
        review = self.reviews.get(doc.id)
        if review is not None and review_applies(
            review[1], doc.metadata.get("text_sha256", ""), doc.metadata.get("normalised_sha256", "")
        ):
            doc.metadata["relevance_rule"] = "review"
            doc.metadata["relevance_scorer"] = decision.relevant
            relevant = review[0]
        return True if relevant else (False, "not-conflict-relevant")


class LicencePolicyFilter(BaseFilter):
    """Apply the release policy of :mod:`conflictnews.sources.licences` (non-commercial out by default).

    Reason ``licence-non-commercial``.
    """

    name = "licence policy"

    def __init__(self, include_non_commercial: bool = False, exclusion_writer: DiskWriter | None = None) -> None:
        """Set whether non-commercial text may enter."""
        super().__init__(exclusion_writer=exclusion_writer)
        self.include_non_commercial = include_non_commercial

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """Keep documents whose licence class the policy allows."""
        if doc.metadata.get("licence_class") == "non-commercial" and not self.include_non_commercial:
            return False, "licence-non-commercial"
        return True


def representative_key(metadata: Mapping[str, Any]) -> tuple[int, int, int]:
    """Rank a duplicate for keeping: gold-annotated source, then credible > unknown > fake, then longer text.

    Ties are broken by the smaller id (in :func:`conflictnews.dedup.cluster_duplicates`).
    """
    credibility = (metadata.get("attributes") or {}).get("credibility")
    return (
        0 if metadata.get("source") in GOLD_SOURCES else 1,
        CREDIBILITY_RANK.get(credibility, 1),
        -int(metadata.get("characters", 0)),
    )


class ClusterDeduplicator(PipelineStep):
    """Cluster exact and near duplicates (:mod:`conflictnews.curation.dedup`) and keep one per cluster.

    Collects every document of its input (run it as a single task), sets ``dedup_cluster`` and
    ``cluster_size`` on the kept representatives, and writes the others to the exclusion writer
    with reason ``exact-duplicate`` or ``near-duplicate`` and ``representative``/``similarity``.
    """

    name = "exact + MinHash LSH dedup"
    type = "🫂 - DEDUP"

    def __init__(self, exclusion_writer: DiskWriter | None = None) -> None:
        """Write dropped duplicates to ``exclusion_writer``."""
        super().__init__()
        self.exclusion_writer = exclusion_writer

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Cluster all input documents; yield representatives in id order."""
        docs = sorted(data or (), key=lambda d: d.id)
        with self.track_time(unit="corpus"):
            clustering = cluster_duplicates(
                [d.id for d in docs], [d.text for d in docs], [representative_key(d.metadata) for d in docs]
            )
        writer_cm = self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext()
        with writer_cm as writer:
            for i, doc in enumerate(docs):
                doc.metadata["dedup_cluster"] = clustering.cluster[i]
                doc.metadata["cluster_size"] = clustering.size[i]
                self.stat_update("total")
                if not clustering.reason[i]:
                    self.stat_update("forwarded")
                    yield doc
                    continue
                self.stat_update("dropped", f"dropped_{clustering.reason[i]}")
                doc.metadata["filter_reason"] = clustering.reason[i]
                doc.metadata["representative"] = clustering.representative[i]
                doc.metadata["similarity"] = clustering.similarity[i]
                if writer is not None:
                    writer.write(doc, rank)
