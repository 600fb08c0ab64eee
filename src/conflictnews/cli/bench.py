"""``conflictnews bench all``: every stage's benchmark in one run, one table.

Stage: all (benchmark). Input: the verified upstream cache (curate), the manifest, texts and
annotations (build, preannotate), a fresh local Label Studio started and stopped here (ls) and
the built dataset folder (baselines); each defaults to what the stage's own ``bench`` verb reads.
Output: a list of :class:`StageFigure`, one measure each, printed by :func:`render_table` or
:func:`figures_json`. Each figure is compared, where a comparison makes sense, with a reference
measured in the same run on the same data (a plain pyarrow read or write), as ``ratio =
value / reference_value``, and checked against the issue's goal where one applies at that size.

The stages call the library benchmarks: :func:`conflictnews.bench.bench_curate`,
:func:`conflictnews.dataset.bench.bench_build`, :func:`conflictnews.preannotate.bench.bench_preannotate`,
:func:`conflictnews.labelstudio.bench.bench_ls`, plus the ``baselines`` stage here: the time of
:func:`conflictnews.dataset.load.load` against ``pyarrow.parquet.read_table`` of the same parquet
files. A stage whose optional dependency is missing is reported as skipped; a stage that fails is
reported as an error and the others still run. Timings are wall-clock and never asserted by tests.
"""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from conflictnews.curation.bench import bench_curate
from conflictnews.curation.pipeline import materialise
from conflictnews.dataset import load as data
from conflictnews.dataset.bench import bench_build
from conflictnews.evaluation.silver_quality import silver_quality
from conflictnews.io import project_root, read_manifest, read_texts
from conflictnews.labelstudio import server
from conflictnews.labelstudio.bench import bench_ls
from conflictnews.preannotate.bench import bench_preannotate
from conflictnews.preannotate.predictor import load_predictor

#: Stages in the order they run.
STAGES: tuple[str, ...] = ("curate", "build", "preannotate", "ls", "baselines")

#: Modules each stage needs, with the extra that installs them.
_NEEDS: Mapping[str, tuple[tuple[str, ...], str]] = {
    "curate": (("datatrove", "pyarrow"), "curation"),
    "build": (("datasets", "pyarrow"), "dataset"),
    "preannotate": (("spacy",), "baselines"),
    "ls": (("label_studio_sdk",), "labelstudio"),
    "baselines": (("datasets", "pyarrow"), "dataset"),
}


@dataclass(frozen=True)
class Sizes:
    """Workload of each stage.

    Attributes:
        curate_sizes: Synthetic set sizes for the curation benchmark.
        build_docs: Articles the build benchmark uses (None: the whole manifest).
        build_repeat: Runs per build measure (the fastest is kept).
        preannotate_docs: Articles for the in-process throughput run.
        preannotate_requests: ``POST /predict`` calls for the latency run.
        ls_tasks: Tasks imported and exported.
        baselines_warm: Also time a second ``load()`` on the now filled cache.

    """

    curate_sizes: tuple[int, ...]
    build_docs: int | None
    build_repeat: int
    preannotate_docs: int
    preannotate_requests: int
    ls_tasks: int
    baselines_warm: bool


#: The defaults of each stage's own ``bench`` verb (the sizes the issue's goals are stated for).
FULL = Sizes(
    curate_sizes=(10_000, 100_000),
    build_docs=None,
    build_repeat=2,
    preannotate_docs=200,
    preannotate_requests=100,
    ls_tasks=1000,
    baselines_warm=True,
)
#: Small sizes: the whole run in well under two minutes on two cores.
QUICK = Sizes(
    curate_sizes=(1_000, 2_000),
    build_docs=300,
    build_repeat=1,
    preannotate_docs=20,
    preannotate_requests=20,
    ls_tasks=50,
    baselines_warm=False,
)

# Issue goals and the size they are stated for.
CURATE_GOAL_DOCS, CURATE_GOAL_S = 100_000, 120.0
BUILD_GOAL_RATIO = 3.0
LOAD_GOAL_S = 1.0
LS_GOAL_TASKS, LS_GOAL_S = 1000, 60.0
PREANNOTATE_GOAL_S = 0.2


@dataclass(frozen=True)
class StageFigure:
    """One measure of one stage, next to what it is compared with.

    Attributes:
        stage: ``curate``, ``build``, ``preannotate``, ``ls`` or ``baselines``.
        measure: What was measured (with its size); for a skipped or failed stage, why.
        value: The figure (None when the stage was skipped or failed).
        unit: ``s``, ``ms``, ``docs/s`` or ``errors``.
        reference: What ``value`` is compared with, measured in the same run (None: nothing).
        reference_value: The reference's figure, in ``unit``.
        ratio: ``value / reference_value`` (for times: how many times as long as the reference).
        goal: The issue's target, as text (e.g. ``≤ 3×``), when one applies at this size.
        met: Whether the goal is met (None without a goal).
        status: ``ok``, ``skipped`` (an optional dependency is missing) or ``error``.

    """

    stage: str
    measure: str
    value: float | None
    unit: str
    reference: str | None = None
    reference_value: float | None = None
    ratio: float | None = None
    goal: str | None = None
    met: bool | None = None
    status: str = "ok"


def _figure(
    stage: str,
    measure: str,
    value: float,
    unit: str,
    reference: str | None = None,
    reference_value: float | None = None,
    goal: str | None = None,
    met: bool | None = None,
) -> StageFigure:
    """Return a figure whose ratio is computed from its value and reference."""
    ratio = value / reference_value if reference_value else None
    return StageFigure(stage, measure, value, unit, reference, reference_value, ratio, goal, met)


@dataclass(frozen=True)
class _Inputs:
    """Input paths (None: the default of the stage's own bench verb) and lazily read contents."""

    cache: Path | None
    manifest: Path | None
    texts: Path | None
    annotations: Path | None
    dataset: Path | None

    def manifest_path(self) -> Path:
        return self.manifest or project_root() / "corpus" / "manifest.jsonl"

    def annotations_path(self) -> Path:
        return self.annotations or project_root() / "annotations"


def _missing(stage: str) -> str | None:
    """Return why ``stage`` cannot run here (a missing optional module), or None."""
    import importlib.util

    modules, extra = _NEEDS[stage]
    absent = [m for m in modules if importlib.util.find_spec(m) is None]
    return f"{', '.join(absent)} not installed (pip install -e '.[{extra}]')" if absent else None


def _sample_build_inputs(
    manifest: list[dict[str, Any]], texts: Mapping[str, str], annotations: Path, n: int, folder: Path
) -> tuple[list[dict[str, Any]], dict[str, str], Path]:
    """Return ``n`` manifest records (every k-th by id) with their texts and a copy of their annotations.

    The build refuses annotations of articles missing from the manifest, so the annotation folders
    of the sampled articles are copied into ``folder``.
    """
    step = max(1, len(manifest) // n)
    sample = manifest[::step][:n]
    root = folder / "annotations"
    for record in sample:
        for tier in ("gold", "silver"):
            source = annotations / tier / record["id"]
            if source.is_dir():
                shutil.copytree(source, root / tier / record["id"])
    root.mkdir(parents=True, exist_ok=True)
    return sample, {r["id"]: texts[r["id"]] for r in sample if r["id"] in texts}, root


def _stage_curate(inputs: _Inputs, sizes: Sizes, say: Callable[[str], None]) -> list[StageFigure]:
    result = bench_curate(inputs.cache, sizes=sizes.curate_sizes, progress=say)
    read = "pyarrow read of the same docs"
    figures = []
    for row in result.rows:
        read_s = row.docs / row.read_docs_s
        name = row.name if f"{row.docs:,}" in row.name else f"{row.name}, {row.docs:,} docs"
        if row.pipeline_docs_s:
            figures.append(
                _figure("curate", f"whole pipeline (1 task), {name}", row.docs / row.pipeline_docs_s, "s", read, read_s)
            )
        goal = row.docs >= CURATE_GOAL_DOCS and row.recall is not None
        figures.append(
            _figure(
                "curate",
                f"dedup, {name}",
                row.dedup_s,
                "s",
                read,
                read_s,
                f"< {CURATE_GOAL_S:.0f} s" if goal else None,
                row.dedup_s < CURATE_GOAL_S if goal else None,
            )
        )
    largest = max((r for r in result.rows if r.pipeline_docs_s), key=lambda r: r.docs, default=None)
    if largest is not None:
        figures.append(
            _figure("curate", f"whole pipeline throughput, {largest.name}", largest.pipeline_docs_s or 0.0, "docs/s")
        )
        figures.append(_figure("curate", f"dedup throughput, {largest.name}", largest.dedup_docs_s, "docs/s"))
    return figures


def _stage_build(
    inputs: _Inputs, sizes: Sizes, texts: Callable[[], dict[str, str]], say: Callable[[str], None]
) -> list[StageFigure]:
    manifest = read_manifest(inputs.manifest_path())
    all_texts = texts()
    with tempfile.TemporaryDirectory(prefix="cn-bench-all-build-") as tmp:
        annotations = inputs.annotations_path()
        if sizes.build_docs is not None and len(manifest) > sizes.build_docs:
            say(f"sample {sizes.build_docs} of {len(manifest):,} articles")
            manifest, all_texts, annotations = _sample_build_inputs(
                manifest, all_texts, annotations, sizes.build_docs, Path(tmp)
            )
        say(f"build {len(manifest):,} articles, best of {sizes.build_repeat}")
        result = bench_build(manifest, all_texts, annotations, repeat=sizes.build_repeat, silver_quality=silver_quality)
    best = f"best of {sizes.build_repeat}"
    figures = [
        _figure(
            "build",
            f"full build (validate … card), {result.documents:,} docs, {best}",
            result.build_s,
            "s",
            "plain pyarrow write, same rows",
            result.pyarrow_s,
            f"≤ {BUILD_GOAL_RATIO:.0f}×",
            result.ratio <= BUILD_GOAL_RATIO,
        ),
        _figure("build", f"build throughput, {result.documents:,} docs", result.build_docs_s, "docs/s"),
    ]
    for config, seconds in result.load_s.items():
        figures.append(
            _figure(
                "build",
                f"cold load_dataset {config}, {best}",
                seconds,
                "s",
                goal=f"< {LOAD_GOAL_S:.0f} s",
                met=seconds < LOAD_GOAL_S,
            )
        )
    return figures


def _stage_preannotate(
    sizes: Sizes, texts: Callable[[], dict[str, str]], say: Callable[[str], None]
) -> list[StageFigure]:
    all_texts = texts()
    say("load the pre-annotator")
    predictor = load_predictor()
    say(f"{sizes.preannotate_docs} docs in process, {sizes.preannotate_requests} backend requests")
    result = bench_preannotate(
        predictor, all_texts, documents=sizes.preannotate_docs, requests=sizes.preannotate_requests
    )
    # No reference: nothing else does this work. The typical article is the sample's median length.
    ok = result.typical_latency < PREANNOTATE_GOAL_S
    return [
        _figure(
            "preannotate", f"{result.model} predict_many, {result.documents} docs", result.docs_per_second, "docs/s"
        ),
        _figure(
            "preannotate",
            f"backend latency, typical article ({result.typical_chars:,} chars)",
            1000 * result.typical_latency,
            "ms",
            goal=f"< {1000 * PREANNOTATE_GOAL_S:.0f} ms",
            met=ok,
        ),
        _figure("preannotate", f"backend latency p50, {result.requests} requests", 1000 * result.p50, "ms"),
        _figure("preannotate", f"backend latency p95, {result.requests} requests", 1000 * result.p95, "ms"),
    ]


def _stage_ls(sizes: Sizes, say: Callable[[str], None]) -> list[StageFigure]:
    import os

    # The server is throw-away (temporary folder, 127.0.0.1): the environment's credentials when
    # set, as for `bench ls`, else a random account that dies with the folder.
    env = {k: os.environ.get(k) for k in (server.ENV_USERNAME, server.ENV_PASSWORD, server.ENV_TOKEN)}
    credentials = (
        server.Credentials.from_env()
        if all(env.values())
        else server.Credentials("bench-all@example.com", secrets.token_urlsafe(16), secrets.token_hex(20))
    )
    with tempfile.TemporaryDirectory(prefix="conflictnews-bench-all-ls-") as tmp:
        say("start a fresh Label Studio (migrations, not part of the goal)")
        started = time.perf_counter()
        info = server.start_server(Path(tmp), credentials=credentials)
        start_s = time.perf_counter() - started
        try:
            say(f"import + export {sizes.ls_tasks} tasks")
            result = bench_ls(server.client(info.url, token=credentials.token), sizes.ls_tasks)
        finally:
            server.stop_server(Path(tmp))
    total = result.import_s + result.export_s
    goal = result.tasks >= LS_GOAL_TASKS
    n = f"{result.tasks:,} tasks"
    return [
        _figure("ls", "server start, fresh SQLite (untimed in bench ls)", start_s, "s"),
        _figure("ls", f"import {n} with predictions", result.import_s, "s"),
        _figure("ls", f"export {n} (JSON→standoff→validate→files)", result.export_s, "s"),
        _figure(
            "ls",
            f"import + export {n}",
            total,
            "s",
            goal=f"< {LS_GOAL_S:.0f} s" if goal else None,
            met=total < LS_GOAL_S if goal else None,
        ),
        _figure(
            "ls",
            f"validator errors in {result.passes:,} exported passes",
            float(result.errors),
            "errors",
            goal="0",
            met=result.errors == 0,
        ),
    ]


def _stage_baselines(inputs: _Inputs, sizes: Sizes, say: Callable[[str], None]) -> list[StageFigure]:
    import pyarrow.parquet as pq

    source = inputs.dataset or data.default_folder()
    if not (source / "checksums.sha256").is_file():
        raise data.BenchmarkDataError(
            f"{source}: no built dataset (checksums.sha256 missing); run `conflictnews build` first"
        )
    import datasets  # noqa: F401 (imported before the clock starts: import time is not load time)

    with tempfile.TemporaryDirectory(prefix="cn-bench-all-baselines-") as tmp:
        # A copy in a temporary folder, so nothing the stage does can touch the real build.
        folder = Path(tmp) / source.name
        shutil.copytree(source, folder)
        say("load() with an empty datasets cache")
        started = time.perf_counter()
        loaded = data.load(folder)
        cold_s = time.perf_counter() - started
        docs = sum(len(v) for v in loaded.docs.values())
        configs = ("documents", "snippets")  # what load() reads by default
        files = sorted(p for c in configs if (folder / c).is_dir() for p in (folder / c).glob("*.parquet"))
        say(f"pyarrow read_table of {len(files)} parquet files")
        started = time.perf_counter()
        for path in files:
            pq.read_table(path)
        read_s = time.perf_counter() - started
        warm_s = None
        if sizes.baselines_warm:
            say("load() again, cache filled")
            started = time.perf_counter()
            data.load(folder)
            warm_s = time.perf_counter() - started
    reference = f"pyarrow read_table, same {len(files)} files"
    figures = [
        _figure("baselines", f"baselines.data.load(), empty cache, {docs:,} docs", cold_s, "s", reference, read_s)
    ]
    if warm_s is not None:
        figures.append(
            _figure("baselines", f"baselines.data.load(), cache filled, {docs:,} docs", warm_s, "s", reference, read_s)
        )
    return figures


def bench_all(
    *,
    quick: bool = False,
    stages: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
    cache: Path | None = None,
    manifest: Path | None = None,
    texts: Path | None = None,
    annotations: Path | None = None,
    dataset: Path | None = None,
) -> list[StageFigure]:
    """Run the benchmark of every stage (or of ``stages``) and return their figures.

    Args:
        quick: Small sizes (:data:`QUICK`) instead of the stages' own defaults (:data:`FULL`).
        stages: Stages to run, from :data:`STAGES` (default: all, in that order).
        progress: Called with a line per step.
        cache: Verified upstream cache for curate and for materialising texts (default as for
            ``corpus fetch``).
        manifest: Corpus manifest (default ``corpus/manifest.jsonl``).
        texts: Article texts, a folder of ``<id>.txt`` or a JSON-lines file (default: materialised
            from the manifest and the cache, sha256-checked).
        annotations: Annotations folder for build (default ``annotations/``).
        dataset: Built dataset folder for baselines (default ``dist/conflictnews`` or
            ``$CONFLICTNEWS_DATASET``).

    Returns:
        The figures, stage by stage; a skipped or failed stage gives one figure with status
        ``skipped`` or ``error`` and the reason as its measure.

    Raises:
        ValueError: For an unknown stage name.

    """
    chosen = list(STAGES if stages is None else dict.fromkeys(stages))
    unknown = [s for s in chosen if s not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(STAGES)}")
    sizes = QUICK if quick else FULL
    inputs = _Inputs(cache, manifest, texts, annotations, dataset)
    say_all = progress or (lambda _line: None)
    read: dict[str, dict[str, str]] = {}

    def article_texts() -> dict[str, str]:
        if "texts" not in read:
            say_all("texts: read" if inputs.texts else "texts: materialise (sha256-checked)")
            read["texts"] = (
                read_texts(inputs.texts) if inputs.texts else materialise(inputs.manifest_path(), inputs.cache)
            )
        return read["texts"]

    figures: list[StageFigure] = []
    for stage in chosen:

        def say(line: str, stage: str = stage) -> None:
            say_all(f"{stage}: {line}")

        reason = _missing(stage)
        if reason:
            figures.append(StageFigure(stage, f"skipped: {reason}", None, "", status="skipped"))
            continue
        say("start")
        try:
            if stage == "curate":
                figures += _stage_curate(inputs, sizes, say)
            elif stage == "build":
                figures += _stage_build(inputs, sizes, article_texts, say)
            elif stage == "preannotate":
                figures += _stage_preannotate(sizes, article_texts, say)
            elif stage == "ls":
                figures += _stage_ls(sizes, say)
            else:
                figures += _stage_baselines(inputs, sizes, say)
        except Exception as exc:  # one failed stage must not hide the others' figures
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            status = "skipped" if _is_missing_dependency(exc) else "error"
            figures.append(StageFigure(stage, f"{status}: {type(exc).__name__}: {message}", None, "", status=status))
    return figures


def _is_missing_dependency(exc: BaseException) -> bool:
    """Tell whether ``exc`` says an optional package or program is not installed.

    A broken import of the project's own code (a module being edited) is an error, not a skip.
    """
    if isinstance(exc, ModuleNotFoundError):
        return not (exc.name or "conflictnews").startswith("conflictnews")
    text = str(exc)
    return "pip install" in text and (isinstance(exc, ImportError) or "not installed" in text)


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "errors":
        return f"{value:.0f}"
    if unit == "docs/s":
        return f"{value:,.0f} docs/s" if value >= 10 else f"{value:.1f} docs/s"
    if unit == "ms":
        return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"
    return f"{value:,.2f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def render_table(figures: Sequence[StageFigure], title: str = "bench all") -> Any:
    """Return a ``rich`` table of the figures (one row each; skipped and failed stages say why).

    Args:
        figures: What :func:`bench_all` returned.
        title: The table title.

    Returns:
        A ``rich.table.Table``.

    """
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title)
    for col in ("stage", "measure", "value", "reference (same run)", "ref. value", "ratio", "goal", "met"):
        table.add_column(
            col,
            justify="left" if col in {"stage", "measure", "reference (same run)"} else "right",
            no_wrap=col in {"stage", "value", "ref. value", "ratio", "met"},
            min_width=48 if col == "measure" else None,
            max_width=34 if col == "reference (same run)" else None,
        )
    stage = None
    for f in figures:
        if stage is not None and f.stage != stage:
            table.add_section()
        stage = f.stage
        if f.status != "ok":
            style = "red" if f.status == "error" else "yellow"
            table.add_row(f.stage, Text(f.measure, style=style), *("—",) * 6)
            continue
        met = "—" if f.met is None else Text("yes", style="green") if f.met else Text("no", style="red")
        table.add_row(
            f.stage,
            Text(f.measure),
            _value(f.value, f.unit),
            Text(f.reference or "—"),
            _value(f.reference_value, f.unit) if f.reference else "—",
            f"{f.ratio:,.1f}×" if f.ratio is not None else "—",
            f.goal or "—",
            met,
        )
    return table


def figures_json(figures: Sequence[StageFigure]) -> str:
    """Return the figures as JSON: ``{"figures": [...]}``, one object per figure."""
    return json.dumps({"figures": [asdict(f) for f in figures]}, indent=2, ensure_ascii=False)


BENCH_ALL_EXAMPLE = """\
examples:
  conflictnews bench                               # = bench all: every stage at its own bench's default sizes
  conflictnews bench all --quick                   # small sizes, well under two minutes
  conflictnews bench all --stage build --stage baselines --format json > bench.json
Stages: curate (dedup + pipeline vs a pyarrow read), build (vs a plain pyarrow write; cold
load_dataset per config), preannotate (docs/s, ML backend latency), ls (import + export against a
fresh Label Studio it starts and stops), baselines (baselines.data.load() vs pyarrow read_table).
A stage whose optional extra is missing is reported as skipped; exit 1 only when a stage failed.
"""


def _cmd_bench_all(args: Any, out: Any, err: Any) -> int:
    import sys

    from rich.console import Console

    # Bound to the real stderr now: curation redirects sys.stderr to its log while datatrove runs.
    console = Console(file=sys.stderr, width=160)
    paths = {
        k: Path(v) if v else None
        for k, v in (
            ("cache", args.cache),
            ("manifest", args.manifest),
            ("texts", args.texts),
            ("annotations", args.annotations),
            ("dataset", args.dataset),
        )
    }
    with console.status("bench all") as status:
        figures = bench_all(
            quick=args.quick,
            stages=args.stage or None,
            progress=lambda line: status.update(f"bench all: {line}"),
            **paths,
        )
    if args.format == "json":
        out.print(figures_json(figures), soft_wrap=True, markup=False, highlight=False)
    else:
        out.print(render_table(figures, f"bench all ({'quick sizes' if args.quick else 'default sizes'})"))
    failed = [f for f in figures if f.status == "error"]
    for f in failed:
        err.print(
            f"error: stage {f.stage} failed: {f.measure.removeprefix('error: ')}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    return 1 if failed else 0


def add_bench_all(bench_verbs: Any) -> Any:
    """Register ``bench all`` on the ``bench`` sub-parsers.

    Returns:
        The ``bench all`` parser; ``vars(parser.parse_args([]))`` are its defaults, which the
        ``bench`` parser takes as its own so that a bare ``conflictnews bench`` runs ``bench all``.

    """
    import argparse

    p = bench_verbs.add_parser(
        "all",
        help="every stage's benchmark in one run, one table (the default of `bench`)",
        epilog=BENCH_ALL_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--quick", action="store_true", help="small sizes (the whole run well under two minutes)")
    p.add_argument("--stage", action="append", choices=STAGES, help="run only this stage (repeatable; default all)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="report format (default text)")
    p.add_argument("--cache", help="verified upstream cache (default $CONFLICTNEWS_CACHE or data/upstream)")
    p.add_argument("--manifest", help="corpus manifest (default corpus/manifest.jsonl)")
    p.add_argument("--texts", help="texts: folder of <id>.txt or JSON lines {id, text} (default: materialise)")
    p.add_argument("--annotations", help="annotations folder with gold/ and silver/ (default annotations/)")
    p.add_argument("--dataset", help="built dataset folder for baselines (default dist/conflictnews)")
    p.set_defaults(func=_cmd_bench_all)
    return p
