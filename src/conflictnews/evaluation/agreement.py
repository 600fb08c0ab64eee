"""Inter-annotator agreement per layer, from genuinely independent gold passes.

Stage: evaluation. Input: the committed standoff annotations (``annotations/gold``) and, for the
detailed report, the adjudicators' decision files (``annotations/adjudication/*.yaml``). Output: an
:class:`AgreementReport`: for every document with two or more independent passes, each pair of
passes scored against each other with the official scorer (pairwise F1 is symmetric: swapping the
passes swaps P and R), pooled over documents per layer; and a :class:`DetailedAgreement` for a set
of documents (a pilot, the test doubles): typed F1 per layer with a document-level bootstrap 95 %
interval and item counts, Cohen's kappa on the labels of the items both passes marked, agreement
per event attribute, and the adjudicated disagreements counted by the manual's rule.

Independent means origin ``manual``: an annotator who read the whole document and applied the
guidelines without seeing another pass. ``reviewed-prediction`` passes start from the same model
output and ``imported-gold`` has one pass per document, so neither can measure agreement. The
pooled F1 is the ceiling row of ``baselines/RESULTS.md``; with no doubly annotated document the
report says so instead of inventing a number.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.evaluation.scoring import (
    attribute_value,
    filler_spans,
    pair_labels,
    paired_events,
    score,
    stance_label_pairs,
)

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
    return agreement(passes_of_folder(root))


def passes_of_folder(root: Path) -> list[standoff.AnnotationSet]:
    """Read every standoff file under ``root``.

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
    return passes


# --------------------------------------------------------------------------------------------
# The detailed report (pilot, test doubles)
# --------------------------------------------------------------------------------------------

#: Layer -> (typed metric, identification metric, what kappa compares).
DETAILED: dict[str, tuple[str, str, str]] = {
    "entities": ("entity-strict", "entity-exact", "entity type of identical spans"),
    "triggers": ("trigger-classification", "trigger-identification", "event type of identical triggers"),
    "arguments": ("argument-classification", "argument-identification", "role of identical fillers of paired events"),
    "stances": ("stance-tuple", "stance-pair", "label of stances with identical holder and target"),
}


@dataclass(frozen=True)
class Kappa:
    """Agreement on the labels of items both passes marked.

    Attributes:
        items: Items compared.
        observed: Share of items with the same label (None without items).
        kappa: Cohen's kappa (None without items; 1.0 when both passes use one label only and agree).

    """

    items: int
    observed: float | None
    kappa: float | None


@dataclass(frozen=True)
class LayerDetail:
    """Typed agreement of one layer over the documents of a report.

    Attributes:
        layer: ``entities``, ``triggers``, ``arguments`` or ``stances``.
        metric: The typed metric (scorer id).
        f1: Pooled F1 of the typed metric.
        ci: Bootstrap 95 % interval of ``f1`` (documents resampled).
        n_a, n_b, matched: Items of the first and second passes, and typed matches.
        identification_f1: F1 of the untyped identification metric.
        labels: Kappa on the labels of identically marked items.

    """

    layer: str
    metric: str
    f1: float
    ci: tuple[float, float] | None
    n_a: int
    n_b: int
    matched: float
    identification_f1: float
    labels: Kappa


@dataclass(frozen=True)
class DetailedAgreement:
    """The detailed agreement of a set of doubly annotated documents."""

    documents: tuple[str, ...]
    annotators: tuple[str, ...]
    layers: tuple[LayerDetail, ...]
    attributes: Mapping[str, Kappa]
    missing: tuple[str, ...] = ()

    def layer(self, name: str) -> LayerDetail:
        """Return the row of layer ``name``."""
        return next(row for row in self.layers if row.layer == name)


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> Kappa:
    """Return Cohen's kappa of label pairs (scikit-learn's formula; 1.0 for perfect one-label agreement)."""
    if not pairs:
        return Kappa(0, None, None)
    n = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    kappa = 1.0 if expected == 1.0 else (observed - expected) / (1.0 - expected)
    return Kappa(n, observed, kappa)


def label_pairs(a: standoff.AnnotationSet, b: standoff.AnnotationSet) -> dict[str, list[tuple[str, str]]]:
    """Return, per layer, the label pairs of the items two passes marked identically."""
    entities = pair_labels(
        ((e.span.start, e.span.end, e.label) for e in a.entities),
        ((e.span.start, e.span.end, e.label) for e in b.entities),
    )
    triggers = pair_labels(
        ((v.trigger.start, v.trigger.end, v.type) for v in a.events),
        ((v.trigger.start, v.trigger.end, v.type) for v in b.events),
    )
    roles: list[tuple[str, str]] = []
    spans_a, spans_b = filler_spans(a), filler_spans(b)
    for ev_a, ev_b in paired_events(a, b):
        args_a = [(spans_a[x.ref].start, spans_a[x.ref].end, x.role) for x in ev_a.arguments if x.ref in spans_a]
        args_b = [(spans_b[x.ref].start, spans_b[x.ref].end, x.role) for x in ev_b.arguments if x.ref in spans_b]
        roles += pair_labels(args_a, args_b)
    return {"entities": entities, "triggers": triggers, "arguments": roles, "stances": stance_label_pairs(a, b)}


def detailed_agreement(
    passes: Iterable[standoff.AnnotationSet],
    documents: Sequence[str] | None = None,
    *,
    bootstrap: int = 1000,
    seed: int = 0,
) -> DetailedAgreement:
    """Score the first two independent passes of each document against each other, in detail.

    Args:
        passes: Standoff passes (only ``manual`` ones are compared).
        documents: The documents of the report (default: every document with two independent passes).
        bootstrap: Bootstrap replicates of the interval (documents resampled).
        seed: Seed of the bootstrap.

    Returns:
        The report; ``missing`` lists asked-for documents without two independent passes.

    Raises:
        ValueError: When two passes of a document refer to different texts.

    """
    groups = independent_passes(passes)
    wanted = list(documents) if documents is not None else list(groups)
    missing = tuple(d for d in wanted if d not in groups)
    first: dict[str, standoff.AnnotationSet] = {}
    second: dict[str, standoff.AnnotationSet] = {}
    for doc in wanted:
        if doc in groups:
            a, b = groups[doc][:2]
            if a.text_sha256 != b.text_sha256:
                raise ValueError(f"{doc}: passes {a.annotator} and {b.annotator} refer to different texts")
            first[doc], second[doc] = a, b
    report = score(first, second, bootstrap=bootstrap, seed=seed)
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    attributes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc in first:
        for layer, got in label_pairs(first[doc], second[doc]).items():
            pairs[layer] += got
        for ev_a, ev_b in paired_events(first[doc], second[doc]):
            for attr in schema.EVENT_ATTRIBUTES:
                if ev_a.type in attr.applies_to:
                    attributes[attr.name].append(
                        (attribute_value(ev_a.attributes, attr), attribute_value(ev_b.attributes, attr))
                    )
    rows = []
    for layer, (typed, ident, _) in DETAILED.items():
        m = report.metric(typed)
        rows.append(
            LayerDetail(
                layer,
                typed,
                m.micro.f1,
                m.ci_micro_f1,
                int(m.micro.n_gold),
                int(m.micro.n_pred),
                m.micro.tp,
                report.metric(ident).micro.f1,
                cohen_kappa(pairs[layer]),
            )
        )
    annotators = tuple(sorted({p.annotator for d in first for p in (first[d], second[d])}))
    return DetailedAgreement(
        tuple(first),
        annotators,
        tuple(rows),
        {name: cohen_kappa(attributes[name]) for name in sorted(attributes)},
        missing,
    )


# --------------------------------------------------------------------------------------------
# Adjudication decisions and the AGREEMENT.md section
# --------------------------------------------------------------------------------------------

_RULE = re.compile(r"§\s?\d+(?:\.\d+)*")


def read_decisions(folder: Path, documents: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Read the adjudicators' decisions: ``<folder>/<article id>.yaml``, a list of decision records.

    Each record has ``item`` (what the passes disagreed on), ``decision`` (what the adjudicated pass
    holds), ``rule`` (the manual section applied, e.g. ``§3.2``) and ``why``.

    Raises:
        AgreementInputError: For a file that is not a YAML list of records with those fields.

    """
    wanted = set(documents) if documents is not None else None
    out: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        if wanted is not None and path.stem not in wanted:
            continue
        try:
            records = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise AgreementInputError(f"{path}: not readable YAML ({exc}); fix: correct the file") from exc
        if not isinstance(records, list):
            raise AgreementInputError(f"{path}: expected a list of decision records; fix: write one '- item: ...' each")
        for n, record in enumerate(records, 1):
            if not isinstance(record, dict) or not all(k in record for k in ("item", "decision", "rule", "why")):
                raise AgreementInputError(
                    f"{path}: decision #{n} lacks item/decision/rule/why; fix: give all four fields"
                )
            out.append({**record, "article_id": path.stem})
    return out


def rule_of(record: Mapping[str, Any]) -> str:
    """Return the manual section a decision applied (``§3.2``), or ``(no section)``."""
    found = _RULE.search(str(record.get("rule", "")))
    return found.group().replace(" ", "") if found else "(no section)"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def render_detailed(
    title: str, report: DetailedAgreement, decisions: Sequence[Mapping[str, Any]], *, examples: int = 2
) -> str:
    """Return the Markdown section of a detailed agreement report (for ``annotations/AGREEMENT.md``)."""
    lines = [
        f"## {title}",
        "",
        f"Documents: {len(report.documents)} ({', '.join(report.documents)}). Passes compared: the two blind "
        f"`manual` passes of each document ({', '.join(report.annotators)}).",
        "",
        "| layer | typed metric | F1 | 95 % CI | items A | items B | typed matches | identification F1 "
        "| kappa on | kappa | observed | items |",
        "|---|---|---:|---|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for row in report.layers:
        ci = f"[{100 * row.ci[0]:.1f}, {100 * row.ci[1]:.1f}]" if row.ci else "—"
        lines.append(
            f"| {row.layer} | {row.metric} | **{_pct(row.f1)}** | {ci} | {row.n_a} | {row.n_b} | {row.matched:g} "
            f"| {_pct(row.identification_f1)} | {DETAILED[row.layer][2]} | "
            f"{'—' if row.labels.kappa is None else f'{row.labels.kappa:.3f}'} | {_pct(row.labels.observed)} "
            f"| {row.labels.items} |"
        )
    lines += ["", "Event attributes, on events both passes marked with the same trigger and type:", ""]
    lines += ["| attribute | events | agreement | kappa |", "|---|---:|---:|---:|"]
    for name, k in report.attributes.items():
        lines.append(f"| {name} | {k.items} | {_pct(k.observed)} | {'—' if k.kappa is None else f'{k.kappa:.3f}'} |")
    if report.missing:
        lines += ["", f"Without two independent passes (not scored): {', '.join(report.missing)}."]
    by_rule: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for record in decisions:
        by_rule[rule_of(record)].append(record)
    lines += ["", f"Disagreements the adjudicators decided, by the rule they applied ({len(decisions)} in all):", ""]
    lines += ["| rule | decisions | examples |", "|---|---:|---|"]
    for rule, records in sorted(by_rule.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        shown = "; ".join(
            f"{r['article_id']}: {str(r['item']).strip()} → {str(r['decision']).strip()}".replace("|", "/")
            for r in records[:examples]
        )
        lines.append(f"| {rule} | {len(records)} | {shown} |")
    return "\n".join(lines) + "\n"


def replace_section(document: str, name: str, body: str) -> str:
    """Return ``document`` with the generated section ``name`` replaced by ``body`` (appended if absent)."""
    begin = f"<!-- BEGIN GENERATED: {name} (conflictnews agree; do not edit by hand) -->"
    end = f"<!-- END GENERATED: {name} -->"
    block = f"{begin}\n{body}{end}\n"
    if begin in document and end in document:
        head, rest = document.split(begin, 1)
        tail = rest.split(end, 1)[1].lstrip("\n")
        return head + block + ("\n" + tail if tail else "")  # keep the blank line before a following section
    return document.rstrip("\n") + ("\n\n" if document.strip() else "") + block
