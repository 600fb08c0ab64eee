"""What the verbs share: the input options, loading those inputs, progress bars, Label Studio lookups.

Stage: all (entry points). Input: parsed arguments. Output: the manifest, the article texts and
the project's default paths, one copy for every verb, so ``--manifest``, ``--texts`` and
``--annotations`` mean the same everywhere.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from conflictnews.curation.pipeline import materialise
from conflictnews.curation.texts_cache import cached_materialise
from conflictnews.io import project_root, read_jsonl_by_id, read_manifest, read_texts
from conflictnews.labelstudio.project import ensure_project
from conflictnews.labelstudio.server import LabelStudioError, default_data_dir, read_info

MANIFEST_HELP = "corpus manifest JSON lines (default corpus/manifest.jsonl)"
TEXTS_HELP = (
    "article texts: a folder of <id>.txt or a JSON-lines file of {id, text} (default: the manifest's texts, "
    "materialised once and kept in data/texts-cache/)"
)
ANNOTATIONS_HELP = "annotations folder with gold/ and silver/ (default annotations/)"


def add_input_options(
    parser: argparse.ArgumentParser, *, manifest: bool = True, texts: bool = True, annotations: bool = False
) -> None:
    """Add the shared ``--manifest``, ``--texts`` and ``--annotations`` options to ``parser``."""
    if manifest:
        parser.add_argument("--manifest", help=MANIFEST_HELP)
    if texts:
        parser.add_argument("--texts", help=TEXTS_HELP)
    if annotations:
        parser.add_argument("--annotations", help=ANNOTATIONS_HELP)


def manifest_path(args: argparse.Namespace) -> Path:
    """Return ``--manifest`` or ``<project>/corpus/manifest.jsonl``."""
    given = getattr(args, "manifest", None)
    return Path(given) if given else project_root() / "corpus" / "manifest.jsonl"


def annotations_path(args: argparse.Namespace) -> Path:
    """Return ``--annotations`` or ``<project>/annotations``."""
    given = getattr(args, "annotations", None)
    return Path(given) if given else project_root() / "annotations"


def manifest_by_id(args: argparse.Namespace, *, required: bool = False) -> dict[str, dict[str, Any]] | None:
    """Return the manifest keyed by article id, or None when it is absent and not ``required``.

    Raises:
        JsonlError: For a malformed manifest (file and line named).
        FileNotFoundError: For a given or required manifest that does not exist.

    """
    path = manifest_path(args)
    if required or getattr(args, "manifest", None) or path.is_file():
        return read_jsonl_by_id(path)
    return None


def manifest_records(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Return the manifest's records sorted by id (the file must exist)."""
    return read_manifest(manifest_path(args))


def load_texts(args: argparse.Namespace, *, manifest: bool = True) -> dict[str, str]:
    """Return article id -> text: ``--texts`` when given, else the manifest's texts.

    The manifest's texts come from ``data/texts-cache/`` when it holds them for this exact
    manifest (every sha256 re-checked), else they are rebuilt from the upstream cache and kept
    there for the next run (:func:`conflictnews.curation.texts_cache.cached_materialise`).

    Args:
        args: Parsed arguments with ``texts`` (and ``manifest``).
        manifest: Materialise the articles of the manifest (False: of the default manifest only
            when it exists, as ``validate`` does).

    Raises:
        JsonlError, FileNotFoundError: For a bad ``--texts``.
        CurationError, FetchError: When the texts cannot be rebuilt (the message names the fix).

    """
    given = getattr(args, "texts", None)
    if given:
        return read_texts(Path(given))
    path = manifest_path(args)
    if manifest or path.is_file():
        return cached_materialise(path)
    return materialise(None)


def progress(console: Console) -> Progress:
    """Return the progress bar every long verb shows (description, bar, n of m, elapsed)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def error(err: Console, message: object) -> None:
    """Print ``error: <message>`` on stderr without markup or highlighting."""
    err.print(f"error: {message}", highlight=False, markup=False, soft_wrap=True)


def print_problems(problems: Sequence[object], err: Console, limit: int = 50) -> None:
    """Print the first ``limit`` problems on stderr, one a line, and how many more there are."""
    for problem in problems[:limit]:
        err.print(str(problem), highlight=False, markup=False, soft_wrap=True)
    if len(problems) > limit:
        err.print(f"... and {len(problems) - limit} more problem(s)", highlight=False, markup=False)


def server_url(args: argparse.Namespace) -> str:
    """Return ``--url`` or the URL of the server ``conflictnews ls start`` recorded in ``--data-dir``.

    Raises:
        LabelStudioError: When neither is there (the fix: start a server or pass --url).

    """
    if args.url:
        return str(args.url).rstrip("/")
    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    info = read_info(data_dir)
    if info is None:
        raise LabelStudioError(f"no server recorded in {data_dir}; run `conflictnews ls start` or pass --url")
    return info.url


def project_id(ls: Any, ref: str) -> int:
    """Return the Label Studio project id of ``ref`` (an id, or a title created when missing)."""
    return int(ref) if str(ref).isdigit() else ensure_project(ls, ref)
