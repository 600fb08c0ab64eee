"""Reading committed passes: every standoff file under ``annotations/``, grouped by article.

Stage: annotation (reading). Input: ``annotations/gold`` and ``annotations/silver`` (per-article
standoff files) and the committed silver packs. Output: article id -> passes, the layers each pass
covers, and the one *designated* pass per article that the dataset and the DATASHEET use.
Nothing here validates: :mod:`conflictnews.annotation.validate` does that.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.annotation.silver_pack import read_pack
from conflictnews.schema import LAYERS


def annotation_files(root: Path) -> list[Path]:
    """Return the standoff files under ``root/gold`` and ``root/silver`` (sorted)."""
    return [p for tier in ("gold", "silver") if (root / tier).is_dir() for p in standoff.iter_files(root / tier)]


def read_passes(
    root: Path, *, include_silver: bool = True, packs: bool = False
) -> dict[str, list[standoff.AnnotationSet]]:
    """Read every pass under ``root`` without validation, grouped by article id.

    Args:
        root: The annotations folder.
        include_silver: Whether ``model`` passes are kept.
        packs: Also read the committed silver packs (``silver/<model>.jsonl.gz``) for the passes the
            per-article working tree lacks, so a fresh clone counts what ``make all`` will build.

    Returns:
        Article id -> passes, sorted by annotator.

    """
    passes: dict[str, list[standoff.AnnotationSet]] = {}
    for path in annotation_files(root):
        annotation = standoff.read(path)
        if annotation.tier == "silver" and not include_silver:
            continue
        passes.setdefault(annotation.article_id, []).append(annotation)
    if packs and include_silver and (root / "silver").is_dir():
        for pack in sorted((root / "silver").glob("*.jsonl.gz")):
            for article, row in read_pack(pack).items():
                annotation = standoff.AnnotationSet.from_json(row)
                have = passes.setdefault(article, [])
                if not any(p.annotator == annotation.annotator for p in have):
                    have.append(annotation)
    return {k: sorted(v, key=lambda a: a.annotator) for k, v in sorted(passes.items())}


def covered_layers(annotation: standoff.AnnotationSet) -> tuple[str, ...]:
    """Return the layers a pass annotated.

    ``provenance.layers`` (a list of layer names) wins when present. An ``imported-gold`` pass
    covers the layers it has records in (re3d and GUM bring entities only). Every other pass
    follows the guidelines, which annotate every layer, so an empty layer means "none found".
    """
    explicit = annotation.provenance.get("layers")
    if isinstance(explicit, list):
        return tuple(layer for layer in LAYERS if layer in explicit)
    if annotation.origin == "imported-gold":
        return tuple(layer for layer in LAYERS if getattr(annotation, layer))
    return LAYERS


def designated_pass(passes: Sequence[standoff.AnnotationSet]) -> standoff.AnnotationSet | None:
    """Return the pass the ``documents`` config and the layer configs use for an article.

    Rule: gold before silver; an adjudicated pass (origin ``adjudicated``, or ``provenance.adjudicated``
    true) first; then origin order of ``schema.ORIGINS`` (manual, reviewed-prediction, imported-gold,
    model); then
    annotator id. Passes that cover no layer are never designated.
    """
    usable = [p for p in passes if covered_layers(p)]
    if not usable:
        return None
    return min(
        usable,
        key=lambda p: (
            p.tier != "gold",
            p.origin != "adjudicated" and p.provenance.get("adjudicated") is not True,
            schema.ORIGINS.index(p.origin) if p.origin in schema.ORIGINS else 99,
            p.annotator,
        ),
    )
