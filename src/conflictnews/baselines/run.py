"""Run baselines: train on gold train, tune on validation, score on gold test, write a result file.

Stage: benchmark (runner). Input: :class:`~conflictnews.dataset.load.BenchmarkData` and a
registered baseline. Output: ``baselines/results/<name>.json`` with the official scorer's metrics
for the baseline's layer (with bootstrap 95 % intervals), a confusion matrix of the labels on
spans both sides found, a learning curve where the baseline asks for one, the dataset version and
checksum, the configuration, the seed, the git commit and the wall time. Nothing in a result file
is typed by hand: ``conflictnews results`` renders the table and the plots from these files.

A baseline whose layer has no gold training or test documents is not trained; its file records
``status: "skipped"`` and the reason, so the table shows the gap instead of hiding it.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from conflictnews.annotation import standoff
from conflictnews.baselines.registry import BaselineInfo
from conflictnews.dataset.load import BenchmarkData, Doc
from conflictnews.evaluation.scoring import score
from conflictnews.io import atomic_write

#: Fractions of the gold training documents for learning curves (first documents in id order).
CURVE_FRACTIONS: tuple[float, ...] = (0.1, 0.25, 0.5, 1.0)
NONE = "(none)"


def git_commit(root: Path | None = None) -> str:
    """Return the current commit (``-dirty`` appended when the tree has changes), or ``unknown``."""
    cwd = str(root) if root else None
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=cwd, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
        # Result files a run writes itself do not make the code dirty.
        dirty = subprocess.run(
            [
                "git",
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                ".",
                ":(exclude)baselines/results",
                ":(exclude)baselines/RESULTS.md",
                ":(exclude)baselines/plots",
            ],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + ("-dirty" if dirty else "")


def _spans(a: standoff.AnnotationSet | None, layer: str) -> dict[tuple[int, int], str]:
    if a is None:
        return {}
    if layer == "entities":
        return {(e.span.start, e.span.end): e.label for e in a.entities}
    if layer == "events":
        return {(v.trigger.start, v.trigger.end): v.type for v in a.events}
    if layer == "stances":
        ids = {e.id: (e.span.start, e.span.end) for e in a.entities} | {
            v.id: (v.trigger.start, v.trigger.end) for v in a.events
        }
        return {
            (*ids.get(s.holder, (-1, -1)), *ids.get(s.target, (-1, -1))): s.label  # type: ignore[misc]
            for s in a.stances
        }
    roles = {}
    fill = {e.id: (e.span.start, e.span.end) for e in a.entities}
    for v in a.events:
        for arg in v.arguments:
            if arg.ref in fill:
                roles[(v.trigger.start, v.trigger.end, *fill[arg.ref])] = arg.role
    return roles  # type: ignore[return-value]


def confusion(
    gold: dict[str, standoff.AnnotationSet], pred: dict[str, standoff.AnnotationSet], layer: str
) -> dict[str, Any]:
    """Return a label confusion matrix over items located identically on both sides.

    Items are entity spans (``entities``), trigger spans (``events``), (holder, target) pairs
    (``stances``) or (trigger, filler) pairs (``arguments``). Gold items no prediction located are
    counted in the column ``(none)``, predicted items with no gold counterpart in the row ``(none)``.
    """
    counts: Counter[tuple[str, str]] = Counter()
    for doc_id, g in gold.items():
        gs, ps = _spans(g, layer), _spans(pred.get(doc_id), layer)
        for key, label in gs.items():
            counts[(label, ps.get(key, NONE))] += 1
        for key, label in ps.items():
            if key not in gs:
                counts[(NONE, label)] += 1
    labels = sorted({g for g, _ in counts} | {p for _, p in counts}, key=lambda x: (x == NONE, x))
    return {
        "labels": labels,
        "matrix": [[counts[(g, p)] for p in labels] for g in labels],
        "rows": "gold",
        "columns": "predicted",
    }


def evaluate(
    info: BaselineInfo,
    train: Sequence[Doc],
    validation: Sequence[Doc],
    test: Sequence[Doc],
    *,
    seed: int = 0,
    bootstrap: int = 1000,
    config: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Fit ``info``'s baseline on ``train`` (tuning on ``validation``), score it on ``test``.

    Returns:
        ``scores`` (metric name -> the scorer's JSON for the baseline's metric layers), ``headline``,
        ``confusion``, ``config`` and ``fit_seconds`` / ``predict_seconds``.

    """
    model = info.factory(seed=seed, **(config or {}))
    t0 = time.perf_counter()
    model.fit(list(train), list(validation))
    t1 = time.perf_counter()
    pred = model.predict(list(test))
    t2 = time.perf_counter()
    gold = {d.id: d.annotation for d in test if d.annotation is not None}
    report = score(gold, pred, bootstrap=bootstrap, seed=seed)
    metrics = {m.name: m.to_json() for m in report.metrics if m.layer in info.metric_layers}
    return {
        "scores": metrics,
        "headline": info.headline,
        "confusion": confusion(gold, pred, info.metric_layers[0]),
        "config": model.config,
        "fit_seconds": round(t1 - t0, 3),
        "predict_seconds": round(t2 - t1, 3),
    }


def learning_curve(
    info: BaselineInfo,
    train: Sequence[Doc],
    validation: Sequence[Doc],
    test: Sequence[Doc],
    *,
    seed: int = 0,
    fractions: Sequence[float] = CURVE_FRACTIONS,
) -> list[dict[str, Any]]:
    """Return the headline micro F1 on ``test`` for growing prefixes of ``train`` (id order)."""
    points = []
    ordered = sorted(train, key=lambda d: d.id)
    for fraction in fractions:
        n = max(1, round(fraction * len(ordered)))
        result = evaluate(info, ordered[:n], validation, test, seed=seed, bootstrap=0)
        points.append(
            {"fraction": fraction, "train_documents": n, "f1": result["scores"][result["headline"]]["micro"]["f1"]}
        )
    return points


def run_baseline(
    info: BaselineInfo,
    data: BenchmarkData,
    *,
    seed: int = 0,
    bootstrap: int = 1000,
    out_dir: Path | None = None,
    curve: bool | None = None,
    config: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Run one baseline end to end and (when ``out_dir`` is given) write ``<out_dir>/<name>.json``.

    Args:
        info: The registered baseline.
        data: The benchmark documents.
        seed: Seed of the baseline and the bootstrap.
        bootstrap: Bootstrap replicates for the intervals.
        out_dir: Where the result file goes (None: not written).
        curve: Compute a learning curve (default: when the baseline class asks for one).
        config: Overrides of the baseline's default configuration.

    Returns:
        The result record (also the file's content).

    """
    train, validation, test = (data.gold(s, info.layer) for s in ("train", "validation", "test"))
    record: dict[str, Any] = {
        "name": info.name,
        "task": info.task,
        "layer": info.layer,
        "given": info.given,
        "description": info.description,
        "headline": info.headline,
        "dataset_version": data.dataset_version,
        "dataset_checksum": data.checksum,
        "seed": seed,
        "bootstrap": bootstrap,
        "git_commit": git_commit(),
        "documents": {"train": len(train), "validation": len(validation), "test": len(test)},
        "sentences": {"train": sum(len(d.sentences) for d in train), "test": sum(len(d.sentences) for d in test)},
    }
    started = time.perf_counter()
    if not train or not test:
        missing = [s for s, docs in (("train", train), ("test", test)) if not docs]
        record.update(
            status="skipped",
            reason=f"no documents with gold {info.layer} in the {' and '.join(missing)} split(s) yet",
            scores={},
            config={},
        )
    else:
        record.update(
            status="ok", **evaluate(info, train, validation, test, seed=seed, bootstrap=bootstrap, config=config)
        )
        wants = getattr(info.factory, "learning_curve", False) if curve is None else curve
        if wants:
            record["learning_curve"] = learning_curve(info, train, validation, test, seed=seed)
    record["wall_seconds"] = round(time.perf_counter() - started, 3)
    if out_dir is not None:
        write_result(record, out_dir)
    return record


def write_result(record: dict[str, Any], out_dir: Path) -> Path:
    """Write ``record`` to ``<out_dir>/<name>.json`` atomically (sorted keys, indented)."""
    path = out_dir / f"{record['name']}.json"
    return atomic_write(path, json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def run_many(
    infos: Sequence[BaselineInfo],
    data: BenchmarkData,
    *,
    seed: int = 0,
    bootstrap: int = 1000,
    out_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[dict[str, Any]]:
    """Run several baselines in order; see :func:`run_baseline`."""
    records = []
    for info in infos:
        if progress:
            progress(info.name)
        records.append(run_baseline(info, data, seed=seed, bootstrap=bootstrap, out_dir=out_dir))
    return records
