"""How good the silver layer is: every silver model scored against the gold passes of the same articles.

Stage: evaluation. Input: article id -> passes (as the dataset build groups them). Output: per model
and layer, the official scorer's micro P/R/F1 (no bootstrap, so the figures are deterministic) and
the number of articles scored. The CLI hands :func:`silver_quality` to the build, which writes the
figures into ``build_info.json`` and the card.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from conflictnews.annotation import standoff
from conflictnews.annotation.passes import covered_layers, designated_pass
from conflictnews.evaluation.scoring import score

#: Metrics of the silver-quality table per gold layer (official scorer ids).
SILVER_METRICS: dict[str, tuple[str, ...]] = {
    "entities": ("entity-strict", "entity-type"),
    "events": ("trigger-classification", "argument-classification"),
    "stances": ("stance-tuple",),
}


def silver_quality(passes: Mapping[str, Sequence[standoff.AnnotationSet]]) -> dict[str, Any]:
    """Score every silver model against the gold passes of the articles that have both.

    For each model (silver annotator) and each layer, the articles whose designated gold pass covers
    that layer are scored with the official scorer (no bootstrap, so the figures are deterministic).

    Returns:
        ``{model: {layer: {"documents": n, metric: {"precision", "recall", "f1"}}}}`` (empty without
        articles that have both tiers).

    """
    out: dict[str, Any] = {}
    models = sorted({p.annotator for v in passes.values() for p in v if p.tier == "silver"})
    for model in models:
        per_layer: dict[str, Any] = {}
        for layer, metrics in SILVER_METRICS.items():
            gold, pred = {}, {}
            for article, group in passes.items():
                chosen = designated_pass([p for p in group if p.tier == "gold"])
                silver = next((p for p in group if p.tier == "silver" and p.annotator == model), None)
                if chosen and silver and layer in covered_layers(chosen):
                    gold[article], pred[article] = chosen, silver
            if not gold:
                continue
            report = score(gold, pred, bootstrap=0)
            per_layer[layer] = {
                "documents": len(gold),
                **{
                    m: {
                        k: round(v, 4)
                        for k, v in report.metric(m).micro.to_json().items()
                        if k in ("precision", "recall", "f1")
                    }
                    for m in metrics
                },
            }
        if per_layer:
            out[model] = per_layer
    return out
