"""The official scorer: every metric variant event-extraction papers argue about, in one report.

Stage: evaluation. Input: gold and predicted :class:`~conflictnews.annotation.standoff.AnnotationSet` passes
keyed by article id (loaded from standoff trees or JSON-lines files by :func:`load_passes`).
Output: a :class:`ScoreReport` (frozen records: per-metric counts, P/R/F1 per label, micro and
macro averages, bootstrap 95 % intervals) that ``conflictnews score`` prints as tables or JSON.

Documents. The scored documents are the gold passes' articles. A gold article with no prediction
is scored against an empty prediction (everything missed); a predicted article absent from gold
is ignored and named in ``ScoreReport.notes``. A layer the gold pass did not annotate (an
``imported-gold`` pass covers only the layers it has records in) contributes nothing to that
layer's metrics, and the notes say how many articles were left out per layer.

Counting. Every metric is computed from three numbers per label: ``tp`` (credited matches, 0.5
steps for partial credit), ``n_pred`` and ``n_gold``. P = tp / n_pred, R = tp / n_gold,
F1 = 2PR / (P + R); any quotient with a zero denominator is 0 (so empty predictions give
P = R = F1 = 0, and so does empty gold). Micro averages pool the counts over labels; macro F1 is
the unweighted mean of the per-label F1 over the labels that occur in gold or prediction (as
seqeval and scikit-learn do). Labels come from :mod:`conflictnews.schema` in declared order.

Entities (offsets are character offsets, ``end`` exclusive; two spans overlap when they share
at least one character). The four variants are the SemEval-2013 Task 9.1 schemes as nervaluate
implements them, so the numbers equal nervaluate's ``strict``/``exact``/``partial``/``ent_type``
and, for ``strict``, seqeval's:

- ``strict``: boundaries and type identical (the headline; equals seqeval on BIO data).
- ``exact``: boundaries identical, type ignored.
- ``partial``: boundaries identical (1 credit) or overlapping (0.5 credit), type ignored.
- ``type``: type identical and spans overlapping.

Matching is one-to-one and greedy: predictions in (start, end, label) order each take the first
unconsumed gold mention in the same order that satisfies the variant (for ``type``: the
same-type overlapping gold mention with the smallest |Δstart| + |Δend|; failing that, an
overlapping one of another type is consumed as *incorrect*). A gold mention is consumed at most
once, so a duplicated prediction counts once as a match and every further copy as a false
positive; overlapping and nested spans are matched by the same rule. Per-type scores filter both
sides to the type and match again (nervaluate's per-entity report).

Events (ACE conventions, Li et al. 2013; Wadden et al. 2019). Tuples are compared as multisets
(``tp = Σ min(gold count, pred count)``), so duplicates count once and further copies are false
positives.

- ``trigger-identification`` (Trig-I): trigger offsets identical.
- ``trigger-classification`` (Trig-C): trigger offsets and event type identical (per event type).
- ``argument-identification`` (Arg-I): the argument's event matches Trig-C (trigger offsets and
  type) and its filler's span is identical; role ignored (per event type).
- ``argument-classification`` (Arg-C): Arg-I and the role identical (per role).
- ``argument-identification-head`` / ``argument-classification-head``: as Arg-I / Arg-C with the
  filler compared by its head (:func:`head_span`) instead of its full span.

Fillers are compared by span, never by id: an entity filler by its mention span, an event filler
(Content, Target) by its trigger span.

Attributes: gold and predicted events that match under Trig-C are paired (one-to-one, in id
order within a (trigger, type) key). For each event attribute of the schema and each pair whose
type the attribute applies to: ``attribute-<name>`` reports accuracy (tp = agreeing pairs,
n_pred = n_gold = pairs) as its micro score and macro F1 over the attribute's values (an absent
value is the schema default, else ``(none)``).

Stances: ``stance-tuple``: (holder span, target span, label) identical (per label), with the
target an entity span or an event trigger span; ``stance-pair``: (holder span, target span)
identical, label ignored; ``stance-label``: over stances paired by identical (holder, target),
accuracy and macro F1 of the label given gold holder and target.

Relevance: ``document-relevance``: over documents whose gold pass sets ``document.relevance``,
accuracy, and per-label P/R/F1 (a prediction without the label counts as ``(none)``).

Bootstrap: documents are resampled with replacement ``bootstrap`` times with
``numpy.random.default_rng(seed)``; each replicate recomputes micro and macro F1 from the
per-document counts; the interval is the 2.5th-97.5th percentile. Same data, same seed: same
interval.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.annotation.passes import covered_layers
from conflictnews.annotation.standoff import head_span
from conflictnews.annotation.validate import CHECKS, Problem, validate_data, validate_json_text
from conflictnews.dataset.load import load

#: The entity variants, in report order, with nervaluate's name for each.
ENTITY_VARIANTS: dict[str, str] = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
NONE_LABEL = "(none)"


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prf:
    """Counts behind one P/R/F1 (``tp`` may be fractional: partial credit).

    Attributes:
        tp: Credited matches.
        n_pred: Predicted items.
        n_gold: Gold items.

    """

    tp: float
    n_pred: float
    n_gold: float

    @property
    def precision(self) -> float:
        """Tp / n_pred, 0 when nothing was predicted."""
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        """Tp / n_gold, 0 when gold is empty."""
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall, 0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float]:
        """Return counts and scores."""
        return {
            "tp": self.tp,
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Metric:
    """One metric over all scored documents.

    Attributes:
        name: Stable metric id (``entity-strict``, ``trigger-classification`` ...).
        layer: ``entities``, ``events``, ``arguments``, ``attributes``, ``stances`` or ``document``.
        description: What counts as a match (one line).
        micro: Counts pooled over labels.
        per_label: (label, counts) in schema order, for labels occurring in gold or prediction.
        macro_f1: Mean per-label F1 (0 when no label occurs).
        accuracy: True when ``micro`` is an accuracy (n_pred == n_gold == items compared).
        ci_micro_f1: Bootstrap 95 % interval of the micro F1 (None without bootstrap).
        ci_macro_f1: Bootstrap 95 % interval of the macro F1 (None without bootstrap).

    """

    name: str
    layer: str
    description: str
    micro: Prf
    per_label: tuple[tuple[str, Prf], ...]
    macro_f1: float
    accuracy: bool = False
    ci_micro_f1: tuple[float, float] | None = None
    ci_macro_f1: tuple[float, float] | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "name": self.name,
            "layer": self.layer,
            "description": self.description,
            "accuracy": self.accuracy,
            "micro": self.micro.to_json(),
            "macro_f1": self.macro_f1,
            "ci_micro_f1": list(self.ci_micro_f1) if self.ci_micro_f1 else None,
            "ci_macro_f1": list(self.ci_macro_f1) if self.ci_macro_f1 else None,
            "per_label": {label: prf.to_json() for label, prf in self.per_label},
        }


@dataclass(frozen=True)
class ScoreReport:
    """Every metric of one scoring run.

    Attributes:
        metrics: The metrics in report order.
        documents: Number of scored (gold) documents.
        bootstrap: Bootstrap replicates (0: no intervals).
        seed: Seed of the bootstrap generator.
        schema_version: The schema the labels come from.
        notes: Remarks about the inputs (ignored predicted articles ...).

    """

    metrics: tuple[Metric, ...]
    documents: int
    bootstrap: int
    seed: int
    schema_version: str = schema.SCHEMA_VERSION
    notes: tuple[str, ...] = ()

    def metric(self, name: str) -> Metric:
        """Return the metric called ``name``.

        Raises:
            KeyError: With the known names, when there is none.

        """
        for m in self.metrics:
            if m.name == name:
                return m
        raise KeyError(f"no metric {name!r}; known: {', '.join(m.name for m in self.metrics)}")

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "documents": self.documents,
            "bootstrap": self.bootstrap,
            "seed": self.seed,
            "schema_version": self.schema_version,
            "notes": list(self.notes),
            "metrics": [m.to_json() for m in self.metrics],
        }


class ScoringInputError(ValueError):
    """Inputs that cannot be scored as given (ambiguous passes, unreadable files); the message says the fix."""


# --------------------------------------------------------------------------------------------
# Per-document counts
# --------------------------------------------------------------------------------------------

#: label -> (tp, n_pred, n_gold) for one document
_Counts = dict[str, tuple[float, float, float]]


@dataclass
class _DocCounts:
    """Counts of one metric in one document: pooled (micro) and per label."""

    micro: tuple[float, float, float] = (0.0, 0.0, 0.0)
    labels: _Counts = field(default_factory=dict)


def _add(a: tuple[float, float, float], b: tuple[float, float, float]) -> tuple[float, float, float]:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _multiset(gold: Iterable[tuple[Any, ...]], pred: Iterable[tuple[Any, ...]]) -> tuple[float, float, float]:
    """Tp = Σ min(count in gold, count in pred) over distinct tuples; duplicates beyond gold are FPs."""
    g, p = Counter(gold), Counter(pred)
    return (float(sum(min(n, p[k]) for k, n in g.items())), float(sum(p.values())), float(sum(g.values())))


def _tuple_counts(
    gold: Sequence[tuple[Any, ...]], pred: Sequence[tuple[Any, ...]], label_of: Callable[[tuple[Any, ...]], str]
) -> _DocCounts:
    """Multiset counts pooled and per label (``label_of`` names a tuple's label)."""
    out = _DocCounts(micro=_multiset(gold, pred))
    for label in sorted({label_of(t) for t in (*gold, *pred)}):
        out.labels[label] = _multiset(
            [t for t in gold if label_of(t) == label], [t for t in pred if label_of(t) == label]
        )
    return out


# --------------------------------------------------------------------------------------------
# Entities: the SemEval-2013 / nervaluate protocol
# --------------------------------------------------------------------------------------------

_Mention = tuple[int, int, str]  # (start, end exclusive, label)


def _overlap(a: _Mention, b: _Mention) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_mentions(gold: Sequence[_Mention], pred: Sequence[_Mention], variant: str) -> dict[str, int]:
    """Classify mentions of one document as nervaluate does for one variant.

    Args:
        gold: Gold (start, end, label) mentions.
        pred: Predicted mentions.
        variant: ``strict``, ``exact``, ``partial`` or ``type`` (see the module docstring).

    Returns:
        Counts ``correct``, ``incorrect``, ``partial``, ``missed``, ``spurious``.

    Raises:
        ValueError: For an unknown variant.

    """
    if variant not in ENTITY_VARIANTS:
        raise ValueError(f"unknown entity variant {variant!r}; known: {', '.join(ENTITY_VARIANTS)}")
    gold, pred = sorted(gold), sorted(pred)
    used: set[int] = set()
    n = Counter({"correct": 0, "incorrect": 0, "partial": 0, "missed": 0, "spurious": 0})
    for p in pred:
        hit: int | None = None
        fallback: int | None = None
        best: int | None = None
        for i, g in enumerate(gold):
            if i in used:
                continue
            if variant == "type":
                if _overlap(p, g):
                    if p[2] == g[2]:
                        distance = abs(p[0] - g[0]) + abs(p[1] - g[1])
                        if best is None or distance < best:
                            hit, best = i, distance
                    elif fallback is None:
                        fallback = i
                continue
            same_bounds = p[0] == g[0] and p[1] == g[1]
            if same_bounds and (variant != "strict" or p[2] == g[2]):
                hit = i
                break
            if fallback is None and _overlap(p, g):
                fallback = i
        if hit is not None:
            n["correct"] += 1
            used.add(hit)
        elif fallback is not None:
            n["partial" if variant == "partial" else "incorrect"] += 1
            used.add(fallback)
        else:
            n["spurious"] += 1
    n["missed"] = len(gold) - len(used)
    return dict(n)


def _mention_counts(gold: Sequence[_Mention], pred: Sequence[_Mention], variant: str) -> tuple[float, float, float]:
    c = match_mentions(gold, pred, variant)
    credit = c["correct"] + (0.5 * c["partial"] if variant == "partial" else 0.0)
    return (credit, float(len(pred)), float(len(gold)))


def _entity_doc(gold: standoff.AnnotationSet | None, pred: standoff.AnnotationSet | None, variant: str) -> _DocCounts:
    g = [(e.span.start, e.span.end, e.label) for e in (gold.entities if gold else ())]
    p = [(e.span.start, e.span.end, e.label) for e in (pred.entities if pred else ())]
    out = _DocCounts(micro=_mention_counts(g, p, variant))
    for label in sorted({m[2] for m in (*g, *p)}):  # a set's order varies with the hash seed
        out.labels[label] = _mention_counts([m for m in g if m[2] == label], [m for m in p if m[2] == label], variant)
    return out


# --------------------------------------------------------------------------------------------
# Events, arguments, attributes, stances, relevance
# --------------------------------------------------------------------------------------------


def filler_spans(annotation: standoff.AnnotationSet) -> dict[str, standoff.Span]:
    """Return id -> span of everything that can fill a role: entities and event triggers."""
    spans = {e.id: e.span for e in annotation.entities}
    spans.update({v.id: v.trigger for v in annotation.events})
    return spans


def _event_tuples(a: standoff.AnnotationSet | None) -> dict[str, list[tuple[Any, ...]]]:
    """Tuples of every event metric of one pass (see the module docstring)."""
    out: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    if a is None:
        return out
    spans = filler_spans(a)
    for ev in a.events:
        trig = (ev.trigger.start, ev.trigger.end)
        out["trigger-identification"].append((*trig, "(any)"))
        out["trigger-classification"].append((*trig, ev.type))
        for arg in ev.arguments:
            filler = spans.get(arg.ref)
            if filler is None:  # dangling: the validator reports it; nothing to compare
                continue
            head = head_span(filler)
            out["argument-identification"].append((*trig, filler.start, filler.end, ev.type))
            out["argument-classification"].append((*trig, ev.type, filler.start, filler.end, arg.role))
            out["argument-identification-head"].append((*trig, *head, ev.type))
            out["argument-classification-head"].append((*trig, ev.type, *head, arg.role))
    return out


def _stance_tuples(a: standoff.AnnotationSet | None) -> list[tuple[int, int, int, int, str]]:
    if a is None:
        return []
    spans = filler_spans(a)
    out = []
    for s in a.stances:
        holder, target = spans.get(s.holder), spans.get(s.target)
        if holder is not None and target is not None:
            out.append((holder.start, holder.end, target.start, target.end, s.label))
    return out


def _field(index: int) -> Callable[[tuple[Any, ...]], str]:
    """Return a function reading field ``index`` of an event tuple as a label."""
    return lambda item: str(item[index])


def _label_doc(pairs: Sequence[tuple[str, str]]) -> _DocCounts:
    """Return the counts of a labelling task from (gold, predicted) label pairs: accuracy and per label."""
    out = _DocCounts(micro=(float(sum(g == p for g, p in pairs)), float(len(pairs)), float(len(pairs))))
    for label in sorted({x for pair in pairs for x in pair}):
        out.labels[label] = (
            float(sum(g == p == label for g, p in pairs)),
            float(sum(p == label for _, p in pairs)),
            float(sum(g == label for g, _ in pairs)),
        )
    return out


def attribute_value(attributes: Mapping[str, Any], attr: schema.Attribute) -> str:
    """Return an attribute's value as a label (its default when absent, ``(none)`` for None)."""
    value = attributes.get(attr.name, attr.default)
    return NONE_LABEL if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def paired_events(
    gold: standoff.AnnotationSet | None, pred: standoff.AnnotationSet | None
) -> list[tuple[standoff.Event, standoff.Event]]:
    """Gold/pred events matched under Trig-C, one-to-one, in id order within each key."""

    def groups(a: standoff.AnnotationSet | None) -> dict[tuple[int, int, str], list[standoff.Event]]:
        out: dict[tuple[int, int, str], list[standoff.Event]] = defaultdict(list)
        for ev in sorted(a.events if a else (), key=lambda e: e.id):
            out[(ev.trigger.start, ev.trigger.end, ev.type)].append(ev)
        return out

    g, p = groups(gold), groups(pred)
    return [pair for key in sorted(g.keys() & p.keys()) for pair in zip(g[key], p[key], strict=False)]


def pair_labels(gold: Iterable[tuple[Any, ...]], pred: Iterable[tuple[Any, ...]]) -> list[tuple[str, str]]:
    """Pair items with the same key one to one and return their (gold label, predicted label).

    Items are ``(*key, label)``. Within a key, identical labels pair first, then the rest in label
    order, so the pairing never depends on input order.
    """
    g: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    p: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for t in gold:
        g[tuple(t[:-1])].append(str(t[-1]))
    for t in pred:
        p[tuple(t[:-1])].append(str(t[-1]))
    pairs: list[tuple[str, str]] = []
    for key in sorted(g.keys() & p.keys()):
        gl, pl = Counter(g[key]), Counter(p[key])
        common = gl & pl
        pairs += [(x, x) for x in sorted(common.elements())]
        pairs += list(zip(sorted((gl - common).elements()), sorted((pl - common).elements()), strict=False))
    return pairs


def stance_label_pairs(
    gold: standoff.AnnotationSet | None, pred: standoff.AnnotationSet | None
) -> list[tuple[str, str]]:
    """Return (gold label, predicted label) of stances whose holder and target spans both match."""
    return pair_labels(_stance_tuples(gold), _stance_tuples(pred))


_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "entity-strict": ("entities", "span boundaries and type identical (= seqeval; nervaluate strict)"),
    "entity-exact": ("entities", "span boundaries identical, type ignored (nervaluate exact)"),
    "entity-partial": ("entities", "identical boundaries 1, overlap 0.5, type ignored (nervaluate partial)"),
    "entity-type": ("entities", "type identical and spans overlap (nervaluate ent_type)"),
    "trigger-identification": ("events", "Trig-I: trigger offsets identical"),
    "trigger-classification": ("events", "Trig-C: trigger offsets and event type identical"),
    "argument-identification": ("arguments", "Arg-I: event matches Trig-C and filler span identical"),
    "argument-classification": ("arguments", "Arg-C: Arg-I and role identical"),
    "argument-identification-head": ("arguments", "Arg-I with fillers compared by head token"),
    "argument-classification-head": ("arguments", "Arg-C with fillers compared by head token"),
    "stance-tuple": ("stances", "(holder span, target span, label) identical"),
    "stance-pair": ("stances", "(holder span, target span) identical, label ignored"),
    "stance-label": ("stances", "label accuracy / macro F1 on stances whose holder and target match gold"),
    "document-relevance": ("document", "relevance label accuracy / per-label F1 over gold-labelled documents"),
}


def _document_counts(gold: standoff.AnnotationSet, pred: standoff.AnnotationSet | None) -> dict[str, _DocCounts]:
    """Every metric's counts for one document."""
    out: dict[str, _DocCounts] = {}
    for variant in ENTITY_VARIANTS:
        out[f"entity-{variant}"] = _entity_doc(gold, pred, variant)
    g_ev, p_ev = _event_tuples(gold), _event_tuples(pred)
    label_index = {
        "trigger-identification": 2,
        "trigger-classification": 2,
        "argument-identification": 4,
        "argument-classification": 5,
        "argument-identification-head": 4,
        "argument-classification-head": 5,
    }
    for name, index in label_index.items():
        out[name] = _tuple_counts(g_ev.get(name, []), p_ev.get(name, []), _field(index))
    pairs = paired_events(gold, pred)
    for attr in schema.EVENT_ATTRIBUTES:
        out[f"attribute-{attr.name}"] = _label_doc(
            [
                (attribute_value(g.attributes, attr), attribute_value(p.attributes, attr))
                for g, p in pairs
                if g.type in attr.applies_to
            ]
        )
    g_st, p_st = _stance_tuples(gold), _stance_tuples(pred)
    out["stance-tuple"] = _tuple_counts(g_st, p_st, lambda t: t[4])
    out["stance-pair"] = _tuple_counts(
        [t[:4] + ("(any)",) for t in g_st], [t[:4] + ("(any)",) for t in p_st], lambda t: t[4]
    )
    out["stance-label"] = _label_doc(stance_label_pairs(gold, pred))
    relevance = gold.document.get("relevance")
    predicted = (pred.document.get("relevance") if pred else None) or NONE_LABEL
    out["document-relevance"] = _label_doc([(str(relevance), str(predicted))] if relevance else [])
    covered = gold_layers(gold)
    for name in out:
        layer = metric_gold_layer(name)
        if layer is not None and layer not in covered:
            out[name] = _DocCounts()  # the gold pass never annotated this layer: nothing to score
    return out


def gold_layers(gold: standoff.AnnotationSet) -> tuple[str, ...]:
    """Return the layers a gold pass annotated (see :func:`conflictnews.annotation.passes.covered_layers`).

    A pass made under the guidelines covers every layer (an empty layer means "none found"); an
    ``imported-gold`` pass covers only the layers it has records in (re3d and GUM: entities), so
    predictions on its other layers are neither rewarded nor counted as false positives.
    """
    return covered_layers(gold)


def metric_gold_layer(name: str) -> str | None:
    """Return the gold layer a metric needs (None for document-level metrics)."""
    if name.startswith("entity-"):
        return "entities"
    if name.startswith(("trigger-", "argument-", "attribute-")):
        return "events"
    if name.startswith("stance-"):
        return "stances"
    return None


def _label_order(name: str) -> tuple[str, ...]:
    if name.startswith("entity-"):
        return schema.ENTITY_LABELS
    if name in ("trigger-classification", "argument-identification", "argument-identification-head"):
        return schema.EVENT_LABELS
    if name.startswith("argument-classification"):
        return schema.ROLE_LABELS
    if name.startswith("stance-"):
        return schema.STANCE_LABELS
    if name.startswith("attribute-"):
        attr = next(a for a in schema.EVENT_ATTRIBUTES if f"attribute-{a.name}" == name)
        return attr.values
    if name == "document-relevance":
        return next(a for a in schema.DOCUMENT_ATTRIBUTES if a.name == "relevance").values
    return ()


def _ordered(labels: Iterable[str], order: Sequence[str]) -> list[str]:
    rank = {label: i for i, label in enumerate(order)}
    return sorted(labels, key=lambda x: (rank.get(x, len(rank)), x))


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def _macro(per_label: Mapping[str, tuple[float, float, float]]) -> float:
    if not per_label:
        return 0.0
    # Summed in label order: dict order follows set iteration upstream, which varies with the
    # interpreter's hash seed and moved the last digit of macro F1 between identical runs.
    return sum(Prf(*per_label[label]).f1 for label in sorted(per_label)) / len(per_label)


def _bootstrap(
    docs: Sequence[_DocCounts], labels: Sequence[str], replicates: int, weights: Any
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Percentile intervals of micro and macro F1 given (replicates × documents) resampling weights."""
    import numpy as np

    micro = np.array([d.micro for d in docs], dtype=float).reshape(len(docs), 3)
    per = np.array([[d.labels.get(label, (0.0, 0.0, 0.0)) for label in labels] for d in docs], dtype=float).reshape(
        len(docs), len(labels), 3
    )

    def f1(tp: Any, n_pred: Any, n_gold: Any) -> Any:
        p = np.divide(tp, n_pred, out=np.zeros_like(tp), where=n_pred > 0)
        r = np.divide(tp, n_gold, out=np.zeros_like(tp), where=n_gold > 0)
        return np.divide(2 * p * r, p + r, out=np.zeros_like(tp), where=(p + r) > 0)

    m = weights @ micro  # (B, 3)
    micro_f1 = f1(m[:, 0], m[:, 1], m[:, 2])
    if labels:
        s = np.einsum("bd,dlk->blk", weights, per)  # (B, L, 3)
        occurs = (s[:, :, 1] + s[:, :, 2]) > 0
        f = f1(s[:, :, 0], s[:, :, 1], s[:, :, 2])
        count = occurs.sum(axis=1)
        macro_f1 = np.divide((f * occurs).sum(axis=1), count, out=np.zeros(len(f)), where=count > 0)
    else:
        macro_f1 = np.zeros(replicates)

    def interval(values: Any) -> tuple[float, float]:
        lo, hi = np.percentile(values, [2.5, 97.5])
        return (float(lo), float(hi))

    return interval(micro_f1), interval(macro_f1)


def score(
    gold: Mapping[str, standoff.AnnotationSet],
    pred: Mapping[str, standoff.AnnotationSet],
    *,
    bootstrap: int = 1000,
    seed: int = 0,
) -> ScoreReport:
    """Score predicted passes against gold passes on every layer.

    Args:
        gold: Article id -> gold pass; its articles are the scored documents.
        pred: Article id -> predicted pass (articles missing here are scored as empty predictions).
        bootstrap: Bootstrap replicates for the 95 % intervals (0: none).
        seed: Seed of the bootstrap generator.

    Returns:
        The report: one :class:`Metric` per metric id of the module docstring.

    Raises:
        ValueError: For a negative ``bootstrap``.

    """
    if bootstrap < 0:
        raise ValueError(f"bootstrap must be >= 0, got {bootstrap}")
    ids = sorted(gold)
    per_doc = [_document_counts(gold[i], pred.get(i)) for i in ids]
    names = (
        list(per_doc[0])
        if per_doc
        else list(_document_counts(standoff.AnnotationSet("", "", "", "", "", "manual"), None))
    )
    weights = None
    if bootstrap and ids:
        import numpy as np

        rng = np.random.default_rng(seed)
        draws = rng.integers(0, len(ids), size=(bootstrap, len(ids)))
        weights = np.stack([np.bincount(row, minlength=len(ids)) for row in draws]).astype(float)
    metrics = []
    for name in names:
        docs = [d[name] for d in per_doc]
        micro = (0.0, 0.0, 0.0)
        per: dict[str, tuple[float, float, float]] = {}
        for d in docs:
            micro = _add(micro, d.micro)
            for label, c in d.labels.items():
                per[label] = _add(per.get(label, (0.0, 0.0, 0.0)), c)
        labels = _ordered(per, _label_order(name))
        ci_micro = ci_macro = None
        if weights is not None:
            ci_micro, ci_macro = _bootstrap(docs, labels, bootstrap, weights)
        if name.startswith("attribute-"):
            layer, description = "attributes", f"{name[10:]}: accuracy / macro F1 on events paired by Trig-C"
        else:
            layer, description = _DESCRIPTIONS[name]
        per_label = tuple((label, Prf(*per[label])) for label in labels)
        is_accuracy = name.startswith(("attribute-", "document-")) or name == "stance-label"
        metrics.append(
            Metric(name, layer, description, Prf(*micro), per_label, _macro(per), is_accuracy, ci_micro, ci_macro)
        )
    notes = []
    extra = sorted(set(pred) - set(gold))
    if extra:
        notes.append(
            f"{len(extra)} predicted article(s) have no gold pass and were ignored: {', '.join(extra[:5])}"
            + (" ..." if len(extra) > 5 else "")
        )
    for layer in ("entities", "events", "stances"):
        uncovered = sum(1 for i in ids if layer not in gold_layers(gold[i]))
        if uncovered:
            notes.append(
                f"{uncovered} gold article(s) do not annotate {layer} (imported gold covers only its own "
                f"layers); {layer} metrics leave them out"
            )
    missing = [i for i in ids if i not in pred]
    if missing:
        notes.append(f"{len(missing)} gold article(s) have no prediction and were scored as empty predictions")
    return ScoreReport(tuple(metrics), len(ids), bootstrap, seed, notes=tuple(notes))


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------

#: Warnings that are noise when scoring (no manifest/text is needed to score).
_SKIP_CHECKS = frozenset({"manifest-unavailable", "text-unavailable"})


@dataclass(frozen=True)
class LoadedPasses:
    """Passes read from one scorer input, with the validator's problems.

    Attributes:
        passes: Article id -> the chosen pass (only passes that parsed).
        problems: Validator problems (errors make the input unusable), in file order.

    """

    passes: dict[str, standoff.AnnotationSet]
    problems: tuple[Any, ...]

    @property
    def errors(self) -> int:
        """Number of error-severity problems."""
        return sum(1 for p in self.problems if p.severity == "error")


def _records(path: Path) -> list[tuple[str, str]]:
    """(file name for problems, raw JSON text) for every record of a scorer input."""
    if path.is_dir():
        return [(str(p), p.read_text(encoding="utf-8")) for p in standoff.iter_files(path)]
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file or folder")
    if path.suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").split("\n")
        return [(f"{path}:{n}", line) for n, line in enumerate(lines, start=1) if line.strip()]
    return [(str(path), path.read_text(encoding="utf-8"))]


def _dataset_passes(folder: Path, *, annotator: str | None, tier: str | None) -> LoadedPasses:
    """Designated passes of a built dataset folder's ``documents``/``snippets`` configs (validated at build)."""
    data = load(folder, gold_only=tier == "gold")
    passes = {}
    for docs in data.docs.values():
        for doc in docs:
            a = doc.annotation
            if a is None or (annotator is not None and a.annotator != annotator):
                continue
            if (tier == "gold" and not doc.gold_layers) or (tier is not None and a.tier != tier):
                continue
            passes[a.article_id] = a
    return LoadedPasses(dict(sorted(passes.items())), ())


def load_passes(
    path: Path,
    *,
    annotator: str | None = None,
    texts: Mapping[str, str] | None = None,
    tier: str | None = None,
    predictions: bool = False,
) -> LoadedPasses:
    """Read and validate the passes of a scorer input, one pass per article.

    Inputs: a folder (every standoff file below it, e.g. ``annotations/gold``), a ``.jsonl`` file
    (one standoff JSON object a line), one standoff ``.json`` file, or a dataset folder built by
    ``conflictnews build`` (its ``documents`` and ``snippets`` configs, read with ``load_dataset``:
    each article's designated pass; ``tier="gold"`` keeps only articles with a gold layer). Every
    standoff record is checked with :func:`conflictnews.annotation.validate.validate_data` (against ``texts``
    when given; a dataset folder was validated when it was built). Pass choice per
    article: the pass of ``annotator`` when given (articles without one are left out); otherwise
    the article's only pass.

    Args:
        path: The input.
        annotator: Annotator whose passes to score, or None.
        texts: Article id -> text, to check offsets against the articles (optional).
        tier: ``gold`` or ``silver`` to keep only passes of that tier (dataset folders only).
        predictions: The input is a system's predictions: a missing required attribute is a
            warning (gold must have every required attribute; a tagger need not predict them).

    Returns:
        The chosen passes and the problems (``manifest-unavailable``/``text-unavailable`` omitted).

    Raises:
        FileNotFoundError: When ``path`` does not exist.
        ScoringInputError: When an article has several passes and no ``annotator`` picks one.

    """
    if path.is_dir() and (path / "checksums.sha256").is_file() and (path / "documents").is_dir():
        return _dataset_passes(path, annotator=annotator, tier=tier)
    problems: list[Any] = []
    by_article: dict[str, list[tuple[str, standoff.AnnotationSet]]] = defaultdict(list)
    for file, raw in _records(path):
        data, found = validate_json_text(raw, file=file)
        problems += found
        if found:
            continue
        article = data.get("article_id") if isinstance(data, dict) else None
        text = texts.get(article) if texts is not None and isinstance(article, str) else None
        found = [p for p in validate_data(data, file=file, text=text) if p.check_id not in _SKIP_CHECKS]
        if predictions:
            # A system may predict spans without every required attribute: those are scored as
            # "(none)" by the attribute metrics, so the omission is a warning, not a refusal.
            found = [replace(p, severity="warning") if p.check_id == "missing-required-attribute" else p for p in found]
        problems += found
        if any(p.severity == "error" for p in found):
            continue
        annotation = standoff.AnnotationSet.from_json(data)
        if annotator is None or annotation.annotator == annotator:
            by_article[annotation.article_id].append((file, annotation))
    ambiguous = {a: [f for f, _ in v] for a, v in by_article.items() if len(v) > 1}
    if ambiguous:
        article, files = sorted(ambiguous.items())[0]
        who = "annotator " + repr(annotator) if annotator else "no --annotator"
        raise ScoringInputError(
            f"{path}: {len(ambiguous)} article(s) have several passes with {who} "
            f"(e.g. {article}: {', '.join(files)}); fix: pick one with --gold-annotator / "
            "--pred-annotator"
        )
    return LoadedPasses({a: v[0][1] for a, v in sorted(by_article.items())}, tuple(problems))


def text_mismatches(
    gold: Mapping[str, standoff.AnnotationSet],
    pred: Mapping[str, standoff.AnnotationSet],
    *,
    file: str = "(predictions)",
) -> list[Any]:
    """Report predictions whose ``text_sha256`` differs from the gold pass's (offsets on another text).

    Args:
        gold: Article id -> gold pass.
        pred: Article id -> predicted pass.
        file: Name of the prediction input for the problems.

    Returns:
        ``checksum-mismatch`` problems in the validator's format.

    """
    check = CHECKS["checksum-mismatch"]
    return [
        Problem(
            file,
            f"article {a}",
            check.id,
            check.severity,
            f"text_sha256 is {p.text_sha256[:12]}…; the gold pass has {gold[a].text_sha256[:12]}…",
            check.fix,
        )
        for a, p in sorted(pred.items())
        if a in gold and p.text_sha256 != gold[a].text_sha256
    ]


def report_json(report: ScoreReport) -> str:
    """Return the report as indented, key-sorted JSON text."""
    return json.dumps(report.to_json(), indent=2, sort_keys=True, ensure_ascii=False)
