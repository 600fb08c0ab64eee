"""Command-line verbs of the curation stage: ``curate``, ``corpus materialise``, ``bench curate``.

Stage: curation (entry points). Input: parsed arguments. Output: a progress bar on stderr, a
summary table on stdout, an exit code (0 success, 1 failure). Registered by
:func:`add_curation_verbs` from :mod:`conflictnews.cli.main`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from conflictnews.curation.bench import bench_curate
from conflictnews.curation.pipeline import CurationError, curate, materialise, write_texts
from conflictnews.io import project_root
from conflictnews.sources.fetch import FetchError

CURATE_EXAMPLE = """\
examples:
  conflictnews curate                          # data/upstream -> corpus/manifest.jsonl + corpus/drops.jsonl
  conflictnews curate --workers 2 --executor ray
  conflictnews curate --include-non-commercial --out /tmp/nc-corpus
"""


def _stderr_console() -> Console:
    # Bound to the real stderr now: curation redirects sys.stderr to its log while datatrove runs.
    return Console(file=sys.stderr, width=160)


def _cmd_curate(args: argparse.Namespace, out: Console, err: Console) -> int:
    console = _stderr_console()
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )
    try:
        with progress:
            task = progress.add_task("curate", total=3)
            calls = [0]

            def step(line: str) -> None:
                progress.update(task, description=line[:100], completed=min(calls[0], 3))
                calls[0] += 1

            report = curate(
                Path(args.cache) if args.cache else None,
                Path(args.out) if args.out else None,
                args.executor,
                args.include_non_commercial,
                workers=args.workers,
                sources=args.source or None,
                progress=step,
                reviews=Path(args.reviews) if args.reviews else None,
            )
            progress.update(task, description="curate: done", completed=3)
    except (CurationError, FetchError) as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        return 1
    table = Table(title=f"curate → {report.manifest} (+ {report.drops.name})")
    for col in ("source", "read", "kept", "dropped", "dropped by reason"):
        table.add_column(col, justify="right" if col in {"read", "kept", "dropped"} else "left")

    def by_reason(source: str | None) -> tuple[int, str]:
        counts = (
            Counter({r: n for (s, r), n in report.dropped.items() if s == source})
            if source
            else Counter({r: sum(n for (_, r2), n in report.dropped.items() if r2 == r) for _, r in report.dropped})
        )
        return sum(counts.values()), ", ".join(f"{r} {n}" for r, n in sorted(counts.items()))

    for source in report.sources:
        total, detail = by_reason(source)
        table.add_row(source, str(report.read[source]), str(report.kept[source]), str(total), detail)
    table.add_section()
    total, detail = by_reason(None)
    table.add_row("total", str(sum(report.read.values())), str(sum(report.kept.values())), str(total), detail)
    out.print(table)
    splits = Table(title="kept articles per genre and split")
    names = ("train", "validation", "test")
    for col in ("genre", *names, "total"):
        splits.add_column(col, justify="left" if col == "genre" else "right")
    for genre in sorted(report.genres):
        splits.add_row(genre, *(str(report.splits[(genre, s)]) for s in names), str(report.genres[genre]))
    out.print(splits)
    out.print(
        f"dedup clusters with more than one member: {report.clusters}; normalised texts: "
        + ", ".join(f"{k} {n}" for k, n in sorted(report.normalised.items()))
    )
    if report.reviews is not None:
        out.print(_reviews_line(report.reviews), highlight=False)
    if report.missing_sources:
        err.print(f"[yellow]note:[/] no reader yet for: {', '.join(report.missing_sources)} (not curated)")
    return 0


def _reviews_line(summary: Any) -> str:
    """One paragraph on the relevance reviews: decisions, agreement, the lexicon against them."""

    def share(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    kappa = "n/a" if summary.kappa is None else f"{summary.kappa:.2f}"
    return (
        f"relevance reviews: {summary.decisions} articles decided by an annotator ({summary.relevant} "
        f"conflict-relevant, {summary.borderline} borderline); independent second pass on {summary.double}: "
        f"{summary.agreed} agree, Cohen's kappa {kappa}; lexicon against the decisions: precision "
        f"{share(summary.lexicon_precision)}, recall {share(summary.lexicon_recall)} "
        f"(TP {summary.lexicon_tp}, FP {summary.lexicon_fp}, FN {summary.lexicon_fn})"
    )


def _cmd_materialise(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        texts = materialise(Path(args.manifest) if args.manifest else None, Path(args.cache) if args.cache else None)
    except (CurationError, FetchError) as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        return 1
    target = Path(args.out) if args.out else project_root() / "data" / "texts"
    count = write_texts(texts, target)
    out.print(f"materialised {count} texts (sha256 verified) → {target}")
    return 0


def _cmd_bench_curate(args: argparse.Namespace, out: Console, err: Console) -> int:
    console = _stderr_console()
    try:
        with console.status("bench curate") as status:
            result = bench_curate(
                Path(args.cache) if args.cache else None,
                sizes=tuple(args.size or (10_000, 100_000)),
                progress=lambda line: status.update(f"bench curate: {line}"),
            )
    except (CurationError, FetchError) as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        return 1
    table = Table(title="bench curate (one core)")
    for col in (
        "input",
        "docs",
        "pipeline docs/s",
        "dedup docs/s",
        "dedup s",
        "pyarrow read docs/s",
        "pipeline/read",
        "dedup/read",
        "recall",
        "precision",
    ):
        table.add_column(col, justify="left" if col == "input" else "right")
    for row in result.rows:
        table.add_row(
            row.name,
            f"{row.docs:,}",
            f"{row.pipeline_docs_s:,.0f}" if row.pipeline_docs_s else "—",
            f"{row.dedup_docs_s:,.0f}",
            f"{row.dedup_s:.2f}",
            f"{row.read_docs_s:,.0f}",
            f"{row.pipeline_ratio:.1f}x" if row.pipeline_ratio else "—",
            f"{row.dedup_ratio:.1f}x",
            f"{row.recall:.4f}" if row.recall is not None else "—",
            f"{row.precision:.4f}" if row.precision is not None else "—",
        )
    out.print(table)
    for line in result.notes:
        out.print(line)
    if args.json:
        Path(args.json).write_text(result.to_json(), encoding="utf-8")
    return 0


def add_curation_verbs(verbs: argparse._SubParsersAction, corpus_verbs: argparse._SubParsersAction) -> None:
    """Register ``curate`` and ``corpus materialise`` on the main parser."""
    p = verbs.add_parser(
        "curate",
        help="normalise, filter, deduplicate and split; write corpus/manifest.jsonl",
        epilog=CURATE_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--cache", help="verified upstream cache (default $CONFLICTNEWS_CACHE or data/upstream)")
    p.add_argument("--out", help="output folder for manifest.jsonl and drops.jsonl (default corpus/)")
    p.add_argument(
        "--executor",
        choices=("local", "ray"),
        default="local",
        help="datatrove executor (ray: a local Ray instance unless one is running)",
    )
    p.add_argument("--workers", type=int, default=1, help="parallel tasks of the filter stage")
    p.add_argument(
        "--include-non-commercial",
        action="store_true",
        help="keep non-commercial text (re3d BBC Online); the release is then non-commercial",
    )
    p.add_argument("--source", action="append", help="restrict to this source id (repeatable)")
    p.add_argument(
        "--reviews",
        help="annotators' relevance reviews that override the lexicon (default corpus/relevance_reviews.jsonl)",
    )
    p.set_defaults(func=_cmd_curate)

    p = corpus_verbs.add_parser(
        "materialise",
        help="rebuild curated texts from the cache; verify sha256",
        epilog="example: conflictnews corpus materialise --out data/texts",
    )
    p.add_argument("--manifest", help="manifest (default corpus/manifest.jsonl)")
    p.add_argument("--cache", help="verified upstream cache (default $CONFLICTNEWS_CACHE or data/upstream)")
    p.add_argument("--out", help="folder for <id>.txt files (default data/texts, not committed)")
    p.set_defaults(func=_cmd_materialise)


def add_bench_curate(bench_verbs: argparse._SubParsersAction) -> None:
    """Register ``bench curate`` on the ``bench`` sub-parsers."""
    p = bench_verbs.add_parser(
        "curate",
        help="curation throughput and duplicate recall/precision (real corpus + synthetic sets)",
        epilog="example: conflictnews bench curate --size 10000 --size 100000 --json bench.json",
    )
    p.add_argument("--cache", help="verified upstream cache (default $CONFLICTNEWS_CACHE or data/upstream)")
    p.add_argument(
        "--size",
        type=int,
        action="append",
        default=None,
        help="synthetic set size (repeatable; default 10000 and 100000)",
    )
    p.add_argument("--json", help="also write the figures to this JSON file")
    p.set_defaults(func=_cmd_bench_curate)
