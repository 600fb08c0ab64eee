"""Curation benchmark helpers: the synthetic truth and the pair scores (no timing assertions)."""

from __future__ import annotations

import json
from pathlib import Path

from conflictnews.curation.bench import _row, pair_scores, synthetic_corpus
from tests.paths import FIXTURES

FIXTURE = FIXTURES / "curate" / "articles.jsonl"


def test_pair_scores_on_a_known_clustering() -> None:
    truth = ["a", "a", "a", "b", "c"]
    assert pair_scores(truth, truth) == (1.0, 1.0)
    recall, precision = pair_scores(["x", "x", "y", "y", "z"], truth)  # finds 1 of 3 true pairs, 1 false pair
    assert (recall, precision) == (1 / 3, 1 / 2)


def test_synthetic_corpus_plants_known_duplicates() -> None:
    texts = [json.loads(line)["text"] for line in FIXTURE.open()]
    ids, docs, family = synthetic_corpus(texts * 5, 400, seed=1)
    assert len(ids) == len(docs) == len(family) == 400 and len(set(ids)) == 400
    copies = [i for i, f in zip(ids, family, strict=True) if f != i]
    assert len(copies) == 400 - 280
    assert synthetic_corpus(texts * 5, 400, seed=1) == (ids, docs, family)


def test_tiny_bench_row_measures_recall_and_precision(tmp_path: Path) -> None:
    texts = [json.loads(line)["text"] for line in FIXTURE.open()]
    ids, docs, family = synthetic_corpus(texts * 5, 300, seed=2)
    row = _row("tiny", ids, docs, family, tmp_path, None)
    assert row.docs == 300 and row.dedup_docs_s > 0 and row.read_docs_s > 0
    assert row.recall is not None and row.recall > 0.8
    assert row.precision is not None and row.precision > 0.9
