"""Command-line verbs of the evaluation stage: ``score`` and ``agree``.

Stage: evaluation (entry points). Input: parsed arguments. Output: tables (or JSON) on stdout,
problems on stderr in the validator's one-line format, an exit code (0 success, 1 invalid input or
failed import, 2 bad usage). Registered by :func:`add_scoring_verbs` from :mod:`conflictnews.cli.main`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from conflictnews.cli.common import print_problems
from conflictnews.evaluation.agreement import (
    AgreementInputError,
    agreement_of_folder,
    detailed_agreement,
    passes_of_folder,
    read_decisions,
    render_detailed,
    replace_section,
)
from conflictnews.evaluation.scoring import ScoringInputError, load_passes, report_json, score, text_mismatches
from conflictnews.io import atomic_write, project_root, read_texts

SCORE_EXAMPLE = """\
Scores every layer: entities (strict/exact/partial/type, = seqeval/nervaluate), events (Trig-I, Trig-C),
arguments (Arg-I, Arg-C, head-match variants), event attributes, stances (tuple, pair, label given
holder+target) and document relevance, each with a bootstrap 95 % interval over documents. Metric
definitions: the docstring of conflictnews/scoring.py. Malformed predictions are reported in the
validator's format and nothing is scored (exit 1).
GOLD / PRED: a standoff folder (e.g. annotations/gold), a .jsonl of standoff objects, one .json file, or a
dataset folder built by `conflictnews build` (its documents config; as GOLD, only articles with a gold layer).
examples:
  conflictnews score annotations/gold preds/ --gold-annotator dstl-re3d
  conflictnews score gold.jsonl pred.jsonl --format json --bootstrap 2000 --seed 1
  conflictnews score dist/conflictnews preds/ --pred-annotator my-model-v1
"""


def _fmt(value: float) -> str:
    return f"{100 * value:.1f}"


def _ci(ci: tuple[float, float] | None) -> str:
    return f"[{_fmt(ci[0])}, {_fmt(ci[1])}]" if ci else "—"


def _cmd_score(args: argparse.Namespace, out: Console, err: Console) -> int:
    texts = None
    if args.texts:
        texts = read_texts(Path(args.texts))
    try:
        gold = load_passes(Path(args.gold), annotator=args.gold_annotator, texts=texts, tier="gold")
        pred = load_passes(Path(args.pred), annotator=args.pred_annotator, texts=texts, predictions=True)
    except (FileNotFoundError, ScoringInputError) as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        return 2
    problems = [*gold.problems, *pred.problems, *text_mismatches(gold.passes, pred.passes, file=args.pred)]
    errors = [p for p in problems if p.severity == "error"]
    print_problems(problems, err)
    if errors:
        err.print(f"score: {len(errors)} error(s) in the inputs; nothing scored", highlight=False, markup=False)
        return 1
    if not gold.passes:
        err.print(
            f"error: no gold passes in {args.gold}" + (f" by {args.gold_annotator!r}" if args.gold_annotator else ""),
            highlight=False,
            markup=False,
        )
        return 2
    report = score(gold.passes, pred.passes, bootstrap=args.bootstrap, seed=args.seed)
    if args.format == "json":
        out.print(report_json(report), soft_wrap=True, markup=False, highlight=False)
        return 0
    layers: dict[str, list] = {}
    for metric in report.metrics:
        layers.setdefault(metric.layer, []).append(metric)
    for layer, metrics in layers.items():
        table = Table(title=f"{layer} — {report.documents} document(s), 95 % bootstrap CI ({report.bootstrap}×)")
        for col in ("metric", "label", "gold", "pred", "P", "R", "F1 / acc", "95 % CI"):
            table.add_column(col, justify="left" if col in ("metric", "label") else "right", no_wrap=True)
        for m in metrics:
            if not (m.micro.n_gold or m.micro.n_pred):  # nothing to compare: shown as —, stored as 0
                table.add_row(m.name, "micro", "0", "0", "—", "—", "—", "—")
                continue
            table.add_row(
                m.name,
                "micro" if not m.accuracy else "accuracy",
                f"{m.micro.n_gold:g}",
                f"{m.micro.n_pred:g}",
                _fmt(m.micro.precision),
                _fmt(m.micro.recall),
                _fmt(m.micro.f1),
                _ci(m.ci_micro_f1),
            )
            if len(m.per_label) > 1 or m.accuracy:
                table.add_row("", "macro F1", "", "", "", "", _fmt(m.macro_f1), _ci(m.ci_macro_f1))
            if args.per_label:
                for label, prf in m.per_label:
                    table.add_row(
                        "",
                        label,
                        f"{prf.n_gold:g}",
                        f"{prf.n_pred:g}",
                        _fmt(prf.precision),
                        _fmt(prf.recall),
                        _fmt(prf.f1),
                        "",
                    )
        out.print(table)
    for note in report.notes:
        err.print(f"note: {note}", highlight=False, markup=False)
    return 0


def _documents(value: str | None) -> list[str] | None:
    """Return the ids of ``--documents``: a file of ids (one a line, ``#`` comments) or a comma list."""
    if not value:
        return None
    path = Path(value)
    if path.is_file():
        lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
        return [line for line in lines if line]
    return [v.strip() for v in value.split(",") if v.strip()]


def _cmd_agree(args: argparse.Namespace, out: Console, err: Console) -> int:
    folder = Path(args.annotations) if args.annotations else project_root() / "annotations" / "gold"
    try:
        documents = _documents(args.documents)
        if documents is not None or args.write:
            return _detailed(args, folder, documents, out, err)
        report = agreement_of_folder(folder)
    except (AgreementInputError, OSError, ValueError) as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        return 1
    table = Table(title=f"inter-annotator agreement (independent manual passes) in {folder}")
    for col in ("layer", "metric", "documents", "pairs", "pooled F1"):
        table.add_column(col, justify="left" if col in ("layer", "metric") else "right")
    for layer, rows in report.layers.items():
        for row in rows:
            table.add_row(
                layer,
                row.metric,
                str(row.documents),
                str(row.pairs),
                "not measured" if row.f1 is None else f"{100 * row.f1:.1f}",
            )
    out.print(table)
    if report.annotators:
        out.print(f"annotators: {', '.join(report.annotators)}", highlight=False)
    return 0


def _detailed(args: argparse.Namespace, folder: Path, documents: list[str] | None, out: Console, err: Console) -> int:
    """Print the detailed report of ``--documents``; with ``--write``, write its AGREEMENT.md section."""
    report = detailed_agreement(passes_of_folder(folder), documents, bootstrap=args.bootstrap, seed=args.seed)
    if not report.documents:
        err.print("error: none of the documents has two independent manual passes", highlight=False, markup=False)
        return 1
    decisions_dir = Path(args.decisions) if args.decisions else project_root() / "annotations" / "adjudication"
    decisions = read_decisions(decisions_dir, report.documents)
    table = Table(title=f"agreement of {len(report.documents)} doubly annotated documents ({args.section})")
    for col in ("layer", "typed F1", "95 % CI", "items A", "items B", "kappa", "kappa items"):
        table.add_column(col, justify="left" if col == "layer" else "right")
    for row in report.layers:
        ci = f"[{100 * row.ci[0]:.1f}, {100 * row.ci[1]:.1f}]" if row.ci else "—"
        kappa = "—" if row.labels.kappa is None else f"{row.labels.kappa:.3f}"
        table.add_row(row.layer, f"{100 * row.f1:.1f}", ci, str(row.n_a), str(row.n_b), kappa, str(row.labels.items))
    out.print(table)
    if report.missing:
        err.print(f"note: not doubly annotated: {', '.join(report.missing)}", highlight=False, markup=False)
    out.print(f"{len(decisions)} adjudication decision(s) in {decisions_dir}", highlight=False)
    if args.write:
        target = Path(args.write)
        current = target.read_text(encoding="utf-8") if target.is_file() else "# Inter-annotator agreement\n"
        body = render_detailed(args.title or f"Agreement: {args.section}", report, decisions)
        atomic_write(target, replace_section(current, args.section, body))
        out.print(f"wrote section {args.section!r} of {target}", highlight=False)
    return 0


def add_scoring_verbs(verbs: argparse._SubParsersAction) -> None:
    """Register ``score`` and ``agree`` on the console script's sub-parsers.

    Args:
        verbs: The top-level sub-parsers of ``conflictnews``.

    """
    p = verbs.add_parser(
        "score",
        help="the official scorer: every layer, every metric variant, bootstrap CIs",
        epilog=SCORE_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("gold", help="gold passes: standoff folder, .jsonl or .json")
    p.add_argument("pred", help="predicted passes: standoff folder, .jsonl or .json")
    p.add_argument("--gold-annotator", help="score this annotator's gold passes (needed when an article has several)")
    p.add_argument("--pred-annotator", help="score this annotator's predicted passes")
    p.add_argument("--texts", help="article texts (folder of <id>.txt or {id, text} JSON lines) to check offsets")
    p.add_argument("--format", choices=("text", "json"), default="text", help="report format (default text)")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="N", help="bootstrap replicates (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--per-label", action="store_true", help="also print P/R/F1 per label")
    p.set_defaults(func=_cmd_score)

    p = verbs.add_parser(
        "agree",
        help="inter-annotator agreement per layer from independent manual passes",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
        "  conflictnews agree                       # pooled pairwise F1 over every doubly annotated document\n"
        "  conflictnews agree --documents annotations/pilot.txt --section pilot --write annotations/AGREEMENT.md\n"
        "      # typed F1 with bootstrap CIs, kappa on matched items, attributes, adjudicated disagreements by rule",
    )
    p.add_argument("--annotations", help="gold annotations folder (default annotations/gold)")
    p.add_argument("--documents", help="the report's documents: a file of ids (one a line) or a comma-separated list")
    p.add_argument("--section", default="agreement", help="name of the generated section (default agreement)")
    p.add_argument("--title", help="the section's heading (default 'Agreement: SECTION')")
    p.add_argument("--write", metavar="PATH", help="write the section into this Markdown file (e.g. AGREEMENT.md)")
    p.add_argument("--decisions", help="adjudication decisions folder (default annotations/adjudication)")
    p.add_argument("--bootstrap", type=int, default=1000, help="bootstrap replicates of the intervals (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.set_defaults(func=_cmd_agree)
