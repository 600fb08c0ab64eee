"""Command-line verbs of the sources stage: ``corpus fetch``, ``corpus read``, ``corpus stats``.

Stage: sources (entry points). Input: parsed arguments. Output: a summary table on stdout, problems
on stderr, an exit code (0 success, 1 failure of the work, 2 bad usage). Registered by
:func:`add_corpus_verbs` from :mod:`conflictnews.cli.main`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from conflictnews.cli.common import progress
from conflictnews.io import project_root
from conflictnews.sources.fetch import (
    FetchError,
    all_sources,
    default_cache,
    default_mirror,
    fetch,
    read_source,
    write_articles,
)
from conflictnews.sources.registry import registry_files
from conflictnews.sources.stats import source_stats

CORPUS_EXAMPLES = """\
examples:
  conflictnews corpus fetch                 # download (or take from ../shared/corpus) and verify every file
  conflictnews corpus fetch --offline --mirror /data/mirror
  conflictnews corpus read                  # run every reader, write data/articles/<source>.jsonl
  conflictnews corpus stats                 # per-source table: documents, words, dates, licences
  conflictnews corpus materialise           # rebuild curated texts into data/texts/, sha256-checked
"""


def _cmd_fetch(args: argparse.Namespace, out: Console, err: Console) -> int:
    sources = args.source or None
    total = sum(1 for f in registry_files() if sources is None or f.source in sources)
    cache = Path(args.cache) if args.cache else default_cache()
    mirror = Path(args.mirror) if args.mirror else default_mirror()
    with progress(err) as bar:
        task = bar.add_task("fetch + verify", total=total)
        report = fetch(
            cache,
            mirror,
            sources=sources,
            offline=True if args.offline else None,
            timeout=args.timeout,
            progress=lambda _o: bar.advance(task),
        )
    if report.network_note:
        err.print(f"[yellow]note:[/] {report.network_note}")
    table = Table(title=f"corpus fetch → {cache}")
    for col in ("source", "files", "MB", "cached", "downloaded", "mirror", "failed"):
        table.add_column(col, justify="left" if col == "source" else "right")
    by_source: dict[str, list] = {}
    for outcome in report.outcomes:
        by_source.setdefault(outcome.file.source, []).append(outcome)
    for source, outcomes in by_source.items():
        count = {k: sum(1 for o in outcomes if o.origin == k) for k in ("cache", "download", "mirror")}
        table.add_row(
            source,
            str(len(outcomes)),
            f"{sum(o.file.size for o in outcomes) / 1e6:.1f}",
            str(count["cache"]),
            str(count["download"]),
            str(count["mirror"]),
            str(sum(1 for o in outcomes if o.error)),
        )
    out.print(table)
    for outcome in report.outcomes:
        for note in outcome.notes:
            err.print(f"note: {outcome.file.key}: {note}")
    for outcome in report.errors[:50]:
        err.print(f"[red]error:[/] {outcome.error}", highlight=False)
    if report.errors:
        err.print(f"[red]{len(report.errors)} file(s) failed; the cache keeps only verified files.[/]")
        return 1
    return 0


def _read_all(args: argparse.Namespace, err: Console) -> list:
    cache = Path(args.cache) if args.cache else None
    sources = args.source or list(all_sources())
    results = []
    with progress(err) as bar:
        task = bar.add_task("read sources", total=len(sources))
        for source in sources:
            bar.update(task, description=f"read {source}")
            results.append(read_source(source, cache))
            bar.advance(task)
    return results


def _cmd_read(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        results = _read_all(args, err)
    except FetchError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        return 1
    out_dir = Path(args.out) if args.out else project_root() / "data" / "articles"
    table = Table(title=f"corpus read → {out_dir}")
    for col in ("source", "articles", "skipped", "notes"):
        table.add_column(col)
    for result in results:
        write_articles(result, out_dir)
        table.add_row(result.source, str(len(result.articles)), str(len(result.skipped)), "; ".join(result.notes)[:200])
    out.print(table)
    return 0


def _cmd_stats(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        results = _read_all(args, err)
    except FetchError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        return 1
    table = Table(title="ConflictNews sources (as read, before curation)")
    for col in ("source", "genre", "docs", "words", "dates", "licence", "Syria", "Aleppo", "skipped"):
        table.add_column(
            col,
            justify="right" if col in {"docs", "words", "Syria", "Aleppo"} else "left",
            no_wrap=col in {"source", "dates"},
        )
    totals = [0, 0, 0, 0]
    for result in results:
        s = source_stats(result)
        totals = [totals[0] + s.documents, totals[1] + s.words, totals[2] + s.syria, totals[3] + s.aleppo]
        table.add_row(
            s.source,
            ", ".join(g for g, _ in s.genres) or "(metadata)",
            f"{s.documents:,}",
            f"{s.words:,}",
            f"{s.first_date} → {s.last_date}" if s.first_date else "—",
            ", ".join(f"{lic} ({n})" for lic, n in s.licences) or "—",
            f"{s.syria:,}",
            f"{s.aleppo:,}",
            ", ".join(f"{r} {n}" for r, n in s.skipped) or "—",
        )
    table.add_section()
    table.add_row("total", "", f"{totals[0]:,}", f"{totals[1]:,}", "", "", f"{totals[2]:,}", f"{totals[3]:,}", "")
    out.print(table)
    return 0


def add_corpus_verbs(verbs: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Register ``corpus fetch|read|stats``; return the ``corpus`` sub-parsers (curation adds ``materialise``)."""
    corpus = verbs.add_parser(
        "corpus",
        help="fetch, read and describe the upstream sources",
        epilog=CORPUS_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    corpus_verbs = corpus.add_subparsers(dest="corpus_verb", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--cache", help="cache folder (default $CONFLICTNEWS_CACHE or data/upstream)")
        p.add_argument("--source", action="append", help="restrict to this source id (repeatable)")

    p = corpus_verbs.add_parser(
        "fetch",
        help="download or copy every upstream file and verify its sha256",
        epilog="example: conflictnews corpus fetch --offline --mirror ../shared/corpus",
    )
    common(p)
    p.add_argument("--mirror", help="mirror folder (default $CONFLICTNEWS_MIRROR or ../shared/corpus)")
    p.add_argument("--offline", action="store_true", help="do not try the network (also $CONFLICTNEWS_OFFLINE=1)")
    p.add_argument("--timeout", type=float, default=5.0, help="seconds per download before going offline")
    p.set_defaults(func=_cmd_fetch)

    p = corpus_verbs.add_parser(
        "read",
        help="run every reader; write data/articles/<source>.jsonl",
        epilog="example: conflictnews corpus read --source fa-kes",
    )
    common(p)
    p.add_argument("--out", help="output folder (default data/articles)")
    p.set_defaults(func=_cmd_read)

    p = corpus_verbs.add_parser(
        "stats",
        help="per-source table: documents, words, dates, licence, Syria/Aleppo",
        epilog="example: conflictnews corpus stats --source re3d",
    )
    common(p)
    p.set_defaults(func=_cmd_stats)
    return corpus_verbs
