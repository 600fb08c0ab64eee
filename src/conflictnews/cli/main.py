"""The ``conflictnews`` console script: one verb per pipeline stage.

Stage: all (entry point). Input: command-line arguments. Output: the called stage's summary on
stdout, problems on stderr, and an exit code (0 success, 1 failure of the work, 2 bad usage).
Each verb parses its arguments, calls one library function, prints a summary and returns.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from rich.console import Console

from conflictnews import __version__
from conflictnews.cli.annotation import add_annotation_verbs
from conflictnews.cli.baselines import add_baseline_verbs
from conflictnews.cli.bench import add_bench_all
from conflictnews.cli.curate import add_bench_curate, add_curation_verbs
from conflictnews.cli.dataset import add_bench_build, add_build_verbs
from conflictnews.cli.evaluation import add_scoring_verbs
from conflictnews.cli.labelstudio import add_bench_ls, add_ls_parser
from conflictnews.cli.preannotate import add_bench_preannotate, add_preannotate_parser
from conflictnews.cli.sources import add_corpus_verbs

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


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser (one sub-command per stage)."""
    parser = argparse.ArgumentParser(
        prog="conflictnews",
        description="ConflictNews: corpus, annotation, dataset and benchmark tools.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"conflictnews {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True)

    corpus_verbs = add_corpus_verbs(verbs)
    add_curation_verbs(verbs, corpus_verbs)

    add_annotation_verbs(verbs)

    add_ls_parser(verbs)
    bench = verbs.add_parser("bench", help="benchmarks (timings are printed, never asserted); bare `bench` = all")
    bench_verbs = bench.add_subparsers(dest="bench_verb")  # a bare `bench` runs `bench all`
    add_bench_ls(bench_verbs)
    add_bench_curate(bench_verbs)

    add_bench_build(bench_verbs)
    add_build_verbs(verbs)

    add_scoring_verbs(verbs)

    add_baseline_verbs(verbs)

    add_preannotate_parser(verbs)
    add_bench_preannotate(bench_verbs)

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
