"""Tests for the Wikinews reader, on the real upstream CSV files from the mirror."""

from __future__ import annotations

import csv
import hashlib
import re

import pytest

from conflictnews.io import sha256_file
from conflictnews.sources import reader
from conflictnews.sources.wikinews import FILENAMES, article_id, canonical_url, read
from tests.paths import MIRROR

ROOT = MIRROR / "wikinews"


@pytest.fixture(scope="module")
def result():
    if not all((ROOT / name).is_file() for name in FILENAMES):
        pytest.fail(f"Wikinews CSVs not found in {ROOT}; set CONFLICTNEWS_MIRROR")
    return read(ROOT)


@pytest.fixture(scope="module")
def raw_rows() -> dict[tuple[str, str], list[str]]:
    """(file, record) -> raw row, read independently of the reader."""
    rows = {}
    for name in FILENAMES:
        with (ROOT / name).open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(list(csv.reader(handle))[1:], start=1):
                rows[(name, f"row {number}")] = row
    return rows


def test_every_row_is_an_article_or_skipped(result, raw_rows):
    assert len(raw_rows) == 295
    assert len(result.articles) + len(result.skipped) == 295
    assert len(result.articles) == 294
    (skip,) = result.skipped
    assert (skip.record, skip.reason) == ("wikinews_2020.csv:row 104", "empty-text")
    assert "TEST_PAGE" in skip.detail
    assert reader("wikinews") is read


def test_provenance_is_complete(result, raw_rows):
    shas = {name: sha256_file(ROOT / name) for name in FILENAMES}
    for article in result.articles:
        assert re.fullmatch(r"wikinews-[0-9a-f]{10}", article.id)
        assert article.source == "wikinews" and article.genre == "news" and article.outlet == "Wikinews"
        assert article.title.strip() and article.text.strip()
        assert article.url.startswith("https://en.wikinews.org/wiki/") and "//wiki" not in article.url
        assert "2019-01-04" <= article.date <= "2021-03-15"
        assert article.licence.id == "CC-BY-2.5" and article.licence.category == "cc-by"
        assert article.licence.attribution == f"Wikinews contributors, {article.url}"
        assert article.upstream.path in FILENAMES
        assert article.upstream.sha256 == shas[article.upstream.path]
        raw = raw_rows[(article.upstream.path, article.upstream.record)]
        # Text and title are kept byte for byte as upstream wrote them.
        assert [article.attributes["upstream_url"], article.date, article.title, article.text] == raw
        assert article.repairs == ("url-double-slash-collapsed",)


def test_ids_are_unique_sorted_and_stable(result):
    ids = [article.id for article in result.articles]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert [(a.id, a.upstream.record) for a in read(ROOT).articles] == [
        (a.id, a.upstream.record) for a in result.articles
    ]
    for article in result.articles:
        assert article.id == "wikinews-" + hashlib.sha1(article.url.encode()).hexdigest()[:10]


def test_known_article(result):
    url = "https://en.wikinews.org/wiki/United_States_military_kills_Qasem_Soleimani"
    (article,) = [a for a in result.articles if a.url == url]
    assert article.id == article_id(url) == article_id(url.replace("/wiki/", "//wiki/"))
    assert article.title == "United States military kills Qasem Soleimani"
    assert article.date == "2020-01-05"
    assert article.text.startswith("Thursday, United States military forces killed Qasem Soleimani, head")
    assert article.upstream.path == "wikinews_2020.csv"


def test_pending_review_drafts_are_flagged(result):
    pending = [a for a in result.articles if a.attributes["pending_review"]]
    assert len(pending) == 2
    assert all(a.text.startswith("This article requires pre-publication review") for a in pending)


def test_canonical_url():
    assert canonical_url("https://en.wikinews.org//wiki/A,_b") == "https://en.wikinews.org/wiki/A,_b"
    assert canonical_url("https://en.wikinews.org/wiki/A") == "https://en.wikinews.org/wiki/A"
