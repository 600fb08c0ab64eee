"""Majority and most-frequent baselines: the floor every learned baseline must clear.

Stage: benchmark (baselines). Input: gold training documents. Output: predicted passes.

* ``majority-entities``: the CoNLL-2003 "memorise the training mentions" baseline. Every
  training mention's token sequence is stored with its most frequent label; at prediction, the
  longest stored sequence is matched left to right over each sentence's tokens.
* ``majority-triggers``: the same over event triggers (a trigger word's most frequent type).
* ``majority-arguments`` (given gold triggers and entities): for each gold event and each gold
  entity in the trigger's sentence, predict the role most often seen for (event type, entity
  type) in training, when that pair was an argument more often than not.
* ``majority-stances`` (given gold holder and target): every gold stance gets the most frequent
  training label.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any

from conflictnews.annotation import standoff
from conflictnews.baselines.registry import Baseline
from conflictnews.baselines.tagging import gold_spans, to_passes
from conflictnews.dataset.load import Doc


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words)


class _Memoriser(Baseline):
    """Longest-match lookup of training span token sequences (entities or triggers)."""

    layer = "entities"

    def __init__(self, seed: int = 0, **config: Any) -> None:
        self.seed, self.max_len = seed, int(config.get("max_len", 8))
        self.table: dict[tuple[str, ...], str] = {}

    @property
    def config(self) -> dict[str, Any]:
        """Return the configuration."""
        return {"max_len": self.max_len, "match": "longest token sequence, case-insensitive"}

    def fit(self, train: list[Doc], validation: list[Doc]) -> None:
        """Count labels per span token sequence in ``train``."""
        counts: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for doc in train:
            starts = {s: i for i, (s, _) in enumerate(doc.tokens)}
            ends = {e: i for i, (_, e) in enumerate(doc.tokens)}
            for start, end, label in gold_spans(doc, self.layer):
                if start in starts and end in ends:
                    words = [doc.text[s:e] for s, e in doc.tokens[starts[start] : ends[end] + 1]]
                    if len(words) <= self.max_len:
                        counts[_key(words)][label] += 1
        self.table = {k: sorted(c.items(), key=lambda x: (-x[1], x[0]))[0][0] for k, c in counts.items()}

    def predict(self, docs: list[Doc]) -> dict[str, standoff.AnnotationSet]:
        """Tag the longest stored sequences, left to right."""
        predicted: dict[str, list[tuple[int, int, str]]] = {}
        for doc in docs:
            spans = []
            for _, tokens in doc.sentence_tokens():
                words = _key([doc.text[s:e] for s, e in tokens])
                i = 0
                while i < len(tokens):
                    for n in range(min(self.max_len, len(tokens) - i), 0, -1):
                        label = self.table.get(words[i : i + n])
                        if label:
                            spans.append((tokens[i][0], tokens[i + n - 1][1], label))
                            i += n
                            break
                    else:
                        i += 1
            predicted[doc.id] = spans
        return to_passes(docs, predicted, self.layer, self.name)


class MajorityEntities(_Memoriser):
    """Training mentions memorised with their most frequent type; longest match at prediction."""

    task = "entities"
    description = "training mentions memorised with their most frequent type, longest match"

    layer = "entities"


class MajorityTriggers(_Memoriser):
    """Training triggers memorised with their most frequent event type."""

    task = "triggers"
    description = "training trigger words memorised with their most frequent event type"

    layer = "events"


def candidate_pairs(doc: Doc) -> list[tuple[standoff.Event, standoff.Entity, str | None]]:
    """Return (event, entity, gold role or None) for every gold event and entity in its sentence.

    The candidate set of the argument baselines: an argument outside its trigger's sentence is
    never a candidate, so it counts as a miss (stated in RESULTS.md).
    """
    a = doc.annotation
    if a is None:
        return []
    by_sentence: dict[int, list[standoff.Entity]] = defaultdict(list)
    for e in a.entities:
        by_sentence[doc.sentence_of(e.span.start)].append(e)
    out = []
    for v in a.events:
        roles = {arg.ref: arg.role for arg in v.arguments}
        for e in by_sentence.get(doc.sentence_of(v.trigger.start), []):
            out.append((v, e, roles.get(e.id)))
    return out


def with_arguments(doc: Doc, annotator: str, roles: dict[tuple[str, str], str]) -> standoff.AnnotationSet:
    """Return the gold pass's entities and events with predicted arguments ``(event id, entity id) -> role``."""
    gold = doc.annotation
    assert gold is not None
    events = tuple(
        replace(
            v,
            arguments=tuple(standoff.Argument(role, ref) for (eid, ref), role in sorted(roles.items()) if eid == v.id),
        )
        for v in gold.events
    )
    return replace(doc.empty_pass(annotator), entities=gold.entities, events=events)


class MajorityArguments(Baseline):
    """Most frequent role per (event type, entity type) pair in the trigger's sentence."""

    task = "arguments"
    given = "gold triggers and entities"
    description = "most frequent role for (event type, entity type) within the trigger's sentence"

    def __init__(self, seed: int = 0, **config: Any) -> None:
        self.seed = seed
        self.table: dict[tuple[str, str], str] = {}

    @property
    def config(self) -> dict[str, Any]:
        """Return the configuration."""
        return {"candidates": "gold entities in the trigger's sentence"}

    def fit(self, train: list[Doc], validation: list[Doc]) -> None:
        """Count roles (and non-arguments) per (event type, entity type)."""
        counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for doc in train:
            for v, e, role in candidate_pairs(doc):
                counts[(v.type, e.label)][role or ""] += 1
        self.table = {}
        for key, c in counts.items():
            best = sorted(c.items(), key=lambda x: (-x[1], x[0]))[0][0]
            if best:
                self.table[key] = best

    def predict(self, docs: list[Doc]) -> dict[str, standoff.AnnotationSet]:
        """Attach the most frequent role to every candidate pair that has one."""
        out = {}
        for doc in docs:
            roles = {}
            for v, e, _ in candidate_pairs(doc):
                role = self.table.get((v.type, e.label))
                if role:
                    roles[(v.id, e.id)] = role
            out[doc.id] = with_arguments(doc, self.name, roles) if doc.annotation else doc.empty_pass(self.name)
        return out


def with_stance_labels(doc: Doc, annotator: str, labels: dict[str, str]) -> standoff.AnnotationSet:
    """Return the gold pass's entities, events and stances with the labels replaced by ``labels``."""
    gold = doc.annotation
    assert gold is not None
    stances = tuple(replace(s, label=labels.get(s.id, s.label)) for s in gold.stances)
    return replace(doc.empty_pass(annotator), entities=gold.entities, events=gold.events, stances=stances)


class MajorityStances(Baseline):
    """The most frequent training stance label for every gold (holder, target)."""

    task = "stances"
    given = "gold holder and target"
    description = "the most frequent training stance label for every gold (holder, target)"

    def __init__(self, seed: int = 0, **config: Any) -> None:
        self.seed, self.label = seed, ""

    @property
    def config(self) -> dict[str, Any]:
        """Return the configuration."""
        return {"label": self.label}

    def fit(self, train: list[Doc], validation: list[Doc]) -> None:
        """Find the most frequent label."""
        counts = Counter(s.label for d in train if d.annotation for s in d.annotation.stances)
        self.label = sorted(counts.items(), key=lambda x: (-x[1], x[0]))[0][0] if counts else ""

    def predict(self, docs: list[Doc]) -> dict[str, standoff.AnnotationSet]:
        """Give every gold stance the majority label."""
        out = {}
        for doc in docs:
            if doc.annotation is None:
                out[doc.id] = doc.empty_pass(self.name)
                continue
            out[doc.id] = with_stance_labels(
                doc,
                self.name,
                {s.id: self.label for s in doc.annotation.stances},
            )
        return out
