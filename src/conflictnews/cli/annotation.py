"""Command-line verbs of the annotation stage: ``validate``, ``annotate``, ``guidelines``, ``import-gold``.

Stage: annotation (entry points). Input: parsed arguments. Output: problems and a summary table,
an exit code (0 success, 1 failure of the work or invalid input, 2 bad usage). Registered by
:func:`add_annotation_verbs` from :mod:`conflictnews.cli.main`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from conflictnews.annotation.guidelines import GuidelinesError, default_path, stale_tables, update_guidelines
from conflictnews.annotation.imported_gold import IMPORTABLE, RE3D_MIN_CONFIDENCE, import_gold
from conflictnews.annotation.quotes import annotate
from conflictnews.annotation.standoff import AnnotationSet
from conflictnews.annotation.validate import CHECKS, expand_paths, summarise, validate_paths
from conflictnews.cli.common import add_input_options, load_texts, manifest_by_id, manifest_path, print_problems
from conflictnews.io import project_root, read_jsonl_by_id
from conflictnews.labelstudio.project import submit_annotation
from conflictnews.labelstudio.server import LabelStudioError
from conflictnews.labelstudio.server import client as ls_client

IMPORT_EXAMPLE = """\
Imports re3d's Dstl entity layer (confidence >= 0.5; BBC Online excluded) and GUM's entity layer for the
manifest's articles, mapped to the schema's entity types; validates every pass and writes nothing on an
error. Writes annotations/gold/<article>/{dstl-re3d,gum-corpus}.json and annotations/IMPORTED_GOLD.md.
examples:
  conflictnews import-gold
  conflictnews import-gold --source re3d --min-confidence 0.9 --out /tmp/annotations
"""


def _cmd_import_gold(args: argparse.Namespace, out: Console, err: Console) -> int:
    manifest_file = manifest_path(args)
    if not manifest_file.is_file():
        err.print(
            f"error: no manifest at {manifest_file}; fix: run `conflictnews curate` first (imports cover "
            "manifest articles only)",
            highlight=False,
            markup=False,
        )
        return 1
    manifest = read_jsonl_by_id(manifest_file)
    out_dir = Path(args.out) if args.out else project_root() / "annotations"
    sources = args.source or list(IMPORTABLE)
    results, problems = import_gold(
        manifest,
        sources=sources,
        cache=Path(args.cache) if args.cache else None,
        out=out_dir,
        min_confidence=RE3D_MIN_CONFIDENCE if args.min_confidence is None else args.min_confidence,
    )
    print_problems(problems, err)
    errors = sum(1 for p in problems if p.severity == "error")
    table = Table(title=f"import-gold → {out_dir}/gold" + (" (nothing written: errors)" if errors else ""))
    for col in (
        "source",
        "annotator",
        "articles",
        "mentions",
        "unmappable",
        "below threshold",
        "other drops",
        "refused articles",
    ):
        table.add_column(col, justify="left" if col in ("source", "annotator") else "right")
    for r in results:
        table.add_row(
            r.source,
            r.annotator,
            str(len(r.sets)),
            str(sum(n for _, n in r.imported)),
            str(sum(n for _, n in r.unmappable)),
            str(sum(n for _, n in r.filtered)),
            str(sum(n for _, n in r.dropped)),
            str(len(r.refused)),
        )
    out.print(table)
    if not errors:
        out.print(f"mapping tables and counts: {out_dir / 'IMPORTED_GOLD.md'}", highlight=False)
    return 1 if errors else 0


def _validate_inputs(args: argparse.Namespace, err: Console) -> tuple[dict | None, dict | None, int]:
    """Load the manifest and the texts for ``validate``; return (manifest, texts, exit code)."""
    texts = None
    try:
        manifest = manifest_by_id(args)
        if args.texts:
            texts = load_texts(args)
    except (OSError, ValueError) as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        return None, None, 2
    if texts is None:
        try:
            texts = load_texts(args, manifest=manifest is not None)
        except (OSError, ValueError, RuntimeError) as exc:
            err.print(f"note: no article texts ({exc}); text checks skipped", highlight=False, markup=False)
    return manifest, texts, 0


def _cmd_validate(args: argparse.Namespace, out: Console, err: Console) -> int:
    if args.list_checks:
        if args.format == "json":
            out.print(
                json.dumps([vars(c) for c in CHECKS.values()], indent=2), soft_wrap=True, markup=False, highlight=False
            )
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
        out.print(
            json.dumps(summary.to_json(), indent=2, ensure_ascii=False), soft_wrap=True, markup=False, highlight=False
        )
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
    out.print(
        f"validate: {summary.files} file(s), {summary.errors} error(s), {summary.warnings} warning(s)",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    return summary.exit_code


def _annotate_usage(args: argparse.Namespace) -> str | None:
    """Return why the option combination cannot work, or None."""
    if args.ls_url and args.project is None:
        return "--ls-url needs --project (the Label Studio project id)"
    if args.replace and not args.out:
        return "--replace applies to --out (Label Studio keeps every submitted annotation)"
    if args.new_text:
        if not args.texts or not args.out:
            return "--new-text needs --texts (the new article's text) and --out (a drafts folder)"
        corpus_annotations = (project_root() / "annotations").resolve()
        if Path(args.out).resolve().is_relative_to(corpus_annotations):
            return (
                f"--new-text writes drafts, not corpus annotations: give an --out outside {corpus_annotations}; "
                "a new text enters the corpus only through curation (annotations/GUIDELINES.md §11.5)"
            )
    return None


def _cmd_annotate(args: argparse.Namespace, out: Console, err: Console) -> int:
    usage = _annotate_usage(args)
    if usage:
        err.print(f"error: {usage}", highlight=False, markup=False, soft_wrap=True)
        return 2
    manifest, texts, code = _validate_inputs(args, err)
    if code:
        return code
    submit = None
    if args.ls_url:
        try:
            client = ls_client(args.ls_url)
        except LabelStudioError as exc:
            err.print(f"error: {exc}", highlight=False, markup=False)
            return 2

        def submit(annotation: AnnotationSet) -> str:
            ls_id = submit_annotation(client, int(args.project), annotation, as_annotator=annotation.annotator)
            return f"label-studio annotation {ls_id}"

    outcomes = annotate(
        [Path(p) for p in args.passes],
        texts or {},
        out=Path(args.out) if args.out else None,
        submit=submit,
        manifest=manifest,
        replace=args.replace,
        new_texts=args.new_text,
    )
    if args.format == "json":
        rows = [
            {
                "pass": str(o.pass_file),
                "article_id": o.article_id,
                "annotator": o.annotator,
                "status": o.status,
                "entities": o.counts[0],
                "events": o.counts[1],
                "stances": o.counts[2],
                "relations": o.counts[3],
                "destination": o.destination,
                "problems": [p.to_json() for p in o.problems],
            }
            for o in outcomes
        ]
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
            table.add_row(
                Path(o.pass_file).name, o.article_id, o.annotator, status, *(str(n) for n in o.counts), o.destination
            )
        out.print(table)
        drafts = [o for o in outcomes if o.status == "draft"]
        if drafts:
            out.print(
                f"{len(drafts)} draft(s): article(s) not in the manifest ({', '.join(o.article_id for o in drafts)}). "
                "A new text enters the corpus only through curation; once `conflictnews curate` has put it in "
                "the manifest, run the same pass file again with --out annotations (annotations/GUIDELINES.md §11.5).",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
    return 1 if any(o.status == "refused" for o in outcomes) else 0


def _cmd_guidelines(args: argparse.Namespace, out: Console, err: Console) -> int:
    path = Path(args.path) if args.path else default_path()
    try:
        changed = stale_tables(path) if args.check else update_guidelines(path)
    except (GuidelinesError, FileNotFoundError) as exc:
        err.print(f"error: {path}: {exc}", highlight=False, markup=False)
        return 1
    if args.check and changed:
        err.print(
            f"{path}: stale generated table(s): {', '.join(changed)}; run `conflictnews guidelines`",
            highlight=False,
            markup=False,
        )
        return 1
    verb = "stale" if args.check else "rewritten"
    out.print(f"{path}: {', '.join(changed) + ' ' + verb if changed else 'tables current'}", highlight=False)
    return 0


def add_annotation_verbs(verbs: argparse._SubParsersAction) -> None:
    """Register ``validate``, ``annotate``, ``guidelines`` and ``import-gold``."""
    p = verbs.add_parser(
        "validate",
        help="check standoff annotation files; exit 1 on errors",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"runs {len(CHECKS)} checks ({', '.join(sorted({c.group for c in CHECKS.values()}))}); "
        "--list-checks prints them.\n"
        "example: conflictnews validate annotations/gold --texts data/texts --format json",
    )
    p.add_argument("paths", nargs="*", help="standoff files or folders (default: annotations/)")
    add_input_options(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="report format (default text)")
    p.add_argument("--list-checks", action="store_true", help="print the check catalogue and exit")
    p.add_argument(
        "--max-per-check",
        type=int,
        default=20,
        metavar="N",
        help="problems shown per check id (default 20; 0 shows all)",
    )
    p.set_defaults(func=_cmd_validate)
    p = verbs.add_parser(
        "annotate",
        help="resolve quote-based passes, validate them, write standoff or submit to Label Studio",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="A pass names spans by quoting them (exact text + occurrence or context, whole words only); the\n"
        "format is in annotations/GUIDELINES.md §11. Quote problems (absent, ambiguous, inside a word) and\n"
        "schema problems (e.g. a role the event type does not allow) are listed together; any error refuses\n"
        "the pass: nothing of it is stored; exit 1. A stored pass of the same article and annotator is kept\n"
        "unless --replace is given. Texts: --texts, else the manifest's texts (kept in data/texts-cache/).\n"
        "examples:\n"
        "  conflictnews annotate passes/*.yaml --out annotations\n"
        "  conflictnews annotate passes/a.yaml --out annotations --replace       # overwrite your earlier pass\n"
        "  conflictnews annotate new.yaml --texts new-texts/ --new-text --out drafts   # a text not in the corpus\n"
        "  CONFLICTNEWS_LS_TOKEN=... conflictnews annotate pass.yaml --ls-url http://127.0.0.1:8080 --project 3",
    )
    p.add_argument("passes", nargs="+", help="pass files (.yaml, .yml or .json), one article and annotator each")
    dest = p.add_mutually_exclusive_group(required=True)
    dest.add_argument("--out", help="write standoff under this annotations folder (offline)")
    dest.add_argument("--ls-url", help="submit to this Label Studio server (token in $CONFLICTNEWS_LS_TOKEN)")
    p.add_argument("--project", type=int, help="Label Studio project id (with --ls-url)")
    p.add_argument(
        "--replace",
        action="store_true",
        help="overwrite a stored pass of the same article and annotator under --out (atomically); "
        "without it such a pass is refused",
    )
    p.add_argument(
        "--new-text",
        action="store_true",
        help="also accept articles that are not in the manifest, with their text from --texts; written as "
        "drafts under --out (never under annotations/): a new text enters the corpus only through curation",
    )
    add_input_options(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="report format (default text)")
    p.set_defaults(func=_cmd_annotate)

    p = verbs.add_parser(
        "guidelines",
        help="regenerate the schema tables in annotations/GUIDELINES.md",
        epilog="example: conflictnews guidelines --check   # exit 1 when a table is stale",
    )
    p.add_argument("--path", help="the manual (default annotations/GUIDELINES.md)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 when a generated table is stale")
    p.set_defaults(func=_cmd_guidelines)

    p = verbs.add_parser(
        "import-gold",
        help="import re3d and GUM gold entities as imported-gold passes",
        epilog=IMPORT_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--source",
        action="append",
        choices=IMPORTABLE,
        help="import only this source (repeatable; default both)",
    )
    p.add_argument("--manifest", help="corpus manifest (default corpus/manifest.jsonl)")
    p.add_argument("--cache", help="upstream cache (default $CONFLICTNEWS_CACHE or data/upstream)")
    p.add_argument("--out", help="annotations folder to write (default annotations/)")
    p.add_argument(
        "--min-confidence",
        type=float,
        help="re3d confidence threshold (default: imported_gold.RE3D_MIN_CONFIDENCE, 0.5)",
    )
    p.set_defaults(func=_cmd_import_gold)
