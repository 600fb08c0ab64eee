"""Command-line verbs of the benchmark: ``baseline list|run``, ``results`` and ``agree``.

Stage: benchmark (entry points). Input: parsed arguments. Output: tables on stdout, errors on
stderr, an exit code (0 success, 1 failure, 2 bad usage). Registered by
:func:`add_baseline_verbs` from :mod:`conflictnews.cli.main`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from conflictnews.baselines.registry import all_baselines, get_baseline
from conflictnews.baselines.results import ResultsError, read_results, render_markdown, write_results
from conflictnews.baselines.run import run_baseline
from conflictnews.dataset.load import BenchmarkDataError, load
from conflictnews.evaluation.agreement import AgreementInputError, agreement_of_folder
from conflictnews.io import project_root

BASELINE_EXAMPLE = """\
Baselines train on the gold train split of the built dataset (dist/conflictnews, or --dataset DIR), are
tuned on validation and scored on gold test by the official scorer; each run writes
baselines/results/<name>.json (scores with bootstrap CIs, dataset version and checksum, config, seed, git
commit, wall time). A layer with no gold yet is recorded as skipped. The transformer baselines (heavy) run only
when named or with --all --transformers (about 10 minutes on 2 CPU cores).
examples:
  conflictnews baseline list
  conflictnews baseline run crf-entities
  conflictnews baseline run --all                  # every fast baseline, then: conflictnews results
  conflictnews baseline run --all --transformers   # also the fine-tuned MiniLM baselines
"""

RESULTS_EXAMPLE = """\
Regenerates baselines/RESULTS.md (a table per layer: agreement ceiling, baselines, published anchors) and
baselines/plots/*.png from baselines/results/*.json. --check writes nothing and exits 1 when RESULTS.md is stale.
examples:
  conflictnews results
  conflictnews results --check
"""


def _root() -> Path:
    return project_root()


def _cmd_list(args: argparse.Namespace, out: Console, err: Console) -> int:
    table = Table(title="baselines (conflictnews baseline run NAME)")
    for col in ("name", "task", "given at prediction", "heavy", "description"):
        table.add_column(col)
    for info in all_baselines():
        table.add_row(info.name, info.task, info.given or "—", "yes" if info.heavy else "", info.description)
    out.print(table)
    return 0


def _cmd_run(args: argparse.Namespace, out: Console, err: Console) -> int:
    if bool(args.names) == bool(args.all):
        err.print("error: name one or more baselines, or use --all (see `conflictnews baseline list`)")
        return 2
    try:
        infos = (
            [get_baseline(n) for n in args.names]
            if args.names
            else [i for i in all_baselines() if args.transformers or not i.heavy]
        )
    except KeyError as exc:
        err.print(f"error: {exc.args[0]}", highlight=False, markup=False)
        return 2
    try:
        data = load(Path(args.dataset) if args.dataset else None)
    except BenchmarkDataError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        return 1
    out_dir = Path(args.out) if args.out else _root() / "baselines" / "results"
    records: list[dict[str, Any]] = []
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("baselines", total=len(infos))
        for info in infos:
            progress.update(task, description=f"baseline {info.name}")
            records.append(run_baseline(info, data, seed=args.seed, bootstrap=args.bootstrap, out_dir=out_dir))
            progress.advance(task)
    table = Table(title=f"baselines on {data.dataset_version} (test split) → {out_dir}")
    for col in ("baseline", "task", "given", "status", "headline", "P", "R", "F1", "95 % CI", "wall s"):
        table.add_column(col, justify="right" if col in ("P", "R", "F1", "wall s") else "left")
    for r in records:
        if r["status"] != "ok":
            table.add_row(
                r["name"],
                r["task"],
                r["given"] or "—",
                f"skipped: {r['reason']}",
                "",
                "",
                "",
                "",
                "",
                f"{r['wall_seconds']:.1f}",
            )
            continue
        m = r["scores"][r["headline"]]
        ci = m.get("ci_micro_f1")
        table.add_row(
            r["name"],
            r["task"],
            r["given"] or "—",
            "ok",
            r["headline"],
            f"{100 * m['micro']['precision']:.1f}",
            f"{100 * m['micro']['recall']:.1f}",
            f"{100 * m['micro']['f1']:.1f}",
            f"[{100 * ci[0]:.1f}, {100 * ci[1]:.1f}]" if ci else "—",
            f"{r['wall_seconds']:.1f}",
        )
    out.print(table)
    out.print("next: conflictnews results (regenerates baselines/RESULTS.md and the plots)", highlight=False)
    return 0


def _cmd_results(args: argparse.Namespace, out: Console, err: Console) -> int:
    root = _root()
    results_dir = Path(args.results) if args.results else root / "baselines" / "results"
    out_md = Path(args.out) if args.out else root / "baselines" / "RESULTS.md"
    annotations = Path(args.annotations) if args.annotations else root / "annotations" / "gold"
    if not results_dir.is_dir() or not any(results_dir.glob("*.json")):
        err.print(f"error: no result files in {results_dir}; fix: run `conflictnews baseline run --all` first")
        return 1
    try:
        agreement = agreement_of_folder(annotations)
        results = read_results(results_dir)
    except (ResultsError, AgreementInputError) as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        return 1
    if args.check:
        expected = render_markdown(results, agreement)
        current = out_md.read_text(encoding="utf-8") if out_md.is_file() else ""
        if current != expected:
            err.print(f"{out_md} is stale; fix: run `conflictnews results`", highlight=False)
            return 1
        out.print(f"{out_md}: current", highlight=False)
        return 0
    plots = None if args.no_plots else (Path(args.plots) if args.plots else root / "baselines" / "plots")
    write_results(results, out_md, plots, agreement)
    out.print(f"wrote {out_md}" + (f" and {plots}/*.png" if plots else ""), highlight=False)
    return 0


def add_baseline_verbs(verbs: Any) -> None:
    """Register ``baseline`` and ``results`` on the console script's sub-parsers."""
    p = verbs.add_parser(
        "baseline",
        help="list or run the benchmark baselines",
        epilog=BASELINE_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="baseline_verb", required=True)
    q = sub.add_parser("list", help="every registered baseline")
    q.set_defaults(func=_cmd_list)
    q = sub.add_parser(
        "run",
        help="train, tune and score baselines; write baselines/results/<name>.json",
        epilog=BASELINE_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    q.add_argument("names", nargs="*", help="baseline names (see `baseline list`)")
    q.add_argument("--all", action="store_true", help="every fast baseline")
    q.add_argument("--transformers", action="store_true", help="with --all: also the fine-tuned transformers")
    q.add_argument("--dataset", help="built dataset folder (default dist/conflictnews)")
    q.add_argument("--out", help="result folder (default baselines/results)")
    q.add_argument("--seed", type=int, default=0, help="seed of every baseline and the bootstrap (default 0)")
    q.add_argument("--bootstrap", type=int, default=1000, help="bootstrap replicates (default 1000)")
    q.set_defaults(func=_cmd_run)

    p = verbs.add_parser(
        "results",
        help="regenerate baselines/RESULTS.md and baselines/plots from the results",
        epilog=RESULTS_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--results", help="result folder (default baselines/results)")
    p.add_argument("--out", help="Markdown file (default baselines/RESULTS.md)")
    p.add_argument("--plots", help="plot folder (default baselines/plots)")
    p.add_argument("--no-plots", action="store_true", help="write the Markdown only")
    p.add_argument("--annotations", help="gold annotations for the agreement rows (default annotations/gold)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 when RESULTS.md is stale")
    p.set_defaults(func=_cmd_results)
