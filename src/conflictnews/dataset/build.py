"""The Hugging Face dataset folder: typed multi-config parquet, card, Croissant, checksums.

Stage: dataset build. Input: the corpus manifest (``corpus/manifest.jsonl``), the article texts
(``conflictnews.curation.pipeline.materialise``) and the standoff annotations (``annotations/{gold,silver}``).
Output: a folder (default ``dist/conflictnews/``) that ``datasets.load_dataset(folder, config)``
loads offline: ``<config>/<split>-00000-of-00001.parquet`` for the configs of
:data:`conflictnews.dataset.features.CONFIGS`, ``README.md`` (card with YAML generated from the same
``Features``), ``croissant.json``, ``build_info.json`` (examples, bytes and sha256 per file) and
``checksums.sha256``.

Integrity: the annotations are validated (``conflictnews.annotation.validate``) against the manifest and the
texts first, and every span is re-checked against the text while rows are made; any error raises
:class:`BuildError` with the validator's messages before anything is written. The folder is
written beside the target and renamed into place, so a failed build leaves the previous one
intact. Rows are sorted, shard names are fixed and no wall-clock value is written, so two builds
from the same inputs are byte-identical; :func:`verify` recomputes every checksum.

Gold/silver policy: each article has at most one *designated* pass: the adjudicated gold pass
(``provenance.adjudicated`` true) if any, else the gold pass whose origin comes first in
``schema.GOLD_ORIGINS`` (then annotator id); silver (``model``) is designated only where no gold
pass exists (and only with ``include_silver``). Layers are never mixed across passes (stance and
argument references are pass-local). Every row says its tier (``annotation_tier``/``tier``) and
each layer its status (gold/silver/none); ``raw_annotations`` holds every pass.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.annotation.passes import annotation_files, covered_layers, designated_pass
from conflictnews.annotation.validate import ERROR, validate_paths
from conflictnews.dataset import card
from conflictnews.dataset.features import CONFIGS, encoders, features
from conflictnews.io import sha256_file, sha256_text
from conflictnews.schema import LAYERS
from conflictnews.segment import SEGMENTATION_VERSION, Segmented, bio_tags, segment

SPLITS: tuple[str, ...] = ("train", "validation", "test")
#: Version of the folder layout and row rules; bump when a row changes meaning.
BUILD_FORMAT = "1"
SHARD = "{split}-00000-of-00001.parquet"
#: Article id -> passes in, silver-quality figures out (see :func:`build`).
SilverQuality = Callable[[Mapping[str, Sequence[standoff.AnnotationSet]]], Mapping[str, Any]]
#: Rows per parquet row group (fixed, so files do not depend on writer defaults).
ROW_GROUP = 2000
CHECKSUMS = "checksums.sha256"
BUILD_INFO = "build_info.json"
DEFAULT_OUT = Path("dist") / "conflictnews"


class BuildError(RuntimeError):
    """The build refused its inputs; ``problems`` holds one line per finding (validator style)."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        """Keep the message and the problem lines."""
        super().__init__(message + ("".join(f"\n  {p}" for p in problems[:50]) if problems else ""))
        self.problems = list(problems)


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote.

    Attributes:
        out_dir: The dataset folder.
        examples: config -> split -> rows.
        files: relative path -> (bytes, sha256) for every file listed in ``checksums.sha256``.
        documents: Articles in the build.

    """

    out_dir: Path
    examples: Mapping[str, Mapping[str, int]]
    files: Mapping[str, tuple[int, str]]
    documents: int


# --------------------------------------------------------------------------------------------
# Silver quality and spans
# --------------------------------------------------------------------------------------------


def pass_spans(annotation: standoff.AnnotationSet) -> Iterable[tuple[int, int]]:
    """Yield ``(start, end)`` of every span of a pass (entities, triggers, evidence, cues)."""
    for e in annotation.entities:
        yield e.span.start, e.span.end
    for v in annotation.events:
        yield v.trigger.start, v.trigger.end
    for s in annotation.stances:
        yield s.evidence.start, s.evidence.end
        if s.cue:
            yield s.cue.start, s.cue.end


# --------------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------------


@dataclass
class _Rows:
    """Rows per config and split, filled article by article."""

    by_config: dict[str, dict[str, list[dict[str, Any]]]] = field(
        default_factory=lambda: {c: {s: [] for s in SPLITS} for c in CONFIGS}
    )

    def add(self, config: str, split: str, row: dict[str, Any]) -> None:
        self.by_config[config][split].append(row)


class _Article:
    """One article's text, segmentation and passes, turned into rows."""

    def __init__(
        self,
        record: Mapping[str, Any],
        text: str,
        passes: Sequence[standoff.AnnotationSet],
        enc: Mapping[str, Mapping[str, int]],
    ) -> None:
        self.record, self.text, self.passes, self.enc = record, text, passes, enc
        self.id = str(record["id"])
        self.seg: Segmented = segment(text, (s for p in passes for s in pass_spans(p)))
        self.chosen = designated_pass(passes)
        self.covered = covered_layers(self.chosen) if self.chosen else ()

    # -- spans and layers ----------------------------------------------------------------------

    def span(self, span: standoff.Span, where: str) -> dict[str, Any]:
        if self.text[span.start : span.end] != span.text or span.start < 0:
            raise BuildError(
                f"{self.id}: {where}: span [{span.start}, {span.end}) is "
                f"{self.text[span.start : span.end]!r} in the text, the annotation says {span.text!r}"
            )
        return {"start": span.start, "end": span.end, "text": span.text}

    def attributes(self, declared: Sequence[schema.Attribute], values: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for attr in declared:
            value = values.get(attr.name)
            if value is None:
                out[attr.name] = None
            elif attr.kind == "enum":
                out[attr.name] = self.enc[f"attr:{attr.name}"][value]
            elif attr.kind == "bool":
                out[attr.name] = bool(value)
            else:
                out[attr.name] = str(value)
        return out

    def layers(self, p: standoff.AnnotationSet, covered: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Return the four layers of pass ``p`` as feature rows (uncovered layers empty)."""
        enc, where = self.enc, f"{p.annotator}"
        entities = {e.id: e for e in p.entities}
        events = {v.id: v for v in p.events}
        sources: dict[str, list[dict[str, Any]]] = {}
        for r in sorted(p.relations, key=lambda r: (r.type, r.source, r.target)):
            if r.type == "ATTRIBUTED_TO" and r.target in entities:
                sources.setdefault(r.source, []).append(
                    {"ref": r.target, **self.span(entities[r.target].span, f"{where} relation {r.source}")}
                )

        def ref(ref_id: str, what: str) -> tuple[str, dict[str, Any]]:
            if ref_id in entities:
                return entities[ref_id].label, self.span(entities[ref_id].span, what)
            if ref_id in events:
                return schema.EVENT, self.span(events[ref_id].trigger, what)
            raise BuildError(f"{self.id}: {what}: reference {ref_id!r} is not an entity or event of {where}")

        out: dict[str, list[dict[str, Any]]] = {layer: [] for layer in LAYERS}
        if "entities" in covered:
            for e in sorted(p.entities, key=lambda e: (e.span.start, e.span.end, e.label, e.id)):
                out["entities"].append(
                    {
                        "id": e.id,
                        **self.span(e.span, f"{where} entity {e.id}"),
                        "label": enc["entity"][e.label],
                        "attributes": self.attributes(schema.MENTION_ATTRIBUTES, e.attributes),
                        "sentence_index": self.seg.sentence_of(e.span.start),
                    }
                )
        if "events" in covered:
            for v in sorted(p.events, key=lambda v: (v.trigger.start, v.trigger.end, v.type, v.id)):
                args = []
                for a in sorted(v.arguments, key=lambda a: (a.role, a.ref)):
                    filler, span = ref(a.ref, f"{where} event {v.id} argument {a.role}")
                    args.append({"role": enc["role"][a.role], "ref": a.ref, "filler_type": filler, **span})
                out["events"].append(
                    {
                        "id": v.id,
                        "trigger": self.span(v.trigger, f"{where} event {v.id}"),
                        "event_type": enc["event"][v.type],
                        "arguments": args,
                        "attributes": self.attributes(schema.EVENT_ATTRIBUTES, v.attributes),
                        "attributed_to": sources.get(v.id, []),
                        "sentence_index": self.seg.sentence_of(v.trigger.start),
                    }
                )
        if "stances" in covered:
            for s in sorted(p.stances, key=lambda s: (s.evidence.start, s.evidence.end, s.id)):
                holder_label, holder = ref(s.holder, f"{where} stance {s.id} holder")
                target_type, target = ref(s.target, f"{where} stance {s.id} target")
                out["stances"].append(
                    {
                        "id": s.id,
                        "holder": {"ref": s.holder, "label": enc["entity"][holder_label], **holder},
                        "target": {"ref": s.target, "type": enc["target"][target_type], **target},
                        "label": enc["stance"][s.label],
                        "basis": enc["basis"][s.basis],
                        "evidence": self.span(s.evidence, f"{where} stance {s.id} evidence"),
                        "cue": self.span(s.cue, f"{where} stance {s.id} cue") if s.cue else None,
                        "attributed_to": sources.get(s.id, []),
                        "sentence_index": self.seg.sentence_of(s.evidence.start),
                    }
                )
        if "relations" in covered:
            out["relations"] = [
                {"type": enc["relation"][r.type], "source": r.source, "target": r.target}
                for r in sorted(p.relations, key=lambda r: (r.type, r.source, r.target))
            ]
        return out

    def status(self, covered: Sequence[str], tier: str) -> dict[str, int]:
        return {layer: self.enc["status"][tier if layer in covered else "none"] for layer in LAYERS}

    def document_labels(self, p: standoff.AnnotationSet | None) -> dict[str, Any]:
        return self.attributes(schema.DOCUMENT_ATTRIBUTES, p.document if p else {})

    # -- configs -------------------------------------------------------------------------------

    def provenance(self) -> dict[str, Any]:
        r = self.record
        relevance = r.get("relevance")
        return {
            "id": self.id,
            "source": str(r.get("source", "")),
            "genre": self.enc["genre"][r["genre"]],
            "url": str(r.get("url") or ""),
            "date": str(r.get("date") or ""),
            "title": str(r.get("title") or ""),
            "outlet": str(r.get("outlet") or ""),
            "licence": str(r.get("licence", "")),
            "licence_class": str(r.get("licence_class") or ""),
            "text_sha256": str(r["text_sha256"]),
            "dedup_cluster": str(r.get("dedup_cluster") or ""),
            "relevance": float(relevance) if relevance is not None else None,
            "credibility": r.get("credibility"),
            "words": int(r.get("words") or 0),
            "characters": int(r.get("characters") or len(self.text)),
            "split": str(r["split"]),
        }

    def sentence(self, index: int) -> dict[str, Any]:
        start, end = self.seg.sentences[index]
        return {"sentence_index": index, "sentence": self.text[start:end], "sentence_start": start}

    def rows(self, out: _Rows) -> None:
        split, genre = str(self.record["split"]), self.enc["genre"][self.record["genre"]]
        p, covered = self.chosen, self.covered
        tier = p.tier if p else "none"
        layers = self.layers(p, covered) if p else {layer: [] for layer in LAYERS}
        seg = self.seg
        out.add(
            "snippets" if self.record["genre"] == "snippet" else "documents",
            split,
            {
                **self.provenance(),
                "text": self.text,
                "sentences": [
                    {"start": s, "end": e, "token_start": a, "token_end": b}
                    for (s, e), (a, b) in zip(seg.sentences, seg.sentence_tokens, strict=True)
                ],
                "tokens": seg.words,
                "token_spans": {"start": seg.starts, "end": seg.ends},
                "annotation_tier": self.enc["status"][tier],
                "annotator": p.annotator if p else "",
                "annotation_origin": p.origin if p else "",
                "annotation_status": self.status(covered, tier),
                "all_annotators": [a.annotator for a in self.passes],
                "document_labels": self.document_labels(p),
                **layers,
            },
        )
        for other in self.passes:
            other_covered = covered_layers(other)
            other_layers = layers if other is p else self.layers(other, other_covered)
            out.add(
                "raw_annotations",
                split,
                {
                    "id": f"{self.id}/{other.annotator}",
                    "doc_id": self.id,
                    "genre": genre,
                    "split": split,
                    "text_sha256": other.text_sha256,
                    "annotator": other.annotator,
                    "origin": self.enc["origin"][other.origin],
                    "tier": self.enc["status"][other.tier],
                    "designated": other is p,
                    "schema_version": other.schema_version,
                    "guidelines_version": other.guidelines_version,
                    "lead_time": other.lead_time,
                    "provenance_json": json.dumps(dict(other.provenance), sort_keys=True, ensure_ascii=False),
                    "annotation_status": self.status(other_covered, other.tier),
                    "document_labels": self.document_labels(other),
                    **other_layers,
                },
            )
        if p is None:
            return
        pass_of = {"doc_id": self.id, "genre": genre, "tier": self.enc["status"][tier], "annotator": p.annotator}
        if "entities" in covered:
            self.sentence_rows(out, split, pass_of, "entities", layers["entities"])
        if "events" in covered:
            self.sentence_rows(out, split, pass_of, "event_triggers", layers["events"])
            for v in layers["events"]:
                out.add(
                    "events",
                    split,
                    {
                        "id": f"{self.id}/{p.annotator}/{v['id']}",
                        **pass_of,
                        **self.sentence(v["sentence_index"]),
                        **{k: x for k, x in v.items() if k != "id"},
                        "event_id": v["id"],
                    },
                )
        if "stances" in covered:
            for s in layers["stances"]:
                out.add(
                    "stances",
                    split,
                    {
                        "id": f"{self.id}/{p.annotator}/{s['id']}",
                        **pass_of,
                        **self.sentence(s["sentence_index"]),
                        **{k: x for k, x in s.items() if k != "id"},
                        "stance_id": s["id"],
                    },
                )

    def sentence_rows(
        self, out: _Rows, split: str, pass_of: dict[str, Any], config: str, items: list[dict[str, Any]]
    ) -> None:
        """Add one row per sentence with BIO tags (entities) or trigger tags (event_triggers)."""
        bio = "bio" if config == "entities" else "event_bio"
        labels = schema.ENTITY_LABELS if config == "entities" else schema.EVENT_LABELS
        seg = self.seg
        by_sentence: dict[int, list[dict[str, Any]]] = {}
        for x in items:
            by_sentence.setdefault(x["sentence_index"], []).append(x)
        # One BIO pass over the whole document, sliced per sentence: no span crosses a sentence
        # (segmentation merges such sentences), so this equals tagging sentence by sentence.
        if config == "entities":
            spans = [(x["start"], x["end"], labels[x["label"]]) for x in items]
        else:
            spans = [(x["trigger"]["start"], x["trigger"]["end"], labels[x["event_type"]]) for x in items]
        encode = self.enc[bio]
        all_tags = [encode[t] for t in bio_tags(list(zip(seg.starts, seg.ends, strict=True)), spans, labels)]
        for index, (first, last) in enumerate(seg.sentence_tokens):
            inside = by_sentence.get(index, [])
            if config == "entities":
                extra: dict[str, Any] = {"entities": inside}
            else:
                extra = {
                    "triggers": [{"event_id": x["id"], **x["trigger"], "event_type": x["event_type"]} for x in inside]
                }
            tags = all_tags[first:last]
            out.add(
                config,
                split,
                {
                    "id": f"{self.id}/{pass_of['annotator']}/{index}",
                    **pass_of,
                    **self.sentence(index),
                    "tokens": seg.words[first:last],
                    "token_spans": {"start": seg.starts[first:last], "end": seg.ends[first:last]},
                    ("ner_tags" if config == "entities" else "trigger_tags"): tags,
                    **extra,
                },
            )


def make_rows(
    manifest: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    passes: Mapping[str, Sequence[standoff.AnnotationSet]],
    progress: Callable[[int], None] | None = None,
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Turn articles and passes into rows per config and split (labels as ``ClassLabel`` ids).

    Args:
        manifest: Manifest records (``id``, ``genre``, ``split``, ``text_sha256`` ...).
        texts: Article id -> exact text.
        passes: Article id -> passes (already validated).
        progress: Called with the number of articles done, now and then.

    Returns:
        config -> split -> rows, sorted as written.

    Raises:
        BuildError: For a missing text, a text whose sha256 differs from the manifest, an unknown
            split or genre, or a span whose text differs from the article text.

    """
    enc = encoders()
    out = _Rows()
    check_known(manifest, passes)
    for n, record in enumerate(sorted(manifest, key=lambda r: r["id"]), 1):
        article_id = str(record["id"])
        text = texts.get(article_id)
        if text is None:
            raise BuildError(f"{article_id}: no text; fix: run `conflictnews corpus fetch` and check the manifest")
        if sha256_text(text) != record["text_sha256"]:
            raise BuildError(f"{article_id}: the text's sha256 differs from the manifest's {record['text_sha256']}")
        if record.get("split") not in SPLITS or record.get("genre") not in enc["genre"]:
            raise BuildError(f"{article_id}: split {record.get('split')!r} / genre {record.get('genre')!r} unknown")
        _Article(record, text, passes.get(article_id, ()), enc).rows(out)
        if progress and n % 500 == 0:
            progress(n)
    for config, splits in out.by_config.items():
        for rows in splits.values():
            rows.sort(key=lambda r: r["id"] if config != "raw_annotations" else (r["doc_id"], r["annotator"]))
    return out.by_config


def check_known(manifest: Sequence[Mapping[str, Any]], passes: Mapping[str, Any]) -> None:
    """Raise :class:`BuildError` when passes name articles the manifest lacks."""
    unknown = sorted(set(passes) - {str(r["id"]) for r in manifest})
    if unknown:
        raise BuildError("annotations name articles that are not in the manifest", unknown)


def _sort_keys(config: str) -> list[tuple[str, str]]:
    """Return the row order of ``config`` as pyarrow sort keys (the order :func:`make_rows` sorts in)."""
    names = ("doc_id", "annotator") if config == "raw_annotations" else ("id",)
    return [(name, "ascending") for name in names]


def tables_of(rows: Mapping[str, Mapping[str, list[dict[str, Any]]]]) -> dict[str, dict[str, Any]]:
    """Return config -> split -> ``pyarrow.Table`` of ``rows`` (see :func:`table_of`)."""
    return {
        config: {split: table_of(split_rows, config) for split, split_rows in splits.items()}
        for config, splits in rows.items()
    }


# --------------------------------------------------------------------------------------------
# Writing and verifying
# --------------------------------------------------------------------------------------------


def table_of(rows: list[dict[str, Any]], config: str) -> Any:
    """Return ``rows`` of ``config`` as a ``pyarrow.Table`` with the config's Arrow schema."""
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=features()[config].arrow_schema)


def write_parquet(rows: list[dict[str, Any]] | Any, config: str, path: Path) -> None:
    """Write ``rows`` (dicts or a table from :func:`table_of`) of ``config`` as one parquet file."""
    import pyarrow.parquet as pq

    table = rows if not isinstance(rows, list) else table_of(rows, config)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pq.ParquetWriter(path, table.schema, compression="zstd") as writer:
        # An empty split gets no row group at all: datasets 5.2 fails on a zero-row row group
        # ("BatchSize must be greater than 0") but reads a file without row groups as 0 examples.
        if table.num_rows:
            writer.write_table(table.combine_chunks(), row_group_size=ROW_GROUP)


def validate_inputs(
    manifest: Sequence[Mapping[str, Any]], texts: Mapping[str, str], root: Path, parsed: dict[str, Any] | None = None
) -> list[str]:
    """Run the validator over every annotation file; return its error lines (empty when clean).

    ``parsed`` (optional) is filled with file name -> parsed JSON, as :func:`validate.validate_paths` does.
    """
    files = annotation_files(root)
    if not files:
        return []
    problems = validate_paths(files, texts=texts, manifest={str(r["id"]): r for r in manifest}, parsed=parsed)
    return [str(p) for p in problems if p.severity == ERROR]


def passes_of(parsed: Mapping[str, Any], *, include_silver: bool = True) -> dict[str, list[standoff.AnnotationSet]]:
    """Group already parsed (and validated) pass JSON by article id, like :func:`read_passes`."""
    passes: dict[str, list[standoff.AnnotationSet]] = {}
    for _, data in sorted(parsed.items()):
        annotation = standoff.AnnotationSet.from_json(data)
        if annotation.tier == "silver" and not include_silver:
            continue
        passes.setdefault(annotation.article_id, []).append(annotation)
    return {k: sorted(v, key=lambda a: a.annotator) for k, v in sorted(passes.items())}


def build(
    manifest: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    annotations_root: Path,
    out_dir: Path,
    *,
    include_silver: bool = True,
    manifest_sha256: str = "",
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
    silver_quality: SilverQuality | None = None,
) -> BuildResult:
    """Build the dataset folder.

    Args:
        manifest: Manifest records.
        texts: Article id -> exact text (``conflictnews.curation.pipeline.materialise()``).
        annotations_root: Folder with ``gold/`` and ``silver/`` standoff files (may be empty).
        out_dir: Target folder; replaced only after the new build is complete.
        include_silver: Whether model (silver) passes enter the build.
        manifest_sha256: sha256 of the manifest file, recorded in ``build_info.json``.
        progress: Called with a line of progress now and then.
        workers: 1 builds in this process; 2 validates in a second (forked) process while this
            one makes rows, then splits the rows between both (:func:`_rows_in_two_processes`).
            Both give the same bytes. Default: 2 where the platform can fork and has two CPUs.
        silver_quality: Scores the silver passes against the gold ones (the CLI hands in
            :func:`conflictnews.evaluation.silver_quality.silver_quality`); its result goes into
            ``build_info.json`` and the card. Without it the card has no silver-quality section.

    Returns:
        The :class:`BuildResult`.

    Raises:
        BuildError: On validator errors (with their messages) or span/text mismatches; nothing
            is written and ``out_dir`` is left as it was.

    """
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived row dicts: the cyclic collector alone took a third of the build
    try:
        return _build(
            manifest,
            texts,
            annotations_root,
            out_dir,
            include_silver=include_silver,
            manifest_sha256=manifest_sha256,
            progress=progress,
            workers=default_workers() if workers is None else workers,
            silver_quality=silver_quality,
        )
    finally:
        if collecting:
            gc.enable()


def _build(
    manifest: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    annotations_root: Path,
    out_dir: Path,
    *,
    include_silver: bool,
    manifest_sha256: str,
    progress: Callable[[str], None] | None,
    workers: int,
    silver_quality: SilverQuality | None,
) -> BuildResult:
    """Do :func:`build`'s work (with the cyclic garbage collector paused by the caller)."""
    say = progress or (lambda _line: None)
    if workers > 1:
        say("validate annotations (second process) and make rows")
        passes, tables = _rows_in_two_processes(manifest, texts, annotations_root, include_silver, say)
    else:
        say("validate annotations")
        parsed: dict[str, Any] = {}
        errors = validate_inputs(manifest, texts, annotations_root, parsed)
        if errors:
            raise _invalid(errors, annotations_root)
        passes = passes_of(parsed, include_silver=include_silver)  # the files as validated, not re-read
        say("make rows")
        tables = tables_of(make_rows(manifest, texts, passes, progress=lambda n: say(f"rows: {n} articles")))
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".part", dir=out_dir.parent))
    try:
        say("write parquet")
        examples: dict[str, dict[str, int]] = {}
        for config in CONFIGS:
            examples[config] = {}
            for split in SPLITS:
                # datasets 5.2 refuses a split with no examples, so an empty split gets no file and
                # no data_files entry (the card lists it as 0; a config with no rows is absent).
                examples[config][split] = tables[config][split].num_rows
                if examples[config][split]:
                    write_parquet(tables[config][split], config, tmp / config / SHARD.format(split=split))
        counts = card.corpus_counts(manifest, passes)
        info = {
            "dataset": "conflictnews",
            "build_format": BUILD_FORMAT,
            "schema_version": schema.SCHEMA_VERSION,
            "guidelines_version": schema.GUIDELINES_VERSION,
            "segmentation_version": SEGMENTATION_VERSION,
            "include_silver": include_silver,
            "manifest_sha256": manifest_sha256,
            "annotations_sha256": _annotations_digest(annotations_root, passes),
            "examples": examples,
            "counts": counts,
            "silver_quality": silver_quality(passes) if silver_quality else {},
        }
        say("write card and Croissant")
        (tmp / "README.md").write_text(card.render_card(info, manifest), encoding="utf-8")
        data_files = {
            f"{c}/{SHARD.format(split=s)}": sha256_file(tmp / c / SHARD.format(split=s))
            for c in CONFIGS
            for s in SPLITS
            if examples[c][s]
        }
        (tmp / "croissant.json").write_text(card.croissant(info, manifest, data_files), encoding="utf-8")
        files = _file_table(tmp, exclude=(BUILD_INFO, CHECKSUMS))
        info["files"] = {path: {"bytes": size, "sha256": digest} for path, (size, digest) in files.items()}
        (tmp / BUILD_INFO).write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        files = _file_table(tmp, exclude=(CHECKSUMS,))
        (tmp / CHECKSUMS).write_text(
            "".join(f"{digest}  {path}\n" for path, (_, digest) in files.items()), encoding="utf-8"
        )
        _replace(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return BuildResult(out_dir, examples, files, len(manifest))


def default_workers() -> int:
    """Return 2 where a second process can be forked and there is a second CPU, else 1."""
    import multiprocessing

    return 2 if "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1 else 1


#: Share of the articles (weighted by text length) whose rows this process makes in a
#: two-process build; the other process validates every file first, then makes the rest.
MAIN_SHARE = 0.55


def _cut(ordered: Sequence[Mapping[str, Any]], texts: Mapping[str, str], share: float) -> int:
    """Return ``k``: this process makes rows for ``ordered[:k]``, the second one for the rest."""
    weights = [len(texts.get(str(r["id"]), "")) + 500 for r in ordered]
    target, total = share * sum(weights), 0
    for k, weight in enumerate(weights):
        total += weight
        if total >= target:
            return k + 1
    return len(ordered)


def _ipc(table: Any) -> bytes:
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


#: The second process's inputs, set before it is forked (so nothing large is pickled).
_SECOND: dict[str, Any] = {}


def _second_process() -> tuple[list[str], str, dict[str, dict[str, bytes]]]:
    """Validate every file, then make the rows of ``ordered[cut:]`` (runs in the forked process).

    Returns:
        ``(validator errors, row error message, config -> split -> Arrow IPC stream)``; the
        tables are empty when either kind of error was found.

    """
    ordered, texts, root = _SECOND["ordered"], _SECOND["texts"], _SECOND["root"]
    include_silver, cut = _SECOND["include_silver"], _SECOND["cut"]
    parsed: dict[str, Any] = {}
    errors = validate_inputs(ordered, texts, root, parsed)
    if errors:
        return errors, "", {}
    theirs = ordered[cut:]
    ids = {str(r["id"]) for r in theirs}
    passes = passes_of({f: d for f, d in parsed.items() if d.get("article_id") in ids}, include_silver=include_silver)
    try:
        rows = make_rows(theirs, texts, passes)
    except BuildError as exc:
        return [], str(exc), {}
    return [], "", {c: {s: _ipc(t) for s, t in splits.items()} for c, splits in tables_of(rows).items()}


def _invalid(errors: Sequence[str], root: Path) -> BuildError:
    return BuildError(f"{len(errors)} validation error(s) in {root}; nothing written", errors)


def _parse_files(files: Iterable[Path]) -> dict[str, Any]:
    """Return file name -> parsed JSON (raises on unreadable files; the validator explains them)."""
    return {str(path): json.loads(path.read_bytes()) for path in files}


def _rows_in_two_processes(
    manifest: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    root: Path,
    include_silver: bool,
    say: Callable[[str], None],
) -> tuple[dict[str, list[standoff.AnnotationSet]], dict[str, dict[str, Any]]]:
    """Validate in a second process while this one makes rows; then split the rows between both.

    The second process (forked, so it shares the inputs without copying them) validates every
    file, exactly as a one-process build does, then makes the rows of the articles after the cut and
    sends them back as Arrow tables. This process parses the files, makes the rows of the
    articles before the cut, and waits for the validator before anything is written: invalid
    annotations fail with the validator's messages, whatever this process ran into first. The
    merged tables are sorted like :func:`make_rows` sorts, so the bytes equal a one-process build.

    Returns:
        ``(passes by article, config -> split -> table)``.

    Raises:
        BuildError: With the validator's errors, or a row error of either process.

    """
    import multiprocessing

    import pyarrow as pa

    ordered = sorted(manifest, key=lambda r: str(r["id"]))
    cut = _cut(ordered, texts, MAIN_SHARE)
    _SECOND.update(ordered=ordered, texts=texts, root=root, include_silver=include_silver, cut=cut)
    try:
        pool = multiprocessing.get_context("fork").Pool(1)
    finally:
        _SECOND.clear()  # the forked process has its copy; this one keeps no reference
    with pool:
        pending = pool.apply_async(_second_process)

        def invalid() -> BuildError | None:
            errors, _, _ = pending.get()
            return _invalid(errors, root) if errors else None

        try:
            passes = passes_of(_parse_files(annotation_files(root)), include_silver=include_silver)
            check_known(ordered, passes)
            mine = ordered[:cut]
            rows = make_rows(
                mine,
                texts,
                {str(r["id"]): passes[str(r["id"])] for r in mine if str(r["id"]) in passes},
                progress=lambda n: say(f"rows: {n} articles"),
            )
            tables = tables_of(rows)
        except Exception as exc:
            reason = invalid()
            if reason is not None:
                raise reason from exc
            raise
        errors, row_error, theirs = pending.get()
    if errors:
        raise _invalid(errors, root)
    if row_error:
        raise BuildError(row_error)
    for config, splits in tables.items():
        for split, table in splits.items():
            other = pa.ipc.open_stream(theirs[config][split]).read_all()
            if other.num_rows:
                merged = pa.concat_tables([table, other]) if table.num_rows else other
                splits[split] = merged.sort_by(_sort_keys(config)) if table.num_rows else merged
    return passes, tables


def _annotations_digest(root: Path, passes: Mapping[str, Sequence[standoff.AnnotationSet]]) -> str:
    """sha256 over the canonical JSON of every pass used, in sorted order (paths are not hashed).

    Compact sort-keyed JSON (C encoder) rather than the indented file form: the same content gives
    the same digest, at a tenth of the cost.
    """
    digest = hashlib.sha256()
    for article_passes in passes.values():
        for p in article_passes:
            digest.update(
                json.dumps(p.to_json(), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            )
            digest.update(b"\n")
    return digest.hexdigest()


def _file_table(root: Path, exclude: Iterable[str]) -> dict[str, tuple[int, str]]:
    skip = set(exclude)
    return {
        p.relative_to(root).as_posix(): (p.stat().st_size, sha256_file(p))
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).as_posix() not in skip
    }


def _replace(tmp: Path, out_dir: Path) -> None:
    """Move the finished build into place: the old folder is renamed aside, then removed."""
    os.chmod(tmp, 0o755)
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        os.replace(out_dir, old)
    os.replace(tmp, out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def verify(out_dir: Path) -> list[str]:
    """Recompute every checksum and row count of a built folder.

    Args:
        out_dir: The dataset folder.

    Returns:
        One line per mismatch (missing, extra or changed file, wrong row count); empty when the
        folder is exactly what the build recorded.

    """
    import pyarrow.parquet as pq

    listing = out_dir / CHECKSUMS
    if not listing.is_file():
        return [f"{listing}: missing; fix: run `conflictnews build`"]
    problems: list[str] = []
    expected: dict[str, str] = {}
    for number, line in enumerate(listing.read_text(encoding="utf-8").splitlines(), 1):
        digest, _, path = line.partition("  ")
        if len(digest) != 64 or not path:
            problems.append(f"{CHECKSUMS}:{number}: malformed line {line!r}")
        expected[path] = digest
    actual = _file_table(out_dir, exclude=(CHECKSUMS,))
    for path in sorted(set(expected) | set(actual)):
        if path not in actual:
            problems.append(f"{path}: listed in {CHECKSUMS} but missing")
        elif path not in expected:
            problems.append(f"{path}: not listed in {CHECKSUMS} (an extra file)")
        elif actual[path][1] != expected[path]:
            problems.append(f"{path}: sha256 {actual[path][1]} differs from the recorded {expected[path]}")
    if problems:
        return problems
    info = json.loads((out_dir / BUILD_INFO).read_text(encoding="utf-8"))
    for path, meta in info.get("files", {}).items():
        if actual.get(path, (None, ""))[0] != meta["bytes"]:
            problems.append(f"{path}: {actual.get(path, (None,))[0]} bytes, build_info records {meta['bytes']}")
    for config, splits in info["examples"].items():
        for split, n in splits.items():
            if not n and not (out_dir / config / SHARD.format(split=split)).exists():
                continue
            rows = pq.read_metadata(out_dir / config / SHARD.format(split=split)).num_rows
            if rows != n:
                problems.append(f"{config}/{split}: {rows} rows, build_info records {n}")
    return problems
