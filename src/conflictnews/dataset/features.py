"""The Hugging Face ``Features`` of every dataset config, generated from :mod:`conflictnews.schema`.

Stage: dataset build (types). Input: the schema's label lists and attribute declarations.
Output: :func:`features` (config name -> ``datasets.Features``), the one object from which the
parquet schema, the card's ``dataset_info`` YAML and the Croissant fields are all generated, and
:data:`CONFIGS` (the config names in card order). No label list is written here: every
``ClassLabel`` takes its names, in declared order, from ``schema.py``.

``datasets`` is imported inside :func:`features` (a heavy import; install the ``dataset`` extra).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from conflictnews import schema
from conflictnews.schema import LAYERS
from conflictnews.sources.base import GENRES

#: Config names in card order; ``documents`` is the default.
CONFIGS: tuple[str, ...] = (
    "documents",
    "snippets",
    "entities",
    "events",
    "event_triggers",
    "stances",
    "raw_annotations",
)
#: Annotation layers that carry a status each.
INSTALL_HINT = "pip install -e '.[dataset]'"


def _datasets() -> Any:
    try:
        import datasets
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(f"the dataset build needs `datasets`; run: {INSTALL_HINT}") from exc
    return datasets


def _attribute_feature(attr: schema.Attribute) -> Any:
    """Return a ClassLabel for an enum attribute, a bool or a string otherwise (absent values: null)."""
    ds = _datasets()
    if attr.kind == "enum":
        return ds.ClassLabel(names=list(attr.values))
    return ds.Value("bool" if attr.kind == "bool" else "string")


@cache
def features() -> dict[str, Any]:
    """Return config name -> ``datasets.Features``, every label list taken from the schema.

    Returns:
        A dict over :data:`CONFIGS`. The same objects are used to write the parquet files and
        the card, so the two cannot disagree (see ``research/hf_baselines.md`` §1.7).

    Raises:
        ImportError: When ``datasets`` is not installed (the message names the pip command).

    """
    ds = _datasets()
    S, I32, F32 = ds.Value("string"), ds.Value("int32"), ds.Value("float32")
    List, ClassLabel = ds.List, ds.ClassLabel

    def span() -> dict[str, Any]:
        return {"start": I32, "end": I32, "text": S}

    # Token offsets as two parallel lists (a struct of lists): half the size and build time of a
    # list of {start, end} structs for millions of tokens, and what CoNLL-style code zips anyway.
    token_spans = {"start": List(I32), "end": List(I32)}
    status = ClassLabel(names=list(schema.ANNOTATION_STATUS))
    entity_label = ClassLabel(names=list(schema.ENTITY_LABELS))
    mention_attributes = {a.name: _attribute_feature(a) for a in schema.MENTION_ATTRIBUTES}
    event_attributes = {a.name: _attribute_feature(a) for a in schema.EVENT_ATTRIBUTES}
    document_labels = {a.name: _attribute_feature(a) for a in schema.DOCUMENT_ATTRIBUTES}
    ref_span = {"ref": S, **span()}
    entity = {"id": S, **span(), "label": entity_label, "attributes": mention_attributes, "sentence_index": I32}
    argument = {"role": ClassLabel(names=list(schema.ROLE_LABELS)), "ref": S, "filler_type": S, **span()}
    event = {
        "id": S,
        "trigger": span(),
        "event_type": ClassLabel(names=list(schema.EVENT_LABELS)),
        "arguments": List(argument),
        "attributes": event_attributes,
        "attributed_to": List(ref_span),
        "sentence_index": I32,
    }
    stance = {
        "id": S,
        "holder": {"ref": S, "label": entity_label, **span()},
        "target": {"ref": S, "type": ClassLabel(names=list(schema.STANCE_TARGET_TYPES)), **span()},
        "label": ClassLabel(names=list(schema.STANCE_LABELS)),
        "basis": ClassLabel(names=list(schema.STANCE_BASES)),
        "evidence": span(),
        "cue": span(),
        "attributed_to": List(ref_span),
        "sentence_index": I32,
    }
    relation = {"type": ClassLabel(names=list(schema.RELATION_LABELS)), "source": S, "target": S}
    layers = {"entities": List(entity), "events": List(event), "stances": List(stance), "relations": List(relation)}
    layer_status = {layer: status for layer in LAYERS}
    provenance = {
        "id": S,
        "source": S,
        "genre": ClassLabel(names=list(GENRES)),
        "url": S,
        "date": S,
        "title": S,
        "outlet": S,
        "licence": S,
        "licence_class": S,
        "text_sha256": S,
        "dedup_cluster": S,
        "relevance": F32,
        "credibility": S,
        "words": I32,
        "characters": I32,
        "split": S,
    }
    documents = ds.Features(
        {
            **provenance,
            "text": S,
            "sentences": List({"start": I32, "end": I32, "token_start": I32, "token_end": I32}),
            "tokens": List(S),
            "token_spans": token_spans,
            "annotation_tier": status,
            "annotator": S,
            "annotation_origin": S,
            "annotation_status": layer_status,
            "all_annotators": List(S),
            "document_labels": document_labels,
            **layers,
        }
    )
    pass_of = {"doc_id": S, "genre": ClassLabel(names=list(GENRES)), "tier": status, "annotator": S}
    sentence = {"sentence_index": I32, "sentence": S, "sentence_start": I32}
    tokens = {"tokens": List(S), "token_spans": token_spans}
    return {
        "documents": documents,
        "snippets": documents.copy(),
        "entities": ds.Features(
            {
                "id": S,
                **pass_of,
                **sentence,
                **tokens,
                "ner_tags": List(ClassLabel(names=list(schema.BIO_LABELS))),
                "entities": List(entity),
            }
        ),
        "events": ds.Features(
            {"id": S, **pass_of, **sentence, **{k: v for k, v in event.items() if k != "id"}, "event_id": S}
        ),
        "event_triggers": ds.Features(
            {
                "id": S,
                **pass_of,
                **sentence,
                **tokens,
                "trigger_tags": List(ClassLabel(names=list(schema.EVENT_BIO_LABELS))),
                "triggers": List({"event_id": S, **span(), "event_type": ClassLabel(names=list(schema.EVENT_LABELS))}),
            }
        ),
        "stances": ds.Features(
            {"id": S, **pass_of, **sentence, **{k: v for k, v in stance.items() if k != "id"}, "stance_id": S}
        ),
        "raw_annotations": ds.Features(
            {
                "id": S,
                "doc_id": S,
                "genre": ClassLabel(names=list(GENRES)),
                "split": S,
                "text_sha256": S,
                "annotator": S,
                "origin": ClassLabel(names=list(schema.ORIGINS)),
                "tier": status,
                "designated": ds.Value("bool"),
                "schema_version": S,
                "guidelines_version": S,
                "lead_time": ds.Value("float64"),
                "provenance_json": S,
                "annotation_status": layer_status,
                "document_labels": document_labels,
                **layers,
            }
        ),
    }


def encoders() -> dict[str, dict[str, int]]:
    """Return label -> id maps for every label list the rows use, keyed by list name.

    Rows are written with integer labels (``ClassLabel`` ids), so the encoding is done once here
    rather than row by row through ``Features.encode_example``.
    """
    lists = {
        "entity": schema.ENTITY_LABELS,
        "event": schema.EVENT_LABELS,
        "role": schema.ROLE_LABELS,
        "stance": schema.STANCE_LABELS,
        "basis": schema.STANCE_BASES,
        "relation": schema.RELATION_LABELS,
        "status": schema.ANNOTATION_STATUS,
        "origin": schema.ORIGINS,
        "genre": GENRES,
        "bio": schema.BIO_LABELS,
        "event_bio": schema.EVENT_BIO_LABELS,
        "target": schema.STANCE_TARGET_TYPES,
    }
    out = {name: {label: i for i, label in enumerate(labels)} for name, labels in lists.items()}
    for attr in (*schema.MENTION_ATTRIBUTES, *schema.EVENT_ATTRIBUTES, *schema.DOCUMENT_ATTRIBUTES):
        if attr.kind == "enum":
            out[f"attr:{attr.name}"] = {v: i for i, v in enumerate(attr.values)}
    return out
