"""The ``conflictnews`` console script: one verb per pipeline stage.

Stage: all (entry point). Input: command-line arguments. Output: the called stage's summary on
stdout, problems on stderr, and an exit code (0 success, 1 failure of the work, 2 bad usage).
Each verb parses its arguments, calls one library function, prints a summary and returns.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from conflictnews import __version__

EXAMPLES = """\
examples:
  conflictnews corpus fetch                 # download (or take from ../shared/corpus) and verify every file
  conflictnews corpus fetch --offline --mirror /data/mirror
  conflictnews corpus read                  # run every reader, write data/articles/<source>.jsonl
  conflictnews corpus stats                 # per-source table: documents, words, dates, licences
  conflictnews curate                       # normalise, filter, dedupe, split -> corpus/manifest.jsonl, drops.jsonl
  conflictnews corpus materialise           # rebuild curated texts into data/texts/, sha256-checked
  conflictnews validate                     # check every annotation file; exit 1 on errors
  conflictnews annotate pass.yaml --out annotations   # quote-based pass -> validated standoff
  conflictnews guidelines --check           # exit 1 when the schema tables in GUIDELINES.md are stale
  conflictnews ls config                    # annotations/labelstudio/config.xml from schema.py
  conflictnews ls start                     # local Label Studio on 127.0.0.1 (credentials from CONFLICTNEWS_LS_*)
  conflictnews ls import --limit 50         # manifest articles -> tasks (idempotent), optional predictions
  conflictnews ls export                    # full JSON export -> validated standoff under annotations/
  conflictnews bench ls --tasks 1000        # import + export timing against a real server
  conflictnews preannotate --workers 2      # silver pass per manifest article (resumable) -> annotations/silver/
  conflictnews ls backend --project ConflictNews   # serve pre-annotations as a Label Studio ML backend
  conflictnews bench preannotate            # docs/s and ML backend latency per request
  conflictnews import-gold                  # re3d + GUM gold entities -> annotations/gold (imported-gold)
  conflictnews score GOLD PRED              # official scorer: entities, events, arguments, stances, bootstrap CIs
  conflictnews build                        # typed HF dataset folder dist/conflictnews/ (+ card, Croissant, checksums)
  conflictnews build --verify               # recompute checksums.sha256; exit 1 on any mismatch
  conflictnews export --format ace --out x.jsonl   # ACE/TextEE-style events (or --format plover)
  conflictnews bench build                  # build docs/s vs plain pyarrow write; cold load per config
  conflictnews bench                        # every stage's benchmark, one table (= bench all; --quick: small sizes)
  conflictnews baseline list                # registered baselines (majority, pre-annotator, CRF, linear, MiniLM)
  conflictnews baseline run --all           # train on gold train, tune on validation, score gold test
  conflictnews results                      # baselines/RESULTS.md + baselines/plots/ from baselines/results/
  conflictnews agree                        # inter-annotator agreement of independent manual passes
"""


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=False)


def _cmd_fetch(args: argparse.Namespace, out: Console, err: Console) -> int:
    from conflictnews.corpus import default_cache, default_mirror, fetch
    from conflictnews.sources.registry import registry_files

    sources = args.source or None
    total = sum(1 for f in registry_files() if sources is None or f.source in sources)
    cache = Path(args.cache) if args.cache else default_cache()
    mirror = Path(args.mirror) if args.mirror else default_mirror()
    with _progress(err) as bar:
        task = bar.add_task("fetch + verify", total=total)
        report = fetch(cache, mirror, sources=sources, offline=True if args.offline else None,
                       timeout=args.timeout, progress=lambda _o: bar.advance(task))
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
        table.add_row(source, str(len(outcomes)), f"{sum(o.file.size for o in outcomes) / 1e6:.1f}",
                      str(count["cache"]), str(count["download"]), str(count["mirror"]),
                      str(sum(1 for o in outcomes if o.error)))
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
    from conflictnews.corpus import all_sources, read_source

    cache = Path(args.cache) if args.cache else None
    sources = args.source or list(all_sources())
    results = []
    with _progress(err) as bar:
        task = bar.add_task("read sources", total=len(sources))
        for source in sources:
            bar.update(task, description=f"read {source}")
            results.append(read_source(source, cache))
            bar.advance(task)
    return results


def _cmd_read(args: argparse.Namespace, out: Console, err: Console) -> int:
    from conflictnews.corpus import FetchError, project_root, write_articles

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
        table.add_row(result.source, str(len(result.articles)), str(len(result.skipped)),
                      "; ".join(result.notes)[:200])
    out.print(table)
    return 0


def _cmd_stats(args: argparse.Namespace, out: Console, err: Console) -> int:
    from conflictnews.corpus import FetchError
    from conflictnews.stats import source_stats

    try:
        results = _read_all(args, err)
    except FetchError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        return 1
    table = Table(title="ConflictNews sources (as read, before curation)")
    for col in ("source", "genre", "docs", "words", "dates", "licence", "Syria", "Aleppo", "skipped"):
        table.add_column(col, justify="right" if col in {"docs", "words", "Syria", "Aleppo"} else "left",
                         no_wrap=col in {"source", "dates"})
    totals = [0, 0, 0, 0]
    for result in results:
        s = source_stats(result)
        totals = [totals[0] + s.documents, totals[1] + s.words, totals[2] + s.syria, totals[3] + s.aleppo]
        table.add_row(
            s.source, ", ".join(g for g, _ in s.genres) or "(metadata)", f"{s.documents:,}", f"{s.words:,}",
            f"{s.first_date} → {s.last_date}" if s.first_date else "—",
            ", ".join(f"{lic} ({n})" for lic, n in s.licences) or "—",
            f"{s.syria:,}", f"{s.aleppo:,}", ", ".join(f"{r} {n}" for r, n in s.skipped) or "—",
        )
    table.add_section()
    table.add_row("total", "", f"{totals[0]:,}", f"{totals[1]:,}", "", "", f"{totals[2]:,}", f"{totals[3]:,}", "")
    out.print(table)
    return 0


def _validate_inputs(args: argparse.Namespace, err: Console) -> tuple[dict | None, dict | None, int]:
    """Load the manifest and the texts for ``validate``; return (manifest, texts, exit code)."""
    from conflictnews.corpus import project_root
    from conflictnews.validate import read_jsonl_by_id, read_texts

    manifest_path = Path(args.manifest) if args.manifest else project_root() / "corpus" / "manifest.jsonl"
    manifest = texts = None
    try:
        if args.manifest or manifest_path.is_file():
            manifest = read_jsonl_by_id(manifest_path)
        if args.texts:
            texts = read_texts(Path(args.texts))
    except (OSError, ValueError) as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        return None, None, 2
    if texts is None:
        try:
            from conflictnews.curate import materialise
        except ImportError:
            return manifest, None, 0  # validate_paths reports text-unavailable
        try:
            texts = materialise(manifest_path if manifest is not None else None)
        except (OSError, ValueError, RuntimeError) as exc:
            err.print(f"note: no article texts ({exc}); text checks skipped", highlight=False, markup=False)
    return manifest, texts, 0


def _cmd_validate(args: argparse.Namespace, out: Console, err: Console) -> int:
    from conflictnews.corpus import project_root
    from conflictnews.validate import CHECKS, expand_paths, summarise, validate_paths

    if args.list_checks:
        if args.format == "json":
            out.print(json.dumps([vars(c) for c in CHECKS.values()], indent=2), soft_wrap=True, markup=False,
                      highlight=False)
            return 0
        table = Table(title=f"conflictnews validate: {len(CHECKS)} checks")
        table.add_column("check id", no_wrap=True)
        for col in ("severity", "group", "finds", "fix"):
            table.add_column(col, overflow="fold")
        for c in CHECKS.values():
            table.add_row(c.id, c.severity, c.group, c.description, c.fix)
        out.print(table, markup=False)
        return 0
    manifest, texts, code = _validate_inputs(args, err)
    if code:
        return code
    try:
        files = expand_paths(args.paths or [project_root() / "annotations"])
        problems = validate_paths(files, texts=texts, manifest=manifest)
    except FileNotFoundError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        return 2
    summary = summarise(problems, files=len(files), max_per_check=args.max_per_check)
    if args.format == "json":
        out.print(json.dumps(summary.to_json(), indent=2, ensure_ascii=False), soft_wrap=True, markup=False,
                  highlight=False)
        return summary.exit_code
    for problem in summary.shown:
        err.print(str(problem), highlight=False, markup=False, soft_wrap=True)
    for check_id, n in summary.omitted.items():
        err.print(f"... and {n} more [{check_id}] (--max-per-check 0 shows all)", highlight=False, markup=False)
    if summary.counts:
        table = Table(title="problems per check id")
        for col in ("check id", "severity", "problems"):
            table.add_column(col, justify="right" if col == "problems" else "left", no_wrap=True)
        for check_id, n in summary.counts.items():
            table.add_row(check_id, CHECKS[check_id].severity, str(n))
        out.print(table)
    out.print(f"validate: {summary.files} file(s), {summary.errors} error(s), {summary.warnings} warning(s)",
              highlight=False, markup=False, soft_wrap=True)
    return summary.exit_code


def _cmd_annotate(args: argparse.Namespace, out: Console, err: Console) -> int:
    from conflictnews.annotate import annotate

    if args.ls_url and args.project is None:
        err.print("error: --ls-url needs --project (the Label Studio project id)", highlight=False, markup=False)
        return 2
    manifest, texts, code = _validate_inputs(args, err)
    if code:
        return code
    client = None
    if args.ls_url:
        from conflictnews.labelstudio.server import LabelStudioError
        from conflictnews.labelstudio.server import client as ls_client

        try:
            client = ls_client(args.ls_url)
        except LabelStudioError as exc:
            err.print(f"error: {exc}", highlight=False, markup=False)
            return 2
    outcomes = annotate([Path(p) for p in args.passes], texts or {}, out=Path(args.out) if args.out else None,
                        client=client, project_id=args.project, manifest=manifest)
    if args.format == "json":
        rows = [{"pass": str(o.pass_file), "article_id": o.article_id, "annotator": o.annotator, "status": o.status,
                 "entities": o.counts[0], "events": o.counts[1], "stances": o.counts[2], "relations": o.counts[3],
                 "destination": o.destination, "problems": [p.to_json() for p in o.problems]} for o in outcomes]
        out.print(json.dumps(rows, indent=2, ensure_ascii=False), soft_wrap=True, markup=False, highlight=False)
    else:
        for outcome in outcomes:
            for problem in outcome.problems:
                err.print(str(problem), highlight=False, markup=False, soft_wrap=True)
        table = Table(title=f"annotate: {len(outcomes)} pass(es) → {args.out or args.ls_url}")
        for col in ("pass", "article", "annotator", "status", "entities", "events", "stances", "relations", "to"):
            table.add_column(col, justify="right" if col in {"entities", "events", "stances", "relations"} else "left")
        for o in outcomes:
            errors = sum(1 for p in o.problems if p.severity == "error")
            status = f"refused ({errors} error(s))" if o.status == "refused" else o.status
            table.add_row(Path(o.pass_file).name, o.article_id, o.annotator, status, *(str(n) for n in o.counts),
                          o.destination)
        out.print(table)
    return 1 if any(o.status == "refused" for o in outcomes) else 0


def _cmd_guidelines(args: argparse.Namespace, out: Console, err: Console) -> int:
    from conflictnews.guidelines import GuidelinesError, default_path, stale_tables, update_guidelines

    path = Path(args.path) if args.path else default_path()
    try:
        changed = stale_tables(path) if args.check else update_guidelines(path)
    except (GuidelinesError, FileNotFoundError) as exc:
        err.print(f"error: {path}: {exc}", highlight=False, markup=False)
        return 1
    if args.check and changed:
        err.print(f"{path}: stale generated table(s): {', '.join(changed)}; run `conflictnews guidelines`",
                  highlight=False, markup=False)
        return 1
    verb = "stale" if args.check else "rewritten"
    out.print(f"{path}: {', '.join(changed) + ' ' + verb if changed else 'tables current'}", highlight=False)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser (one sub-command per stage)."""
    parser = argparse.ArgumentParser(
        prog="conflictnews", description="ConflictNews: corpus, annotation, dataset and benchmark tools.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"conflictnews {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True)

    corpus = verbs.add_parser("corpus", help="fetch, read and describe the upstream sources",
                              epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    corpus_verbs = corpus.add_subparsers(dest="corpus_verb", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--cache", help="cache folder (default $CONFLICTNEWS_CACHE or data/upstream)")
        p.add_argument("--source", action="append", help="restrict to this source id (repeatable)")

    p = corpus_verbs.add_parser("fetch", help="download or copy every upstream file and verify its sha256",
                                epilog="example: conflictnews corpus fetch --offline --mirror ../shared/corpus")
    common(p)
    p.add_argument("--mirror", help="mirror folder (default $CONFLICTNEWS_MIRROR or ../shared/corpus)")
    p.add_argument("--offline", action="store_true", help="do not try the network (also $CONFLICTNEWS_OFFLINE=1)")
    p.add_argument("--timeout", type=float, default=5.0, help="seconds per download before going offline")
    p.set_defaults(func=_cmd_fetch)

    p = corpus_verbs.add_parser("read", help="run every reader; write data/articles/<source>.jsonl",
                                epilog="example: conflictnews corpus read --source fa-kes")
    common(p)
    p.add_argument("--out", help="output folder (default data/articles)")
    p.set_defaults(func=_cmd_read)

    p = corpus_verbs.add_parser("stats", help="per-source table: documents, words, dates, licence, Syria/Aleppo",
                                epilog="example: conflictnews corpus stats --source re3d")
    common(p)
    p.set_defaults(func=_cmd_stats)

    from conflictnews.cli_curate import add_bench_curate, add_curation_verbs

    add_curation_verbs(verbs, corpus_verbs)

    from conflictnews.validate import CHECKS

    p = verbs.add_parser(
        "validate", help="check standoff annotation files; exit 1 on errors",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"runs {len(CHECKS)} checks ({', '.join(sorted({c.group for c in CHECKS.values()}))}); "
               "--list-checks prints them.\n"
               "example: conflictnews validate annotations/gold --texts data/texts --format json")
    p.add_argument("paths", nargs="*", help="standoff files or folders (default: annotations/)")
    p.add_argument("--manifest", help="corpus manifest JSON lines (default corpus/manifest.jsonl when present)")
    p.add_argument("--texts", help="article texts: a folder of <id>.txt or a JSON-lines file of {id, text} "
                                   "(default: conflictnews.curate.materialise when available)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="report format (default text)")
    p.add_argument("--list-checks", action="store_true", help="print the check catalogue and exit")
    p.add_argument("--max-per-check", type=int, default=20, metavar="N",
                   help="problems shown per check id (default 20; 0 shows all)")
    p.set_defaults(func=_cmd_validate)
    p = verbs.add_parser(
        "annotate", help="resolve quote-based passes, validate them, write standoff or submit to Label Studio",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="A pass names spans by quoting them (exact text + occurrence or context); the format is in\n"
               "annotations/GUIDELINES.md. Absent, ambiguous or word-cutting quotes and schema errors (e.g. a role\n"
               "the event type does not allow) refuse the pass: nothing of it is stored; exit 1.\n"
               "examples:\n"
               "  conflictnews annotate passes/*.yaml --out annotations --texts data/texts\n"
               "  CONFLICTNEWS_LS_TOKEN=... conflictnews annotate pass.yaml --ls-url http://127.0.0.1:8080 --project 3")
    p.add_argument("passes", nargs="+", help="pass files (.yaml, .yml or .json), one article and annotator each")
    dest = p.add_mutually_exclusive_group(required=True)
    dest.add_argument("--out", help="write standoff under this annotations folder (offline)")
    dest.add_argument("--ls-url", help="submit to this Label Studio server (token in $CONFLICTNEWS_LS_TOKEN)")
    p.add_argument("--project", type=int, help="Label Studio project id (with --ls-url)")
    p.add_argument("--manifest", help="corpus manifest JSON lines (default corpus/manifest.jsonl when present)")
    p.add_argument("--texts", help="article texts: a folder of <id>.txt or a JSON-lines file of {id, text} "
                                   "(default: conflictnews.curate.materialise when available)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="report format (default text)")
    p.set_defaults(func=_cmd_annotate)

    p = verbs.add_parser("guidelines", help="regenerate the schema tables in annotations/GUIDELINES.md",
                         epilog="example: conflictnews guidelines --check   # exit 1 when a table is stale")
    p.add_argument("--path", help="the manual (default annotations/GUIDELINES.md)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 when a generated table is stale")
    p.set_defaults(func=_cmd_guidelines)

    from conflictnews.labelstudio.commands import add_bench_ls, add_ls_parser

    add_ls_parser(verbs)
    bench = verbs.add_parser("bench", help="benchmarks (timings are printed, never asserted); bare `bench` = all")
    bench_verbs = bench.add_subparsers(dest="bench_verb")  # a bare `bench` runs `bench all`
    add_bench_ls(bench_verbs)
    add_bench_curate(bench_verbs)
    from conflictnews.cli_build import add_bench_build, add_build_verbs

    add_bench_build(bench_verbs)
    add_build_verbs(verbs)

    from conflictnews.cli_score import add_scoring_verbs

    add_scoring_verbs(verbs)

    from conflictnews.cli_baselines import add_baseline_verbs

    add_baseline_verbs(verbs)

    from conflictnews.preannotate.commands import add_bench_preannotate, add_preannotate_parser

    add_preannotate_parser(verbs)
    add_bench_preannotate(bench_verbs)
    from conflictnews.bench_all import add_bench_all

    bench.set_defaults(**vars(add_bench_all(bench_verbs).parse_args([])))  # `bench` alone = `bench all`
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the console script.

    Args:
        argv: Arguments without the program name (default: ``sys.argv[1:]``).

    Returns:
        The exit code.

    """
    args = build_parser().parse_args(argv)
    out = Console(soft_wrap=False, width=160)
    err = Console(stderr=True, width=160)
    return int(args.func(args, out, err))


if __name__ == "__main__":
    sys.exit(main())
