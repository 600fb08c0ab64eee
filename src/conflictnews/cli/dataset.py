"""Command-line verbs of the dataset stage: ``build``, ``datasheet``, ``export``, ``bench build``.

Stage: dataset build (entry points). Input: parsed arguments. Output: a summary table on
stdout, problems on stderr, an exit code (0 success, 1 failure of the work, 2 bad usage).
Registered by :func:`add_build_verbs` and :func:`add_bench_build` from :mod:`conflictnews.cli.main`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from conflictnews.cli.common import add_input_options, annotations_path, load_texts, manifest_path, manifest_records
from conflictnews.curation.pipeline import CurationError
from conflictnews.dataset.bench import bench_build
from conflictnews.dataset.build import DEFAULT_OUT, BuildError, build, verify
from conflictnews.dataset.card import datasheet_counts, update_datasheet
from conflictnews.dataset.export import export
from conflictnews.evaluation.silver_quality import silver_quality
from conflictnews.io import project_root, sha256_file
from conflictnews.sources.fetch import FetchError

BUILD_EXAMPLE = """\
examples:
  conflictnews build                         # corpus/manifest.jsonl + texts + annotations/ -> dist/conflictnews/
  conflictnews build --no-silver --out /tmp/cn-gold
  conflictnews build --verify                # recompute checksums.sha256 and row counts; exit 1 on a mismatch
  conflictnews datasheet --check             # exit 1 when DATASHEET.md's generated counts are stale
  conflictnews export --format ace --out dist/conflictnews-ace.jsonl
  conflictnews export --format plover --out dist/conflictnews-plover.jsonl
"""


def _inputs(args: argparse.Namespace, err: Console) -> tuple[list[dict[str, Any]], dict[str, str], Path, str] | None:
    """Load manifest, texts and the annotations folder; print the error and return None on failure."""
    try:
        manifest = manifest_records(args)
        with err.status("materialise texts (sha256-checked)"):
            texts = load_texts(args)
        digest = sha256_file(manifest_path(args))
    except (OSError, ValueError, CurationError, FetchError) as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        return None
    return manifest, texts, annotations_path(args), digest


def _cmd_build(args: argparse.Namespace, out: Console, err: Console) -> int:
    target = Path(args.out) if args.out else project_root() / DEFAULT_OUT
    if args.verify:
        problems = verify(target)
        for line in problems:
            err.print(f"error: {line}", highlight=False, markup=False, soft_wrap=True)
        out.print(f"verify {target}: {'OK' if not problems else f'{len(problems)} mismatch(es)'}", highlight=False)
        return 1 if problems else 0
    loaded = _inputs(args, err)
    if loaded is None:
        return 1
    manifest, texts, annotations, digest = loaded
    try:
        with err.status("build") as status:
            result = build(
                manifest,
                texts,
                annotations,
                target,
                include_silver=not args.no_silver,
                manifest_sha256=digest,
                progress=lambda line: status.update(f"build: {line}"),
                workers=args.workers,
                silver_quality=silver_quality,
            )
    except BuildError as exc:
        for line in exc.problems:
            err.print(line, highlight=False, markup=False, soft_wrap=True)
        err.print(
            f"error: {str(exc).splitlines()[0]}; the previous build (if any) is untouched",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
        return 1
    table = Table(title=f"build → {result.out_dir} ({result.documents:,} articles)")
    for col in ("config", "train", "validation", "test"):
        table.add_column(col, justify="left" if col == "config" else "right")
    for config, splits in result.examples.items():
        table.add_row(config, *(f"{splits[s]:,}" for s in ("train", "validation", "test")))
    out.print(table)
    out.print(f"{len(result.files)} files recorded in checksums.sha256", highlight=False)
    return 0


def _cmd_datasheet(args: argparse.Namespace, out: Console, err: Console) -> int:
    root = project_root()
    path = Path(args.path) if args.path else root / "DATASHEET.md"
    manifest = manifest_path(args)
    annotations = annotations_path(args)
    try:
        stale = update_datasheet(path, datasheet_counts(manifest, annotations), check=args.check)
    except (OSError, ValueError) as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        return 1
    if args.check and stale:
        err.print(f"{path}: generated counts are stale; run `conflictnews datasheet`", highlight=False, markup=False)
        return 1
    out.print(f"{path}: counts {'rewritten' if stale else 'current'}", highlight=False)
    return 0


def _cmd_export(args: argparse.Namespace, out: Console, err: Console) -> int:
    loaded = _inputs(args, err)
    if loaded is None:
        return 1
    manifest, texts, annotations, _ = loaded
    report = export(args.format, manifest, texts, annotations, Path(args.out), include_silver=args.include_silver)
    out.print(f"export {args.format}: {report.records:,} record(s) → {args.out}", highlight=False)
    for reason, n in sorted(report.skipped.items()):
        out.print(f"  left out: {reason}: {n}", highlight=False)
    return 0


def _cmd_bench_build(args: argparse.Namespace, out: Console, err: Console) -> int:
    loaded = _inputs(args, err)
    if loaded is None:
        return 1
    manifest, texts, annotations, _ = loaded
    with err.status("bench build"):
        result = bench_build(manifest, texts, annotations, repeat=args.repeat, silver_quality=silver_quality)
    table = Table(title=f"bench build ({result.documents:,} articles, best of {args.repeat})")
    for col in ("measure", "value"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    table.add_row(
        f"build (validate + rows + parquet + card), {result.workers} process(es)",
        f"{result.build_s:.2f} s, {result.build_docs_s:,.0f} docs/s",
    )
    table.add_row(
        "build, 1 process (--workers 1)",
        f"{result.build_one_s:.2f} s, {result.documents / result.build_one_s:,.0f} docs/s",
    )
    table.add_row(
        "plain pyarrow write of the same rows (1 process)",
        f"{result.pyarrow_s:.2f} s, {result.pyarrow_docs_s:,.0f} docs/s",
    )
    table.add_row("build / pyarrow (goal ≤ 3×)", f"{result.ratio:.1f}×")
    table.add_row("build 1 process / pyarrow", f"{result.ratio_one:.1f}×")
    for config, seconds in result.load_s.items():
        table.add_row(f"cold load_dataset {config} (goal < 1 s)", f"{seconds:.2f} s")
    out.print(table)
    return 0


def _common(p: argparse.ArgumentParser) -> None:
    add_input_options(p, annotations=True)


def add_build_verbs(verbs: Any) -> None:
    """Register ``build``, ``datasheet`` and ``export`` on the top-level sub-parsers."""
    p = verbs.add_parser(
        "build",
        help="the Hugging Face dataset folder: typed configs, card, Croissant, checksums",
        epilog=BUILD_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(p)
    p.add_argument("--out", help="dataset folder (default dist/conflictnews)")
    p.add_argument("--verify", action="store_true", help="only recompute checksums and row counts of --out")
    p.add_argument("--no-silver", action="store_true", help="leave model (silver) passes out")
    p.add_argument(
        "--workers",
        type=int,
        choices=(1, 2),
        default=None,
        help="processes: 2 validates in a second process while rows are made (default where the "
        "platform forks and has two CPUs); both give byte-identical output",
    )
    p.set_defaults(func=_cmd_build)

    p = verbs.add_parser(
        "datasheet",
        help="regenerate the counts in DATASHEET.md from manifest + annotations",
        epilog="example: conflictnews datasheet --check   # exit 1 when the counts are stale",
    )
    p.add_argument("--path", help="the datasheet (default DATASHEET.md)")
    add_input_options(p, texts=False, annotations=True)
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 when the counts are stale")
    p.set_defaults(func=_cmd_datasheet)

    p = verbs.add_parser(
        "export",
        help="ACE/TextEE-style JSON or PLOVER-style event records (JSON lines)",
        epilog=BUILD_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(p)
    p.add_argument("--format", required=True, choices=("ace", "plover"), help="export format")
    p.add_argument("--out", required=True, help="output JSON-lines file")
    p.add_argument("--include-silver", action="store_true", help="also export silver passes (marked by `tier`)")
    p.set_defaults(func=_cmd_export)


def add_bench_build(bench_verbs: Any) -> None:
    """Register ``bench build`` on the ``bench`` sub-parsers."""
    p = bench_verbs.add_parser(
        "build",
        help="build throughput vs a plain pyarrow write; cold load_dataset per config",
        epilog="example: conflictnews bench build --repeat 3",
    )
    _common(p)
    p.add_argument("--repeat", type=int, default=2, help="runs per measure; the best is kept (default 2)")
    p.set_defaults(func=_cmd_bench_build)
