"""Tests for conflictnews.curation.texts_cache: materialised texts stored by manifest sha256, never served stale."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from conflictnews.curation.texts_cache import cached_materialise
from conflictnews.io import read_manifest, sha256_file, sha256_text
from conflictnews.sources.fetch import FetchError
from tests.paths import ROOT


def _manifest(path: Path, n: int) -> Path:
    """A manifest of the first ``n`` committed Wikinews records (one source: a quick rebuild)."""
    records = [r for r in read_manifest(ROOT / "corpus" / "manifest.jsonl") if r["source"] == "wikinews"][:n]
    path.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in records), encoding="utf-8")
    return path


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def empty_upstream(tmp_path: Path) -> Path:
    """An upstream cache with nothing in it: any rebuild from it fails."""
    folder = tmp_path / "empty-upstream"
    folder.mkdir()
    return folder


def test_second_call_reads_the_store_not_the_upstream_files(
    tmp_path: Path, fetched_cache: Path, empty_upstream: Path
) -> None:
    manifest, store = _manifest(tmp_path / "manifest.jsonl", 3), tmp_path / "store"
    first = cached_materialise(manifest, store, fetched_cache)
    records = read_manifest(manifest)
    assert {i: sha256_text(t) for i, t in first.items()} == {r["id"]: r["text_sha256"] for r in records}
    stored = store / f"{sha256_file(manifest)}.jsonl"
    assert [p.name for p in store.iterdir()] == [stored.name]
    assert stat.S_IMODE(stored.stat().st_mode) == 0o644
    assert cached_materialise(manifest, store, empty_upstream) == first


def test_a_damaged_store_is_rebuilt_never_served(tmp_path: Path, fetched_cache: Path, empty_upstream: Path) -> None:
    manifest, store = _manifest(tmp_path / "manifest.jsonl", 3), tmp_path / "store"
    good = cached_materialise(manifest, store, fetched_cache)
    stored = store / f"{sha256_file(manifest)}.jsonl"
    rows = _rows(stored)
    rows[1]["text"] = rows[1]["text"].replace(" ", "  ", 1)
    stored.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(FetchError):
        cached_materialise(manifest, store, empty_upstream)  # must rebuild, and cannot
    assert cached_materialise(manifest, store, fetched_cache) == good
    assert {r["id"]: r["text"] for r in _rows(stored)} == good  # repaired

    stored.write_text("not json\n", encoding="utf-8")
    assert cached_materialise(manifest, store, fetched_cache) == good
    _manifest(manifest, 2)
    stored.unlink()
    (store / f"{sha256_file(manifest)}.jsonl").write_text(  # the right name, one article short
        json.dumps({"id": next(iter(good)), "text": next(iter(good.values()))}) + "\n", encoding="utf-8"
    )
    assert len(cached_materialise(manifest, store, fetched_cache)) == 2


def test_a_changed_manifest_gets_its_own_store_and_the_old_one_goes(tmp_path: Path, fetched_cache: Path) -> None:
    manifest, store = _manifest(tmp_path / "manifest.jsonl", 3), tmp_path / "store"
    cached_materialise(manifest, store, fetched_cache)
    old = store / f"{sha256_file(manifest)}.jsonl"
    (store / "notes.txt").write_text("not ours", encoding="utf-8")
    _manifest(manifest, 2)
    texts = cached_materialise(manifest, store, fetched_cache)
    assert len(texts) == 2
    assert sorted(p.name for p in store.iterdir()) == sorted([f"{sha256_file(manifest)}.jsonl", "notes.txt"])
    assert not old.exists()
