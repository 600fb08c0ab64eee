"""Inter-annotator agreement per layer, from genuinely independent gold passes.

Stage: evaluation. Input: the committed standoff annotations (``annotations/gold``). Output: an
:class:`AgreementReport`: for every document with two or more independent passes, each pair of
passes scored against each other with the official scorer (pairwise F1 is symmetric: swapping the
passes swaps P and R), pooled over documents per layer.

Independent means origin ``manual``: an annotator who read the whole document and applied the
guidelines without seeing another pass. ``reviewed-prediction`` passes start from the same model
output and ``imported-gold`` has one pass per document, so neither can measure agreement. The
pooled F1 is the ceiling row of ``baselines/RESULTS.md``; with no doubly annotated document the
report says so instead of inventing a number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from conflictnews.annotation import standoff
from conflictnews.evaluation.scoring import score

#: Agreement metric per layer (the same headline metrics as the results table).
METRICS: dict[str, tuple[str, ...]] = {
    "entities": ("entity-type", "entity-strict"),
    "events": ("trigger-identification", "trigger-classification"),
    "arguments": ("argument-identification", "argument-classification"),
    "stances": ("stance-tuple", "stance-label"),
}
INDEPENDENT_ORIGINS = frozenset({"manual"})


@dataclass(frozen=True)
class LayerAgreement:
    """Pooled pairwise agreement of one metric.

    Attributes:
        metric: Scorer metric id.
        documents: Documents with at least two independent passes.
        pairs: Pass pairs compared.
        f1: Pooled pairwise F1 (None when no pair exists).
        tp, n_a, n_b: Pooled counts (matches, items of the first and of the second pass).

    """

    metric: str
    documents: int
    pairs: int
    f1: float | None
    tp: float = 0.0
    n_a: float = 0.0
    n_b: float = 0.0


@dataclass(frozen=True)
class AgreementReport:
    """Agreement per layer and metric, and the annotators involved."""

    layers: Mapping[str, tuple[LayerAgreement, ...]]
    annotators: tuple[str, ...]

    def headline(self, layer: str) -> LayerAgreement:
        """Return the layer's headline agreement (its last metric: the results table's headline)."""
        return self.layers[layer][-1]

    def metric(self, name: str) -> LayerAgreement:
        """Return the agreement of metric ``name``.

        Raises:
            KeyError: For a metric not in :data:`METRICS`.

        """
        for rows in self.layers.values():
            for row in rows:
                if row.metric == name:
                    return row
        raise KeyError(f"no agreement metric {name!r}")


def independent_passes(passes: Iterable[standoff.AnnotationSet]) -> dict[str, list[standoff.AnnotationSet]]:
    """Group passes with an independent origin by article (annotator order); keep articles with two or more."""
    by_article: dict[str, list[standoff.AnnotationSet]] = defaultdict(list)
    for p in passes:
        if p.origin in INDEPENDENT_ORIGINS:
            by_article[p.article_id].append(p)
    return {a: sorted(v, key=lambda p: p.annotator) for a, v in sorted(by_article.items()) if len(v) > 1}


def agreement(passes: Iterable[standoff.AnnotationSet]) -> AgreementReport:
    """Score every pair of independent passes of each document against each other.

    Args:
        passes: Standoff passes (any origin; only independent ones are used).

    Returns:
        Pooled pairwise F1 per layer and metric.

    """
    groups = independent_passes(passes)
    pooled: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    n_pairs = 0
    for group in groups.values():
        for a, b in combinations(group, 2):
            n_pairs += 1
            if a.text_sha256 != b.text_sha256:
                raise ValueError(f"{a.article_id}: passes {a.annotator} and {b.annotator} refer to different texts")
            report = score({a.article_id: a}, {a.article_id: b}, bootstrap=0)
            for metrics in METRICS.values():
                for name in metrics:
                    m = report.metric(name).micro
                    acc = pooled[name]
                    acc[0] += m.tp
                    acc[1] += m.n_gold
                    acc[2] += m.n_pred
    layers = {}
    for layer, metrics in METRICS.items():
        rows = []
        for name in metrics:
            tp, n_a, n_b = pooled.get(name, (0.0, 0.0, 0.0))
            f1 = (2 * tp / (n_a + n_b) if n_a + n_b else 0.0) if n_pairs else None
            rows.append(LayerAgreement(name, len(groups), n_pairs, f1, tp, n_a, n_b))
        layers[layer] = tuple(rows)
    annotators = tuple(sorted({p.annotator for g in groups.values() for p in g}))
    return AgreementReport(layers, annotators)


class AgreementInputError(ValueError):
    """An annotation file that cannot be read; the message names the file and the fix."""


def agreement_of_folder(root: Path) -> AgreementReport:
    """Return :func:`agreement` over every standoff file under ``root`` (e.g. ``annotations/gold``).

    Raises:
        AgreementInputError: For a file that is not a readable standoff pass.

    """
    passes = []
    for path in standoff.iter_files(root) if root.is_dir() else []:
        try:
            passes.append(standoff.read(path))
        except (ValueError, KeyError, TypeError) as exc:
            raise AgreementInputError(
                f"{path}: not a readable standoff pass ({exc.__class__.__name__}: {exc}); "
                f"fix: run `conflictnews validate {path}` and correct it"
            ) from exc
    return agreement(passes)
