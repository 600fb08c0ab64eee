"""``conflictnews preannotate``: the silver layer over every manifest article (resumable, parallel).

Stage: pre-annotation. Input: article id → exact materialised text (``curate.materialise`` or
``--texts``), optionally the manifest (for the validator's checksum checks), a registered
pre-annotator. Output: one validated standoff pass per article at
``annotations/silver/<article id>/<model name>.json`` (origin ``model``, tier silver: never in
``annotations/gold/``), and a :class:`PreannotateReport`.

Resumable: an article whose silver file already records the same text sha256 and the same
model version fingerprint is skipped. Every pass is validated (:func:`validate.validate_sets`)
before it is written; a pass with a validator error is not written and is reported.
Parallel: ``workers`` > 1 forks worker processes after the model is loaded (copy-on-write),
each handling chunks of articles in id order; the output does not depend on ``workers``.

Storage: the per-article tree ``annotations/silver/<id>/<model>.json`` is the working copy
(gitignored: about 8 kB per article, ~110 MB for a 2 M-word corpus). What is committed is the
pack :func:`pack_path` — ``annotations/silver/<model>.jsonl.gz``, one compact sorted-key JSON
line per article in id order, gzip with a zero timestamp (byte-identical across runs; ~6 %
of the tree's size), with every span's text emptied: offsets only, so no article text (FA-KES is
third-party outlets' text) is committed; restoring fills the texts in from the article and
validates the result. :func:`preannotate` restores a missing or stale file from a current pack
entry instead of predicting it again, so a fresh clone's ``make all`` only unpacks.
"""

from __future__ import annotations

import json
import multiprocessing
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictnews.annotation import standoff
from conflictnews.annotation.silver_pack import pack_path, read_pack, silver_path, with_texts
from conflictnews.annotation.validate import validate_sets
from conflictnews.io import sha256_text
from conflictnews.preannotate.predictor import DEFAULT_MODEL, Predictor, load_predictor

#: Articles per worker job.
CHUNK = 8


@dataclass(frozen=True)
class PreannotateReport:
    """What one run did.

    Attributes:
        model: The model name (the silver file name).
        version: The model's version fingerprint.
        written: Article ids whose silver file was (re)written.
        skipped: Article ids whose silver file was already current (or restored from the pack).
        failed: Article id → validator problems (one-line strings); nothing was written for them.
        seconds: Wall-clock seconds of the prediction phase.
        characters: Characters pre-annotated (written articles only).
        counts: Entities, events, stances and relations written, by layer.
        pruned: Article ids whose silver file was removed because the article left the corpus.

    """

    model: str
    version: str
    written: tuple[str, ...]
    skipped: tuple[str, ...]
    failed: Mapping[str, tuple[str, ...]]
    seconds: float
    characters: int
    counts: Mapping[str, int] = field(default_factory=dict)
    pruned: tuple[str, ...] = ()

    @property
    def docs_per_second(self) -> float:
        """Written articles per second of prediction."""
        return len(self.written) / self.seconds if self.seconds else 0.0


def is_current(path: Path, text_sha256: str, version: str) -> bool:
    """Tell whether the silver file at ``path`` was made on this text by this model version."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return data.get("text_sha256") == text_sha256 and (data.get("provenance") or {}).get("model_version") == version


def _restore(root: Path, row: Mapping[str, Any], text: str, manifest: Mapping[str, Any] | None) -> bool:
    """Write a pack entry back to its silver file when it validates on ``text``."""
    annotation = standoff.AnnotationSet.from_json(with_texts(row, text))
    problems = validate_sets([annotation], texts={annotation.article_id: text}, manifest=manifest)
    if any(p.severity == "error" for p in problems):
        return False
    standoff.write([annotation], root)
    return True


# Worker state (set before forking; read by the worker functions).
_STATE: dict[str, Any] = {}


def _process(ids: list[str]) -> list[tuple[str, tuple[str, ...], dict[str, int]]]:
    predictor: Predictor = _STATE["predictor"]
    texts: Mapping[str, str] = _STATE["texts"]
    manifest = _STATE["manifest"]
    root: Path = _STATE["root"]
    out = []
    for annotation in predictor.predict_many((i, texts[i]) for i in ids):
        problems = validate_sets(
            [annotation], texts={annotation.article_id: texts[annotation.article_id]}, manifest=manifest
        )
        errors = tuple(str(p) for p in problems if p.severity == "error")
        counts = {
            "entities": len(annotation.entities),
            "events": len(annotation.events),
            "stances": len(annotation.stances),
            "relations": len(annotation.relations),
        }
        if not errors:
            standoff.write([annotation], root)
        out.append((annotation.article_id, errors, counts))
    return out


def preannotate(
    texts: Mapping[str, str],
    out_root: Path,
    *,
    model: str = DEFAULT_MODEL,
    predictor: Predictor | None = None,
    manifest: Mapping[str, Any] | None = None,
    workers: int = 1,
    limit: int | None = None,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
) -> PreannotateReport:
    """Pre-annotate articles into validated silver standoff files.

    Args:
        texts: Article id → exact materialised text.
        out_root: The annotations folder (files go to ``<out_root>/silver/``).
        model: Registered model name (ignored when ``predictor`` is given).
        predictor: A ready pre-annotator.
        manifest: Article id → manifest entry (checksums checked by the validator), or None.
        workers: Processes (1: in this process).
        limit: Pre-annotate at most this many articles (by id order), current ones included.
        force: Redo articles whose silver file is current.
        progress: Called with the number of articles finished after each chunk.

    Returns:
        The report. Articles with validator errors are listed in ``failed`` and not written.

    """
    predictor = predictor or load_predictor(model)
    version = predictor.version  # loads the model once, before any fork
    ids = sorted(texts)[:limit] if limit is not None else sorted(texts)
    skipped = (
        []
        if force
        else [i for i in ids if is_current(silver_path(out_root, i, predictor.name), sha256_text(texts[i]), version)]
    )
    pack = {} if force else read_pack(pack_path(out_root, predictor.name))
    current = set(skipped)
    for i in ids:
        row = pack.get(i)
        if (
            i in current
            or row is None
            or row.get("text_sha256") != sha256_text(texts[i])
            or (row.get("provenance") or {}).get("model_version") != version
        ):
            continue
        if _restore(out_root, row, texts[i], manifest):
            skipped.append(i)
    done = set(skipped)
    todo = [i for i in ids if i not in done]
    if progress and skipped:
        progress(len(skipped))
    _STATE.update(predictor=predictor, texts=texts, manifest=manifest, root=out_root)
    chunks = [todo[k : k + CHUNK] for k in range(0, len(todo), CHUNK)]
    results: list[tuple[str, tuple[str, ...], dict[str, int]]] = []
    started = time.perf_counter()
    try:
        if workers <= 1 or len(chunks) <= 1:
            for chunk in chunks:
                results += _process(chunk)
                if progress:
                    progress(len(chunk))
        else:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                for chunk_result in pool.map(_process, chunks):
                    results += chunk_result
                    if progress:
                        progress(len(chunk_result))
    finally:
        _STATE.clear()
    seconds = time.perf_counter() - started
    written = tuple(i for i, errors, _ in results if not errors)
    counts: dict[str, int] = {}
    for _, errors, c in results:
        if not errors:
            for key, value in c.items():
                counts[key] = counts.get(key, 0) + value
    pruned = prune_silver(out_root, predictor.name, set(texts)) if limit is None else ()
    return PreannotateReport(
        model=predictor.name,
        version=version,
        written=written,
        skipped=tuple(skipped),
        failed={i: errors for i, errors, _ in results if errors},
        seconds=seconds,
        characters=sum(len(texts[i]) for i in written),
        counts=counts,
        pruned=pruned,
    )


def prune_silver(root: Path, model: str, articles: set[str]) -> tuple[str, ...]:
    """Remove the working-copy silver files of ``model`` for articles not in ``articles``.

    Curation can drop an article that was pre-annotated before (a relevance review, a new
    duplicate); its silver file would then name an article the manifest lacks. Only files whose
    JSON says origin ``model`` and annotator ``model`` are removed.

    Returns:
        The article ids whose file was removed.

    """
    return tuple(path.parent.name for path in standoff.remove_passes(root / "silver", model, "model", articles))
