"""Shared test fixtures: the mirror of upstream files and a verified cache built from it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MIRROR = Path(os.environ.get("CONFLICTNEWS_MIRROR", ROOT.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The byte-identical mirror of the upstream files (../shared/corpus)."""
    if not (MIRROR / "SHA256SUMS").is_file():
        pytest.fail(f"mirror not found at {MIRROR}; set CONFLICTNEWS_MIRROR to ../shared/corpus")
    return MIRROR


@pytest.fixture(scope="session")
def fetched_cache(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache filled by the real ``fetch`` (offline, from the mirror), shared by the session."""
    from conflictnews.corpus import fetch

    cache = tmp_path_factory.mktemp("cache")
    report = fetch(cache, mirror, offline=True)
    assert not report.errors, [o.error for o in report.errors]
    return cache
