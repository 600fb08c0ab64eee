"""Build benchmark: build throughput against a plain pyarrow write, and cold ``load_dataset`` times.

Stage: dataset build (benchmark). Input: manifest records, texts and the annotations folder.
Output: a :class:`BuildBench` (printed by ``conflictnews bench build``): documents/second of the
whole build (validation, segmentation, rows, parquet, card, Croissant, checksums; with the default
number of processes, and with one) next to a plain single-process ``pyarrow`` write of the very
same rows measured in the same run (goal: the build within 3×), and
the cold-cache ``load_dataset`` time of every config, each in a fresh process with
``HF_HUB_OFFLINE=1`` and an empty ``HF_HOME`` (goal: under 1 s per config). Timings are wall-clock,
best of ``repeat``, and never asserted by tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictnews.annotation.passes import read_passes
from conflictnews.dataset.build import SilverQuality, build, default_workers, make_rows
from conflictnews.dataset.card import present_configs

_LOAD = """
import json, sys, time
t = time.perf_counter()
from datasets import load_dataset
t2 = time.perf_counter()
d = load_dataset(sys.argv[1], sys.argv[2])
print(json.dumps({"s": time.perf_counter() - t2, "import_s": t2 - t, "rows": sum(len(x) for x in d.values())}))
"""


@dataclass(frozen=True)
class BuildBench:
    """Figures of one benchmark run."""

    documents: int
    build_s: float
    pyarrow_s: float
    load_s: Mapping[str, float]
    workers: int = 1
    build_one_s: float = 0.0

    @property
    def build_docs_s(self) -> float:
        """Documents per second of the full build."""
        return self.documents / self.build_s

    @property
    def pyarrow_docs_s(self) -> float:
        """Documents per second of the plain pyarrow write of the same rows."""
        return self.documents / self.pyarrow_s

    @property
    def ratio(self) -> float:
        """Build time over plain-write time."""
        return self.build_s / self.pyarrow_s

    @property
    def ratio_one(self) -> float:
        """One-process build time over plain-write time."""
        return self.build_one_s / self.pyarrow_s


def _plain_write(rows: Mapping[str, Mapping[str, list[dict[str, Any]]]], out: Path) -> None:
    """Write the rows with pyarrow defaults: schema inferred, no Features, no card, no checksums."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for config, splits in rows.items():
        for split, split_rows in splits.items():
            if split_rows:
                (out / config).mkdir(parents=True, exist_ok=True)
                pq.write_table(pa.Table.from_pylist(split_rows), out / config / f"{split}.parquet")


def bench_build(
    manifest: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str],
    annotations: Path,
    *,
    repeat: int = 2,
    silver_quality: SilverQuality | None = None,
) -> BuildBench:
    """Time the build, a plain pyarrow write of its rows, and a cold load of every config.

    Args:
        manifest: Manifest records.
        texts: Article id -> text.
        annotations: The annotations folder.
        repeat: Runs per measure; the fastest is kept.
        silver_quality: Handed to :func:`~conflictnews.dataset.build.build` (the CLI's silver-vs-gold
            scorer), so the timed build does the work ``conflictnews build`` does.

    Returns:
        The :class:`BuildBench`.

    """
    workers = default_workers()
    with tempfile.TemporaryDirectory(prefix="cn-bench-build-") as tmp:
        work = Path(tmp)
        build_s = build_one_s = pyarrow_s = float("inf")
        for n in range(repeat):
            t = time.perf_counter()
            result = build(manifest, texts, annotations, work / "build", workers=workers, silver_quality=silver_quality)
            build_s = min(build_s, time.perf_counter() - t)
            t = time.perf_counter()
            build(manifest, texts, annotations, work / "build-one", workers=1, silver_quality=silver_quality)
            build_one_s = min(build_one_s, time.perf_counter() - t)
            rows = make_rows(manifest, texts, read_passes(annotations))
            t = time.perf_counter()
            _plain_write(rows, work / f"plain-{n}")
            pyarrow_s = min(pyarrow_s, time.perf_counter() - t)
        load_s: dict[str, float] = {}
        for config in present_configs(result.examples):
            best = float("inf")
            for n in range(repeat):
                env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(work / f"hf-{config}-{n}")}
                done = subprocess.run(
                    [sys.executable, "-c", _LOAD, str(work / "build"), config],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                best = min(best, json.loads(done.stdout.strip().splitlines()[-1])["s"])
            load_s[config] = best
    return BuildBench(len(manifest), build_s, pyarrow_s, load_s, workers, build_one_s)
