"""The ``preannotate``, ``bench preannotate`` and ``ls backend`` verbs of the console script.

Stage: pre-annotation (entry points). Input: command-line arguments (and, for ``ls backend
--project``, the ``CONFLICTNEWS_LS_*`` environment variables). Output: a summary table on
stdout, problems on stderr, an exit code (0 done, 1 the work failed, 2 bad usage or set-up).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from conflictnews.annotation.silver_pack import write_pack
from conflictnews.cli.common import load_texts, manifest_by_id, project_id, server_url
from conflictnews.io import project_root
from conflictnews.labelstudio.server import LabelStudioError, client
from conflictnews.preannotate import gazetteers
from conflictnews.preannotate.bench import bench_preannotate, invented_texts
from conflictnews.preannotate.ml_backend import BackendServer, connect
from conflictnews.preannotate.predictor import load_predictor
from conflictnews.preannotate.run import preannotate

PREANNOTATE_EXAMPLES = """\
examples:
  conflictnews preannotate                         # silver pass for every manifest article (resumable)
  conflictnews preannotate --workers 2 --limit 100 # first 100 articles by id, two processes
  conflictnews preannotate --texts data/texts --out annotations --gazetteers
Output: annotations/silver/<article>/<model>.json (origin model; gitignored working copy), each
validated before it is written, and the committed pack annotations/silver/<model>.jsonl.gz. An article
whose file (or pack entry) already has the same text sha256 and model version is not predicted again.
"""


def _load_texts(args: argparse.Namespace) -> tuple[dict[str, str], dict[str, Any] | None]:
    """Return (texts, manifest) from --texts / --manifest or the texts rebuilt from the cache."""
    return load_texts(args), manifest_by_id(args)


def _cmd_preannotate(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        texts, manifest = _load_texts(args)
    except (OSError, ValueError, RuntimeError) as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        return 2
    if args.gazetteers:
        path = gazetteers.write(gazetteers.mine(texts))
        out.print(f"wrote {path} (mined from {len(texts)} articles)", highlight=False)
    try:
        predictor = load_predictor(args.model)
        predictor.version  # noqa: B018 (load the model before the bar starts)
    except (KeyError, RuntimeError) as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        return 2
    root = Path(args.out) if args.out else project_root() / "annotations"
    total = min(len(texts), args.limit) if args.limit is not None else len(texts)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
    ) as bar:
        task = bar.add_task(f"preannotate {predictor.name}", total=total)
        report = preannotate(
            texts,
            root,
            predictor=predictor,
            manifest=manifest,
            workers=args.workers,
            limit=args.limit,
            force=args.force,
            progress=lambda n: bar.advance(task, n),
        )
    table = Table(title=f"preannotate {report.model} → {root / 'silver'}")
    for col in (
        "articles",
        "written",
        "skipped (current)",
        "failed",
        "entities",
        "events",
        "stances",
        "relations",
        "docs/s",
        "seconds",
    ):
        table.add_column(col, justify="right")
    table.add_row(
        str(total),
        str(len(report.written)),
        str(len(report.skipped)),
        str(len(report.failed)),
        *(f"{report.counts.get(k, 0):,}" for k in ("entities", "events", "stances", "relations")),
        f"{report.docs_per_second:.1f}",
        f"{report.seconds:.1f}",
    )
    out.print(table)
    out.print(f"model version {report.version}", highlight=False)
    if report.pruned:
        out.print(f"removed {len(report.pruned)} silver file(s) of articles no longer in the manifest", highlight=False)
    if not args.no_pack and not report.failed:
        pack, n = write_pack(root, report.model, sorted(texts)[:total])
        out.print(
            f"packed {n} passes into {pack} ({pack.stat().st_size / 1e6:.1f} MB; the committed form)", highlight=False
        )
    for problems in list(report.failed.values())[:20]:
        for problem in problems[:5]:
            err.print(f"error: {problem}", highlight=False, markup=False)
    return 1 if report.failed else 0


def _cmd_bench(args: argparse.Namespace, out: Console, err: Console) -> int:
    if args.invented:
        texts = invented_texts(args.documents)
    else:
        try:
            texts, _ = _load_texts(args)
        except (OSError, ValueError, RuntimeError) as exc:
            err.print(f"error: {exc}; use --invented to time invented articles", highlight=False, markup=False)
            return 2
    result = bench_preannotate(load_predictor(args.model), texts, documents=args.documents, requests=args.requests)
    table = Table(title=f"bench preannotate {result.model} ({'invented' if args.invented else 'corpus'} articles)")
    for col in ("docs", "docs/s", "chars/s", "requests", "p50 ms", "p95 ms", "max ms", "typical article", "typical ms"):
        table.add_column(col, justify="right")
    table.add_row(
        str(result.documents),
        f"{result.docs_per_second:.1f}",
        f"{result.chars_per_second:,.0f}",
        str(result.requests),
        f"{result.p50 * 1000:.0f}",
        f"{result.p95 * 1000:.0f}",
        f"{result.max * 1000:.0f}",
        f"{result.typical_chars:,} chars",
        f"{result.typical_latency * 1000:.0f}",
    )
    out.print(table)
    goal = "meets" if result.typical_latency < 0.2 else "misses"
    out.print(f"typical-article latency {goal} the 200 ms goal", highlight=False)
    return 0


def _cmd_backend(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        server = BackendServer(load_predictor(args.model), port=args.port)
    except (KeyError, RuntimeError, OSError) as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        return 2
    out.print(f"ML backend {server.predictor.name} ({server.version}) at {server.url}", highlight=False)
    if args.project:
        try:
            ls = client(server_url(args))
            project = project_id(ls, args.project)
            backend_id = connect(ls, project, server.url, server.predictor.name)
        except (LabelStudioError, RuntimeError) as exc:
            server.httpd.server_close()
            err.print(f"error: {exc}", highlight=False, markup=False)
            return 2
        out.print(
            f"connected to project {project} as ML backend {backend_id}; opening a task shows its predictions",
            highlight=False,
        )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
    return 0


def _text_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--manifest", help="manifest (default corpus/manifest.jsonl); texts via curate.materialise")
    p.add_argument("--texts", help="article texts: a folder of <id>.txt or a JSON-lines file of {id, text}")
    p.add_argument("--model", default="rules-spacy-v0.1", help="registered pre-annotator (default rules-spacy-v0.1)")


def add_preannotate_parser(verbs: Any) -> None:
    """Register ``preannotate`` on the console script's sub-parsers."""
    p = verbs.add_parser(
        "preannotate",
        help="silver pre-annotations for every manifest article (resumable)",
        epilog=PREANNOTATE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _text_args(p)
    p.add_argument("--out", help="annotations folder (default annotations/); files go to <out>/silver/")
    p.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    p.add_argument("--limit", type=int, help="at most this many articles (by id order)")
    p.add_argument("--force", action="store_true", help="redo articles whose silver file is current")
    p.add_argument(
        "--no-pack", action="store_true", help="do not rewrite annotations/silver/<model>.jsonl.gz (the committed pack)"
    )
    p.add_argument(
        "--gazetteers",
        action="store_true",
        help="first re-mine src/conflictnews/preannotate/gazetteers.json from these texts",
    )
    p.set_defaults(func=_cmd_preannotate)


def add_bench_preannotate(bench_verbs: Any) -> None:
    """Register ``bench preannotate`` on the ``bench`` sub-parsers."""
    p = bench_verbs.add_parser(
        "preannotate",
        help="docs/s in process and per-request latency of the ML backend",
        epilog="examples:\n  conflictnews bench preannotate --documents 200 --requests 100\n"
        "  conflictnews bench preannotate --invented   # no corpus needed",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _text_args(p)
    p.add_argument("--documents", type=int, default=200, help="articles for the throughput run (default 200)")
    p.add_argument("--requests", type=int, default=100, help="POST /predict calls, one task each (default 100)")
    p.add_argument("--invented", action="store_true", help="time invented articles instead of the corpus")
    p.set_defaults(func=_cmd_bench)


def add_ls_backend(ls_verbs: Any) -> None:
    """Register ``ls backend`` on the ``ls`` sub-parsers."""
    p = ls_verbs.add_parser(
        "backend",
        help="serve a pre-annotator as a Label Studio ML backend on 127.0.0.1",
        epilog="examples:\n  conflictnews ls backend                       # serve on a free port; print the URL\n"
        "  conflictnews ls backend --project ConflictNews  # and connect it to the project (SDK)\n"
        "Label Studio must allow 127.0.0.0/8 in its SSRF guard (`conflictnews ls start` does).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--model", default="rules-spacy-v0.1", help="registered pre-annotator (default rules-spacy-v0.1)")
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    p.add_argument("--project", help="connect to this Label Studio project (id or title)")
    p.add_argument("--data-dir", help="Label Studio data folder (default data/labelstudio)")
    p.add_argument("--url", help="Label Studio URL (default: the one recorded by `ls start`)")
    p.set_defaults(func=_cmd_backend)
