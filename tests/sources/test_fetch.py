from __future__ import annotations

import io
import shutil
import socket
import urllib.error
from pathlib import Path

import pytest

from conflictnews.cli.main import main
from conflictnews.io import sha256_file
from conflictnews.sources.fetch import FetchError, fetch, read_source, source_root, write_articles
from conflictnews.sources.registry import SOURCES, files_of, registry_files

SMALL = "unsc-vetoes"  # three small files: quick to copy and tamper with


def _small_mirror(mirror: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "mirror"
    shutil.copytree(mirror / SMALL, copy / SMALL)
    return copy


def test_registry_matches_the_mirror_checksums(mirror: Path) -> None:
    sums = {}
    for line in (mirror / "SHA256SUMS").read_text().splitlines():
        digest, rel = line.split(None, 1)
        sums[rel.removeprefix("./")] = digest
    files = registry_files()
    assert len(files) == len(sums) == 1641
    assert {f"{f.source}/{f.path}": f.sha256 for f in files} == sums
    assert {f.source for f in files} == set(SOURCES)


def test_upstream_urls_follow_the_pinned_commits() -> None:
    by_key = {f.key: f for f in registry_files()}
    assert by_key["wikinews/wikinews_2019.csv"].url == (
        "https://raw.githubusercontent.com/vanatteveldt/wikinews/347254178bf343f3801aac1d03c41cc09c35decb/"
        "data/wikinews_2019.csv"
    )
    assert by_key["gum-news/tsv/GUM_news_afghan.tsv"].url.endswith("/coref/gum/tsv/GUM_news_afghan.tsv")
    assert "/BBC%20Online/documents.json" in by_key["re3d/BBC Online/documents.json"].url
    portal = by_key["wikipedia-current-events/_posts/2025-01-01-index.md"]
    assert portal.url.endswith("/docs/_posts/2025-01-01-index.md")
    assert by_key["whitehouse-statements/FILES.sha256"].url == ""  # made by the mirror, not upstream


def test_offline_fetch_fills_the_cache_with_verified_files(fetched_cache: Path) -> None:
    for entry in registry_files()[::97]:
        assert sha256_file(fetched_cache / entry.source / entry.path) == entry.sha256
    assert not list(fetched_cache.rglob("*.part"))


def test_second_fetch_uses_the_cache(mirror: Path, tmp_path: Path) -> None:
    first = fetch(tmp_path / "c", mirror, sources=[SMALL], offline=True)
    second = fetch(tmp_path / "c", mirror, sources=[SMALL], offline=True)
    assert {o.origin for o in first.outcomes} == {"mirror"}
    assert {o.origin for o in second.outcomes} == {"cache"}


@pytest.mark.parametrize("damage", ["tamper", "truncate"])
def test_damaged_mirror_file_is_refused_with_file_checksums_and_fix(mirror: Path, tmp_path: Path, damage: str) -> None:
    bad_mirror = _small_mirror(mirror, tmp_path)
    victim = bad_mirror / SMALL / "unsc_vetoes_1946_sept2022.csv"
    data = victim.read_bytes()
    victim.write_bytes(data.replace(b"Russia", b"Rusxia", 1) if damage == "tamper" else data[: len(data) // 2])
    entry = next(f for f in files_of(SMALL) if f.path == victim.name)
    cache = tmp_path / "cache"
    report = fetch(cache, bad_mirror, sources=[SMALL], offline=True)
    assert [o.file.path for o in report.errors] == [victim.name]
    message = report.errors[0].error
    assert "unsc-vetoes/unsc_vetoes_1946_sept2022.csv" in message
    assert entry.sha256 in message and sha256_file(victim) in message
    assert "Fix:" in message
    assert ("truncated" in message) == (damage == "truncate")
    # nothing unverified or half-written is left in the cache; the other files arrived
    assert not (cache / SMALL / victim.name).exists()
    assert (cache / SMALL / "README.md").is_file()
    assert not list(cache.rglob("*.part"))


def test_damaged_mirror_does_not_overwrite_a_verified_cached_copy(mirror: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fetch(cache, mirror, sources=[SMALL], offline=True)
    good = (cache / SMALL / "LICENSE").read_bytes()
    bad_mirror = _small_mirror(mirror, tmp_path)
    (bad_mirror / SMALL / "LICENSE").write_bytes(b"tampered")
    report = fetch(cache, bad_mirror, sources=[SMALL], offline=True)
    assert not report.errors  # the verified cached copy is used; the mirror is not even read
    assert (cache / SMALL / "LICENSE").read_bytes() == good


def test_corrupt_cached_copy_is_replaced_and_reported(mirror: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fetch(cache, mirror, sources=[SMALL], offline=True)
    (cache / SMALL / "LICENSE").write_bytes(b"corrupt")
    report = fetch(cache, mirror, sources=[SMALL], offline=True)
    outcome = next(o for o in report.outcomes if o.file.path == "LICENSE")
    assert outcome.origin == "mirror" and "replaced" in outcome.notes[0]
    assert sha256_file(cache / SMALL / "LICENSE") == outcome.file.sha256


def test_missing_mirror_file_names_the_file_and_the_fix(mirror: Path, tmp_path: Path) -> None:
    bad_mirror = _small_mirror(mirror, tmp_path)
    (bad_mirror / SMALL / "README.md").unlink()
    report = fetch(tmp_path / "cache", bad_mirror, sources=[SMALL], offline=True)
    assert len(report.errors) == 1
    assert "unsc-vetoes/README.md: not in the mirror" in report.errors[0].error
    assert "--mirror" in report.errors[0].error


class _Response(io.BytesIO):
    def __enter__(self) -> _Response:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def test_network_failure_switches_to_the_mirror_after_one_attempt(mirror: Path, tmp_path: Path) -> None:
    calls: list[str] = []

    def unreachable(url: str, timeout: float) -> _Response:
        calls.append(url)
        raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    report = fetch(tmp_path / "cache", mirror, sources=[SMALL], offline=False, workers=1, opener=unreachable)
    assert len(calls) == 1
    assert not report.errors and {o.origin for o in report.outcomes} == {"mirror"}
    assert "network unavailable" in report.network_note


def test_downloads_are_verified_and_bad_downloads_fall_back_to_the_mirror(mirror: Path, tmp_path: Path) -> None:
    def serve(url: str, timeout: float) -> _Response:
        name = url.rsplit("/", 1)[1]
        data = (mirror / SMALL / name).read_bytes()
        return _Response(data if name != "LICENSE" else data + b"extra")

    report = fetch(tmp_path / "cache", mirror, sources=[SMALL], offline=False, workers=1, opener=serve)
    origins = {o.file.path: o.origin for o in report.outcomes}
    assert origins == {"LICENSE": "mirror", "README.md": "download", "unsc_vetoes_1946_sept2022.csv": "download"}
    licence = next(o for o in report.outcomes if o.file.path == "LICENSE")
    assert any("download from https://raw.githubusercontent.com/" in n for n in licence.notes)


def test_source_root_refuses_an_unfetched_source(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="conflictnews corpus fetch"):
        source_root("fa-kes", tmp_path)


def test_write_articles_is_jsonl_with_provenance(fetched_cache: Path, tmp_path: Path) -> None:
    result = read_source("wikinews", fetched_cache)
    path = write_articles(result, tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(result.articles)
    import json

    first = json.loads(lines[0])
    for key in (
        "id",
        "source",
        "url",
        "date",
        "title",
        "outlet",
        "licence",
        "licence_url",
        "attribution",
        "text_sha256",
        "upstream_file",
        "upstream_file_sha256",
        "text",
    ):
        assert first[key], key


def test_cli_fetch_and_stats(mirror: Path, fetched_cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cache = tmp_path / "cli-cache"
    assert (
        main(["corpus", "fetch", "--offline", "--mirror", str(mirror), "--cache", str(cache), "--source", SMALL]) == 0
    )
    assert "unsc-vetoes" in capsys.readouterr().out
    assert main(["corpus", "stats", "--cache", str(fetched_cache)]) == 0
    out = capsys.readouterr().out
    for source in SOURCES:
        assert source in out
    assert main(["corpus", "stats", "--cache", str(tmp_path / "empty")]) == 1
    assert "corpus fetch" in capsys.readouterr().err
