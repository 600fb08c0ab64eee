"""Benchmark data: the built dataset's ``documents`` config, turned back into gold passes per split.

Stage: dataset (reading it back). Input: a dataset folder written by ``conflictnews build`` (default
``dist/conflictnews``), read with the real ``datasets.load_dataset``. Output: a
:class:`BenchmarkData` with one :class:`Doc` per article and split, carrying the text, the
segmentation and the designated pass as a :class:`~conflictnews.annotation.standoff.AnnotationSet`, plus
which layers are gold for that article.

Only gold layers are ever used for training or scoring: a layer whose ``annotation_status`` is
``silver`` or ``none`` is absent from :meth:`BenchmarkData.gold`. The dataset's identity
(``dataset_version``: schema version + build checksum) goes into every result file, so a score
can always be traced to the exact bytes it was computed on.
"""

from __future__ import annotations

import bisect
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.dataset.features import encoders
from conflictnews.io import project_root, sha256_file, sha256_text
from conflictnews.schema import SCORED_LAYERS

SPLITS: tuple[str, ...] = ("train", "validation", "test")


class BenchmarkDataError(RuntimeError):
    """The dataset folder is missing or unreadable; the message names the fix."""


@dataclass(frozen=True)
class Doc:
    """One article of the benchmark.

    Attributes:
        id: Article id.
        split: ``train``, ``validation`` or ``test``.
        genre: ``news``, ``snippet`` or ``official-statement``.
        text: The exact text the offsets refer to.
        sentences: ``(start, end, first token, last token + 1)`` per sentence.
        tokens: ``(start, end)`` per token.
        annotation: The designated pass (all layers), or None when the article has none.
        gold_layers: Layers of ``annotation`` that are gold.

    """

    id: str
    split: str
    genre: str
    text: str
    sentences: tuple[tuple[int, int, int, int], ...]
    tokens: tuple[tuple[int, int], ...]
    annotation: standoff.AnnotationSet | None
    gold_layers: frozenset[str] = field(default_factory=frozenset)

    def empty_pass(self, annotator: str, origin: str = "model") -> standoff.AnnotationSet:
        """Return an empty pass over this document (what a baseline fills)."""
        sha = self.annotation.text_sha256 if self.annotation else sha256_text(self.text)
        return standoff.AnnotationSet(self.id, sha, schema.SCHEMA_VERSION, schema.GUIDELINES_VERSION, annotator, origin)

    def sentence_of(self, offset: int) -> int:
        """Return the index of the sentence holding character ``offset`` (-1 when between sentences)."""
        index = bisect.bisect_right(self.sentences, (offset, float("inf"))) - 1
        return index if index >= 0 and offset < self.sentences[index][1] else -1

    def sentence_tokens(self) -> Iterable[tuple[int, list[tuple[int, int]]]]:
        """Yield ``(sentence index, [(start, end) per token])``."""
        for index, (_, _, first, last) in enumerate(self.sentences):
            yield index, list(self.tokens[first:last])


@dataclass(frozen=True)
class BenchmarkData:
    """Every document of a built dataset, by split.

    Attributes:
        folder: The dataset folder.
        docs: Split -> documents (sorted by id).
        dataset_version: ``<schema version>+<first 12 hex of the checksum file's sha256>``.
        checksum: sha256 of the build's ``checksums.sha256`` (the whole build's identity).

    """

    folder: Path
    docs: Mapping[str, tuple[Doc, ...]]
    dataset_version: str
    checksum: str

    def gold(self, split: str, layer: str) -> list[Doc]:
        """Return the documents of ``split`` whose ``layer`` is gold."""
        return [d for d in self.docs.get(split, ()) if layer in d.gold_layers]

    def counts(self) -> dict[str, dict[str, int]]:
        """Return layer -> split -> number of gold documents."""
        return {layer: {split: len(self.gold(split, layer)) for split in SPLITS} for layer in SCORED_LAYERS}


def only_layers(annotation: standoff.AnnotationSet, layers: Iterable[str]) -> standoff.AnnotationSet:
    """Return ``annotation`` with every layer not in ``layers`` emptied (relations go with events).

    Stances and event arguments refer to entities, so entities are kept whenever events or stances
    are kept (they are scored only where ``entities`` is among ``layers``; see ``scoring_view``).
    """
    keep = set(layers)
    return replace(
        annotation,
        entities=annotation.entities if keep & {"entities", "events", "stances"} else (),
        events=annotation.events if keep & {"events", "stances"} else (),
        stances=annotation.stances if "stances" in keep else (),
        relations=annotation.relations if "events" in keep else (),
    )


def _decode(names: Sequence[str], value: int | None) -> str | None:
    return None if value is None else names[value]


def _attributes(declared: Sequence[schema.Attribute], values: Mapping[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for attr in declared:
        value = (values or {}).get(attr.name)
        if value is None:
            continue
        out[attr.name] = attr.values[value] if attr.kind == "enum" else value
    return out


def row_to_annotation(row: Mapping[str, Any]) -> standoff.AnnotationSet | None:
    """Turn one ``documents`` row back into the standoff pass it was built from.

    Args:
        row: A row of the ``documents`` (or ``snippets``) config with ``ClassLabel`` ids.

    Returns:
        The designated pass's layers as an annotation set, or None when the row has no pass.

    """
    if not row.get("annotator"):
        return None
    status_names = schema.ANNOTATION_STATUS
    entities = tuple(
        standoff.Entity(
            e["id"],
            standoff.Span(e["start"], e["end"], e["text"]),
            schema.ENTITY_LABELS[e["label"]],
            _attributes(schema.MENTION_ATTRIBUTES, e.get("attributes")),
        )
        for e in row["entities"]
    )
    events = tuple(
        standoff.Event(
            v["id"],
            standoff.Span(**{k: v["trigger"][k] for k in ("start", "end", "text")}),
            schema.EVENT_LABELS[v["event_type"]],
            tuple(standoff.Argument(schema.ROLE_LABELS[a["role"]], a["ref"]) for a in v["arguments"]),
            _attributes(schema.EVENT_ATTRIBUTES, v.get("attributes")),
        )
        for v in row["events"]
    )
    stances = tuple(
        standoff.Stance(
            s["id"],
            s["holder"]["ref"],
            s["target"]["ref"],
            schema.STANCE_LABELS[s["label"]],
            standoff.Span(**{k: s["evidence"][k] for k in ("start", "end", "text")}),
            schema.STANCE_BASES[s["basis"]],
            standoff.Span(**{k: s["cue"][k] for k in ("start", "end", "text")}) if s.get("cue") else None,
        )
        for s in row["stances"]
    )
    relations = tuple(
        standoff.Relation(schema.RELATION_LABELS[r["type"]], r["source"], r["target"]) for r in row["relations"]
    )
    origin = row.get("annotation_origin") or "model"
    tier = status_names[row["annotation_tier"]]
    return standoff.AnnotationSet(
        row["id"],
        row["text_sha256"],
        schema.SCHEMA_VERSION,
        schema.GUIDELINES_VERSION,
        row["annotator"],
        origin,
        provenance={"tier": tier},
        entities=entities,
        events=events,
        stances=stances,
        relations=relations,
    )


@cache
def _genres() -> dict[int, str]:
    return {v: k for k, v in encoders()["genre"].items()}


def row_to_doc(row: Mapping[str, Any]) -> Doc:
    """Turn one ``documents`` row into a :class:`Doc`."""
    status = row["annotation_status"]
    gold = frozenset(layer for layer in SCORED_LAYERS if schema.ANNOTATION_STATUS[status[layer]] == "gold")
    genres = _genres()
    spans = row["token_spans"]
    return Doc(
        id=row["id"],
        split=row["split"],
        genre=genres[row["genre"]],
        text=row["text"],
        sentences=tuple((s["start"], s["end"], s["token_start"], s["token_end"]) for s in row["sentences"]),
        tokens=tuple(zip(spans["start"], spans["end"], strict=True)),
        annotation=row_to_annotation(row),
        gold_layers=gold,
    )


#: The ``documents`` columns a :class:`Doc` is made from.
_COLUMNS = frozenset(
    {
        "id",
        "split",
        "genre",
        "text",
        "text_sha256",
        "sentences",
        "token_spans",
        "annotator",
        "annotation_origin",
        "annotation_tier",
        "annotation_status",
        "entities",
        "events",
        "stances",
        "relations",
    }
)


def default_folder() -> Path:
    """Return the default dataset folder: ``$CONFLICTNEWS_DATASET`` or ``<project>/dist/conflictnews``."""
    env = os.environ.get("CONFLICTNEWS_DATASET")
    return Path(env) if env else project_root() / "dist" / "conflictnews"


def load(
    folder: Path | None = None, *, configs: Sequence[str] = ("documents", "snippets"), gold_only: bool = True
) -> BenchmarkData:
    """Load a built dataset folder with ``datasets.load_dataset`` (offline) into :class:`BenchmarkData`.

    Args:
        folder: The folder written by ``conflictnews build`` (default :func:`default_folder`).
        configs: Configs whose rows become documents (``documents`` and the short-item ``snippets``).
        gold_only: Keep only articles whose designated pass is gold (all the benchmark uses; the
            silver-only articles are most of the corpus and would only cost time).

    Returns:
        The documents by split, with the dataset's version and checksum.

    Raises:
        BenchmarkDataError: When the folder or its checksum file is missing (fix: ``conflictnews build``).

    """
    folder = Path(folder) if folder else default_folder()
    checksums = folder / "checksums.sha256"
    if not checksums.is_file():
        raise BenchmarkDataError(
            f"{folder}: no built dataset (checksums.sha256 missing); fix: run "
            "`conflictnews build` (or pass --dataset DIR)"
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    try:
        import datasets
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("the benchmark reads the dataset with `datasets`: pip install -e '.[dataset]'") from exc
    datasets.disable_progress_bars()
    docs: dict[str, list[Doc]] = {split: [] for split in SPLITS}
    # A fresh Arrow cache per load: a cache kept beside the folder survived a rebuild and served the
    # previous build's rows (61 gold articles instead of 92), silently. A cold load costs ~0.3 s.
    cache = tempfile.mkdtemp(prefix="conflictnews-hf-")
    try:
        _read_configs(datasets, folder, configs, cache, gold_only, docs)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    checksum = sha256_file(checksums)
    return BenchmarkData(
        folder,
        {k: tuple(sorted(v, key=lambda d: d.id)) for k, v in docs.items()},
        f"{schema.SCHEMA_VERSION}+{checksum[:12]}",
        checksum,
    )


def _read_configs(
    datasets: Any, folder: Path, configs: Sequence[str], cache: str, gold_only: bool, docs: dict[str, list[Doc]]
) -> None:
    """Append the documents of ``configs`` to ``docs`` (split -> list), read through ``load_dataset``."""
    for config in configs:
        if not (folder / config).is_dir():
            continue
        loaded = datasets.load_dataset(str(folder), config, cache_dir=cache)
        for split, table in loaded.items():
            # Arrow -> Python in one call over the columns used (iterating a Dataset row by row, with
            # the token strings, is several times slower).
            arrow = table.data.table
            if gold_only:
                import pyarrow.compute as pc

                gold = schema.ANNOTATION_STATUS.index("gold")
                # pyarrow.compute makes its functions at import time, so type checkers do not see them.
                arrow = arrow.filter(pc.equal(arrow["annotation_tier"], gold))  # type: ignore[attr-defined]
            rows = arrow.select([c for c in arrow.column_names if c in _COLUMNS]).to_pylist()
            docs.setdefault(split, []).extend(row_to_doc(row) for row in rows)
