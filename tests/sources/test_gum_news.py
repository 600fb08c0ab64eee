"""Tests for the GUM news reader, on the real mirrored files."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from conflictnews.io import sha256_file
from conflictnews.sources import gum_news
from conflictnews.sources.base import ReadResult
from tests.paths import MIRROR

ROOT = MIRROR / "gum-news"

AFGHAN_HEADLINE = (
    "After visa snags, all-girl Afghan team honored for 'courageous achievement' at international robotics competition"
)
AFGHAN_SENTENCE = (
    "The six-member Afghan team, which consists entirely of girls, had been denied visas to enter the United "
    "States until last week, drawing notice from critics of U.S. President Donald Trump's policies regarding "
    "Muslims traveling to the U.S."
)
KOREA_SENTENCE = (
    "According to Yonhap news agency, quoting North Korea's main news agency Korean Central News Agency (KCNA), "
    'the country\'s military has been placed on high alert and has been told to prepare a "quasi-state of war".'
)


@pytest.fixture(scope="module")
def result() -> ReadResult:
    if not (ROOT / "xml").is_dir():
        pytest.fail(f"GUM mirror not found at {ROOT}; set CONFLICTNEWS_MIRROR to ../shared/corpus")
    return gum_news.read(ROOT)


def _article(result: ReadResult, article_id: str):
    return next(a for a in result.articles if a.id == article_id)


def _tsv_forms(path: Path) -> list[str]:
    """Token forms of a WebAnno TSV file, read independently of the reader."""
    return [
        line.split("\t")[2] for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\d+-\d+\t", line)
    ]


def test_24_articles_with_full_provenance(result: ReadResult) -> None:
    assert len(result.articles) == 24
    assert result.skipped == ()
    ids = [a.id for a in result.articles]
    assert ids == sorted(ids) and len(set(ids)) == 24
    for article in result.articles:
        raw = (ROOT / article.upstream.path).read_text(encoding="utf-8")
        header = raw.split("\n", 1)[0]
        date = re.search(r'dateCreated="([^"]*)"', header).group(1)
        url = re.search(r'sourceURL="([^"]*)"', header).group(1)
        assert article.source == "gum-news" and article.genre == "news" and article.outlet == "Wikinews"
        assert article.date == date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.date)
        assert article.url == url and url.startswith("https://en.wikinews.org/wiki/")
        assert article.title and "&apos;" not in article.title
        assert article.upstream.path == f"xml/GUM_news_{article.id.removeprefix('gum-news-')}.xml"
        assert article.upstream.sha256 == sha256_file(ROOT / article.upstream.path)
        assert article.upstream.record == f"text {article.attributes['gum_id']}"
        assert article.licence.id == "CC-BY-2.5" and article.licence.category == "cc-by"
        assert article.licence.attribution == f"Wikinews contributors via GUM (Zeldes 2017), {url}"
        assert article.attributes["annotation_licence"] == "CC-BY-4.0"
        assert article.attributes["tsv_sha256"] == sha256_file(ROOT / article.attributes["tsv_file"])
    assert any("GUM annotations CC BY 4.0" in note for note in result.notes)


def test_known_sentences_rebuilt_exactly(result: ReadResult) -> None:
    afghan = _article(result, "gum-news-afghan")
    assert afghan.text.split("\n")[0] == AFGHAN_HEADLINE
    assert afghan.title == AFGHAN_HEADLINE
    assert afghan.text.split("\n")[1] == "Friday, July 21, 2017"
    assert AFGHAN_SENTENCE in afghan.text
    korea = _article(result, "gum-news-korea")
    assert korea.text.startswith("North Korea puts military in 'quasi-state of war'\nFriday, August 21, 2015\n")
    assert KOREA_SENTENCE in korea.text
    assert '"Foolhardy provocation deserves harsh punishment", it added; and, later, "Kim Jong-un' in korea.text


def test_no_naive_join_artefacts(result: ReadResult) -> None:
    for article in result.articles:
        assert "all - girl" not in article.text
        assert not re.search(r" [,.;:?!%)\]]", article.text), article.id
        assert not re.search(r"[(\[] ", article.text), article.id
        assert not re.search(r" (n't|'s|'ve|'ll|'re|'m)\b", article.text), article.id
        assert "\n\n" not in article.text and not article.text.startswith(("\n", " "))
    nasa = _article(result, "gum-news-nasa")
    assert "Texas A&M's Aerospace" in nasa.text


def test_all_gold_spans_match_the_text(result: ReadResult) -> None:
    texts = {a.id: a.text for a in result.articles}
    entities = result.extras["entities"]
    assert len(entities) == 5018
    forms = {a.id: _tsv_forms(ROOT / a.attributes["tsv_file"]) for a in result.articles}
    xml_tokens = {a.id: gum_news.read_tokens(ET.parse(ROOT / a.upstream.path).getroot()) for a in result.articles}
    for entity in entities:
        text = texts[entity.article_id]
        assert text[entity.start : entity.end] == entity.text
        # Independent of the rule: the span holds exactly its TSV tokens, whatever the spacing ...
        tokens = forms[entity.article_id][entity.token_start : entity.token_end]
        assert re.sub(r"\s", "", entity.text) == "".join(tokens)
        # ... and equals those tokens joined by the module's rule.
        span_tokens = xml_tokens[entity.article_id][entity.token_start : entity.token_end]
        assert [t.form for t in span_tokens] == tokens
        assert gum_news.join_tokens(span_tokens) == entity.text
    counts = Counter(e.type for e in entities)
    assert set(counts) <= {
        "person",
        "place",
        "organization",
        "abstract",
        "event",
        "object",
        "time",
        "substance",
        "plant",
        "animal",
    }
    assert counts["person"] == 1213 and counts["abstract"] == 1139


def test_known_entity(result: ReadResult) -> None:
    first = [e for e in result.extras["entities"] if e.article_id == "gum-news-korea"][0]
    assert (first.start, first.end, first.text, first.type) == (0, 11, "North Korea", "organization")
    assert (first.infstat, first.identity, first.gum_id) == ("acc:com", "North_Korea", "1")
    quasi = [e for e in result.extras["entities"] if e.article_id == "gum-news-korea" and e.gum_id == "4"]
    assert [(q.text, q.type, q.infstat, q.identity) for q in quasi] == [("quasi-state of war", "event", "new", "")]


def test_stable_across_reads(result: ReadResult) -> None:
    again = gum_news.read(ROOT)
    assert [a.id for a in again.articles] == [a.id for a in result.articles]
    assert again.articles == result.articles
    assert again.extras == result.extras


def test_token_mismatch_skips_entities_not_the_article(tmp_path: Path) -> None:
    root = tmp_path / "gum-news"
    shutil.copytree(ROOT, root, copy_function=shutil.copyfile)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    tsv = root / "tsv" / "GUM_news_korea.tsv"
    tsv.write_text(
        tsv.read_text(encoding="utf-8").replace("1-1\t0-5\tNorth\t", "1-1\t0-5\tSouth\t", 1), encoding="utf-8"
    )
    (root / "tsv" / "GUM_news_worship.tsv").unlink()
    read = gum_news.read(root)
    assert len(read.articles) == 24
    assert sorted((s.reason, s.record) for s in read.skipped) == [
        ("tsv-missing", "tsv/GUM_news_worship.tsv"),
        ("tsv-token-mismatch", "tsv/GUM_news_korea.tsv"),
    ]
    assert not any(e.article_id in ("gum-news-korea", "gum-news-worship") for e in read.extras["entities"])
