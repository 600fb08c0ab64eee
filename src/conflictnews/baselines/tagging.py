"""Sentence-level BIO views of gold passes, and the way back from predicted tags to passes.

Stage: benchmark (shared by the token-tagging baselines: CRF and transformer). Input:
:class:`~conflictnews.dataset.load.Doc` objects. Output: per-sentence token lists with BIO tags
(entities or event triggers) and, from predicted tags, standoff passes the official scorer reads.

The tags come from :func:`conflictnews.segment.bio_tags`, the same function the dataset's
``entities`` and ``event_triggers`` configs use, so a baseline learns exactly what the dataset
ships (longest span wins among overlaps; nested spans get no tags and count as misses).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.dataset.load import Doc
from conflictnews.segment import bio_tags

#: Tagging layer -> the label list its BIO tags are built from.
LABELS = {"entities": schema.ENTITY_LABELS, "events": schema.EVENT_LABELS}


@dataclass(frozen=True)
class Sentence:
    """One sentence of one document, ready for a token tagger.

    Attributes:
        doc_id: Article id.
        index: Sentence index in the document.
        words: Token strings.
        spans: ``(start, end)`` per token (document offsets).
        tags: Gold BIO tags (all ``O`` when the document has no gold for the layer).

    """

    doc_id: str
    index: int
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    tags: tuple[str, ...]


def gold_spans(doc: Doc, layer: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, label)`` of the gold entities or event triggers of ``doc``."""
    a = doc.annotation
    if a is None or layer not in doc.gold_layers:
        return []
    if layer == "entities":
        return [(e.span.start, e.span.end, e.label) for e in a.entities]
    return [(v.trigger.start, v.trigger.end, v.type) for v in a.events]


def sentences(docs: Iterable[Doc], layer: str) -> list[Sentence]:
    """Return every sentence of ``docs`` with BIO tags for ``layer`` (``entities`` or ``events``)."""
    out = []
    for doc in docs:
        spans = gold_spans(doc, layer)
        for index, tokens in doc.sentence_tokens():
            if not tokens:
                continue
            lo, hi = tokens[0][0], tokens[-1][1]
            inside = [s for s in spans if lo <= s[0] and s[1] <= hi]
            tags = bio_tags(tokens, inside, LABELS[layer])
            out.append(Sentence(doc.id, index, tuple(doc.text[s:e] for s, e in tokens), tuple(tokens), tuple(tags)))
    return out


def decode(tags: Sequence[str], spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Turn BIO tags over token spans into ``(start, end, label)`` spans.

    An ``I-X`` that does not continue an ``X`` span starts a new one (the conlleval convention,
    which seqeval's default mode also follows).
    """
    out: list[tuple[int, int, str]] = []
    current: list[int] | None = None
    label = ""
    for tag, (start, end) in zip(tags, spans, strict=True):
        if tag == "O" or not tag:
            if current:
                out.append((current[0], current[1], label))
            current = None
            continue
        prefix, _, name = tag.partition("-")
        if prefix == "I" and current is not None and name == label:
            current[1] = end
            continue
        if current:
            out.append((current[0], current[1], label))
        current, label = [start, end], name
    if current:
        out.append((current[0], current[1], label))
    return out


def to_passes(
    docs: Sequence[Doc], predicted: dict[str, list[tuple[int, int, str]]], layer: str, annotator: str
) -> dict[str, standoff.AnnotationSet]:
    """Build one predicted pass per document from ``doc id -> [(start, end, label)]``.

    Args:
        docs: The documents predicted on (every one gets a pass, possibly empty).
        predicted: Spans per document id.
        layer: ``entities`` (entity mentions) or ``events`` (triggers; no arguments).
        annotator: The baseline's name (the pass's annotator; origin ``model``).

    Returns:
        Article id -> pass.

    """
    out = {}
    for doc in docs:
        spans = sorted(set(predicted.get(doc.id, ())))
        base = doc.empty_pass(annotator)
        if layer == "entities":
            entities = tuple(
                standoff.Entity(f"T{i}", standoff.Span(s, e, doc.text[s:e]), label)
                for i, (s, e, label) in enumerate(spans, 1)
            )
            out[doc.id] = replace(base, entities=entities)
        else:
            events = tuple(
                standoff.Event(f"E{i}", standoff.Span(s, e, doc.text[s:e]), label)
                for i, (s, e, label) in enumerate(spans, 1)
            )
            out[doc.id] = replace(base, events=events)
    return out
