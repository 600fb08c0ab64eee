"""Curation benchmark: throughput on one core and duplicate recall/precision against known truth.

Stage: curation (benchmark). Input: the verified upstream cache. Output: a :class:`BenchResult`
(printed by ``conflictnews bench curate``): documents/second for the whole pipeline and for
dedup alone, on the real corpus and on synthetic sets built from it, each next to a plain
pyarrow read of the same documents timed in the same run; pair recall and precision of duplicate
detection where the truth is known; the growth ratio of dedup time between set sizes.

Synthetic sets (:func:`synthetic_corpus`): 70% *base* documents, each 3-12 sentences drawn at
random from the real corpus's distinct sentences (unique by construction), 10% exact copies of
a base and 20% near copies (2-3% of words replaced, and one sentence dropped or a boiler-plate
sentence appended). Families (a base and its copies) are the truth. Timings are wall-clock on
one process and are never asserted by tests.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from conflictnews.curation.pipeline import available_sources, build_stages, curate, run_stages

SEED = 4
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
BOILERPLATE = "Further details were not immediately available."


@dataclass(frozen=True)
class BenchRow:
    """Figures for one input."""

    name: str
    docs: int
    pipeline_docs_s: float | None
    dedup_docs_s: float
    dedup_s: float
    read_docs_s: float
    pipeline_ratio: float | None
    dedup_ratio: float
    recall: float | None
    precision: float | None


@dataclass
class BenchResult:
    """All rows plus notes (growth ratio, what the truth is)."""

    rows: list[BenchRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        """Return the figures as JSON."""
        return json.dumps({"rows": [asdict(r) for r in self.rows], "notes": self.notes}, indent=2, sort_keys=True)


def pair_scores(predicted: Sequence[str], truth: Sequence[str]) -> tuple[float, float]:
    """Return pair ``(recall, precision)`` of a clustering against true families.

    A pair of documents is a true pair when both are in one family, a predicted pair when both
    are in one predicted cluster.
    """

    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    true_pairs = pairs(Counter(truth))
    predicted_pairs = pairs(Counter(predicted))
    both = pairs(Counter(zip(predicted, truth, strict=True)))
    return (both / true_pairs if true_pairs else 1.0, both / predicted_pairs if predicted_pairs else 1.0)


def _perturb(text: str, rng: random.Random, vocabulary: Sequence[str]) -> str:
    sentences = _SENTENCE.split(text)
    if len(sentences) >= 4 and rng.random() < 0.5:
        del sentences[rng.randrange(len(sentences))]
    else:
        sentences.append(BOILERPLATE)
    words = " ".join(sentences).split(" ")
    for _ in range(max(1, int(len(words) * rng.uniform(0.02, 0.03)))):
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return " ".join(words)


def synthetic_corpus(texts: Sequence[str], size: int, seed: int = SEED) -> tuple[list[str], list[str], list[str]]:
    """Build ``size`` documents from the sentences of ``texts`` with planted duplicates.

    Returns:
        ``(ids, texts, family)``: ``family[i]`` is the id of document ``i``'s base.

    """
    rng = random.Random(seed)
    pool = sorted({s for t in texts for s in _SENTENCE.split(t) if 6 <= len(s.split()) <= 60})
    vocabulary = sorted({w for s in pool[:2000] for w in s.split() if w.isalpha()})
    bases = int(size * 0.7)
    ids, out, family = [], [], []
    for i in range(bases):
        ids.append(f"syn-{i:06d}")
        out.append(" ".join(rng.sample(pool, rng.randint(3, 12))))
        family.append(ids[-1])
    for i in range(bases, size):
        base = rng.randrange(bases)
        ids.append(f"syn-{i:06d}")
        out.append(out[base] if rng.random() < 1 / 3 else _perturb(out[base], rng, vocabulary))
        family.append(ids[base])
    return ids, out, family


def _pyarrow_read_seconds(ids: Sequence[str], texts: Sequence[str], folder: Path) -> float:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = folder / "docs.parquet"
    pq.write_table(pa.table({"id": list(ids), "text": list(texts)}), path)
    start = time.perf_counter()
    table = pq.read_table(path)
    _ = table.column("text").to_pylist()  # materialise the strings as Python objects, as the pipeline does
    return time.perf_counter() - start


def _pipeline_seconds(ids: Sequence[str], texts: Sequence[str], folder: Path) -> float:
    """Run both curation stages (one task, one process) over a JSONL of the documents."""
    from datatrove.pipeline.readers import JsonlReader

    source = folder / "input"
    source.mkdir()
    with (source / "docs.jsonl").open("w", encoding="utf-8") as handle:
        for doc_id, text in zip(ids, texts, strict=True):
            handle.write(
                json.dumps(
                    {
                        "id": doc_id,
                        "text": text,
                        "metadata": {"source": "synthetic", "genre": "news", "licence_class": "public-domain"},
                    }
                )
                + "\n"
            )
    work = folder / "work"
    stages = build_stages(JsonlReader(str(source), compression=None), work)
    import contextlib
    import io

    start = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):
        run_stages(stages, work, "local", 1)
    return time.perf_counter() - start


def _row(
    name: str,
    ids: Sequence[str],
    texts: Sequence[str],
    family: Sequence[str] | None,
    folder: Path,
    pipeline_s: float | None,
) -> BenchRow:
    from conflictnews.curation.dedup import cluster_duplicates  # defers numpy (the curation extra)

    start = time.perf_counter()
    clustering = cluster_duplicates(ids, texts, [0] * len(ids))
    dedup_s = time.perf_counter() - start
    read_s = _pyarrow_read_seconds(ids, texts, folder)
    recall, precision = pair_scores(clustering.cluster, family) if family is not None else (None, None)
    n = len(ids)
    return BenchRow(
        name,
        n,
        n / pipeline_s if pipeline_s else None,
        n / dedup_s,
        dedup_s,
        n / read_s,
        pipeline_s / read_s if pipeline_s else None,
        dedup_s / read_s,
        recall,
        precision,
    )


def bench_curate(
    cache: Path | None = None,
    sizes: Sequence[int] = (10_000, 100_000),
    *,
    pipeline: bool = True,
    progress: Callable[[str], None] | None = None,
) -> BenchResult:
    """Run the curation benchmark (see the module docstring).

    Args:
        cache: Verified upstream cache (default as for ``corpus fetch``).
        sizes: Synthetic set sizes.
        pipeline: Also time the whole datatrove pipeline (not only dedup and the pyarrow read).
        progress: Called with a line per step.

    Returns:
        The :class:`BenchResult`.

    """
    say = progress or (lambda _line: None)
    result = BenchResult()
    with tempfile.TemporaryDirectory(prefix="conflictnews-bench-") as tmp:
        root = Path(tmp)
        say("real corpus: whole pipeline")
        start = time.perf_counter()
        curate(cache, root / "real-out", work_dir=root / "real-work")
        real_s = time.perf_counter() - start
        docs = [
            json.loads(line)
            for p in sorted((root / "real-work" / "filtered").glob("*.jsonl"))
            for line in p.open(encoding="utf-8")
        ]
        # every record the readers emitted = stage-1 output + stage-1 drops (dedup drops are inside the former)
        read_n = sum(
            1
            for p in (root / "real-work").rglob("*.jsonl")
            if "kept" not in p.parts and "dedup" not in p.parts
            for _ in p.open(encoding="utf-8")
        )
        say("real corpus: dedup")
        row = _row("real corpus (filtered)", [d["id"] for d in docs], [d["text"] for d in docs], None, root, None)
        result.rows.append(row)
        result.notes.append(
            f"real corpus: whole pipeline (readers included) {read_n:,} documents in {real_s:.1f} s "
            f"= {read_n / real_s:,.0f} docs/s; sources {', '.join(available_sources()[0])}"
        )
        texts = [d["text"] for d in docs]
        dedup_times = {}
        for size in sizes:
            folder = root / f"syn-{size}"
            folder.mkdir()
            say(f"synthetic {size:,}: build")
            ids, syn, family = synthetic_corpus(texts, size)
            seconds = None
            if pipeline:
                say(f"synthetic {size:,}: whole pipeline")
                seconds = _pipeline_seconds(ids, syn, folder)
            say(f"synthetic {size:,}: dedup")
            row = _row(f"synthetic {size:,}", ids, syn, family, folder, seconds)
            result.rows.append(row)
            dedup_times[size] = row.dedup_s
        if len(dedup_times) >= 2:
            small, large = min(dedup_times), max(dedup_times)
            result.notes.append(
                f"dedup growth: {large:,}/{small:,} docs = {large / small:.0f}x documents, "
                f"{dedup_times[large] / dedup_times[small]:.1f}x time (linear = {large / small:.0f}x)"
            )
        result.notes.append(
            "synthetic truth: 70% unique bases (3-12 real sentences), 10% exact copies, 20% near "
            "copies (2-3% words replaced + one sentence dropped or appended); pair recall/precision"
        )
    return result
