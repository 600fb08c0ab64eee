"""``conflictnews bench ls``: time importing and exporting tasks with pre-annotations.

Stage: annotation (tool benchmark). Input: a task count; synthetic invented articles, each with
one prediction (entities with attributes, an event with arguments, a stance with a cue,
relations). Output: seconds and tasks per second for import (batched) and export (full JSON
export with predictions → standoff → validation → files), against a real server. No timing is
asserted anywhere; the figures are printed.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictnews import schema
from conflictnews.annotation.standoff import AnnotationSet, Argument, Entity, Event, Relation, Span, Stance
from conflictnews.io import sha256_text
from conflictnews.labelstudio.config import label_config
from conflictnews.labelstudio.project import TaskArticle, export_annotations, import_articles

_ACTORS = ("Ruritania", "Borduria", "Syldavia", "Freedonia", "Latveria", "Genovia", "Sokovia", "Elbonia")
_PLACES = ("Zenda", "Klow", "Szohôd", "Niedzbrow", "Strelsau", "Tarik", "Vargas", "Ostrava")


@dataclass(frozen=True)
class BenchResult:
    """Timings of one benchmark run."""

    tasks: int
    import_s: float
    export_s: float
    passes: int
    errors: int

    def rows(self) -> list[tuple[str, str, str]]:
        """Return (step, seconds, tasks/s) rows for a table."""
        total = self.import_s + self.export_s
        return [
            (step, f"{s:.1f}", f"{self.tasks / s:.0f}" if s else "-")
            for step, s in (
                ("import (tasks + predictions)", self.import_s),
                ("export (JSON → standoff → validate → files)", self.export_s),
                ("total", total),
            )
        ]


def synthetic_article(i: int) -> tuple[TaskArticle, AnnotationSet]:
    """Return an invented article and a valid prediction for it (deterministic in ``i``)."""
    a, b, place = _ACTORS[i % 8], _ACTORS[(i + 3) % 8], _PLACES[(i // 8) % 8]
    text = (
        f"Report {i}: {a} vetoed the {b} truce draft on Tuesday, officials in {place} said.\r\n"
        f"Posts on 𝕏 🇸🇾 claimed {i % 9 + 2} medics were wounded near the {place} bridge."
    )

    def span(needle: str, after: int = 0) -> Span:
        start = text.index(needle, after)
        return Span(start, start + len(needle), needle)

    draft = span(f"{b} truce draft")
    base = {"polarity": "POSITIVE", "realis": "ACTUAL", "attribution": "REPORTED"}
    ann = AnnotationSet(
        article_id=f"bench-{i:05d}",
        text_sha256=sha256_text(text),
        schema_version=schema.SCHEMA_VERSION,
        guidelines_version=schema.GUIDELINES_VERSION,
        annotator="bench-model-v0",
        origin="model",
        entities=(
            Entity("T1", span(a), "GPE", {"level": "NAM", "gpe_role": "GOV"}),
            Entity("T2", draft, "AGREEMENT", {"level": "NOM"}),
            Entity("T3", span(b, draft.start), "GPE", {"level": "PRE", "gpe_role": "PEOPLE"}),
            Entity("T4", span(f"officials in {place}"), "PER", {"level": "NOM", "sector": "GOV"}),
            Entity("T5", span(f"{i % 9 + 2} medics"), "PER", {"level": "NOM"}),
            Entity("T6", span("Tuesday"), "TIME", {}),
        ),
        events=(
            Event(
                "V1",
                span("vetoed"),
                "VOTE",
                (Argument("Agent", "T1"), Argument("Theme", "T2"), Argument("Time", "T6")),
                {**base, "vote_value": "veto"},
            ),
            Event(
                "V2",
                span("wounded"),
                "INJURE",
                (Argument("Victim", "T5"),),
                {**base, "attribution": "ALLEGED", "count": str(i % 9 + 2)},
            ),
        ),
        stances=(Stance("S1", "T1", "T2", "OPPOSE", span("vetoed"), "ACTION", span("said")),),
        relations=(Relation("ATTRIBUTED_TO", "V1", "T4"),),
    )
    return TaskArticle(ann.article_id, text, f"Invented report {i}", "Bench Wire", "2016-10-08"), ann


def bench_ls(client: Any, n: int = 1000, *, batch_size: int = 250, out_root: Path | None = None) -> BenchResult:
    """Import ``n`` synthetic tasks with predictions into a new project, then export them.

    Args:
        client: A ``LabelStudio`` client.
        n: Number of tasks.
        batch_size: Tasks per import request.
        out_root: Where the exported standoff goes (default: a temporary folder, removed).

    Returns:
        The timings.

    """
    pairs = [synthetic_article(i) for i in range(n)]
    project = int(client.projects.create(title=f"bench ls {n} {time.time_ns()}", label_config=label_config()).id)
    t0 = time.perf_counter()
    import_articles(
        client, project, [a for a, _ in pairs], {ann.article_id: [ann] for _, ann in pairs}, batch_size=batch_size
    )
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        report = export_annotations(
            client, project, out_root or Path(tmp), {a.id: a.text for a, _ in pairs}, include_predictions=True
        )
    t2 = time.perf_counter()
    return BenchResult(n, t1 - t0, t2 - t1, len(report.passes), len(report.errors))
