"""The ``ls`` and ``bench ls`` verbs of the console script (registered by :mod:`conflictnews.cli.main`).

Stage: annotation (entry points). Input: command-line arguments and the ``CONFLICTNEWS_LS_*``
environment variables. Output: a summary on stdout, problems on stderr, an exit code (0 done,
1 the work failed, 2 bad usage or set-up).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from conflictnews.annotation import standoff
from conflictnews.cli.common import load_texts, manifest_by_id, manifest_path, project_id, server_url
from conflictnews.cli.preannotate import add_ls_backend
from conflictnews.io import project_root, read_jsonl_by_id
from conflictnews.labelstudio.bench import bench_ls
from conflictnews.labelstudio.config import write_config
from conflictnews.labelstudio.project import (
    TaskArticle,
    ensure_annotators,
    export_annotations,
    import_articles,
)
from conflictnews.labelstudio.server import (
    LabelStudioError,
    client,
    start_server,
    stop_server,
)

LS_EXAMPLES = """\
examples (credentials only from the environment):
  export CONFLICTNEWS_LS_USERNAME=admin@example.com CONFLICTNEWS_LS_PASSWORD=... CONFLICTNEWS_LS_TOKEN=...
  conflictnews ls config                          # write annotations/labelstudio/config.xml from schema.py
  conflictnews ls start                           # server on 127.0.0.1:<free port>, data in data/labelstudio
  conflictnews ls import --annotators ann-a,ann-b --limit 50
  conflictnews ls import --articles fixtures.jsonl --predictions annotations/silver
  conflictnews ls export --out annotations        # validated standoff; nothing written on any error
  conflictnews ls stop                            # ends exactly the server started from that data folder
  conflictnews bench ls --tasks 1000              # import + export timing against a fresh real server
"""


def _cmd_config(args: argparse.Namespace, out: Console, err: Console) -> int:
    path = write_config(Path(args.out) if args.out else None)
    out.print(f"wrote {path}", highlight=False)
    return 0


def _cmd_start(args: argparse.Namespace, out: Console, err: Console) -> int:
    info = start_server(Path(args.data_dir) if args.data_dir else None, args.port, timeout=args.timeout)
    out.print(f"Label Studio is up at {info.url} (pid {info.pid}, data {info.data_dir})", highlight=False)
    out.print(info.url, highlight=False)
    return 0


def _cmd_stop(args: argparse.Namespace, out: Console, err: Console) -> int:
    info = stop_server(Path(args.data_dir) if args.data_dir else None)
    out.print(f"stopped pid {info.pid} ({info.url})" if info else "no running server recorded", highlight=False)
    return 0


def _read_articles(args: argparse.Namespace) -> list[Any]:
    """Articles from --articles (JSONL with id/text/...) or from the manifest + materialised texts."""
    records: list[dict[str, Any]] = []
    if args.articles:
        with Path(args.articles).open(encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
    else:
        manifest = read_jsonl_by_id(manifest_path(args))
        texts = load_texts(args)
        records = [{**entry, "id": key, "text": texts[key]} for key, entry in manifest.items() if key in texts]
    if args.ids:
        wanted = set(args.ids.split(","))
        records = [r for r in records if str(r["id"]) in wanted]
    records.sort(key=lambda r: str(r["id"]))
    if args.limit:
        records = records[: args.limit]
    return [
        TaskArticle(
            str(r["id"]),
            str(r["text"]),
            str(r.get("title") or ""),
            str(r.get("outlet") or r.get("publisher") or r.get("source") or ""),
            str(r.get("date") or ""),
            str(r.get("url") or ""),
        )
        for r in records
    ]


def _cmd_import(args: argparse.Namespace, out: Console, err: Console) -> int:
    ls = client(server_url(args))
    project = project_id(ls, args.project)
    if args.annotators:
        users = ensure_annotators(ls, args.annotators.split(","))
        out.print(f"annotators: {', '.join(f'{k} (user {v})' for k, v in users.items())}", highlight=False)
    articles = _read_articles(args)
    predictions: dict[str, list] = {}
    if args.predictions:
        for path in standoff.iter_files(Path(args.predictions)):
            ann = standoff.read(path)
            predictions.setdefault(ann.article_id, []).append(ann)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as bar:
        task = bar.add_task("import tasks", total=len(articles))
        report = import_articles(
            ls, project, articles, predictions, batch_size=args.batch_size, progress=lambda k: bar.advance(task, k)
        )
    out.print(
        f"project {project}: {len(report.created)} task(s) created, {len(report.existing)} already present, "
        f"{report.predictions} prediction(s)",
        highlight=False,
    )
    return 0


def _cmd_export(args: argparse.Namespace, out: Console, err: Console) -> int:
    ls = client(server_url(args))
    project = project_id(ls, args.project)
    manifest = manifest_by_id(args)
    texts = load_texts(args) if manifest is not None else None
    out_root = Path(args.out) if args.out else project_root() / "annotations"
    report = export_annotations(ls, project, out_root, texts, manifest, include_predictions=args.include_predictions)
    for problem in report.problems[: args.max_problems]:
        err.print(str(problem), highlight=False, markup=False)
    for task_id, annotation_id, reason in report.skipped:
        err.print(f"note: task {task_id} annotation {annotation_id} skipped: {reason}", highlight=False)
    if report.errors:
        err.print(
            f"{len(report.errors)} error(s) in {len(report.passes)} pass(es); nothing written "
            "(existing files untouched)",
            highlight=False,
        )
        return 1
    out.print(f"wrote {len(report.written)} standoff file(s) under {out_root}", highlight=False)
    return 0


def _cmd_bench(args: argparse.Namespace, out: Console, err: Console) -> int:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="conflictnews-bench-ls-") as tmp:
        url = args.url
        if not url:
            err.print("starting a fresh Label Studio (migrations take about 30 s, not timed)…", highlight=False)
            url = start_server(Path(tmp)).url
        try:
            result = bench_ls(client(url), args.tasks, batch_size=args.batch_size)
        finally:
            if not args.url:
                stop_server(Path(tmp))
    table = Table(title=f"bench ls: {result.tasks} tasks with pre-annotations (goal: import + export < 60 s)")
    for col in ("step", "seconds", "tasks/s"):
        table.add_column(col, justify="left" if col == "step" else "right")
    for row in result.rows():
        table.add_row(*row)
    out.print(table)
    out.print(f"{result.passes} pass(es) exported, {result.errors} validator error(s)", highlight=False)
    return 1 if result.errors else 0


def _guarded(func: Any) -> Any:
    """Turn a set-up error (server, credentials, SDK) into a message and exit code 2."""

    def run(args: argparse.Namespace, out: Console, err: Console) -> int:
        try:
            return int(func(args, out, err))
        except LabelStudioError as exc:
            err.print(f"error: {exc}", highlight=False, markup=False)
            return 2

    return run


def _server_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", help="server data folder (default data/labelstudio)")
    p.add_argument("--url", help="server URL (default: the one recorded by `ls start` in the data folder)")
    p.add_argument(
        "--project",
        default="ConflictNews",
        help="project id, or title (created from the generated config when missing)",
    )


def add_ls_parser(verbs: Any) -> None:
    """Register ``ls config|start|stop|import|export`` on the console script's sub-parsers."""
    fmt = argparse.RawDescriptionHelpFormatter
    ls = verbs.add_parser(
        "ls",
        help="Label Studio: config, local server, import tasks, export → standoff",
        epilog=LS_EXAMPLES,
        formatter_class=fmt,
    )
    sub = ls.add_subparsers(dest="ls_verb", required=True)
    p = sub.add_parser(
        "config",
        help="write annotations/labelstudio/config.xml from schema.py",
        epilog="example: conflictnews ls config",
    )
    p.add_argument("--out", help="output file (default annotations/labelstudio/config.xml)")
    p.set_defaults(func=_guarded(_cmd_config))
    p = sub.add_parser(
        "start",
        help="start a local server (127.0.0.1, free port); print its URL",
        epilog="example: conflictnews ls start --data-dir data/labelstudio",
    )
    p.add_argument("--data-dir", help="data folder with the SQLite database (default data/labelstudio)")
    p.add_argument("--port", type=int, help="port (default: a free one)")
    p.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for /health")
    p.set_defaults(func=_guarded(_cmd_start))
    p = sub.add_parser(
        "stop", help="stop the server started from the data folder", epilog="example: conflictnews ls stop"
    )
    p.add_argument("--data-dir", help="data folder (default data/labelstudio)")
    p.set_defaults(func=_guarded(_cmd_stop))
    p = sub.add_parser(
        "import",
        help="articles → tasks (idempotent by article id), optional predictions",
        epilog="example: conflictnews ls import --annotators ann-a,ann-b --ids fa-kes-0412",
    )
    _server_args(p)
    p.add_argument("--manifest", help="manifest (default corpus/manifest.jsonl); texts via curate.materialise")
    p.add_argument("--articles", help="JSONL of {id, text, title, outlet, date, url} instead of the manifest")
    p.add_argument("--ids", help="comma-separated article ids to import")
    p.add_argument("--limit", type=int, help="import at most this many (by id order)")
    p.add_argument("--predictions", help="folder of standoff files to attach as pre-annotations")
    p.add_argument("--annotators", help="comma-separated annotator ids to create accounts for")
    p.add_argument("--batch-size", type=int, default=250, help="tasks per request")
    p.set_defaults(func=_guarded(_cmd_import))
    p = sub.add_parser(
        "export",
        help="full JSON export → validated standoff files (nothing written on errors)",
        epilog="example: conflictnews ls export --out annotations",
    )
    _server_args(p)
    p.add_argument("--out", help="annotations folder (default annotations/)")
    p.add_argument("--include-predictions", action="store_true", help="also write predictions as model passes")
    p.add_argument("--max-problems", type=int, default=200, help="print at most this many problems")
    p.set_defaults(func=_guarded(_cmd_export))

    add_ls_backend(sub)


def add_bench_ls(bench_verbs: Any) -> None:
    """Register ``bench ls`` on the ``bench`` sub-parsers."""
    p = bench_verbs.add_parser(
        "ls",
        help="time import + export of tasks with pre-annotations (real server)",
        epilog="example: conflictnews bench ls --tasks 1000",
    )
    p.add_argument("--tasks", type=int, default=1000, help="number of tasks")
    p.add_argument("--batch-size", type=int, default=250, help="tasks per import request")
    p.add_argument("--url", help="use this running server instead of starting a fresh one")
    p.set_defaults(func=_guarded(_cmd_bench))
