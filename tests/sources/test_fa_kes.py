"""Tests for the FA-KES reader, on the real upstream file from the mirror."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest

from conflictnews.io import sha256_file, sha256_text
from conflictnews.sources import reader
from conflictnews.sources.fa_kes import FILENAME, decode_record, parse_date, read
from tests.paths import MIRROR

ROOT = MIRROR / "fa-kes"


@pytest.fixture(scope="module")
def result():
    if not (ROOT / FILENAME).is_file():
        pytest.fail(f"FA-KES not found at {ROOT}; set CONFLICTNEWS_MIRROR")
    return read(ROOT)


@pytest.fixture(scope="module")
def raw_rows() -> list[list[str]]:
    """The data rows parsed independently of the reader (latin-1 keeps every byte)."""
    return list(csv.reader(io.StringIO((ROOT / FILENAME).read_bytes().decode("latin-1"), newline="")))[1:]


def test_every_record_is_an_article_or_skipped(result, raw_rows):
    assert len(raw_rows) == 804
    assert len(result.articles) + len(result.skipped) == 804
    assert len(result.articles) == 804  # the deposit has no empty texts
    assert result.skipped == ()
    assert reader("fa-kes") is read


def test_credibility_counts_match_the_raw_labels(result, raw_rows):
    raw = Counter(row[6] for row in raw_rows)
    assert raw == {"1": 426, "0": 378}
    counts = Counter(article.attributes["credibility"] for article in result.articles)
    assert counts == {"credible": 426, "fake": 378}
    by_row = {article.upstream.record: article for article in result.articles}
    for number, row in enumerate(raw_rows, start=1):
        article = by_row[f"row {number}"]
        assert article.attributes["credibility"] == {"1": "credible", "0": "fake"}[row[6]]
        assert article.attributes["location"] == row[5]
        assert article.outlet == row[3]


def test_provenance_is_complete(result):
    file_sha = sha256_file(ROOT / FILENAME)
    for article in result.articles:
        assert re.fullmatch(r"fa-kes-\d{10}(-\d+)?", article.id)
        assert article.source == "fa-kes" and article.genre == "news"
        assert article.title.strip() and article.text.strip()
        assert article.url == ""
        assert article.outlet in {
            "ahram",
            "manar",
            "alalam",
            "alaraby",
            "dailysabah",
            "sana",
            "sputnik",
            "etilaf",
            "trt",
            "jordantimes",
            "reuters",
            "arabiya",
            "nna",
            "asharqalawsat",
            "tass",
        }
        assert re.fullmatch(r"20(1[1-8])-\d\d-\d\d", article.date)
        assert article.licence.id == "CC-BY-4.0-third-party-text"
        assert article.licence.category == "unclear"
        authors = ("Salem", "Al Feel", "Elbassuoni", "Jaber", "Farah", "ICWSM 2019", "10.5281/zenodo.2607278")
        for name in authors:
            assert name in article.licence.attribution
        assert article.licence.attribution.endswith(f"article text by {article.outlet}")
        assert article.upstream.path == FILENAME
        assert article.upstream.sha256 == file_sha
        assert re.fullmatch(r"row \d+", article.upstream.record)
        assert article.text_sha256 == sha256_text(article.text)
    assert Counter(article.date[:4] for article in result.articles)["2016"] == 395


def test_ids_are_unique_sorted_and_stable(result):
    ids = [article.id for article in result.articles]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    again = read(ROOT)
    assert [(a.id, a.upstream.record, a.text_sha256) for a in again.articles] == [
        (a.id, a.upstream.record, a.text_sha256) for a in result.articles
    ]


def test_repeated_unit_ids_get_occurrence_suffixes(result):
    by_id = {article.id: article for article in result.articles}
    # unit 1926479049 occurs four times in a row, once labelled credible and three times fake.
    group = [by_id[f"fa-kes-1926479049{suffix}"] for suffix in ("", "-2", "-3", "-4")]
    assert [a.upstream.record for a in group] == ["row 462", "row 463", "row 464", "row 465"]
    assert [a.attributes["credibility"] for a in group] == ["credible", "fake", "fake", "fake"]
    assert len({a.text for a in group}) == 1
    assert "fa-kes-1926479049-5" not in by_id
    assert sum(1 for a in result.articles if a.attributes["unit_id_occurrence"] > 1) == 12


def test_known_record_decoded_exactly(result):
    by_id = {article.id: article for article in result.articles}
    jordan = by_id["fa-kes-1924058042"]
    # Raw bytes: "north of Syria\x95_s Aleppo \x95_ monitor": the possessive apostrophe is restored,
    # the dash that the upstream export lost is marked with U+FFFD.
    assert jordan.title == "At least 70 killed in north of Syria\u2019s Aleppo \ufffd monitor | Jordan Times"
    assert jordan.repairs == ("restored-apostrophe", "marked-lost-character")
    assert (jordan.date, jordan.outlet, jordan.upstream.record) == ("2016-07-06", "jordantimes", "row 292")
    assert dict(jordan.attributes) == {
        "credibility": "credible",
        "location": "aleppo",
        "unit_id": "1924058042",
        "unit_id_occurrence": 1,
    }
    trt = by_id["fa-kes-1924058079"]
    assert "Follow Copyright \u00a9 2018 TRT World." in trt.text
    assert trt.repairs == ("restored-copyright-sign",)
    turkish = by_id["fa-kes-1924058139"]
    assert "Foreign Minister Mevlt avu\ufffdolu also stated" in turkish.text
    ascii_only = by_id["fa-kes-1914947530"]
    assert ascii_only.title == "Syria attack symptoms consistent with nerve agent use WHO"
    assert ascii_only.repairs == ()
    assert ascii_only.date == "2017-04-05"


def test_no_mojibake_anywhere(result):
    raw = (ROOT / FILENAME).read_bytes()
    markers = len(re.findall(rb"\x95[\x5f\x81\xb5]", raw))
    assert markers == 71
    seen: Counter[str] = Counter()
    for article in result.articles:
        for field in (article.title, article.text, article.outlet, article.attributes["location"]):
            for bad in ("\u00c3", "\u00e2\u20ac", "\u00c2", "\u00ef\u00bf", "\u2022", "\x00"):
                assert bad not in field, (article.id, bad)
            assert not re.search(r"[\x80-\x9f]", field), article.id
            seen.update(char for char in field if not char.isascii())
    # Every marker became exactly one character, and nothing else non-ASCII appeared.
    assert seen == {"\ufffd": 50, "\u00a9": 18, "\u2019": 3}
    assert sum(seen.values()) == markers


def test_repairs_are_counted_in_notes(result):
    repairs = Counter(kind for article in result.articles for kind in article.repairs)
    assert repairs == {"marked-lost-character": 34, "restored-copyright-sign": 18, "restored-apostrophe": 3}
    assert "repair marked-lost-character: 34 records" in result.notes
    assert any("row 7" in note and "Fake = 0" in note for note in result.notes)
    assert sum(1 for article in result.articles if article.repairs) == 53


@pytest.mark.parametrize(
    ("fields", "expected", "repairs"),
    [
        ([b"plain", b"ascii"], ("plain", "ascii"), ()),
        (["Damas\u00e9".encode(), b"x"], ("Damas\u00e9", "x"), ("decoded-utf-8",)),
        ([b"Damas\xe9", b"\x93quoted\x94"], ("Damas\u00e9", "\u201cquoted\u201d"), ("decoded-cp1252",)),
        ([b"\x81odd"], ("\x81odd",), ("decoded-latin-1",)),
        (
            ["Damas\u00e9".encode().decode("cp1252").encode()],
            ("Damas\u00e9",),
            ("decoded-utf-8", "ftfy-fixed-mojibake"),
        ),
        (
            [b"Syria\x95_s Aleppo \x95_ x", b"Copyright \x95\x81 2018 \x95\xb5"],
            ("Syria\u2019s Aleppo \ufffd x", "Copyright \u00a9 2018 \ufffd"),
            ("restored-apostrophe", "restored-copyright-sign", "marked-lost-character"),
        ),
    ],
)
def test_decode_record(fields, expected, repairs):
    assert decode_record(fields) == (expected, repairs)


def test_parse_date():
    assert parse_date("4/5/2017") == "2017-04-05"
    assert parse_date("12/31/2016") == "2016-12-31"
    assert parse_date("13/1/2016") == ""
    assert parse_date("2016-12-31") == ""
