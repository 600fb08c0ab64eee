"""Tests of the imported gold (re3d and GUM entity layers), on the real mirrored files."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictnews import schema
from conflictnews.annotation import standoff
from conflictnews.annotation.imported_gold import (
    RE3D_MIN_CONFIDENCE,
    import_gold,
    import_gum,
    import_re3d,
    map_gum,
    map_re3d,
    map_span,
    offset_map,
    render_report,
)
from conflictnews.annotation.validate import validate_data
from conflictnews.cli.main import main
from conflictnews.curation.normalise import curate_text, normalise_text
from conflictnews.sources.fetch import read_source
from tests.paths import MIRROR, ROOT


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def articles() -> dict[str, dict]:
    """Reader articles of re3d and GUM (from the mirror, which has the cache layout)."""
    if not (MIRROR / "re3d" / "CENTCOM" / "documents.json").is_file():
        pytest.fail(f"mirror not found at {MIRROR}; set CONFLICTNEWS_MIRROR to ../shared/corpus")
    out = {}
    for source in ("re3d", "gum-news"):
        result = read_source(source, MIRROR)
        texts = {a.id: curate_text(a.text, a.title, a.source, a.outlet).text for a in result.articles}
        out[source] = {"result": result, "texts": texts}
    return out


@pytest.fixture(scope="module")
def manifest(articles: dict[str, dict]) -> dict[str, dict]:
    """A manifest listing every re3d and GUM article (BBC included, to prove the licence gate)."""
    return {
        aid: {"id": aid, "text_sha256": _sha(text)}
        for source in articles.values()
        for aid, text in source["texts"].items()
    }


@pytest.fixture(scope="module")
def re3d_result(manifest: dict[str, dict]):
    return import_re3d(manifest, MIRROR)


# --------------------------------------------------------------------------------------------
# Mapping rules
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_type", "text", "following", "label", "attributes"),
    [
        ("Person", "Boris Johnson", "", "PER", {}),
        ("Organisation", "Syrian Democratic Forces", "", "ORG", {}),
        ("Organisation", "Syria", "", "GPE", {}),  # re3d types acting countries as Organisation
        ("Location", "Syria", "", "GPE", {}),
        ("Location", "the U.S.", "", "GPE", {}),
        ("Location", "Palmyra, Syria", "", "GPE", {}),
        ("Location", "eastern Aleppo", "", "LOC", {}),
        ("Location", "an ISIL-held building", "", "FAC", {}),
        ("Location", "Camp Hurriya", "", "FAC", {}),
        ("Nationality", "Syrian", " opposition", "GPE", {"level": "PRE"}),
        ("Nationality", "Syrian", ".", "GPE", {}),
        ("Nationality", "Iraqis", "", "PER", {}),
        ("Nationality", "Yazidi", " ", None, {}),
        ("Vehicle", "oil tanker trucks", "", "VEH", {"military": False}),
        ("MilitaryPlatform", "tanks", "", "VEH", {"military": True}),
        ("Weapon", "a VBIED", "", "WEA", {}),
        ("Temporal", "Tuesday", "", "TIME", {}),
        ("DocumentReference", "Resolution 2254", "", "AGREEMENT", {}),
        ("Quantity", "5 kg", "", None, {}),
        ("Coordinate", "33°47′N 44°30′E", "", None, {}),
    ],
)
def test_re3d_mapping(source_type: str, text: str, following: str, label: str | None, attributes: dict) -> None:
    mapped = map_re3d(source_type, text, following)
    assert mapped.label == label
    assert dict(mapped.attributes) == attributes
    if label is None:
        assert mapped.reason


@pytest.mark.parametrize(
    ("source_type", "text", "identity", "label"),
    [
        ("person", "he", "", "PER"),
        ("organization", "North Korea's", "", "GPE"),
        ("organization", "KCNA", "", "ORG"),
        ("place", "Yeoncheon", "", "LOC"),
        ("place", "the capital", "Seoul", "GPE"),
        ("place", "the hospital", "", "FAC"),
        ("time", "Thursday", "", "TIME"),
        ("object", "artillery rounds", "", "WEA"),
        ("object", "their computers", "", None),
        ("abstract", "propaganda", "", None),
        ("event", "the shelling", "", None),
    ],
)
def test_gum_mapping(source_type: str, text: str, identity: str, label: str | None) -> None:
    assert map_gum(source_type, text, identity).label == label


def test_every_upstream_type_has_a_rule(articles: dict[str, dict]) -> None:
    from conflictnews.annotation.imported_gold import GUM_RULES, RE3D_RULES

    re3d_types = {e.type for e in articles["re3d"]["result"].extras["entities"]}
    gum_types = {e.type for e in articles["gum-news"]["result"].extras["entities"]}
    assert re3d_types <= {r.source_type for r in RE3D_RULES}
    assert gum_types <= {r.source_type for r in GUM_RULES}
    for rule in (*RE3D_RULES, *GUM_RULES):
        assert set(rule.targets) <= set(schema.ENTITY_LABELS)


# --------------------------------------------------------------------------------------------
# Offsets through normalisation
# --------------------------------------------------------------------------------------------


def test_offsets_follow_normalisation() -> None:
    raw = "  Russia\u00a0 vetoed\r\nthe  UN draft\u200b.\n\n\n\nIn New York."
    curated, _ = normalise_text(raw)
    mapping = offset_map(raw, curated)
    for word in ("Russia", "vetoed", "UN draft", "New York"):
        start = raw.index(word)
        s, e = map_span(raw, curated, mapping, start, start + len(word))
        assert curated[s:e] == word
    start = raw.index("the  UN")
    s, e = map_span(raw, curated, mapping, start, start + len("the  UN"))
    assert curated[s:e] == "the UN"  # the span's own whitespace run is collapsed like the text's
    assert map_span(raw, curated, mapping, 0, 2) is None  # whitespace only


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text("abcXYZé", min_size=1, max_size=6),
            st.sampled_from([" ", "  ", "\t", "\r\n", "\n\n\n", "\u00a0", " \u200b"]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_word_offsets_map_onto_the_same_word(pieces: list[tuple[str, str]]) -> None:
    raw = "".join(w + sep for w, sep in pieces)
    curated, _ = normalise_text(raw)
    mapping = offset_map(raw, curated)
    position = 0
    for word, sep in pieces:
        mapped = map_span(raw, curated, mapping, position, position + len(word))
        assert mapped is not None
        assert curated[mapped[0] : mapped[1]] == normalise_text(word)[0]
        position += len(word) + len(sep)


def test_spans_follow_the_headline_and_boilerplate_rules(articles: dict[str, dict], manifest: dict[str, dict]) -> None:
    """The headline on top shifts every span; a repeated headline's spans move with it; a dateline's are counted."""
    result = import_gum(manifest, MIRROR)
    korea = next(a for a in articles["gum-news"]["result"].articles if a.id == "gum-news-korea")
    text = articles["gum-news"]["texts"][korea.id]
    assert text.startswith(korea.title + "\n\nAccording to Yonhap")  # headline once, dateline gone
    annotation = next(s for s in result.sets if s.article_id == korea.id)
    spans = {(e.span.text, e.label) for e in annotation.entities}
    assert ("North Korea", "GPE") in spans
    first = min(e.span.start for e in annotation.entities)
    assert first < len(korea.title)  # an entity of the repeated headline now sits in the headline on top
    assert all(text[e.span.start : e.span.end] == e.span.text for e in annotation.entities)
    assert dict(result.dropped).get("in removed boilerplate", 0) >= 1  # the dateline's TIME


def test_a_verbatim_repeated_headline_moves_to_the_top(articles: dict[str, dict]) -> None:
    article = next(a for a in articles["re3d"]["result"].articles if a.id.startswith("re3d-189862cf"))
    curated = curate_text(article.text, article.title, article.source, article.outlet)
    # re3d's UK Government release repeats its headline verbatim: it moves to the top, characters and all
    assert "headline-repeated:1" in curated.changes
    assert curated.index_map()[0] == 0 and curated.text.count(article.title) == 1


# --------------------------------------------------------------------------------------------
# re3d import on the real data
# --------------------------------------------------------------------------------------------


def test_bbc_excluded_even_when_listed(re3d_result, articles: dict[str, dict]) -> None:
    bbc = {a.id for a in articles["re3d"]["result"].articles if a.attributes["folder"] == "BBC Online"}
    assert len(bbc) == 8
    imported = {s.article_id for s in re3d_result.sets}
    assert not imported & bbc
    assert dict(re3d_result.articles) == {"imported": 90, "non-commercial": 8}
    assert {a for a, _ in re3d_result.refused} == bbc


def test_only_manifest_articles(articles: dict[str, dict], manifest: dict[str, dict]) -> None:
    some = dict(sorted(manifest.items())[:5])
    result = import_re3d(some, MIRROR)
    assert {s.article_id for s in result.sets} <= set(some)
    assert dict(result.articles)["not-in-manifest"] == 98 - sum(1 for a in some if a.startswith("re3d-"))


def test_counts_add_up_and_confidence_filter(re3d_result, articles: dict[str, dict]) -> None:
    kept = {s.article_id for s in re3d_result.sets}
    upstream = [e for e in articles["re3d"]["result"].extras["entities"] if e.article_id in kept]
    imported = sum(n for _, n in re3d_result.imported)
    accounted = (
        imported
        + sum(n for _, n in re3d_result.unmappable)
        + sum(n for _, n in re3d_result.filtered)
        + sum(n for _, n in re3d_result.dropped)
    )
    assert accounted == len(upstream)
    below = Counter(e.type for e in upstream if e.confidence < RE3D_MIN_CONFIDENCE)
    assert dict(re3d_result.filtered) == dict(below)
    assert sum(n for _, n in re3d_result.imported) == sum(len(s.entities) for s in re3d_result.sets)
    # every imported mention is one of an upstream span at or above the threshold
    good = Counter((e.article_id, e.type) for e in upstream if e.confidence >= RE3D_MIN_CONFIDENCE)
    assert sum(good.values()) >= imported
    assert (
        import_re3d(
            {s.article_id: {"text_sha256": s.text_sha256} for s in re3d_result.sets}, MIRROR, min_confidence=1.01
        ).imported
        == ()
    )
    unmappable_types = {t for (t, _), _ in re3d_result.unmappable}
    assert "Quantity" in unmappable_types


def test_every_imported_file_validates_and_offsets_match(
    re3d_result, articles: dict[str, dict], manifest: dict[str, dict]
) -> None:
    texts = articles["re3d"]["texts"]
    for annotation in re3d_result.sets:
        assert annotation.origin == "imported-gold" and annotation.annotator == "dstl-re3d"
        assert annotation.provenance["annotation_licence"] != "CC-BY-NC-3.0"
        assert annotation.provenance["min_confidence"] == RE3D_MIN_CONFIDENCE
        text = texts[annotation.article_id]
        assert annotation.text_sha256 == _sha(text)
        for e in annotation.entities:
            assert text[e.span.start : e.span.end] == e.span.text
        problems = validate_data(annotation.to_json(), file="x", text=text, manifest=manifest)
        assert problems == [], problems[:3]


def test_stale_manifest_refuses_the_article(manifest: dict[str, dict]) -> None:
    aid = next(a for a in sorted(manifest) if a.startswith("re3d-"))
    stale = {**manifest, aid: {"text_sha256": "0" * 64}}
    result = import_re3d(stale, MIRROR)
    assert aid not in {s.article_id for s in result.sets}
    assert dict(result.refused)[aid].startswith("curated text sha256")
    assert dict(result.articles)["text-version-mismatch"] == 1


def test_gum_import_validates(articles: dict[str, dict], manifest: dict[str, dict]) -> None:
    result = import_gum(manifest, MIRROR)
    assert len(result.sets) == 24
    texts = articles["gum-news"]["texts"]
    for annotation in result.sets:
        assert annotation.provenance["annotation_licence"] == "CC-BY-4.0"
        assert validate_data(annotation.to_json(), file="x", text=texts[annotation.article_id], manifest=manifest) == []
    assert {t for (t, _), _ in result.unmappable} >= {"abstract", "event"}
    assert dict(result.imported)["PER"] > 0


# --------------------------------------------------------------------------------------------
# The validator's relaxation is for imported-gold only
# --------------------------------------------------------------------------------------------


def test_unannotated_attributes_only_for_imported_gold(re3d_result) -> None:
    annotation = next(s for s in re3d_result.sets if any(e.label == "GPE" for e in s.entities))
    data = annotation.to_json()
    assert validate_data(data, file="x") == [
        p for p in validate_data(data, file="x") if p.check_id in ("manifest-unavailable", "text-unavailable")
    ]
    as_manual = {**data, "origin": "manual"}
    assert any(p.check_id == "missing-required-attribute" for p in validate_data(as_manual, file="x"))
    undeclared = {**data, "provenance": {k: v for k, v in data["provenance"].items() if k != "unannotated_attributes"}}
    assert any(p.check_id == "missing-required-attribute" for p in validate_data(undeclared, file="x"))
    # a present value is still checked
    bad = json.loads(json.dumps(data))
    bad["entities"][0]["attributes"]["level"] = "NAME"
    assert any(p.check_id == "attribute-value-not-allowed" for p in validate_data(bad, file="x"))


# --------------------------------------------------------------------------------------------
# Writing, report, CLI
# --------------------------------------------------------------------------------------------


def test_import_gold_writes_validated_files_and_report(tmp_path: Path, manifest: dict[str, dict]) -> None:
    results, problems = import_gold(manifest, cache=MIRROR, out=tmp_path)
    assert [p for p in problems if p.severity == "error"] == []
    files = standoff.iter_files(tmp_path / "gold")
    assert len(files) == 90 + 24
    assert all(p.name in ("dstl-re3d.json", "gum-corpus.json") for p in files)
    report = (tmp_path / "IMPORTED_GOLD.md").read_text(encoding="utf-8")
    assert report == render_report(results)
    assert report.startswith("<!-- Generated by `conflictnews import-gold`")
    assert "| Quantity | — |" in report and "Confidence threshold" in report


def test_import_gold_prunes_passes_of_articles_that_left_the_manifest(
    tmp_path: Path, manifest: dict[str, dict]
) -> None:
    gum = sorted(a for a in manifest if a.startswith("gum-news-"))
    import_gold(manifest, sources=("gum-news",), cache=MIRROR, out=tmp_path)
    other = tmp_path / "gold" / gum[0] / "ai-annotator-a.json"
    other.write_text("{}")  # another annotator's pass is never touched
    smaller = {k: v for k, v in manifest.items() if k not in gum[:2]}
    results, _ = import_gold(smaller, sources=("gum-news",), cache=MIRROR, out=tmp_path)
    assert not (tmp_path / "gold" / gum[1]).exists()
    assert other.exists() and not (tmp_path / "gold" / gum[0] / "gum-corpus.json").exists()
    assert len(standoff.iter_files(tmp_path / "gold")) == len(results[0].sets) + 1


def test_cli_import_gold_then_score(
    tmp_path: Path, manifest: dict[str, dict], capsys: pytest.CaptureFixture[str]
) -> None:
    manifest_file = tmp_path / "manifest.jsonl"
    manifest_file.write_text("".join(json.dumps(r) + "\n" for r in manifest.values()), encoding="utf-8")
    out = tmp_path / "annotations"
    code = main(
        ["import-gold", "--source", "re3d", "--manifest", str(manifest_file), "--cache", str(MIRROR), "--out", str(out)]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    code = main(["score", str(out / "gold"), str(out / "gold"), "--format", "json", "--bootstrap", "20"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    strict = next(m for m in report["metrics"] if m["name"] == "entity-strict")
    assert strict["micro"]["f1"] == 1.0 and report["documents"] == 90
    assert main(["import-gold", "--manifest", str(tmp_path / "none.jsonl")]) == 1


def test_committed_imported_gold_is_current() -> None:
    """annotations/IMPORTED_GOLD.md and annotations/gold/*/{dstl-re3d,gum-corpus}.json match a fresh import."""
    root = ROOT
    manifest_file, report_file = root / "corpus" / "manifest.jsonl", root / "annotations" / "IMPORTED_GOLD.md"
    if not (manifest_file.is_file() and report_file.is_file()):
        pytest.skip("no committed manifest or imported gold yet")
    from conflictnews.io import read_jsonl_by_id

    results, _ = import_gold(read_jsonl_by_id(manifest_file), cache=MIRROR, out=None)
    assert report_file.read_text(encoding="utf-8") == render_report(results), "run `conflictnews import-gold`"
    fresh = {str(standoff.relative_path(s)): standoff.dumps(s) for r in results for s in r.sets}
    committed = {
        str(p.relative_to(root / "annotations")): p.read_text(encoding="utf-8")
        for p in standoff.iter_files(root / "annotations" / "gold")
        if p.name in ("dstl-re3d.json", "gum-corpus.json")
    }
    assert committed == fresh, "stale imported gold: run `conflictnews import-gold`"
