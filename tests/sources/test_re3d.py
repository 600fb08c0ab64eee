"""Tests for the re3d reader, on the real mirrored files."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conflictnews.io import sha256_file
from conflictnews.sources import re3d
from conflictnews.sources.base import ReadResult
from tests.paths import MIRROR

ROOT = MIRROR / "re3d"

#: Expected per folder: (documents, licence id, licence class, a phrase of the folder's LICENSE).
EXPECTED = {
    "Australian Department of Foreign Affairs": (4, "CC-BY-3.0-AU", "cc-by", "Attribution 3.0 Australia"),
    "BBC Online": (8, "CC-BY-NC-3.0", "non-commercial", "Attribution-NonCommercial 3.0"),
    "CENTCOM": (23, "PD-USGov", "public-domain", "This dataset is public domain"),
    "Delegation of the European Union to Syria": (2, "EC-reuse", "cc-by", "eeas.europa.eu"),
    "UK Government": (26, "OGL-UK-3.0", "ogl", "Open Government Licence v3.0"),
    "US State Department": (22, "PD-USGov", "public-domain", "This dataset is public domain"),
    "Wikipedia": (13, "CC-BY-SA-3.0", "cc-by-sa", "Attribution-ShareAlike 3.0"),
}
#: The five entities whose upstream ``value`` differs from ``text[begin:end]``.
KNOWN_ENTITY_MISMATCHES = {
    "1101048768E50FA1F8DA3F7B7CD105AB-0-61-101-Person",
    "1101048768E50FA1F8DA3F7B7CD105AB-0-67-76-Person",
    "6874F49C56340E2BD65BF958916C97AE-1-329-353-Person",
    "E9035FF1D0DA74A11674C82688C05C51-4-0-17-Person",
    "F7AC57DBBAD0284C8C0DE6566B9B5C29-1-29-77-Organisation",
}


def _writable_copy(tmp_path: Path) -> Path:
    """Copy the (read-only) mirror folder somewhere the test may modify it."""
    root = tmp_path / "re3d"
    shutil.copytree(ROOT, root, copy_function=shutil.copyfile)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return root


@pytest.fixture(scope="module")
def result() -> ReadResult:
    if not (ROOT / "CENTCOM" / "documents.json").is_file():
        pytest.fail(f"re3d mirror not found at {ROOT}; set CONFLICTNEWS_MIRROR to ../shared/corpus")
    return re3d.read(ROOT)


def test_counts_per_folder(result: ReadResult) -> None:
    counts = Counter(a.attributes["folder"] for a in result.articles)
    assert counts == {folder: n for folder, (n, *_rest) in EXPECTED.items()}
    assert len(result.articles) == 98
    assert sum(1 for a in result.articles if a.attributes["folder"] != "BBC Online") == 90
    assert result.skipped == ()


def test_licence_per_folder_matches_the_licence_file(result: ReadResult) -> None:
    for article in result.articles:
        folder = article.attributes["folder"]
        _n, licence_id, category, phrase = EXPECTED[folder]
        assert article.licence.id == licence_id, article.id
        assert article.licence.category == category, article.id
        assert phrase in (ROOT / folder / "LICENSE").read_text(encoding="utf-8-sig")
        assert f"retrieved from the {folder} website" in article.licence.attribution
        assert "Defence Science and Technology Laboratory (Dstl)" in article.licence.attribution
        assert "\n" not in article.licence.attribution
        assert article.outlet == folder


def test_bbc_is_non_commercial_and_nothing_else_is(result: ReadResult) -> None:
    non_commercial = {a.attributes["folder"] for a in result.articles if a.licence.category == "non-commercial"}
    assert non_commercial == {"BBC Online"}


def test_provenance_points_to_the_record(result: ReadResult) -> None:
    lines_cache: dict[str, list[bytes]] = {}
    for article in result.articles:
        folder = article.attributes["folder"]
        assert article.source == "re3d" and article.genre == "news"
        assert article.title and article.text.strip()
        assert article.url.startswith(("http://", "https://")), article.id
        assert article.date == ""
        assert article.upstream.path == f"{folder}/documents.json"
        assert article.upstream.sha256 == sha256_file(ROOT / article.upstream.path)
        lines = lines_cache.setdefault(folder, (ROOT / article.upstream.path).read_bytes().split(b"\n"))
        number = int(article.upstream.record.removeprefix("line "))
        record = json.loads(lines[number - 1])
        assert article.id == f"re3d-{record['_id'].lower()}" == re3d.article_id(record["_id"])
        assert record["text"] == article.text
        assert record["sourceUrl"] == article.url
        assert article.attributes["re3d_id"] == record["_id"]
        provenance = article.provenance()
        assert all(
            provenance[key] != ""
            for key in (
                "id",
                "source",
                "genre",
                "title",
                "url",
                "outlet",
                "licence",
                "licence_url",
                "attribution",
                "text_sha256",
                "upstream_file",
                "upstream_file_sha256",
                "upstream_record",
            )
        )
        json.dumps(provenance)


def test_articles_sorted_and_ids_stable(result: ReadResult) -> None:
    ids = [a.id for a in result.articles]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    again = re3d.read(ROOT)
    assert [a.id for a in again.articles] == ids
    assert again.articles == result.articles
    assert again.extras == result.extras


def test_entities_match_text_except_known_upstream_mismatches(result: ReadResult) -> None:
    texts = {a.id: a.text for a in result.articles}
    entities = result.extras["entities"]
    assert len(entities) == 4838
    mismatched = set()
    for entity in entities:
        span = texts[entity.article_id][entity.begin : entity.end]
        assert entity.matches_text == (span == entity.value)
        if span != entity.value:
            mismatched.add(entity.id)
    assert mismatched == KNOWN_ENTITY_MISMATCHES
    assert any("5 entity values differ" in note for note in result.notes)
    assert any("4838 gold entities, 1430 gold relations" in note for note in result.notes)
    blank = [e for e in entities if not e.value.strip()]
    assert len(blank) == 3 and all(e.matches_text for e in blank)
    assert any("3 entity spans are whitespace only" in note for note in result.notes)


def test_offsets_are_code_points_not_utf8_bytes(result: ReadResult) -> None:
    texts = {a.id: a.text for a in result.articles}
    after_non_ascii = [
        e
        for e in result.extras["entities"]
        if e.matches_text and e.value.strip() and not texts[e.article_id][: e.begin].isascii()
    ]
    assert len(after_non_ascii) > 1000
    as_bytes = [
        e
        for e in after_non_ascii
        if texts[e.article_id].encode("utf-8")[e.begin : e.end].decode("utf-8", "replace") == e.value
    ]
    assert as_bytes == []
    # No astral characters: UTF-16 units and code points coincide in this source.
    assert all(max(map(ord, t)) <= 0xFFFF for t in texts.values())


def test_relations_linked_and_checked(result: ReadResult) -> None:
    texts = {a.id: a.text for a in result.articles}
    relations = result.extras["relations"]
    assert len(relations) == 1430
    bad = [r for r in relations if not r.matches_text]
    assert len(bad) == 26
    for relation in relations:
        text = texts[relation.article_id]
        if relation.matches_text:
            assert text[relation.source_begin : relation.source_end] == relation.source
            assert text[relation.target_begin : relation.target_end] == relation.target
            assert text[relation.begin : relation.end].strip() == relation.value


def test_annotations_of_unknown_documents_are_skipped(tmp_path: Path) -> None:
    root = _writable_copy(tmp_path)
    path = root / "CENTCOM" / "entities.json"
    extra = {
        "_id": "X-0-0-1-Location",
        "begin": 0,
        "end": 1,
        "type": "Location",
        "value": "X",
        "documentId": "NOSUCHDOCUMENT",
        "confidence": 1,
    }
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(extra) + "\n")
    read = re3d.read(root)
    assert [(s.reason, s.record) for s in read.skipped] == [
        ("annotation-without-document", f"CENTCOM/entities.json:line {len(path.read_text().splitlines())}")
    ]
    assert len(read.extras["entities"]) == 4838


def test_unknown_folder_is_refused(tmp_path: Path) -> None:
    root = _writable_copy(tmp_path)
    (root / "Some New Publisher").mkdir()
    with pytest.raises(ValueError, match="Some New Publisher"):
        re3d.read(root)
