"""Curation pipeline: read → normalise → filter → dedupe → manifest (datatrove blocks).

Stage: curation. Input: the verified upstream cache (``conflictnews corpus fetch``), read by the
source readers. Output: ``corpus/manifest.jsonl`` (one line per kept article: provenance,
checksums, counts, relevance, dedup cluster, split; never the text) and ``corpus/drops.jsonl``
(every excluded document with its reason), both sorted by id, sort-keyed JSON, no wall-clock
values, written atomically. Texts are rebuilt from the cache with :func:`materialise`.

The pipeline is a list of datatrove ``PipelineStep``s (:mod:`conflictnews.curation.steps`) in
two stages, run by ``LocalPipelineExecutor`` (default) or ``RayPipelineExecutor``:

1. *filter* (parallel, ``workers`` tasks): readers → :class:`TextNormalizer` → length →
   language → conflict relevance → licence policy → JSONL shard; each filter writes its drops
   aside through a datatrove exclusion writer.
2. *dedup* (one task): JSONL shards → :class:`ClusterDeduplicator` → JSONL.

Filters run before dedup so that a cluster's representative is never dropped afterwards by a
policy filter (a BBC non-commercial copy never displaces a public-domain one) and so that dedup
works on fewer documents. Splits: a salted sha256 of the dedup cluster id (:data:`SPLIT_SALT`)
picks train/validation/test at :data:`SPLITS` (70/10/20: the test split gets a fifth of the
full-text news so every annotation layer can be scored); near duplicates are dropped, so they
never straddle splits.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictnews.curation.normalise import curate_text
from conflictnews.curation.relevance_review import (
    REVIEWS_FILE,
    Review,
    ReviewError,
    ReviewSummary,
    check_seen,
    load_reviews,
    summarise,
)
from conflictnews.io import project_root, read_manifest, sha256_text, write_jsonl_atomically
from conflictnews.sources.fetch import default_cache, read_source, source_root
from conflictnews.sources.registry import READERS, article_sources

#: Manifest format version (bump when a field changes meaning). 3: the text is headline, blank
#: line, body, with outlet boilerplate removed; ``normalised_sha256`` added.
CURATION_VERSION = "3"
#: Salt of the split hash; changing it reshuffles every split.
SPLIT_SALT = "conflictnews-split-v1"
#: Split proportions, in order; the hash's position in [0, 1) picks the split.
SPLITS: tuple[tuple[str, float], ...] = (("train", 0.7), ("validation", 0.1), ("test", 0.2))
#: Sources read by default (those with articles; ``unsc-vetoes`` is metadata only).
EXECUTORS = ("local", "ray")
INSTALL_HINT = "pip install -e '.[curation]'"


class CurationError(RuntimeError):
    """Curation or materialisation could not complete (the message names the article and the fix)."""


@dataclass
class CurateReport:
    """What one curation run did.

    Attributes:
        manifest: Path of the manifest written.
        drops: Path of the drops file written.
        sources: Sources read.
        missing_sources: Sources whose reader is not available (not read; the run says so).
        read: Articles read per source.
        kept: Articles kept per source.
        dropped: Drops per ``(source, reason)``.
        genres: Kept articles per genre.
        splits: Kept articles per ``(genre, split)``.
        clusters: Dedup clusters with more than one member.
        normalised: Kept articles whose text the normaliser changed, per change kind.
        reviews: What the relevance reviews say (None without reviews).

    """

    manifest: Path
    drops: Path
    sources: tuple[str, ...] = ()
    missing_sources: tuple[str, ...] = ()
    read: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    dropped: Counter[tuple[str, str]] = field(default_factory=Counter)
    genres: Counter[str] = field(default_factory=Counter)
    splits: Counter[tuple[str, str]] = field(default_factory=Counter)
    clusters: int = 0
    normalised: Counter[str] = field(default_factory=Counter)
    reviews: ReviewSummary | None = None

    @property
    def total_dropped(self) -> int:
        """All drops, every reason."""
        return sum(self.dropped.values())


def split_of(cluster: str) -> str:
    """Return the split of a dedup cluster: salted sha256 → position in [0, 1) → :data:`SPLITS`."""
    position = int(sha256_text(f"{SPLIT_SALT}:{cluster}")[:15], 16) / 16**15
    edge = 0.0
    for name, share in SPLITS:
        edge += share
        if position < edge:
            return name
    return SPLITS[-1][0]


def available_sources() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return ``(sources with a reader module, sources whose reader is missing)`` (article sources only)."""
    present: list[str] = []
    missing: list[str] = []
    for source in article_sources():
        module = READERS.target(source).partition(":")[0]
        (present if importlib.util.find_spec(module) is not None else missing).append(source)
    return tuple(present), tuple(missing)


def _require_datatrove() -> None:
    try:
        import datatrove  # noqa: F401
    except ImportError as exc:
        raise CurationError(f"curation needs datatrove: run `{INSTALL_HINT}`") from exc


def build_stages(
    reader: Any,
    work: Path,
    include_non_commercial: bool = False,
    scorer: Any = None,
    reviews: Mapping[str, tuple[bool, str]] | None = None,
) -> tuple[list[Any], list[Any]]:
    """Return the two pipeline stages (lists of datatrove steps) writing under ``work``.

    Args:
        reader: The first step: :class:`ConflictNewsReader` or any datatrove reader whose
            documents carry ``genre``/``source``/``licence_class`` metadata (JSONL, parquet, WARC).
        work: Work folder (shards, drops, executor logs).
        include_non_commercial: Let non-commercial text through the licence filter.
        scorer: A :class:`conflictnews.relevance.RelevanceScorer` (default: the lexicon).
        reviews: Annotators' relevance decisions (id -> (relevant, text sha256)) that override
            the scorer (:func:`conflictnews.relevance_review.decisions`).

    Returns:
        ``(filter_stage, dedup_stage)``.

    """
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from conflictnews.curation import steps  # defers datatrove (the curation extra)

    def aside(name: str) -> Any:
        return JsonlWriter(str(work / "drops" / name), output_filename="${rank}.jsonl", compression=None)

    filter_stage = [
        reader,
        steps.ReaderSkipFilter(exclusion_writer=aside("reader")),
        steps.TextNormalizer(),
        steps.LengthFilter(exclusion_writer=aside("length")),
        steps.EnglishStopwordFilter(exclusion_writer=aside("language")),
        steps.ConflictRelevanceFilter(scorer, exclusion_writer=aside("relevance"), reviews=reviews),
        steps.LicencePolicyFilter(include_non_commercial, exclusion_writer=aside("licence")),
        JsonlWriter(str(work / "filtered"), output_filename="${rank}.jsonl", compression=None),
    ]
    dedup_stage = [
        JsonlReader(str(work / "filtered"), glob_pattern="*.jsonl", compression=None),
        steps.ClusterDeduplicator(exclusion_writer=aside("dedup")),
        JsonlWriter(str(work / "kept"), output_filename="${rank}.jsonl", compression=None),
    ]
    return filter_stage, dedup_stage


def run_stages(
    stages: Iterable[list[Any]],
    work: Path,
    executor: str = "local",
    workers: int = 1,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Run each stage on ``executor``; the first with ``workers`` tasks, the others with one.

    Raises:
        CurationError: For an unknown executor or a missing extra.

    """
    if executor not in EXECUTORS:
        raise CurationError(f"unknown executor {executor!r}; expected one of {', '.join(EXECUTORS)}")
    for index, stage in enumerate(stages):
        tasks = workers if index == 0 else 1
        logs = str(work / "logs" / f"stage{index}")
        if progress:
            progress(f"stage {index + 1}: {', '.join(getattr(s, 'name', None) or type(s).__name__ for s in stage)}")
        if executor == "local":
            from datatrove.executor import LocalPipelineExecutor

            LocalPipelineExecutor(stage, tasks=tasks, workers=tasks, logging_dir=logs, skip_completed=False).run()
        else:
            try:
                import ray
                from datatrove.executor.ray import RayPipelineExecutor
            except ImportError as exc:
                raise CurationError(f"--executor ray needs ray: run `{INSTALL_HINT}`") from exc
            if not ray.is_initialized():
                ray.init(
                    num_cpus=max(workers, 1), include_dashboard=False, log_to_driver=False, ignore_reinit_error=True
                )
            RayPipelineExecutor(
                stage,
                tasks=tasks,
                workers=tasks,
                logging_dir=logs,
                skip_completed=False,
                cpus_per_task=1,
                mem_per_cpu_gb=1,
            ).run()


def _jsonl(folder: Path) -> Iterator[dict[str, Any]]:
    for path in sorted(folder.rglob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def manifest_record(doc: dict[str, Any]) -> dict[str, Any]:
    """Return the manifest line of a kept document (JSONL record from the dedup stage)."""
    meta = doc["metadata"]
    attributes = meta.get("attributes") or {}
    return {
        "id": doc["id"],
        "source": meta["source"],
        "genre": meta["genre"],
        "url": meta.get("url", ""),
        "date": meta.get("date", ""),
        "title": meta.get("title", ""),
        "outlet": meta.get("outlet", ""),
        "licence": meta.get("licence", ""),
        "licence_class": meta.get("licence_class", ""),
        "text_sha256": meta["text_sha256"],
        "normalised_sha256": meta.get("normalised_sha256", ""),
        "characters": meta["characters"],
        "words": meta["words"],
        "normalisation": meta.get("normalisation", []),
        "relevance": meta.get("relevance"),
        "relevance_rule": meta.get("relevance_rule", ""),
        **({"relevance_scorer": meta["relevance_scorer"]} if "relevance_scorer" in meta else {}),
        "dedup_cluster": meta["dedup_cluster"],
        "cluster_size": meta["cluster_size"],
        "credibility": attributes.get("credibility"),
        "split": split_of(meta["dedup_cluster"]),
        "upstream_file": meta.get("upstream_file", ""),
        "upstream_file_sha256": meta.get("upstream_file_sha256", ""),
        "upstream_record": meta.get("upstream_record", ""),
        "curation_version": CURATION_VERSION,
    }


def drop_record(doc: dict[str, Any]) -> dict[str, Any]:
    """Return the drops line of an excluded document (no text)."""
    meta = doc["metadata"]
    record = {
        "id": doc["id"],
        "source": meta.get("source", ""),
        "genre": meta.get("genre", ""),
        "reason": meta.get("filter_reason", "unknown"),
        "url": meta.get("url", ""),
        "upstream_record": meta.get("upstream_record", ""),
        "text_sha256": meta.get("text_sha256", ""),
        "normalised_sha256": meta.get("normalised_sha256", ""),
    }
    for key in (
        "detail",
        "representative",
        "similarity",
        "dedup_cluster",
        "relevance",
        "relevance_rule",
        "relevance_scorer",
        "words",
        "stopword_share",
    ):
        if key in meta:
            record[key] = meta[key]
    return record


def collect(
    work: Path,
    out_dir: Path,
    reviews: Sequence[Review] = (),
    reviews_path: Path | None = None,
    sources: Iterable[str] = (),
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Read the stage outputs under ``work`` and write ``manifest.jsonl`` and ``drops.jsonl`` to ``out_dir``.

    Args:
        work: The stages' work folder.
        out_dir: Where the manifest and drops go.
        reviews: The relevance reviews the run applied.
        reviews_path: Their file (for messages).
        sources: The sources read (reviews of other sources are not checked).

    Returns:
        ``(manifest records, drop records)``, sorted by id.

    Raises:
        CurationError: If an id is both kept and dropped, or appears twice, or a review names an
            article no source read or a text that has changed since; nothing is written then.

    """
    manifest = sorted((manifest_record(d) for d in _jsonl(work / "kept")), key=lambda r: r["id"])
    drops = sorted((drop_record(d) for d in _jsonl(work / "drops")), key=lambda r: (r["id"], r["reason"]))
    ids = [r["id"] for r in manifest] + [r["id"] for r in drops]
    repeated = [i for i, n in Counter(ids).items() if n > 1]
    if repeated:
        raise CurationError(f"ids kept or dropped twice: {repeated[:10]}; fix: reader ids must be unique")
    curated = {
        r["id"]: (r["text_sha256"], r["normalised_sha256"])
        for r in [*manifest, *drops]
        if not r.get("reason", "").startswith("reader-")
    }
    stale = check_seen(reviews, curated, reviews_path or out_dir / REVIEWS_FILE, sources)
    if stale:
        raise CurationError(
            f"{len(stale)} relevance review(s) do not match the curated texts; nothing written"
            + "".join(f"\n  {line}" for line in stale[:50])
        )
    write_jsonl_atomically(out_dir / "manifest.jsonl", manifest)
    write_jsonl_atomically(out_dir / "drops.jsonl", drops)
    return manifest, drops


def report_of(
    manifest: list[dict[str, Any]],
    drops: list[dict[str, Any]],
    out_dir: Path,
    sources: tuple[str, ...],
    missing: tuple[str, ...],
) -> CurateReport:
    """Summarise a curation run from its manifest and drops records."""
    report = CurateReport(out_dir / "manifest.jsonl", out_dir / "drops.jsonl", sources, missing)
    for record in manifest:
        report.kept[record["source"]] += 1
        report.genres[record["genre"]] += 1
        report.splits[(record["genre"], record["split"])] += 1
        report.clusters += record["cluster_size"] > 1
        for change in record["normalisation"]:
            report.normalised[change.split(":")[0]] += 1
    for record in drops:
        report.dropped[(record["source"], record["reason"])] += 1
    for source in sources:
        report.read[source] = report.kept[source] + sum(
            n for (s, r), n in report.dropped.items() if s == source and not r.startswith("reader-")
        )
    return report


def curate(
    cache: Path | None = None,
    out_dir: Path | None = None,
    executor: str = "local",
    include_non_commercial: bool = False,
    *,
    workers: int = 1,
    sources: Iterable[str] | None = None,
    work_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
    reviews: Path | None = None,
) -> CurateReport:
    """Curate the fetched corpus into ``manifest.jsonl`` and ``drops.jsonl``.

    Args:
        cache: Verified upstream cache (default ``$CONFLICTNEWS_CACHE`` or ``data/upstream``).
        out_dir: Output folder (default ``<project>/corpus``).
        executor: ``local`` (datatrove ``LocalPipelineExecutor``) or ``ray`` (``RayPipelineExecutor``
            on the running Ray instance, or a local one started here).
        include_non_commercial: Keep non-commercial text (the release is then non-commercial).
        workers: Parallel tasks of the filter stage.
        sources: Restrict to these sources (default: every source with a reader).
        work_dir: Where shards and drops with text go (default ``<project>/data/curate``; emptied first).
        progress: Called with a line per stage (for the CLI).
        reviews: Relevance reviews file (default the project's ``corpus/relevance_reviews.jsonl``,
            wherever the output goes; absent file: no reviews).

    Returns:
        The :class:`CurateReport`.

    Raises:
        CurationError: Unknown executor, missing extra, no source available, or inconsistent output.
        conflictnews.corpus.FetchError: If a source has not been fetched.

    """
    _require_datatrove()
    from conflictnews.curation.steps import ConflictNewsReader  # defers datatrove (the curation extra)

    cache = cache or default_cache()
    out_dir = out_dir or project_root() / "corpus"
    present, missing = available_sources()
    chosen = tuple(s for s in (sources or present) if s in present)
    missing = tuple(s for s in (sources or present + missing) if s not in present)
    if not chosen:
        raise CurationError(f"no source reader available (missing: {', '.join(missing)})")
    for source in chosen:
        source_root(source, cache)  # raises FetchError with the fix when not fetched
    work = work_dir or project_root() / "data" / "curate"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    reviews_path = reviews or project_root() / "corpus" / REVIEWS_FILE
    try:
        review_list = load_reviews(reviews_path)
    except ReviewError as exc:
        raise CurationError(str(exc)) from exc
    decided = {r.id: (r.relevant, r.text_sha256) for r in review_list if r.purpose == "decision"}
    stages = build_stages(ConflictNewsReader(str(cache), chosen), work, include_non_commercial, reviews=decided)
    log = (work / "datatrove.log").open("w", encoding="utf-8")
    with log, contextlib.redirect_stderr(log):
        run_stages(stages, work, executor, workers, progress)
    if progress:
        progress("manifest: splits, sort, write")
    manifest, drops = collect(work, out_dir, review_list, reviews_path, chosen)
    report = report_of(manifest, drops, out_dir, chosen, missing)
    if review_list:
        scorer = {r["id"]: bool(r["relevance_scorer"]) for r in [*manifest, *drops] if "relevance_scorer" in r}
        report.reviews = summarise([r for r in review_list if r.source in chosen], scorer)
    return report


class MaterialiseError(CurationError):
    """A text rebuilt from the cache does not match the manifest (or is missing)."""


def materialise(manifest: Path | None = None, cache: Path | None = None) -> dict[str, str]:
    """Rebuild the curated text of every manifest article from the fetched upstream files.

    Runs each needed source reader, applies the same rules as curation
    (:func:`conflictnews.curation.normalise.curate_text`: characters, outlet boilerplate,
    headline), and checks the sha256 against the manifest.

    Args:
        manifest: Manifest path (default ``<project>/corpus/manifest.jsonl``).
        cache: Verified upstream cache (default as for ``corpus fetch``).

    Returns:
        Article id → exact curated text (the text annotation offsets refer to).

    Raises:
        MaterialiseError: On a missing article or a sha256 mismatch; the message names the article,
            the expected and actual sha256 and the fix.

    """
    manifest = manifest or project_root() / "corpus" / "manifest.jsonl"
    records = read_manifest(manifest)
    texts: dict[str, str] = {}
    by_source: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_source.setdefault(record["source"], []).append(record)
    for source, wanted in sorted(by_source.items()):
        articles = {a.id: a for a in read_source(source, cache).articles}
        for record in wanted:
            article = articles.get(record["id"])
            if article is None:
                raise MaterialiseError(
                    f"{record['id']}: in {manifest} but the {source} reader no longer produces it "
                    f"(expected sha256 {record['text_sha256']}, actual: missing). Fix: re-fetch the pinned upstream "
                    "files (`conflictnews corpus fetch`) or re-run `conflictnews curate` if the reader changed."
                )
            text = curate_text(article.text, article.title, article.source, article.outlet).text
            actual = sha256_text(text)
            if actual != record["text_sha256"]:
                raise MaterialiseError(
                    f"{record['id']}: rebuilt text has sha256 {actual}, manifest expects {record['text_sha256']}. "
                    "Fix: re-fetch and verify the upstream files (`conflictnews corpus fetch`); if the reader or "
                    "the normaliser changed on purpose, re-run `conflictnews curate` and re-check annotation "
                    "offsets before committing the new manifest."
                )
            texts[record["id"]] = text
    return texts


def write_texts(texts: dict[str, str], out_dir: Path) -> int:
    """Write each text to ``out_dir/<id>.txt`` (UTF-8, exact bytes, no trailing newline added)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for article_id, text in texts.items():
        (out_dir / f"{article_id}.txt").write_bytes(text.encode("utf-8"))
    return len(texts)
