"""Fetch, verify and cache the upstream files; read every source into articles.

Stage: corpus. Input: the source registry (``sources/upstream.tsv``), the upstream URLs, and
the byte-identical mirror (default ``../shared/corpus`` beside the project). Output: a local
cache (default ``data/upstream/<source>/<path>``) whose every file matches its registered
sha256, and (``read_all``) per-source JSONL of articles with provenance in ``data/articles/``.

Rules:
- A file is taken from upstream when the network answers, else from the mirror. The first
  network failure (DNS, refused, timeout) switches the rest of the run to the mirror, so an
  offline run never waits more than one timeout.
- Bytes go to a temporary file in the cache folder, are verified, and only then renamed over the
  target: the cache never holds a half-written or unverified file.
- Every failure names the file, the expected and actual sha256 (or the error), and the fix.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictnews.io import atomic_write, project_root, sha256_bytes, sha256_file
from conflictnews.sources import reader
from conflictnews.sources.base import ReadResult
from conflictnews.sources.registry import READERS, RegistryFile, files_of, registry_files

ENV_CACHE = "CONFLICTNEWS_CACHE"
ENV_MIRROR = "CONFLICTNEWS_MIRROR"
ENV_OFFLINE = "CONFLICTNEWS_OFFLINE"
DEFAULT_TIMEOUT_S = 5.0


def default_cache() -> Path:
    """Return the cache folder: ``$CONFLICTNEWS_CACHE`` or ``<project>/data/upstream``."""
    env = os.environ.get(ENV_CACHE)
    return Path(env) if env else project_root() / "data" / "upstream"


def default_mirror() -> Path:
    """Return the mirror folder: ``$CONFLICTNEWS_MIRROR`` or ``<project>/../shared/corpus``."""
    env = os.environ.get(ENV_MIRROR)
    return Path(env) if env else project_root().parent / "shared" / "corpus"


class FetchError(RuntimeError):
    """One or more upstream files could not be fetched and verified (the message lists each)."""


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one registered file.

    Attributes:
        file: The registry entry.
        origin: ``cache`` (already present and verified), ``download`` or ``mirror``; '' on failure.
        error: Why the file could not be obtained ('' on success). Names expected/actual sha256 and the fix.
        notes: Things worth reporting that did not fail the file (a corrupt cached copy replaced,
            a download refused before the mirror was used).

    """

    file: RegistryFile
    origin: str
    error: str = ""
    notes: tuple[str, ...] = ()


@dataclass
class FetchReport:
    """The outcome of one ``fetch`` run.

    Attributes:
        cache: The cache folder.
        mirror: The mirror folder used as fallback.
        outcomes: One per registered file, in registry order.
        network_note: Why downloads were not used ('' when they were).

    """

    cache: Path
    mirror: Path
    outcomes: list[FileOutcome] = field(default_factory=list)
    network_note: str = ""

    @property
    def errors(self) -> list[FileOutcome]:
        """The failed files."""
        return [o for o in self.outcomes if o.error]


def _verify_message(entry: RegistryFile, where: str, actual: str, size: int) -> str:
    truncated = " (shorter than registered: truncated?)" if size < entry.size else ""
    return (
        f"{entry.key}: {where} has sha256 {actual} ({size} bytes){truncated}, "
        f"expected {entry.sha256} ({entry.size} bytes). Fix: restore the file byte for byte from "
        f"{entry.url or 'the original mirror'} (or point --mirror/${ENV_MIRROR} at an intact copy); "
        "never edit mirrored files."
    )


class _Network:
    """Downloads with a switch that turns off after the first connection-level failure."""

    def __init__(self, enabled: bool, timeout: float, opener: Callable[..., Any] | None = None) -> None:
        self.enabled = enabled
        self.timeout = timeout
        self.note = "" if enabled else "downloads disabled (--offline or $CONFLICTNEWS_OFFLINE); using the mirror"
        self._lock = threading.Lock()
        self._open = opener or urllib.request.urlopen

    def get(self, url: str) -> bytes | None:
        """Return the body of ``url``, or None when the network is (or just proved) unavailable."""
        if not self.enabled or not url:
            return None
        try:
            with self._open(url, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:  # the server answered: the network works
            raise OSError(f"HTTP {exc.code} for {url}") from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            with self._lock:
                if self.enabled:
                    self.enabled = False
                    self.note = f"network unavailable ({getattr(exc, 'reason', exc)}); using the mirror for all files"
            return None


def _fetch_one(entry: RegistryFile, cache: Path, mirror: Path, net: _Network) -> FileOutcome:
    target = cache / entry.source / entry.path
    notes: list[str] = []
    if target.is_file():
        actual = sha256_file(target)
        if actual == entry.sha256:
            return FileOutcome(entry, "cache")
        notes.append(f"cached copy had sha256 {actual}, expected {entry.sha256}: replaced")
    try:
        data = net.get(entry.url)
    except OSError as exc:
        data = None
        notes.append(f"download failed: {exc}")
    if data is not None:
        actual = sha256_bytes(data)
        if actual == entry.sha256:
            atomic_write(target, data)
            return FileOutcome(entry, "download", notes=tuple(notes))
        notes.append(_verify_message(entry, f"download from {entry.url}", actual, len(data)))
    source_file = mirror / entry.source / entry.path
    if not source_file.is_file():
        reason = f"{entry.key}: not in the mirror ({source_file} does not exist)"
        if not entry.url:
            reason += " and the file has no upstream URL"
        fix = (
            f"Fix: run with the network available, or point --mirror/${ENV_MIRROR} at a folder "
            "holding ../shared/corpus's files."
        )
        return FileOutcome(entry, "", f"{reason}. {' '.join(notes)} {fix}".strip(), tuple(notes))
    data = source_file.read_bytes()
    actual = sha256_bytes(data)
    if actual != entry.sha256:
        return FileOutcome(
            entry, "", _verify_message(entry, f"mirror copy {source_file}", actual, len(data)), tuple(notes)
        )
    atomic_write(target, data)
    return FileOutcome(entry, "mirror", notes=tuple(notes))


def fetch(
    cache: Path | None = None,
    mirror: Path | None = None,
    *,
    sources: Iterable[str] | None = None,
    offline: bool | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    workers: int = 8,
    progress: Callable[[FileOutcome], None] | None = None,
    opener: Callable[..., object] | None = None,
) -> FetchReport:
    """Bring every registered upstream file into the cache, verified by sha256.

    Args:
        cache: Cache folder (default :func:`default_cache`).
        mirror: Mirror folder (default :func:`default_mirror`).
        sources: Restrict to these source ids (default: all).
        offline: Skip downloads entirely (default: ``$CONFLICTNEWS_OFFLINE`` set to 1/true/yes).
        timeout: Seconds to wait for one download before declaring the network unavailable.
        workers: Parallel downloads.
        progress: Called once per finished file (for a progress bar).
        opener: ``urllib.request.urlopen``-compatible callable (tests inject one).

    Returns:
        A :class:`FetchReport`; its ``errors`` list every file that failed. Files that failed
        are absent from the cache (or keep their previous verified copy).

    """
    cache = cache or default_cache()
    mirror = mirror or default_mirror()
    if offline is None:
        offline = os.environ.get(ENV_OFFLINE, "").lower() in {"1", "true", "yes"}
    wanted = set(sources) if sources is not None else None
    entries = [f for f in registry_files() if wanted is None or f.source in wanted]
    net = _Network(not offline, timeout, opener)
    report = FetchReport(cache=cache, mirror=mirror)

    def run(entry: RegistryFile) -> FileOutcome:
        outcome = _fetch_one(entry, cache, mirror, net)
        if progress:
            progress(outcome)
        return outcome

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        report.outcomes = list(pool.map(run, entries))
    report.network_note = net.note
    return report


def source_root(source: str, cache: Path | None = None, *, verify: bool = False) -> Path:
    """Return the cache folder of ``source``, checking that its files were fetched.

    Args:
        source: Source id.
        cache: Cache folder (default :func:`default_cache`).
        verify: Also recompute every file's sha256 (slower; ``fetch`` already verified them).

    Raises:
        FetchError: If a registered file is missing (or, with ``verify``, differs).

    """
    root = (cache or default_cache()) / source
    problems = []
    for entry in files_of(source):
        path = root / entry.path
        if not path.is_file():
            problems.append(f"{entry.key}: not in the cache ({path})")
        elif path.stat().st_size != entry.size or (verify and sha256_file(path) != entry.sha256):
            problems.append(f"{entry.key}: cached copy differs from the registry")
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise FetchError(f"{shown}. Fix: run `conflictnews corpus fetch` first.")
    return root


def read_source(source: str, cache: Path | None = None) -> ReadResult:
    """Run the reader of ``source`` over its fetched files.

    Raises:
        FetchError: If the source has not been fetched.

    """
    return reader(source)(source_root(source, cache))


def write_articles(result: ReadResult, out_dir: Path) -> Path:
    """Write a reader's articles as JSONL (provenance + text), atomically.

    Args:
        result: A reader's result.
        out_dir: Folder for ``<source>.jsonl`` (and ``<source>.skipped.jsonl``).

    Returns:
        The path of the articles file.

    """
    lines = [
        json.dumps({**a.provenance(), "text": a.text}, ensure_ascii=False, sort_keys=True) for a in result.articles
    ]
    skipped = [
        json.dumps(
            {"source": s.source, "record": s.record, "reason": s.reason, "detail": s.detail},
            ensure_ascii=False,
            sort_keys=True,
        )
        for s in result.skipped
    ]
    path = out_dir / f"{result.source}.jsonl"
    atomic_write(path, ("\n".join(lines) + "\n" if lines else "").encode("utf-8"))
    atomic_write(
        out_dir / f"{result.source}.skipped.jsonl", ("\n".join(skipped) + "\n" if skipped else "").encode("utf-8")
    )
    return path


def all_sources() -> tuple[str, ...]:
    """Return every source id that has a reader, in registry order."""
    return tuple(READERS)
