"""Shared test fixtures: the mirror of upstream files and a verified cache built from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import MIRROR


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The byte-identical mirror of the upstream files (../shared/corpus)."""
    if not (MIRROR / "SHA256SUMS").is_file():
        pytest.fail(f"mirror not found at {MIRROR}; set CONFLICTNEWS_MIRROR to ../shared/corpus")
    return MIRROR


@pytest.fixture(scope="session")
def fetched_cache(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache filled by the real ``fetch`` (offline, from the mirror), shared by the session."""
    from conflictnews.sources.fetch import fetch

    cache = tmp_path_factory.mktemp("cache")
    report = fetch(cache, mirror, offline=True)
    assert not report.errors, [o.error for o in report.errors]
    return cache


@pytest.fixture(scope="session")
def ls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """One real Label Studio for the session: 127.0.0.1, free port, data in tmp; always stopped."""
    pytest.importorskip("label_studio_sdk", reason="pip install -e '.[labelstudio]'")
    from conflictnews.labelstudio import server

    env = {
        server.ENV_USERNAME: "ci-admin@example.com",
        server.ENV_PASSWORD: "ci-password-123",
        server.ENV_TOKEN: "ci-legacy-token-0123456789",
    }
    mp = pytest.MonkeyPatch()
    for key, value in env.items():
        mp.setenv(key, value)
    data = tmp_path_factory.mktemp("labelstudio")
    info = server.start_server(data)
    try:
        assert info.url.startswith("http://127.0.0.1:")
        yield info.url, server.client(info.url)
    finally:
        server.stop_server(data)
        mp.undo()
    assert not server._alive(info.pid)
