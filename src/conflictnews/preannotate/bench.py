"""``conflictnews bench preannotate``: pre-annotation throughput and ML backend latency.

Stage: pre-annotation (benchmark; timings are printed, never asserted). Input: article texts
(the corpus, or invented articles when none is given) and a pre-annotator. Output: a
:class:`BenchResult`: documents and characters per second in process (``predict_many``), and
per-request latency of the ML backend over real HTTP (one task per ``POST /predict``, as Label
Studio sends when an annotator opens a task): p50, p95, max, and the latency of the
median-length ("typical") article.
"""

from __future__ import annotations

import json
import statistics
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

from conflictnews.preannotate.ml_backend import BackendServer
from conflictnews.preannotate.predictor import Predictor


@dataclass(frozen=True)
class BenchResult:
    """Throughput and latency figures (seconds unless named otherwise)."""

    model: str
    documents: int
    characters: int
    seconds: float
    requests: int
    p50: float
    p95: float
    max: float
    typical_chars: int
    typical_latency: float

    @property
    def docs_per_second(self) -> float:
        """Documents per second in process."""
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def chars_per_second(self) -> float:
        """Characters per second in process."""
        return self.characters / self.seconds if self.seconds else 0.0


def invented_texts(n: int) -> dict[str, str]:
    """Return ``n`` invented conflict-news articles (about 2,000 characters each, no real text)."""
    actors = ("Ruritania", "Borduria", "Syldavia", "Freedonia")
    places = ("Zenda", "Klow", "Strelsau", "Tarik")
    sentences = (
        "{a} forces shelled the hospital in {p} on Tuesday, killing two medics, officials said.",
        '"We reject this plan," the foreign minister of {b} said.',
        "{a} vetoed the draft resolution calling for a ceasefire in {p}.",
        "Rebels did not attack the convoy near the {p} bridge, a spokesman said.",
        "The government will hold talks with the opposition in {p} next week.",
        "Police arrested three protesters after a rally in {p}.",
        "{b} accused {a} of blocking aid deliveries to {p}.",
    )
    texts = {}
    for i in range(n):
        a, b, p = actors[i % 4], actors[(i + 1) % 4], places[i % 4]
        body = " ".join(s.format(a=a, b=b, p=p) for s in sentences)
        texts[f"bench-{i:05d}"] = "\n\n".join([body] * 3)
    return texts


def _post(url: str, payload: Mapping[str, object]) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode("utf-8"), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (127.0.0.1)
        return json.loads(response.read())


def bench_preannotate(
    predictor: Predictor, texts: Mapping[str, str], *, documents: int = 200, requests: int = 100
) -> BenchResult:
    """Time ``predict_many`` over ``documents`` articles and ``requests`` backend calls.

    Args:
        predictor: The pre-annotator (loaded before timing).
        texts: Article id → text; the first ``documents`` ids in sorted order are used.
        documents: Articles for the throughput run.
        requests: ``POST /predict`` calls (one task each) for the latency run.

    Returns:
        The figures.

    """
    ids = sorted(texts)
    step = max(1, len(ids) // documents)
    sample = ids[::step][:documents]
    predictor.version  # noqa: B018 (load the model outside the timings)
    started = time.perf_counter()
    for _ in predictor.predict_many((i, texts[i]) for i in sample):
        pass
    seconds = time.perf_counter() - started
    latencies: list[float] = []
    by_length = sorted(sample, key=lambda i: (len(texts[i]), i))
    typical = by_length[len(by_length) // 2]
    with BackendServer(predictor) as server:
        _post(f"{server.url}/setup", {"project": "bench", "schema": ""})
        asked = [sample[k % len(sample)] for k in range(requests)]
        typical_times: list[float] = []
        for k, article in enumerate([typical, *asked]):
            task = {"id": k, "data": {"text": texts[article], "article_id": article}}
            t0 = time.perf_counter()
            reply = _post(f"{server.url}/predict", {"tasks": [task], "project": "bench"})
            elapsed = time.perf_counter() - t0
            if len(reply.get("results") or ()) != 1:
                raise RuntimeError(f"backend answered {len(reply.get('results') or ())} results for 1 task")
            (typical_times if k == 0 or article == typical else latencies).append(elapsed)
            if k > 0 and article == typical:
                latencies.append(elapsed)
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0.0
    return BenchResult(
        model=predictor.name,
        documents=len(sample),
        characters=sum(len(texts[i]) for i in sample),
        seconds=seconds,
        requests=len(latencies),
        p50=statistics.median(ordered) if ordered else 0.0,
        p95=p95,
        max=ordered[-1] if ordered else 0.0,
        typical_chars=len(texts[typical]),
        typical_latency=statistics.median(typical_times),
    )
